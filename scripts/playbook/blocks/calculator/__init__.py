"""The refund calculator: a ``/// refund-calculator`` block becomes the widget's root around its fallback.

Authoring, in Markdown only (one block per page, no title, no options)::

    /// refund-calculator

    How it works: **Earned** = contract total times the share of work done, plus costs. ...

    | Example | Amount |
    |---|---|
    | Contract total | £40,000 |
    ///

The body is the fallback: what a reader without JavaScript, the printer without a result and the PDF get
(the formula and a worked example). The extension wraps it in ``[data-calculator-fallback]`` inside the root
``<div data-widget="refund-calculator" data-refund-calculator>``; ``refund-calculator.js`` builds the form
and the result in the browser from the page's strings (``calculator.*`` in ``strings/<code>.json``) and hides
the fallback once they are in place. Malformed blocks raise :class:`CalculatorError`, which fails the build;
MkDocs names the page it was rendering.

The names below are the widget's interface: refund-calculator.js (``ATTRIBUTES``), refund-form.js
(``FIELDS``, ``RESULT_ROWS``) and the tests use the same ones, and a unit test holds the two sides together.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

# --- The widget's interface ---------------------------------------------------------------------------------
NAME = "refund-calculator"
"""Block name in Markdown and ``data-widget`` value that playbook.js mounts."""
WIDGET_ATTR = "data-widget"
ROOT_ATTR = "data-refund-calculator"
"""On the root; its value names the calculator (the PDF names its worksheet fields after it)."""
ROOT_VALUE = "refund"
FALLBACK_ATTR = "data-calculator-fallback"
"""On the element holding the Markdown body; hidden by the script once the form is in place."""
STATUS_ATTR = "data-calculator-status"
"""Set by the script on the root: ``ready``, ``incomplete`` or ``invalid``."""
STATUSES = ("ready", "incomplete", "invalid")

FIELDS = (
    "contract_total",
    "amount_paid",
    "percent_complete",
    "expenses",
    "currency",
    "settlement",
    "vat_included",
    "vat_rate",
)
"""``name`` of the form controls."""
SHARE_MODE_FIELD = "share_mode"
SHARE_MODES = ("percent", "milestones")
SETTLEMENTS = ("by_work", "full")
MILESTONE_FIELDS = ("milestone_name", "milestone_price", "milestone_percent")
MILESTONE_ATTR = "data-milestone"
"""On every milestone row (``<li>``)."""
MILESTONE_ADD_ATTR = "data-milestone-add"
MILESTONE_REMOVE_ATTR = "data-milestone-remove"
MILESTONE_TOTALS_ATTR = "data-milestone-totals"
MILESTONES_GROUP = "milestones"
"""``data-error-for`` value of the message that belongs to the whole milestone list."""

RESULT_ATTR = "data-result"
RESULTS = ("earned", "refund", "balance_due", "refund_net", "refund_vat")
"""``data-result`` values of the tested results; the script shows these besides."""
EXTRA_RESULTS = ("earned_work", "expenses", "paid", "refund_gross")
VALUE_ATTR = "data-value-minor"
"""On a result: the amount in integer minor units; absent while the result is withheld."""
ERROR_FOR_ATTR = "data-error-for"
"""On each field's message: the field's name."""
ADVICE_ATTR = "data-result-advice"
FORMULA_ATTR = "data-result-formula"
COPY_SUMMARY_ATTR = "data-calculator-copy"
COPY_LINK_ATTR = "data-calculator-copy-link"
SUMMARY_ATTR = "data-calculator-summary"
"""The printed summary of inputs and result (shown on paper only)."""
ANNOUNCER_ATTR = "data-calculator-announcer"
"""The polite live region that speaks messages and results."""

STRING_PREFIX = "calculator."
"""Prefix of the widget's keys in ``strings/<code>.json``."""


class CalculatorError(PluginError, ValueError):
    """A malformed calculator block; the message says what is wrong and what to write instead.

    A PluginError, so MkDocs ends the build with the page's name ("Error reading page 'en/refunds.md':")
    and this message instead of a traceback; a ValueError for code that renders Markdown without MkDocs.
    """


NO_TITLE = (
    "'/// refund-calculator' takes no title: its heading belongs in the page, "
    "and its labels come from the strings table"
)
NO_OPTIONS = "'/// refund-calculator' takes no options, but got {names}; remove the indented lines under it"
EMPTY = (
    "the refund calculator has no body: write the formula and a worked example between "
    "'/// refund-calculator' and '///' (readers without JavaScript, print and the PDF get it)"
)
TWICE = "a page holds one refund calculator; remove the second '/// refund-calculator' block"
NOT_CLOSED = "the refund calculator is not closed: end it with a line '///'"
NOT_READ = (
    "{line!r} was not read as a refund calculator: write it alone on its line, with no options under it, "
    "and close the block with '///'"
)
HEADING_INSIDE = (
    "the refund calculator's body holds a heading ({text!r}); put headings outside the block, "
    "where the page's outline and table of contents keep them"
)
WIDGET_INSIDE = "the refund calculator's body holds another widget ({name!r}); put it outside the block"

START_RE = re.compile(r"^[ ]{0,3}/{3,}[ ]*(?P<name>[\w-]+)")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class RefundCalculatorBlock(Block):
    """``/// refund-calculator`` + a Markdown body -> the widget root around the fallback."""

    NAME = NAME
    ARGUMENT = None
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {}

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx.blocks answers a bad argument or option with False, which leaves the block on the page as
        # text. A calculator fails the build instead.
        if arg is not None and str(arg).strip():
            raise CalculatorError(NO_TITLE)
        if options:
            raise CalculatorError(NO_OPTIONS.format(names=", ".join(repr(name) for name in options)))
        if self.tracker.get("count", 0) >= 1:
            raise CalculatorError(TWICE)
        self.tracker["count"] = self.tracker.get("count", 0) + 1
        self.argument = None
        self.options = {"attrs": {}}
        return True

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        root = etree.SubElement(
            parent,
            "div",
            {"class": "refund-calculator", WIDGET_ATTR: NAME, ROOT_ATTR: ROOT_VALUE},
        )
        etree.SubElement(root, "div", {"class": "refund-calculator__fallback", FALLBACK_ATTR: ""})
        self.tracker.setdefault("open", set()).add(id(root))
        return root

    def on_add(self, block: etree.Element) -> etree.Element:
        return block[0]

    def on_end(self, block: etree.Element) -> None:
        self.tracker["open"].discard(id(block))
        fallback = block[0]
        if not len(fallback) and not (fallback.text or "").strip():
            raise CalculatorError(EMPTY)


def check_fallback(fallback: etree.Element) -> None:
    """The fallback must not hold what would vanish from the page, or clash, once the form replaces it."""
    for element in fallback.iter():
        if element.tag in HEADINGS:
            raise CalculatorError(HEADING_INSIDE.format(text="".join(element.itertext()).strip()))
        if element is not fallback and element.get(WIDGET_ATTR):
            raise CalculatorError(WIDGET_INSIDE.format(name=element.get(WIDGET_ATTR)))


class UnrenderedCalculators(Treeprocessor):
    """Fails on calculator blocks that pymdownx.blocks left as text or never closed."""

    def __init__(self, md: Markdown, blocks: BlocksProcessor) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        if self.blocks.trackers.get(NAME, {}).get("open"):
            raise CalculatorError(NOT_CLOSED)
        for element in root.iter("p"):
            first_line = (element.text or "").split("\n", 1)[0]
            start = START_RE.match(first_line)
            if start and start.group("name").lower() == NAME:
                raise CalculatorError(NOT_READ.format(line=first_line.strip()))


class CalculatorFallbacks(Treeprocessor):
    """Checks each fallback once inline Markdown and attribute lists (``{#id}``, ``{: data-x }``) are done."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.get(ROOT_ATTR) is not None and len(element):
                check_fallback(element[0])


class RefundCalculatorExtension(BlocksExtension):
    """``markdown_extensions: - playbook.calculator``."""

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        block_mgr.register(RefundCalculatorBlock, self.getConfigs())
        # After the blocks have been parsed (and pymdownx's own tree step), before inline Markdown.
        md.treeprocessors.register(UnrenderedCalculators(md, block_mgr), "refund_calculator_unrendered", 25)
        # After inline Markdown (20) and attr_list (8), before toc (5) collects the headings.
        md.treeprocessors.register(CalculatorFallbacks(md), "refund_calculator_fallback", 6)


def makeExtension(**kwargs: Any) -> RefundCalculatorExtension:
    return RefundCalculatorExtension(**kwargs)
