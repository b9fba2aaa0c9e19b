/**
 * refund-form.js: what the refund calculator's form means, without the DOM.
 *
 * Plain ES module: refund-calculator.js (the thin DOM layer) and the Node tests import
 * it unchanged. It turns the form's text values into a calculator state (parsing with
 * refund-math.js, settling with refund-state.js), a state back into form values, error
 * codes into localised messages, and a settled state into the words and figures the
 * page shows. It keeps no state of its own.
 *
 * Form values, as the DOM reads and writes them (every text exactly as typed):
 *   { share_mode: "percent" | "milestones",
 *     contract_total, percent_complete, amount_paid, expenses, vat_rate: string,
 *     currency: "NOK" | ..., settlement: "by_work" | "full", vat_included: boolean,
 *     milestones: [{ name, price, percent: string }, ...] }
 * Milestone names stay in the page: they are never part of the state, the URL
 * fragment or the summary (see refund-state.js).
 *
 * Text: every string the widget shows comes from the page's strings table
 * (scripts/playbook/strings/<language>.json), keys "calculator.*"; STRING_KEYS lists
 * the fixed ones, errorKey() and currencyKey() name the rest. A missing key throws
 * (loudly, at mount) instead of showing a reader an empty label.
 */
import {
  CURRENCIES, ERROR_CODES, MAX_BP, MAX_MILESTONES, formatMoney, formatPercent, maxMinor,
  milestoneTotals, parseAmount, parsePercent, resolveLocale,
} from "./refund-math.js";
import { SUMMARY_KEYS, decodeState, isValidState, settleState, summaryLines, summaryText } from "./refund-state.js";

/** Names of the form fields (the `name` attributes; scripts/playbook/blocks/calculator/ declares the same). */
export const FIELDS = Object.freeze({
  total: "contract_total",
  paid: "amount_paid",
  percent: "percent_complete",
  expenses: "expenses",
  currency: "currency",
  settlement: "settlement",
  vatIncluded: "vat_included",
  vatRate: "vat_rate",
  shareMode: "share_mode",
  milestoneName: "milestone_name",
  milestonePrice: "milestone_price",
  milestonePercent: "milestone_percent",
});
export const SETTLEMENTS = Object.freeze(["by_work", "full"]);
export const SHARE_MODES = Object.freeze(["percent", "milestones"]);
/** Fields that hold an amount of money, and fields that hold a percentage. */
export const AMOUNT_FIELDS = Object.freeze([FIELDS.total, FIELDS.paid, FIELDS.expenses, FIELDS.milestonePrice]);
export const PERCENT_FIELDS = Object.freeze([FIELDS.percent, FIELDS.vatRate, FIELDS.milestonePercent]);
/**
 * Result rows, as data-result values, in page order. The first five are the widget's
 * tested interface (calculator.py RESULTS); the others are shown alongside.
 */
export const RESULT_ROWS = Object.freeze(["earned_work", "expenses", "earned", "paid", "refund", "balance_due"]);
export const CREDIT_NOTE_ROWS = Object.freeze(["refund_net", "refund_vat", "refund_gross"]);
/** Name of the group message of the milestone list (a sum too large). */
export const MILESTONES_GROUP = "milestones";
/** Rows a new milestone list starts with. */
export const NEW_MILESTONE_ROWS = 2;

export const STRING_PREFIX = "calculator.";
/** Every fixed key the widget reads, without STRING_PREFIX. */
export const STRING_KEYS = Object.freeze([
  "form-label", "currency.label",
  "share-mode.legend", "share-mode.percent", "share-mode.milestones",
  "contract_total.label", "contract_total.hint", "percent_complete.label", "percent_complete.hint",
  "amount_paid.label", "amount_paid.hint", "expenses.label", "expenses.hint",
  "settlement.legend", "settlement.by_work", "settlement.full",
  "vat.legend", "vat_included.label", "vat_rate.label", "vat_rate.hint",
  "milestones.legend", "milestones.hint", "milestones.totals",
  "milestone.legend", "milestone_name.label", "milestone_price.label", "milestone_percent.label",
  "milestone.add", "milestone.remove", "milestone.remove-label", "milestone.added", "milestone.removed",
  "result.heading", "result.incomplete", "result.invalid", "result.refund", "result.credit-note-lines",
  "result.balance-due", "result.balance-due-plus-vat", "result.settled", "result.nothing-paid",
  "row.earned_work", "row.earned_work-milestones", "row.expenses", "row.earned", "row.paid", "row.refund",
  "row.balance_due", "credit-note.heading", "row.refund_net", "row.refund_vat", "row.refund_gross",
  "formula.heading", "formula.earned", "formula.earned-milestones", "formula.refund", "formula.balance-due",
  "formula.full", "formula.vat-included", "formula.vat-excluded",
  "copy-summary", "copy-link", "copied-summary", "copied-link", "copy-failed", "privacy-note",
  "announce-error",
  ...SUMMARY_KEYS.map((key) => `summary.${key}`),
]);

/** Strings-table key of an error code's message. */
export const errorKey = (code) => `${STRING_PREFIX}error.${code}`;
/** Strings-table key of a currency's name in the currency menu. */
export const currencyKey = (code) => `${STRING_PREFIX}currency.${code}`;

const hasOwn = (o, k) => typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k);

/** Fill {placeholders} from vars; unknown ones are left as written. */
export function fill(template, vars = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (hasOwn(vars, key) ? String(vars[key]) : whole));
}

/** Every calculator key the widget needs that `strings` lacks (or has empty). */
export function missingStrings(strings) {
  const keys = [
    ...STRING_KEYS.map((key) => STRING_PREFIX + key),
    ...ERROR_CODES.map(errorKey),
    ...Object.keys(CURRENCIES).map(currencyKey),
  ];
  return keys.filter((key) => !strings || typeof strings[key] !== "string" || !strings[key].trim());
}

/**
 * The widget's settings from the page config (playbook.js passes what overrides/main.html
 * wrote: language, locale, currency, vat_rate_bp, strings).
 * @throws {Error} on an unsupported locale or currency, a bad VAT rate or missing strings
 */
export function calculatorSettings(config) {
  const loc = resolveLocale(config?.locale);
  if (!loc) throw new Error(`refund calculator: unsupported locale ${config?.locale}`);
  if (!hasOwn(CURRENCIES, config.currency)) throw new Error(`refund calculator: unknown currency ${config.currency}`);
  const rate = config.vat_rate_bp;
  if (!Number.isInteger(rate) || rate < 0 || BigInt(rate) > MAX_BP) {
    throw new Error(`refund calculator: VAT rate ${rate} is not 0..${MAX_BP} basis points`);
  }
  const missing = missingStrings(config.strings);
  if (missing.length) throw new Error(`refund calculator: missing strings ${missing.join(", ")}`);
  return Object.freeze({ locale: loc.id, currency: config.currency, vatRateBp: BigInt(rate), strings: config.strings });
}

/** A string of the calculator by key (without the prefix), placeholders filled. */
export function text(settings, key, vars) {
  const template = settings.strings[STRING_PREFIX + key];
  if (typeof template !== "string") throw new Error(`refund calculator: missing string ${STRING_PREFIX}${key}`);
  return fill(template, vars);
}

/** An empty milestone row. */
export const emptyMilestone = () => ({ name: "", price: "", percent: "" });

/** The form as a reader first sees it: the language's currency and VAT rate, nothing typed. */
export function defaultValues(settings) {
  return {
    share_mode: "percent",
    contract_total: "",
    percent_complete: "",
    amount_paid: "",
    expenses: "0",
    currency: settings.currency,
    settlement: "by_work",
    vat_included: true,
    vat_rate: formatPercent(settings.vatRateBp, { locale: settings.locale, symbol: false }),
    milestones: Array.from({ length: NEW_MILESTONE_ROWS }, emptyMilestone),
  };
}

/**
 * An amount as a reader would type it into a field: grouped, no currency sign, and no
 * decimals when they are all zero ("40 000", "1 250,50"; "40,000", "1,250.50").
 */
export function inputAmount(minor, { locale, currency }) {
  const text = formatMoney(minor, { locale, currency, symbol: false });
  const zeros = `${resolveLocale(locale).decimal}${"0".repeat(CURRENCIES[currency].digits)}`;
  return CURRENCIES[currency].digits > 0 && text.endsWith(zeros) ? text.slice(0, -zeros.length) : text;
}

/**
 * Form values that show a state (restored from a link). Milestone names are not in a
 * state; `names` (the page's current names, if any) fills them by position.
 */
export function valuesFromState(state, settings, names = []) {
  const { locale } = settings;
  const money = (minor) => inputAmount(minor, { locale, currency: state.currency });
  const pct = (bp) => formatPercent(bp, { locale, symbol: false });
  const milestones = state.milestones
    ? state.milestones.map((m, i) => ({ name: names[i] ?? "", price: money(m.price), percent: pct(m.percentBp) }))
    : Array.from({ length: NEW_MILESTONE_ROWS }, emptyMilestone);
  return {
    share_mode: state.milestones ? "milestones" : "percent",
    contract_total: state.milestones ? "" : money(state.total),
    percent_complete: state.milestones ? "" : pct(state.percentBp),
    amount_paid: money(state.paid),
    expenses: money(state.expenses),
    currency: state.currency,
    settlement: state.settlement,
    vat_included: state.vat.included,
    vat_rate: pct(state.vat.rateBp),
    milestones,
  };
}

/**
 * The values to start from: the state in the URL fragment when it is a valid one,
 * else the defaults. A malformed or hostile fragment is ignored without a word.
 * @returns {{values: object, restored: boolean}}
 */
export function initialValues(fragment, settings) {
  const state = decodeState(fragment);
  return state ? { values: valuesFromState(state, settings), restored: true } : { values: defaultValues(settings), restored: false };
}

const isBlank = (value) => typeof value !== "string" || value.trim() === "";

/**
 * Read the form.
 * @param {object} values form values (see the header)
 * @param {object} settings from calculatorSettings
 * @returns {{status: "ready"|"incomplete"|"invalid", errors: Record<string, string>,
 *   milestoneErrors: Array<Record<string, string>>, groupError: string|null,
 *   milestoneSums: object|null, state: object|null, result: object|null}}
 *   status is "incomplete" when the only problems are empty required fields. errors maps
 *   a field name to an error code of refund-math.js; milestoneErrors has one record per
 *   row (keys milestone_price, milestone_percent); groupError belongs to the whole
 *   milestone list. state and result are set exactly when status is "ready".
 */
export function readForm(values, settings) {
  const { locale } = settings;
  const errors = {};
  const currency = hasOwn(CURRENCIES, values.currency) ? values.currency : null;
  if (!currency) errors[FIELDS.currency] = "unknown_currency";
  const settlement = SETTLEMENTS.includes(values.settlement) ? values.settlement : null;
  if (!settlement) errors[FIELDS.settlement] = "unknown_settlement";
  const milestoneMode = values.share_mode === "milestones";

  const amount = (text, { optional = false } = {}) => {
    if (optional && isBlank(text)) return { ok: true, minor: 0n };
    return currency ? parseAmount(text, { locale, currency }) : { ok: false, error: null };
  };
  const take = (name, parsed, key) => {
    if (parsed.ok) return parsed[key];
    if (parsed.error) errors[name] = parsed.error;
    return null;
  };
  const paid = take(FIELDS.paid, amount(values.amount_paid), "minor");
  const expenses = take(FIELDS.expenses, amount(values.expenses, { optional: true }), "minor");
  const rateBp = take(FIELDS.vatRate, parsePercent(values.vat_rate, { locale }), "basisPoints");

  let total = null;
  let percentBp = null;
  let milestones = null;
  let milestoneSums = null;
  let groupError = null;
  const milestoneErrors = [];
  if (milestoneMode) {
    const rows = Array.isArray(values.milestones) ? values.milestones : [];
    const parsed = rows.map((row) => {
      const rowErrors = {};
      const price = amount(row?.price);
      const pct = parsePercent(row?.percent, { locale });
      if (!price.ok && price.error) rowErrors[FIELDS.milestonePrice] = price.error;
      if (!pct.ok) rowErrors[FIELDS.milestonePercent] = pct.error;
      milestoneErrors.push(rowErrors);
      return price.ok && pct.ok ? { price: price.minor, percentBp: pct.basisPoints } : null;
    });
    if (rows.length === 0) groupError = "required";
    else if (rows.length > MAX_MILESTONES) groupError = "too_many_milestones";
    else if (currency && !parsed.includes(null)) {
      const sums = milestoneTotals(parsed, { currency });
      if (sums.ok) {
        milestoneSums = sums;
        milestones = parsed;
        total = sums.total;
        percentBp = sums.percentBp;
      } else {
        groupError = sums.error;
      }
    }
  } else {
    total = take(FIELDS.total, amount(values.contract_total), "minor");
    percentBp = take(FIELDS.percent, parsePercent(values.percent_complete, { locale }), "basisPoints");
  }

  const codes = [...Object.values(errors), ...milestoneErrors.flatMap(Object.values), ...(groupError ? [groupError] : [])];
  const outcome = { errors, milestoneErrors, groupError, milestoneSums, state: null, result: null };
  if (codes.length) return { status: codes.every((c) => c === "required") ? "incomplete" : "invalid", ...outcome };
  const state = {
    currency, settlement, total, paid, percentBp, expenses,
    vat: { included: values.vat_included === true, rateBp }, milestones,
  };
  if (!isValidState(state)) return { status: "invalid", ...outcome, groupError: "invalid_input" };
  const result = settleState(state);
  if (!result.ok) return { status: "invalid", ...outcome, groupError: result.error };
  return { status: "ready", ...outcome, state, result };
}

/**
 * The message for an error code in the reader's language, with what it needs filled in:
 * {digits} decimals allowed, {max} largest amount, {example} a well-formed number,
 * {decimal} the decimal separator, {currency} the chosen currency, {limit} most milestones.
 * @param {object} settings from calculatorSettings
 * @param {string} code an error code of refund-math.js
 * @param {{field?: string, currency?: string}} where the field it belongs to, the chosen currency
 */
export function errorMessage(settings, code, { field = "", currency = settings.currency } = {}) {
  const { locale } = settings;
  const cur = hasOwn(CURRENCIES, currency) ? currency : settings.currency;
  const isPercent = PERCENT_FIELDS.includes(field);
  const template = settings.strings[errorKey(code)];
  if (typeof template !== "string") throw new Error(`refund calculator: no message for error ${code}`);
  return fill(template, {
    digits: isPercent ? 2 : CURRENCIES[cur].digits,
    max: formatMoney(maxMinor(cur), { locale, currency: cur }),
    example: isPercent ? formatPercent(6250n, { locale, symbol: false }) : formatMoney(1250050n, { locale, currency: cur, symbol: false }),
    decimal: resolveLocale(locale).decimal,
    currency: cur,
    limit: MAX_MILESTONES,
  });
}

/** The hint under a field, with an example amount in the chosen currency where it has one. */
export function fieldHint(settings, field, currency = settings.currency) {
  const example = formatMoney(4000000n, { locale: settings.locale, currency, symbol: true });
  return text(settings, `${field}.hint`, { example });
}

/** The sign shown next to an amount field for a currency ("kr", "£", "NOK"). */
export function currencySign(settings, currency) {
  return CURRENCIES[currency].display[settings.locale];
}

/** The totals line under the milestone list. */
export function milestoneTotalsText(settings, sums, currency) {
  const money = (v) => formatMoney(v, { locale: settings.locale, currency });
  return text(settings, "milestones.totals", {
    total: money(sums.total), earned: money(sums.earnedWork), percent: formatPercent(sums.percentBp, { locale: settings.locale }),
  });
}

/**
 * What the result area shows for a settled state: the advice in one sentence (plus a
 * second one with the credit-note lines), the breakdown rows with their minor-unit
 * values, the credit-note rows, and the formula with the reader's numbers.
 * @returns {{sentences: string[], rows: Array<{key, label, value, minor}>,
 *   creditNote: Array<{key, label, value, minor}>|null, formula: string[]}}
 */
export function resultView(settings, state, result) {
  const { locale } = settings;
  const money = (v) => formatMoney(v, { locale, currency: state.currency });
  const pct = (v) => formatPercent(v, { locale });
  const t = (key, vars) => text(settings, key, vars);
  const { vat } = state;
  const rate = pct(vat.rateBp);
  const hasVat = vat.rateBp > 0n;

  const sentences = [];
  if (result.refund > 0n) {
    sentences.push(t("result.refund", { amount: money(result.refundGross) }));
    if (hasVat) {
      sentences.push(t("result.credit-note-lines", { net: money(result.refundNet), vat: money(result.refundVat), rate }));
    }
  } else if (result.balanceDue > 0n) {
    const key = hasVat && !vat.included ? "result.balance-due-plus-vat" : "result.balance-due";
    sentences.push(t(key, { amount: money(result.balanceDue), rate }));
  } else {
    sentences.push(t(state.paid === 0n ? "result.nothing-paid" : "result.settled"));
  }

  const row = (key, minor, vars = {}, labelKey = `row.${key}`) => ({ key, label: t(labelKey, vars), value: money(minor), minor });
  const rows = [
    state.milestones
      ? row("earned_work", result.earnedWork, {}, "row.earned_work-milestones")
      : row("earned_work", result.earnedWork, { percent: pct(state.percentBp), total: money(state.total) }),
    row("expenses", state.expenses),
    row("earned", result.earned),
    row("paid", state.paid),
    row("refund", result.refund),
    row("balance_due", result.balanceDue),
  ];
  const creditNote = result.refund > 0n
    ? [row("refund_net", result.refundNet), row("refund_vat", result.refundVat, { rate }), row("refund_gross", result.refundGross)]
    : null;

  const formula = [
    state.milestones
      ? t("formula.earned-milestones", { work: money(result.earnedWork), expenses: money(state.expenses), earned: money(result.earned) })
      : t("formula.earned", { total: money(state.total), percent: pct(state.percentBp), expenses: money(state.expenses), earned: money(result.earned) }),
  ];
  if (state.settlement === "full") formula.push(t("formula.full", { refund: money(result.refund) }));
  else if (result.balanceDue > 0n) formula.push(t("formula.balance-due", { earned: money(result.earned), paid: money(state.paid), balance: money(result.balanceDue) }));
  else formula.push(t("formula.refund", { paid: money(state.paid), earned: money(result.earned), refund: money(result.refund) }));
  if (hasVat && result.refund > 0n) {
    formula.push(vat.included
      ? t("formula.vat-included", { refund: money(result.refund), rate, base: pct(MAX_BP + vat.rateBp), vat: money(result.refundVat) })
      : t("formula.vat-excluded", { refund: money(result.refund), rate, vat: money(result.refundVat) }));
  }
  return { sentences, rows, creditNote, formula };
}

/** The strings summaryLines / summaryText need, from the page's table. */
export function summaryStrings(settings) {
  return Object.fromEntries(SUMMARY_KEYS.map((key) => [key, text(settings, `summary.${key}`)]));
}

/** The printed summary of a settled state (refund-state.js summaryLines). */
export function printSummary(settings, state, result) {
  return summaryLines(state, result, summaryStrings(settings), { locale: settings.locale });
}

/** The plain-text summary the copy button puts on the clipboard. */
export function copySummary(settings, state, result) {
  return summaryText(state, result, summaryStrings(settings), { locale: settings.locale });
}
