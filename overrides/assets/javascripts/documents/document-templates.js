/**
 * document-templates.js: the keys of the exit documents' templates and the placeholders each may (allowed) and
 * must (required) hold. No imports, no DOM: planner-text.js adds these to its TEMPLATES (so the page's
 * /// conversation-templates block must hold them), and scripts/playbook/blocks/planner/documents.py declares the
 * same set for the build (tests/js/documents/document-text.test.mjs holds the two together).
 *
 * The texts themselves are written in Markdown, in docs/<code>/planner.md; document-text.js fills them.
 * "blank.<name>" templates are the markers a document shows where the reader has not filled a field
 * ("[dato]", "[your name]"); the widget names every marker left in a document next to its buttons.
 */

/** The plan's step ids (exit-plan.js STEP_IDS), each titled by the template "plan.<id>". */
export const PLAN_STEPS = /* @__PURE__ */ Object.freeze([
  "read_contract", "work_out_money", "line_up_providers", "book_call", "call", "send_notice", "stop_now_in_writing",
  "notice_period", "handover", "last_day", "settle", "follow_up_payment", "close",
]);
/** The notice period's units and the plural categories a period is written in. */
export const PERIOD_KEYS = /* @__PURE__ */ Object.freeze(["days", "weeks", "months"].flatMap((unit) => [`period.${unit}.one`, `period.${unit}.other`]));
/** Fields a document can show as a blank marker, "blank.<name>". */
export const BLANKS = /* @__PURE__ */ Object.freeze([
  "seller_name", "seller_org_nr", "client_company", "agreement_date", "clause", "notice_date", "notice_period",
  "deliverables", "handover_items", "invoice_number", "invoice_date", "credit_note_number", "credit_note_date",
  "description", "amount", "date", "settlement",
]);

const spec = (allowed = [], required = allowed) => Object.freeze({ allowed: Object.freeze(allowed), required: Object.freeze(required) });

function documentSpec() {
  const found = {
    "confirmation.company": spec(["client_company"]),
    "confirmation.settlement.refund": spec(["date"]),
    "confirmation.settlement.balance_due": spec(["date"]),

    "notice.title": spec(),
    "notice.from": spec(["seller_name", "seller_org_nr"]),
    "notice.to": spec(["client_company"]),
    "notice.attention": spec(["client_contact"]),
    "notice.date": spec(["date"]),
    "notice.subject": spec(["agreement_date"]),
    "notice.body": spec(["client_company", "agreement_date", "clause"]),
    "notice.period.notice_date": spec(["period"]),
    "notice.period.month_end": spec(["period"]),
    "notice.end": spec(["end_date"]),
    "notice.deliveries": spec(["deliverables"]),
    "notice.receipt": spec(),
    "notice.signoff": spec(),

    "credit_note.title": spec(),
    "credit_note.number": spec(["number"]),
    "credit_note.date": spec(["date"]),
    "credit_note.seller": spec(["seller_name", "org_line"]),
    "credit_note.buyer": spec(["client_company"]),
    "credit_note.credits": spec(["invoice_number", "invoice_date"]),
    "credit_note.description": spec(["description"]),
    "credit_note.net": spec(["amount"]),
    "credit_note.vat": spec(["rate", "amount"]),
    "credit_note.no_vat": spec(),
    "credit_note.total": spec(["amount"]),
    "credit_note.refund": spec(["date"]),

    "termination_agreement.title": spec(),
    "termination_agreement.parties": spec(["client_company", "seller_name", "seller_org_nr"]),
    "termination_agreement.end": spec(["agreement_date", "end_date"]),
    "termination_agreement.deliveries": spec(["deliverables"]),
    "termination_agreement.settlement.refund": spec(["amount", "date"]),
    "termination_agreement.settlement.balance_due": spec(["amount", "date"]),
    "termination_agreement.settlement.settled": spec(),
    "termination_agreement.settlement.open": spec(["settlement"]),
    "termination_agreement.handover": spec(["handover_items"]),
    "termination_agreement.confidentiality": spec(),
    "termination_agreement.no_claims": spec(),
    "termination_agreement.place_date": spec(),
    "termination_agreement.signature.client": spec(["client_company"]),
    "termination_agreement.signature.seller": spec(["seller_name"]),

    "handover_receipt.title": spec(),
    "handover_receipt.intro": spec(["client_company", "seller_name", "date"]),
    "handover_receipt.item": spec(["item"]),
    "handover_receipt.confirm": spec(),
    "handover_receipt.signature": spec(["client_company"]),

    "plan.title": spec(),
  };
  for (const step of PLAN_STEPS) found[`plan.${step}`] = spec();
  for (const key of PERIOD_KEYS) found[key] = spec(["n"]);
  for (const name of BLANKS) found[`blank.${name}`] = spec();
  return Object.freeze(found);
}

/** Every document template key with its placeholders (the same shape as planner-text.js TEMPLATES). */
export const DOCUMENT_TEMPLATES = /* @__PURE__ */ documentSpec();
