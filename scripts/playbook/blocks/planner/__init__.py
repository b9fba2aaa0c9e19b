"""The conversation planner: a form that writes a call script and a written confirmation in the reader's
words.

Authoring, in Markdown only, two blocks on one page (the same in every language)::

    /// conversation-planner

    What a reader without JavaScript and the PDF get: a worksheet to fill in by hand.
    ///

    /// conversation-templates

    script.opening: Hi {client_name}, thanks for making the time.
    script.opening.no_name: Hi, thanks for making the time.
    ...
    ///

- ``conversation-planner`` takes no title and no options, appears once on a page, and its Markdown body is the
  fallback, wrapped in ``[data-planner-fallback]`` inside the root ``<div data-widget="conversation-planner"
  data-conversation-planner>``. ``planner.js`` builds the form, the two texts and the exit pack in the browser
  and hides the fallback.
- ``conversation-templates`` holds every sentence the planner writes, one ``key: text`` per line (a line
  that starts with spaces continues the one above). :data:`TEMPLATES` declares the keys and, for each, the
  placeholders it may and must hold. The block becomes an empty
  ``<div hidden data-planner-templates="{json}">``: the texts stay out of the page's prose, its search index
  and the PDF.

Both blocks are declarations (:data:`WIDGET`, :data:`TEMPLATES_WIDGET`) over the shared base
(``blocks/base.py``), and both are checked twice: the extension raises :class:`PlannerError` while MkDocs
renders a page (MkDocs names the page), and ``sources.py`` reads the Markdown sources with line numbers before
anything renders, so a typo fails the build naming the file and the line. The names below are the widget's
interface: the build, the browser modules (``planner-text.js`` mirrors :data:`TEMPLATES`, a unit test holds
the two together) and the tests use them.
"""

from __future__ import annotations

import difflib
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from playbook.blocks.base import WIDGET_ATTR as WIDGET_ATTR
from playbook.blocks.base import BlockError, FallbackBlock, SingleBlock, Widget, WidgetExtension

# --- The widget's interface ---------------------------------------------------------------------------------
NAME = "conversation-planner"
"""Block name in Markdown and ``data-widget`` value (:data:`WIDGET_ATTR`) that playbook.js mounts."""
TEMPLATES_NAME = "conversation-templates"
"""Block name of the templates."""
ROOT_ATTR = "data-conversation-planner"
ROOT_VALUE = "planner"
FALLBACK_ATTR = "data-planner-fallback"
"""On the element holding the Markdown body; hidden by the script once the form is in place."""
TEMPLATES_ATTR = "data-planner-templates"
"""On the (hidden, empty) element of the templates block; its value is the templates as JSON."""

FIELDS = (
    "reason",
    "reason_details",
    "end_kind",
    "end_date",
    "handover",
    "handover_details",
    "refund_source",
    "refund",
    "replacements",
)
"""``name`` of the form controls (``replacements`` is the name of each of the MAX_REPLACEMENTS fields)."""
REASONS = ("capacity", "scope", "fit", "direction", "collaboration", "payment", "other")
"""Values of the ``reason`` menu; ``other`` means the reader's own words alone."""
END_KINDS = ("last_day", "contract_end")
HANDOVERS = ("finish", "hand_over")
REFUND_SOURCES = ("calculation", "typed")
MAX_REPLACEMENTS = 3
STATUS_ATTR = "data-planner-status"
"""Set by the script on the root once mounted: ``ready``."""
OUTPUT_ATTR = "data-output"
OUTPUTS = (
    "script",
    "confirmation",
    "notice",
    "credit_note",
    "termination_agreement",
    "handover_receipt",
    "plan",
)
"""``data-output`` values of the generated texts (editable ``<textarea>``): the conversation's two and the
exit documents (``documents/document-text.js`` DOCUMENTS); the notice's carries ``data-end-date``."""
COPY_ATTR = "data-planner-copy"
"""On each copy button; its value names the output it copies."""
REGENERATE_ATTR = "data-planner-regenerate"
"""On each output's button that writes the text again from the form after the reader edited it."""
CALCULATION_ATTR = "data-planner-calculation"
"""On the note that shows the calculator's last result ("from your calculation")."""
FORGET_ATTR = "data-planner-forget"
DOCUMENTS_OPEN_ATTR = "data-planner-documents"
"""On the button that shows (loading it the first time) or hides the exit documents; ``aria-expanded``."""
DOCUMENTS_STATUS_ATTR = "data-planner-documents-status"
"""On the status line that says the documents are loading, or could not be loaded."""
DOCUMENTS_RETRY_ATTR = "data-planner-documents-retry"
"""On the button that tries loading the documents again after a failure."""
DOCUMENTS_PART_ATTR = "data-planner-documents-part"
"""On the element the documents' part fills (their fields and texts); ``aria-busy`` while it loads."""
DOCUMENTS_STATE_ATTR = "data-planner-documents-state"
"""Set by the script on the root, for the documents' part: ``loading``, ``ready``, ``failed`` (could not be
fetched: a retry is offered) or ``broken`` (fetched but cannot be shown, such as strings lacking a key: no
retry)."""
PRINT_ATTR = "data-exit-pack-print"
EXIT_PACK_ATTR = "data-exit-pack"
EXIT_PACK_PART_ATTR = "data-exit-pack-part"
EXIT_PACK_PARTS = ("script", "confirmation", "checklists", "calculation")
EXIT_PACK_ITEM_ATTR = "data-exit-pack-item"
"""On every checklist item of the exit pack: ``<checklist id>/<item id>``."""
TICKED_ATTR = "data-ticked"
"""On every checklist item of the exit pack: ``true`` or ``false``."""
STORAGE_KEY = "playbook.planner"
"""localStorage key of what the reader typed (planner-state.js)."""
CALCULATION_KEY = "playbook.calculator.last"
"""localStorage key of the calculator's last valid result (last-calculation.js)."""
STRING_PREFIX = "planner."
"""Prefix of the widget's keys in ``strings/<code>.json``."""
DOCUMENTS_PART = "planner-documents"
"""The exit documents: the planner's on-demand part (site/bundle.py PARTS, ``part-planner-documents.js``)."""
CALCULATION_PART = "planner-calculation"
"""The calculator's arithmetic, for a stored calculation and the export file: the planner's other on-demand
part (``part-planner-calculation.js``, no strings of its own)."""
TEXTS_PART = "planner-texts"
"""Everything that reacts to the planner's form (the texts, their tools, the export and import, the exit
pack, forgetting; ``planner/texts-part.js``, bundled as ``part-planner-texts.js``): loaded on the reader's
first use of the planner, or at once when their browser stored something; the form is the widget's bundle."""
TEXTS_STATE_ATTR = "data-planner-texts-state"
"""Set by the script on the root, for the texts' part: ``loading``, ``ready``, ``failed`` (could not be
fetched: a retry is offered) or ``broken`` (fetched but cannot be shown: no retry)."""
TEXTS_STATUS_ATTR = "data-planner-texts-status"
"""On the status line that says the texts' part could not be loaded."""
TEXTS_RETRY_ATTR = "data-planner-texts-retry"
"""On the button that tries loading the texts' part again after a failure."""
PRINT_FALLBACK_ATTR = "data-planner-print-fallback"
"""On the (screen-hidden) fallback worksheet while the texts' part, which brings the exit pack, is not there:
the printer gets the worksheet meanwhile (planner.css)."""
TEXTS_STRING_KEYS = (
    "documents.hide",
    "documents.loading",
    "documents.failed",
    "documents.broken",
    "documents.retry",
    "calculation.refund",
    "calculation.balance_due",
    "calculation.settled",
    "calculation.note",
    "calculation.unavailable",
    "copied",
    "copy-failed",
    "regenerated",
    "forget-question",
    "forget-cancel",
    "forget-confirm",
    "forgotten",
    "exit-pack.title",
    "exit-pack.intro",
    "exit-pack.script",
    "exit-pack.confirmation",
    "exit-pack.checklists",
    "exit-pack.tally",
    "exit-pack.calculation",
    "exit-pack.no-calculation",
    "downloaded",
    "unfilled",
    "all-filled",
    "transfer.legend",
    "transfer.intro",
    "transfer.unavailable",
    "export",
    "exported",
    "exported.skipped",
    "exported.skipped.markup",
    "import.label",
    "imported",
    "import.error.too_large",
    "import.error.not_json",
    "import.error.not_ours",
    "import.error.newer_version",
    "import.error.markup",
    "import.error.malformed",
)
"""The planner keys (without :data:`STRING_PREFIX`) only the texts' part reads (texts-part.js
TEXTS_STRING_KEYS; tests/unit/test_planner.py holds the two together). They travel with the part, as
``strings-planner-texts.<code>.js``, not in the planner page's config, together with every
:data:`TEXTS_OTHER_PREFIX` key (the calculator's summary, which the exit pack prints)."""
TEXTS_OTHER_PREFIX = "calculator.summary."
DOCUMENT_STRING_KEYS = (
    "documents.legend",
    "documents.intro",
    "parties.legend",
    "seller_name.label",
    "seller_org_nr.label",
    "seller_org_nr.hint",
    "vat_registered.label",
    "agreement_date.label",
    "agreement_clause.label",
    "agreement_clause.hint",
    "notice.legend",
    "notice_date.label",
    "notice_period.label",
    "notice_unit.label",
    "notice_unit.days",
    "notice_unit.weeks",
    "notice_unit.months",
    "notice_from.legend",
    "notice_from.notice_date",
    "notice_from.month_end",
    "notice.end",
    "notice.no-end",
    "deliverables.label",
    "deliverables.hint",
    "handover.docs.legend",
    "handover_date.label",
    "handover_items.label",
    "handover_items.hint",
    "settlement_date.label",
    "settlement_date.hint",
    "credit.legend",
    "credit.intro",
    "invoice_number.label",
    "invoice_date.label",
    "credit_note_number.label",
    "credit_note_date.label",
    "credit_description.label",
    "error.invalid_date",
    "error.invalid_period",
    "error.period_too_long",
    "error.invalid_characters",
    "error.not_nine_digits",
    "error.bad_check_digit",
    "error.before_invoice",
    "output.notice.heading",
    "output.notice.hint",
    "copy.notice",
    "output.credit_note.heading",
    "output.credit_note.hint",
    "copy.credit_note",
    "output.termination_agreement.heading",
    "output.termination_agreement.hint",
    "copy.termination_agreement",
    "output.handover_receipt.heading",
    "output.handover_receipt.hint",
    "copy.handover_receipt",
    "output.plan.heading",
    "output.plan.hint",
    "copy.plan",
    "download-ics",
    "ics-missing",
)
"""The planner keys (without :data:`STRING_PREFIX`) only the exit documents read (documents-view.js
DOCUMENT_STRING_KEYS; tests/unit/test_planner.py holds the two together). They travel with the part, as
``strings-planner-documents.<code>.js``, not in the planner page's config. The tools every text has (print
alone, download as text, the unfilled placeholders) and the export and import are the texts' part's
(planner/output-tools.js, :data:`TEXTS_STRING_KEYS`), so they work before the documents' part is opened."""

# --- The templates ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    allowed: frozenset[str]
    """Placeholders the text may hold."""
    required: frozenset[str] = frozenset()
    """Placeholders the text must hold (without them the reader's entry would vanish)."""


def _template(*allowed: str, required: Iterable[str] = ()) -> Template:
    return Template(frozenset(allowed), frozenset(required))


def _templates() -> dict[str, Template]:
    found: dict[str, Template] = {}
    for text in ("script", "confirmation"):
        found[f"{text}.end.last_day"] = _template("end_date", required=["end_date"])
        found[f"{text}.end.contract_end"] = _template("end_date", required=["end_date"])
        for handover in HANDOVERS:
            found[f"{text}.handover.{handover}"] = _template("end_date")
        found[f"{text}.money.refund"] = _template("amount", required=["amount"])
        found[f"{text}.money.balance_due"] = _template("amount", required=["amount"])
        found[f"{text}.money.settled"] = _template()
        found[f"{text}.replacements"] = _template("replacements", required=["replacements"])
        found[f"{text}.closing"] = _template()
    found["script.opening"] = _template("client_name", required=["client_name"])
    found["script.opening.no_name"] = _template()
    found["script.decision"] = _template()
    for reason in REASONS:
        if reason != "other":
            found[f"script.reason.{reason}"] = _template()
    found["script.thanks"] = _template()
    found["confirmation.subject"] = _template()
    found["confirmation.greeting"] = _template("client_name", required=["client_name"])
    found["confirmation.greeting.no_name"] = _template()
    found["confirmation.intro"] = _template()
    found["confirmation.signoff"] = _template()
    found["blank.reason"] = _template()
    found["blank.end_date"] = _template()
    from playbook.blocks.planner.documents import document_templates  # the exit documents' templates

    for key, names in document_templates().items():
        found[key] = _template(*names, required=names)
    return dict(sorted(found.items()))


TEMPLATES: dict[str, Template] = _templates()
"""Every template the planner needs, by key; each language's block must hold exactly these."""

KEY_RE = re.compile(r"[a-z_]+(?:\.[a-z_]+)+")
LINE_RE = re.compile(r"(?P<key>[^\s:]+):(?:[ \t]+(?P<text>.*))?\Z")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


class PlannerError(BlockError):
    """A malformed planner or templates block; the message says what is wrong and what to write instead.

    A PluginError, so MkDocs ends the build with the page's name and this message instead of a traceback; a
    ValueError for code that renders Markdown without MkDocs.
    """


@dataclass(frozen=True)
class Problem:
    line: int
    """Line of the block's body, from 1; 0 for the whole block."""
    reason: str


def placeholder_problems(key: str, text: str) -> list[str]:
    """What is wrong with the placeholders of one template's text, as messages."""
    spec = TEMPLATES[key]
    problems = []
    names = PLACEHOLDER_RE.findall(text)
    for name in names:
        if name not in spec.allowed:
            allowed = ", ".join(f"{{{n}}}" for n in sorted(spec.allowed)) or "none"
            problems.append(
                f"template {key!r} holds the unknown placeholder {{{name}}}; it may use: {allowed}"
            )
    for name in sorted(spec.required - set(names)):
        problems.append(f"template {key!r} must hold the placeholder {{{name}}}")
    if "{" in PLACEHOLDER_RE.sub("", text) or "}" in PLACEHOLDER_RE.sub("", text):
        problems.append(
            f"template {key!r} holds a lone brace; braces only go around a placeholder like {{name}}"
        )
    return problems


def parse_templates(body: str) -> tuple[dict[str, str], list[Problem]]:
    """The templates of a block's body by key, and every problem with its line in the body (from 1).

    One ``key: text`` per line; a line that starts with a space or a tab continues the text above (joined with
    one space); blank lines are ignored.
    """
    templates: dict[str, str] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    current: str | None = None
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            current = None
            continue
        if line[0] in " \t":
            if current is None:
                problems.append(
                    Problem(number, f"{quote(line)} continues no template; start it with 'key: text'")
                )
            else:
                templates[current] += " " + line.strip()
            continue
        match = LINE_RE.match(line.rstrip())
        if not match or not match.group("text"):
            problems.append(Problem(number, f"{quote(line)} is not a template; write it as 'key: text'"))
            current = None
            continue
        key = match.group("key")
        current = None
        if key not in TEMPLATES:
            close = difflib.get_close_matches(key, TEMPLATES, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; the planner knows: {', '.join(TEMPLATES)}"
            )
            problems.append(Problem(number, f"unknown template {key!r}{hint}"))
            continue
        if key in templates:
            problems.append(
                Problem(number, f"template {key!r} is written twice (first on line {first_line[key]})")
            )
            continue
        templates[key] = match.group("text").strip()
        first_line[key] = number
        current = key
    for key, text in templates.items():
        problems += [Problem(first_line[key], reason) for reason in placeholder_problems(key, text)]
    missing = [key for key in TEMPLATES if key not in templates]
    if missing:
        problems.append(
            Problem(0, f"the templates lack {', '.join(missing)}; every language needs all of them")
        )
    problems.sort(key=lambda problem: problem.line)
    return templates, problems


def quote(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= length else text[: length - 1] + "…")


def templates_json(templates: dict[str, str]) -> str:
    """The value of ``data-planner-templates``: every template, keys sorted, as compact JSON."""
    return json.dumps(dict(sorted(templates.items())), ensure_ascii=False, separators=(",", ":"))


# --- The declarations and messages -----------------------------------------------------------------------

WIDGET = Widget(
    name=NAME,
    label="conversation planner",
    error=PlannerError,
    root_attr=ROOT_ATTR,
    root_value=ROOT_VALUE,
    css_class="conversation-planner",
    fallback_attr=FALLBACK_ATTR,
    fallback_hint="the worksheet readers without JavaScript and the PDF get",
    # Every key the planner's code reads, its parts' included: the exit pack prints the calculator's summary
    # (refund-state.js summaryText) too. The parts' keys leave the page config for their strings files
    # (blocks/planner/hooks.py).
    strings=(STRING_PREFIX, TEXTS_OTHER_PREFIX),
)
"""The planner block's declaration (blocks/base.py gives it its checks, its root and its fallback)."""
TEMPLATES_WIDGET = Widget(name=TEMPLATES_NAME, label="set of conversation templates", error=PlannerError)
"""The templates block's declaration: a single block without a fallback."""

TEMPLATES_INSIDE = (
    "the templates go in their own '/// conversation-templates' block after the planner, not inside it"
)
WITHOUT_TEMPLATES = "the page has a '/// conversation-planner' but no '/// conversation-templates' block"
WITHOUT_PLANNER = "the page has a '/// conversation-templates' block but no '/// conversation-planner'"


# --- The Markdown extension ---------------------------------------------------------------------------------


class ConversationPlannerBlock(FallbackBlock):
    """``/// conversation-planner`` + a Markdown body -> the widget root around its fallback."""

    WIDGET = WIDGET


class ConversationTemplatesBlock(SingleBlock):
    """``/// conversation-templates`` + ``key: text`` lines -> a hidden element carrying them as JSON."""

    WIDGET = TEMPLATES_WIDGET

    def on_markdown(self) -> str:
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        return self.opened(etree.SubElement(parent, "div", {"class": "conversation-planner__templates"}))

    def on_end(self, block: etree.Element) -> None:
        self.closed(block)
        templates, problems = parse_templates(str(block.text or ""))
        if problems:
            where = [f"line {p.line} of the block: {p.reason}" if p.line else p.reason for p in problems]
            raise PlannerError("the conversation templates need fixing:\n  " + "\n  ".join(where))
        block.text = None
        block.set(TEMPLATES_ATTR, templates_json(templates))
        block.set("hidden", "hidden")


class ConversationPlannerExtension(WidgetExtension):
    """``markdown_extensions: - playbook.blocks.planner``."""

    BLOCKS = (ConversationPlannerBlock, ConversationTemplatesBlock)

    def check_page(self, root: etree.Element) -> None:
        """The two halves belong together, side by side: a planner has its templates, outside it."""
        planners, templates = [], []
        for el in root.iter():  # one walk of the page: this runs on every page
            if el.get(ROOT_ATTR) is not None:
                planners.append(el)
            if el.get(TEMPLATES_ATTR) is not None:
                templates.append(el)
        for planner in planners:
            if any(el in templates for el in planner.iter()):
                raise PlannerError(TEMPLATES_INSIDE)
        if planners and not templates:
            raise PlannerError(WITHOUT_TEMPLATES)
        if templates and not planners:
            raise PlannerError(WITHOUT_PLANNER)


def makeExtension(**kwargs: Any) -> ConversationPlannerExtension:
    return ConversationPlannerExtension(**kwargs)
