// The calculator's hand-over to the conversation planner (last-calculation.js): the last valid result kept
// under a versioned key, read back only when valid, and turned into what the conversation says about money.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  KEY, VERSION, decodeLast, encodeLast, forget, handover, recall, remember,
} from "../../overrides/assets/javascripts/calculator/last-calculation.js";
import { formatMoney } from "../../overrides/assets/javascripts/calculator/refund-math.js";
import { decodeState, encodeState } from "../../overrides/assets/javascripts/calculator/refund-state.js";
import { openStorage } from "../../overrides/assets/javascripts/lib/storage.js";

function mapStorage(entries = {}) {
  const data = new Map(Object.entries(entries));
  const writes = [];
  return {
    data,
    writes,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => {
      writes.push(key);
      data.set(key, String(value));
    },
    removeItem: (key) => data.delete(key),
  };
}

const state = (fragment) => {
  const decoded = decodeState(fragment);
  assert.ok(decoded, fragment);
  return decoded;
};
// 40 000 kr, 60 % done, 30 000 kr paid, amounts with 25 % VAT: refund 6 000 kr.
const REFUND = state("calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500");
// The same work, 20 000 kr paid, amounts without VAT: 4 000 kr + 25 % VAT still to invoice.
const BALANCE = state("calc=1&total=4000000&paid=2000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=0&rate=2500");
// £24,000 earned and paid.
const SETTLED = state("calc=1&total=4000000&paid=2400000&pct=6000&exp=0&cur=GBP&mode=by_work&vat=1&rate=2000");
// Milestones: the names are never part of a state, so never stored.
const MILESTONES = state("calc=1&ms=2500000_10000.1500000_0&paid=3000000&exp=0&cur=EUR&mode=by_work&vat=0&rate=0");

describe("the stored entry", () => {
  test("is versioned JSON holding the calculator's own fragment, under playbook.calculator.last", () => {
    assert.equal(KEY, "playbook.calculator.last");
    const text = encodeLast(REFUND);
    assert.deepEqual(JSON.parse(text), { version: VERSION, state: encodeState(REFUND) });
    assert.deepEqual(decodeLast(text), REFUND);
    assert.deepEqual(decodeLast(encodeLast(MILESTONES)), MILESTONES);
  });

  test("an invalid state is not stored, and a bad entry reads as no calculation", () => {
    assert.equal(encodeLast({ ...REFUND, paid: -1n }), null);
    assert.equal(encodeLast(null), null);
    for (const text of [null, "", "{", "[]", '{"version":2,"state":"calc=1"}', '{"version":1,"state":"calc=1&total=x"}',
      JSON.stringify({ version: 1, state: encodeState(REFUND).replace("cur=NOK", "cur=XXX") })]) {
      assert.equal(decodeLast(text), null, String(text));
    }
  });
});

describe("remember, recall and forget through storage.js", () => {
  test("remember keeps the last valid state, writes only when it changed, and forget removes only it", () => {
    const backend = mapStorage({ "playbook.planner": "{}" });
    const storage = openStorage(() => backend);
    assert.equal(recall(storage), null);
    assert.equal(remember(REFUND, storage), true);
    assert.equal(remember(REFUND, storage), true);
    assert.deepEqual(backend.writes, [KEY]);
    assert.deepEqual(recall(storage), REFUND);
    assert.equal(remember(BALANCE, storage), true);
    assert.deepEqual(recall(storage), BALANCE);
    assert.equal(remember({ bogus: true }, storage), false);
    assert.deepEqual(recall(storage), BALANCE, "an invalid state does not replace the last valid one");
    assert.equal(forget(storage), true);
    assert.equal(recall(storage), null);
    assert.equal(backend.data.get("playbook.planner"), "{}");
  });
});

describe("what the conversation says about money", () => {
  test("a refund is the credit note's total, in the page's locale and the calculation's currency", () => {
    assert.deepEqual(handover(REFUND, { locale: "nb-NO" }), {
      kind: "refund", minor: 600000n, currency: "NOK", amount: formatMoney(600000n, { locale: "nb-NO", currency: "NOK" }),
    });
    assert.equal(handover(REFUND, { locale: "en-GB" }).amount, formatMoney(600000n, { locale: "en-GB", currency: "NOK" }));
    assert.match(handover(REFUND, { locale: "nb-NO" }).amount, /^6\u00a0000,00\u00a0kr$/);
  });

  test("what is still owed is the final invoice, with VAT added when the amounts exclude it", () => {
    const { kind, minor, amount } = handover(BALANCE, { locale: "nb-NO" });
    assert.equal(kind, "balance_due");
    assert.equal(minor, 500000n);
    assert.match(amount, /^5\u00a0000,00\u00a0kr$/);
  });

  test("paid exactly what was earned: nothing either way", () => {
    assert.equal(handover(SETTLED, { locale: "en-GB" }).kind, "settled");
    assert.equal(handover(SETTLED, { locale: "en-GB" }).minor, 0n);
  });

  test("milestones and other currencies", () => {
    const result = handover(MILESTONES, { locale: "en-GB" });
    assert.equal(result.kind, "refund");
    assert.equal(result.currency, "EUR");
    assert.equal(result.minor, 500000n);
  });
});
