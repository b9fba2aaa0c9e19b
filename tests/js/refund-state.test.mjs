// Tests for overrides/assets/javascripts/calculator/refund-state.js: the URL fragment codec,
// the settle() bridge and the plain-text summary.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CURRENCIES, MAX_MILESTONES, maxMinor, milestoneTotals, settle,
} from "../../overrides/assets/javascripts/calculator/refund-math.js";
import {
  MAX_FRAGMENT_LENGTH, STATE_VERSION, SUMMARY_KEYS, decodeState, encodeState, isCalculatorFragment, isValidState,
  settleState, summaryText, toSettleInput, unitsPercentBp,
} from "../../overrides/assets/javascripts/calculator/refund-state.js";

const NBSP = "\u00A0";
const MAX_NOK = maxMinor("NOK");
/** The example: 40 000 ex. VAT, 25 000 paid incl. VAT, 30 % done. */
const EXAMPLE = "calc=2&total=4000000&pct=3000&paid=2500000&exp=0&cur=NOK&mode=by_work&rate=2500&tb=excl&pb=incl&eb=excl";
const bases = (total, paid, expenses) => ({ total, paid, expenses });
const exampleState = () => ({
  currency: "NOK", settlement: "by_work", total: 4000000n, paid: 2500000n, percentBp: 3000n,
  expenses: 0n, vat: { rateBp: 2500n, bases: bases("excl", "incl", "excl") }, milestones: null, units: null,
});
const milestoneState = () => ({
  currency: "NOK", settlement: "by_work", total: 4000000n, paid: 3000000n, percentBp: 6250n,
  expenses: 100000n, vat: { rateBp: 2500n, bases: bases("excl", "excl", "excl") },
  milestones: [{ price: 2500000n, percentBp: 10000n }, { price: 1500000n, percentBp: 0n }], units: null,
});
const MILESTONE_FRAGMENT = "calc=2&ms=2500000_10000.1500000_0&paid=3000000&exp=100000&cur=NOK&mode=by_work&rate=2500&tb=excl&pb=excl&eb=excl";
const unitsState = () => ({ ...exampleState(), percentBp: 3083n, units: { done: 3700n, total: 12000n } });
const UNITS_FRAGMENT = "calc=2&total=4000000&units=3700_12000&paid=2500000&exp=0&cur=NOK&mode=by_work&rate=2500&tb=excl&pb=incl&eb=excl";
/** Links shared before version 2: one VAT flag for all amounts. */
const V1 = "calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500";
const V1_MILESTONES = "calc=1&ms=2500000_10000.1500000_0&paid=3000000&exp=100000&cur=NOK&mode=by_work&vat=0&rate=2500";

describe("encodeState / decodeState tables", () => {
  test("encodes the documented example exactly", () => assert.equal(encodeState(exampleState()), EXAMPLE));
  test("decodes the documented example", () => assert.deepEqual(decodeState(EXAMPLE), exampleState()));
  test("encodes milestones compactly without total and pct", () => assert.equal(encodeState(milestoneState()), MILESTONE_FRAGMENT));
  test("decodes milestones and derives total and percentBp", () => assert.deepEqual(decodeState(MILESTONE_FRAGMENT), milestoneState()));
  test("encodes units as done_total in hundredths, and derives the percentage shown", () => {
    assert.equal(encodeState(unitsState()), UNITS_FRAGMENT);
    assert.deepEqual(decodeState(UNITS_FRAGMENT), unitsState());
  });
  test("tolerates one leading # and any key order", () => {
    assert.deepEqual(decodeState("#" + EXAMPLE), exampleState());
    assert.deepEqual(decodeState(EXAMPLE.split("&").reverse().join("&")), exampleState());
  });
  test("the version field is 2", () => assert.equal(STATE_VERSION, "2"));
  test("the fragment is language neutral: numbers, ISO codes and the basis codes only", () => {
    for (const fragment of [EXAMPLE, MILESTONE_FRAGMENT, UNITS_FRAGMENT]) assert.match(fragment, /^[a-z]+=[0-9]+(&[a-z]+=([0-9_.]+|[A-Z]{3}|by_work|full|excl|incl))+$/);
  });
  test("a version 1 link decodes to the same bases it meant: vat=1 all incl. VAT, vat=0 all ex. VAT", () => {
    assert.deepEqual(decodeState(V1), {
      currency: "NOK", settlement: "by_work", total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 0n,
      vat: { rateBp: 2500n, bases: bases("incl", "incl", "incl") }, milestones: null, units: null,
    });
    assert.deepEqual(decodeState(V1_MILESTONES), milestoneState());
    // and re-encodes as version 2
    assert.match(encodeState(decodeState(V1)), /^calc=2&.*&tb=incl&pb=incl&eb=incl$/);
    // with the result the calculator gave for it then: 6 000 incl. VAT = 4 800 + 1 200
    const r = settleState(decodeState(V1));
    assert.deepEqual([r.refund, r.refundNet, r.refundVat], [600000n, 480000n, 120000n]);
  });
  test("isCalculatorFragment tells the calculator's hash from a heading's", () => {
    assert.ok(isCalculatorFragment("#calc=2&x") && isCalculatorFragment("calc=1") && isCalculatorFragment("#calc=broken"));
    assert.ok(!isCalculatorFragment("#refund-calculator") && !isCalculatorFragment("") && !isCalculatorFragment(null));
  });

  const replace = (key, value, fragment = EXAMPLE) => fragment.replace(new RegExp(`${key}=[^&]*`), `${key}=${value}`);
  const rejects = [
    ["empty", ""], ["only #", "#"], ["two #", "##" + EXAMPLE], ["version 3", replace("calc", "3")],
    ["version 02", replace("calc", "02")], ["no version", EXAMPLE.replace("calc=2&", "")], ["only version", "calc=2"],
    ["unknown currency", replace("cur", "XYZ")], ["lower-case currency", replace("cur", "nok")],
    ["__proto__ currency", replace("cur", "__proto__")], ["toString currency", replace("cur", "toString")],
    ["percent over 100", replace("pct", "10001")], ["rate over 100", replace("rate", "10001")],
    ["total over the limit", replace("total", (MAX_NOK + 1n).toString())], ["paid over the limit", replace("paid", (MAX_NOK + 1n).toString())],
    ["huge number", replace("exp", "9".repeat(400))], ["leading zero", replace("total", "04000000")],
    ["negative", replace("paid", "-1")], ["decimal", replace("paid", "1.5")], ["exponent", replace("paid", "1e5")],
    ["duplicate key", EXAMPLE + "&paid=1"], ["unknown key", EXAMPLE + "&name=Ola"], ["empty value", replace("exp", "")],
    ["unknown basis", replace("tb", "net")], ["basis in capitals", replace("pb", "INCL")], ["missing basis", EXAMPLE.replace("&eb=excl", "")],
    ["v2 with the v1 flag", EXAMPLE + "&vat=1"], ["v1 with a basis", V1 + "&tb=excl"], ["v1 with units", V1.replace("pct=6000", "units=1_2")],
    ["vat=2 in v1", replace("vat", "2", V1)], ["vat=true in v1", replace("vat", "true", V1)], ["unknown mode", replace("mode", "half")],
    ["missing key", EXAMPLE.replace("&exp=0", "")], ["ms and total together", EXAMPLE + "&ms=1_0"],
    ["units and pct together", EXAMPLE + "&units=1_2"], ["units without total", UNITS_FRAGMENT.replace("total=4000000&", "")],
    ["units done over total", replace("units", "3_2", UNITS_FRAGMENT)], ["units total 0", replace("units", "0_0", UNITS_FRAGMENT)],
    ["units with three parts", replace("units", "1_2_3", UNITS_FRAGMENT)], ["units without total part", replace("units", "1", UNITS_FRAGMENT)],
    ["ms with three parts", MILESTONE_FRAGMENT.replace("2500000_10000", "1_2_3")],
    ["ms without percent", MILESTONE_FRAGMENT.replace("2500000_10000", "2500000")],
    ["ms percent over 100", MILESTONE_FRAGMENT.replace("2500000_10000", "2500000_10001")],
    ["ms empty row", MILESTONE_FRAGMENT.replace("2500000_10000.", ".")],
    ["ms too many rows", MILESTONE_FRAGMENT.replace(/ms=[^&]*/, "ms=" + Array(MAX_MILESTONES + 1).fill("1_0").join("."))],
    ["ms sum over the limit", MILESTONE_FRAGMENT.replace(/ms=[^&]*/, `ms=${MAX_NOK}_0.1_0`)],
    ["percent-encoding", replace("cur", "N%4FK")], ["space", EXAMPLE.replace("&", " &")], ["trailing &", EXAMPLE + "&"],
    ["double &", EXAMPLE.replace("&", "&&")], ["key without =", EXAMPLE + "&calc"], ["double =", replace("calc", "=2")],
    ["markup", EXAMPLE + "&<script>=1"], ["non-ASCII digits", replace("paid", "１")], ["over-long", `${EXAMPLE}&${"x".repeat(5000)}`],
    ["a megabyte", "calc=2&" + "1".repeat(1 << 20)], ["heading anchor", "refund-calculator"],
  ];
  for (const [name, fragment] of rejects) test(`rejects ${name}`, () => assert.equal(decodeState(fragment), null));

  for (const value of [undefined, null, 42, {}, [], Symbol("x"), new String(EXAMPLE)]) {
    test(`rejects non-string ${String(typeof value)}`, () => assert.equal(decodeState(value), null));
  }
});

describe("isValidState / encodeState reject invalid states", () => {
  const cases = [
    ["missing key", (s) => { delete s.expenses; }], ["extra key with a name", (s) => { s.name = "Ola Nordmann"; }],
    ["number instead of bigint", (s) => { s.paid = 3000000; }], ["negative", (s) => { s.paid = -1n; }],
    ["over the limit", (s) => { s.total = MAX_NOK + 1n; }], ["percent over 100", (s) => { s.percentBp = 10001n; }],
    ["unknown currency", (s) => { s.currency = "XYZ"; }], ["unknown settlement", (s) => { s.settlement = "half"; }],
    ["vat missing rate", (s) => { s.vat = { bases: s.vat.bases }; }], ["the older vat.included", (s) => { s.vat = { included: true, rateBp: 2500n }; }],
    ["an unknown basis", (s) => { s.vat.bases.paid = "gross"; }], ["a missing basis", (s) => { delete s.vat.bases.expenses; }],
    ["units and milestones", (s) => { s.units = { done: 1n, total: 2n }; s.milestones = [{ price: 4000000n, percentBp: 3000n }]; }],
    ["units percentage mismatch", (s) => { s.units = { done: 3700n, total: 12000n }; }],
    ["units done over total", (s) => { s.units = { done: 3n, total: 2n }; s.percentBp = 15000n; }],
    ["units total 0", (s) => { s.units = { done: 0n, total: 0n }; }],
    ["units as numbers", (s) => { s.units = { done: 1, total: 2 }; s.percentBp = 5000n; }],
    ["empty milestones", (s) => { s.milestones = []; }],
    ["milestone total mismatch", (s) => { s.milestones = [{ price: 1n, percentBp: 0n }]; }],
    ["milestone percent mismatch", (s) => { s.milestones = [{ price: 4000000n, percentBp: 3001n }]; }],
    ["milestone with a name", (s) => { s.milestones = [{ price: 4000000n, percentBp: 3000n, name: "Logo" }]; }],
    ["too many milestones", (s) => { s.milestones = Array(MAX_MILESTONES + 1).fill({ price: 0n, percentBp: 0n }); s.total = 0n; s.percentBp = 0n; }],
  ];
  test("the unmodified states are valid", () => {
    assert.ok(isValidState(exampleState()) && isValidState(milestoneState()) && isValidState(unitsState()));
  });
  for (const [name, mutate] of cases) {
    test(name, () => {
      const state = exampleState();
      mutate(state);
      assert.equal(isValidState(state), false);
      assert.equal(encodeState(state), null);
    });
  }
  test("non-objects", () => {
    for (const v of [null, undefined, "state", 1, []]) assert.equal(isValidState(v), false);
  });
});

describe("settleState / toSettleInput", () => {
  test("simple mode passes percentBp", () => {
    assert.deepEqual(toSettleInput(exampleState()), {
      currency: "NOK", total: 4000000n, paid: 2500000n, expenses: 0n, settlement: "by_work",
      vat: { rateBp: 2500n, bases: bases("excl", "incl", "excl") }, percentBp: 3000n,
    });
    assert.deepEqual(settleState(exampleState()), {
      ok: true, earnedWork: 1200000n, expenses: 0n, earned: 1200000n, paid: 2000000n, paidVat: 500000n,
      refund: 1000000n, refundNet: 800000n, refundVat: 200000n, refundGross: 1000000n,
      balanceDue: 0n, balanceDueNet: 0n, balanceDueVat: 0n,
    });
  });
  test("units mode passes the exact fraction, not the percentage shown", () => {
    const input = toSettleInput(unitsState());
    assert.deepEqual([input.units, input.percentBp], [{ done: 3700n, total: 12000n }, undefined]);
    assert.equal(settleState(unitsState()).earnedWork, 1233333n);
    assert.equal(unitsPercentBp({ done: 3700n, total: 12000n }), 3083n);
  });
  test("milestone mode uses the exact earned work, not total × rounded percent", () => {
    const rows = [{ price: 100000000n, percentBp: 10000n }, { price: 200000001n, percentBp: 0n }];
    const state = { ...exampleState(), paid: 0n, total: 300000001n, percentBp: 3333n, milestones: rows, vat: { rateBp: 0n, bases: bases("excl", "excl", "excl") } };
    assert.ok(isValidState(state));
    const r = settleState(state);
    assert.equal(r.earnedWork, 100000000n);
    assert.equal(settle({ ...toSettleInput(state), earnedWork: undefined, percentBp: 3333n }).earnedWork, 99990000n);
  });
});

// ---------------------------------------------------------------- summary

const EN = {
  title: "Refund calculation", settlementByWork: "Settlement: by work done", settlementFull: "Settlement: full refund",
  vatRate: "VAT rate: {rate}", noVat: "No VAT", excl: "{amount} ex. VAT", incl: "{amount} incl. VAT",
  total: "Contract total", milestone: "Milestone {n}", percent: "Work done", units: "{done} of {total} units ({percent})",
  expenses: "Expenses", paid: "Paid so far", earned: "Earned", refund: "To pay back (credit note total)",
  refundNet: "Credit note, amount", refundVat: "Credit note, VAT ({rate})", balanceDue: "Final invoice, total",
  balanceDueNet: "Final invoice, amount", balanceDueVat: "Final invoice, VAT ({rate})", settled: "Nothing either way",
};
const NB = {
  title: "Refusjonsberegning", settlementByWork: "Oppgjør: etter utført arbeid", settlementFull: "Oppgjør: alt tilbake",
  vatRate: "Mva-sats: {rate}", noVat: "Uten mva.", excl: "{amount} ekskl. mva.", incl: "{amount} inkl. mva.",
  total: "Kontraktssum", milestone: "Milepæl {n}", percent: "Utført", units: "{done} av {total} enheter ({percent})",
  expenses: "Utlegg", paid: "Betalt", earned: "Opptjent", refund: "Betales tilbake",
  refundNet: "Kreditnota, beløp", refundVat: "Kreditnota, mva. ({rate})", balanceDue: "Sluttfaktura, totalt",
  balanceDueNet: "Sluttfaktura, beløp", balanceDueVat: "Sluttfaktura, mva. ({rate})", settled: "Ingenting",
};

describe("summaryText", () => {
  test("en-GB: the issue's example, every amount saying its basis", () => {
    const state = exampleState();
    const nok = (s) => `NOK${NBSP}${s}`;
    assert.equal(summaryText(state, settleState(state), EN, { locale: "en-GB" }), [
      "Refund calculation", "Settlement: by work done", "VAT rate: 25%",
      `Contract total: ${nok("40,000.00")} ex. VAT`, "Work done: 30%", `Expenses: ${nok("0.00")} ex. VAT`,
      `Paid so far: ${nok("25,000.00")} incl. VAT`, `Earned: ${nok("12,000.00")} ex. VAT`,
      `Credit note, amount: ${nok("8,000.00")} ex. VAT`, `Credit note, VAT (25%): ${nok("2,000.00")}`,
      `To pay back (credit note total): ${nok("10,000.00")} incl. VAT`,
    ].join("\n"));
  });

  test("nb-NO milestones, all ex. VAT", () => {
    const state = milestoneState();
    const kr = (s) => `${s.replace(/ /g, NBSP)}${NBSP}kr`;
    assert.equal(summaryText(state, settleState(state), NB, { locale: "nb-NO" }), [
      "Refusjonsberegning", "Oppgjør: etter utført arbeid", `Mva-sats: 25${NBSP}%`,
      `Kontraktssum: ${kr("40 000,00")} ekskl. mva.`, `Milepæl 1: ${kr("25 000,00")} ekskl. mva. (100${NBSP}%)`,
      `Milepæl 2: ${kr("15 000,00")} ekskl. mva. (0${NBSP}%)`, `Utført: 62,5${NBSP}%`, `Utlegg: ${kr("1 000,00")} ekskl. mva.`,
      `Betalt: ${kr("30 000,00")} ekskl. mva.`, `Opptjent: ${kr("26 000,00")} ekskl. mva.`,
      `Kreditnota, beløp: ${kr("4 000,00")} ekskl. mva.`, `Kreditnota, mva. (25${NBSP}%): ${kr("1 000,00")}`,
      `Betales tilbake: ${kr("5 000,00")} inkl. mva.`,
    ].join("\n"));
  });

  test("no VAT: no basis words; nothing paid back on a full refund of nothing; currency option", () => {
    const state = { ...exampleState(), paid: 0n, settlement: "full", vat: { rateBp: 0n, bases: bases("incl", "excl", "incl") } };
    assert.equal(summaryText(state, settleState(state), EN, { locale: "en-GB", currency: "EUR" }), [
      "Refund calculation", "Settlement: full refund", "No VAT", "Contract total: €40,000.00", "Work done: 30%",
      "Expenses: €0.00", "Paid so far: €0.00", "Earned: €12,000.00", "Nothing either way: €0.00",
    ].join("\n"));
  });

  test("a balance owed: the final invoice's lines", () => {
    const state = { ...exampleState(), paid: 1000000n };
    const lines = summaryText(state, settleState(state), EN, { locale: "en-GB" }).split("\n").slice(-3);
    assert.deepEqual(lines, [`Final invoice, amount: NOK${NBSP}4,000.00 ex. VAT`, `Final invoice, VAT (25%): NOK${NBSP}1,000.00`,
      `Final invoice, total: NOK${NBSP}5,000.00 incl. VAT`]);
  });

  test("units: done of total", () => {
    const state = unitsState();
    assert.equal(summaryText(state, settleState(state), EN, { locale: "en-GB" }).split("\n")[4], "Work done: 37 of 120 units (30.83%)");
  });

  test("unknown placeholders are left as typed", () => {
    const state = exampleState();
    const strings = { ...EN, total: "Total {who} {constructor} {n}" };
    const text = summaryText(state, settleState(state), strings, { locale: "en" });
    assert.equal(text.split("\n")[3], `Total {who} {constructor} {n}: NOK${NBSP}40,000.00 ex. VAT`);
  });

  for (const key of SUMMARY_KEYS) {
    test(`throws when strings lack ${key}`, () => {
      const { [key]: _, ...strings } = EN;
      const state = exampleState();
      assert.throws(() => summaryText(state, settleState(state), strings, { locale: "en-GB" }), new RegExp(key));
    });
  }
  test("throws for a failed result and for missing strings", () => {
    assert.throws(() => summaryText(exampleState(), { ok: false, error: "negative" }, EN, { locale: "en-GB" }), TypeError);
    assert.throws(() => summaryText(exampleState(), settleState(exampleState()), null, { locale: "en-GB" }), TypeError);
  });
  test("SUMMARY_KEYS is frozen and matches the example strings", () => {
    assert.ok(Object.isFrozen(SUMMARY_KEYS));
    assert.deepEqual([...SUMMARY_KEYS].sort(), Object.keys(EN).sort());
    assert.deepEqual(Object.keys(NB).sort(), Object.keys(EN).sort());
  });
});

// ---------------------------------------------------------------- properties

const refRound = (n, d) => (2n * (n % d) >= d ? n / d + 1n : n / d);
const bpArb = fc.bigInt({ min: 0n, max: 10000n });
const basisArb = fc.constantFrom("excl", "incl");
// plain objects: fast-check may otherwise build null-prototype records, which
// deepStrictEqual tells apart from the decoder's ordinary objects
const plain = { noNullPrototype: true };
const stateArb = fc.constantFrom(...Object.keys(CURRENCIES)).chain((currency) => {
  const max = maxMinor(currency);
  const amount = fc.bigInt({ min: 0n, max });
  const simple = fc.record({ total: amount, percentBp: bpArb }).map((s) => ({ ...s, milestones: null, units: null }));
  const unitsArb = fc.bigInt({ min: 1n, max: 10n ** 11n }).chain((all) => fc.record({ done: fc.bigInt({ min: 0n, max: all }), total: fc.constant(all) }, plain));
  const withUnits = fc.record({ total: amount, units: unitsArb }).map((s) => ({ ...s, percentBp: unitsPercentBp(s.units), milestones: null }));
  const rows = fc.array(fc.record({ price: fc.bigInt({ min: 0n, max: max / BigInt(MAX_MILESTONES) }), percentBp: bpArb }, plain),
    { minLength: 1, maxLength: MAX_MILESTONES });
  const withMilestones = rows.map((milestones) => {
    const m = milestoneTotals(milestones, { currency });
    return { total: m.total, percentBp: m.percentBp, milestones, units: null };
  });
  return fc.record({
    currency: fc.constant(currency), settlement: fc.constantFrom("by_work", "full"), paid: amount, expenses: amount,
    vat: fc.record({ rateBp: bpArb, bases: fc.record({ total: basisArb, paid: basisArb, expenses: basisArb }, plain) }, plain),
    shape: fc.oneof(simple, withUnits, withMilestones),
  }, plain).map(({ shape, ...rest }) => ({ ...rest, ...shape }));
});

/** Check decodeState's contract for one input; returns the decoded value. */
function checkDecoded(input) {
  const state = decodeState(input);
  if (state !== null) {
    assert.ok(isValidState(state), JSON.stringify(input));
    assert.deepEqual(decodeState(encodeState(state)), state);
  }
  return state;
}

describe("properties", () => {
  test("decodeState(encodeState(s)) deep-equals s, within the length cap", () => {
    fc.assert(fc.property(stateArb, (state) => {
      assert.ok(isValidState(state));
      const fragment = encodeState(state);
      assert.ok(fragment.length <= MAX_FRAGMENT_LENGTH);
      assert.deepEqual(decodeState(fragment), state);
    }), { numRuns: 3000 });
  });

  test("the largest milestone state fits the cap", () => {
    const price = MAX_NOK / BigInt(MAX_MILESTONES);
    const milestones = Array.from({ length: MAX_MILESTONES }, () => ({ price, percentBp: 9999n }));
    const m = milestoneTotals(milestones);
    const state = { ...exampleState(), paid: MAX_NOK, expenses: MAX_NOK, total: m.total, percentBp: m.percentBp, milestones };
    assert.deepEqual(decodeState(encodeState(state)), state);
  });

  test("fuzz: random strings never throw and give null or a valid state", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme-ascii", maxLength: 300 }));
    fc.assert(fc.property(text, (input) => { checkDecoded(input); }), { numRuns: 5000 });
  });

  test("fuzz: random key=value lists never throw and give null or a valid state", () => {
    const key = fc.constantFrom("calc", "total", "paid", "pct", "exp", "cur", "mode", "vat", "rate", "ms", "units", "tb", "pb", "eb", "name", "__proto__", "");
    const value = fc.oneof(fc.constantFrom("1", "2", "0", "NOK", "EUR", "by_work", "full", "excl", "incl", "10000", "10001", "1_0.2_5000", "1_2", ""),
      fc.bigInt({ min: -1n, max: 10n ** 15n }).map(String), fc.string({ maxLength: 6 }));
    const fragment = fc.array(fc.tuple(key, value), { maxLength: 12 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join("&"));
    fc.assert(fc.property(fragment, (input) => { checkDecoded(input); }), { numRuns: 5000 });
  });

  test("fuzz: mutated valid fragments never throw and give null or a valid state", () => {
    const edit = fc.tuple(fc.constantFrom("delete", "insert", "replace", "truncate"), fc.nat(), fc.constantFrom(..."0123456789=&._-#%aZ", "１"));
    const mutant = fc.tuple(stateArb, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([state, edits]) => {
      let s = encodeState(state);
      for (const [op, at, ch] of edits) {
        const i = at % (s.length + 1);
        s = op === "delete" ? s.slice(0, i) + s.slice(i + 1) : op === "insert" ? s.slice(0, i) + ch + s.slice(i)
          : op === "replace" ? s.slice(0, i) + ch + s.slice(i + 1) : s.slice(0, i);
      }
      return s;
    });
    let decoded = 0;
    fc.assert(fc.property(mutant, (input) => { if (checkDecoded(input) !== null) decoded += 1; }), { numRuns: 5000 });
    assert.ok(decoded > 0, "some mutants (such as changed digits) should still decode");
  });

  test("settleState matches an independent calculation for every valid state", () => {
    fc.assert(fc.property(stateArb, (state) => {
      const work = state.milestones
        ? state.milestones.reduce((sum, m) => sum + refRound(m.price * m.percentBp, 10000n), 0n)
        : state.units ? refRound(state.total * state.units.done, state.units.total)
          : refRound(state.total * state.percentBp, 10000n);
      const rate = state.vat.rateBp;
      const net = (a, basis) => (basis === "incl" ? a - refRound(a * rate, 10000n + rate) : a);
      const r = settleState(state);
      assert.equal(r.ok, true);
      assert.equal(r.earnedWork, net(work, state.vat.bases.total));
      assert.equal(r.earned, r.earnedWork + net(state.expenses, state.vat.bases.expenses));
      assert.equal(r.paid, net(state.paid, state.vat.bases.paid));
      assert.equal(r.refundNet + r.refundVat, r.refund);
      assert.equal(r.balanceDueNet + r.balanceDueVat, r.balanceDue);
    }), { numRuns: 2000 });
  });

  test("summaryText works for every valid state in both locales", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom("nb-NO", "en-GB"), (state, locale) => {
      const result = settleState(state);
      const text = summaryText(state, result, EN, { locale });
      const lines = text.split("\n");
      const moneyLines = state.vat.rateBp > 0n && (result.refund > 0n || result.balanceDue > 0n) ? 3 : 1;
      assert.equal(lines.length, 8 + (state.milestones?.length ?? 0) + moneyLines);
      assert.ok(!/[{}<>]/.test(text));
    }), { numRuns: 1000 });
  });
});
