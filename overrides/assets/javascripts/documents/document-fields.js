// The exit documents' names and form fields, without their texts: what the planner's conversation part needs at
// load (planner-state.js stores every field, planner.js tells whether the reader used the documents;
// planner/output-tools.js names the unfilled markers of every text and names its downloads) while the
// documents themselves (document-text.js and the rest of documents/) arrive with the planner's on-demand part.
// document-text.js and notice-dates.js re-export these, so their own users need not know the split.

import { BLANKS } from "./document-templates.js";

/** The documents, in the order the page shows them; each is a [data-output] name. */
export const DOCUMENTS = Object.freeze(["notice", "credit_note", "termination_agreement", "handover_receipt", "plan"]);
/** The form fields of the documents, in form order (the interface names). */
export const DOCUMENT_FIELDS = Object.freeze([
  "client_company", "client_contact", "seller_name", "seller_org_nr", "vat_registered",
  "agreement_date", "agreement_clause", "notice_date", "notice_period", "notice_unit", "notice_from", "deliverables",
  "handover_date", "handover_items", "settlement_date",
  "invoice_number", "invoice_date", "credit_note_number", "credit_note_date", "credit_description",
]);
/** Fields that take several lines (one item a line). */
export const MULTILINE_FIELDS = /* @__PURE__ */ Object.freeze(["deliverables", "handover_items", "credit_description"]);
/** Fields holding an ISO date. */
export const DATE_FIELDS = /* @__PURE__ */ Object.freeze([
  "agreement_date", "notice_date", "handover_date", "settlement_date", "invoice_date", "credit_note_date",
]);
/** The notice period's units. */
export const UNITS = Object.freeze(["days", "weeks", "months"]);
/** How a notice period is counted (notice-dates.js explains both). */
export const CONVENTIONS = Object.freeze(["notice_date", "month_end"]);

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** The document fields of a form as a reader first sees them. */
export function emptyDocumentValues() {
  const values = Object.fromEntries(DOCUMENT_FIELDS.map((name) => [name, ""]));
  return { ...values, vat_registered: false, notice_unit: "months", notice_from: "notice_date" };
}

/**
 * Document fields made safe to read: strings (cut at `max`), known choices, vat_registered a boolean.
 * Used by planner-state.js for what is stored and by the texts below.
 * @param {unknown} values @param {number} [max] longest text kept
 */
export function sanitiseDocumentValues(values, max = 4000) {
  const v = isRecord(values) ? values : {};
  const empty = emptyDocumentValues();
  const out = {};
  for (const name of DOCUMENT_FIELDS) {
    if (name === "vat_registered") out[name] = v[name] === true;
    else if (name === "notice_unit") out[name] = UNITS.includes(v[name]) ? v[name] : empty[name];
    else if (name === "notice_from") out[name] = CONVENTIONS.includes(v[name]) ? v[name] : empty[name];
    else out[name] = typeof v[name] === "string" ? v[name].slice(0, max) : "";
  }
  return out;
}

/**
 * The markers of unfilled fields left in a text, in the order they first appear (each once).
 * @param {string} text a document as shown (generated or edited by hand)
 * @param {Record<string, string>} templates
 * @returns {string[]} e.g. ["[ditt navn]", "[dato]"]
 */
export function unfilled(text, templates) {
  if (typeof text !== "string") return [];
  const markers = [...new Set([...BLANKS.map((name) => templates[`blank.${name}`]), templates["blank.end_date"], templates["blank.reason"]])]
    .filter((marker) => typeof marker === "string" && marker);
  return markers
    .map((marker) => [marker, text.indexOf(marker)])
    .filter(([, at]) => at >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([marker]) => marker);
}

/** A file name for a document's text download: "oppsigelse-2027-05-03.txt" from a slug and an ISO date. */
export function textFileName(slug, isoDay) {
  const safe = String(slug).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "document";
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDay) ? `${safe}-${isoDay}.txt` : `${safe}.txt`;
}
