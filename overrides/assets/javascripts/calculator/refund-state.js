/**
 * refund-state.js: the calculator's shareable state (URL fragment) and its plain-text
 * summary. Plain ES module, no DOM access; the widget reads and writes location.hash.
 *
 * State object (all numbers BigInt, minor units or basis points):
 *   { currency: "NOK", settlement: "by_work" | "full",
 *     total, paid, percentBp, expenses,
 *     vat: { rateBp, bases: { total, paid, expenses: "excl" | "incl" } },
 *     milestones: null | [{ price, percentBp }, ...],   (1..MAX_MILESTONES rows)
 *     units: null | { done, total } }                   (hundredths of a unit)
 * A state has milestones, or units, or neither (one percentage). In milestone mode
 * `total` and `percentBp` are derived from the rows (milestoneTotals); in units mode
 * `percentBp` is done / total rounded half up, for display only (settle uses the exact
 * fraction). isValidState insists on that, so a state is never self-contradictory.
 *
 * Fragment, version 2 ("calc" is the version field), one percentage:
 *   calc=2&total=4000000&paid=2500000&pct=3000&exp=0&cur=NOK&mode=by_work&rate=2500&tb=excl&pb=incl&eb=excl
 * units replace pct by units=<done>_<total> (hundredths: 37 of 120 hours = 3700_12000);
 * milestones replace total and pct by ms=<price>_<pct>.<price>_<pct>... tb, pb and eb
 * are the bases of the contract total (and the milestone prices), the amount paid and
 * the costs. The fragment holds only numbers and these codes: it means the same on
 * the page in any language, so the language switch can carry it across.
 * Version 1 (one `vat=1|0` for all amounts: included or excluded) is still read, as
 * that basis for all three amounts: a link shared before version 2 gives the same
 * result it gave then.
 * Integers are canonical (no sign, no leading zeros). Decoding is strict: every key
 * exactly once, no unknown keys, only the characters [A-Za-z0-9_.=&], at most
 * MAX_FRAGMENT_LENGTH characters; key order is free and one leading "#" is tolerated.
 * Anything else gives null.
 *
 * Milestone names are deliberately NOT part of the state: a fragment ends up in
 * browser history, chat previews and screenshots, and a deliverable's name can
 * identify a client. The widget keeps them in this browser (last-calculation.js).
 */
import {
  BASES, CURRENCIES, MAX_BP, MAX_MILESTONES, MAX_UNITS, formatMoney, formatPercent, maxMinor,
  milestoneTotals, roundHalfUp, settle,
} from "./refund-math.js";

/** Value of the "calc" version field this module writes. */
export const STATE_VERSION = "2";
/** Longest fragment decodeState looks at (50 maximal milestones need about 1 200). */
export const MAX_FRAGMENT_LENGTH = 2048;

const SETTLEMENTS = ["by_work", "full"];
const STATE_KEYS = ["currency", "settlement", "total", "paid", "percentBp", "expenses", "vat", "milestones", "units"];
const AMOUNTS = ["total", "paid", "expenses"];
const BASIS_KEYS = { total: "tb", paid: "pb", expenses: "eb" };
const TAIL_V1 = ["paid", "exp", "cur", "mode", "vat", "rate"];
const TAIL_V2 = ["paid", "exp", "cur", "mode", "rate", "tb", "pb", "eb"];
const SHAPES = {
  1: { simple: ["calc", "total", "pct", ...TAIL_V1], ms: ["calc", "ms", ...TAIL_V1] },
  2: { simple: ["calc", "total", "pct", ...TAIL_V2], ms: ["calc", "ms", ...TAIL_V2], units: ["calc", "total", "units", ...TAIL_V2] },
};
const KNOWN_KEYS = new Set(Object.values(SHAPES).flatMap((shape) => Object.values(shape).flat()));

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (o) => typeof o === "object" && o !== null && !Array.isArray(o);
const hasExactKeys = (o, keys) =>
  isRecord(o) && Object.keys(o).length === keys.length && keys.every((k) => hasOwn(o, k));
const inRange = (v, max) => typeof v === "bigint" && v >= 0n && v <= max;

/** The percentage shown for a units share: done / total rounded half up to a basis point. */
export function unitsPercentBp({ done, total }) {
  return roundHalfUp(done * MAX_BP, total);
}

/**
 * Whether `state` is a complete, consistent calculator state (see the shape above).
 * @param {unknown} state
 * @returns {boolean}
 */
export function isValidState(state) {
  if (!hasExactKeys(state, STATE_KEYS) || typeof state.currency !== "string") return false;
  if (!hasOwn(CURRENCIES, state.currency) || !SETTLEMENTS.includes(state.settlement)) return false;
  const max = maxMinor(state.currency);
  const { vat, milestones, units } = state;
  if (![state.total, state.paid, state.expenses].every((v) => inRange(v, max))) return false;
  if (!inRange(state.percentBp, MAX_BP)) return false;
  if (!hasExactKeys(vat, ["rateBp", "bases"]) || !inRange(vat.rateBp, MAX_BP)) return false;
  if (!hasExactKeys(vat.bases, AMOUNTS) || !AMOUNTS.every((k) => BASES.includes(vat.bases[k]))) return false;
  if (milestones !== null && units !== null) return false;
  if (units !== null) {
    if (!hasExactKeys(units, ["done", "total"]) || !inRange(units.total, MAX_UNITS) || !inRange(units.done, units.total ?? 0n)) return false;
    return units.total > 0n && unitsPercentBp(units) === state.percentBp;
  }
  if (milestones === null) return true;
  if (!Array.isArray(milestones) || milestones.length < 1 || milestones.length > MAX_MILESTONES) return false;
  if (!milestones.every((m) => hasExactKeys(m, ["price", "percentBp"]))) return false;
  const sums = milestoneTotals(milestones, { currency: state.currency });
  return sums.ok && sums.total === state.total && sums.percentBp === state.percentBp;
}

/**
 * Encode a state as a URL fragment (without "#"), version 2.
 * @param {object} state
 * @returns {string|null} null when the state is not valid (nothing to share).
 */
export function encodeState(state) {
  if (!isValidState(state)) return null;
  let head;
  if (state.milestones) head = [["ms", state.milestones.map((m) => `${m.price}_${m.percentBp}`).join(".")]];
  else if (state.units) head = [["total", state.total], ["units", `${state.units.done}_${state.units.total}`]];
  else head = [["total", state.total], ["pct", state.percentBp]];
  return [
    ["calc", STATE_VERSION], ...head, ["paid", state.paid], ["exp", state.expenses], ["cur", state.currency],
    ["mode", state.settlement], ["rate", state.vat.rateBp],
    ...AMOUNTS.map((k) => [BASIS_KEYS[k], state.vat.bases[k]]),
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

/** Units from "done_total"; null when malformed. */
function readUnits(text) {
  const [done, total, extra] = text.split("_");
  if (extra !== undefined || total === undefined) return null;
  const units = { done: readInt(done, MAX_UNITS), total: readInt(total, MAX_UNITS) };
  return units.done === null || units.total === null || units.total === 0n || units.done > units.total ? null : units;
}

/** The bases of a decoded fragment: v1's one flag for all, v2's three codes. */
function readBases(fields, version) {
  if (version === "1") {
    const flag = fields.get("vat");
    if (flag !== "0" && flag !== "1") return null;
    const basis = flag === "1" ? "incl" : "excl";
    return { total: basis, paid: basis, expenses: basis };
  }
  const bases = Object.fromEntries(AMOUNTS.map((k) => [k, fields.get(BASIS_KEYS[k])]));
  return AMOUNTS.every((k) => BASES.includes(bases[k])) ? bases : null;
}

function decode(fragment) {
  if (typeof fragment !== "string") return null;
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_LENGTH || !/^[A-Za-z0-9_.=&]+$/.test(text)) return null;
  const fields = readFields(text);
  const version = fields?.get("calc");
  if (!fields || !hasOwn(SHAPES, version)) return null;
  const shape = fields.has("ms") ? "ms" : fields.has("units") ? "units" : "simple";
  const keys = SHAPES[version][shape];
  if (!keys || fields.size !== keys.length || !keys.every((k) => fields.has(k))) return null;
  const currency = fields.get("cur");
  if (!hasOwn(CURRENCIES, currency)) return null;
  const max = maxMinor(currency);
  const bases = readBases(fields, version);
  if (!bases) return null;
  const state = {
    currency, settlement: fields.get("mode"),
    total: null, paid: readInt(fields.get("paid"), max), percentBp: null,
    expenses: readInt(fields.get("exp"), max),
    vat: { rateBp: readInt(fields.get("rate"), MAX_BP), bases },
    milestones: null, units: null,
  };
  if (shape === "ms") {
    state.milestones = readMilestones(fields.get("ms"), max);
    const sums = state.milestones && milestoneTotals(state.milestones, { currency });
    if (!sums || !sums.ok) return null;
    state.total = sums.total;
    state.percentBp = sums.percentBp;
  } else if (shape === "units") {
    state.units = readUnits(fields.get("units"));
    if (!state.units) return null;
    state.total = readInt(fields.get("total"), max);
    state.percentBp = unitsPercentBp(state.units);
  } else {
    state.total = readInt(fields.get("total"), max);
    state.percentBp = readInt(fields.get("pct"), MAX_BP);
  }
  return isValidState(state) ? state : null;
}

/**
 * Decode a URL fragment, version 2 or 1. Never throws.
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

/** Whether a location hash is meant for the calculator ("#calc=..."), valid or not (refund-fields.js, which the
 * form loaded at once shares with this module). */
export { isCalculatorFragment } from "./refund-fields.js";

/**
 * The settle() input for a valid state; milestone mode passes earnedWork exactly, units
 * mode the exact fraction.
 * @param {object} state
 * @returns {object}
 */
export function toSettleInput(state) {
  const { currency, total, paid, expenses, settlement, vat, milestones, units } = state;
  const input = { currency, total, paid, expenses, settlement, vat: { rateBp: vat.rateBp, bases: { ...vat.bases } } };
  if (milestones) input.earnedWork = milestoneTotals(milestones, { currency }).earnedWork;
  else if (units) input.units = { ...units };
  else input.percentBp = state.percentBp;
  return input;
}

/** settle(toSettleInput(state)). @param {object} state @returns {object} */
export function settleState(state) {
  return settle(toSettleInput(state));
}

/**
 * Keys summaryText needs in `strings` (English examples; {x} are placeholders):
 *   title "Refund calculation", settlementByWork "Settlement: by the work done",
 *   settlementFull "Settlement: full refund of everything paid", vatRate "VAT rate: {rate}",
 *   noVat "No VAT", excl "{amount} ex. VAT", incl "{amount} incl. VAT",
 *   total "Contract total", milestone "Milestone {n}", percent "Work done",
 *   units "{done} of {total} units ({percent})", expenses "Costs already incurred",
 *   paid "Paid", earned "Earned", refund "To pay back (credit note total)",
 *   refundNet "Credit note, ex. VAT", refundVat "Credit note, VAT",
 *   balanceDue "Final invoice, total", balanceDueNet "Final invoice, ex. VAT",
 *   balanceDueVat "Final invoice, VAT", settled "Nothing to pay back or invoice".
 */
export const SUMMARY_KEYS = Object.freeze([
  "title", "settlementByWork", "settlementFull", "vatRate", "noVat", "excl", "incl",
  "total", "milestone", "percent", "units", "expenses", "paid", "earned",
  "refund", "refundNet", "refundVat", "balanceDue", "balanceDueNet", "balanceDueVat", "settled",
]);

const fill = (template, vars) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (hasOwn(vars, key) ? String(vars[key]) : whole));

/**
 * The summary as data: a title, two notes (settlement, VAT rate) and "label, value"
 * rows, every amount saying whether it is ex. or incl. VAT (when there is VAT). The
 * amounts as typed come first, on their own bases; then what was earned, ex. VAT; then
 * the refund (credit note lines and the total paid back) or the final invoice (its
 * lines and total), or a line saying there is neither. The copy button's text
 * (summaryText) and the printed summary are both made from it, so they never
 * disagree. Every string is plain text: put it in textContent, never innerHTML.
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
  const { vat } = state;
  const hasVat = vat.rateBp > 0n;
  const money = (v, basis) => {
    const amount = formatMoney(v, { locale, currency });
    return hasVat && basis ? fill(strings[basis], { amount }) : amount;
  };
  const pct = (v) => formatPercent(v, { locale });
  const row = (key, value, vars = {}) => [fill(strings[key], vars), value];
  const notes = [
    strings[state.settlement === "full" ? "settlementFull" : "settlementByWork"],
    hasVat ? fill(strings.vatRate, { rate: pct(vat.rateBp) }) : strings.noVat,
  ];
  const share = state.units
    ? fill(strings.units, {
      done: formatPercent(state.units.done, { locale, symbol: false }),
      total: formatPercent(state.units.total, { locale, symbol: false }), percent: pct(state.percentBp),
    })
    : pct(state.percentBp);
  const rows = [
    row("total", money(state.total, vat.bases.total)),
    ...(state.milestones ?? []).map((m, i) => row("milestone", `${money(m.price, vat.bases.total)} (${pct(m.percentBp)})`, { n: i + 1 })),
    row("percent", share),
    row("expenses", money(state.expenses, vat.bases.expenses)),
    row("paid", money(state.paid, vat.bases.paid)),
    row("earned", money(result.earned, "excl")),
  ];
  if (result.refund > 0n) {
    if (hasVat) rows.push(row("refundNet", money(result.refundNet, "excl")), row("refundVat", money(result.refundVat), { rate: pct(vat.rateBp) }));
    rows.push(row("refund", money(result.refund, "incl")));
  } else if (result.balanceDue > 0n) {
    if (hasVat) rows.push(row("balanceDueNet", money(result.balanceDueNet, "excl")), row("balanceDueVat", money(result.balanceDueVat), { rate: pct(vat.rateBp) }));
    rows.push(row("balanceDue", money(result.balanceDue, "incl")));
  } else {
    rows.push(row("settled", money(0n)));
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
