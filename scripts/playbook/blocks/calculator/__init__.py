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
in the browser from the page's strings (:data:`FORM_STRING_KEYS` of ``calculator.*`` in
``strings/<code>.json``) and hides the fallback once it is in place; the engine part
(:data:`ENGINE_PART`, with the other strings: ``hooks.py``) works out and shows the result. The block is a
declaration (:data:`WIDGET`) over the shared base (``blocks/base.py``): malformed blocks raise
:class:`CalculatorError`, which fails the build (MkDocs names the page it was rendering), and the build's
source check names the file and line.

The names below are the widget's interface: refund-calculator.js (``ATTRIBUTES``), refund-form.js
(``FIELDS``, ``RESULT_ROWS``) and the tests use the same ones, and a unit test holds the two sides together.
"""

from __future__ import annotations

from typing import Any

from playbook.blocks.base import WIDGET_ATTR as WIDGET_ATTR
from playbook.blocks.base import BlockError, FallbackBlock, Widget, WidgetExtension

# --- The widget's interface ---------------------------------------------------------------------------------
NAME = "refund-calculator"
"""Block name in Markdown and ``data-widget`` value (:data:`WIDGET_ATTR`) that playbook.js mounts."""
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
    "units_done",
    "units_total",
    "expenses",
    "currency",
    "settlement",
    "vat_rate",
    "contract_total_basis",
    "amount_paid_basis",
    "expenses_basis",
)
"""``name`` of the form controls. ``vat_rate`` 0 means no VAT (the bases then change nothing)."""
BASIS_FIELDS = {
    "contract_total": "contract_total_basis",
    "amount_paid": "amount_paid_basis",
    "expenses": "expenses_basis",
}
"""The VAT basis control of each amount (a ``<select>``); milestone prices are on the contract total's
basis."""
BASES = ("excl", "incl")
"""Values of a basis control: the amount is ex. or incl. VAT."""
DEFAULT_BASES = {"contract_total_basis": "excl", "amount_paid_basis": "incl", "expenses_basis": "excl"}
"""As people have their numbers: the contract ex. VAT, the bank statement incl. VAT, receipts ex. VAT."""
BASIS_ATTR = "data-basis-for"
"""On each basis control: its name."""
SHARE_MODE_FIELD = "share_mode"
SHARE_MODES = ("percent", "units", "milestones")
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
RESULTS = (
    "earned",
    "refund",
    "balance_due",
    "refund_net",
    "refund_vat",
    "balance_due_net",
    "balance_due_vat",
)
"""``data-result`` values of the tested results. ``refund`` and ``balance_due`` are the money that changes
hands (incl. VAT where VAT applies), ``*_net`` and ``*_vat`` their parts; ``earned`` is ex. VAT."""
EXTRA_RESULTS = ("earned_work", "expenses", "paid", "refund_gross", "balance_due_gross")
"""Shown besides: the breakdown ex. VAT, and the totals of the credit note and the final invoice."""
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
ENGINE_ATTR = "data-calculator-engine"
"""Set by the script on the root: where the engine part is, ``loading``, ``ready``, ``failed`` (could not be
fetched: a retry is offered) or ``broken`` (fetched but cannot run, such as strings lacking a key: no
retry)."""
ENGINE_STATES = ("loading", "ready", "failed", "broken")
LOAD_STATUS_ATTR = "data-calculator-load-status"
"""On the status line of the result region that says the engine could not be loaded."""
RETRY_ATTR = "data-calculator-retry"
"""On the button that tries loading the engine again after a failure."""
ENGINE_PART = "refund-calculator-engine"
"""Everything of the calculator but its form: an on-demand part (site/bundle.py PARTS,
``part-refund-calculator-engine.js``) fetched on the reader's first use of the form, or at mount when a
calculation is in the address or kept in the browser. Its strings are every ``calculator.*`` key but
:data:`FORM_STRING_KEYS` and the currencies' names, in ``strings-refund-calculator-engine.<code>.js``
(``hooks.py``)."""
CURRENCIES = ("NOK", "EUR", "USD", "GBP", "SEK", "DKK")
"""The currencies of the form's menu (refund-math.js CURRENCIES), whose names (``currency.<code>``) the form
shows at load."""
FORM_STRING_KEYS = (
    "form-label",
    "currency.label",
    "share-mode.legend",
    "share-mode.percent",
    "share-mode.units",
    "share-mode.milestones",
    "contract_total.label",
    "contract_total.hint",
    "percent_complete.label",
    "percent_complete.hint",
    "units_done.label",
    "units_total.label",
    "units.hint",
    "amount_paid.label",
    "amount_paid.hint",
    "expenses.label",
    "expenses.hint",
    "basis.label",
    "basis.excl",
    "basis.incl",
    "settlement.legend",
    "settlement.by_work",
    "settlement.full",
    "vat.legend",
    "vat_rate.label",
    "vat_rate.hint",
    "milestones.legend",
    "milestones.hint",
    "milestone.legend",
    "milestone_name.label",
    "milestone_price.label",
    "milestone_percent.label",
    "milestone.add",
    "milestone.remove",
    "milestone.remove-label",
    "result.heading",
    "result.incomplete",
    "copy-summary",
    "copy-link",
    "privacy-note",
    "load.failed",
    "load.broken",
    "load.retry",
    *(f"currency.{code}" for code in CURRENCIES),
)
"""The keys (without :data:`STRING_PREFIX`) the form needs at load (refund-fields.js FORM_STRING_KEYS and the
currencies' names; a unit test holds the two together): the only calculator keys the page config carries."""


class CalculatorError(BlockError):
    """A malformed calculator block; the message says what is wrong and what to write instead.

    A PluginError, so MkDocs ends the build with the page's name ("Error reading page 'en/refunds.md':")
    and this message instead of a traceback; a ValueError for code that renders Markdown without MkDocs.
    """


WIDGET = Widget(
    name=NAME,
    label="refund calculator",
    error=CalculatorError,
    root_attr=ROOT_ATTR,
    root_value=ROOT_VALUE,
    css_class="refund-calculator",
    fallback_attr=FALLBACK_ATTR,
    fallback_hint="the formula and a worked example (readers without JavaScript, print and the PDF get it)",
    strings=(STRING_PREFIX,),
)
"""The block's declaration (blocks/base.py gives it its checks, its root and its fallback)."""


class RefundCalculatorBlock(FallbackBlock):
    """``/// refund-calculator`` + a Markdown body -> the widget root around the fallback."""

    WIDGET = WIDGET


class RefundCalculatorExtension(WidgetExtension):
    """``markdown_extensions: - playbook.blocks.calculator``."""

    BLOCKS = (RefundCalculatorBlock,)


def makeExtension(**kwargs: Any) -> RefundCalculatorExtension:
    return RefundCalculatorExtension(**kwargs)
