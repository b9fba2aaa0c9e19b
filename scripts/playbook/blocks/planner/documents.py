"""The exit documents' templates: every key the planner's ``/// conversation-templates`` block must hold for
the notice, the credit note, the termination agreement, the handover receipt, the dated plan and the
confirmation's additions, with the placeholders each may and must hold.

The browser's twin is ``overrides/assets/javascripts/documents/document-templates.js`` (DOCUMENT_TEMPLATES);
``tests/unit/test_documents_templates.py`` holds the two together. :func:`document_templates` is merged into
:data:`playbook.blocks.planner.TEMPLATES`, so a missing key or an unknown placeholder fails the build naming
the file and the line, as for the conversation's own templates. No imports from the planner package (it
imports this module).
"""

from __future__ import annotations

PLAN_STEPS = (
    "read_contract",
    "work_out_money",
    "line_up_providers",
    "book_call",
    "call",
    "send_notice",
    "stop_now_in_writing",
    "notice_period",
    "handover",
    "last_day",
    "settle",
    "follow_up_payment",
    "close",
)
"""The plan's steps (``documents/exit-plan.js`` STEP_IDS), each titled by the template ``plan.<id>``."""
UNITS = ("days", "weeks", "months")
"""Values of ``notice_unit``."""
CONVENTIONS = ("notice_date", "month_end")
"""Values of ``notice_from``: counted from the day notice is given, or from the end of that month."""
FIELDS = (
    "client_company",
    "client_contact",
    "seller_name",
    "seller_org_nr",
    "vat_registered",
    "agreement_date",
    "agreement_clause",
    "notice_date",
    "notice_period",
    "notice_unit",
    "notice_from",
    "deliverables",
    "handover_date",
    "handover_items",
    "settlement_date",
    "invoice_number",
    "invoice_date",
    "credit_note_number",
    "credit_note_date",
    "credit_description",
)
"""``name`` of the documents' form controls (``documents/document-text.js`` DOCUMENT_FIELDS), each with its
message in ``[data-error-for="<name>"]``; the planner's own are :data:`playbook.blocks.planner.FIELDS`."""
DOCUMENTS = ("notice", "credit_note", "termination_agreement", "handover_receipt", "plan")
"""``data-output`` values of the documents."""
BLANKS = (
    "seller_name",
    "seller_org_nr",
    "client_company",
    "agreement_date",
    "clause",
    "notice_date",
    "notice_period",
    "deliverables",
    "handover_items",
    "invoice_number",
    "invoice_date",
    "credit_note_number",
    "credit_note_date",
    "description",
    "amount",
    "date",
    "settlement",
)
"""Fields a document marks when the reader has not filled them: the template ``blank.<name>``."""

_WITH: dict[str, tuple[str, ...]] = {
    "confirmation.company": ("client_company",),
    "confirmation.settlement.refund": ("date",),
    "confirmation.settlement.balance_due": ("date",),
    "notice.title": (),
    "notice.from": ("seller_name", "seller_org_nr"),
    "notice.to": ("client_company",),
    "notice.attention": ("client_contact",),
    "notice.date": ("date",),
    "notice.subject": ("agreement_date",),
    "notice.body": ("client_company", "agreement_date", "clause"),
    "notice.period.notice_date": ("period",),
    "notice.period.month_end": ("period",),
    "notice.end": ("end_date",),
    "notice.deliveries": ("deliverables",),
    "notice.receipt": (),
    "notice.signoff": (),
    "credit_note.title": (),
    "credit_note.number": ("number",),
    "credit_note.date": ("date",),
    "credit_note.seller": ("seller_name", "org_line"),
    "credit_note.buyer": ("client_company",),
    "credit_note.credits": ("invoice_number", "invoice_date"),
    "credit_note.description": ("description",),
    "credit_note.net": ("amount",),
    "credit_note.vat": ("rate", "amount"),
    "credit_note.no_vat": (),
    "credit_note.total": ("amount",),
    "credit_note.refund": ("date",),
    "termination_agreement.title": (),
    "termination_agreement.parties": ("client_company", "seller_name", "seller_org_nr"),
    "termination_agreement.end": ("agreement_date", "end_date"),
    "termination_agreement.deliveries": ("deliverables",),
    "termination_agreement.settlement.refund": ("amount", "date"),
    "termination_agreement.settlement.balance_due": ("amount", "date"),
    "termination_agreement.settlement.settled": (),
    "termination_agreement.settlement.open": ("settlement",),
    "termination_agreement.handover": ("handover_items",),
    "termination_agreement.confidentiality": (),
    "termination_agreement.no_claims": (),
    "termination_agreement.place_date": (),
    "termination_agreement.signature.client": ("client_company",),
    "termination_agreement.signature.seller": ("seller_name",),
    "handover_receipt.title": (),
    "handover_receipt.intro": ("client_company", "seller_name", "date"),
    "handover_receipt.item": ("item",),
    "handover_receipt.confirm": (),
    "handover_receipt.signature": ("client_company",),
    "plan.title": (),
}


def document_templates() -> dict[str, tuple[str, ...]]:
    """Every document template key with its placeholders; each placeholder is both allowed and required."""
    found = dict(_WITH)
    found.update({f"plan.{step}": () for step in PLAN_STEPS})
    found.update({f"period.{unit}.{count}": ("n",) for unit in UNITS for count in ("one", "other")})
    found.update({f"blank.{name}": () for name in BLANKS})
    return found
