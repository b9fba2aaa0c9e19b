"""The shared block base: a widget declared in a few lines gets its block, its checks and its source check.

A made-up widget (``demo-widget``) is declared here exactly as a new widget would be, with no code copied
from another widget; every rule the base promises is checked on it.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from playbook.blocks import base

DOCS = Path(__file__).resolve().parents[2] / "docs"


class DemoError(base.BlockError):
    """A malformed demo block."""


DEMO = base.Widget(
    name="demo-widget",
    label="demo widget",
    error=DemoError,
    root_attr="data-demo",
    root_value="demo",
    css_class="demo",
    fallback_attr="data-demo-fallback",
    fallback_hint="the text readers without JavaScript get",
    strings=("demo.",),
)


class DemoBlock(base.FallbackBlock):
    WIDGET = DEMO


class DemoExtension(base.WidgetExtension):
    BLOCKS = (DemoBlock,)


def render(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", DemoExtension()]).convert(text)


def test_a_declared_widget_renders_its_root_around_its_fallback():
    html = render("Before.\n\n/// demo-widget\n\nThe *fallback*.\n///\n\nAfter.")
    assert (
        '<div class="demo" data-demo="demo" data-widget="demo-widget">'
        '<div class="demo__fallback" data-demo-fallback="">'
    ) in html.replace("\n", "")
    assert "<p>The <em>fallback</em>.</p>" in html and "<p>After.</p>" in html
    assert DemoBlock.NAME == "demo-widget"


MALFORMED = {
    "a title": ("/// demo-widget | Title\n\nBody.\n///\n", "'/// demo-widget' takes no title"),
    "an option": ("/// demo-widget\n    colour: red\n\nBody.\n///\n", "takes no options, but got 'colour'"),
    "two blocks": (
        "/// demo-widget\n\nOne.\n///\n\n/// demo-widget\n\nTwo.\n///\n",
        "a page holds one demo widget; remove the second '/// demo-widget' block",
    ),
    "no end": ("/// demo-widget\n\nBody.\n", "the demo widget is not closed"),
    "an empty body": ("/// demo-widget\n///\n", "the demo widget has no body: write the text readers"),
    "words after the name": ("/// demo-widget now\n\nBody.\n///\n", "was not read as a demo widget"),
    "a heading inside": ("/// demo-widget\n\n## Inside\n\nBody.\n///\n", "holds a heading ('Inside')"),
    "a widget inside": (
        '/// demo-widget\n\nBody.\n{: data-widget="checklist" }\n///\n',
        "holds another widget ('checklist')",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_every_rule_of_the_base_holds_for_a_declared_widget(case):
    source, words = MALFORMED[case]
    with pytest.raises(DemoError) as raised:
        render(source)
    assert words in str(raised.value)


def test_an_extension_adds_its_own_page_check():
    class Strict(DemoExtension):
        def check_page(self, root):
            if not any(el.get("data-demo") for el in root.iter()):
                raise DemoError("this page needs a demo widget")

    with pytest.raises(DemoError, match="needs a demo widget"):
        markdown.Markdown(extensions=[Strict()]).convert("Just text.")
    assert "data-demo" in markdown.Markdown(extensions=[Strict()]).convert("/// demo-widget\n\nB.\n///\n")


def test_a_block_error_ends_an_mkdocs_build_with_a_message():
    from mkdocs.exceptions import PluginError

    assert issubclass(DemoError, PluginError) and issubclass(DemoError, ValueError)


# --- The shared source scanner ------------------------------------------------------------------------------


PAGE = """# Page

/// demo-widget | Title
    colour: red

Body line one.
  Body line two.
///

```
/// demo-widget
not a block: inside fenced code
///
```

//// demo-widget
Outer body.
/// other
///
////

/// demo-widget
never closed
"""


def test_the_scanner_gives_each_block_with_the_file_s_line_numbers():
    first, second, third = base.source_blocks(PAGE, ["demo-widget"])
    assert (first.line, first.title, first.options, first.closed) == (
        3,
        "Title",
        ((4, "    colour: red"),),
        True,
    )
    assert first.body_line == 5 and first.text == "\nBody line one.\n  Body line two."
    assert (second.line, second.body, second.closed) == (
        16,
        ((17, "Outer body."), (18, "/// other"), (19, "///")),
        True,
    )
    assert (third.line, third.text, third.closed) == (22, "never closed", False)
    # A block inside a listed block's body is part of that body, not a block of its own.
    assert [block.line for block in base.source_blocks(PAGE, ["demo-widget", "other"])] == [3, 16, 22]


def test_the_strict_scanner_skips_what_pymdownx_would_not_read_as_a_block():
    text = "/// demo-widget now\n\nBody.\n///\n"
    assert base.source_blocks(text, ["demo-widget"], strict=True) == []
    assert [block.line for block in base.source_blocks(text, ["demo-widget"])] == [1]


@pytest.mark.parametrize(
    "names",
    [["demo-widget"], ["other"], ["checklist"], ["calculator"], ["conversation-planner", "planner-texts"]],
)
def test_the_scanner_passes_over_pages_without_the_named_blocks_and_finds_the_same(monkeypatch, names):
    """The quick look for a named block's first line only lets too much through: every page (the playbook's
    and planted ones) gives the same blocks as a line-by-line read of every page."""
    planted = [
        PAGE,
        "/// CHECKLIST | Upper case\n    id: x\n\n- [ ] a {#a}\n///\n",
        "```\n/// calculator\n```\n",
        "   //// calculator words\n\nBody\n////\n",
        "/// calculator-like\n///\n/// other-\n///\n",
        "Text\r/// calculator\r\rBody\r///\r",
        "Text\u2028  /// checklist | T\u2028    id: z\u2028\u2028- [ ] a {#a}\u2028///\u2028",
        "x /// calculator\n    /// calculator\n",
    ]
    pages = planted + [path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))]

    def scanned() -> list[tuple[list, list]]:
        return [
            (base.source_blocks(text, names), base.source_blocks(text, names, strict=True)) for text in pages
        ]

    quick = scanned()
    monkeypatch.setattr(base, "_may_hold", lambda _markdown, _names: True)
    full = scanned()
    assert quick == full
    assert any(found for found, _ in full) or names == ["other"]


def test_source_problems_name_the_line_of_each_mistake():
    text = (
        "/// demo-widget | Title\n    colour: red\n\nBody.\n///\n\n"  # lines 1-5
        "/// demo-widget\n///\n\n"  # lines 7-8: a second one, empty
        "/// demo-widget now\n"  # line 10: a third, not read, never closed
    )
    assert base.source_problems(text, DEMO) == [
        (1, DEMO.no_title()),
        (2, DEMO.no_options(["colour"])),
        (7, DEMO.twice()),
        (7, DEMO.empty()),
        (10, DEMO.twice()),
        (10, DEMO.not_read("/// demo-widget now")),
        (10, DEMO.not_closed()),
    ]


def write(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    for name, twins in pages.items():
        for code, text in twins.items():
            (root / code).mkdir(parents=True, exist_ok=True)
            (root / code / name).write_text(text, encoding="utf-8")
    return root


def test_the_tree_check_names_file_and_line_and_wants_the_widget_in_every_language(tmp_path):
    block = "/// demo-widget\n\nBody.\n///\n"
    docs = write(
        tmp_path / "docs",
        {
            "fine.md": {"nb": block, "en": block},
            "titled.md": {"nb": "Text.\n\n/// demo-widget | T\n\nBody.\n///\n", "en": block},
            "half.md": {"nb": block, "en": "No widget.\n"},
        },
    )
    assert base.check_sources(docs, ["nb", "en"], DEMO) == [
        "docs/en/half.md:1: the page has no '/// demo-widget', but docs/nb/half.md has one; every language "
        "needs the demo widget on the same page",
        f"docs/nb/titled.md:3: {DEMO.no_title()}",
    ]


def test_the_tree_steps_pass_over_a_page_without_blocks_and_still_catch_one_left_as_text():
    from playbook.blocks.base import blocks_seen

    md = markdown.Markdown(extensions=[DemoExtension()])
    md.convert("Just text, with a slash / or two //.")
    assert blocks_seen(md) is False
    md.reset()
    md.convert("/// demo-widget\n\nB.\n///\n")
    assert blocks_seen(md) is True
    with pytest.raises(DemoError):
        markdown.Markdown(extensions=[DemoExtension()]).convert(
            "Text.\n\n/// demo-widget | Title\n\nB.\n///\n"
        )
