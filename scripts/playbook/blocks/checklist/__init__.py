"""Checklists: a task list in a ``/// checklist`` block becomes real checkboxes a reader ticks off.

Authoring, in Markdown only::

    /// checklist | Visible title
        id: before-call

    - [ ] Item text with *inline* Markdown. {#item-id}
    ///

The checklist id and every item id are stable keys: the browser stores a reader's ticks under them (see
``overrides/assets/javascripts/checklist/checklist-state.js``), so the same ids in every language share the
ticks, and rewording or reordering an item keeps them. One set of rules (:func:`parse_options`,
:func:`parse_item` and the messages) serves two readers of the block:

- :class:`ChecklistExtension` (``markdown_extensions: - playbook.blocks.checklist``), built on
  ``pymdownx.blocks``, renders the block and raises :class:`ChecklistError` on anything malformed. It
  does not know the file.
- ``sources.py`` reads the same blocks from the Markdown sources with line numbers; the
  ``on_config`` hook runs it before any page renders, so a malformed checklist fails the build naming the
  file and the line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from playbook.blocks.base import END_RE as END_RE
from playbook.blocks.base import START_RE as START_RE
from playbook.blocks.base import WIDGET_ATTR as WIDGET_ATTR
from playbook.blocks.base import BlockError, Widget, blocks_seen, register_sighting

# --- The widget's interface: the built HTML, checklist.js and the tests all use these names -----------------
NAME = "checklist"
"""Block name in Markdown and ``data-widget`` value (:data:`WIDGET_ATTR`) that playbook.js mounts."""
CHECKLIST_ATTR = "data-checklist"
"""On the widget root; its value is the checklist id."""
ITEM_ATTR = "data-item"
"""On every checkbox; its value is the item id."""
PROGRESS_ATTR = "data-checklist-progress"
"""On the progress element checklist.js adds (``role="progressbar"``)."""
RESET_ATTR = "data-checklist-reset"
"""On the reset button checklist.js adds."""

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_RULE = "lower-case letters and digits joined by single hyphens, like 'before-call'"


def title_id(checklist_id: str) -> str:
    """HTML id of a checklist's title (the ``<legend>``), which names its progress bar."""
    return f"checklist-{checklist_id}"


def field_id(checklist_id: str, item_id: str) -> str:
    """HTML id and form-field name of an item's checkbox; ids never hold ``--``, so it is unambiguous."""
    return f"checklist-{checklist_id}--{item_id}"


class ChecklistError(BlockError):
    """A malformed checklist block; the message says what is wrong and what to write instead."""


WIDGET = Widget(name=NAME, label="checklist", error=ChecklistError, strings=("checklist.",))
"""The checklist's declaration: its name and the strings checklist.js reads. The block itself has a title, an
``id`` option and a task list, so it brings its own block class and checks rather than the base's
single-block ones; its sources are scanned with the base's :func:`~playbook.blocks.base.source_blocks`."""


# --- Rules shared by the extension and the source check -----------------------------------------------------


def valid_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise ChecklistError(f"{what} {value!r} is not a valid id: use {ID_RULE}")
    return value


def type_checklist_id(value: Any) -> str:
    """Validator of the ``id`` option, in the style of ``pymdownx.blocks.block.type_*``."""
    return valid_id(value, "checklist id")


OPTIONS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "id": (None, type_checklist_id),
}
"""Options of a checklist block: name -> (default, validator). ``id`` is required."""

REQUIRED = ("id",)


def parse_options(options: Any) -> dict[str, Any]:
    """Validated options with defaults filled in, or :class:`ChecklistError` naming the bad option."""
    if not isinstance(options, dict):
        raise ChecklistError(
            "the options under '/// checklist' must be 'name: value' lines indented by four spaces"
        )
    unknown = [name for name in options if name not in OPTIONS]
    if unknown:
        raise ChecklistError(
            f"unknown option {unknown[0]!r}; a checklist takes only: {', '.join(sorted(OPTIONS))}"
        )
    parsed = {name: default for name, (default, _validator) in OPTIONS.items()}
    for name, value in options.items():
        parsed[name] = OPTIONS[name][1](value)
    for name in REQUIRED:
        if parsed[name] is None:
            raise ChecklistError(
                f"the checklist has no {name}: add a line '    {name}: some-{name}' under '/// checklist'"
            )
    return parsed


ITEM_RE = re.compile(r"\[(?P<box>[^\]]?)\](?P<rest>.*)\Z", re.S)
ITEM_ID_RE = re.compile(r"(?P<label>.*?)\s*\{(?P<attrs>[^{}]*)\}\s*\Z", re.S)
ITEM_ATTRS_RE = re.compile(r"\s*#(?P<id>\S+)\s*")


def quote(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= length else text[: length - 1] + "…")


def parse_item(text: str) -> tuple[str, str]:
    """``[ ] Label Markdown {#item-id}`` -> (item id, label Markdown)."""
    text = text.strip()
    task = ITEM_RE.match(text)
    if not task or (task.group("rest") and not task.group("rest")[0].isspace()):
        raise ChecklistError(
            f"item {quote(text)} is not a task: write every item as '- [ ] Text {{#item-id}}'"
        )
    if task.group("box") != " ":
        raise ChecklistError(
            f"item {quote(text)} must start unticked as '[ ]': a reader's ticks live in their browser"
        )
    rest = task.group("rest").strip()
    found = ITEM_ID_RE.match(rest)
    if not found:
        raise ChecklistError(f"item {quote(rest)} has no id: end it with ' {{#some-id}}'")
    attrs = ITEM_ATTRS_RE.fullmatch(found.group("attrs"))
    if not attrs:
        raise ChecklistError(
            f"item {quote(rest)} ends with {{{found.group('attrs')}}}: write its id alone, as '{{#some-id}}'"
        )
    item_id = valid_id(attrs.group("id"), "item id")
    label = found.group("label").strip()
    if not label:
        raise ChecklistError(f"item {{#{item_id}}} has no text")
    return item_id, label


def duplicate_message(what: str, value: str, first: str) -> str:
    return f"{what} {value!r} is used twice (first {first}); every one needs its own id"


def only_a_list_message(snippet: str) -> str:
    return f"only a task list ('- [ ] Text {{#item-id}}') goes inside a checklist, not {quote(snippet)}"


NO_TITLE = "the checklist has no title: write '/// checklist | Visible title'"
NO_ITEMS = "the checklist has no items: add lines like '- [ ] Text {#item-id}'"
NOT_CLOSED = "the checklist is not closed: end it with a line '///'"
ORDERED = "a checklist is an unordered task list: start every item with '- [ ]'"
NESTED = "an item holds a nested list; a checklist is one flat task list"
TWO_PARAGRAPHS = "an item holds more than one paragraph; keep each item to one"


# --- The Markdown extension ---------------------------------------------------------------------------------


class ChecklistBlock(Block):
    """``/// checklist | Title`` + ``id:`` option + a task list -> a fieldset of labelled checkboxes."""

    NAME = NAME
    ARGUMENT = True
    OPTIONS = OPTIONS

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx.blocks answers every bad argument or option with False, which leaves the block on the page
        # as plain text. A checklist fails loudly instead.
        if not arg or not str(arg).strip():
            raise ChecklistError(NO_TITLE)
        self.argument = str(arg).strip()
        self.options = {**parse_options(options), "attrs": {}}
        seen = self.tracker.setdefault("ids", set())
        if self.options["id"] in seen:
            raise ChecklistError(duplicate_message("checklist id", self.options["id"], "on this page"))
        seen.add(self.options["id"])
        return True

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        checklist_id = self.options["id"]
        root = etree.SubElement(
            parent,
            "fieldset",
            {"class": "checklist", WIDGET_ATTR: NAME, CHECKLIST_ATTR: checklist_id},
        )
        legend = etree.SubElement(root, "legend", {"class": "checklist__title", "id": title_id(checklist_id)})
        legend.text = self.argument
        self.tracker.setdefault("open", {})[id(root)] = checklist_id
        return root

    def on_end(self, block: etree.Element) -> None:
        checklist_id = self.options["id"]
        self.tracker["open"].pop(id(block), None)
        try:
            render_items(block, checklist_id)
        except ChecklistError as error:
            raise ChecklistError(f"checklist {checklist_id!r}: {error}") from None


def _item_text(li: etree.Element) -> str:
    """The Markdown text of a list item that holds one paragraph (tight or loose), or an error."""
    children = list(li)
    if not children:
        return li.text or ""
    if len(children) == 1 and children[0].tag == "p" and not (li.text or "").strip():
        return children[0].text or ""
    text = (li.text or "").strip() or (children[0].text or "")
    reason = NESTED if any(child.tag in {"ul", "ol"} for child in children) else TWO_PARAGRAPHS
    raise ChecklistError(f"{reason}: {quote(text)}")


def render_items(root: etree.Element, checklist_id: str) -> None:
    """Turn the task list parsed inside ``root`` (after its legend) into labelled checkboxes."""
    body = list(root)[1:]
    for element in body:
        if element.tag == "ol":
            raise ChecklistError(ORDERED)
        if element.tag != "ul":
            raise ChecklistError(only_a_list_message("".join(element.itertext()) or element.tag))
    if not body:
        raise ChecklistError(NO_ITEMS)
    if len(body) > 1:
        raise ChecklistError("the checklist holds more than one list; write its items as one task list")
    listing = body[0]
    listing.set("class", "checklist__items")
    seen: set[str] = set()
    for li in listing:
        item_id, label_markdown = parse_item(_item_text(li))
        if item_id in seen:
            raise ChecklistError(duplicate_message("item id", item_id, "in this checklist"))
        seen.add(item_id)
        for child in list(li):
            li.remove(child)
        li.text = None
        li.set("class", "checklist__item")
        name = field_id(checklist_id, item_id)
        box = etree.SubElement(
            li,
            "input",
            {"class": "checklist__box", "type": "checkbox", "id": name, "name": name, ITEM_ATTR: item_id},
        )
        box.tail = " "
        label = etree.SubElement(li, "label", {"class": "checklist__label", "for": name})
        label.text = label_markdown


class UnrenderedChecklists(Treeprocessor):
    """Fails on checklist blocks that pymdownx.blocks left as text or never closed."""

    def __init__(self, md: Markdown, blocks: BlocksProcessor) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        if not blocks_seen(self.md):
            return
        unclosed = self.blocks.trackers.get(NAME, {}).get("open", {})
        for checklist_id in unclosed.values():
            raise ChecklistError(f"checklist {checklist_id!r}: {NOT_CLOSED}")
        for element in root.iter("p"):
            first_line = (element.text or "").split("\n", 1)[0]
            start = START_RE.match(first_line)
            if start and start.group("name").lower() == NAME:
                raise ChecklistError(
                    f"{first_line.strip()!r} was not read as a checklist: its options must be 'name: value' "
                    "lines indented by four spaces, directly under it"
                )


class ChecklistExtension(BlocksExtension):
    """``markdown_extensions: - playbook.blocks.checklist``."""

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        block_mgr.register(ChecklistBlock, self.getConfigs())
        register_sighting(md)
        # After the blocks have been parsed (and pymdownx's own tree step), before inline Markdown.
        md.treeprocessors.register(UnrenderedChecklists(md, block_mgr), "checklist_unrendered", 25)


def makeExtension(**kwargs: Any) -> ChecklistExtension:
    return ChecklistExtension(**kwargs)
