/**
 * refund-state.js: the calculator's shareable state (URL fragment) and its plain-text
 * summary. Plain ES module, no DOM access; the widget reads and writes location.hash.
 *
 * State object (all numbers BigInt, minor units or basis points):
 *   { currency: "NOK", settlement: "by_work" | "full",
 *     total, paid, percentBp, expenses,
 *     vat: { included: boolean, rateBp },
 *     milestones: null | [{ price, percentBp }, ...] }   (1..MAX_MILESTONES rows)
 * In milestone mode `total` and `percentBp` are derived from the rows
 * (milestoneTotals) and isValidState insists on that, so a state is never
 * self-contradictory.
 *
 * Fragment, version 1 ("calc" is the version field), simple mode:
 *   calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500
 * milestone mode replaces total and pct by ms=<price>_<pct>.<price>_<pct>... e.g.
 *   calc=1&ms=2500000_10000.1500000_0&paid=3000000&exp=0&cur=NOK&mode=full&vat=0&rate=0
 * vat=1 means the amounts include VAT. Integers are canonical (no sign, no leading
 * zeros). Decoding is strict: every key exactly once, no unknown keys, only the
 * characters [A-Za-z0-9_.=&], at most MAX_FRAGMENT_LENGTH characters; key order is
 * free and one leading "#" is tolerated. Anything else gives null.
 *
 * Milestone names are deliberately NOT part of the state: a fragment ends up in
 * browser history, chat previews and screenshots, and a deliverable's name can
 * identify a client. The widget labels rows "Milestone 1", "Milestone 2", ...
 */
import {
  CURRENCIES, MAX_BP, MAX_MILESTONES, formatMoney, formatPercent, maxMinor,
  milestoneTotals, settle,
} from "./refund-math.js";

/** Value of the "calc" version field this module writes and reads. */
export const STATE_VERSION = "1";
/** Longest fragment decodeState looks at (50 maximal milestones need about 1 200). */
export const MAX_FRAGMENT_LENGTH = 2048;

const SETTLEMENTS = ["by_work", "full"];
const STATE_KEYS = ["currency", "settlement", "total", "paid", "percentBp", "expenses", "vat", "milestones"];
const SIMPLE_KEYS = ["calc", "total", "paid", "pct", "exp", "cur", "mode", "vat", "rate"];
const MILESTONE_KEYS = ["calc", "ms", "paid", "exp", "cur", "mode", "vat", "rate"];
const KNOWN_KEYS = new Set([...SIMPLE_KEYS, "ms"]);

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (o) => typeof o === "object" && o !== null && !Array.isArray(o);
const hasExactKeys = (o, keys) =>
  isRecord(o) && Object.keys(o).length === keys.length && keys.every((k) => hasOwn(o, k));
const inRange = (v, max) => typeof v === "bigint" && v >= 0n && v <= max;

/**
 * Whether `state` is a complete, consistent calculator state (see the shape above).
 * @param {unknown} state
 * @returns {boolean}
 */
export function isValidState(state) {
  if (!hasExactKeys(state, STATE_KEYS) || typeof state.currency !== "string") return false;
  if (!hasOwn(CURRENCIES, state.currency) || !SETTLEMENTS.includes(state.settlement)) return false;
  const max = maxMinor(state.currency);
  const { vat, milestones } = state;
  if (![state.total, state.paid, state.expenses].every((v) => inRange(v, max))) return false;
  if (!inRange(state.percentBp, MAX_BP)) return false;
  if (!hasExactKeys(vat, ["included", "rateBp"]) || typeof vat.included !== "boolean") return false;
  if (!inRange(vat.rateBp, MAX_BP)) return false;
  if (milestones === null) return true;
  if (!Array.isArray(milestones) || milestones.length < 1 || milestones.length > MAX_MILESTONES) return false;
  if (!milestones.every((m) => hasExactKeys(m, ["price", "percentBp"]))) return false;
  const sums = milestoneTotals(milestones, { currency: state.currency });
  return sums.ok && sums.total === state.total && sums.percentBp === state.percentBp;
}

/**
 * Encode a state as a URL fragment (without "#").
 * @param {object} state
 * @returns {string|null} null when the state is not valid (nothing to share).
 */
export function encodeState(state) {
  if (!isValidState(state)) return null;
  const head = state.milestones
    ? [["ms", state.milestones.map((m) => `${m.price}_${m.percentBp}`).join(".")], ["paid", state.paid]]
    : [["total", state.total], ["paid", state.paid], ["pct", state.percentBp]];
  return [
    ["calc", STATE_VERSION], ...head, ["exp", state.expenses], ["cur", state.currency],
    ["mode", state.settlement], ["vat", state.vat.included ? "1" : "0"], ["rate", state.vat.rateBp],
  ].map(([key, value]) => `${key}=${value}`).join("&");
}

/** A canonical non-negative integer no larger than max, or null. */
function readInt(text, max) {
  if (!/^(0|[1-9][0-9]{0,17})$/.test(text)) return null;
  const value = BigInt(text);
  return value <= max ? value : null;
}

/** Split "k=v&k=v" into a Map; null on syntax errors, unknown or repeated keys. */
function readFields(fragment) {
  const fields = new Map();
  for (const part of fragment.split("&")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq);
    if (eq < 1 || eq === part.length - 1 || !KNOWN_KEYS.has(key) || fields.has(key)) return null;
    fields.set(key, part.slice(eq + 1));
  }
  return fields;
}

/** Milestone rows from "p_b.p_b"; null when malformed. */
function readMilestones(text, max) {
  const rows = text.split(".").map((row) => {
    const [price, pct, extra] = row.split("_");
    if (extra !== undefined || pct === undefined) return null;
    const m = { price: readInt(price, max), percentBp: readInt(pct, MAX_BP) };
    return m.price === null || m.percentBp === null ? null : m;
  });
  return rows.length <= MAX_MILESTONES && !rows.includes(null) ? rows : null;
}

function decode(fragment) {
  if (typeof fragment !== "string") return null;
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_LENGTH || !/^[A-Za-z0-9_.=&]+$/.test(text)) return null;
  const fields = readFields(text);
  if (!fields || fields.get("calc") !== STATE_VERSION) return null;
  const keys = fields.has("ms") ? MILESTONE_KEYS : SIMPLE_KEYS;
  if (fields.size !== keys.length || !keys.every((k) => fields.has(k))) return null;
  const currency = fields.get("cur");
  if (!hasOwn(CURRENCIES, currency)) return null;
  const max = maxMinor(currency);
  const vatFlag = fields.get("vat");
  if (vatFlag !== "0" && vatFlag !== "1") return null;
  const state = {
    currency, settlement: fields.get("mode"),
    total: null, paid: readInt(fields.get("paid"), max), percentBp: null,
    expenses: readInt(fields.get("exp"), max),
    vat: { included: vatFlag === "1", rateBp: readInt(fields.get("rate"), MAX_BP) },
    milestones: null,
  };
  if (fields.has("ms")) {
    state.milestones = readMilestones(fields.get("ms"), max);
    const sums = state.milestones && milestoneTotals(state.milestones, { currency });
    if (!sums || !sums.ok) return null;
    state.total = sums.total;
    state.percentBp = sums.percentBp;
  } else {
    state.total = readInt(fields.get("total"), max);
    state.percentBp = readInt(fields.get("pct"), MAX_BP);
  }
  return isValidState(state) ? state : null;
}

/**
 * Decode a URL fragment. Never throws.
 * @param {unknown} fragment with or without a leading "#"
 * @returns {object|null} a state for which isValidState is true, or null.
 */
export function decodeState(fragment) {
  try {
    return decode(fragment);
  } catch {
    return null;
  }
}

/**
 * The settle() input for a valid state; milestone mode passes earnedWork exactly.
 * @param {object} state
 * @returns {object}
 */
export function toSettleInput(state) {
  const { currency, total, paid, expenses, settlement, vat, milestones } = state;
  const input = { currency, total, paid, expenses, settlement, vat: { ...vat } };
  if (milestones) input.earnedWork = milestoneTotals(milestones, { currency }).earnedWork;
  else input.percentBp = state.percentBp;
  return input;
}

/** settle(toSettleInput(state)). @param {object} state @returns {object} */
export function settleState(state) {
  return settle(toSettleInput(state));
}

/**
 * Keys summaryText needs in `strings` (English examples; {x} are placeholders):
 *   title "Refund calculation", settlementByWork "Settlement: by work done",
 *   settlementFull "Settlement: full refund", vatIncluded "Amounts include VAT ({rate})",
 *   vatExcluded "Amounts exclude VAT ({rate})", noVat "No VAT",
 *   total "Contract total", milestone "Milestone {n}", percent "Work done",
 *   expenses "Expenses", paid "Paid so far", earned "Earned", refund "Refund",
 *   balanceDue "Balance due", refundNet "Credit note, net",
 *   refundVat "Credit note, VAT", refundGross "Credit note, total".
 */
export const SUMMARY_KEYS = Object.freeze([
  "title", "settlementByWork", "settlementFull", "vatIncluded", "vatExcluded", "noVat",
  "total", "milestone", "percent", "expenses", "paid", "earned", "refund", "balanceDue",
  "refundNet", "refundVat", "refundGross",
]);

const fill = (template, vars) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (hasOwn(vars, key) ? String(vars[key]) : whole));

/**
 * The summary as data: a title, two notes (settlement, VAT basis) and "label, value"
 * rows. Credit-note rows appear only when there is a refund and a VAT rate. The copy
 * button's text (summaryText) and the printed summary are both made from it, so they
 * never disagree. Every string is plain text: put it in textContent, never innerHTML.
 * @param {object} state a valid state
 * @param {object} result a successful settle() result for that state
 * @param {Record<string, string>} strings every key in SUMMARY_KEYS
 * @param {{locale: string, currency?: string}} options currency defaults to state.currency
 * @returns {{title: string, notes: string[], rows: Array<[string, string]>}}
 * @throws {TypeError} when strings lack a key or result is not a successful result
 */
export function summaryLines(state, result, strings, { locale, currency = state.currency } = {}) {
  const missing = SUMMARY_KEYS.filter((k) => !isRecord(strings) || typeof strings[k] !== "string");
  if (missing.length) throw new TypeError(`summaryText: missing strings ${missing.join(", ")}`);
  if (!isRecord(result) || result.ok !== true) throw new TypeError("summaryText: result must be a successful settle() result");
  const money = (v) => formatMoney(v, { locale, currency });
  const pct = (v) => formatPercent(v, { locale });
  const row = (key, value, vars = {}) => [fill(strings[key], vars), value];
  const { vat } = state;
  const notes = [
    strings[state.settlement === "full" ? "settlementFull" : "settlementByWork"],
    vat.rateBp === 0n ? strings.noVat : fill(strings[vat.included ? "vatIncluded" : "vatExcluded"], { rate: pct(vat.rateBp) }),
  ];
  const rows = [
    row("total", money(state.total)),
    ...(state.milestones ?? []).map((m, i) => row("milestone", `${money(m.price)} (${pct(m.percentBp)})`, { n: i + 1 })),
    row("percent", pct(state.percentBp)),
    row("expenses", money(state.expenses)),
    row("paid", money(state.paid)),
    row("earned", money(result.earned)),
    row("refund", money(result.refund)),
    row("balanceDue", money(result.balanceDue)),
  ];
  if (vat.rateBp > 0n && result.refund > 0n) {
    rows.push(row("refundNet", money(result.refundNet)), row("refundVat", money(result.refundVat)), row("refundGross", money(result.refundGross)));
  }
  return { title: strings.title, notes, rows };
}

/**
 * Plain-text summary for the copy button, one "Label: value" per line (see
 * summaryLines). The result is plain text: put it on the clipboard or in textContent,
 * never in innerHTML.
 * @param {object} state a valid state
 * @param {object} result a successful settle() result for that state
 * @param {Record<string, string>} strings every key in SUMMARY_KEYS
 * @param {{locale: string, currency?: string}} options currency defaults to state.currency
 * @returns {string}
 * @throws {TypeError} when strings lack a key or result is not a successful result
 */
export function summaryText(state, result, strings, options) {
  const { title, notes, rows } = summaryLines(state, result, strings, options);
  return [title, ...notes, ...rows.map(([label, value]) => `${label}: ${value}`)].join("\n");
}
