"""Spelling of both languages with Debian's Hunspell dictionaries (make dictionaries) and the word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook import languages
from playbook.editorial import sources, spelling

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _hunspell():
    try:
        spelling.hunspell_verdicts(["test"], "en_GB")
        spelling.hunspell_verdicts(["test"], "nb_NO")
    except spelling.HunspellMissing as error:
        pytest.fail(str(error))


def misspelt(tmp_path: Path, lang: str, text: str, name: str = "page.md") -> list[tuple[int, str]]:
    path = tmp_path / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [(found.line, found.word) for found in spelling.check([sources.Source(path, lang)])]


def test_every_page_and_string_is_spelt_right():
    items = sources.collect(ROOT / "docs", languages.STRINGS_DIR, languages.CODES)
    found = spelling.check(items)
    assert not found, "\n".join(str(problem) for problem in found)


def test_a_planted_misspelling_is_found_with_file_line_and_word(tmp_path):
    page = (ROOT / "docs/nb/after.md").read_text(
        encoding="utf-8"
    ) + "\nSend bekreftelsen samme dag uten forsinkelsse.\n"
    path = tmp_path / "nb" / "after.md"
    path.parent.mkdir(parents=True)
    path.write_text(page, encoding="utf-8")
    [problem] = spelling.check([sources.Source(path, "nb")])
    assert (problem.path, problem.line, problem.word) == (path, page.count("\n"), "forsinkelsse")
    assert str(problem).startswith(f"{path}:{problem.line}: misspelt word 'forsinkelsse'")


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("nb", "Kunden har betalt for mye, så du sender en kreditnota.\n", []),
        ("nb", "Kunden har betalt for mye, så du sender en kredittnotta.\n", [(1, "kredittnotta")]),
        ("en", "Recognise the colour of the licence.\n", []),
        ("en", "Recognize the color.\n", [(1, "color")]),
        ("en", "This sentense is wrong.\n", [(1, "sentense")]),
        ("en", "The playbook's calculator.\n", []),
        ("nb", "Send den som PDF-en eller på e-post.\n", []),
    ],
)
def test_words_of_each_language(tmp_path, lang, text, found):
    assert misspelt(tmp_path, lang, text) == found


def test_syntax_code_addresses_ids_and_placeholders_are_not_checked(tmp_path):
    page = (
        "---\ndescription: Riktig skrevet.\n---\n\n"
        "## Overskrift {#xqzwv-id}\n"
        "Se `xqzwv` og https://example.org/xqzwv og [lenke](xqzwv.md).\n"
        "Hei {xqzwv}.\n"
        "/// checklist | Sjekkliste\n    id: xqzwv\n\n- [ ] Ring. {#xqzwv}\n///\n"
        "```python\nxqzwv = 1\n```\n"
        "Men xqzwv i teksten er feil.\n"
    )
    assert misspelt(tmp_path, "nb", page) == [(16, "xqzwv")]


def test_a_norwegian_term_in_the_english_edition_passes_in_italics_or_link_text_only(tmp_path):
    text = "Send a credit note (*kreditnota*), see [Om heving](x.md).\nA kreditnota is plain here.\n"
    assert misspelt(tmp_path, "en", text) == [(2, "kreditnota")]


def test_a_planted_misspelling_in_a_string_table_is_found_on_its_line(tmp_path):
    table = tmp_path / "en.json"
    table.write_text('{\n  "a": "Fine words",\n  "b.c": "A {n} mistaek here"\n}\n', encoding="utf-8")
    assert [(p.line, p.word) for p in spelling.check([sources.Source(table, "en")])] == [(3, "mistaek")]


@pytest.mark.parametrize("code", languages.CODES)
def test_the_word_list_holds_only_words_the_dictionary_lacks(code):
    words = spelling.wordlist(code)
    assert words, code
    known = [
        word for word, good in spelling.hunspell_verdicts(words, spelling.DICTIONARIES[code]).items() if good
    ]
    assert not known, f"words-{code}.txt lists words {spelling.DICTIONARIES[code]} already knows: {known}"
