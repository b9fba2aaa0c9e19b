/**
 * refund-math.js: the pure money logic of the refund and credit calculator.
 *
 * Plain ES module, no DOM access. The browser widget and the Node tests import it
 * unchanged. Text the reader sees is not in here: failures are returned as error
 * codes (short snake_case strings) that the widget maps to localised messages.
 *
 * Decisions (read these before changing behaviour):
 *  1. Money is BigInt minor units (øre, cents, pence), percentages are BigInt basis
 *     points (hundredths of a percent: 6250n = 62.5 %). No floating point anywhere.
 *     Amounts may be 0 to MAX_MAJOR (10^12) major units inclusive; larger is
 *     `too_large`. Products such as total × percent go far beyond 2^53 and stay
 *     exact because they are BigInt.
 *  2. Rounding is half up. It happens where an amount is made: the earned share of the
 *     work (once, from the exact fraction: percent, units or per milestone), the VAT
 *     part of an amount typed incl. VAT (split off once), the VAT on the refund or the
 *     balance (once, on its net amount), and the milestone or units percentage shown
 *     for information.
 *  3. Parsing accepts what people type or paste. Before anything else, every invisible
 *     format character (Unicode category Cf: U+00AD soft hyphen, U+200B..U+200F,
 *     U+2060..U+2064, U+FEFF, bidi marks and isolates, ...) is removed, and every space
 *     (category Zs: U+0020, U+00A0, U+2007, U+2009, U+202F, U+3000, ...) and tab or line
 *     break becomes a plain space. Spaces are thousands separators (en also ","), in
 *     valid groups (1 to 3 digits, then groups of 3). nb uses a decimal comma, en a
 *     decimal point. The other mark, alone, is read as the decimal separator when it
 *     cannot be a thousands separator (nb "12500.50", "12 500.5"; en "62,5",
 *     "40000,50", "12,5": phones set to a Norwegian region offer only a comma); where
 *     it could be either ("12.500" in nb, "2,500" in en) the answer is
 *     `ambiguous_separator` with both readings, never a guess. Several marks in valid
 *     groups ("1.234.567", "1,234,567"), or marks before the decimal separator
 *     ("12.500,50", "2,500.50") or a whole-unit ending ("kr 12.500,-") are thousands
 *     separators.
 *  4. A sign or code of the chosen currency may stand before or after the number, with
 *     or without a space, in any letter case. A sign that belongs only to another
 *     currency ("€100" while NOK is chosen) is `wrong_currency`: we never read euros as
 *     kroner. "kr" belongs to NOK, SEK and DKK. Whole-unit endings: ",-" and ",–"
 *     (NOK, DKK), ":-" (SEK).
 *  5. A leading "+" is fine. A leading minus (hyphen-minus, U+2212, U+2010..U+2013,
 *     which autocorrect produces) is `negative`, also for "-0". A character that has no
 *     place in a number (a letter, full-width digits, markup) is `invalid_character`
 *     with that character in `char`, so the message can name it; digit groups of the
 *     wrong size ("1 23 4") are `bad_grouping`; no digits at all, or a separator without
 *     digits ("12,") is `not_a_number`. Trailing zeros count: "1,500" kr in nb is
 *     `too_many_decimals`, not 1.5.
 *  6. Error precedence: required, then the shape of the number (invalid_character,
 *     not_a_number, bad_grouping, two_decimal_separators, ambiguous_separator),
 *     wrong_currency, negative, too_many_decimals, too_large / over_100.
 *  7. Unknown locale or currency: parse functions return `unsupported_locale` /
 *     `unknown_currency`; format functions throw RangeError (a programming error, they
 *     have no error channel). Locales "nb" and "en" are aliases of nb-NO and en-GB.
 *  8. Settlement: each amount has its own VAT basis ("excl" or "incl"), because people
 *     have them that way: the contract total from the contract (ex. VAT), the amount
 *     paid from the bank statement (incl. VAT), costs from receipts. Everything is
 *     worked out ex. VAT: an amount typed incl. VAT loses its VAT part (splitVat). A
 *     VAT rate of 0 means no VAT, and the bases change nothing. Expenses are owed in
 *     full on top of the earned share of the work. Paid may exceed total + expenses
 *     (an overpayment is refunded). The refund and the balance due are the money that
 *     changes hands: net (ex. VAT) plus the VAT on it, net + VAT = gross always; the
 *     refund is what the credit note shows and what is paid back, the balance is what
 *     the final invoice shows. "full" refunds everything paid, exactly as it was paid,
 *     and reports `earned` only for information. Milestone mode passes `earnedWork`
 *     (the exact sum of per-milestone rounded amounts, on the contract total's basis),
 *     which replaces total × percentBp; it must not exceed total. Units mode passes
 *     `units` {done, total} (any common scale, e.g. hundredths of an hour): the work
 *     is total × done / units.total rounded once.
 *  9. Every error code a function here can return is listed in ERROR_CODES, and `fail`
 *     refuses any other: the widget needs a message in every language for each of them
 *     (tests/js/refund-calculator-strings.test.mjs checks the strings tables).
 */

const NBSP = "\u00A0";
const MINUS = "-\u2212\u2010\u2011\u2012\u2013";
/** Invisible format characters (Unicode Cf): removed from typed or pasted text. */
const FORMAT_CHARS = /\p{Cf}/gu;
/** Every kind of space, tabs and line breaks: read as a plain space. */
const ANY_SPACE = /[\p{Zs}\t\n\v\f\r\u0085\u2028\u2029]/gu;

/**
 * Text as typed or pasted, with invisible format characters removed and every kind of
 * space made a plain space (decision 3). Exported for the tests and the form.
 * @param {string} text
 * @returns {string}
 */
export function normaliseTyped(text) {
  return text.replace(FORMAT_CHARS, "").replace(ANY_SPACE, " ");
}

/** Largest accepted amount in major units (kroner, euros, ...). */
export const MAX_MAJOR = 10n ** 12n;
/** Largest basis-point value of a percentage (100 %). */
export const MAX_BP = 10000n;
/** Most milestone rows milestoneTotals accepts. */
export const MAX_MILESTONES = 50;

const deepFreeze = (o) => {
  Object.values(o).forEach((v) => typeof v === "object" && v !== null && deepFreeze(v));
  return Object.freeze(o);
};

/**
 * Number conventions per locale. Formatting uses U+00A0 (no-break space) as the nb
 * group separator and before "kr" / "%": it is what CLDR/Intl output for nb-NO, it
 * keeps an amount on one line, and every font has it (U+202F is missing in some).
 * Parsing accepts every kind of space alike. `other` is the mark that is a thousands
 * separator, or a decimal separator where it cannot be one (decision 3).
 */
export const LOCALES = deepFreeze({
  "nb-NO": { id: "nb-NO", decimal: ",", other: ".", group: NBSP, signAfter: true, percent: NBSP + "%", minus: "\u2212" },
  "en-GB": { id: "en-GB", decimal: ".", other: ",", group: ",", signAfter: false, percent: "%", minus: "-" },
});
const LOCALE_ALIASES = { nb: "nb-NO", en: "en-GB" };

/**
 * Currencies: minor-unit digits, signs/codes accepted around a number, whole-unit
 * endings, the sign shown per locale (nb after the number, en before it), and the
 * standard VAT rate of the country the currency belongs to, in basis points, which
 * the form proposes when the currency is chosen: Norway 25 % (merverdiavgiftsloven
 * § 5-1), Sweden 25 %, Denmark 25 %, the United Kingdom 20 %. null where there is no
 * single standard rate: the euro area's rates differ by country, and the United
 * States has no VAT (sales taxes are set by the states).
 */
export const CURRENCIES = deepFreeze({
  NOK: { digits: 2, signs: ["kr", "kr.", "NOK"], endings: [",-", ",–"], display: { "nb-NO": "kr", "en-GB": "NOK" }, vatRateBp: 2500n },
  EUR: { digits: 2, signs: ["€", "EUR"], endings: [], display: { "nb-NO": "€", "en-GB": "€" }, vatRateBp: null },
  USD: { digits: 2, signs: ["$", "US$", "USD"], endings: [], display: { "nb-NO": "USD", "en-GB": "US$" }, vatRateBp: null },
  GBP: { digits: 2, signs: ["£", "GBP"], endings: [], display: { "nb-NO": "£", "en-GB": "£" }, vatRateBp: 2000n },
  SEK: { digits: 2, signs: ["kr", "SEK"], endings: [":-"], display: { "nb-NO": "SEK", "en-GB": "SEK" }, vatRateBp: 2500n },
  DKK: { digits: 2, signs: ["kr", "kr.", "DKK"], endings: [",-", ",–"], display: { "nb-NO": "DKK", "en-GB": "DKK" }, vatRateBp: 2500n },
});
/** The two VAT bases an amount can be typed on. */
export const BASES = Object.freeze(["excl", "incl"]);
const ALL_SIGNS = [...new Set(Object.values(CURRENCIES).flatMap((c) => c.signs))]
  .sort((a, b) => b.length - a.length);

/**
 * Every error code parseAmount, parsePercent, settle and milestoneTotals can return.
 * The first group is what a reader can cause by typing; the rest are programming
 * errors of the caller (an unknown currency, a malformed object).
 */
export const ERROR_CODES = Object.freeze([
  "required", "invalid_character", "not_a_number", "bad_grouping", "two_decimal_separators",
  "ambiguous_separator", "wrong_currency", "negative", "too_many_decimals", "too_large", "over_100",
  "work_over_total", "too_many_milestones", "units_over_total", "zero_units",
  "unsupported_locale", "unknown_currency", "unknown_settlement", "invalid_input",
]);
const KNOWN_ERRORS = new Set(ERROR_CODES);

const fail = (error, extra) => {
  if (!KNOWN_ERRORS.has(error)) throw new Error(`refund-math: undeclared error code ${error}`);
  return { ok: false, error, ...extra };
};
const hasOwn = (o, k) => typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k);
const count = (s, ch) => s.split(ch).length - 1;

/** @param {string} locale @returns {object|null} the LOCALES entry, or null. */
export function resolveLocale(locale) {
  const id = hasOwn(LOCALE_ALIASES, locale) ? LOCALE_ALIASES[locale] : locale;
  return hasOwn(LOCALES, id) ? LOCALES[id] : null;
}

/** @param {string} currency @returns {bigint} the largest accepted amount in minor units. */
export function maxMinor(currency) {
  if (!hasOwn(CURRENCIES, currency)) throw new RangeError(`unknown currency ${currency}`);
  return MAX_MAJOR * 10n ** BigInt(CURRENCIES[currency].digits);
}

/** Round n / d half up; n ≥ 0, d > 0 (BigInt). */
export function roundHalfUp(n, d) {
  if (n < 0n || d <= 0n) throw new RangeError("roundHalfUp expects n >= 0 and d > 0");
  return (2n * n + d) / (2n * d);
}

/** Case-insensitive match of one of `signs` at the start or end of s. */
function takeSign(s, signs, atEnd) {
  for (const sign of signs) {
    const part = atEnd ? s.slice(-sign.length) : s.slice(0, sign.length);
    if (s.length >= sign.length && part.toLowerCase() === sign.toLowerCase()) {
      return [sign, atEnd ? s.slice(0, -sign.length) : s.slice(sign.length)];
    }
  }
  return [null, s];
}

/** Split text into { body, minus, sign, ending }: plus/minus, currency sign, ending. */
function splitAffixes(text, signs, endings) {
  let s = text.trim();
  let signed = false;
  let minus = false;
  const takePlusMinus = () => {
    if (!signed && s !== "" && ("+" + MINUS).includes(s[0])) {
      signed = true;
      minus = s[0] !== "+";
      s = s.slice(1).trimStart();
    }
  };
  takePlusMinus();
  let sign;
  [sign, s] = takeSign(s, signs, false);
  s = s.trimStart();
  takePlusMinus();
  if (!sign) [sign, s] = takeSign(s, signs, true);
  s = s.trimEnd();
  const ending = endings.find((e) => s.endsWith(e)) ?? null;
  if (ending) s = s.slice(0, -ending.length).trimEnd();
  return { body: s, minus, sign, ending };
}

/** Remove valid thousands grouping; null when the grouping is invalid. */
function ungroup(s, punct, grouping) {
  if (/^[0-9]*$/.test(s)) return s;
  if (!grouping) return null;
  if (s.includes(" ") && s.includes(punct)) return null;
  const [first, ...rest] = s.split(s.includes(" ") ? " " : punct);
  const valid = /^[0-9]{1,3}$/.test(first) && rest.every((g) => /^[0-9]{3}$/.test(g));
  return valid ? first + rest.join("") : null;
}

/**
 * Split a bare number (normalised: plain spaces only) into integer and fraction digit
 * strings (see decision 3). `whole`: a whole-unit ending (",-") followed, so a lone
 * other mark cannot be a decimal separator.
 */
function splitNumber(body, loc, grouping, whole = false) {
  const bad = body.match(/[^0-9 .,]/u);
  if (bad) return fail("invalid_character", { char: bad[0] });
  const alt = loc.other;
  if (count(body, loc.decimal) > 1) return fail("two_decimal_separators");
  let int = body;
  let frac = null;
  if (body.includes(loc.decimal)) {
    [int, frac] = body.split(loc.decimal);
  } else if (!whole && count(body, alt) === 1) {
    [int, frac] = body.split(alt);
    if (grouping && frac.length === 3 && /^[0-9]{1,3}$/.test(int)) return fail("ambiguous_separator", { int, frac });
  }
  if (frac !== null && /[.,]/.test(frac)) return fail("two_decimal_separators");
  if (frac !== null && frac.includes(" ") && /[0-9]/.test(frac)) return fail("bad_grouping");
  if (frac !== null && !/^[0-9]+$/.test(frac)) return fail("not_a_number");
  if (int.trim() === "" && frac === null) return fail("not_a_number");
  const digits = ungroup(int, alt, grouping);
  if (digits === null) {
    // "1.5.0" (nb), "1,5,0" (en): the other mark used as a decimal separator more than once.
    const marks = int.includes(alt) && !int.includes(" ");
    return fail(marks ? "two_decimal_separators" : "bad_grouping");
  }
  if (digits === "" && frac === null) return fail("not_a_number");
  return { ok: true, int: digits.replace(/^0+/, ""), frac: frac ?? "" };
}

/** Scale digit strings to an integer with `digits` decimals; null when above max. */
function toScaled(int, frac, digits, max) {
  if (int.length > max.toString().length) return null;
  const value = BigInt(int || "0") * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, "0") || "0");
  return value <= max ? value : null;
}

/** Text that is empty once spaces and format characters are gone: `required`. */
const isEmptyText = (text) => text == null || (typeof text === "string" && normaliseTyped(text).trim() === "");

/**
 * Parse an amount typed or pasted by a reader.
 * @param {string} text
 * @param {{locale: string, currency: string}} options
 * @returns {{ok: true, minor: bigint} | {ok: false, error: string, char?: string,
 *   int?: string, frac?: string}} error is one of required, invalid_character (with
 *   `char`), not_a_number, bad_grouping, two_decimal_separators, ambiguous_separator
 *   (with the digits `int` and `frac` on either side of the mark), wrong_currency,
 *   negative, too_many_decimals, too_large, unsupported_locale, unknown_currency.
 */
export function parseAmount(text, { locale, currency } = {}) {
  const loc = resolveLocale(locale);
  if (!loc) return fail("unsupported_locale");
  if (!hasOwn(CURRENCIES, currency)) return fail("unknown_currency");
  const cur = CURRENCIES[currency];
  if (isEmptyText(text)) return fail("required");
  if (typeof text !== "string") return fail("not_a_number");
  const parts = splitAffixes(normaliseTyped(text), ALL_SIGNS, cur.endings);
  const n = splitNumber(parts.body, loc, true, parts.ending !== null);
  if (!n.ok) return n;
  if (parts.ending && n.frac !== "") return fail("two_decimal_separators");
  if (parts.sign && !cur.signs.includes(parts.sign)) return fail("wrong_currency");
  if (parts.minus) return fail("negative");
  if (n.frac.length > cur.digits) return fail("too_many_decimals");
  const minor = toScaled(n.int, n.frac, cur.digits, maxMinor(currency));
  return minor === null ? fail("too_large") : { ok: true, minor };
}

/**
 * Parse a percentage: up to two decimals, optional "%" after the number, no grouping.
 * Both "62,5" and "62.5" work in both locales (a lone mark in a percentage can only be
 * a decimal separator).
 * @param {string} text
 * @param {{locale: string}} options
 * @returns {{ok: true, basisPoints: bigint} | {ok: false, error: string}} error is one
 *   of required, invalid_character, not_a_number, bad_grouping, two_decimal_separators,
 *   negative, too_many_decimals, over_100, unsupported_locale.
 */
export function parsePercent(text, { locale } = {}) {
  const loc = resolveLocale(locale);
  if (!loc) return fail("unsupported_locale");
  if (isEmptyText(text)) return fail("required");
  if (typeof text !== "string") return fail("not_a_number");
  const parts = splitAffixes(normaliseTyped(text), [], ["%"]);
  const n = splitNumber(parts.body, loc, false);
  if (!n.ok) return n;
  if (parts.minus) return fail("negative");
  if (n.frac.length > 2) return fail("too_many_decimals");
  const basisPoints = toScaled(n.int, n.frac, 2, MAX_BP);
  return basisPoints === null ? fail("over_100") : { ok: true, basisPoints };
}

/** Largest number of units (hours, days) in hundredths: 10^9 units. */
export const MAX_UNITS = 10n ** 11n;

/**
 * Parse a number of units of work ("37", "37,5" hours, "9" days): up to two decimals,
 * grouped like an amount, no currency. The result is in hundredths of a unit.
 * @param {string} text
 * @param {{locale: string}} options
 * @returns {{ok: true, hundredths: bigint} | {ok: false, error: string}} error is one
 *   of required, invalid_character, not_a_number, bad_grouping, two_decimal_separators,
 *   ambiguous_separator, negative, too_many_decimals, too_large, unsupported_locale.
 */
export function parseUnits(text, { locale } = {}) {
  const loc = resolveLocale(locale);
  if (!loc) return fail("unsupported_locale");
  if (isEmptyText(text)) return fail("required");
  if (typeof text !== "string") return fail("not_a_number");
  const parts = splitAffixes(normaliseTyped(text), [], []);
  const n = splitNumber(parts.body, loc, true);
  if (!n.ok) return n;
  if (parts.minus) return fail("negative");
  if (n.frac.length > 2) return fail("too_many_decimals");
  const hundredths = toScaled(n.int, n.frac, 2, MAX_UNITS);
  return hundredths === null ? fail("too_large") : { ok: true, hundredths };
}

function requireLocale(locale) {
  const loc = resolveLocale(locale);
  if (!loc) throw new RangeError(`unsupported locale ${locale}`);
  return loc;
}

/** Digits of a non-negative BigInt with grouping and `digits` decimals. */
function formatDecimal(abs, digits, loc) {
  const scale = 10n ** BigInt(digits);
  const int = (abs / scale).toString().replace(/\B(?=(\d{3})+$)/g, loc.group);
  return digits === 0 ? int : int + loc.decimal + (abs % scale).toString().padStart(digits, "0");
}

/**
 * Format minor units for display: nb-NO "12 500,50 kr" (U+00A0 spaces), en-GB
 * "£12,500.50", "NOK 12,500.50". Exact for any BigInt; negatives get a leading minus
 * (U+2212 in nb, as Intl does). parseAmount reads back every non-negative result.
 * With `symbol: false` the currency sign is left out ("12 500,50", "12,500.50"): the
 * form of an amount put back into an input field, where the currency is chosen apart.
 * @param {bigint} minor
 * @param {{locale: string, currency: string, symbol?: boolean}} options
 * @returns {string}
 */
export function formatMoney(minor, { locale, currency, symbol = true } = {}) {
  if (typeof minor !== "bigint") throw new TypeError("formatMoney expects a bigint");
  const loc = requireLocale(locale);
  if (!hasOwn(CURRENCIES, currency)) throw new RangeError(`unknown currency ${currency}`);
  const cur = CURRENCIES[currency];
  const number = formatDecimal(minor < 0n ? -minor : minor, cur.digits, loc);
  if (!symbol) return minor < 0n ? loc.minus + number : number;
  const sign = cur.display[loc.id];
  const text = loc.signAfter
    ? number + NBSP + sign
    : sign + (/[A-Za-z]$/.test(sign) ? NBSP : "") + number;
  return minor < 0n ? loc.minus + text : text;
}

/**
 * Format basis points as a percentage without trailing zeros: "62,5 %" / "62.5%".
 * `symbol: false` leaves out the percent sign ("62,5"), for an input field.
 * @param {bigint} basisPoints
 * @param {{locale: string, symbol?: boolean}} options
 * @returns {string}
 */
export function formatPercent(basisPoints, { locale, symbol = true } = {}) {
  if (typeof basisPoints !== "bigint") throw new TypeError("formatPercent expects a bigint");
  const loc = requireLocale(locale);
  const abs = basisPoints < 0n ? -basisPoints : basisPoints;
  const frac = (abs % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  const text = (abs / 100n).toString() + (frac ? loc.decimal + frac : "") + (symbol ? loc.percent : "");
  return basisPoints < 0n ? loc.minus + text : text;
}

/** Error code for a BigInt that must lie in 0..max, or null when it does. */
function rangeError(value, max, overCode) {
  if (typeof value !== "bigint") return "invalid_input";
  if (value < 0n) return "negative";
  return value > max ? overCode : null;
}

/**
 * Split a refund into credit-note lines.
 * included: the amount already contains VAT; refundVat = amount × rate / (100 % + rate)
 *   rounded half up, refundNet = amount − refundVat, refundGross = amount.
 * excluded: the amount is net; refundNet = amount, refundVat = amount × rate rounded
 *   half up, refundGross = amount + refundVat (the credit note total).
 * In both cases refundNet + refundVat === refundGross.
 * @param {bigint} amount minor units, ≥ 0
 * @param {{included: boolean, rateBp: bigint}} vat
 * @returns {{refundNet: bigint, refundVat: bigint, refundGross: bigint}}
 */
export function splitVat(amount, { included, rateBp }) {
  if (included) {
    const refundVat = roundHalfUp(amount * rateBp, MAX_BP + rateBp);
    return { refundNet: amount - refundVat, refundVat, refundGross: amount };
  }
  const refundVat = roundHalfUp(amount * rateBp, MAX_BP);
  return { refundNet: amount, refundVat, refundGross: amount + refundVat };
}

/**
 * An amount on its VAT basis, split into net (ex. VAT), VAT and gross (incl. VAT):
 * splitVat with the basis as `included`. With rateBp 0, net = gross = amount.
 * @param {bigint} amount minor units, ≥ 0
 * @param {"excl"|"incl"} basis
 * @param {bigint} rateBp
 * @returns {{net: bigint, vat: bigint, gross: bigint}}
 */
export function onBasis(amount, basis, rateBp) {
  const { refundNet, refundVat, refundGross } = splitVat(amount, { included: basis === "incl", rateBp });
  return { net: refundNet, vat: refundVat, gross: refundGross };
}

const AMOUNT_KEYS = ["total", "paid", "expenses"];

/** The bases of settle input: vat.bases, or the older vat.included for all three. */
function readBases(vat) {
  if (vat.bases === undefined && typeof vat.included === "boolean") {
    const basis = vat.included ? "incl" : "excl";
    return { total: basis, paid: basis, expenses: basis };
  }
  const bases = vat.bases;
  if (typeof bases !== "object" || bases === null) return null;
  return AMOUNT_KEYS.every((k) => BASES.includes(bases[k])) ? { total: bases.total, paid: bases.paid, expenses: bases.expenses } : null;
}

/** Validate settle input; returns normalised values or an error with its field. */
function checkSettleInput(input) {
  if (input === null || typeof input !== "object") return fail("invalid_input");
  const currency = input.currency ?? "NOK";
  if (!hasOwn(CURRENCIES, currency)) return fail("unknown_currency", { field: "currency" });
  const max = maxMinor(currency);
  const v = { total: input.total, paid: input.paid, expenses: input.expenses ?? 0n };
  for (const field of AMOUNT_KEYS) {
    const error = rangeError(v[field], max, "too_large");
    if (error) return fail(error, { field });
  }
  v.settlement = input.settlement ?? "by_work";
  if (v.settlement !== "by_work" && v.settlement !== "full") return fail("unknown_settlement", { field: "settlement" });
  const vat = input.vat ?? { rateBp: 0n, bases: { total: "excl", paid: "excl", expenses: "excl" } };
  if (typeof vat !== "object" || vat === null) return fail("invalid_input", { field: "vat" });
  const rateError = rangeError(vat.rateBp, MAX_BP, "over_100");
  if (rateError) return fail(rateError, { field: "vat.rateBp" });
  const bases = readBases(vat);
  if (!bases) return fail("invalid_input", { field: "vat.bases" });
  v.vat = { rateBp: vat.rateBp, bases };
  if (input.earnedWork !== undefined) {
    const error = rangeError(input.earnedWork, v.total, "work_over_total");
    if (error) return fail(error, { field: "earnedWork" });
    v.earnedWork = input.earnedWork;
  } else if (input.units !== undefined) {
    const u = input.units;
    if (typeof u !== "object" || u === null || typeof u.done !== "bigint" || typeof u.total !== "bigint" || u.done < 0n) {
      return fail(u?.done < 0n ? "negative" : "invalid_input", { field: "units" });
    }
    if (u.total <= 0n) return fail("zero_units", { field: "units.total" });
    if (u.done > u.total) return fail("units_over_total", { field: "units.done" });
    v.earnedWork = roundHalfUp(v.total * u.done, u.total);
  } else {
    const error = rangeError(input.percentBp, MAX_BP, "over_100");
    if (error) return fail(error, { field: "percentBp" });
    v.earnedWork = roundHalfUp(v.total * input.percentBp, MAX_BP);
  }
  return { ok: true, ...v };
}

/**
 * Settle a cancelled engagement.
 * @param {{total: bigint, paid: bigint, percentBp?: bigint, earnedWork?: bigint,
 *   units?: {done: bigint, total: bigint}, expenses?: bigint,
 *   settlement?: "by_work"|"full", vat?: {rateBp: bigint, bases: {total, paid,
 *   expenses: "excl"|"incl"}}, currency?: string}} input  minor units / basis points.
 *   Defaults: expenses 0n, settlement "by_work", no VAT, currency NOK (only used for
 *   the too_large limit). The share of the work is one of: earnedWork (milestone
 *   mode, on the total's basis), units (exact fraction done / total) or percentBp.
 *   An older `vat: {included, rateBp}` means that basis for all three amounts.
 * @returns {{ok: true, earnedWork, expenses, earned, paid, paidVat, refund, refundNet,
 *   refundVat, refundGross, balanceDue, balanceDueNet, balanceDueVat} |
 *   {ok: false, error: string, field?: string}} all BigInt. earnedWork, expenses,
 *   earned and paid are net (ex. VAT); paidVat the VAT in what was paid. refund and
 *   balanceDue are the money that changes hands, incl. VAT where VAT applies:
 *   refund = refundNet + refundVat, balanceDue = balanceDueNet + balanceDueVat, and
 *   at most one of them is above 0. refundGross is refund (the credit note's total).
 *   error is one of invalid_input, negative, too_large, over_100, work_over_total,
 *   units_over_total, zero_units, unknown_settlement, unknown_currency.
 */
export function settle(input) {
  const v = checkSettleInput(input);
  if (!v.ok) return v;
  const { rateBp, bases } = v.vat;
  const earnedWork = onBasis(v.earnedWork, bases.total, rateBp).net;
  const expenses = onBasis(v.expenses, bases.expenses, rateBp).net;
  const paid = onBasis(v.paid, bases.paid, rateBp);
  const earned = earnedWork + expenses;
  let refund = { net: 0n, vat: 0n, gross: 0n };
  let balance = { net: 0n, vat: 0n, gross: 0n };
  if (v.settlement === "full") refund = paid;
  else if (paid.net > earned) refund = onBasis(paid.net - earned, "excl", rateBp);
  else if (earned > paid.net) balance = onBasis(earned - paid.net, "excl", rateBp);
  return {
    ok: true, earnedWork, expenses, earned, paid: paid.net, paidVat: paid.vat,
    refund: refund.gross, refundNet: refund.net, refundVat: refund.vat, refundGross: refund.gross,
    balanceDue: balance.gross, balanceDueNet: balance.net, balanceDueVat: balance.vat,
  };
}

/**
 * Sum milestone rows. earnedWork is the sum of each row rounded half up on its own
 * (what a per-milestone invoice would show); percentBp is earnedWork / total rounded
 * half up to a whole basis point, for display only: settle must get earnedWork.
 * @param {Array<{price: bigint, percentBp: bigint}>} rows at most MAX_MILESTONES
 * @param {{currency?: string}} options currency for the too_large limit (NOK)
 * @returns {{ok: true, total: bigint, earnedWork: bigint, percentBp: bigint} |
 *   {ok: false, error: string, index?: number, field?: string}} error is one of
 *   invalid_input, too_many_milestones, negative, too_large, over_100, unknown_currency.
 */
export function milestoneTotals(rows, { currency = "NOK" } = {}) {
  if (!Array.isArray(rows)) return fail("invalid_input");
  if (!hasOwn(CURRENCIES, currency)) return fail("unknown_currency");
  if (rows.length > MAX_MILESTONES) return fail("too_many_milestones");
  const max = maxMinor(currency);
  let total = 0n;
  let earnedWork = 0n;
  for (const [index, row] of rows.entries()) {
    const priceError = rangeError(row?.price, max, "too_large");
    if (priceError) return fail(priceError, { index, field: "price" });
    const pctError = rangeError(row.percentBp, MAX_BP, "over_100");
    if (pctError) return fail(pctError, { index, field: "percentBp" });
    total += row.price;
    earnedWork += roundHalfUp(row.price * row.percentBp, MAX_BP);
  }
  if (total > max) return fail("too_large");
  const percentBp = total === 0n ? 0n : roundHalfUp(earnedWork * MAX_BP, total);
  return { ok: true, total, earnedWork, percentBp };
}
