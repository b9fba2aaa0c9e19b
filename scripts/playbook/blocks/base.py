"""What every widget block shares, so that a widget is a declaration plus its own logic.

A widget written as a Markdown block (``/// refund-calculator``, ``/// conversation-planner``) declares itself
with a :class:`Widget`: its block name (also its ``data-widget`` value), the attribute that marks its root,
the attribute of the element around its fallback, the prefixes of the strings its browser code reads, and
the words its messages use. From that declaration this module gives it:

- :class:`SingleBlock`: a block with no title and no options that appears once per page; a bad title,
  option or second block fails the build (pymdownx.blocks would otherwise leave it on the page as text).
- :class:`FallbackBlock`: the widget's root (``<div class data-widget root-attr>``) around its Markdown body,
  the fallback that readers without JavaScript, print and the PDF get; an empty body fails the build.
- :class:`UnrenderedBlocks`: the tree step that fails on a block left as text or never closed.
- :class:`FallbackChecks`: the tree step that fails on a heading or another widget inside a fallback.
- :class:`WidgetExtension`: registers the blocks and both tree steps.
- :func:`source_blocks`: the one scanner of blocks in the Markdown sources, with line numbers, that the
  build checks before rendering (``checklist/sources.py``, ``planner/sources.py``, :func:`source_problems`)
  share, so a mistake fails the build naming ``docs/<code>/<page>:<line>``.

The extension does not know which file it renders: MkDocs names the page on a :class:`BlockError`
("Error reading page 'en/refunds.md': ..."); the source check adds the line.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from playbook import sources
from playbook.sources import lines_outside_code

WIDGET_ATTR = "data-widget"
"""On every widget root; playbook.js loads the widget's code by this name."""

START_RE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ ]*(?P<name>[\w-]+)[ ]*(?:\|[ ]*(?P<title>.*?)[ ]*)?$")
"""The first line of a block: ``/// name`` or ``/// name | Title``."""
LOOSE_START_RE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ ]*(?P<name>[\w-]+)")
"""Anything that starts like a block (words after the name included): what a reader meant as one."""
END_RE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ ]*$")
OPTION_LINE_RE = re.compile(r"^[ ]{4,}\S")
"""A block's option line: indented by four spaces or more, directly under the first line."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class BlockError(PluginError, ValueError):
    """A malformed widget block; the message says what is wrong and what to write instead.

    A PluginError, so MkDocs ends the build with the page's name and this message instead of a traceback; a
    ValueError for code that renders Markdown without MkDocs. Each widget subclasses it.
    """


# --- The declaration ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Widget:
    """A block's declaration: its names, its strings and the words of its messages."""

    name: str
    """Block name in Markdown; for a widget root also its ``data-widget`` value."""
    label: str
    """What messages call it, after "the" or "one": ``refund calculator``."""
    error: type[BlockError]
    """What a malformed block raises."""
    root_attr: str | None = None
    """On the widget root (its value is :attr:`root_value`); None for a block that is not a widget root."""
    root_value: str = ""
    css_class: str = ""
    """Class of the root; the fallback gets ``<css_class>__fallback``."""
    fallback_attr: str | None = None
    """On the element around the Markdown body; the script hides it once the widget is in place."""
    fallback_hint: str = "what readers without JavaScript, print and the PDF get"
    """What the body should hold, for the message on an empty one."""
    strings: tuple[str, ...] = ()
    """Prefixes of the keys in ``strings/<code>.json`` its browser code reads (site/page_config.py)."""

    # The messages, worded once for every widget.
    def no_title(self) -> str:
        return (
            f"'/// {self.name}' takes no title: its heading belongs in the page, "
            "and its labels in the strings table"
        )

    def no_options(self, names: Iterable[str]) -> str:
        listed = ", ".join(repr(name) for name in names)
        return f"'/// {self.name}' takes no options, but got {listed}; remove the indented lines under it"

    def twice(self) -> str:
        return f"a page holds one {self.label}; remove the second '/// {self.name}' block"

    def not_closed(self) -> str:
        return f"the {self.label} is not closed: end it with a line '///'"

    def not_read(self, line: str) -> str:
        return (
            f"{line!r} was not read as a {self.label}: write it alone on its line, with no options under it, "
            "and close the block with '///'"
        )

    def empty(self) -> str:
        return f"the {self.label} has no body: write {self.fallback_hint} between '/// {self.name}' and '///'"

    def heading_inside(self, text: str) -> str:
        return (
            f"the {self.label}'s body holds a heading ({text!r}); put headings outside the block, "
            "where the page's outline and table of contents keep them"
        )

    def widget_inside(self, name: str) -> str:
        return f"the {self.label}'s body holds another widget ({name!r}); put it outside the block"


# --- The Markdown extension ---------------------------------------------------------------------------------


class SingleBlock(Block):
    """A block without title or options that appears once per page. Subclasses set ``WIDGET``."""

    WIDGET: ClassVar[Widget]
    ARGUMENT = None
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "WIDGET" in cls.__dict__:
            cls.NAME = cls.WIDGET.name

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx.blocks answers a bad argument or option with False, which leaves the block on the page as
        # text. A widget block fails the build instead.
        widget = self.WIDGET
        if arg is not None and str(arg).strip():
            raise widget.error(widget.no_title())
        if options:
            raise widget.error(widget.no_options(options))
        if self.tracker.get("count", 0) >= 1:
            raise widget.error(widget.twice())
        self.tracker["count"] = self.tracker.get("count", 0) + 1
        self.argument = None
        self.options = {"attrs": {}}
        return True

    def opened(self, element: etree.Element) -> etree.Element:
        """Note a block as open until :meth:`closed` (an unclosed one fails in :class:`UnrenderedBlocks`)."""
        self.tracker.setdefault("open", set()).add(id(element))
        return element

    def closed(self, element: etree.Element) -> None:
        self.tracker["open"].discard(id(element))


class FallbackBlock(SingleBlock):
    """``/// name`` + a Markdown body -> the widget root around its fallback."""

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        widget = self.WIDGET
        root = etree.SubElement(
            parent,
            "div",
            {"class": widget.css_class, WIDGET_ATTR: widget.name, widget.root_attr: widget.root_value},
        )
        etree.SubElement(root, "div", {"class": f"{widget.css_class}__fallback", widget.fallback_attr: ""})
        return self.opened(root)

    def on_add(self, block: etree.Element) -> etree.Element:
        return block[0]

    def on_end(self, block: etree.Element) -> None:
        self.closed(block)
        fallback = block[0]
        if not len(fallback) and not (fallback.text or "").strip():
            raise self.WIDGET.error(self.WIDGET.empty())


def check_fallback(widget: Widget, fallback: etree.Element) -> None:
    """The fallback must not hold what would vanish from the page, or clash, once the widget replaces it."""
    for element in fallback.iter():
        if element.tag in HEADINGS:
            raise widget.error(widget.heading_inside("".join(element.itertext()).strip()))
        if element is not fallback and element.get(WIDGET_ATTR):
            raise widget.error(widget.widget_inside(element.get(WIDGET_ATTR)))


BLOCKS_SEEN = "playbook_blocks_seen"
"""The attribute :class:`BlockSighting` sets on the Markdown instance for each page it converts."""


class BlockSighting(Preprocessor):
    """Notes whether the page's Markdown holds ``///`` at all: a page without has no block, rendered or left
    as text, and the widgets' tree steps pass over it instead of walking its tree (most pages)."""

    def run(self, lines: list[str]) -> list[str]:
        setattr(self.md, BLOCKS_SEEN, any("///" in line for line in lines))
        return lines


def blocks_seen(md: Markdown) -> bool:
    """Whether the page being converted may hold a block (true when :class:`BlockSighting` did not run)."""
    return getattr(md, BLOCKS_SEEN, True)


def register_sighting(md: Markdown) -> None:
    """Register :class:`BlockSighting` once per Markdown instance, however many widgets ask (the name is
    shared, so a second registration replaces the first); before every other preprocessor."""
    md.preprocessors.register(BlockSighting(md), "playbook_block_sighting", 100)


class UnrenderedBlocks(Treeprocessor):
    """Fails on blocks that pymdownx.blocks left as text or never closed, then runs the page's own checks."""

    def __init__(self, md: Markdown, blocks: BlocksProcessor, extension: WidgetExtension) -> None:
        super().__init__(md)
        self.blocks = blocks
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if blocks_seen(self.md):
            self.blocks_left_as_text(root)
        self.extension.check_page(root)

    def blocks_left_as_text(self, root: etree.Element) -> None:
        """Fail on a block never closed or not read as one."""
        widgets = {block.WIDGET.name: block.WIDGET for block in self.extension.BLOCKS}
        for name, widget in widgets.items():
            if self.blocks.trackers.get(name, {}).get("open"):
                raise widget.error(widget.not_closed())
        for element in root.iter("p"):
            first_line = (element.text or "").split("\n", 1)[0]
            start = LOOSE_START_RE.match(first_line)
            if start and start.group("name").lower() in widgets:
                raise widgets[start.group("name").lower()].error(
                    widgets[start.group("name").lower()].not_read(first_line.strip())
                )


class FallbackChecks(Treeprocessor):
    """Checks each fallback once inline Markdown and attribute lists (``{#id}``, ``{: data-x }``) are done."""

    def __init__(self, md: Markdown, widgets: Sequence[Widget]) -> None:
        super().__init__(md)
        self.widgets = [widget for widget in widgets if widget.fallback_attr]

    def run(self, root: etree.Element) -> None:
        if not blocks_seen(self.md):
            return
        for element in root.iter():
            for widget in self.widgets:
                if element.get(widget.root_attr) is not None and len(element):
                    check_fallback(widget, element[0])


class WidgetExtension(BlocksExtension):
    """A widget's Markdown extension: its blocks (``BLOCKS``), the unrendered-block and fallback checks."""

    BLOCKS: ClassVar[tuple[type[SingleBlock], ...]] = ()

    def check_page(self, root: etree.Element) -> None:
        """The widget's own checks of the whole page, once its blocks are parsed; raise its error."""

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        for block in self.BLOCKS:
            block_mgr.register(block, self.getConfigs())
        register_sighting(md)
        name = self.BLOCKS[0].WIDGET.name.replace("-", "_")
        # After the blocks have been parsed (and pymdownx's own tree step), before inline Markdown.
        md.treeprocessors.register(UnrenderedBlocks(md, block_mgr, self), f"{name}_unrendered", 25)
        # After inline Markdown (20) and attr_list (8), before toc (5) collects the headings.
        widgets = [block.WIDGET for block in self.BLOCKS]
        md.treeprocessors.register(FallbackChecks(md, widgets), f"{name}_fallback", 6)


# --- The sources --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceBlock:
    """A block as written in a Markdown source, with the line numbers of the file."""

    name: str
    """Lower-case block name."""
    line: int
    """Line of the block's first line."""
    title: str | None
    """What follows ``|`` on the first line; None without one."""
    options: tuple[tuple[int, str], ...]
    """The option lines (indented by four spaces or more, directly under the first line)."""
    body: tuple[tuple[int, str], ...]
    """The lines between the options and the closing line."""
    closed: bool

    @property
    def text(self) -> str:
        """The body as one string."""
        return "\n".join(line for _number, line in self.body)

    @property
    def body_line(self) -> int:
        """Line of the body's first line (the line after the block's head when the body is empty)."""
        return self.body[0][0] if self.body else self.line + len(self.options) + 1


def source_blocks(markdown: str, names: Iterable[str], *, strict: bool = False) -> list[SourceBlock]:
    """The blocks named `names` in a page's Markdown, outside fenced code, in page order.

    `strict`: only first lines that pymdownx.blocks reads as a block (``/// name`` or ``/// name | Title``);
    otherwise also lines that merely start like one (``/// name words``), which the caller reports.

    A block ends at the first line of only as many slashes as it opened with; a block not closed runs to the
    end of the page. A block inside a listed block's body is part of that body, not listed on its own.
    """
    wanted = {name.lower() for name in names}
    if not _may_hold(markdown, frozenset(wanted)):  # most pages hold none of these blocks
        return []
    lines = list(lines_outside_code(markdown))
    found: list[SourceBlock] = []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        start = START_RE.match(line) or (None if strict else LOOSE_START_RE.match(line))
        index += 1
        if not start or start.group("name").lower() not in wanted:
            continue
        title = start.groupdict().get("title")
        options: list[tuple[int, str]] = []
        while index < len(lines) and OPTION_LINE_RE.match(lines[index][1]):
            options.append(lines[index])
            index += 1
        body: list[tuple[int, str]] = []
        closed = False
        while index < len(lines) and not closed:
            end = END_RE.match(lines[index][1])
            closed = bool(end and end.group("slashes") == start.group("slashes"))
            if not closed:
                body.append(lines[index])
            index += 1
        name = start.group("name").lower()
        found.append(SourceBlock(name, number, title, tuple(options), tuple(body), closed))
    return found


@functools.lru_cache(maxsize=64)
def _named_start(names: frozenset[str]) -> re.Pattern[str]:
    """The start of a line that starts like a block of one of ``names`` (lower-case): :data:`LOOSE_START_RE`
    for these names only, compared case-blind."""
    alternatives = "|".join(re.escape(name) for name in sorted(names)) or "(?!)"
    return re.compile(rf"[ ]{{0,3}}/{{3,}}[ ]*(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _may_hold(markdown: str, names: frozenset[str]) -> bool:
    """Whether some line of ``markdown`` (fenced code included) starts like a block of one of ``names``: a
    page without one holds none of these blocks, and :func:`source_blocks` need not read it line by line.
    Looks only at the lines holding ``///``, found by ``str.find`` (one expression over every line start
    of a page costs some ten times more)."""
    start_like = _named_start(names)
    found = markdown.find("///")
    while found != -1:
        begin = found  # the line's start: at most three spaces before the slashes
        while begin > 0 and found - begin < 3 and markdown[begin - 1] == " ":
            begin -= 1
        if (begin == 0 or markdown[begin - 1] in sources.LINE_BREAKS) and start_like.match(markdown, begin):
            return True
        found = markdown.find("///", found + 1)
    return False


def source_problems(
    markdown: str, widget: Widget, blocks: Sequence[SourceBlock] | None = None
) -> list[tuple[int, str]]:
    """The problems of one :class:`SingleBlock` widget in a page, as (line, reason), in page order.

    The same rules as the extension (title, options, once per page, closed, a body when it has a fallback),
    read from the source so that the message can name the line. `blocks`: the page's blocks when the caller
    has scanned them already (those of other names are skipped).
    """
    problems: list[tuple[int, str]] = []
    if blocks is None:
        blocks = source_blocks(markdown, [widget.name])
    blocks = [block for block in blocks if block.name == widget.name]
    lines = markdown.splitlines() if blocks else []
    for index, block in enumerate(blocks):
        if index:
            problems.append((block.line, widget.twice()))
        if not START_RE.match(lines[block.line - 1]):
            problems.append((block.line, widget.not_read(lines[block.line - 1].strip())))
        elif block.title is not None and block.title.strip():
            problems.append((block.line, widget.no_title()))
        if block.options:
            names = [line.split(":", 1)[0].strip() for _number, line in block.options]
            problems.append((block.options[0][0], widget.no_options(names)))
        if not block.closed:
            problems.append((block.line, widget.not_closed()))
        elif widget.fallback_attr and not block.text.strip():
            problems.append((block.line, widget.empty()))
    return problems


def check_sources(docs_dir: Path, codes: Sequence[str], widget: Widget) -> list[str]:
    """Every problem of a :class:`SingleBlock` widget in the documentation tree, as
    ``docs/<code>/<page>:<line>: reason``: the rules of :func:`source_problems` on every page, and the widget
    on the same pages in every language (the first code is the reference)."""

    problems: list[str] = []
    for page, scanned in sources.twins(docs_dir, codes, _page_scanner(widget)):
        for code, (_line, found) in scanned.items():
            problems += [f"docs/{code}/{page}:{line}: {reason}" for line, reason in found]
        having = [code for code, (line, _found) in scanned.items() if line is not None]
        for code in codes if having else ():
            if code not in having:
                problems.append(
                    f"docs/{code}/{page}:1: the page has no '/// {widget.name}', but docs/{having[0]}/{page} "
                    f"has one; every language needs the {widget.label} on the same page"
                )
    return problems


@functools.cache
def _page_scanner(widget: Widget) -> Callable[[str], tuple[int | None, list[tuple[int, str]]]]:
    """One function per widget, so that :func:`playbook.sources.derive` keeps each page's scan per build."""

    def scan(markdown: str) -> tuple[int | None, list[tuple[int, str]]]:
        found = source_blocks(markdown, [widget.name])
        return (found[0].line if found else None), source_problems(markdown, widget, found)

    return scan
