// Tests for overrides/assets/javascripts/calculator/refund-math.js: table tests for the
// documented behaviour, fast-check properties for the invariants.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CURRENCIES, LOCALES, MAX_MAJOR, MAX_MILESTONES, formatMoney, formatPercent, maxMinor,
  milestoneTotals, parseAmount, parsePercent, roundHalfUp, settle, splitVat,
} from "../../overrides/assets/javascripts/calculator/refund-math.js";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const CODES = Object.keys(CURRENCIES);
const LOCALE_IDS = Object.keys(LOCALES);
const RUNS = { numRuns: 3000 };
const MAX_NOK = 100_000_000_000_000n; // 10^12 kroner in øre
const PARSE_ERRORS = new Set([
  "required", "not_a_number", "two_decimal_separators", "ambiguous_separator",
  "wrong_currency", "negative", "too_many_decimals", "too_large",
]);

/** Independent half-up rounding (quotient and remainder, not the module's formula). */
const refRound = (n, d) => (2n * (n % d) >= d ? n / d + 1n : n / d);

const show = (s) => JSON.stringify(s);

describe("tables", () => {
  test("CURRENCIES and LOCALES are frozen, every currency has digits and display signs", () => {
    assert.deepEqual(CODES, ["NOK", "EUR", "USD", "GBP", "SEK", "DKK"]);
    assert.ok(Object.isFrozen(CURRENCIES) && Object.isFrozen(CURRENCIES.NOK.signs));
    assert.ok(Object.isFrozen(LOCALES["nb-NO"]));
    for (const code of CODES) {
      assert.equal(CURRENCIES[code].digits, 2, code);
      for (const id of LOCALE_IDS) assert.equal(typeof CURRENCIES[code].display[id], "string");
    }
    assert.throws(() => { CURRENCIES.NOK.digits = 3; }, TypeError);
  });

  test("maxMinor is 10^12 major units in minor units", () => {
    assert.equal(maxMinor("NOK"), MAX_NOK);
    assert.equal(MAX_MAJOR, 10n ** 12n);
    assert.throws(() => maxMinor("XYZ"), RangeError);
  });
});

describe("parseAmount nb-NO NOK accepts", () => {
  const cases = [
    ["12 500", 1250000n], [`12${NBSP}500,50`, 1250050n], [`12${NNBSP}500,50`, 1250050n],
    [`1 000${NBSP}000${NNBSP}000`, 100000000000n], ["kr 12 500,50", 1250050n],
    ["12 500,50 kr", 1250050n], [`12${NBSP}500,50${NBSP}kr`, 1250050n], ["12500,50kr", 1250050n],
    ["12 500,-", 1250000n], ["kr 12 500,-", 1250000n], ["12 500,– kr", 1250000n],
    ["NOK 100", 10000n], ["100NOK", 10000n], ["nok 100", 10000n], ["KR 100", 10000n],
    ["kr. 5,-", 500n], ["kr.100", 10000n], ["+5", 500n], ["+ kr 5", 500n], ["kr +5", 500n],
    ["0", 0n], ["0,5", 50n], [",50", 50n], ["007", 700n], ["  42  ", 4200n],
    // a single "." is a decimal point when it cannot be a thousands separator
    ["12500.50", 1250050n], ["12 500.5", 1250050n], ["1234.5", 123450n], ["0.05", 5n],
    // dots in valid groups of three are thousands separators
    ["12.500,50", 1250050n], ["1.234.567", 123456700n], ["kr 12.500,-", 1250000n],
    ["1 000 000 000 000", MAX_NOK], ["1000000000000,00", MAX_NOK],
  ];
  for (const [text, minor] of cases) {
    test(show(text), () => {
      assert.deepEqual(parseAmount(text, { locale: "nb-NO", currency: "NOK" }), { ok: true, minor });
    });
  }
});

describe("parseAmount nb-NO NOK rejects", () => {
  const cases = [
    ["", "required"], ["   ", "required"], [NBSP, "required"], [null, "required"], [undefined, "required"],
    [5, "not_a_number"], ["abc", "not_a_number"], ["<b>5</b>", "not_a_number"], ["1 23", "not_a_number"],
    ["12  500", "not_a_number"], ["1 2345", "not_a_number"], ["12,", "not_a_number"], ["kr", "not_a_number"],
    [",-", "not_a_number"], ["1e5", "not_a_number"], ["１２３", "not_a_number"], ["١٢٣", "not_a_number"],
    ["kr 5 kr", "not_a_number"], ["5 %", "not_a_number"], ["(5)", "not_a_number"], ["12-500", "not_a_number"],
    ["--5", "not_a_number"], ["+-5", "not_a_number"], ["12\t500", "not_a_number"], ["5:-", "not_a_number"],
    ["1 234.567,89", "not_a_number"], ["kroner 5", "not_a_number"], ["12 500 -", "not_a_number"],
    ["1,5,0", "two_decimal_separators"], ["1.5.0", "two_decimal_separators"], ["1.5,0", "two_decimal_separators"],
    ["12,50,-", "two_decimal_separators"], ["1,5.0", "two_decimal_separators"],
    ["12.500", "ambiguous_separator"], ["1.234", "ambiguous_separator"],
    ["-5", "negative"], ["−5", "negative"], ["–5", "negative"], ["kr -5", "negative"], ["-kr 5", "negative"],
    ["- 5", "negative"], ["-0", "negative"],
    ["1,555", "too_many_decimals"], ["1,500", "too_many_decimals"], ["1234.567", "too_many_decimals"],
    ["1 000 000 000 000,01", "too_large"], ["10000000000000", "too_large"],
    ["99999999999999999999999999999999999999", "too_large"],
    ["€5", "wrong_currency"], ["5 USD", "wrong_currency"], ["$5", "wrong_currency"], ["SEK 5", "wrong_currency"],
  ];
  for (const [text, error] of cases) {
    test(`${show(text)} -> ${error}`, () => {
      assert.deepEqual(parseAmount(text, { locale: "nb-NO", currency: "NOK" }), { ok: false, error });
    });
  }
});

describe("parseAmount en-GB", () => {
  const cases = [
    ["GBP", "£1,250.50", 125050n], ["GBP", "1,250.50", 125050n], ["GBP", "1 250.50", 125050n],
    ["GBP", `1${NBSP}250.50`, 125050n], ["GBP", "GBP 12", 1200n], ["GBP", "12 GBP", 1200n],
    ["GBP", "£ 12", 1200n], ["GBP", "12,500", 1250000n], ["GBP", "1,234,567.89", 123456789n],
    ["GBP", "+£5", 500n], ["GBP", ".5", 50n], ["USD", "US$5", 500n], ["USD", "$5", 500n],
    ["USD", "5 usd", 500n], ["EUR", "€12,500.50", 1250050n], ["NOK", "NOK 12,500.50", 1250050n],
    ["NOK", "12 500,-", 1250000n], ["SEK", "kr 100", 10000n], ["SEK", "100:-", 10000n],
    ["DKK", "kr. 100", 10000n], ["DKK", "100,-", 10000n],
  ];
  for (const [currency, text, minor] of cases) {
    test(`${currency} ${show(text)}`, () => {
      assert.deepEqual(parseAmount(text, { locale: "en-GB", currency }), { ok: true, minor });
    });
  }
  const errors = [
    ["GBP", "1.5.0", "two_decimal_separators"], ["GBP", "1.5,0", "two_decimal_separators"],
    ["GBP", "1,5,0", "not_a_number"], ["GBP", "1,23", "not_a_number"], ["GBP", "12,50", "not_a_number"],
    ["GBP", "1,234 567", "not_a_number"], ["GBP", "12.", "not_a_number"], ["GBP", "-£5", "negative"],
    ["GBP", "£-5", "negative"], ["GBP", "1.555", "too_many_decimals"], ["GBP", "€5", "wrong_currency"],
    ["GBP", "kr 5", "wrong_currency"], ["EUR", "kr 5", "wrong_currency"], ["USD", "£5", "wrong_currency"],
    ["GBP", "£1,000,000,000,000.01", "too_large"], ["NOK", "NOK 12 500,50", "not_a_number"],
  ];
  for (const [currency, text, error] of errors) {
    test(`${currency} ${show(text)} -> ${error}`, () => {
      assert.deepEqual(parseAmount(text, { locale: "en-GB", currency }), { ok: false, error });
    });
  }
});

test("parseAmount: locale aliases and bad options", () => {
  assert.deepEqual(parseAmount("1,5", { locale: "nb", currency: "NOK" }), { ok: true, minor: 150n });
  assert.deepEqual(parseAmount("1.5", { locale: "en", currency: "NOK" }), { ok: true, minor: 150n });
  assert.deepEqual(parseAmount("1", { locale: "de-DE", currency: "NOK" }), { ok: false, error: "unsupported_locale" });
  assert.deepEqual(parseAmount("1", { locale: "nb-NO", currency: "XYZ" }), { ok: false, error: "unknown_currency" });
  assert.deepEqual(parseAmount("1", { locale: "nb-NO", currency: "toString" }), { ok: false, error: "unknown_currency" });
  assert.deepEqual(parseAmount("1"), { ok: false, error: "unsupported_locale" });
});

describe("parsePercent", () => {
  const ok = [
    ["nb-NO", "62,5", 6250n], ["nb-NO", "62.5", 6250n], ["nb-NO", "62,5 %", 6250n], ["nb-NO", `62,5${NBSP}%`, 6250n],
    ["nb-NO", "62,5%", 6250n], ["nb-NO", "100", 10000n], ["nb-NO", "0", 0n], ["nb-NO", "0,01", 1n],
    ["nb-NO", "+5", 500n], ["nb-NO", "62,50", 6250n], ["nb-NO", "007", 700n], ["nb-NO", "100,00 %", 10000n],
    ["en-GB", "62.5%", 6250n], ["en-GB", "62.5 %", 6250n], ["en-GB", "33.33", 3333n],
  ];
  for (const [locale, text, basisPoints] of ok) {
    test(`${locale} ${show(text)}`, () => assert.deepEqual(parsePercent(text, { locale }), { ok: true, basisPoints }));
  }
  const errors = [
    ["nb-NO", "", "required"], ["nb-NO", " % ", "not_a_number"], ["nb-NO", "abc", "not_a_number"],
    ["nb-NO", "1 000", "not_a_number"], ["nb-NO", "%5", "not_a_number"], ["nb-NO", "5 %%", "not_a_number"],
    ["nb-NO", "62,5,0", "two_decimal_separators"], ["nb-NO", "62.5.0", "two_decimal_separators"],
    ["nb-NO", "62,5.0", "two_decimal_separators"], ["nb-NO", "-5", "negative"], ["nb-NO", "−5 %", "negative"],
    ["nb-NO", "100,01", "over_100"], ["nb-NO", "101", "over_100"], ["nb-NO", "1000000000000000000000", "over_100"],
    ["nb-NO", "62,555", "too_many_decimals"], ["nb-NO", "12.500", "too_many_decimals"],
    ["en-GB", "62,5", "not_a_number"], ["en-GB", "62.5.0", "two_decimal_separators"],
    ["xx", "5", "unsupported_locale"],
  ];
  for (const [locale, text, error] of errors) {
    test(`${locale} ${show(text)} -> ${error}`, () => assert.deepEqual(parsePercent(text, { locale }), { ok: false, error }));
  }
});

describe("formatMoney", () => {
  const cases = [
    ["nb-NO", "NOK", 1250050n, `12${NBSP}500,50${NBSP}kr`], ["nb-NO", "EUR", 1250050n, `12${NBSP}500,50${NBSP}€`],
    ["nb-NO", "USD", 1250050n, `12${NBSP}500,50${NBSP}USD`], ["nb-NO", "NOK", 0n, `0,00${NBSP}kr`],
    ["nb-NO", "NOK", 5n, `0,05${NBSP}kr`], ["nb-NO", "NOK", 100000n, `1${NBSP}000,00${NBSP}kr`],
    ["nb-NO", "NOK", -1250050n, `\u221212${NBSP}500,50${NBSP}kr`],
    ["en-GB", "GBP", 1250050n, "£12,500.50"], ["en-GB", "NOK", 1250050n, `NOK${NBSP}12,500.50`],
    ["en-GB", "EUR", 1250050n, "€12,500.50"], ["en-GB", "USD", 1250050n, "US$12,500.50"],
    ["en-GB", "SEK", 99n, `SEK${NBSP}0.99`], ["en-GB", "GBP", -1250050n, "-£12,500.50"],
    // beyond 2^53: 2^64 + 1 minor units
    ["nb-NO", "NOK", 2n ** 64n + 1n, `184${NBSP}467${NBSP}440${NBSP}737${NBSP}095${NBSP}516,17${NBSP}kr`],
    ["en-GB", "GBP", 2n ** 64n + 1n, "£184,467,440,737,095,516.17"],
  ];
  for (const [locale, currency, minor, text] of cases) {
    test(`${locale} ${currency} ${minor}`, () => assert.equal(formatMoney(minor, { locale, currency }), text));
  }
  test("rejects numbers and unknown options", () => {
    assert.throws(() => formatMoney(5, { locale: "nb-NO", currency: "NOK" }), TypeError);
    assert.throws(() => formatMoney(5n, { locale: "nb-NO", currency: "XYZ" }), RangeError);
    assert.throws(() => formatMoney(5n, { locale: "fr-FR", currency: "NOK" }), RangeError);
  });
});

describe("formatPercent", () => {
  const cases = [
    [6250n, `62,5${NBSP}%`, "62.5%"], [6000n, `60${NBSP}%`, "60%"], [0n, `0${NBSP}%`, "0%"],
    [10000n, `100${NBSP}%`, "100%"], [1n, `0,01${NBSP}%`, "0.01%"], [6255n, `62,55${NBSP}%`, "62.55%"],
    [1050n, `10,5${NBSP}%`, "10.5%"],
  ];
  for (const [bp, nb, en] of cases) {
    test(`${bp}`, () => {
      assert.equal(formatPercent(bp, { locale: "nb-NO" }), nb);
      assert.equal(formatPercent(bp, { locale: "en-GB" }), en);
    });
  }
  test("rejects numbers", () => assert.throws(() => formatPercent(5, { locale: "en" }), TypeError));
});

describe("roundHalfUp", () => {
  const cases = [[5n, 2n, 3n], [3n, 2n, 2n], [1n, 3n, 0n], [2n, 3n, 1n], [0n, 7n, 0n], [10n ** 30n + 5n, 10n, 10n ** 29n + 1n]];
  for (const [n, d, q] of cases) test(`${n}/${d}`, () => assert.equal(roundHalfUp(n, d), q));
  test("rejects negative n and non-positive d", () => {
    assert.throws(() => roundHalfUp(-1n, 2n), RangeError);
    assert.throws(() => roundHalfUp(1n, 0n), RangeError);
  });
});

const INCL25 = { included: true, rateBp: 2500n };
const EXCL25 = { included: false, rateBp: 2500n };
const base = { total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 0n };

describe("settle tables", () => {
  const zeroVat = { refundNet: 0n, refundVat: 0n, refundGross: 0n };
  const cases = [
    ["VAT included 25 %", { ...base, vat: INCL25 },
      { earnedWork: 2400000n, earned: 2400000n, refund: 600000n, balanceDue: 0n, refundNet: 480000n, refundVat: 120000n, refundGross: 600000n }],
    ["VAT excluded 25 %: credit note total is net + VAT", { ...base, vat: EXCL25 },
      { earnedWork: 2400000n, earned: 2400000n, refund: 600000n, balanceDue: 0n, refundNet: 600000n, refundVat: 150000n, refundGross: 750000n }],
    ["balance due", { ...base, paid: 1000000n, vat: INCL25 },
      { earnedWork: 2400000n, earned: 2400000n, refund: 0n, balanceDue: 1400000n, ...zeroVat }],
    ["expenses are owed on top of the work", { ...base, expenses: 250000n },
      { earnedWork: 2400000n, earned: 2650000n, refund: 350000n, balanceDue: 0n, refundNet: 350000n, refundVat: 0n, refundGross: 350000n }],
    ["overpayment beyond total + expenses is refunded", { total: 1000000n, paid: 1500000n, percentBp: 10000n, expenses: 0n },
      { earnedWork: 1000000n, earned: 1000000n, refund: 500000n, balanceDue: 0n, refundNet: 500000n, refundVat: 0n, refundGross: 500000n }],
    ["full refund reports earned but owes nothing", { ...base, settlement: "full", vat: INCL25 },
      { earnedWork: 2400000n, earned: 2400000n, refund: 3000000n, balanceDue: 0n, refundNet: 2400000n, refundVat: 600000n, refundGross: 3000000n }],
    ["full refund with nothing paid", { ...base, paid: 0n, settlement: "full" },
      { earnedWork: 2400000n, earned: 2400000n, refund: 0n, balanceDue: 0n, ...zeroVat }],
    ["earned work rounds half up (0.5 -> 1)", { total: 1n, paid: 0n, percentBp: 5000n },
      { earnedWork: 1n, earned: 1n, refund: 0n, balanceDue: 1n, ...zeroVat }],
    ["earned work rounds half up (1.5 -> 2)", { total: 3n, paid: 3n, percentBp: 5000n },
      { earnedWork: 2n, earned: 2n, refund: 1n, balanceDue: 0n, refundNet: 1n, refundVat: 0n, refundGross: 1n }],
    ["included VAT 0.2 rounds down", { total: 1n, paid: 1n, percentBp: 0n, vat: INCL25 },
      { earnedWork: 0n, earned: 0n, refund: 1n, balanceDue: 0n, refundNet: 1n, refundVat: 0n, refundGross: 1n }],
    ["excluded VAT 0.5 rounds up", { total: 2n, paid: 2n, percentBp: 0n, vat: EXCL25 },
      { earnedWork: 0n, earned: 0n, refund: 2n, balanceDue: 0n, refundNet: 2n, refundVat: 1n, refundGross: 3n }],
    ["100 % VAT included halves the refund", { total: 1000n, paid: 1000n, percentBp: 0n, vat: { included: true, rateBp: 10000n } },
      { earnedWork: 0n, earned: 0n, refund: 1000n, balanceDue: 0n, refundNet: 500n, refundVat: 500n, refundGross: 1000n }],
    ["earnedWork (milestone mode) replaces percentBp", { total: 1000000n, paid: 800000n, percentBp: 9999n, earnedWork: 333334n },
      { earnedWork: 333334n, earned: 333334n, refund: 466666n, balanceDue: 0n, refundNet: 466666n, refundVat: 0n, refundGross: 466666n }],
    ["maximum amounts are allowed", { total: MAX_NOK, paid: MAX_NOK, percentBp: 0n, expenses: MAX_NOK },
      { earnedWork: 0n, earned: MAX_NOK, refund: 0n, balanceDue: 0n, ...zeroVat }],
    // float arithmetic gives 49799121655645 here; BigInt gives the exact 49799121655644
    ["exact where floating point is wrong", { total: 52552893262605n, paid: 0n, percentBp: 9476n },
      { earnedWork: 49799121655644n, earned: 49799121655644n, refund: 0n, balanceDue: 49799121655644n, ...zeroVat }],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(settle(input), { ok: true, ...expected }));
  }
  test("the float case really is wrong in floating point", () => {
    assert.notEqual(Math.round((52552893262605 * 9476) / 10000), 49799121655644);
  });
});

describe("settle validation", () => {
  const cases = [
    ["null", null, "invalid_input", undefined], ["number total", { ...base, total: 5 }, "invalid_input", "total"],
    ["missing paid", { total: 1n, percentBp: 0n }, "invalid_input", "paid"],
    ["negative paid", { ...base, paid: -1n }, "negative", "paid"],
    ["total too large", { ...base, total: MAX_NOK + 1n }, "too_large", "total"],
    ["expenses too large", { ...base, expenses: MAX_NOK + 1n }, "too_large", "expenses"],
    ["EUR limit", { ...base, total: MAX_NOK + 1n, currency: "EUR" }, "too_large", "total"],
    ["percent over 100", { ...base, percentBp: 10001n }, "over_100", "percentBp"],
    ["negative percent", { ...base, percentBp: -1n }, "negative", "percentBp"],
    ["missing percent", { total: 1n, paid: 1n }, "invalid_input", "percentBp"],
    ["VAT rate over 100 %", { ...base, vat: { included: true, rateBp: 10001n } }, "over_100", "vat.rateBp"],
    ["negative VAT rate", { ...base, vat: { included: false, rateBp: -1n } }, "negative", "vat.rateBp"],
    ["VAT included not boolean", { ...base, vat: { included: "yes", rateBp: 0n } }, "invalid_input", "vat"],
    ["unknown settlement", { ...base, settlement: "half" }, "unknown_settlement", "settlement"],
    ["earnedWork over total", { ...base, earnedWork: 4000001n }, "work_over_total", "earnedWork"],
    ["negative earnedWork", { ...base, earnedWork: -1n }, "negative", "earnedWork"],
    ["unknown currency", { ...base, currency: "XYZ" }, "unknown_currency", "currency"],
  ];
  for (const [name, input, error, field] of cases) {
    test(name, () => {
      const result = settle(input);
      assert.equal(result.ok, false);
      assert.equal(result.error, error);
      assert.equal(result.field, field);
    });
  }
});

describe("milestoneTotals", () => {
  const cases = [
    ["no rows", [], { total: 0n, earnedWork: 0n, percentBp: 0n }],
    ["two rows", [{ price: 2500000n, percentBp: 10000n }, { price: 1500000n, percentBp: 0n }],
      { total: 4000000n, earnedWork: 2500000n, percentBp: 6250n }],
    ["each row rounds on its own", [{ price: 1n, percentBp: 5000n }, { price: 1n, percentBp: 5000n }],
      { total: 2n, earnedWork: 2n, percentBp: 10000n }],
    ["effective percent rounds half up", [{ price: 2n, percentBp: 10000n }, { price: 1n, percentBp: 0n }],
      { total: 3n, earnedWork: 2n, percentBp: 6667n }],
    ["effective percent rounds down below half", [{ price: 1n, percentBp: 10000n }, { price: 2n, percentBp: 0n }],
      { total: 3n, earnedWork: 1n, percentBp: 3333n }],
  ];
  for (const [name, rows, expected] of cases) {
    test(name, () => assert.deepEqual(milestoneTotals(rows), { ok: true, ...expected }));
  }
  const row = { price: 1n, percentBp: 0n };
  const errors = [
    ["not an array", "rows", "invalid_input"],
    ["too many rows", Array(MAX_MILESTONES + 1).fill(row), "too_many_milestones"],
    ["negative price", [row, { price: -1n, percentBp: 0n }], "negative", 1],
    ["percent over 100", [{ price: 1n, percentBp: 10001n }], "over_100", 0],
    ["null row", [null], "invalid_input", 0], ["number price", [{ price: 1, percentBp: 0n }], "invalid_input", 0],
    ["sum too large", [{ price: MAX_NOK, percentBp: 0n }, row], "too_large"],
  ];
  for (const [name, rows, error, index] of errors) {
    test(name, () => {
      const result = milestoneTotals(rows);
      assert.equal(result.ok, false);
      assert.equal(result.error, error);
      assert.equal(result.index, index);
    });
  }
  test("unknown currency", () => assert.equal(milestoneTotals([], { currency: "XYZ" }).error, "unknown_currency"));
  test("exactly MAX_MILESTONES rows are fine", () => assert.ok(milestoneTotals(Array(MAX_MILESTONES).fill(row)).ok));
});

test("splitVat: zero rate keeps the amount whole", () => {
  assert.deepEqual(splitVat(12345n, { included: true, rateBp: 0n }), { refundNet: 12345n, refundVat: 0n, refundGross: 12345n });
  assert.deepEqual(splitVat(12345n, { included: false, rateBp: 0n }), { refundNet: 12345n, refundVat: 0n, refundGross: 12345n });
});

// ---------------------------------------------------------------- properties

const currencyArb = fc.constantFrom(...CODES);
const localeArb = fc.constantFrom(...LOCALE_IDS);
const amountArb = (currency) => fc.bigInt({ min: 0n, max: maxMinor(currency) });

describe("properties", () => {
  test("parseAmount(formatMoney(x)) === x for every currency, locale and amount in range", () => {
    fc.assert(fc.property(currencyArb.chain((c) => fc.tuple(fc.constant(c), amountArb(c))), localeArb,
      ([currency, x], locale) => {
        const opts = { locale, currency };
        assert.deepEqual(parseAmount(formatMoney(x, opts), opts), { ok: true, minor: x });
      }), { numRuns: 5000 });
  });

  test("formatMoney agrees with Intl.NumberFormat while Number is exact", () => {
    fc.assert(fc.property(currencyArb, localeArb, fc.bigInt({ min: 0n, max: MAX_NOK }), (currency, locale, x) => {
      const intl = new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(x) / 100);
      assert.equal(formatMoney(x, { locale, currency }), intl);
    }), RUNS);
  });

  test("formatMoney is exact beyond 2^53", () => {
    fc.assert(fc.property(localeArb, fc.bigInt({ min: 2n ** 53n, max: 2n ** 200n }), (locale, x) => {
      const digits = formatMoney(x, { locale, currency: "NOK" }).replace(/[^0-9]/g, "");
      assert.equal(digits, x.toString());
    }), RUNS);
  });

  // What people type: any grouping space, with or without grouping, signs of the
  // currency before or after, with or without a space, an optional "+".
  const typedArb = fc.record({
    currency: currencyArb, locale: localeArb, x: fc.bigInt({ min: 0n, max: MAX_NOK }),
    group: fc.constantFrom(" ", NBSP, NNBSP, "", ","), gap: fc.constantFrom("", " ", NBSP),
    place: fc.constantFrom("before", "after", "none"), signIndex: fc.nat(), plus: fc.boolean(), dropZeroFraction: fc.boolean(),
  });
  test("parseAmount reads typed variants of an amount back exactly", () => {
    fc.assert(fc.property(typedArb, (t) => {
      const cur = CURRENCIES[t.currency];
      const en = t.locale === "en-GB";
      const group = t.group === "," && !en ? " " : t.group;
      const int = (t.x / 100n).toString().replace(/\B(?=(\d{3})+$)/g, group);
      const frac = (t.x % 100n).toString().padStart(2, "0");
      const number = t.dropZeroFraction && frac === "00" ? int : int + (en ? "." : ",") + frac;
      const sign = cur.signs[t.signIndex % cur.signs.length];
      const text = (t.plus ? "+" : "") + (t.place === "before" ? sign + t.gap + number
        : t.place === "after" ? number + t.gap + sign : number);
      assert.deepEqual(parseAmount(text, { locale: t.locale, currency: t.currency }), { ok: true, minor: t.x }, show(text));
    }), { numRuns: 5000 });
  });

  const numericChar = fc.constantFrom(..."0123456789 ,.+-%", NBSP, NNBSP, "\u2212", "\u2013", "１", "０", "k", "r", "€", "$", "£");
  const numericText = fc.string({ unit: numericChar, maxLength: 24 });
  const anyText = fc.oneof(numericText, fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme-ascii" }));

  test("parseAmount never throws and only returns known errors or amounts in range", () => {
    fc.assert(fc.property(anyText, currencyArb, localeArb, (text, currency, locale) => {
      const r = parseAmount(text, { locale, currency });
      if (r.ok) assert.ok(r.minor >= 0n && r.minor <= maxMinor(currency));
      else assert.ok(PARSE_ERRORS.has(r.error), r.error);
    }), { numRuns: 10000 });
  });

  test("parseAmount never invents or drops digits, and never accepts full-width digits or minus signs", () => {
    fc.assert(fc.property(numericText, currencyArb, localeArb, (text, currency, locale) => {
      const r = parseAmount(text, { locale, currency });
      if (!r.ok) return;
      assert.ok(!/[０-９\u2212]/.test(text), show(text));
      assert.ok(!/^\s*[-\u2013]/.test(text), show(text));
      const typed = text.replace(/[^0-9]/g, "").replace(/^0+/, "");
      const value = r.minor === 0n ? "" : r.minor.toString();
      assert.ok(value.startsWith(typed) && /^0{0,2}$/.test(value.slice(typed.length)), `${show(text)} -> ${r.minor}`);
    }), { numRuns: 10000 });
  });

  test("parsePercent(formatPercent(bp)) === bp for 0..10000", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10000n }), localeArb, (bp, locale) => {
      assert.deepEqual(parsePercent(formatPercent(bp, { locale }), { locale }), { ok: true, basisPoints: bp });
    }), RUNS);
  });

  test("parsePercent never throws and stays within 0..10000", () => {
    fc.assert(fc.property(anyText, localeArb, (text, locale) => {
      const r = parsePercent(text, { locale });
      if (r.ok) assert.ok(r.basisPoints >= 0n && r.basisPoints <= 10000n);
      else assert.equal(typeof r.error, "string");
    }), { numRuns: 5000 });
  });

  const vatArb = fc.record({ included: fc.boolean(), rateBp: fc.bigInt({ min: 0n, max: 10000n }) });
  const settleArb = (min) => fc.record({
    total: fc.bigInt({ min, max: MAX_NOK }), paid: fc.bigInt({ min: 0n, max: MAX_NOK }),
    percentBp: fc.bigInt({ min: 0n, max: 10000n }), expenses: fc.bigInt({ min: 0n, max: MAX_NOK }),
    settlement: fc.constantFrom("by_work", "full"), vat: vatArb,
  });

  test("settle invariants", () => {
    fc.assert(fc.property(settleArb(0n), (input) => {
      const r = settle(input);
      assert.equal(r.ok, true);
      assert.ok(r.refund >= 0n && r.balanceDue >= 0n && r.refundVat >= 0n && r.refundNet >= 0n);
      assert.ok(!(r.refund > 0n && r.balanceDue > 0n));
      assert.ok(r.refund <= input.paid);
      assert.ok(r.earnedWork <= input.total);
      assert.equal(r.refundNet + r.refundVat, r.refundGross);
      assert.equal(r.refundGross, input.vat.included ? r.refund : r.refund + r.refundVat);
      if (input.vat.included) assert.ok(r.refundVat <= r.refund);
      if (input.settlement === "by_work") assert.equal(r.earned - input.paid, r.balanceDue - r.refund);
      else assert.ok(r.refund === input.paid && r.balanceDue === 0n);
    }), { numRuns: 5000 });
  });

  /** Reference settlement written independently of the module. */
  function reference({ total, paid, percentBp, expenses, settlement, vat }, earnedWork = refRound(total * percentBp, 10000n)) {
    const earned = earnedWork + expenses;
    const refund = settlement === "full" ? paid : paid > earned ? paid - earned : 0n;
    const balanceDue = settlement === "full" || paid >= earned ? 0n : earned - paid;
    const refundVat = vat.included ? refRound(refund * vat.rateBp, 10000n + vat.rateBp) : refRound(refund * vat.rateBp, 10000n);
    const refundNet = vat.included ? refund - refundVat : refund;
    return { ok: true, earnedWork, earned, refund, balanceDue, refundNet, refundVat, refundGross: refundNet + refundVat };
  }

  test("settle is exact against a BigInt reference where products exceed 2^53", () => {
    fc.assert(fc.property(settleArb(10n ** 13n), (input) => {
      assert.ok(input.total * 10000n > 2n ** 53n);
      assert.deepEqual(settle(input), reference(input));
    }), RUNS);
  });

  const rowsArb = fc.array(fc.record({ price: fc.bigInt({ min: 0n, max: MAX_NOK / 50n }), percentBp: fc.bigInt({ min: 0n, max: 10000n }) }),
    { maxLength: MAX_MILESTONES });

  test("milestone mode: settle uses the exact sum of rounded rows", () => {
    fc.assert(fc.property(rowsArb, settleArb(0n), (rows, input) => {
      const m = milestoneTotals(rows);
      assert.equal(m.ok, true);
      const earnedWork = rows.reduce((sum, r) => sum + refRound(r.price * r.percentBp, 10000n), 0n);
      assert.equal(m.total, rows.reduce((sum, r) => sum + r.price, 0n));
      assert.equal(m.earnedWork, earnedWork);
      assert.ok(m.earnedWork <= m.total && m.percentBp >= 0n && m.percentBp <= 10000n);
      // the effective percentage is within half a basis point of the exact share
      const diff = m.percentBp * m.total - m.earnedWork * 10000n;
      assert.ok(2n * (diff < 0n ? -diff : diff) <= m.total);
      const full = { ...input, total: m.total, earnedWork: m.earnedWork };
      assert.deepEqual(settle(full), reference(full, earnedWork));
    }), RUNS);
  });

  test("earnedWork = round(total × percentBp) gives the same result as percentBp", () => {
    fc.assert(fc.property(settleArb(0n), (input) => {
      const earnedWork = refRound(input.total * input.percentBp, 10000n);
      assert.deepEqual(settle({ ...input, percentBp: undefined, earnedWork }), settle(input));
    }), RUNS);
  });
});
