"""The build's check of checklists over docs/: within a page, within a language, and between languages."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

from playbook import languages
from playbook.blocks import checklist
from playbook.blocks.checklist import sources as checklist_sources
from playbook.site import hooks

DOCS = Path(__file__).resolve().parents[2] / "docs"
CODES = ["nb", "en"]


def block(checklist_id: str, *items: str, title: str = "Title") -> str:
    lines = [f"/// checklist | {title}", f"    id: {checklist_id}", ""]
    lines += [f"- [ ] Text of {item}. {{#{item}}}" for item in items]
    return "\n".join([*lines, "///", ""])


def write_tree(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    """pages: {"before.md": {"nb": markdown, "en": markdown}} -> docs/<code>/<page>."""
    for page, twins in pages.items():
        for code, text in twins.items():
            path = root / code / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def test_scan_reads_ids_and_lines():
    text = "# Page\n\nIntro.\n\n" + block("before-call", "a", "b") + "\n" + block("after-call", "c")
    checklists, problems = checklist_sources.scan(text)
    assert problems == []
    assert [(c.id, c.line, [(i.id, i.line) for i in c.items]) for c in checklists] == [
        ("before-call", 5, [("a", 8), ("b", 9)]),
        ("after-call", 12, [("c", 15)]),
    ]


def test_scan_skips_fenced_code_and_other_blocks():
    text = "```text\n" + block("in-code", "a") + "```\n\n/// details | Not a checklist\nText.\n///\n"
    assert checklist_sources.scan(text) == ([], [])


def test_twins_in_step_pass(tmp_path):
    docs = write_tree(tmp_path, {"before.md": {"nb": block("x", "a", "b"), "en": block("x", "a", "b")}})
    assert checklist_sources.check(docs, CODES) == []


def test_an_item_in_another_order_fails_naming_file_and_line(tmp_path):
    docs = write_tree(tmp_path, {"p.md": {"nb": block("x", "a", "b", "c"), "en": block("x", "a", "c", "b")}})
    assert checklist_sources.check(docs, CODES) == [
        "docs/en/p.md:5: the items of checklist 'x' [a, c, b] differ from [a, b, c] in docs/nb/p.md:1; "
        "every language needs the same item ids in the same order"
    ]


def test_an_item_missing_in_one_language_fails(tmp_path):
    docs = write_tree(tmp_path, {"p.md": {"nb": block("x", "a", "b"), "en": block("x", "a")}})
    [problem] = checklist_sources.check(docs, CODES)
    assert problem.startswith("docs/en/p.md:4: the items of checklist 'x' [a] differ from [a, b]")


def test_a_renamed_item_id_fails(tmp_path):
    docs = write_tree(tmp_path, {"p.md": {"nb": block("x", "a", "b"), "en": block("x", "a", "bee")}})
    [problem] = checklist_sources.check(docs, CODES)
    assert problem.startswith("docs/en/p.md:5: the items of checklist 'x' [a, bee] differ from [a, b]")


@pytest.mark.parametrize(
    ("english", "described"),
    [
        (block("one", "a"), "[one]"),
        (block("two", "b") + "\n" + block("one", "a"), "[two, one]"),
        (block("one", "a") + "\n" + block("two", "b") + "\n" + block("three", "c"), "[one, two, three]"),
    ],
    ids=["missing", "swapped", "extra"],
)
def test_a_checklist_missing_or_reordered_in_one_language_fails(tmp_path, english, described):
    nb = block("one", "a") + "\n" + block("two", "b")
    docs = write_tree(tmp_path, {"p.md": {"nb": nb, "en": english}})
    [problem] = checklist_sources.check(docs, CODES)
    assert problem.startswith("docs/en/p.md:")
    assert (
        f"checklists {described} differ from [one, two] in docs/nb/p.md; every language needs the same"
        in problem
    )


def test_a_checklist_id_on_two_pages_of_a_language_fails(tmp_path):
    docs = write_tree(
        tmp_path,
        {
            "after.md": {"nb": block("x", "a"), "en": block("x", "a")},
            "before.md": {"nb": "# B\n\n" + block("x", "b"), "en": "# B\n\n" + block("x", "b")},
        },
    )
    problems = checklist_sources.check(docs, CODES)
    assert problems == [
        f"docs/{code}/before.md:3: checklist id 'x' is used twice (first in docs/{code}/after.md:1); every "
        "one needs its own id"
        for code in CODES
    ]


def test_within_page_problems_name_file_and_line_and_skip_the_comparison(tmp_path):
    broken = block("x", "a", "a")
    docs = write_tree(tmp_path, {"p.md": {"nb": block("x", "a", "b"), "en": broken}})
    assert checklist_sources.check(docs, CODES) == [
        "docs/en/p.md:5: item id 'a' is used twice (first on line 4); every one needs its own id"
    ]


def test_on_config_fails_the_build_with_the_messages(tmp_path):
    docs = write_tree(
        tmp_path, {"p.md": {"nb": block("x", "a"), "en": "/// checklist | T\n\n- [ ] a {#a}\n///\n"}}
    )
    with pytest.raises(PluginError) as raised:
        hooks.on_config(SimpleNamespace(docs_dir=str(docs), site_url="https://example.org/"))
    assert "docs/en/p.md:1: the checklist has no id" in str(raised.value)


def test_the_real_docs_pass():
    assert checklist_sources.check(DOCS, languages.CODES) == []


EXPECTED_CHECKLISTS = {
    "before.md": "before-call",
    "conversation.md": "during-call",
    "after.md": "after-call",
    "prevention.md": "prevention",
}


def test_the_playbook_has_its_checklists_in_every_language():
    items = 0
    for page, checklist_id in EXPECTED_CHECKLISTS.items():
        for lang in languages.LANGUAGES:
            text = (DOCS / lang.code / page).read_text(encoding="utf-8")
            checklists, _problems = checklist_sources.scan(text)
            assert [c.id for c in checklists] == [checklist_id], f"docs/{lang.code}/{page}"
        items += len(checklists[0].items)
    assert items >= 20


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page", sorted(EXPECTED_CHECKLISTS))
def test_scan_and_extension_read_the_real_pages_alike(lang, page):
    """The source check and the rendered widget agree on ids and order: the check covers what readers get."""
    text = (DOCS / lang.code / page).read_text(encoding="utf-8")
    scanned = [(c.id, [i.id for i in c.items]) for c in checklist_sources.scan(text)[0]]
    html = markdown.Markdown(
        extensions=["attr_list", "pymdownx.superfences", "playbook.blocks.checklist"]
    ).convert(text)
    rendered = []
    for part in html.split(f'{checklist.CHECKLIST_ATTR}="')[1:]:
        checklist_id = part.split('"', 1)[0]
        body = part.split("</fieldset>", 1)[0]
        items = [chunk.split('"', 1)[0] for chunk in body.split(f'{checklist.ITEM_ATTR}="')[1:]]
        rendered.append((checklist_id, items))
    assert scanned == rendered
