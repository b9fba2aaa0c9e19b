// Tests for overrides/assets/javascripts/calculator/refund-math.js: table tests for the
// documented behaviour, fast-check properties for the invariants.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BASES, CURRENCIES, ERROR_CODES, LOCALES, MAX_MAJOR, MAX_MILESTONES, formatMoney, formatPercent, maxMinor,
  milestoneTotals, normaliseTyped, onBasis, parseAmount, parsePercent, parseUnits, roundHalfUp, settle, splitVat,
} from "../../overrides/assets/javascripts/calculator/refund-math.js";

const NBSP = "\u00A0";
const NNBSP = "\u202F";
const CODES = Object.keys(CURRENCIES);
const LOCALE_IDS = Object.keys(LOCALES);
const RUNS = { numRuns: 3000 };
const MAX_NOK = 100_000_000_000_000n; // 10^12 kroner in øre
const PARSE_ERRORS = new Set([
  "required", "invalid_character", "not_a_number", "bad_grouping", "two_decimal_separators", "ambiguous_separator",
  "wrong_currency", "negative", "too_many_decimals", "too_large",
]);

/** Independent half-up rounding (quotient and remainder, not the module's formula). */
const refRound = (n, d) => (2n * (n % d) >= d ? n / d + 1n : n / d);

const show = (s) => JSON.stringify(s);
/** A parse result without the details an error carries (char, int, frac): what the tables compare. */
const code = (r) => (r.ok ? r : { ok: false, error: r.error });

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
    // a tab or line break from a spreadsheet cell is a space
    ["12\t500", 1250000n], ["12 500\n", 1250000n],
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
    [5, "not_a_number"], ["abc", "invalid_character"], ["<b>5</b>", "invalid_character"], ["1 23", "bad_grouping"],
    ["12  500", "bad_grouping"], ["1 2345", "bad_grouping"], ["12,", "not_a_number"], ["kr", "not_a_number"],
    [",-", "not_a_number"], ["1e5", "invalid_character"], ["１２３", "invalid_character"], ["١٢٣", "invalid_character"],
    ["kr 5 kr", "invalid_character"], ["5 %", "invalid_character"], ["(5)", "invalid_character"], ["12-500", "invalid_character"],
    ["--5", "invalid_character"], ["+-5", "invalid_character"], ["5:-", "invalid_character"],
    ["1 234.567,89", "bad_grouping"], ["kroner 5", "invalid_character"], ["12 500 -", "invalid_character"],
    ["\u200B", "required"], [`${NBSP}\u2009\uFEFF`, "required"],
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
      assert.deepEqual(code(parseAmount(text, { locale: "nb-NO", currency: "NOK" })), { ok: false, error });
    });
  }
  test("the message can name the character and both readings", () => {
    assert.deepEqual(parseAmount("12 5OO", { locale: "nb-NO", currency: "NOK" }), { ok: false, error: "invalid_character", char: "O" });
    assert.deepEqual(parseAmount("12.500", { locale: "nb-NO", currency: "NOK" }), { ok: false, error: "ambiguous_separator", int: "12", frac: "500" });
    assert.deepEqual(parseAmount("\u0007 5", { locale: "nb-NO", currency: "NOK" }), { ok: false, error: "invalid_character", char: "\u0007" });
  });
});

// Every space (Unicode Zs), tab and line break, and every invisible format character (Cf) a bank page, a
// spreadsheet or a phone keyboard puts into a copied number.
const ZS = [" ", "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
  "\u2007", "\u2008", "\u2009", "\u200A", "\u202F", "\u205F", "\u3000"];
const FORMAT = ["\u00AD", "\u061C", "\u180E", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B",
  "\u202C", "\u202D", "\u202E", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2067", "\u2068",
  "\u2069", "\uFEFF"];
const hex = (c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

describe("every space and format character a paste can carry", () => {
  test("the lists are what Unicode says they are", () => {
    for (const c of ZS) assert.match(c, /\p{Zs}/u, hex(c));
    for (const c of FORMAT.filter((c) => c !== "\u180E")) assert.match(c, /\p{Cf}/u, hex(c));
  });
  for (const [locale, grouped, decimal] of [["nb-NO", "12{s}500,50", "0,5"], ["en-GB", "12{s}500.50", "0.5"]]) {
    for (const c of ZS) {
      test(`${locale}: ${hex(c)} groups thousands and is trimmed around the number`, () => {
        const opts = { locale, currency: "NOK" };
        assert.deepEqual(parseAmount(grouped.replace("{s}", c), opts), { ok: true, minor: 1250050n });
        assert.deepEqual(parseAmount(`${c}kr${c}12${c}500${c}`, opts), { ok: true, minor: 1250000n });
        assert.deepEqual(parsePercent(`${c}62${c}%${c}`, { locale }), { ok: true, basisPoints: 6200n });
      });
    }
    for (const c of FORMAT) {
      test(`${locale}: ${hex(c)} is removed wherever it stands`, () => {
        const opts = { locale, currency: "NOK" };
        assert.deepEqual(parseAmount(`${c}12${c} 500${c}`, opts), { ok: true, minor: 1250000n });
        assert.deepEqual(parseAmount(`1${c}2${c}5${c}0${c}0`, opts), { ok: true, minor: 1250000n });
        assert.deepEqual(parseAmount(`${c}${decimal}${c}`, opts), { ok: true, minor: 50n });
        assert.deepEqual(parsePercent(`${c}62${c}`, { locale }), { ok: true, basisPoints: 6200n });
        assert.deepEqual(parseUnits(`${c}37${c}`, { locale }), { ok: true, hundredths: 3700n });
        assert.deepEqual(parseAmount(c, opts), { ok: false, error: "required" });
      });
    }
  }
  test("normaliseTyped leaves nothing invisible", () => {
    const text = [...ZS, ...FORMAT, "\t", "\n"].join("1");
    assert.match(normaliseTyped(text), /^[1 ]+$/);
  });
});

describe("parseAmount en-GB", () => {
  const cases = [
    ["GBP", "£1,250.50", 125050n], ["GBP", "1,250.50", 125050n], ["GBP", "1 250.50", 125050n],
    ["GBP", `1${NBSP}250.50`, 125050n], ["GBP", "GBP 12", 1200n], ["GBP", "12 GBP", 1200n],
    ["GBP", "£ 12", 1200n], ["GBP", "12,500.00", 1250000n], ["GBP", "1,234,567.89", 123456789n],
    ["GBP", "1,234,567", 123456700n], ["GBP", "12500", 1250000n],
    // a decimal comma where it cannot be a thousands separator (a phone keyboard set to a Norwegian region)
    ["NOK", "40000,50", 4000050n], ["NOK", "12,5", 1250n], ["NOK", "1,23", 123n], ["NOK", "12 500,50", 1250050n],
    ["NOK", "NOK 12 500,50", 1250050n], ["NOK", "0,5", 50n], ["NOK", "2,500.50", 250050n],
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
    ["GBP", "1,5,0", "two_decimal_separators"], ["GBP", "12,", "not_a_number"],
    ["GBP", "1,234 567", "bad_grouping"], ["GBP", "12.", "not_a_number"], ["GBP", "-£5", "negative"],
    // a comma before three digits could be either: ask, as the Norwegian page does for "12.500"
    ["GBP", "2,500", "ambiguous_separator"], ["NOK", "12,500", "ambiguous_separator"], ["NOK", "1,000", "ambiguous_separator"],
    ["NOK", "40000,505", "too_many_decimals"],
    ["GBP", "£-5", "negative"], ["GBP", "1.555", "too_many_decimals"], ["GBP", "€5", "wrong_currency"],
    ["GBP", "kr 5", "wrong_currency"], ["EUR", "kr 5", "wrong_currency"], ["USD", "£5", "wrong_currency"],
    ["GBP", "£1,000,000,000,000.01", "too_large"],
  ];
  for (const [currency, text, error] of errors) {
    test(`${currency} ${show(text)} -> ${error}`, () => {
      assert.deepEqual(code(parseAmount(text, { locale: "en-GB", currency })), { ok: false, error });
    });
  }
  test("the two readings of an ambiguous comma", () => {
    assert.deepEqual(parseAmount("2,500", { locale: "en-GB", currency: "NOK" }), { ok: false, error: "ambiguous_separator", int: "2", frac: "500" });
  });
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
    ["en-GB", "62,5", 6250n], ["en-GB", "12,5 %", 1250n], ["en-GB", "0,01", 1n],
  ];
  for (const [locale, text, basisPoints] of ok) {
    test(`${locale} ${show(text)}`, () => assert.deepEqual(parsePercent(text, { locale }), { ok: true, basisPoints }));
  }
  const errors = [
    ["nb-NO", "", "required"], ["nb-NO", " % ", "not_a_number"], ["nb-NO", "abc", "invalid_character"],
    ["nb-NO", "1 000", "bad_grouping"], ["nb-NO", "%5", "invalid_character"], ["nb-NO", "5 %%", "invalid_character"],
    ["nb-NO", "62,5,0", "two_decimal_separators"], ["nb-NO", "62.5.0", "two_decimal_separators"],
    ["nb-NO", "62,5.0", "two_decimal_separators"], ["nb-NO", "-5", "negative"], ["nb-NO", "−5 %", "negative"],
    ["nb-NO", "100,01", "over_100"], ["nb-NO", "101", "over_100"], ["nb-NO", "1000000000000000000000", "over_100"],
    ["nb-NO", "62,555", "too_many_decimals"], ["nb-NO", "12.500", "too_many_decimals"],
    ["en-GB", "62,5,0", "two_decimal_separators"], ["en-GB", "62.5.0", "two_decimal_separators"],
    ["en-GB", "12,500", "too_many_decimals"],
    ["xx", "5", "unsupported_locale"],
  ];
  for (const [locale, text, error] of errors) {
    test(`${locale} ${show(text)} -> ${error}`, () => assert.deepEqual(code(parsePercent(text, { locale })), { ok: false, error }));
  }
});

describe("parseUnits", () => {
  const ok = [
    ["nb-NO", "37", 3700n], ["nb-NO", "37,5", 3750n], ["nb-NO", "37.5", 3750n], ["nb-NO", "1 200", 120000n],
    ["en-GB", "37.5", 3750n], ["en-GB", "37,5", 3750n], ["en-GB", "1,200,000", 120000000n], ["en-GB", "0", 0n],
  ];
  for (const [locale, text, hundredths] of ok) {
    test(`${locale} ${show(text)}`, () => assert.deepEqual(parseUnits(text, { locale }), { ok: true, hundredths }));
  }
  const errors = [
    ["nb-NO", "", "required"], ["nb-NO", "37 timer", "invalid_character"], ["nb-NO", "-1", "negative"],
    ["nb-NO", "1,555", "too_many_decimals"], ["en-GB", "1,200", "ambiguous_separator"],
    ["nb-NO", "1000000001", "too_large"], ["xx", "1", "unsupported_locale"],
  ];
  for (const [locale, text, error] of errors) {
    test(`${locale} ${show(text)} -> ${error}`, () => assert.deepEqual(code(parseUnits(text, { locale })), { ok: false, error }));
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

const vat25 = (total, paid, expenses) => ({ rateBp: 2500n, bases: { total, paid, expenses } });
const INCL25 = vat25("incl", "incl", "incl");
const EXCL25 = vat25("excl", "excl", "excl");
/** The bases: the contract ex. VAT, the bank statement incl. VAT, costs ex. VAT. */
const AS_PAPERS = vat25("excl", "incl", "excl");
const base = { total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 0n };
const none = { refund: 0n, refundNet: 0n, refundVat: 0n, refundGross: 0n };
const noBalance = { balanceDue: 0n, balanceDueNet: 0n, balanceDueVat: 0n };

describe("settle tables", () => {
  const cases = [
    // The worked example: 40 000 ex. VAT, 25 000 paid incl. 25 % VAT (20 000 ex.), 30 % done, no costs.
    ["contract ex. VAT, bank incl. VAT: refund 8 000 + 2 000 VAT = 10 000 paid back",
      { total: 4000000n, paid: 2500000n, percentBp: 3000n, vat: AS_PAPERS },
      { earnedWork: 1200000n, expenses: 0n, earned: 1200000n, paid: 2000000n, paidVat: 500000n,
        refund: 1000000n, refundNet: 800000n, refundVat: 200000n, refundGross: 1000000n, ...noBalance }],
    ["the other direction: contract incl. VAT, payment ex. VAT, the same refund",
      { total: 5000000n, paid: 2000000n, percentBp: 3000n, vat: vat25("incl", "excl", "excl") },
      { earnedWork: 1200000n, earned: 1200000n, paid: 2000000n, paidVat: 500000n, refund: 1000000n, refundNet: 800000n, refundVat: 200000n }],
    ["all incl. VAT: the VAT part of each amount comes off first",
      { ...base, vat: INCL25 },
      { earnedWork: 1920000n, earned: 1920000n, paid: 2400000n, paidVat: 600000n, refund: 600000n, refundNet: 480000n, refundVat: 120000n, refundGross: 600000n, ...noBalance }],
    ["all ex. VAT: the money paid back includes the VAT on the net refund",
      { ...base, vat: EXCL25 },
      { earnedWork: 2400000n, earned: 2400000n, paid: 3000000n, paidVat: 750000n, refund: 750000n, refundNet: 600000n, refundVat: 150000n, refundGross: 750000n, ...noBalance }],
    ["a balance owed is a final invoice: net + VAT",
      { total: 4000000n, paid: 1000000n, percentBp: 3000n, vat: AS_PAPERS },
      { earned: 1200000n, paid: 800000n, ...none, balanceDue: 500000n, balanceDueNet: 400000n, balanceDueVat: 100000n }],
    ["costs incl. VAT lose their VAT part and are owed on top",
      { total: 4000000n, paid: 2500000n, percentBp: 3000n, expenses: 125000n, vat: vat25("excl", "incl", "incl") },
      { earnedWork: 1200000n, expenses: 100000n, earned: 1300000n, refund: 875000n, refundNet: 700000n, refundVat: 175000n }],
    ["full refund: everything paid, exactly as paid, with its VAT",
      { total: 4000000n, paid: 2500000n, percentBp: 3000n, settlement: "full", vat: AS_PAPERS },
      { earned: 1200000n, refund: 2500000n, refundNet: 2000000n, refundVat: 500000n, refundGross: 2500000n, ...noBalance }],
    ["full refund of a payment typed ex. VAT gives the VAT back too",
      { total: 4000000n, paid: 2000000n, percentBp: 3000n, settlement: "full", vat: EXCL25 },
      { refund: 2500000n, refundNet: 2000000n, refundVat: 500000n, ...noBalance }],
    ["milestones: the work on the contract's basis (incl. VAT), then ex. VAT",
      { total: 5000000n, paid: 2500000n, percentBp: 3000n, earnedWork: 1500000n, vat: vat25("incl", "incl", "excl") },
      { earnedWork: 1200000n, earned: 1200000n, refund: 1000000n, refundNet: 800000n, refundVat: 200000n }],
    ["units: 37 of 120 hours is the exact fraction, rounded once",
      { total: 4000000n, paid: 2500000n, units: { done: 3700n, total: 12000n }, vat: AS_PAPERS },
      { earnedWork: 1233333n, earned: 1233333n, paid: 2000000n, refund: 958334n, refundNet: 766667n, refundVat: 191667n }],
    ["VAT 0: the bases change nothing",
      { ...base, vat: { rateBp: 0n, bases: { total: "incl", paid: "excl", expenses: "incl" } } },
      { earnedWork: 2400000n, earned: 2400000n, paid: 3000000n, paidVat: 0n, refund: 600000n, refundNet: 600000n, refundVat: 0n, ...noBalance }],
    ["the older {included} input means that basis for all three",
      { ...base, vat: { included: true, rateBp: 2500n } },
      { earnedWork: 1920000n, refund: 600000n, refundNet: 480000n, refundVat: 120000n }],
    ["no VAT given: none", { ...base, expenses: 250000n },
      { earnedWork: 2400000n, earned: 2650000n, refund: 350000n, refundNet: 350000n, refundVat: 0n, refundGross: 350000n, ...noBalance }],
    ["overpayment beyond total + expenses is refunded", { total: 1000000n, paid: 1500000n, percentBp: 10000n, expenses: 0n },
      { earnedWork: 1000000n, earned: 1000000n, refund: 500000n, ...noBalance }],
    ["full refund with nothing paid", { ...base, paid: 0n, settlement: "full" },
      { earnedWork: 2400000n, earned: 2400000n, ...none, ...noBalance }],
    ["earned work rounds half up (0.5 -> 1)", { total: 1n, paid: 0n, percentBp: 5000n },
      { earnedWork: 1n, earned: 1n, ...none, balanceDue: 1n, balanceDueNet: 1n, balanceDueVat: 0n }],
    ["earned work rounds half up (1.5 -> 2)", { total: 3n, paid: 3n, percentBp: 5000n },
      { earnedWork: 2n, earned: 2n, refund: 1n, refundNet: 1n, refundVat: 0n, ...noBalance }],
    ["VAT inside 1 øre (0.2) rounds down", { total: 1n, paid: 1n, percentBp: 0n, vat: INCL25 },
      { paid: 1n, paidVat: 0n, refund: 1n, refundNet: 1n, refundVat: 0n }],
    ["VAT on 2 øre (0.5) rounds up", { total: 2n, paid: 2n, percentBp: 0n, vat: EXCL25 },
      { refund: 3n, refundNet: 2n, refundVat: 1n }],
    ["100 % VAT: half of an amount incl. VAT is VAT", { total: 1000n, paid: 1000n, percentBp: 0n, vat: { rateBp: 10000n, bases: { total: "incl", paid: "incl", expenses: "incl" } } },
      { paid: 500n, refund: 1000n, refundNet: 500n, refundVat: 500n }],
    ["earnedWork (milestone mode) replaces percentBp", { total: 1000000n, paid: 800000n, percentBp: 9999n, earnedWork: 333334n },
      { earnedWork: 333334n, earned: 333334n, refund: 466666n, refundNet: 466666n }],
    ["maximum amounts are allowed", { total: MAX_NOK, paid: MAX_NOK, percentBp: 0n, expenses: MAX_NOK, vat: EXCL25 },
      { earnedWork: 0n, earned: MAX_NOK, ...none, ...noBalance }],
    // float arithmetic gives 49799121655645 here; BigInt gives the exact 49799121655644
    ["exact where floating point is wrong", { total: 52552893262605n, paid: 0n, percentBp: 9476n },
      { earnedWork: 49799121655644n, earned: 49799121655644n, ...none, balanceDue: 49799121655644n }],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const r = settle(input);
      assert.equal(r.ok, true, JSON.stringify(r, (k, v) => (typeof v === "bigint" ? String(v) : v)));
      for (const [key, value] of Object.entries(expected)) assert.equal(r[key], value, key);
      assert.equal(r.refundNet + r.refundVat, r.refund);
      assert.equal(r.balanceDueNet + r.balanceDueVat, r.balanceDue);
    });
  }
  test("the float case really is wrong in floating point", () => {
    assert.notEqual(Math.round((52552893262605 * 9476) / 10000), 49799121655644);
  });
  test("onBasis splits an amount on its basis", () => {
    assert.deepEqual(onBasis(2500000n, "incl", 2500n), { net: 2000000n, vat: 500000n, gross: 2500000n });
    assert.deepEqual(onBasis(2000000n, "excl", 2500n), { net: 2000000n, vat: 500000n, gross: 2500000n });
    assert.deepEqual(BASES, ["excl", "incl"]);
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
    ["VAT rate over 100 %", { ...base, vat: { ...EXCL25, rateBp: 10001n } }, "over_100", "vat.rateBp"],
    ["negative VAT rate", { ...base, vat: { ...EXCL25, rateBp: -1n } }, "negative", "vat.rateBp"],
    ["VAT included not boolean", { ...base, vat: { included: "yes", rateBp: 0n } }, "invalid_input", "vat.bases"],
    ["an unknown basis", { ...base, vat: { rateBp: 0n, bases: { total: "net", paid: "incl", expenses: "excl" } } }, "invalid_input", "vat.bases"],
    ["a missing basis", { ...base, vat: { rateBp: 0n, bases: { total: "excl", paid: "incl" } } }, "invalid_input", "vat.bases"],
    ["units done over the total", { ...base, percentBp: undefined, units: { done: 2n, total: 1n } }, "units_over_total", "units.done"],
    ["no units in the whole job", { ...base, percentBp: undefined, units: { done: 0n, total: 0n } }, "zero_units", "units.total"],
    ["negative units", { ...base, percentBp: undefined, units: { done: -1n, total: 1n } }, "negative", "units"],
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
    group: fc.constantFrom(" ", NBSP, NNBSP, "\u2009", "\u2007", "", ","), gap: fc.constantFrom("", " ", NBSP),
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
      const r = parseAmount(text, { locale: t.locale, currency: t.currency });
      // "40,000" in en: a comma before three digits, alone, could be thousands or decimals
      if (en && group === "," && number === int && (int.match(/,/g) ?? []).length === 1) assert.equal(r.error, "ambiguous_separator", show(text));
      else assert.deepEqual(r, { ok: true, minor: t.x }, show(text));
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

  const basisArb = fc.constantFrom("excl", "incl");
  const basesArb = fc.record({ total: basisArb, paid: basisArb, expenses: basisArb });
  const rateArb = fc.oneof(fc.constantFrom(0n, 2500n, 1500n, 1200n, 2000n), fc.bigInt({ min: 0n, max: 10000n }));
  const vatArb = fc.record({ rateBp: rateArb, bases: basesArb });
  const settleArb = (min) => fc.record({
    total: fc.bigInt({ min, max: MAX_NOK }), paid: fc.bigInt({ min: 0n, max: MAX_NOK }),
    percentBp: fc.bigInt({ min: 0n, max: 10000n }), expenses: fc.bigInt({ min: 0n, max: MAX_NOK }),
    settlement: fc.constantFrom("by_work", "full"), vat: vatArb,
  });

  test("settle invariants", () => {
    fc.assert(fc.property(settleArb(0n), (input) => {
      const r = settle(input);
      assert.equal(r.ok, true);
      for (const key of ["refund", "refundNet", "refundVat", "balanceDue", "balanceDueNet", "balanceDueVat", "earned", "paid", "paidVat"]) {
        assert.ok(r[key] >= 0n, key);
      }
      assert.ok(!(r.refund > 0n && r.balanceDue > 0n));
      assert.ok(r.paid <= input.paid && r.earnedWork <= input.total && r.expenses <= input.expenses);
      assert.equal(r.refundGross, r.refund);
      if (input.settlement === "by_work") assert.equal(r.earned - r.paid, r.balanceDueNet - r.refundNet);
      else assert.ok(r.refundNet === r.paid && r.refundVat === r.paidVat && r.balanceDue === 0n);
      if (input.settlement === "full" && input.vat.bases.paid === "incl") assert.equal(r.refund, input.paid);
    }), { numRuns: 5000 });
  });

  test("net + VAT = gross for every result", () => {
    fc.assert(fc.property(settleArb(0n), (input) => {
      const r = settle(input);
      assert.equal(r.refundNet + r.refundVat, r.refund);
      assert.equal(r.balanceDueNet + r.balanceDueVat, r.balanceDue);
      // The gross refund, split as an amount incl. VAT at the same rate, gives the credit note's lines back.
      assert.deepEqual(onBasis(r.refund, "incl", input.vat.rateBp), { net: r.refundNet, vat: r.refundVat, gross: r.refund });
      assert.deepEqual(onBasis(r.balanceDue, "incl", input.vat.rateBp), { net: r.balanceDueNet, vat: r.balanceDueVat, gross: r.balanceDue });
      // The VAT on a net refund or balance is the net times the rate, rounded once.
      if (input.settlement === "by_work") {
        assert.equal(r.refundVat, refRound(r.refundNet * input.vat.rateBp, 10000n));
        assert.equal(r.balanceDueVat, refRound(r.balanceDueNet * input.vat.rateBp, 10000n));
      }
    }), { numRuns: 5000 });
  });

  test("with VAT 0, mixing bases never changes a result", () => {
    fc.assert(fc.property(settleArb(0n), basesArb, basesArb, (input, a, b) => {
      const one = settle({ ...input, vat: { rateBp: 0n, bases: a } });
      const other = settle({ ...input, vat: { rateBp: 0n, bases: b } });
      assert.deepEqual(one, other);
      assert.equal(one.refundVat + one.balanceDueVat + one.paidVat, 0n);
    }), RUNS);
  });

  test("the units share is the exact fraction rounded once, half up", () => {
    const unitsArb = fc.bigInt({ min: 1n, max: 10n ** 11n }).chain((all) => fc.tuple(fc.bigInt({ min: 0n, max: all }), fc.constant(all)));
    fc.assert(fc.property(settleArb(0n), unitsArb, (input, [done, all]) => {
      const { percentBp, ...rest } = input;
      const r = settle({ ...rest, units: { done: done, total: all }, vat: { rateBp: 0n, bases: input.vat.bases } });
      assert.equal(r.earnedWork, refRound(input.total * done, all));
    }), RUNS);
    // not the share rounded to a percentage first: 37/120 = 30.8333 %, and 40 000 × 30.83 % would be 12 332
    assert.equal(settle({ total: 4000000n, paid: 0n, units: { done: 3700n, total: 12000n } }).earnedWork, 1233333n);
  });

  /** Reference settlement written independently of the module. */
  function reference({ total, paid, percentBp, expenses, settlement, vat }, work = refRound(total * percentBp, 10000n)) {
    const r = vat.rateBp;
    const net = (a, basis) => (basis === "incl" ? a - refRound(a * r, 10000n + r) : a);
    const vatOn = (n) => refRound(n * r, 10000n);
    const earnedWork = net(work, vat.bases.total);
    const exp = net(expenses, vat.bases.expenses);
    const paidNet = net(paid, vat.bases.paid);
    const paidVat = vat.bases.paid === "incl" ? paid - paidNet : vatOn(paid);
    const earned = earnedWork + exp;
    let [rn, rv, bn, bv] = [0n, 0n, 0n, 0n];
    if (settlement === "full") [rn, rv] = [paidNet, paidVat];
    else if (paidNet > earned) [rn, rv] = [paidNet - earned, vatOn(paidNet - earned)];
    else if (earned > paidNet) [bn, bv] = [earned - paidNet, vatOn(earned - paidNet)];
    return {
      ok: true, earnedWork, expenses: exp, earned, paid: paidNet, paidVat,
      refund: rn + rv, refundNet: rn, refundVat: rv, refundGross: rn + rv,
      balanceDue: bn + bv, balanceDueNet: bn, balanceDueVat: bv,
    };
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
