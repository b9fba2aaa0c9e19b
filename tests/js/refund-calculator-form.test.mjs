// Tests for overrides/assets/javascripts/calculator/refund-form.js: form values <-> calculator state, error messages,
// and the words and figures of the result, with the real strings tables of both languages.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { CURRENCIES, MAX_MILESTONES, maxMinor, milestoneTotals, settle } from "../../overrides/assets/javascripts/calculator/refund-math.js";
import { decodeState, encodeState, settleState, summaryText, unitsPercentBp } from "../../overrides/assets/javascripts/calculator/refund-state.js";
import {
  DEFAULT_BASES, FIELDS, NEW_MILESTONE_ROWS, calculatorSettings, inputAmount, copySummary, defaultValues, errorMessage, fieldHint,
  initialValues, milestoneTotalsText, printSummary, proposedRate, readForm, resultView, showChar, summaryStrings, valuesFromState,
} from "../../overrides/assets/javascripts/calculator/refund-form.js";

const NBSP = "\u00A0";
const table = (code) => JSON.parse(readFileSync(new URL(`../../scripts/playbook/strings/${code}.json`, import.meta.url), "utf8"));
// Both editions default to Norwegian kroner and 25 % VAT (languages.py): the English one serves freelancers in Norway.
const NB = calculatorSettings({ locale: "nb-NO", currency: "NOK", vat_rate_bp: 2500, strings: table("nb") });
const EN = calculatorSettings({ locale: "en-GB", currency: "NOK", vat_rate_bp: 2500, strings: table("en") });
const GBP = calculatorSettings({ locale: "en-GB", currency: "GBP", vat_rate_bp: 2000, strings: table("en") });
/** Normalise no-break spaces so expectations read naturally. */
const plain = (s) => s.replaceAll(NBSP, " ");

/** The example as a reader has the numbers: 40 000 ex. VAT in the contract, 25 000 on the bank statement. */
const example = (settings, overrides = {}) => ({
  ...defaultValues(settings), contract_total: "40000", percent_complete: "30", amount_paid: "25000", ...overrides,
});

describe("calculatorSettings", () => {
  test("reads locale, currency and VAT from the page config", () => {
    assert.equal(NB.locale, "nb-NO");
    assert.equal(NB.currency, "NOK");
    assert.equal(NB.vatRateBp, 2500n);
    assert.equal(GBP.currency, "GBP");
    assert.ok(Object.isFrozen(NB));
  });
  const strings = table("en");
  const cases = [
    ["an unsupported locale", { locale: "de-DE", currency: "EUR", vat_rate_bp: 1900, strings }, /unsupported locale/],
    ["an unknown currency", { locale: "en-GB", currency: "XYZ", vat_rate_bp: 2000, strings }, /unknown currency/],
    ["a VAT rate over 100 %", { locale: "en-GB", currency: "GBP", vat_rate_bp: 10001, strings }, /VAT rate/],
    ["a fractional VAT rate", { locale: "en-GB", currency: "GBP", vat_rate_bp: 20.5, strings }, /VAT rate/],
    ["no strings", { locale: "en-GB", currency: "GBP", vat_rate_bp: 2000, strings: {} }, /missing strings/],
    ["no config", undefined, /unsupported locale/],
  ];
  for (const [name, config, message] of cases) test(`throws on ${name}`, () => assert.throws(() => calculatorSettings(config), message));
});

describe("defaultValues", () => {
  test("the language's currency and VAT rate, the bases people's papers have, nothing typed, costs 0", () => {
    assert.deepEqual(defaultValues(NB), {
      share_mode: "percent", vat_rate: "25", contract_total: "", percent_complete: "", units_done: "", units_total: "",
      amount_paid: "", expenses: "0", contract_total_basis: "excl", amount_paid_basis: "incl", expenses_basis: "excl",
      currency: "NOK", settlement: "by_work",
      milestones: Array.from({ length: NEW_MILESTONE_ROWS }, () => ({ name: "", price: "", percent: "" })),
    });
    assert.deepEqual(DEFAULT_BASES, { contract_total_basis: "excl", amount_paid_basis: "incl", expenses_basis: "excl" });
    assert.equal(defaultValues(EN).currency, "NOK");
    assert.equal(defaultValues(EN).vat_rate, "25");
  });
  test("is incomplete, not invalid: only the required fields are missing", () => {
    const outcome = readForm(defaultValues(NB), NB);
    assert.equal(outcome.status, "incomplete");
    assert.deepEqual(outcome.errors, { amount_paid: "required", contract_total: "required", percent_complete: "required" });
    assert.equal(outcome.state, null);
    assert.equal(outcome.result, null);
  });
  test("a currency proposes its standard VAT rate; none where there is no single one", () => {
    assert.deepEqual(["NOK", "SEK", "DKK", "GBP", "EUR", "USD"].map((c) => proposedRate(EN, c)), ["25", "25", "25", "20", null, null]);
  });
});

describe("readForm", () => {
  test("the issue's example: 40 000 ex. VAT, 25 000 paid incl. VAT, 30 % -> 8 000 + 2 000 VAT = 10 000 back", () => {
    for (const settings of [NB, EN]) {
      const outcome = readForm(example(settings), settings);
      assert.equal(outcome.status, "ready");
      assert.deepEqual(outcome.errors, {});
      assert.deepEqual(outcome.state, {
        currency: "NOK", settlement: "by_work", total: 4000000n, paid: 2500000n, percentBp: 3000n, expenses: 0n,
        vat: { rateBp: 2500n, bases: { total: "excl", paid: "incl", expenses: "excl" } }, milestones: null, units: null,
      });
      const r = outcome.result;
      assert.deepEqual([r.earned, r.refund, r.refundNet, r.refundVat, r.balanceDue], [1200000n, 1000000n, 800000n, 200000n, 0n]);
    }
  });

  test("the bases are the reader's: all incl. VAT as before, or all ex. VAT", () => {
    const incl = readForm(example(NB, { contract_total: "50 000", contract_total_basis: "incl" }), NB).result;
    assert.deepEqual([incl.earned, incl.refund], [1200000n, 1000000n]);
    const excl = readForm(example(NB, { amount_paid: "20 000", amount_paid_basis: "excl" }), NB).result;
    assert.deepEqual([excl.refund, excl.refundNet, excl.refundVat], [1000000n, 800000n, 200000n]);
    const bad = readForm(example(NB, { amount_paid_basis: "gross" }), NB);
    assert.deepEqual([bad.status, bad.errors.amount_paid_basis], ["invalid", "invalid_input"]);
  });

  test("VAT 0: the bases change nothing", () => {
    const a = readForm(example(NB, { vat_rate: "0" }), NB).result;
    const b = readForm(example(NB, { vat_rate: "0", contract_total_basis: "incl", amount_paid_basis: "excl", expenses_basis: "incl" }), NB).result;
    assert.deepEqual(a, b);
    assert.equal(a.refund, 1300000n);
  });

  test("units: 37 of 120 hours, the exact fraction rounded once", () => {
    const outcome = readForm(example(EN, { share_mode: "units", units_done: "37", units_total: "120", percent_complete: "" }), EN);
    assert.equal(outcome.status, "ready");
    assert.deepEqual(outcome.state.units, { done: 3700n, total: 12000n });
    assert.equal(outcome.state.percentBp, unitsPercentBp(outcome.state.units));
    assert.equal(outcome.result.earnedWork, 1233333n);
    const half = readForm(example(NB, { share_mode: "units", units_done: "9,5", units_total: "20" }), NB);
    assert.deepEqual(half.state.units, { done: 950n, total: 2000n });
  });

  test("units errors: more done than in all, nothing in all, and the percentage does not count", () => {
    const over = readForm(example(EN, { share_mode: "units", units_done: "121", units_total: "120", percent_complete: "abc" }), EN);
    assert.deepEqual(over.errors, { units_done: "units_over_total" });
    assert.deepEqual(readForm(example(EN, { share_mode: "units", units_done: "0", units_total: "0" }), EN).errors, { units_total: "zero_units" });
    assert.deepEqual(readForm(example(EN, { share_mode: "units" }), EN).errors, { units_done: "required", units_total: "required" });
  });

  test("pasted, formatted amounts in each locale", () => {
    assert.equal(readForm(example(NB, { contract_total: "12 500,50 kr" }), NB).state.total, 1250050n);
    assert.equal(readForm(example(NB, { contract_total: `kr${NBSP}12.500,-` }), NB).state.total, 1250000n);
    assert.equal(readForm(example(NB, { contract_total: "\u202A40\u2009000\u202C" }), NB).state.total, 4000000n);
    assert.equal(readForm(example(GBP, { contract_total: "£1,250.50" }), GBP).state.total, 125050n);
    assert.equal(readForm(example(EN, { percent_complete: "62.5%" }), EN).state.percentBp, 6250n);
    // a decimal comma on the English page, where it cannot be anything else
    assert.equal(readForm(example(EN, { percent_complete: "62,5" }), EN).state.percentBp, 6250n);
    assert.equal(readForm(example(EN, { contract_total: "40000,50" }), EN).state.total, 4000050n);
  });

  test("empty costs count as 0; an empty VAT rate is required", () => {
    assert.equal(readForm(example(NB, { expenses: "  " }), NB).state.expenses, 0n);
    const outcome = readForm(example(NB, { vat_rate: "" }), NB);
    assert.equal(outcome.status, "incomplete");
    assert.deepEqual(outcome.errors, { vat_rate: "required" });
  });

  const invalid = [
    [NB, { contract_total: "abc" }, "contract_total", "invalid_character", { char: "a" }],
    [NB, { contract_total: "<script>alert(1)</script>" }, "contract_total", "invalid_character", { char: "<" }],
    [NB, { amount_paid: "1,5,0" }, "amount_paid", "two_decimal_separators"],
    [NB, { amount_paid: "12.500" }, "amount_paid", "ambiguous_separator", { int: "12", frac: "500" }],
    [EN, { amount_paid: "2,500" }, "amount_paid", "ambiguous_separator", { int: "2", frac: "500" }],
    [NB, { amount_paid: "12  500" }, "amount_paid", "bad_grouping"],
    [NB, { amount_paid: "-5" }, "amount_paid", "negative"],
    [NB, { percent_complete: "101" }, "percent_complete", "over_100"],
    [NB, { percent_complete: "62,555" }, "percent_complete", "too_many_decimals"],
    [NB, { expenses: "1,555" }, "expenses", "too_many_decimals"],
    [NB, { contract_total: "1 000 000 000 000,01" }, "contract_total", "too_large"],
    [NB, { contract_total: "£5" }, "contract_total", "wrong_currency"],
    [NB, { vat_rate: "-1" }, "vat_rate", "negative"],
    [EN, { contract_total: "9".repeat(40) }, "contract_total", "too_large"],
    [EN, { currency: "XYZ" }, "currency", "unknown_currency"],
    [EN, { settlement: "half" }, "settlement", "unknown_settlement"],
  ];
  for (const [settings, overrides, field, code, detail] of invalid) {
    test(`${settings.locale} ${JSON.stringify(overrides)} -> ${field}: ${code}`, () => {
      const outcome = readForm(example(settings, overrides), settings);
      assert.equal(outcome.status, "invalid");
      assert.equal(outcome.errors[field], code);
      if (detail) assert.deepEqual(outcome.details[field], detail);
      assert.equal(outcome.state, null);
      assert.equal(outcome.result, null);
    });
  }

  test("a change of currency changes what a sign means", () => {
    assert.equal(readForm(example(NB, { amount_paid: "£300" }), NB).errors.amount_paid, "wrong_currency");
    assert.equal(readForm(example(NB, { amount_paid: "£300", currency: "GBP" }), NB).state.paid, 30000n);
  });

  test("full refund: everything paid, as paid", () => {
    const outcome = readForm(example(NB, { settlement: "full" }), NB);
    assert.deepEqual([outcome.result.refund, outcome.result.refundNet, outcome.result.refundVat], [2500000n, 2000000n, 500000n]);
    assert.equal(outcome.result.balanceDue, 0n);
  });
});

describe("readForm in milestone mode", () => {
  const rows = [
    { name: "Design", price: "25 000", percent: "100" },
    { name: "Code", price: "15 000", percent: "0" },
  ];
  test("the rows give the total and the work done; names stay out of the state", () => {
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: rows, contract_total: "", percent_complete: "" }), NB);
    assert.equal(outcome.status, "ready");
    assert.deepEqual(outcome.milestoneSums, { ok: true, total: 4000000n, earnedWork: 2500000n, percentBp: 6250n });
    assert.deepEqual(outcome.state.milestones, [{ price: 2500000n, percentBp: 10000n }, { price: 1500000n, percentBp: 0n }]);
    assert.equal(outcome.state.total, 4000000n);
    assert.equal(outcome.result.earnedWork, 2500000n);
    assert.doesNotMatch(encodeState(outcome.state), /Design|Code/);
    assert.equal(plain(milestoneTotalsText(NB, outcome.milestoneSums, "NOK")),
      "Til sammen: 40 000,00 kr, hvorav utført arbeid 25 000,00 kr (62,5 %).");
  });

  test("the prices are on the contract total's basis", () => {
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: rows, contract_total_basis: "incl" }), NB);
    assert.equal(outcome.result.earnedWork, 2000000n);
  });

  test("errors belong to their row and field, with what the parser found", () => {
    const bad = [rows[0], { name: "", price: "abc", percent: "" }, { name: "", price: "5", percent: "200" }];
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: bad }), NB);
    assert.equal(outcome.status, "invalid");
    assert.deepEqual(outcome.milestoneErrors, [
      {}, { milestone_price: "invalid_character", milestone_percent: "required" }, { milestone_percent: "over_100" },
    ]);
    assert.deepEqual(outcome.milestoneDetails[1], { milestone_price: { char: "a" } });
    assert.equal(outcome.milestoneSums, null);
  });

  test("the fields of the other modes do not count in milestone mode", () => {
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: rows, contract_total: "abc", units_done: "x" }), NB);
    assert.equal(outcome.status, "ready");
  });

  test("a sum over the limit is the list's error", () => {
    const max = "1 000 000 000 000";
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: [{ name: "", price: max, percent: "0" }, { name: "", price: "1", percent: "0" }] }), NB);
    assert.equal(outcome.status, "invalid");
    assert.equal(outcome.groupError, "too_large");
  });

  test("no rows, or too many", () => {
    assert.equal(readForm(example(NB, { share_mode: "milestones", milestones: [] }), NB).groupError, "required");
    const many = Array(MAX_MILESTONES + 1).fill({ name: "", price: "1", percent: "0" });
    assert.equal(readForm(example(NB, { share_mode: "milestones", milestones: many }), NB).groupError, "too_many_milestones");
  });
});

// Valid states of every shape (as in refund-state.test.mjs).
const bpArb = fc.bigInt({ min: 0n, max: 10000n });
const basisArb = fc.constantFrom("excl", "incl");
const plainRecord = { noNullPrototype: true };
const stateArb = fc.constantFrom(...Object.keys(CURRENCIES)).chain((currency) => {
  const max = maxMinor(currency);
  const amount = fc.bigInt({ min: 0n, max });
  const simple = fc.record({ total: amount, percentBp: bpArb }).map((s) => ({ ...s, milestones: null, units: null }));
  const unitsArb = fc.bigInt({ min: 1n, max: 10n ** 8n }).chain((all) => fc.record({ done: fc.bigInt({ min: 0n, max: all }), total: fc.constant(all) }, plainRecord));
  const withUnits = fc.record({ total: amount, units: unitsArb }).map((s) => ({ ...s, percentBp: unitsPercentBp(s.units), milestones: null }));
  const rows = fc.array(fc.record({ price: fc.bigInt({ min: 0n, max: max / BigInt(MAX_MILESTONES) }), percentBp: bpArb }, plainRecord),
    { minLength: 1, maxLength: 8 });
  const withMilestones = rows.map((milestones) => {
    const m = milestoneTotals(milestones, { currency });
    return { total: m.total, percentBp: m.percentBp, milestones, units: null };
  });
  return fc.record({
    currency: fc.constant(currency), settlement: fc.constantFrom("by_work", "full"), paid: amount, expenses: amount,
    vat: fc.record({ rateBp: bpArb, bases: fc.record({ total: basisArb, paid: basisArb, expenses: basisArb }, plainRecord) }, plainRecord),
    shape: fc.oneof(simple, withUnits, withMilestones),
  }, plainRecord).map(({ shape, ...rest }) => ({ ...rest, ...shape }));
});

describe("valuesFromState", () => {
  test("the form shows a state so that reading it gives the same state back, in both languages", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom(NB, EN), (state, settings) => {
      const outcome = readForm(valuesFromState(state, settings), settings);
      assert.equal(outcome.status, "ready", JSON.stringify(outcome.errors));
      assert.deepEqual(outcome.state, state);
      assert.deepEqual(outcome.result, settleState(state));
    }), { numRuns: 1500 });
  });

  test("amounts are written as typed: no sign, no zero decimals, in the page's locale, never ambiguous", () => {
    const state = readForm(example(NB, { expenses: "1 250,5" }), NB).state;
    const values = valuesFromState(state, NB);
    assert.equal(plain(values.contract_total), "40 000");
    assert.equal(plain(values.expenses), "1 250,50");
    assert.equal(values.percent_complete, "30");
    assert.deepEqual([values.contract_total_basis, values.amount_paid_basis], ["excl", "incl"]);
    // "40,000" would ask the reader "thousands or decimals?": written without the comma
    assert.equal(valuesFromState(state, EN).contract_total, "40000");
    assert.equal(valuesFromState(state, EN).expenses, "1,250.50");
  });

  test("inputAmount keeps decimals that are not all zero", () => {
    assert.equal(inputAmount(0n, { locale: "nb-NO", currency: "NOK" }), "0");
    assert.equal(inputAmount(5n, { locale: "en-GB", currency: "GBP" }), "0.05");
    assert.equal(inputAmount(10n, { locale: "en-GB", currency: "GBP" }), "0.10");
    assert.equal(inputAmount(100000000n, { locale: "en-GB", currency: "EUR" }), "1,000,000");
    assert.equal(inputAmount(250000n, { locale: "en-GB", currency: "EUR" }), "2500");
  });

  test("milestone names are kept by position when the page or this browser still has them", () => {
    const state = readForm(example(NB, { share_mode: "milestones", milestones: [{ name: "", price: "1", percent: "50" }, { name: "", price: "2", percent: "0" }] }), NB).state;
    assert.deepEqual(valuesFromState(state, NB, ["Logo"]).milestones.map((m) => m.name), ["Logo", ""]);
  });

  test("units are written back as typed", () => {
    const state = readForm(example(NB, { share_mode: "units", units_done: "37,5", units_total: "120" }), NB).state;
    const values = valuesFromState(state, NB);
    assert.deepEqual([values.share_mode, values.units_done, values.units_total, values.percent_complete], ["units", "37,5", "120", ""]);
  });
});

describe("initialValues", () => {
  const state = readForm(example(NB), NB).state;
  const fragment = encodeState(state);
  test("a valid fragment is restored", () => {
    const start = initialValues(`#${fragment}`, NB);
    assert.equal(start.restored, "link");
    assert.deepEqual(readForm(start.values, NB).state, decodeState(fragment));
  });
  test("a link of version 1 still opens, with its one VAT flag as the basis of every amount", () => {
    const start = initialValues("#calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500", EN);
    assert.equal(start.restored, "link");
    assert.deepEqual([start.values.contract_total_basis, start.values.amount_paid_basis, start.values.expenses_basis], ["incl", "incl", "incl"]);
    assert.equal(readForm(start.values, EN).result.refund, 600000n);
  });
  test("without a link, the last calculation from this browser, with its names", () => {
    const ms = readForm(example(NB, { share_mode: "milestones", milestones: [{ name: "", price: "1", percent: "50" }] }), NB).state;
    const start = initialValues("", NB, { state: ms, names: ["Logo"] });
    assert.equal(start.restored, "browser");
    assert.equal(start.values.milestones[0].name, "Logo");
    assert.equal(initialValues(`#${fragment}`, NB, { state: ms, names: [] }).restored, "link", "a link wins");
  });
  const hostile = [
    "", "#", "#calculator", "#calc=1&total=<script>", `#calc=1&total=${"9".repeat(10000)}`, "#" + "a".repeat(10000),
    `#${fragment}&name=Ola`, `#${fragment.replace("cur=NOK", "cur=__proto__")}`, "#calc=2", null, undefined,
  ];
  for (const text of hostile) {
    // A calculation link that does not decode is said to be damaged; anything else is no link at all.
    const damaged = typeof text === "string" && text.startsWith("#calc=");
    test(`ignores ${JSON.stringify(String(text).slice(0, 40))}${damaged ? ", a damaged link" : ""}`, () => {
      assert.deepEqual(initialValues(text, NB), { values: defaultValues(NB), restored: null, damaged });
      assert.deepEqual(initialValues(text, NB, { state: null }), { values: defaultValues(NB), restored: null, damaged });
    });
  }
  test("a damaged link falls back on this browser's calculation, and says it is damaged", () => {
    const start = initialValues(`#${fragment.slice(0, -3)}`, NB, { state, names: [] });
    assert.deepEqual([start.restored, start.damaged], ["browser", true]);
    assert.deepEqual(readForm(start.values, NB).state, state);
    assert.equal(initialValues(`#${fragment}`, NB, { state, names: [] }).damaged, false);
    assert.equal(initialValues("", NB, { state, names: [] }).damaged, false);
  });
});

describe("errorMessage", () => {
  test("fills what the reader needs to know", () => {
    assert.equal(errorMessage(NB, "too_many_decimals", { field: FIELDS.total }), "Bruk høyst 2 desimaler.");
    assert.equal(errorMessage(EN, "too_many_decimals", { field: FIELDS.percent }), "Use at most 2 decimals.");
    assert.equal(plain(errorMessage(NB, "too_large", { field: FIELDS.total })),
      "Det er mer enn kalkulatoren kan regne med: høyst 1 000 000 000 000,00 kr.");
    assert.equal(errorMessage(EN, "too_large", { currency: "EUR" }), "That is more than the calculator handles: at most €1,000,000,000,000.00.");
    assert.equal(errorMessage(EN, "too_many_milestones"), `The calculator takes at most ${MAX_MILESTONES} milestones.`);
  });
  test("names the character that does not belong, visible or not", () => {
    assert.match(errorMessage(NB, "invalid_character", { field: FIELDS.paid, detail: { char: "O" } }), /^«O» kan ikke stå i et tall/);
    assert.match(errorMessage(EN, "invalid_character", { field: FIELDS.paid, detail: { char: "\u0007" } }), /^“U\+0007” cannot be part of a number/);
    assert.equal(showChar("\u0085"), "U+0085");
  });
  test("an ambiguous mark gets both readings, built from the reader's digits and unlike what was typed", () => {
    const en = errorMessage(EN, "ambiguous_separator", { field: FIELDS.paid, detail: { int: "2", frac: "500" } });
    assert.equal(en, "A comma before three digits could mark thousands or decimals. Write 2500 for thousands, or 2.5 for decimals.");
    assert.doesNotMatch(en, /2,500/);
    const nb = errorMessage(NB, "ambiguous_separator", { field: FIELDS.paid, detail: { int: "12", frac: "500" } });
    assert.equal(nb, "Et punktum foran tre sifre kan skille tusener eller desimaler. Skriv 12500 for tusener eller 12,5 for desimaler.");
    assert.doesNotMatch(nb, /12\.500/);
  });
  test("no message shows an example a reader could take for what they typed", () => {
    for (const settings of [NB, EN]) {
      for (const key of Object.keys(settings.strings).filter((k) => k.startsWith("calculator.error."))) {
        assert.doesNotMatch(settings.strings[key], /\{example\}/, key);
      }
    }
  });
  test("the hints show an example in the chosen currency", () => {
    assert.equal(plain(fieldHint(NB, FIELDS.total)), "Den avtalte prisen for hele oppdraget, slik den står i kontrakten, for eksempel 40 000,00 kr.");
    assert.equal(fieldHint(EN, FIELDS.total, "EUR"), "The agreed price for the whole job, as it stands in the contract, for example €40,000.00.");
  });
});

describe("resultView", () => {
  const view = (settings, overrides) => {
    const outcome = readForm(example(settings, overrides), settings);
    assert.equal(outcome.status, "ready", JSON.stringify(outcome.errors));
    return resultView(settings, outcome.state, outcome.result);
  };
  const row = (v, key) => [...v.rows, ...v.creditNote, ...v.finalInvoice].find((r) => r.key === key);

  test("a refund: pay back and a credit note, one amount in the sentence and the rows, every row with its basis", () => {
    const v = view(NB, {});
    assert.deepEqual(v.sentences.map(plain), [
      "Betal 10 000,00 kr inkl. mva. tilbake til kunden, og send en kreditnota som viser til den opprinnelige fakturaen: 8 000,00 kr pluss 2 000,00 kr i mva. (25 %), til sammen 10 000,00 kr.",
    ]);
    assert.deepEqual(v.rows.map((r) => [r.key, r.minor]), [
      ["earned_work", 1200000n], ["expenses", 0n], ["earned", 1200000n], ["paid", 2000000n], ["refund", 1000000n], ["balance_due", 0n],
    ]);
    assert.deepEqual(v.rows.map((r) => plain(r.label)), [
      "Utført arbeid (30 % av 40 000,00 kr ekskl. mva.), ekskl. mva.", "Kostnader du allerede har hatt, ekskl. mva.",
      "Opptjent, ekskl. mva.", "Innbetalt, ekskl. mva.", "Betales tilbake, inkl. mva.", "Gjenstår å fakturere, inkl. mva.",
    ]);
    assert.deepEqual(v.creditNote.map((r) => [r.key, r.minor]), [["refund_net", 800000n], ["refund_vat", 200000n], ["refund_gross", 1000000n]]);
    assert.equal(v.showCreditNote, true);
    assert.equal(v.showFinalInvoice, false);
    assert.deepEqual(v.formula.map(plain), [
      "Utført arbeid = 40 000,00 kr ekskl. mva. × 30 % = 12 000,00 kr ekskl. mva.",
      "Innbetalt ekskl. mva. = 25 000,00 kr − 5 000,00 kr i mva. (25 %) = 20 000,00 kr",
      "Opptjent = 12 000,00 kr ekskl. mva. + 0,00 kr ekskl. mva. = 12 000,00 kr ekskl. mva.",
      "Refusjon = 20 000,00 kr ekskl. mva. − 12 000,00 kr ekskl. mva. = 8 000,00 kr ekskl. mva.",
      "Mva. = 8 000,00 kr × 25 % = 2 000,00 kr; totalt 10 000,00 kr inkl. mva.",
    ]);
  });

  test("English: the same, in English words", () => {
    const v = view(EN, {});
    assert.equal(plain(v.sentences[0]), "Pay back NOK 10,000.00 incl. VAT to the client, and issue a credit note that refers to the original invoice: NOK 8,000.00 plus NOK 2,000.00 VAT (25%), NOK 10,000.00 in total.");
    assert.equal(row(v, "refund").label, "To pay back, incl. VAT");
    assert.equal(row(v, "refund_vat").label, "VAT (25%)");
  });

  test("a balance owed: a final invoice, net + VAT, and a word on unpaid invoices; no credit note", () => {
    const v = view(EN, { amount_paid: "10000" });
    assert.deepEqual(v.sentences.map(plain), [
      "Send a final invoice for NOK 5,000.00 incl. VAT: NOK 4,000.00 plus NOK 1,000.00 VAT (25%). The client has paid less than you have earned.",
      "Does the client have an unpaid invoice from you? Credit it with a credit note (no money is paid back for it), so that the client is not asked to pay twice.",
    ]);
    assert.deepEqual([v.showCreditNote, v.showFinalInvoice], [false, true]);
    assert.deepEqual(v.finalInvoice.map((r) => r.minor), [400000n, 100000n, 500000n]);
    assert.equal(row(v, "balance_due").minor, 500000n);
    assert.equal(row(v, "refund_net").minor, 0n);
  });

  test("no VAT: no basis words anywhere; nothing either way; nothing paid; full refund; costs; units; milestones", () => {
    const none = view(EN, { vat_rate: "0" });
    assert.equal(plain(none.sentences[0]), "Pay back NOK 13,000.00 to the client, and issue a credit note for NOK 13,000.00 that refers to the original invoice.");
    assert.doesNotMatch([...none.sentences, ...none.formula, ...none.rows.map((r) => r.label)].join("\n"), /VAT/);
    assert.match(view(EN, { amount_paid: "15000" }).sentences[0], /^Nothing to pay back and nothing to invoice/);
    const nothing = view(EN, { amount_paid: "0", percent_complete: "0" });
    assert.match(nothing.sentences[0], /^Nothing to pay back: the client has not paid/);
    assert.match(nothing.sentences[1], /unpaid invoice/);
    const full = view(EN, { settlement: "full" });
    assert.equal(row(full, "refund").minor, 2500000n);
    assert.equal(plain(full.formula.find((l) => l.startsWith("Refund"))), "Refund = everything paid = NOK 20,000.00 ex. VAT");
    const costs = view(EN, { expenses: "2500" });
    assert.equal(row(costs, "earned").minor, 1450000n);
    const units = view(EN, { share_mode: "units", units_done: "37", units_total: "120" });
    assert.equal(plain(units.rows[0].label), "Work done (37 of 120 units of NOK 40,000.00 ex. VAT), ex. VAT");
    assert.equal(plain(units.formula[0]), "Work done = NOK 40,000.00 ex. VAT × 37 ÷ 120 = NOK 12,333.33 ex. VAT");
    const ms = view(EN, { share_mode: "milestones", milestones: [{ name: "", price: "25000", percent: "100" }, { name: "", price: "15000", percent: "0" }] });
    assert.equal(ms.rows[0].label, "Work done (the milestones), ex. VAT");
    assert.equal(plain(ms.formula[0]), "Work done = NOK 25,000.00 ex. VAT (the milestones)");
  });

  test("no text holds NaN, undefined, Infinity or a placeholder; net + VAT = gross in every view", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom(NB, EN), (state, settings) => {
      const result = settleState(state);
      const v = resultView(settings, state, result);
      const rows = [...v.rows, ...v.creditNote, ...v.finalInvoice];
      const all = [...v.sentences, ...v.formula, ...rows.flatMap((r) => [r.label, r.value])].join("\n");
      assert.doesNotMatch(all, /NaN|undefined|Infinity|null|[{}<>]/);
      for (const r of rows) assert.ok(r.minor >= 0n);
      assert.equal(v.creditNote[0].minor + v.creditNote[1].minor, v.creditNote[2].minor);
      assert.equal(v.finalInvoice[0].minor + v.finalInvoice[1].minor, v.finalInvoice[2].minor);
      assert.equal(v.creditNote[2].minor, v.rows.find((r) => r.key === "refund").minor);
      if (state.vat.rateBp > 0n) for (const r of [...v.rows, v.creditNote[0], v.creditNote[2]]) assert.match(r.label, settings === NB ? /, (ekskl|inkl)\. mva\.$/ : /, (ex|incl)\. VAT$/);
    }), { numRuns: 500 });
  });
});

describe("summaries", () => {
  test("the copied text is summaryText with the page's words", () => {
    const { state, result } = readForm(example(NB), NB);
    const text = copySummary(NB, state, result);
    assert.equal(text, summaryText(state, result, summaryStrings(NB), { locale: "nb-NO" }));
    assert.equal(text.split("\n")[0], "Refusjonsberegning");
    assert.match(plain(text), /Betales tilbake \(kreditnotaens total\): 10 000,00 kr inkl\. mva\./);
    const lines = printSummary(EN, readForm(example(EN), EN).state, readForm(example(EN), EN).result);
    assert.equal(lines.title, "Refund calculation");
    assert.deepEqual(lines.rows.find(([label]) => label === "Credit note, VAT (25%)"), ["Credit note, VAT (25%)", `NOK${NBSP}2,000.00`]);
  });
  test("settle and the view agree", () => {
    const { state, result } = readForm(example(EN, { expenses: "1000" }), EN);
    assert.deepEqual(result, settle({ currency: "NOK", total: 4000000n, paid: 2500000n, percentBp: 3000n, expenses: 100000n,
      vat: { rateBp: 2500n, bases: { total: "excl", paid: "incl", expenses: "excl" } } }));
    assert.equal(state.expenses, 100000n);
  });
});
