"""What the editorial checks read: the reader-visible text of pages and string tables, line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook import languages
from playbook.editorial import sources

ROOT = Path(__file__).resolve().parents[2]


def texts(markdown: str) -> dict[int, str]:
    """Line number -> readable text of a page (without the marks around link texts and emphasis)."""
    lines = ((number, sources.unmark(text)[0].strip()) for number, text in sources.markdown_lines(markdown))
    return {number: text for number, text in lines if text}


def test_front_matter_gives_only_the_description_on_its_line():
    page = "---\ndescription: Kort og klart.\ntitle: ignored\n---\n\n# Tittel\n"
    assert texts(page) == {2: "Kort og klart.", 6: "# Tittel"}


def test_code_addresses_ids_and_attribute_lists_are_taken_out():
    page = (
        "## Overskrift {#some-id}\n"
        "Se `kode her` og https://example.org/sti og [lenketekst](other.md#anker){: .x }.\n"
        "```python\nprint('no')\n```\n"
        "Etter.\n"
    )
    assert texts(page) == {1: "## Overskrift", 2: "Se   og   og lenketekst .", 6: "Etter."}


def test_a_text_fence_is_prose_and_is_read():
    page = '```text title="Klausul"\nLeverandøren skal varsle.\n```\n'
    assert texts(page) == {2: "Leverandøren skal varsle."}


def test_block_titles_are_read_and_option_lines_are_not():
    page = "/// checklist | Før samtalen\n    id: before-call\n\n- [ ] Ring kunden. {#call}\n///\n"
    assert texts(page) == {1: "Før samtalen", 4: "- [ ] Ring kunden."}


def test_template_lines_give_their_text_without_the_key():
    page = (
        "/// conversation-templates\n\nscript.opening: Hei, {client_name}. Takk.\n"
        "script.closing: Første linje.\n  Andre linje.\n///\n"
    )
    assert texts(page) == {3: "Hei, {client_name}. Takk.", 4: "Første linje.", 5: "Andre linje."}


def test_admonition_titles_are_read():
    assert texts('!!! warning "Ikke juridisk rådgivning"\n    Tekst.\n') == {
        1: "Ikke juridisk rådgivning",
        2: "Tekst.",
    }


def test_lines_drop_placeholders_unless_asked_and_mark_links_and_emphasis(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Hei {client_name}, se [*Om heving*](x.md) og *kjøpsloven*.\n", encoding="utf-8")
    [line] = list(sources.lines(page))
    assert line.number == 1
    assert line.text == "Hei  , se Om heving og kjøpsloven."
    assert [line.text[a:b] for a, b in line.marked] == ["Om heving", "kjøpsloven"]
    [kept] = list(sources.lines(page, placeholders=True))
    assert kept.text.startswith("Hei {client_name},")


def test_string_tables_give_each_value_on_the_line_of_its_key(tmp_path):
    table = tmp_path / "nb.json"
    table.write_text('{\n  "a.b": "Første {n} verdi",\n  "c": "Andre \\"sitert\\""\n}\n', encoding="utf-8")
    assert [(line.number, line.text) for line in sources.lines(table)] == [
        (2, "Første   verdi"),
        (3, 'Andre "sitert"'),
    ]


def test_collect_finds_every_page_and_table_of_each_language():
    found = sources.collect(ROOT / "docs", languages.STRINGS_DIR, languages.CODES)
    for code in languages.CODES:
        pages = {source.path.name for source in found if source.lang == code and source.path.suffix == ".md"}
        assert {"index.md", "planner.md", "summary.md"} <= pages
        assert any(source.path.name == f"{code}.json" for source in found if source.lang == code)


def test_another_kind_of_file_is_refused(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="not a page or a string table"):
        list(sources.lines(other))
