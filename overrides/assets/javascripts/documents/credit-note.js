/**
 * credit-note.js: the amounts and the fields of a credit note (kreditnota) draft, as data. No DOM, no globals.
 *
 * What a credit note is for and must carry (see /work/shared/research/norway-facts.md and the playbook's
 * refunds page): a refund or reduction of an invoiced amount is documented with a credit note that refers to
 * the invoice it credits (its number and date) and carries the same kind of details as an invoice: the seller's
 * name and organisation number, followed by "MVA" when the seller is VAT-registered (bokføringsforskriften
 * § 5-1-1 and § 5-2-8, https://lovdata.no/forskrift/2004-12-01-1558; Regnskapsstiftelsen, GBS 1), the buyer,
 * its own number and date, what is credited, the amount excluding VAT, the VAT per rate, and the total. It uses
 * the VAT rate of the invoice it credits. Only a seller in the VAT register charges VAT, so a credit note from a
 * seller who is not registered has none either (code `vat_not_registered`; Skatteetaten,
 * https://www.skatteetaten.no/bedrift-og-organisasjon/avgifter/mva/).
 *
 * Money is BigInt minor units (øre) and rates BigInt basis points (2500n = 25 %), as in the refund calculator;
 * the VAT arithmetic is the calculator's own (refund-math.js splitVat, rounding half up once per rate). From a
 * calculation, pass the refund as paid back, refundGross, with `included: true`: that gives exactly the
 * refundNet and refundVat the calculator showed, whichever basis the amounts were typed on (splitting the VAT
 * back off a gross amount finds the VAT that was rounded onto its net for any rate up to 100 %; the tests check
 * it against settle()). Amounts are positive: the heading marks the document as a credit note.
 *
 * Errors are returned, never thrown: creditNoteAmounts gives `{ok: false, code, index?, field?}`, creditNote
 * gives `{ok: false, errors: [{field, code}]}` with one entry per field in form order, `field` being the
 * form's input name (the interface: seller_name, seller_org_nr, client_company, invoice_number,
 * invoice_date, credit_note_number, credit_note_date; and description, refund_deadline, vat_registered,
 * amount, vat_rate), so each message goes into its [data-error-for]. Codes are listed in ERROR_CODES.
 */

import { CURRENCIES, MAX_BP, maxMinor, splitVat } from "../calculator/refund-math.js";
import { isoDate } from "./notice-dates.js";
import { checkOrgNumber, formatOrgNumber } from "./org-number.js";

/** Most amount lines (VAT rates) a credit note takes. */
export const MAX_LINES = 20;
/** Longest text per field (names, numbers) and for the description of what is credited. */
export const MAX_TEXT = 200;
export const MAX_DESCRIPTION = 2000;

/** The text fields, in form order, with whether each is required and its longest length. */
export const TEXT_FIELDS = Object.freeze([
  ["seller_name", MAX_TEXT], ["client_company", MAX_TEXT], ["credit_note_number", MAX_TEXT],
  ["invoice_number", MAX_TEXT], ["description", MAX_DESCRIPTION],
].map(([name, max]) => Object.freeze({ name, max })));

/** Every error code this module returns. */
export const ERROR_CODES = Object.freeze([
  // what a reader can cause in the form
  "required", "too_long", "invalid_date", "before_invoice", "before_credit_note",
  "invalid_characters", "not_nine_digits", "bad_check_digit", "vat_not_registered",
  "negative", "too_large", "over_100", "nothing_to_credit", "too_many_lines",
  // programming errors of the caller
  "invalid_input", "unknown_currency",
]);

const hasOwn = (o, k) => typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k);
const failAmounts = (code, extra) => ({ ok: false, code, ...extra });

/**
 * Net, VAT and total of a credit note, with the VAT rounded half up once per rate (on the sum of that rate's
 * lines), exactly as refund-math.js splitVat does.
 * @param {Array<{amount: bigint, rateBp: bigint}>} lines the credited amounts in minor units (≥ 0) and their
 *   invoice's VAT rate in basis points (0n–10000n); at most MAX_LINES
 * @param {{included?: boolean, currency?: string}} options included: the amounts contain VAT (the
 *   calculator's "including VAT"; default false: they are net); currency (default NOK) sets the limit
 *   maxMinor(currency)
 * @returns {{ok: true, net: bigint, vat: bigint, total: bigint,
 *   byRate: Array<{rateBp: bigint, net: bigint, vat: bigint, total: bigint}>} |
 *   {ok: false, code: string, index?: number, field?: "amount" | "vat_rate"}} byRate in descending rate order;
 *   net + vat === total, and the same per rate. code: invalid_input, unknown_currency, nothing_to_credit (no
 *   lines, or all zero), too_many_lines, negative, too_large (a line or the sum over maxMinor), over_100.
 */
export function creditNoteAmounts(lines, { included = false, currency = "NOK" } = {}) {
  if (!Array.isArray(lines) || typeof included !== "boolean") return failAmounts("invalid_input");
  if (!hasOwn(CURRENCIES, currency)) return failAmounts("unknown_currency");
  if (lines.length > MAX_LINES) return failAmounts("too_many_lines");
  const max = maxMinor(currency);
  const sums = new Map();
  for (const [index, line] of lines.entries()) {
    const { amount, rateBp } = line ?? {};
    if (typeof amount !== "bigint") return failAmounts("invalid_input", { index, field: "amount" });
    if (typeof rateBp !== "bigint") return failAmounts("invalid_input", { index, field: "vat_rate" });
    if (amount < 0n) return failAmounts("negative", { index, field: "amount" });
    if (amount > max) return failAmounts("too_large", { index, field: "amount" });
    if (rateBp < 0n) return failAmounts("negative", { index, field: "vat_rate" });
    if (rateBp > MAX_BP) return failAmounts("over_100", { index, field: "vat_rate" });
    sums.set(rateBp, (sums.get(rateBp) ?? 0n) + amount);
  }
  const byRate = [...sums.entries()]
    .sort(([a], [b]) => (a > b ? -1 : 1))
    .map(([rateBp, amount]) => {
      const { refundNet, refundVat, refundGross } = splitVat(amount, { included, rateBp });
      return { rateBp, net: refundNet, vat: refundVat, total: refundGross };
    });
  const add = (key) => byRate.reduce((sum, row) => sum + row[key], 0n);
  const [net, vat, total] = [add("net"), add("vat"), add("total")];
  if (total === 0n) return failAmounts("nothing_to_credit", { field: "amount" });
  if (total > max) return failAmounts("too_large", { field: "amount" });
  return { ok: true, net, vat, total, byRate };
}

/** A text field trimmed, or an error code. */
function readText(value, max) {
  if (value === null || value === undefined) return { code: "required" };
  if (typeof value !== "string") return { code: "invalid_input" };
  const text = value.trim();
  if (text === "") return { code: "required" };
  return text.length > max ? { code: "too_long" } : { text };
}

/**
 * Validate the credit note form and build the note as data.
 * @param {object} input
 * @param {string} input.seller_name
 * @param {string} input.seller_org_nr as typed (see org-number.js checkOrgNumber)
 * @param {boolean} input.vat_registered whether the seller is in the VAT register (adds "MVA", allows VAT)
 * @param {string} input.client_company the buyer, as on the credited invoice
 * @param {string} input.credit_note_number @param {string} input.credit_note_date ISO date
 * @param {string} input.invoice_number @param {string} input.invoice_date ISO date of the credited invoice
 * @param {string} input.description what is credited
 * @param {string} [input.refund_deadline] ISO date by which the money is paid back; "" or absent when the
 *   credit note only reduces what is owed (crediting without repayment)
 * @param {Array<{amount: bigint, rateBp: bigint}>} input.lines see creditNoteAmounts
 * @param {boolean} [input.included] the amounts include VAT (default false)
 * @param {string} [input.currency] default "NOK"
 * @returns {{ok: true, note: CreditNote} | {ok: false, errors: Array<{field: string, code: string}>}}
 *   Each field gets its first error, in form order. Date order: the credit note is not dated before the
 *   invoice it credits (before_invoice on credit_note_date), and the refund deadline not before the credit
 *   note (before_credit_note on refund_deadline). A VAT rate above 0 % from a seller who is not
 *   VAT-registered is vat_not_registered on vat_rate.
 *
 * @typedef {{kind: "credit_note", number: string, date: string,
 *   seller: {name: string, orgNumber: string, orgLine: string, vatRegistered: boolean},
 *   buyer: {name: string}, credits: {number: string, date: string}, description: string, currency: string,
 *   included: boolean, net: bigint, vat: bigint, total: bigint,
 *   byRate: Array<{rateBp: bigint, net: bigint, vat: bigint, total: bigint}>, refundDeadline: string | null}}
 *   CreditNote orgNumber: nine digits; orgLine: "923 609 016 MVA" or "923 609 016"; dates ISO.
 */
export function creditNote(input) {
  if (input === null || typeof input !== "object") return { ok: false, errors: [{ field: "", code: "invalid_input" }] };
  const errors = [];
  const values = {};
  const flag = (field, code) => errors.push({ field, code });

  for (const { name, max } of TEXT_FIELDS) {
    const r = readText(input[name], max);
    if (r.code) flag(name, r.code);
    else values[name] = r.text;
  }

  const org = checkOrgNumber(input.seller_org_nr);
  if (!org.ok) flag("seller_org_nr", org.code);
  const vatRegistered = input.vat_registered;
  if (typeof vatRegistered !== "boolean") flag("vat_registered", "required");

  const dates = {};
  for (const name of ["invoice_date", "credit_note_date"]) {
    const d = isoDate(input[name]);
    if (!d.ok) flag(name, d.code);
    else dates[name] = d.iso;
  }
  if (dates.invoice_date && dates.credit_note_date && dates.credit_note_date < dates.invoice_date) {
    flag("credit_note_date", "before_invoice");
  }
  let refundDeadline = null;
  if (input.refund_deadline !== undefined && input.refund_deadline !== null && input.refund_deadline !== "") {
    const d = isoDate(input.refund_deadline);
    if (!d.ok) flag("refund_deadline", d.code);
    else if (dates.credit_note_date && d.iso < dates.credit_note_date) flag("refund_deadline", "before_credit_note");
    else refundDeadline = d.iso;
  }

  const amounts = creditNoteAmounts(input.lines, { included: input.included ?? false, currency: input.currency ?? "NOK" });
  if (!amounts.ok) flag(amounts.field ?? "amount", amounts.code);
  else if (vatRegistered === false && amounts.byRate.some((row) => row.rateBp > 0n)) flag("vat_rate", "vat_not_registered");

  if (errors.length) {
    const order = ["seller_name", "seller_org_nr", "vat_registered", "client_company", "credit_note_number",
      "credit_note_date", "invoice_number", "invoice_date", "description", "amount", "vat_rate", "refund_deadline"];
    errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { ok: false, errors: errors.filter((e, i) => i === 0 || errors[i - 1].field !== e.field) };
  }
  return {
    ok: true,
    note: {
      kind: "credit_note",
      number: values.credit_note_number,
      date: dates.credit_note_date,
      seller: {
        name: values.seller_name,
        orgNumber: org.digits,
        orgLine: formatOrgNumber(org.digits, { vatRegistered }),
        vatRegistered,
      },
      buyer: { name: values.client_company },
      credits: { number: values.invoice_number, date: dates.invoice_date },
      description: values.description,
      currency: input.currency ?? "NOK",
      included: input.included ?? false,
      net: amounts.net,
      vat: amounts.vat,
      total: amounts.total,
      byRate: amounts.byRate,
      refundDeadline,
    },
  };
}

/**
 * The lines of a credit note in the order a document prints them, as data for the DOM layer to label (from
 * the strings table, by `key`) and format in the page's language (dates with Intl, money with
 * refund-math.js formatMoney, rates with formatPercent). Kinds:
 *   heading (no value: "KREDITNOTA" / "CREDIT NOTE"), text (value: string), date (value: ISO date),
 *   money (value: bigint minor units), vat (value: bigint VAT, with rateBp and base: the net it is on).
 * The VAT line appears once per rate; with a seller who is not VAT-registered there is none (no VAT to show).
 * The refund deadline appears only when there is one.
 * @param {CreditNote} note from creditNote
 * @returns {Array<{key: string, kind: string, value?: string | bigint, rateBp?: bigint, base?: bigint}>}
 *   keys: credit_note.title, .number, .date, .seller_name, .seller_org_nr, .client_company,
 *   .invoice_number, .invoice_date, .description, .net, .vat, .total, .refund_deadline
 */
export function creditNoteRows(note) {
  const row = (key, kind, value, extra) => ({ key: `credit_note.${key}`, kind, ...(value === undefined ? {} : { value }), ...extra });
  const rows = [
    row("title", "heading"),
    row("number", "text", note.number),
    row("date", "date", note.date),
    row("seller_name", "text", note.seller.name),
    row("seller_org_nr", "text", note.seller.orgLine),
    row("client_company", "text", note.buyer.name),
    row("invoice_number", "text", note.credits.number),
    row("invoice_date", "date", note.credits.date),
    row("description", "text", note.description),
    row("net", "money", note.net),
  ];
  if (note.seller.vatRegistered) {
    for (const r of note.byRate) rows.push(row("vat", "vat", r.vat, { rateBp: r.rateBp, base: r.net }));
  }
  rows.push(row("total", "money", note.total));
  if (note.refundDeadline) rows.push(row("refund_deadline", "date", note.refundDeadline));
  return rows;
}
