// Tests for overrides/assets/javascripts/calculator/refund-form.js: form values <-> calculator state, error messages,
// and the words and figures of the result, with the real strings tables of both languages.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { CURRENCIES, MAX_MILESTONES, maxMinor, milestoneTotals, settle } from "../../overrides/assets/javascripts/calculator/refund-math.js";
import { decodeState, encodeState, settleState, summaryText } from "../../overrides/assets/javascripts/calculator/refund-state.js";
import {
  FIELDS, NEW_MILESTONE_ROWS, calculatorSettings, inputAmount, copySummary, defaultValues, errorMessage, fieldHint, initialValues,
  milestoneTotalsText, printSummary, readForm, resultView, summaryStrings, valuesFromState,
} from "../../overrides/assets/javascripts/calculator/refund-form.js";

const NBSP = "\u00A0";
const table = (code) => JSON.parse(readFileSync(new URL(`../../scripts/playbook/strings/${code}.json`, import.meta.url), "utf8"));
const NB = calculatorSettings({ locale: "nb-NO", currency: "NOK", vat_rate_bp: 2500, strings: table("nb") });
const EN = calculatorSettings({ locale: "en-GB", currency: "GBP", vat_rate_bp: 2000, strings: table("en") });
/** Normalise no-break spaces so expectations read naturally. */
const plain = (s) => s.replaceAll(NBSP, " ");

const example = (settings, overrides = {}) => ({
  ...defaultValues(settings), contract_total: "40 000", percent_complete: "60", amount_paid: "30 000", ...overrides,
});

describe("calculatorSettings", () => {
  test("reads locale, currency and VAT from the page config", () => {
    assert.equal(NB.locale, "nb-NO");
    assert.equal(NB.currency, "NOK");
    assert.equal(NB.vatRateBp, 2500n);
    assert.equal(EN.currency, "GBP");
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
  test("the language's currency and VAT rate, nothing typed, costs 0", () => {
    assert.deepEqual(defaultValues(NB), {
      share_mode: "percent", contract_total: "", percent_complete: "", amount_paid: "", expenses: "0",
      currency: "NOK", settlement: "by_work", vat_included: true, vat_rate: "25",
      milestones: Array.from({ length: NEW_MILESTONE_ROWS }, () => ({ name: "", price: "", percent: "" })),
    });
    assert.equal(defaultValues(EN).currency, "GBP");
    assert.equal(defaultValues(EN).vat_rate, "20");
  });
  test("is incomplete, not invalid: only the required fields are missing", () => {
    const outcome = readForm(defaultValues(NB), NB);
    assert.equal(outcome.status, "incomplete");
    assert.deepEqual(outcome.errors, { amount_paid: "required", contract_total: "required", percent_complete: "required" });
    assert.equal(outcome.state, null);
    assert.equal(outcome.result, null);
  });
});

describe("readForm", () => {
  test("the worked example", () => {
    const outcome = readForm(example(NB), NB);
    assert.equal(outcome.status, "ready");
    assert.deepEqual(outcome.errors, {});
    assert.deepEqual(outcome.state, {
      currency: "NOK", settlement: "by_work", total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 0n,
      vat: { included: true, rateBp: 2500n }, milestones: null,
    });
    assert.equal(outcome.result.earned, 2400000n);
    assert.equal(outcome.result.refund, 600000n);
    assert.equal(outcome.result.refundVat, 120000n);
  });

  test("pasted, formatted amounts in each locale", () => {
    assert.equal(readForm(example(NB, { contract_total: "12 500,50 kr" }), NB).state.total, 1250050n);
    assert.equal(readForm(example(NB, { contract_total: `kr${NBSP}12.500,-` }), NB).state.total, 1250000n);
    assert.equal(readForm(example(EN, { contract_total: "£1,250.50" }), EN).state.total, 125050n);
    assert.equal(readForm(example(EN, { percent_complete: "62.5%" }), EN).state.percentBp, 6250n);
  });

  test("empty costs count as 0; an empty VAT rate is required", () => {
    assert.equal(readForm(example(NB, { expenses: "  " }), NB).state.expenses, 0n);
    const outcome = readForm(example(NB, { vat_rate: "" }), NB);
    assert.equal(outcome.status, "incomplete");
    assert.deepEqual(outcome.errors, { vat_rate: "required" });
  });

  const invalid = [
    [NB, { contract_total: "abc" }, "contract_total", "not_a_number"],
    [NB, { contract_total: "<script>alert(1)</script>" }, "contract_total", "not_a_number"],
    [NB, { amount_paid: "1,5,0" }, "amount_paid", "two_decimal_separators"],
    [NB, { amount_paid: "12.500" }, "amount_paid", "ambiguous_separator"],
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
  for (const [settings, overrides, field, code] of invalid) {
    test(`${settings.locale} ${JSON.stringify(overrides)} -> ${field}: ${code}`, () => {
      const outcome = readForm(example(settings, overrides), settings);
      assert.equal(outcome.status, "invalid");
      assert.equal(outcome.errors[field], code);
      assert.equal(outcome.state, null);
      assert.equal(outcome.result, null);
    });
  }

  test("a change of currency changes what a sign means", () => {
    assert.equal(readForm(example(NB, { amount_paid: "£300" }), NB).errors.amount_paid, "wrong_currency");
    assert.equal(readForm(example(NB, { amount_paid: "£300", currency: "GBP" }), NB).state.paid, 30000n);
  });

  test("full refund", () => {
    const outcome = readForm(example(NB, { settlement: "full" }), NB);
    assert.equal(outcome.result.refund, 3000000n);
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

  test("errors belong to their row and field", () => {
    const bad = [rows[0], { name: "", price: "abc", percent: "" }, { name: "", price: "5", percent: "200" }];
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: bad }), NB);
    assert.equal(outcome.status, "invalid");
    assert.deepEqual(outcome.milestoneErrors, [
      {}, { milestone_price: "not_a_number", milestone_percent: "required" }, { milestone_percent: "over_100" },
    ]);
    assert.equal(outcome.milestoneSums, null);
  });

  test("the fields of percent mode do not count in milestone mode", () => {
    const outcome = readForm(example(NB, { share_mode: "milestones", milestones: rows, contract_total: "abc" }), NB);
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
const stateArb = fc.constantFrom(...Object.keys(CURRENCIES)).chain((currency) => {
  const max = maxMinor(currency);
  const amount = fc.bigInt({ min: 0n, max });
  const simple = fc.record({ total: amount, percentBp: bpArb }).map((s) => ({ ...s, milestones: null }));
  const rows = fc.array(fc.record({ price: fc.bigInt({ min: 0n, max: max / BigInt(MAX_MILESTONES) }), percentBp: bpArb }, { noNullPrototype: true }),
    { minLength: 1, maxLength: 8 });
  const withMilestones = rows.map((milestones) => {
    const m = milestoneTotals(milestones, { currency });
    return { total: m.total, percentBp: m.percentBp, milestones };
  });
  return fc.record({
    currency: fc.constant(currency), settlement: fc.constantFrom("by_work", "full"), paid: amount, expenses: amount,
    vat: fc.record({ included: fc.boolean(), rateBp: bpArb }, { noNullPrototype: true }), shape: fc.oneof(simple, withMilestones),
  }, { noNullPrototype: true }).map(({ shape, ...rest }) => ({ ...rest, ...shape }));
});

describe("valuesFromState", () => {
  test("the form shows a state so that reading it gives the same state back, in both languages", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom(NB, EN), (state, settings) => {
      const outcome = readForm(valuesFromState(state, settings), settings);
      assert.equal(outcome.status, "ready");
      assert.deepEqual(outcome.state, state);
      assert.deepEqual(outcome.result, settleState(state));
    }), { numRuns: 1500 });
  });

  test("amounts are written as typed: no sign, no zero decimals, in the page's locale", () => {
    const state = readForm(example(NB, { expenses: "1 250,5" }), NB).state;
    const values = valuesFromState(state, NB);
    assert.equal(plain(values.contract_total), "40 000");
    assert.equal(plain(values.expenses), "1 250,50");
    assert.equal(values.percent_complete, "60");
    assert.equal(valuesFromState(state, EN).contract_total, "40,000");
    assert.equal(valuesFromState(state, EN).expenses, "1,250.50");
  });

  test("inputAmount keeps decimals that are not all zero", () => {
    assert.equal(inputAmount(0n, { locale: "nb-NO", currency: "NOK" }), "0");
    assert.equal(inputAmount(5n, { locale: "en-GB", currency: "GBP" }), "0.05");
    assert.equal(inputAmount(10n, { locale: "en-GB", currency: "GBP" }), "0.10");
    assert.equal(inputAmount(100000000n, { locale: "en-GB", currency: "EUR" }), "1,000,000");
  });

  test("milestone names are kept by position when the page still has them", () => {
    const state = readForm(example(NB, { share_mode: "milestones", milestones: [{ name: "", price: "1", percent: "50" }, { name: "", price: "2", percent: "0" }] }), NB).state;
    assert.deepEqual(valuesFromState(state, NB, ["Logo"]).milestones.map((m) => m.name), ["Logo", ""]);
  });
});

describe("initialValues", () => {
  const fragment = encodeState(readForm(example(NB), NB).state);
  test("a valid fragment is restored", () => {
    const start = initialValues(`#${fragment}`, NB);
    assert.equal(start.restored, true);
    assert.deepEqual(readForm(start.values, NB).state, decodeState(fragment));
  });
  const hostile = [
    "", "#", "#calculator", "#calc=1&total=<script>", `#calc=1&total=${"9".repeat(10000)}`, "#" + "a".repeat(10000),
    `#${fragment}&name=Ola`, `#${fragment.replace("cur=NOK", "cur=__proto__")}`, "#calc=2", null, undefined,
  ];
  for (const text of hostile) {
    test(`ignores ${JSON.stringify(String(text).slice(0, 40))}`, () => {
      assert.deepEqual(initialValues(text, NB), { values: defaultValues(NB), restored: false });
    });
  }
});

describe("errorMessage", () => {
  test("fills what the reader needs to know", () => {
    assert.equal(errorMessage(NB, "too_many_decimals", { field: FIELDS.total }), "Bruk høyst 2 desimaler.");
    assert.equal(errorMessage(EN, "too_many_decimals", { field: FIELDS.percent }), "Use at most 2 decimals.");
    assert.equal(plain(errorMessage(NB, "too_large", { field: FIELDS.total })),
      "Det er mer enn kalkulatoren kan regne med: høyst 1 000 000 000 000,00 kr.");
    assert.equal(errorMessage(EN, "too_large", { currency: "EUR" }), "That is more than the calculator handles: at most €1,000,000,000,000.00.");
    assert.equal(plain(errorMessage(NB, "not_a_number", { field: FIELDS.paid })), "Skriv et tall, for eksempel 12 500,50.");
    assert.equal(errorMessage(NB, "not_a_number", { field: FIELDS.percent }), "Skriv et tall, for eksempel 62,5.");
    assert.equal(errorMessage(EN, "too_many_milestones"), `The calculator takes at most ${MAX_MILESTONES} milestones.`);
  });
  test("the hints show an example in the chosen currency", () => {
    assert.equal(plain(fieldHint(NB, FIELDS.total)), "Den avtalte prisen for hele oppdraget, for eksempel 40 000,00 kr.");
    assert.equal(fieldHint(EN, FIELDS.total, "EUR"), "The agreed price for the whole job, for example €40,000.00.");
  });
});

describe("resultView", () => {
  const view = (settings, overrides) => {
    const outcome = readForm(example(settings, overrides), settings);
    assert.equal(outcome.status, "ready", JSON.stringify(outcome.errors));
    return resultView(settings, outcome.state, outcome.result);
  };
  const minor = (v, key) => [...v.rows, ...(v.creditNote ?? [])].find((row) => row.key === key)?.minor;

  test("a refund with VAT included: refund, credit-note lines, formula", () => {
    const v = view(NB, {});
    assert.deepEqual(v.sentences.map(plain), [
      "Betal tilbake 6 000,00 kr til kunden, eller krediter 6 000,00 kr med en kreditnota som viser til den opprinnelige fakturaen.",
      "På kreditnotaen: 4 800,00 kr pluss 1 200,00 kr i mva. (25 %).",
    ]);
    assert.deepEqual(v.rows.map((row) => [row.key, row.minor]), [
      ["earned_work", 2400000n], ["expenses", 0n], ["earned", 2400000n], ["paid", 3000000n], ["refund", 600000n], ["balance_due", 0n],
    ]);
    assert.deepEqual(v.creditNote.map((row) => [row.key, row.minor]), [["refund_net", 480000n], ["refund_vat", 120000n], ["refund_gross", 600000n]]);
    assert.deepEqual(v.formula.map(plain), [
      "Opptjent = 40 000,00 kr × 60 % + 0,00 kr = 24 000,00 kr",
      "Refusjon = 30 000,00 kr − 24 000,00 kr = 6 000,00 kr",
      "Mva. i refusjonen = 6 000,00 kr × 25 % ÷ 125 % = 1 200,00 kr",
    ]);
  });

  test("VAT excluded: the money to pay back includes the VAT on top", () => {
    const v = view(EN, { vat_included: false });
    assert.equal(v.sentences[0], "Refund £7,200.00 to the client, or give a credit of £7,200.00 with a credit note that refers to the original invoice.");
    assert.equal(v.sentences[1], "On the credit note: £6,000.00 plus £1,200.00 VAT (20%).");
    assert.equal(minor(v, "refund"), 600000n);
    assert.equal(minor(v, "refund_gross"), 720000n);
    assert.equal(v.formula[2], "VAT on the refund = £6,000.00 × 20% = £1,200.00");
  });

  test("a balance due: invoice the rest (plus VAT when the amounts exclude it); no credit note", () => {
    const v = view(EN, { amount_paid: "10,000" });
    assert.deepEqual(v.sentences, ["Invoice the remaining £14,000.00: the client has paid less than you have earned."]);
    assert.equal(v.creditNote, null);
    assert.equal(minor(v, "balance_due"), 1400000n);
    assert.equal(v.formula[1], "Still to invoice = £24,000.00 − £10,000.00 = £14,000.00");
    assert.match(view(EN, { amount_paid: "10,000", vat_included: false }).sentences[0], /^Invoice the remaining £14,000\.00 plus VAT \(20%\)/);
  });

  test("nothing either way, nothing paid, no VAT, full refund, costs and milestones", () => {
    assert.match(view(EN, { amount_paid: "24,000" }).sentences[0], /^Nothing to refund and nothing to invoice/);
    assert.match(view(EN, { amount_paid: "0", percent_complete: "0" }).sentences[0], /^Nothing to refund: the client has not paid/);
    assert.deepEqual(view(EN, { vat_rate: "0" }).sentences.length, 1);
    const full = view(EN, { settlement: "full" });
    assert.equal(minor(full, "refund"), 3000000n);
    assert.equal(full.formula[1], "Refund = everything paid = £30,000.00");
    const costs = view(EN, { expenses: "2,500" });
    assert.equal(minor(costs, "earned"), 2650000n);
    assert.equal(costs.formula[0], "Earned = £40,000.00 × 60% + £2,500.00 = £26,500.00");
    const ms = view(EN, { share_mode: "milestones", milestones: [{ name: "", price: "25,000", percent: "100" }, { name: "", price: "15,000", percent: "0" }] });
    assert.equal(ms.rows[0].label, "Work done (the milestones)");
    assert.equal(ms.formula[0], "Earned = £25,000.00 (the milestones) + £0.00 = £25,000.00");
  });

  test("no text holds NaN, undefined, Infinity or a placeholder, for any valid state", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom(NB, EN), (state, settings) => {
      const v = resultView(settings, state, settleState(state));
      const all = [...v.sentences, ...v.formula, ...[...v.rows, ...(v.creditNote ?? [])].flatMap((r) => [r.label, r.value])].join("\n");
      assert.doesNotMatch(all, /NaN|undefined|Infinity|null|[{}<>]/);
      for (const row of [...v.rows, ...(v.creditNote ?? [])]) assert.ok(row.minor >= 0n);
    }), { numRuns: 500 });
  });
});

describe("summaries", () => {
  test("the copied text is summaryText with the page's words", () => {
    const { state, result } = readForm(example(NB), NB);
    const text = copySummary(NB, state, result);
    assert.equal(text, summaryText(state, result, summaryStrings(NB), { locale: "nb-NO" }));
    assert.equal(text.split("\n")[0], "Refusjonsberegning");
    assert.match(plain(text), /Refusjon: 6 000,00 kr/);
    const lines = printSummary(EN, readForm(example(EN), EN).state, readForm(example(EN), EN).result);
    assert.equal(lines.title, "Refund calculation");
    assert.deepEqual(lines.rows.find(([label]) => label === "Refund"), ["Refund", "£6,000.00"]);
  });
  test("settle and the view agree", () => {
    const { state, result } = readForm(example(EN, { expenses: "1,000" }), EN);
    assert.deepEqual(result, settle({ currency: "GBP", total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 100000n, vat: { included: true, rateBp: 2000n } }));
    assert.equal(state.expenses, 100000n);
  });
});
