/**
 * refund-form.js: what the refund calculator's form means, without the DOM.
 *
 * Plain ES module: calculator-engine.js (the DOM layer of the engine part, which the
 * form in refund-calculator.js fetches on first use) and the Node tests import it
 * unchanged. It turns the form's text values into a calculator state (parsing with
 * refund-math.js, settling with refund-state.js), a state back into form values, error
 * codes into localised messages, and a settled state into the words and figures the
 * page shows. It keeps no state of its own.
 *
 * Form values, as the DOM reads and writes them (every text exactly as typed):
 *   { share_mode: "percent" | "units" | "milestones",
 *     vat_rate, contract_total, percent_complete, units_done, units_total,
 *     amount_paid, expenses: string,
 *     contract_total_basis, amount_paid_basis, expenses_basis: "excl" | "incl",
 *     currency: "NOK" | ..., settlement: "by_work" | "full",
 *     milestones: [{ name, price, percent: string }, ...] }
 * The VAT rate comes first (0 = no VAT: the bases then change nothing); each amount has
 * its own basis, with the defaults people's papers have: the contract total ex. VAT (as
 * in the contract), the amount paid incl. VAT (as on the bank statement), costs ex. VAT.
 * Milestone prices are on the contract total's basis. Milestone names are never part
 * of the state, the URL fragment or the summary (see refund-state.js).
 *
 * Text: every string the widget shows comes from the page's strings table
 * (scripts/playbook/strings/<language>.json), keys "calculator.*"; STRING_KEYS lists
 * the fixed ones (FORM_STRING_KEYS: the form's, in the page config; ENGINE_STRING_KEYS:
 * the engine's, in its part's strings file), errorKey() and currencyKey() name the
 * rest. A missing key throws (loudly, when the form mounts or the engine arrives)
 * instead of showing a reader an empty label.
 */
import {
  BASES, CURRENCIES, ERROR_CODES, MAX_BP, MAX_MILESTONES, formatMoney, formatPercent, maxMinor,
  milestoneTotals, onBasis, parseAmount, parsePercent, parseUnits, resolveLocale, roundHalfUp,
} from "./refund-math.js";
import {
  SUMMARY_KEYS, decodeState, isValidState, settleState, summaryLines, summaryText, unitsPercentBp,
} from "./refund-state.js";

import {
  AMOUNT_FIELDS, BASIS_FIELDS, DEFAULT_BASES, FIELDS, FORM_STRING_KEYS, MILESTONES_GROUP, NEW_MILESTONE_ROWS,
  SETTLEMENTS, SHARE_MODES, STRING_PREFIX, isCalculatorFragment,
} from "./refund-fields.js";

// The names the form loaded at once shares with this module (refund-fields.js), for the modules and tests that
// import them from here.
export {
  AMOUNT_FIELDS, BASIS_FIELDS, DEFAULT_BASES, FIELDS, FORM_STRING_KEYS, MILESTONES_GROUP, NEW_MILESTONE_ROWS,
  SETTLEMENTS, SHARE_MODES, STRING_PREFIX,
};
/** Fields that hold a percentage, and a number of units (AMOUNT_FIELDS: money, in refund-fields.js). */
export const PERCENT_FIELDS = Object.freeze([FIELDS.percent, FIELDS.vatRate, FIELDS.milestonePercent]);
export const UNIT_FIELDS = Object.freeze([FIELDS.unitsDone, FIELDS.unitsTotal]);
/**
 * Result rows, as data-result values, in page order: the breakdown (ex. VAT) and the
 * money that changes hands (incl. VAT); the credit note's lines; the final invoice's
 * lines. calculator.py RESULTS and EXTRA_RESULTS declare the same names.
 */
export const RESULT_ROWS = Object.freeze(["earned_work", "expenses", "earned", "paid", "refund", "balance_due"]);
export const CREDIT_NOTE_ROWS = Object.freeze(["refund_net", "refund_vat", "refund_gross"]);
export const FINAL_INVOICE_ROWS = Object.freeze(["balance_due_net", "balance_due_vat", "balance_due_gross"]);
/**
 * The fixed keys (without STRING_PREFIX) only the engine part reads: the messages, the result, the formula, the
 * summary, the copy tools and the announcements. They travel in the part's strings file
 * (strings-refund-calculator-engine.<code>.js), with every error message (errorKey); the page config carries
 * FORM_STRING_KEYS and the currencies' names alone.
 */
export const ENGINE_STRING_KEYS = Object.freeze([
  "basis.row", "vat_rate.proposed", "milestones.totals", "milestone.added", "milestone.removed",
  "result.invalid", "link.damaged", "link.damaged-browser",
  "result.refund", "result.refund-vat", "result.balance-due", "result.balance-due-vat",
  "result.settled", "result.nothing-paid", "result.unpaid-invoice",
  "row.earned_work", "row.earned_work-units", "row.earned_work-milestones", "row.expenses", "row.earned", "row.paid",
  "row.refund", "row.balance_due",
  "credit-note.heading", "row.refund_net", "row.refund_vat", "row.refund_gross",
  "final-invoice.heading", "row.balance_due_net", "row.balance_due_vat", "row.balance_due_gross",
  "formula.heading", "formula.work-name", "formula.work", "formula.work-units", "formula.work-milestones", "formula.to-net",
  "formula.earned", "formula.refund", "formula.balance-due", "formula.full", "formula.vat",
  "copied-summary", "copied-link", "copy-failed",
  "announce-error",
  ...SUMMARY_KEYS.map((key) => `summary.${key}`),
]);
/** Every fixed key the widget reads, without STRING_PREFIX: the form's and the engine's. */
export const STRING_KEYS = Object.freeze([...FORM_STRING_KEYS, ...ENGINE_STRING_KEYS]);

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
    vat_rate: formatPercent(settings.vatRateBp, { locale: settings.locale, symbol: false }),
    contract_total: "",
    percent_complete: "",
    units_done: "",
    units_total: "",
    amount_paid: "",
    expenses: "0",
    ...DEFAULT_BASES,
    currency: settings.currency,
    settlement: "by_work",
    milestones: Array.from({ length: NEW_MILESTONE_ROWS }, emptyMilestone),
  };
}

/**
 * The VAT rate to propose for a currency (its standard rate, refund-math.js
 * CURRENCIES), as the rate field shows it; null when the currency has none.
 */
export function proposedRate(settings, currency) {
  const rate = CURRENCIES[currency]?.vatRateBp ?? null;
  return rate === null ? null : formatPercent(rate, { locale: settings.locale, symbol: false });
}

/**
 * An amount as a reader would type it into a field: grouped, no currency sign, and no
 * decimals when they are all zero ("40 000", "1 250,50"; "40000", "1,250,000",
 * "1,250.50"). A form that reading it would question ("40,000" in en: thousands or
 * decimals?) is written without grouping.
 */
export function inputAmount(minor, { locale, currency }) {
  const loc = resolveLocale(locale);
  let text = formatMoney(minor, { locale, currency, symbol: false });
  const zeros = `${loc.decimal}${"0".repeat(CURRENCIES[currency].digits)}`;
  if (CURRENCIES[currency].digits > 0 && text.endsWith(zeros)) text = text.slice(0, -zeros.length);
  return parseAmount(text, { locale, currency }).ok ? text : text.replaceAll(loc.group, "");
}

/** Units (hundredths) as typed: "37", "37,5" / "37.5". */
const inputUnits = (hundredths, locale) => formatPercent(hundredths, { locale, symbol: false });

/**
 * Form values that show a state (restored from a link). Milestone names are not in a
 * state; `names` (the page's current names, or those kept in this browser) fills them by position.
 */
export function valuesFromState(state, settings, names = []) {
  const { locale } = settings;
  const money = (minor) => inputAmount(minor, { locale, currency: state.currency });
  const pct = (bp) => formatPercent(bp, { locale, symbol: false });
  const milestones = state.milestones
    ? state.milestones.map((m, i) => ({ name: names[i] ?? "", price: money(m.price), percent: pct(m.percentBp) }))
    : Array.from({ length: NEW_MILESTONE_ROWS }, emptyMilestone);
  const mode = state.milestones ? "milestones" : state.units ? "units" : "percent";
  return {
    share_mode: mode,
    vat_rate: pct(state.vat.rateBp),
    contract_total: mode === "milestones" ? "" : money(state.total),
    percent_complete: mode === "percent" ? pct(state.percentBp) : "",
    units_done: state.units ? inputUnits(state.units.done, locale) : "",
    units_total: state.units ? inputUnits(state.units.total, locale) : "",
    amount_paid: money(state.paid),
    expenses: money(state.expenses),
    [FIELDS.totalBasis]: state.vat.bases.total,
    [FIELDS.paidBasis]: state.vat.bases.paid,
    [FIELDS.expensesBasis]: state.vat.bases.expenses,
    currency: state.currency,
    settlement: state.settlement,
    milestones,
  };
}

/**
 * The values to start from: the state in the URL fragment when it is a valid one; else
 * the last calculation kept in this browser (`last`, with its milestone names), when the
 * reader comes back without a link; else the defaults. A calculation link that does not
 * decode (cut short when copied, altered, hostile) is never shown: `damaged` says so, for
 * the widget to tell the reader what the form shows instead.
 * @param {string} fragment location.hash
 * @param {object} settings
 * @param {{state: object|null, names?: string[]}} [last] from last-calculation.js
 * @returns {{values: object, restored: "link" | "browser" | null, damaged: boolean}}
 */
export function initialValues(fragment, settings, last = null) {
  const state = decodeState(fragment);
  if (state) return { values: valuesFromState(state, settings, last?.names ?? []), restored: "link", damaged: false };
  const damaged = isCalculatorFragment(fragment);
  if (last?.state && isValidState(last.state)) {
    return { values: valuesFromState(last.state, settings, last.names ?? []), restored: "browser", damaged };
  }
  return { values: defaultValues(settings), restored: null, damaged };
}

const isBlank = (value) => typeof value !== "string" || value.trim() === "";

/**
 * Read the form.
 * @param {object} values form values (see the header)
 * @param {object} settings from calculatorSettings
 * @returns {{status: "ready"|"incomplete"|"invalid", errors: Record<string, string>,
 *   details: Record<string, object>, milestoneErrors: Array<Record<string, string>>,
 *   groupError: string|null, milestoneSums: object|null, state: object|null,
 *   result: object|null}}
 *   status is "incomplete" when the only problems are empty required fields. errors maps
 *   a field name to an error code of refund-math.js, details a field name to what the
 *   parser found (char, int, frac) for the message; milestoneErrors has one record per
 *   row (keys milestone_price, milestone_percent) and milestoneDetails the parser's
 *   findings per row; groupError belongs to the whole
 *   milestone list. state and result are set exactly when status is "ready".
 */
export function readForm(values, settings) {
  const { locale } = settings;
  const errors = {};
  const details = {};
  const currency = hasOwn(CURRENCIES, values.currency) ? values.currency : null;
  if (!currency) errors[FIELDS.currency] = "unknown_currency";
  const settlement = SETTLEMENTS.includes(values.settlement) ? values.settlement : null;
  if (!settlement) errors[FIELDS.settlement] = "unknown_settlement";
  const mode = SHARE_MODES.includes(values.share_mode) ? values.share_mode : "percent";
  const bases = {};
  for (const [amountField, basisField] of Object.entries(BASIS_FIELDS)) {
    const basis = values[basisField] ?? DEFAULT_BASES[basisField];
    if (BASES.includes(basis)) bases[amountField] = basis;
    else errors[basisField] = "invalid_input";
  }

  const amount = (text, { optional = false } = {}) => {
    if (optional && isBlank(text)) return { ok: true, minor: 0n };
    return currency ? parseAmount(text, { locale, currency }) : { ok: false, error: null };
  };
  const take = (name, parsed, key) => {
    if (parsed.ok) return parsed[key];
    if (parsed.error) {
      errors[name] = parsed.error;
      const { ok, error, ...found } = parsed;
      if (Object.keys(found).length) details[name] = found;
    }
    return null;
  };
  const rateBp = take(FIELDS.vatRate, parsePercent(values.vat_rate, { locale }), "basisPoints");
  const paid = take(FIELDS.paid, amount(values.amount_paid), "minor");
  const expenses = take(FIELDS.expenses, amount(values.expenses, { optional: true }), "minor");

  let total = null;
  let percentBp = null;
  let milestones = null;
  let units = null;
  let milestoneSums = null;
  let groupError = null;
  const milestoneErrors = [];
  const milestoneDetails = [];
  if (mode === "milestones") {
    const rows = Array.isArray(values.milestones) ? values.milestones : [];
    const parsed = rows.map((row) => {
      const rowErrors = {};
      const rowDetails = {};
      const price = amount(row?.price);
      const pct = parsePercent(row?.percent, { locale });
      for (const [name, parsed] of [[FIELDS.milestonePrice, price], [FIELDS.milestonePercent, pct]]) {
        if (parsed.ok || !parsed.error) continue;
        rowErrors[name] = parsed.error;
        const { ok, error, ...found } = parsed;
        if (Object.keys(found).length) rowDetails[name] = found;
      }
      milestoneErrors.push(rowErrors);
      milestoneDetails.push(rowDetails);
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
    if (mode === "units") {
      const done = take(FIELDS.unitsDone, parseUnits(values.units_done, { locale }), "hundredths");
      const all = take(FIELDS.unitsTotal, parseUnits(values.units_total, { locale }), "hundredths");
      if (all === 0n) errors[FIELDS.unitsTotal] = "zero_units";
      else if (done !== null && all !== null && done > all) errors[FIELDS.unitsDone] = "units_over_total";
      else if (done !== null && all !== null) {
        units = { done, total: all };
        percentBp = unitsPercentBp(units);
      }
    } else {
      percentBp = take(FIELDS.percent, parsePercent(values.percent_complete, { locale }), "basisPoints");
    }
  }

  const codes = [...Object.values(errors), ...milestoneErrors.flatMap(Object.values), ...(groupError ? [groupError] : [])];
  const outcome = { errors, details, milestoneErrors, milestoneDetails, groupError, milestoneSums, state: null, result: null };
  if (codes.length) return { status: codes.every((c) => c === "required") ? "incomplete" : "invalid", ...outcome };
  const state = {
    currency, settlement, total, paid, percentBp, expenses,
    vat: { rateBp, bases: { total: bases[FIELDS.total], paid: bases[FIELDS.paid], expenses: bases[FIELDS.expenses] } },
    milestones, units,
  };
  if (!isValidState(state)) return { status: "invalid", ...outcome, groupError: "invalid_input" };
  const result = settleState(state);
  if (!result.ok) return { status: "invalid", ...outcome, groupError: result.error };
  return { status: "ready", ...outcome, state, result };
}

/** A character as a message can show it: itself when visible, else its code point (U+0007). */
export function showChar(char) {
  if (typeof char !== "string" || char === "") return "";
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char)
    ? char
    : `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The message for an error code in the reader's language, with what it needs filled in:
 * {digits} decimals allowed, {max} largest amount, {decimal} the decimal separator,
 * {currency} the chosen currency, {limit} most milestones, {char} the character that
 * has no place in a number (invalid_character), {thousands} and {decimals} the two
 * readings of an ambiguous number (ambiguous_separator: "2500" and "2.5" for "2,500").
 * No message shows an example that could look like what the reader typed: they name
 * what is wrong, or give readings built from the reader's own digits.
 * @param {object} settings from calculatorSettings
 * @param {string} code an error code of refund-math.js
 * @param {{field?: string, currency?: string, detail?: object}} where the field it
 *   belongs to, the chosen currency, what the parser found (readForm's details)
 */
export function errorMessage(settings, code, { field = "", currency = settings.currency, detail = {} } = {}) {
  const { locale } = settings;
  const loc = resolveLocale(locale);
  const cur = hasOwn(CURRENCIES, currency) ? currency : settings.currency;
  const isMoney = AMOUNT_FIELDS.includes(field) || field === "";
  const template = settings.strings[errorKey(code)];
  if (typeof template !== "string") throw new Error(`refund calculator: no message for error ${code}`);
  const int = typeof detail.int === "string" ? detail.int : "";
  const frac = typeof detail.frac === "string" ? detail.frac : "";
  return fill(template, {
    digits: isMoney ? CURRENCIES[cur].digits : 2,
    max: formatMoney(maxMinor(cur), { locale, currency: cur }),
    decimal: loc.decimal,
    currency: cur,
    limit: MAX_MILESTONES,
    char: showChar(detail.char),
    thousands: int + frac,
    decimals: `${int || "0"}${loc.decimal}${frac.replace(/0+$/, "") || "0"}`,
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
 * What the result area shows for a settled state.
 *
 * The advice follows the facts of a settlement: a refund is a credit note that refers
 * to the original invoice AND the money paid back (the same amount, incl. VAT, with the
 * note's lines net + VAT); an invoice the client has not paid is credited with a credit
 * note only, with no money back; a balance owed is a final invoice (net + VAT). The
 * headline sentence names the amount that changes hands, and the rows hold the same
 * figure: they cannot be read as two different refunds.
 *
 * Rows: the breakdown ex. VAT (work done, costs, earned, paid) and the money that
 * changes hands incl. VAT (refund, balance due); the credit note's lines (refund_net,
 * refund_vat, refund_gross) and the final invoice's lines (balance_due_net,
 * balance_due_vat, balance_due_gross). When VAT applies each label says ex. or incl.
 * VAT; with no VAT (rate 0) the words would mean nothing and are left out.
 * @returns {{sentences: string[], rows: Array<{key, label, value, minor}>,
 *   creditNote: Array<{key, label, value, minor}>, finalInvoice: Array<{key, label, value, minor}>,
 *   showCreditNote: boolean, showFinalInvoice: boolean, formula: string[]}}
 */
export function resultView(settings, state, result) {
  const { locale } = settings;
  const money = (v) => formatMoney(v, { locale, currency: state.currency });
  const pct = (v) => formatPercent(v, { locale });
  const t = (key, vars) => text(settings, key, vars);
  const { vat } = state;
  const rate = pct(vat.rateBp);
  const hasVat = vat.rateBp > 0n;
  const basisWord = (basis) => t(`basis.${basis}`);
  const typed = (v, basis) => (hasVat ? `${money(v)} ${basisWord(basis)}` : money(v));

  const sentences = [];
  if (result.refund > 0n) {
    const vars = { amount: money(result.refund), net: money(result.refundNet), vat: money(result.refundVat), rate };
    sentences.push(t(hasVat ? "result.refund-vat" : "result.refund", vars));
  } else if (result.balanceDue > 0n) {
    const vars = { amount: money(result.balanceDue), net: money(result.balanceDueNet), vat: money(result.balanceDueVat), rate };
    sentences.push(t(hasVat ? "result.balance-due-vat" : "result.balance-due", vars));
    sentences.push(t("result.unpaid-invoice"));
  } else {
    sentences.push(t(state.paid === 0n ? "result.nothing-paid" : "result.settled"));
    if (state.paid === 0n) sentences.push(t("result.unpaid-invoice"));
  }

  const label = (key, vars, basis) => {
    const base = t(key, vars);
    return hasVat && basis ? t("basis.row", { label: base, basis: basisWord(basis) }) : base;
  };
  const row = (key, minor, { vars = {}, labelKey = `row.${key}`, basis = null } = {}) =>
    ({ key, label: label(labelKey, vars, basis), value: money(minor), minor });
  const workRow = state.milestones
    ? row("earned_work", result.earnedWork, { labelKey: "row.earned_work-milestones", basis: "excl" })
    : state.units
      ? row("earned_work", result.earnedWork, {
        labelKey: "row.earned_work-units", basis: "excl",
        vars: { done: inputUnits(state.units.done, locale), units: inputUnits(state.units.total, locale), total: typed(state.total, vat.bases.total) },
      })
      : row("earned_work", result.earnedWork, { vars: { percent: pct(state.percentBp), total: typed(state.total, vat.bases.total) }, basis: "excl" });
  const rows = [
    workRow,
    row("expenses", result.expenses, { basis: "excl" }),
    row("earned", result.earned, { basis: "excl" }),
    row("paid", result.paid, { basis: "excl" }),
    row("refund", result.refund, { basis: "incl" }),
    row("balance_due", result.balanceDue, { basis: "incl" }),
  ];
  const creditNote = [
    row("refund_net", result.refundNet, { basis: "excl" }),
    row("refund_vat", result.refundVat, { vars: { rate } }),
    row("refund_gross", result.refund, { basis: "incl" }),
  ];
  const finalInvoice = [
    row("balance_due_net", result.balanceDueNet, { basis: "excl" }),
    row("balance_due_vat", result.balanceDueVat, { vars: { rate } }),
    row("balance_due_gross", result.balanceDue, { basis: "incl" }),
  ];

  const formula = [];
  const toNet = (what, amount, basis) => {
    if (!hasVat || basis !== "incl" || amount === 0n) return;
    const parts = onBasis(amount, "incl", vat.rateBp);
    formula.push(t("formula.to-net", { what, gross: money(parts.gross), vat: money(parts.vat), rate, net: money(parts.net) }));
  };
  // The work on the total's basis (as typed), then ex. VAT.
  let work;
  if (state.milestones) {
    work = milestoneTotals(state.milestones, { currency: state.currency }).earnedWork;
    formula.push(t("formula.work-milestones", { work: typed(work, vat.bases.total) }));
  } else if (state.units) {
    work = roundHalfUp(state.total * state.units.done, state.units.total);
    formula.push(t("formula.work-units", {
      total: typed(state.total, vat.bases.total), done: inputUnits(state.units.done, locale),
      units: inputUnits(state.units.total, locale), work: typed(work, vat.bases.total),
    }));
  } else {
    work = roundHalfUp(state.total * state.percentBp, MAX_BP);
    formula.push(t("formula.work", { total: typed(state.total, vat.bases.total), percent: pct(state.percentBp), work: typed(work, vat.bases.total) }));
  }
  toNet(t("formula.work-name"), work, vat.bases.total);
  toNet(t("row.expenses"), state.expenses, vat.bases.expenses);
  toNet(t("row.paid"), state.paid, vat.bases.paid);
  const net = (v) => typed(v, "excl");
  formula.push(t("formula.earned", { work: net(result.earnedWork), expenses: net(result.expenses), earned: net(result.earned) }));
  if (state.settlement === "full") formula.push(t("formula.full", { refund: net(result.refundNet) }));
  else if (result.balanceDue > 0n) formula.push(t("formula.balance-due", { earned: net(result.earned), paid: net(result.paid), balance: net(result.balanceDueNet) }));
  else formula.push(t("formula.refund", { paid: net(result.paid), earned: net(result.earned), refund: net(result.refundNet) }));
  if (hasVat && (result.refund > 0n || result.balanceDue > 0n)) {
    const [n, v, g] = result.refund > 0n ? [result.refundNet, result.refundVat, result.refund] : [result.balanceDueNet, result.balanceDueVat, result.balanceDue];
    formula.push(t("formula.vat", { net: money(n), rate, vat: money(v), gross: typed(g, "incl") }));
  }
  return {
    sentences, rows, creditNote, finalInvoice, formula,
    showCreditNote: result.refund > 0n, showFinalInvoice: result.balanceDue > 0n,
  };
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
