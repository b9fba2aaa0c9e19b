/**
 * document-text.js: the exit documents as plain text, filled from the planner's form values and the page's
 * templates. No DOM, no storage, no clock.
 *
 * The documents (issue #15): the formal notice (notice), the credit note draft (credit_note), the mutual
 * termination agreement (termination_agreement), the handover receipt (handover_receipt) and the dated plan
 * (plan). Each function takes the normalised values (documentValues), the templates (DOCUMENT_TEMPLATES in
 * document-templates.js, read from the page by planner-text.js readTemplates) and {locale, calculation}, and
 * returns the text. Where the reader has not filled a field the text holds that field's marker, the template
 * "blank.<name>" ("[dato]"); unfilled() lists the markers left in a text, so the widget can name them next to
 * the buttons, also after the reader edited the text by hand.
 *
 * Values (as planner-state.js stores them; every text as typed, vat_registered a boolean):
 *   client_company, client_contact, notice_date (ISO), notice_period (digits), notice_unit (UNITS),
 *   notice_from (CONVENTIONS), agreement_date (ISO), agreement_clause, deliverables (one item a line),
 *   seller_name, seller_org_nr, vat_registered, invoice_number, invoice_date (ISO), credit_note_number,
 *   credit_note_date (ISO), credit_description, settlement_date (ISO: the refund is paid back or the final
 *   invoice sent by then), handover_date (ISO), handover_items (one item a line), end_date (ISO, typed in the
 *   planner; the notice's computed end date when empty).
 * calculation: the calculator's last result, {kind: "refund" | "balance_due" | "settled", minor: bigint,
 *   amount: string, currency: string, rateBp: bigint} (last-calculation.js handover() plus the VAT rate), or null.
 *
 * The dates are stored ISO and shown in the page's language with Intl.DateTimeFormat (planner-text.js
 * formatDate: "31. mai 2027", "31 May 2027"). The credit note's amounts are the calculator's own VAT split
 * (credit-note.js creditNoteAmounts with included: true on the refund as paid back).
 */

import { formatMoney } from "../calculator/refund-math.js";
import { creditNoteAmounts } from "./credit-note.js";
import { DOCUMENT_TEMPLATES } from "./document-templates.js";
import { exitPlan, planEvents } from "./exit-plan.js";
import { MAX_PERIOD, isoDate, noticeEndDate, parsePeriod } from "./notice-dates.js";
import { DATE_FIELDS, DOCUMENT_FIELDS, MULTILINE_FIELDS, UNITS, sanitiseDocumentValues } from "./document-fields.js";
import { checkOrgNumber, formatOrgNumber } from "./org-number.js";

export {
  CONVENTIONS, DATE_FIELDS, DOCUMENTS, DOCUMENT_FIELDS, MULTILINE_FIELDS, UNITS, emptyDocumentValues, sanitiseDocumentValues,
  textFileName, unfilled,
} from "./document-fields.js";

const TEMPLATE_FILL = /\{([^{}]*)\}/g;
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** Fill {placeholders} in one pass (a value is never read again as a template); an unknown one throws. */
export function fillTemplate(template, values = {}) {
  if (typeof template !== "string") throw new Error("document-text: missing template");
  return template.replace(TEMPLATE_FILL, (whole, name) => {
    if (!hasOwn(values, name)) throw new Error(`No value for ${whole} in ${JSON.stringify(template)}`);
    return String(values[name]);
  });
}

const oneLine = (text) => (typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "");
/** The non-empty lines of a multi-line field, each on one line; list markers typed by the reader removed. */
export const items = (text) => (typeof text === "string" ? text.split(/\r\n|\r|\n/) : [])
  .map((line) => oneLine(line).replace(/^[-*•]\s+/, "")).filter(Boolean);

/** An ISO date in words in `locale` ("31. mai 2027", "31 May 2027"), UTC; null when not a real date. */
export function formatDate(iso, locale) {
  const date = isoDate(typeof iso === "string" ? iso.trim() : iso);
  if (!date.ok) return null;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

/**
 * The last day of the notice period from the form, or null when the notice fields are not (validly) filled.
 * @returns {{endDate: string, startDate: string} | null}
 */
export function noticeEnd(values) {
  const found = noticeEndDate({
    noticeDate: values.notice_date, period: values.notice_period, unit: values.notice_unit, convention: values.notice_from,
  });
  return found.ok ? { endDate: found.endDate, startDate: found.startDate } : null;
}

/** The agreement's last day: the date typed in the planner, else the notice's end date; "" when neither. */
export function lastDay(values) {
  if (isoDate(values.end_date).ok) return values.end_date;
  return noticeEnd(values)?.endDate ?? "";
}

/**
 * What is wrong with the filled document fields, by field name: {field: code}. Empty fields are not errors
 * (the documents mark them); a field typed wrongly is. Codes: invalid_date; invalid_period, period_too_long
 * (notice_period); invalid_characters, not_nine_digits, bad_check_digit (seller_org_nr, MOD11);
 * before_invoice (credit_note_date before invoice_date); end_before_notice (a typed end date before the notice).
 */
export function fieldErrors(rawValues) {
  const values = sanitiseDocumentValues(rawValues);
  const errors = {};
  for (const name of DATE_FIELDS) {
    if (values[name].trim() && !isoDate(values[name]).ok) errors[name] = "invalid_date";
  }
  if (values.notice_period.trim()) {
    const period = parsePeriod(values.notice_period);
    if (!period.ok) errors.notice_period = period.code;
    else if (period.period > MAX_PERIOD[values.notice_unit]) errors.notice_period = "period_too_long";
  }
  if (values.seller_org_nr.trim()) {
    const org = checkOrgNumber(values.seller_org_nr);
    if (!org.ok) errors.seller_org_nr = org.code;
  }
  const invoice = isoDate(values.invoice_date);
  const note = isoDate(values.credit_note_date);
  if (invoice.ok && note.ok && note.days < invoice.days) errors.credit_note_date = "before_invoice";
  return errors;
}

/** Every template key the document functions use (for a test: they are all declared). */
export const DOCUMENT_TEMPLATE_KEYS = Object.freeze(Object.keys(DOCUMENT_TEMPLATES));

function context(rawValues, templates, { locale, calculation = null } = {}) {
  const values = { ...sanitiseDocumentValues(rawValues), end_date: typeof rawValues?.end_date === "string" ? rawValues.end_date : "" };
  const t = (key, vars) => fillTemplate(templates[key], vars);
  const blank = (name) => templates[`blank.${name}`];
  const text = (name) => oneLine(values[name]) || blank(name);
  const date = (name, blankName = "date") => formatDate(values[name], locale) ?? blank(blankName);
  const org = checkOrgNumber(values.seller_org_nr);
  return { values, t, blank, text, date, org, locale, calculation };
}

const lines = (...parts) => parts.flat().filter((part) => part !== null && part !== undefined && part !== false).join("\n");

/** "3 måneder", "1 week": a notice period in words, or null when it is not a valid period. */
export function periodText(values, templates, locale) {
  const period = parsePeriod(values.notice_period);
  if (!period.ok || !UNITS.includes(values.notice_unit)) return null;
  const category = new Intl.PluralRules(locale).select(period.period) === "one" ? "one" : "other";
  return fillTemplate(templates[`period.${values.notice_unit}.${category}`], { n: period.period });
}

/** The seller's organisation number as printed: "923 609 016 MVA" (VAT-registered) or the marker. */
function orgLine(c) {
  return c.org.ok ? formatOrgNumber(c.org.digits, { vatRegistered: c.values.vat_registered }) : c.blank("seller_org_nr");
}

/** The formal notice (oppsigelse). */
export function noticeText(rawValues, templates, options) {
  const c = context(rawValues, templates, options);
  const { t, values } = c;
  const end = noticeEnd(values);
  const period = periodText(values, templates, c.locale) ?? c.blank("notice_period");
  const deliverables = items(values.deliverables);
  return lines(
    t("notice.title"), "",
    t("notice.from", { seller_name: c.text("seller_name"), seller_org_nr: orgLine(c) }),
    t("notice.to", { client_company: c.text("client_company") }),
    oneLine(values.client_contact) ? t("notice.attention", { client_contact: oneLine(values.client_contact) }) : null,
    t("notice.date", { date: c.date("notice_date", "notice_date") }), "",
    t("notice.subject", { agreement_date: c.date("agreement_date", "agreement_date") }), "",
    t("notice.body", {
      client_company: c.text("client_company"), agreement_date: c.date("agreement_date", "agreement_date"),
      clause: oneLine(values.agreement_clause) || c.blank("clause"),
    }),
    t(`notice.period.${values.notice_from}`, { period }),
    t("notice.end", { end_date: end ? formatDate(end.endDate, c.locale) : c.blank("date") }), "",
    t("notice.deliveries", { deliverables: deliverables.length ? deliverables.join("; ") : c.blank("deliverables") }), "",
    t("notice.receipt"), "",
    t("notice.signoff"),
    c.text("seller_name"),
  );
}

/**
 * The credit note's amounts from the calculation: {net, vat, total, byRate} as formatted strings, or null
 * when there is no refund to credit (no calculation, or it ends in a final invoice or nothing either way).
 */
export function creditAmounts(calculation, locale) {
  if (!calculation || calculation.kind !== "refund" || typeof calculation.minor !== "bigint" || calculation.minor <= 0n) return null;
  const rateBp = typeof calculation.rateBp === "bigint" ? calculation.rateBp : 0n;
  const found = creditNoteAmounts([{ amount: calculation.minor, rateBp }], { included: true, currency: calculation.currency });
  if (!found.ok) return null;
  const money = (minor) => formatMoney(minor, { locale, currency: calculation.currency });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  return {
    net: money(found.net), vat: money(found.vat), total: money(found.total),
    byRate: found.byRate.map((rate) => ({ rate: percent.format(Number(rate.rateBp) / 10000), vat: money(rate.vat), rateBp: rate.rateBp })),
  };
}

/** The credit note draft (kreditnota), from the calculation's refund. */
export function creditNoteText(rawValues, templates, options) {
  const c = context(rawValues, templates, options);
  const { t, values } = c;
  const amounts = creditAmounts(c.calculation, c.locale);
  const amount = c.blank("amount");
  const vatLines = !values.vat_registered
    ? [t("credit_note.no_vat")]
    : amounts
      ? amounts.byRate.map((rate) => t("credit_note.vat", { rate: rate.rate, amount: rate.vat }))
      : [t("credit_note.vat", { rate: "25 %", amount })];
  const description = items(values.credit_description);
  return lines(
    t("credit_note.title"), "",
    t("credit_note.number", { number: c.text("credit_note_number") }),
    t("credit_note.date", { date: c.date("credit_note_date", "credit_note_date") }), "",
    t("credit_note.seller", { seller_name: c.text("seller_name"), org_line: orgLine(c) }),
    t("credit_note.buyer", { client_company: c.text("client_company") }), "",
    t("credit_note.credits", {
      invoice_number: c.text("invoice_number"), invoice_date: c.date("invoice_date", "invoice_date"),
    }),
    t("credit_note.description", { description: description.length ? description.join("; ") : c.blank("description") }), "",
    t("credit_note.net", { amount: amounts ? (values.vat_registered ? amounts.net : amounts.total) : amount }),
    vatLines,
    t("credit_note.total", { amount: amounts ? (values.vat_registered ? amounts.total : amounts.total) : amount }), "",
    t("credit_note.refund", { date: c.date("settlement_date") }),
  );
}

/** The mutual termination agreement (avslutningsavtale), for two signatures. */
export function terminationText(rawValues, templates, options) {
  const c = context(rawValues, templates, options);
  const { t, values } = c;
  const end = lastDay(values);
  const deliverables = items(values.deliverables);
  const handed = items(values.handover_items);
  const kind = c.calculation?.kind;
  let settlement;
  if (kind === "refund" || kind === "balance_due") {
    settlement = t(`termination_agreement.settlement.${kind}`, { amount: c.calculation.amount, date: c.date("settlement_date") });
  } else if (kind === "settled") {
    settlement = t("termination_agreement.settlement.settled");
  } else {
    settlement = t("termination_agreement.settlement.open", { settlement: c.blank("settlement") });
  }
  return lines(
    t("termination_agreement.title"), "",
    t("termination_agreement.parties", {
      client_company: c.text("client_company"), seller_name: c.text("seller_name"), seller_org_nr: orgLine(c),
    }), "",
    t("termination_agreement.end", {
      agreement_date: c.date("agreement_date", "agreement_date"), end_date: formatDate(end, c.locale) ?? c.blank("date"),
    }),
    t("termination_agreement.deliveries", { deliverables: deliverables.length ? deliverables.join("; ") : c.blank("deliverables") }),
    settlement,
    t("termination_agreement.handover", { handover_items: handed.length ? handed.join("; ") : c.blank("handover_items") }),
    t("termination_agreement.confidentiality"),
    t("termination_agreement.no_claims"), "",
    t("termination_agreement.place_date"), "",
    t("termination_agreement.signature.client", { client_company: c.text("client_company") }), "",
    t("termination_agreement.signature.seller", { seller_name: c.text("seller_name") }),
  );
}

/** The handover receipt, listing what was handed over, for the client to confirm. */
export function handoverReceiptText(rawValues, templates, options) {
  const c = context(rawValues, templates, options);
  const { t, values } = c;
  const handed = items(values.handover_items);
  const day = formatDate(values.handover_date, c.locale) ?? formatDate(lastDay(values), c.locale) ?? c.blank("date");
  return lines(
    t("handover_receipt.title"), "",
    t("handover_receipt.intro", { client_company: c.text("client_company"), seller_name: c.text("seller_name"), date: day }), "",
    handed.length ? handed.map((item) => t("handover_receipt.item", { item })) : [t("handover_receipt.item", { item: c.blank("handover_items") })], "",
    t("handover_receipt.confirm"), "",
    t("handover_receipt.signature", { client_company: c.text("client_company") }),
  );
}

/**
 * The dated plan's steps with their titles (exit-plan.js and planEvents), or null when the notice date or the
 * last day is missing or the dates do not fit together.
 * @returns {Array<{id: string, date: string, endDate?: string, summary: string}> | null}
 */
export function planSteps(rawValues, templates) {
  const values = { ...sanitiseDocumentValues(rawValues), end_date: typeof rawValues?.end_date === "string" ? rawValues.end_date : "" };
  const endDate = lastDay(values);
  const optional = (name) => (isoDate(values[name]).ok ? values[name] : undefined);
  const plan = exitPlan({
    noticeDate: values.notice_date, endDate, handoverDate: optional("handover_date"), settlementDate: optional("settlement_date"),
  });
  return plan.ok ? planEvents(plan.steps, templates) : null;
}

/** The dated plan as a list: one line a step, "31. mai 2027: The last day" (a span: "1.–31. mai 2027"). */
export function planText(rawValues, templates, { locale } = {}) {
  const steps = planSteps(rawValues, templates);
  const title = templates["plan.title"];
  if (!steps) return lines(title, "", `${templates["blank.notice_date"]} ${templates["blank.date"]}`);
  const range = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const utc = (iso) => { const d = isoDate(iso); return new Date(Date.UTC(d.year, d.month - 1, d.day)); };
  const when = (step) => (step.endDate && step.endDate !== step.date
    ? range.formatRange(utc(step.date), utc(step.endDate))
    : formatDate(step.date, locale));
  return lines(title, "", steps.map((step) => `${when(step)}: ${step.summary}`));
}

/** The writer of each document by its [data-output] name. */
export const WRITERS = Object.freeze({
  notice: noticeText,
  credit_note: creditNoteText,
  termination_agreement: terminationText,
  handover_receipt: handoverReceiptText,
  plan: planText,
});
