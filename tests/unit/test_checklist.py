"""The checklist Markdown extension: golden Markdown -> HTML pairs, and every malformed block failing loudly.

Golden pairs live in tests/unit/golden/checklist/ (<case>.md in, <case>.html out). After an intended change
to the output, regenerate them with ``PLAYBOOK_REGEN_GOLDEN=1 .venv/bin/pytest tests/unit/test_checklist.py``
and review the diff. Each malformed case must fail in both readers of a block: the extension (which raises)
and the source scan the build runs first (which names the line).
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import golden
from playbook.blocks import checklist
from playbook.blocks.checklist.sources import scan

GOLDEN = Path(__file__).parent / "golden" / "checklist"
# The site's Markdown setup, reduced to what meets a checklist: ids in braces, fenced code, the blocks.
EXTENSIONS = ["attr_list", "pymdownx.superfences", "playbook.blocks.checklist"]
CASES = golden.cases("checklist")


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_there_are_golden_cases():
    assert len(CASES) >= 5, f"golden cases missing from {GOLDEN}"


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    golden.check("checklist", case, render)


def test_widget_interface_in_the_output():
    """The names checklist.js and the tests rely on, declared once in checklist.py, are in the HTML."""
    html = render((GOLDEN / "basic.md").read_text(encoding="utf-8"))
    assert f'{checklist.WIDGET_ATTR}="{checklist.NAME}"' in html
    assert f'{checklist.CHECKLIST_ATTR}="before-call"' in html
    boxes = re.findall(r"<input [^>]*>", html)
    assert len(boxes) == 3
    for box, item in zip(boxes, ("reason-in-facts", "work-out-refund", "schedule-call"), strict=True):
        field = checklist.field_id("before-call", item)
        assert 'type="checkbox"' in box
        assert f'{checklist.ITEM_ATTR}="{item}"' in box
        assert f'id="{field}"' in box and f'name="{field}"' in box
        assert f'<label class="checklist__label" for="{field}">' in html
    assert f'id="{checklist.title_id("before-call")}"' in html


def test_field_ids_cannot_collide():
    # "a-b" + "c" and "a" + "b-c" must not share a field id; ids never contain "--".
    assert checklist.field_id("a-b", "c") != checklist.field_id("a", "b-c")
    with pytest.raises(checklist.ChecklistError):
        checklist.valid_id("a--b", "item id")


@pytest.mark.parametrize(
    "value", ["before-call", "a", "step-2", "x1-y2-z3"], ids=lambda value: value or "empty"
)
def test_valid_ids(value):
    assert checklist.valid_id(value, "item id") == value


@pytest.mark.parametrize("value", ["", "Before", "before_call", "-a", "a-", "a b", "å", 3, None])
def test_invalid_ids(value):
    with pytest.raises(checklist.ChecklistError, match="not a valid id"):
        checklist.valid_id(value, "item id")


def test_parse_item_splits_id_and_label():
    assert checklist.parse_item("[ ] Text with *emphasis*. {#item-id}") == (
        "item-id",
        "Text with *emphasis*.",
    )
    assert checklist.parse_item("[ ]   Spaced  {#spaced}  ") == ("spaced", "Spaced")
    assert checklist.parse_item("[ ] Keeps {braces} inside {#x}") == ("x", "Keeps {braces} inside")


def test_parse_options_fills_and_validates():
    assert checklist.parse_options({"id": "before-call"}) == {"id": "before-call"}
    with pytest.raises(checklist.ChecklistError, match="must be 'name: value' lines"):
        checklist.parse_options(["id"])


# name -> (Markdown, line the scan names, what the extension says, what the scan says)
MALFORMED = {
    "missing checklist id": (
        "/// checklist | T\n\n- [ ] a {#a}\n///\n",
        1,
        "the checklist has no id",
        "the checklist has no id",
    ),
    "invalid checklist id": (
        "/// checklist | T\n    id: Before_Call\n\n- [ ] a {#a}\n///\n",
        1,
        "checklist id 'Before_Call' is not a valid id",
        "checklist id 'Before_Call' is not a valid id",
    ),
    "duplicate checklist id on a page": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n///\n\n"
        "/// checklist | U\n    id: x\n\n- [ ] a {#a}\n///\n",
        7,
        "checklist id 'x' is used twice",
        "checklist id 'x' is used twice (first on line 1)",
    ),
    "missing item id": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n- [ ] b\n///\n",
        5,
        "item 'b' has no id",
        "item 'b' has no id",
    ),
    "invalid item id": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#Item_A}\n///\n",
        4,
        "item id 'Item_A' is not a valid id",
        "item id 'Item_A' is not a valid id",
    ),
    "duplicate item id": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n- [ ] b {#b}\n- [ ] c {#a}\n///\n",
        6,
        "item id 'a' is used twice",
        "item id 'a' is used twice (first on line 4)",
    ),
    "a non-task list item": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n- b {#b}\n///\n",
        5,
        "item 'b {#b}' is not a task",
        "item 'b {#b}' is not a task",
    ),
    "a box without a space after it": (
        "/// checklist | T\n    id: x\n\n- [ ]a {#a}\n///\n",
        4,
        "is not a task",
        "is not a task",
    ),
    "a ticked item": (
        "/// checklist | T\n    id: x\n\n- [x] a {#a}\n///\n",
        4,
        "must start unticked",
        "must start unticked",
    ),
    "an item id written as an attribute list": (
        "/// checklist | T\n    id: x\n\n- [ ] a {: #a .b }\n///\n",
        4,
        "write its id alone",
        "write its id alone",
    ),
    "an item with no text": (
        "/// checklist | T\n    id: x\n\n- [ ] {#a}\n///\n",
        4,
        "item {#a} has no text",
        "item {#a} has no text",
    ),
    "empty checklist": (
        "/// checklist | T\n    id: x\n\n///\n",
        1,
        "has no items",
        "has no items",
    ),
    "unknown option": (
        "/// checklist | T\n    id: x\n    open: true\n\n- [ ] a {#a}\n///\n",
        1,
        "unknown option 'open'",
        "unknown option 'open'",
    ),
    "pymdownx's reserved attrs option": (
        "/// checklist | T\n    id: x\n    attrs: {class: big}\n\n- [ ] a {#a}\n///\n",
        1,
        "unknown option 'attrs'",
        "unknown option 'attrs'",
    ),
    "missing title": (
        "/// checklist\n    id: x\n\n- [ ] a {#a}\n///\n",
        1,
        "has no title",
        "has no title",
    ),
    "a paragraph in the block": (
        "/// checklist | T\n    id: x\n\nIntro.\n\n- [ ] a {#a}\n///\n",
        4,
        "only a task list",
        "only a task list",
    ),
    "a nested list": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n    - [ ] b {#b}\n///\n",
        5,
        "nested list",
        "nested list",
    ),
    "an ordered list": (
        "/// checklist | T\n    id: x\n\n1. [ ] a {#a}\n///\n",
        4,
        "unordered task list",
        "unordered task list",
    ),
    "an item of two paragraphs": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n\n    More.\n///\n",
        6,
        "more than one paragraph",
        "more than one paragraph",
    ),
    "options that are not name: value lines": (
        "/// checklist | T\n    - id\n\n- [ ] a {#a}\n///\n",
        1,
        "was not read as a checklist",
        "must be 'name: value' lines",
    ),
    "options that are not YAML": (
        "/// checklist | T\n    id: [x\n\n- [ ] a {#a}\n///\n",
        1,
        "was not read as a checklist",
        "not valid 'name: value' lines",
    ),
    "an unclosed block": (
        "/// checklist | T\n    id: x\n\n- [ ] a {#a}\n",
        1,
        "is not closed",
        "is not closed",
    ),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_block_fails_in_the_extension(name):
    source, _line, message, _scan_message = MALFORMED[name]
    with pytest.raises(checklist.ChecklistError) as raised:
        render(source)
    assert message in str(raised.value)


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_block_is_found_by_the_source_scan_with_its_line(name):
    source, line, _message, scan_message = MALFORMED[name]
    _checklists, problems = scan(source)
    assert [problem.line for problem in problems] == [line], problems
    assert scan_message in problems[0].reason


def test_the_extension_is_safe_to_run_twice():
    # static-i18n renders every page once per language with fresh Markdown instances; one instance reused
    # (Markdown.reset) must not remember the previous page's ids either.
    md = markdown.Markdown(extensions=EXTENSIONS)
    source = (GOLDEN / "basic.md").read_text(encoding="utf-8")
    first = md.convert(source)
    md.reset()
    assert md.convert(source) == first
