// Tests for overrides/assets/javascripts/calculator/refund-state.js: the URL fragment codec,
// the settle() bridge and the plain-text summary.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CURRENCIES, MAX_MILESTONES, maxMinor, milestoneTotals, settle,
} from "../../overrides/assets/javascripts/calculator/refund-math.js";
import {
  MAX_FRAGMENT_LENGTH, STATE_VERSION, SUMMARY_KEYS, decodeState, encodeState, isValidState,
  settleState, summaryText, toSettleInput,
} from "../../overrides/assets/javascripts/calculator/refund-state.js";

const NBSP = "\u00A0";
const MAX_NOK = maxMinor("NOK");
const EXAMPLE = "calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500";
const exampleState = () => ({
  currency: "NOK", settlement: "by_work", total: 4000000n, paid: 3000000n, percentBp: 6000n,
  expenses: 0n, vat: { included: true, rateBp: 2500n }, milestones: null,
});
const milestoneState = () => ({
  currency: "NOK", settlement: "by_work", total: 4000000n, paid: 3000000n, percentBp: 6250n,
  expenses: 100000n, vat: { included: false, rateBp: 2500n },
  milestones: [{ price: 2500000n, percentBp: 10000n }, { price: 1500000n, percentBp: 0n }],
});
const MILESTONE_FRAGMENT = "calc=1&ms=2500000_10000.1500000_0&paid=3000000&exp=100000&cur=NOK&mode=by_work&vat=0&rate=2500";

describe("encodeState / decodeState tables", () => {
  test("encodes the documented example exactly", () => assert.equal(encodeState(exampleState()), EXAMPLE));
  test("decodes the documented example", () => assert.deepEqual(decodeState(EXAMPLE), exampleState()));
  test("encodes milestones compactly without total and pct", () => assert.equal(encodeState(milestoneState()), MILESTONE_FRAGMENT));
  test("decodes milestones and derives total and percentBp", () => assert.deepEqual(decodeState(MILESTONE_FRAGMENT), milestoneState()));
  test("tolerates one leading # and any key order", () => {
    assert.deepEqual(decodeState("#" + EXAMPLE), exampleState());
    assert.deepEqual(decodeState(EXAMPLE.split("&").reverse().join("&")), exampleState());
  });
  test("the version field is 1", () => assert.equal(STATE_VERSION, "1"));

  const replace = (key, value) => EXAMPLE.replace(new RegExp(`${key}=[^&]*`), `${key}=${value}`);
  const rejects = [
    ["empty", ""], ["only #", "#"], ["two #", "##" + EXAMPLE], ["version 2", replace("calc", "2")],
    ["version 01", replace("calc", "01")], ["no version", EXAMPLE.replace("calc=1&", "")], ["only version", "calc=1"],
    ["unknown currency", replace("cur", "XYZ")], ["lower-case currency", replace("cur", "nok")],
    ["__proto__ currency", replace("cur", "__proto__")], ["toString currency", replace("cur", "toString")],
    ["percent over 100", replace("pct", "10001")], ["rate over 100", replace("rate", "10001")],
    ["total over the limit", replace("total", (MAX_NOK + 1n).toString())], ["paid over the limit", replace("paid", (MAX_NOK + 1n).toString())],
    ["huge number", replace("exp", "9".repeat(400))], ["leading zero", replace("total", "04000000")],
    ["negative", replace("paid", "-1")], ["decimal", replace("paid", "1.5")], ["exponent", replace("paid", "1e5")],
    ["duplicate key", EXAMPLE + "&paid=1"], ["unknown key", EXAMPLE + "&name=Ola"], ["empty value", replace("exp", "")],
    ["vat=2", replace("vat", "2")], ["vat=true", replace("vat", "true")], ["unknown mode", replace("mode", "half")],
    ["missing key", EXAMPLE.replace("&exp=0", "")], ["ms and total together", EXAMPLE + "&ms=1_0"],
    ["ms with three parts", MILESTONE_FRAGMENT.replace("2500000_10000", "1_2_3")],
    ["ms without percent", MILESTONE_FRAGMENT.replace("2500000_10000", "2500000")],
    ["ms percent over 100", MILESTONE_FRAGMENT.replace("2500000_10000", "2500000_10001")],
    ["ms empty row", MILESTONE_FRAGMENT.replace("2500000_10000.", ".")],
    ["ms too many rows", MILESTONE_FRAGMENT.replace(/ms=[^&]*/, "ms=" + Array(MAX_MILESTONES + 1).fill("1_0").join("."))],
    ["ms sum over the limit", MILESTONE_FRAGMENT.replace(/ms=[^&]*/, `ms=${MAX_NOK}_0.1_0`)],
    ["percent-encoding", replace("cur", "N%4FK")], ["space", EXAMPLE.replace("&", " &")], ["trailing &", EXAMPLE + "&"],
    ["double &", EXAMPLE.replace("&", "&&")], ["key without =", EXAMPLE + "&calc"], ["double =", replace("calc", "=1")],
    ["markup", EXAMPLE + "&<script>=1"], ["non-ASCII digits", replace("paid", "１")], ["over-long", `${EXAMPLE}&${"x".repeat(5000)}`],
    ["a megabyte", "calc=1&" + "1".repeat(1 << 20)], ["heading anchor", "refund-calculator"],
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
    ["vat missing rate", (s) => { s.vat = { included: true }; }], ["vat included not boolean", (s) => { s.vat.included = 1; }],
    ["empty milestones", (s) => { s.milestones = []; }],
    ["milestone total mismatch", (s) => { s.milestones = [{ price: 1n, percentBp: 0n }]; }],
    ["milestone percent mismatch", (s) => { s.milestones = [{ price: 4000000n, percentBp: 6001n }]; }],
    ["milestone with a name", (s) => { s.milestones = [{ price: 4000000n, percentBp: 6000n, name: "Logo" }]; }],
    ["too many milestones", (s) => { s.milestones = Array(MAX_MILESTONES + 1).fill({ price: 0n, percentBp: 0n }); s.total = 0n; s.percentBp = 0n; }],
  ];
  test("the unmodified states are valid", () => {
    assert.ok(isValidState(exampleState()) && isValidState(milestoneState()));
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
      currency: "NOK", total: 4000000n, paid: 3000000n, expenses: 0n, settlement: "by_work",
      vat: { included: true, rateBp: 2500n }, percentBp: 6000n,
    });
    assert.deepEqual(settleState(exampleState()), {
      ok: true, earnedWork: 2400000n, earned: 2400000n, refund: 600000n, balanceDue: 0n,
      refundNet: 480000n, refundVat: 120000n, refundGross: 600000n,
    });
  });
  test("milestone mode uses the exact earned work, not total × rounded percent", () => {
    const rows = [{ price: 100000000n, percentBp: 10000n }, { price: 200000001n, percentBp: 0n }];
    const state = { ...exampleState(), paid: 0n, total: 300000001n, percentBp: 3333n, milestones: rows };
    assert.ok(isValidState(state));
    const r = settleState(state);
    assert.equal(r.earnedWork, 100000000n);
    assert.equal(settle({ ...toSettleInput(state), earnedWork: undefined, percentBp: 3333n }).earnedWork, 99990000n);
  });
});

// ---------------------------------------------------------------- summary

const EN = {
  title: "Refund calculation", settlementByWork: "Settlement: by work done", settlementFull: "Settlement: full refund",
  vatIncluded: "Amounts include VAT ({rate})", vatExcluded: "Amounts exclude VAT ({rate})", noVat: "No VAT",
  total: "Contract total", milestone: "Milestone {n}", percent: "Work done", expenses: "Expenses", paid: "Paid so far",
  earned: "Earned", refund: "Refund", balanceDue: "Balance due", refundNet: "Credit note, net",
  refundVat: "Credit note, VAT", refundGross: "Credit note, total",
};
const NB = {
  title: "Tilbakebetaling", settlementByWork: "Oppgjør: etter utført arbeid", settlementFull: "Oppgjør: alt tilbake",
  vatIncluded: "Beløp inkl. mva. ({rate})", vatExcluded: "Beløp ekskl. mva. ({rate})", noVat: "Uten mva.",
  total: "Avtalt pris", milestone: "Delleveranse {n}", percent: "Utført", expenses: "Utlegg", paid: "Betalt",
  earned: "Opptjent", refund: "Tilbakebetaling", balanceDue: "Til gode", refundNet: "Kreditnota, netto",
  refundVat: "Kreditnota, mva.", refundGross: "Kreditnota, totalt",
};

describe("summaryText", () => {
  test("en-GB example with VAT lines", () => {
    const state = exampleState();
    const nok = (s) => `NOK${NBSP}${s}`;
    assert.equal(summaryText(state, settleState(state), EN, { locale: "en-GB" }), [
      "Refund calculation", "Settlement: by work done", "Amounts include VAT (25%)",
      `Contract total: ${nok("40,000.00")}`, "Work done: 60%", `Expenses: ${nok("0.00")}`,
      `Paid so far: ${nok("30,000.00")}`, `Earned: ${nok("24,000.00")}`, `Refund: ${nok("6,000.00")}`,
      `Balance due: ${nok("0.00")}`, `Credit note, net: ${nok("4,800.00")}`, `Credit note, VAT: ${nok("1,200.00")}`,
      `Credit note, total: ${nok("6,000.00")}`,
    ].join("\n"));
  });

  test("nb-NO milestones, VAT excluded", () => {
    const state = milestoneState();
    const kr = (s) => `${s.replace(/ /g, NBSP)}${NBSP}kr`;
    assert.equal(summaryText(state, settleState(state), NB, { locale: "nb-NO" }), [
      "Tilbakebetaling", "Oppgjør: etter utført arbeid", `Beløp ekskl. mva. (25${NBSP}%)`,
      `Avtalt pris: ${kr("40 000,00")}`, `Delleveranse 1: ${kr("25 000,00")} (100${NBSP}%)`,
      `Delleveranse 2: ${kr("15 000,00")} (0${NBSP}%)`, `Utført: 62,5${NBSP}%`, `Utlegg: ${kr("1 000,00")}`,
      `Betalt: ${kr("30 000,00")}`, `Opptjent: ${kr("26 000,00")}`, `Tilbakebetaling: ${kr("4 000,00")}`,
      `Til gode: ${kr("0,00")}`, `Kreditnota, netto: ${kr("4 000,00")}`, `Kreditnota, mva.: ${kr("1 000,00")}`,
      `Kreditnota, totalt: ${kr("5 000,00")}`,
    ].join("\n"));
  });

  test("no credit-note lines without a refund; no VAT line; full settlement; currency option", () => {
    const state = { ...exampleState(), paid: 0n, settlement: "full", vat: { included: true, rateBp: 0n } };
    assert.equal(summaryText(state, settleState(state), EN, { locale: "en-GB", currency: "EUR" }), [
      "Refund calculation", "Settlement: full refund", "No VAT", "Contract total: €40,000.00", "Work done: 60%",
      "Expenses: €0.00", "Paid so far: €0.00", "Earned: €24,000.00", "Refund: €0.00", "Balance due: €0.00",
    ].join("\n"));
  });

  test("unknown placeholders are left as typed", () => {
    const state = exampleState();
    const strings = { ...EN, total: "Total {who} {constructor} {n}" };
    const text = summaryText(state, settleState(state), strings, { locale: "en" });
    assert.equal(text.split("\n")[3], `Total {who} {constructor} {n}: NOK${NBSP}40,000.00`);
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
// plain objects: fast-check may otherwise build null-prototype records, which
// deepStrictEqual tells apart from the decoder's ordinary objects
const plain = { noNullPrototype: true };
const stateArb = fc.constantFrom(...Object.keys(CURRENCIES)).chain((currency) => {
  const max = maxMinor(currency);
  const amount = fc.bigInt({ min: 0n, max });
  const simple = fc.record({ total: amount, percentBp: bpArb }).map((s) => ({ ...s, milestones: null }));
  const rows = fc.array(fc.record({ price: fc.bigInt({ min: 0n, max: max / BigInt(MAX_MILESTONES) }), percentBp: bpArb }, plain),
    { minLength: 1, maxLength: MAX_MILESTONES });
  const withMilestones = rows.map((milestones) => {
    const m = milestoneTotals(milestones, { currency });
    return { total: m.total, percentBp: m.percentBp, milestones };
  });
  return fc.record({
    currency: fc.constant(currency), settlement: fc.constantFrom("by_work", "full"), paid: amount, expenses: amount,
    vat: fc.record({ included: fc.boolean(), rateBp: bpArb }, plain), shape: fc.oneof(simple, withMilestones),
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
    const key = fc.constantFrom("calc", "total", "paid", "pct", "exp", "cur", "mode", "vat", "rate", "ms", "name", "__proto__", "");
    const value = fc.oneof(fc.constantFrom("1", "0", "NOK", "EUR", "by_work", "full", "10000", "10001", "1_0.2_5000", ""),
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
      const earnedWork = state.milestones
        ? state.milestones.reduce((sum, m) => sum + refRound(m.price * m.percentBp, 10000n), 0n)
        : refRound(state.total * state.percentBp, 10000n);
      const r = settleState(state);
      assert.equal(r.ok, true);
      assert.equal(r.earnedWork, earnedWork);
      assert.equal(r.earned, earnedWork + state.expenses);
    }), { numRuns: 2000 });
  });

  test("summaryText works for every valid state in both locales", () => {
    fc.assert(fc.property(stateArb, fc.constantFrom("nb-NO", "en-GB"), (state, locale) => {
      const result = settleState(state);
      const text = summaryText(state, result, EN, { locale });
      const lines = text.split("\n");
      const creditLines = state.vat.rateBp > 0n && result.refund > 0n ? 3 : 0;
      assert.equal(lines.length, 10 + (state.milestones?.length ?? 0) + creditLines);
      assert.ok(!/[{}<>]/.test(text));
    }), { numRuns: 1000 });
  });
});
