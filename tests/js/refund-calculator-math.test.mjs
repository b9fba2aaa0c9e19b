// What the calculator widget added to the pure modules: the declared error codes of refund-math.js,
// amounts and percentages without their sign (for input fields), and the summary as data (summaryLines).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  CURRENCIES, ERROR_CODES, LOCALES, MAX_MILESTONES, formatMoney, formatPercent, maxMinor, milestoneTotals,
  parseAmount, parsePercent, parseUnits, settle,
} from "../../overrides/assets/javascripts/calculator/refund-math.js";
import { settleState, summaryLines, summaryText, SUMMARY_KEYS } from "../../overrides/assets/javascripts/calculator/refund-state.js";

const NBSP = "\u00A0";
const SOURCE = readFileSync(new URL("../../overrides/assets/javascripts/calculator/refund-math.js", import.meta.url), "utf8");

describe("ERROR_CODES", () => {
  test("is frozen and has no duplicates", () => {
    assert.ok(Object.isFrozen(ERROR_CODES));
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
  });

  test("every code literal handed to fail() or rangeError() in the source is declared", () => {
    const literals = new Set();
    // fail(code, extra): the first argument (a literal, or a choice of literals); rangeError(v, max, code).
    const calls = [...SOURCE.matchAll(/\bfail\(([^,()]*)/g), ...SOURCE.matchAll(/\brangeError\(([^()]*)\)/g)];
    for (const match of calls) {
      for (const literal of match[1].matchAll(/"([a-z0-9_]+)"/g)) literals.add(literal[1]);
    }
    for (const match of SOURCE.matchAll(/return "([a-z0-9_]+)"/g)) literals.add(match[1]);
    assert.ok(literals.size >= 10, [...literals].join(", "));
    const undeclared = [...literals].filter((code) => !ERROR_CODES.includes(code));
    assert.deepEqual(undeclared, []);
  });

  // One input per code: no declared code is dead, so no message is written for nothing.
  const nb = { locale: "nb-NO", currency: "NOK" };
  const base = { total: 100n, paid: 0n, percentBp: 0n };
  const producers = {
    required: () => parseAmount("", nb),
    invalid_character: () => parseAmount("abc", nb),
    not_a_number: () => parseAmount("12,", nb),
    bad_grouping: () => parseAmount("1 23", nb),
    two_decimal_separators: () => parseAmount("1,5,0", nb),
    ambiguous_separator: () => parseAmount("12.500", nb),
    wrong_currency: () => parseAmount("€5", nb),
    negative: () => parseAmount("-5", nb),
    too_many_decimals: () => parseAmount("1,555", nb),
    too_large: () => parseAmount("1 000 000 000 000,01", nb),
    over_100: () => parsePercent("101", nb),
    work_over_total: () => settle({ ...base, earnedWork: 101n }),
    too_many_milestones: () => milestoneTotals(Array(MAX_MILESTONES + 1).fill({ price: 0n, percentBp: 0n })),
    units_over_total: () => settle({ total: 100n, paid: 0n, units: { done: 2n, total: 1n } }),
    zero_units: () => settle({ total: 100n, paid: 0n, units: { done: 0n, total: 0n } }),
    unsupported_locale: () => parsePercent("5", { locale: "xx" }),
    unknown_currency: () => parseAmount("5", { locale: "nb-NO", currency: "XYZ" }),
    unknown_settlement: () => settle({ ...base, settlement: "half" }),
    invalid_input: () => settle(null),
  };
  test("the producers cover exactly the declared codes", () => {
    assert.deepEqual(Object.keys(producers).sort(), [...ERROR_CODES].sort());
  });
  for (const [code, produce] of Object.entries(producers)) {
    test(`${code} can be returned`, () => assert.equal(produce().error, code));
  }
});

describe("formatting for input fields (symbol: false)", () => {
  const cases = [
    ["nb-NO", "NOK", 1250050n, `12${NBSP}500,50`], ["en-GB", "GBP", 1250050n, "12,500.50"],
    ["en-GB", "NOK", 5n, "0.05"], ["nb-NO", "EUR", 0n, "0,00"], ["nb-NO", "NOK", -100n, "\u22121,00"],
  ];
  for (const [locale, currency, minor, text] of cases) {
    test(`${locale} ${currency} ${minor}`, () => assert.equal(formatMoney(minor, { locale, currency, symbol: false }), text));
  }
  test("percent without the sign", () => {
    assert.equal(formatPercent(6250n, { locale: "nb-NO", symbol: false }), "62,5");
    assert.equal(formatPercent(2000n, { locale: "en-GB", symbol: false }), "20");
    assert.equal(formatPercent(1n, { locale: "en-GB", symbol: false }), "0.01");
  });
  test("the default still shows the sign", () => {
    assert.equal(formatMoney(100n, { locale: "en-GB", currency: "GBP" }), "£1.00");
    assert.equal(formatPercent(100n, { locale: "en-GB" }), "1%");
  });
  test("units are read in hundredths", () => assert.deepEqual(parseUnits("37,5", { locale: "nb-NO" }), { ok: true, hundredths: 3750n }));
  test("parse reads back every amount and percentage written without the sign", () => {
    const currency = fc.constantFrom(...Object.keys(CURRENCIES));
    const locale = fc.constantFrom(...Object.keys(LOCALES));
    fc.assert(fc.property(currency.chain((c) => fc.tuple(fc.constant(c), fc.bigInt({ min: 0n, max: maxMinor(c) }))), locale,
      ([c, minor], loc) => {
        assert.deepEqual(parseAmount(formatMoney(minor, { locale: loc, currency: c, symbol: false }), { locale: loc, currency: c }), { ok: true, minor });
      }), { numRuns: 2000 });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10000n }), locale, (bp, loc) => {
      assert.deepEqual(parsePercent(formatPercent(bp, { locale: loc, symbol: false }), { locale: loc }), { ok: true, basisPoints: bp });
    }), { numRuns: 2000 });
  });
});

describe("summaryLines", () => {
  const strings = Object.fromEntries(SUMMARY_KEYS.map((key) => [key,
    { milestone: "M{n}", vatRate: "rate {rate}", excl: "{amount} ex", incl: "{amount} in", units: "{done}/{total} ({percent})", refundVat: "REFUNDVAT {rate}" }[key]
      ?? key.toUpperCase()]));
  const state = {
    currency: "NOK", settlement: "by_work", total: 4000000n, paid: 2500000n, percentBp: 3000n, expenses: 0n,
    vat: { rateBp: 2500n, bases: { total: "excl", paid: "incl", expenses: "excl" } }, milestones: null, units: null,
  };
  test("title, notes and rows: the amounts on their bases, then the credit note's lines and what is paid back", () => {
    const lines = summaryLines(state, settleState(state), strings, { locale: "en-GB" });
    assert.equal(lines.title, "TITLE");
    assert.deepEqual(lines.notes, ["SETTLEMENTBYWORK", "rate 25%"]);
    assert.deepEqual(lines.rows, [
      ["TOTAL", "NOK\u00A040,000.00 ex"], ["PERCENT", "30%"], ["EXPENSES", "NOK\u00A00.00 ex"], ["PAID", "NOK\u00A025,000.00 in"],
      ["EARNED", "NOK\u00A012,000.00 ex"], ["REFUNDNET", "NOK\u00A08,000.00 ex"], ["REFUNDVAT 25%", "NOK\u00A02,000.00"],
      ["REFUND", "NOK\u00A010,000.00 in"],
    ]);
  });
  test("a balance owed gives the final invoice's lines; no VAT, no basis words", () => {
    const owed = { ...state, paid: 1000000n };
    assert.deepEqual(summaryLines(owed, settleState(owed), strings, { locale: "en-GB" }).rows.slice(-3).map(([l]) => l),
      ["BALANCEDUENET", "BALANCEDUEVAT", "BALANCEDUE"]);
    const noVat = { ...owed, vat: { ...owed.vat, rateBp: 0n } };
    const lines = summaryLines(noVat, settleState(noVat), strings, { locale: "en-GB" });
    assert.deepEqual(lines.notes[1], "NOVAT");
    assert.deepEqual(lines.rows.slice(-1), [["BALANCEDUE", "NOK\u00A02,000.00"]]);
  });
  test("units show as done of total", () => {
    const units = { ...state, units: { done: 3700n, total: 12000n }, percentBp: 3083n };
    assert.deepEqual(summaryLines(units, settleState(units), strings, { locale: "nb-NO" }).rows[1], ["PERCENT", "37/120 (30,83\u00A0%)"]);
  });
  test("summaryText is the lines joined", () => {
    const result = settleState(state);
    const lines = summaryLines(state, result, strings, { locale: "en-GB" });
    assert.equal(summaryText(state, result, strings, { locale: "en-GB" }),
      [lines.title, ...lines.notes, ...lines.rows.map(([l, v]) => `${l}: ${v}`)].join("\n"));
  });
  test("throws like summaryText on missing strings", () => {
    assert.throws(() => summaryLines(state, settleState(state), {}, { locale: "en-GB" }), TypeError);
  });
});
