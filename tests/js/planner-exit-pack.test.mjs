// What the exit pack prints (exit-pack-model.js): the build's checklists with the ticks the checklist widget
// stored, and the calculator's own summary of the last calculation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { encode, storageKey } from "../../overrides/assets/javascripts/checklist/checklist-state.js";
import {
  checklistsWithTicks, readChecklists, tickCount,
} from "../../overrides/assets/javascripts/planner/exit-pack-model.js";
import { calculationSummary } from "../../overrides/assets/javascripts/planner/calculation-part.js";
import { calculatorSettings, copySummary } from "../../overrides/assets/javascripts/calculator/refund-form.js";
import { decodeState, settleState } from "../../overrides/assets/javascripts/calculator/refund-state.js";
import { openStorage } from "../../overrides/assets/javascripts/lib/storage.js";
import { readFileSync } from "node:fs";

const STRINGS = (code) => JSON.parse(readFileSync(new URL(`../../scripts/playbook/strings/${code}.json`, import.meta.url), "utf8"));
const CONFIG = {
  nb: { language: "nb", locale: "nb-NO", currency: "NOK", vat_rate_bp: 2500, strings: STRINGS("nb") },
  en: { language: "en", locale: "en-GB", currency: "GBP", vat_rate_bp: 2000, strings: STRINGS("en") },
};

function mapStorage(entries = {}) {
  const data = new Map(Object.entries(entries));
  return {
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}

const LISTS = [
  { id: "before-call", title: "Before", items: [{ id: "reason-in-facts", text: "Facts" }, { id: "write-script", text: "Script" }] },
  { id: "after-call", title: "After", items: [{ id: "send-confirmation", text: "Confirm" }] },
];

describe("the checklists", () => {
  test("each item carries the tick stored under the checklist's own key", () => {
    const storage = openStorage(() => mapStorage({
      [storageKey("before-call")]: encode(new Set(["write-script", "gone-item"])),
      [storageKey("after-call")]: "{corrupt",
    }));
    const ticked = checklistsWithTicks(readChecklists(LISTS), storage);
    assert.deepEqual(ticked.map((list) => list.items.map((item) => [item.id, item.ticked])), [
      [["reason-in-facts", false], ["write-script", true]],
      [["send-confirmation", false]],
    ]);
    assert.deepEqual(tickCount(ticked), { done: 1, total: 3 });
  });

  test("reading the ticks never writes to storage", () => {
    const backend = mapStorage({ [storageKey("before-call")]: encode(new Set(["gone-item"])) });
    let writes = 0;
    const counting = { ...backend, setItem: () => { writes += 1; }, removeItem: () => { writes += 1; } };
    checklistsWithTicks(readChecklists(LISTS), openStorage(() => counting));
    assert.equal(writes, 0);
  });

  test("malformed definitions are refused loudly", () => {
    assert.throws(() => readChecklists(undefined), /no checklists/);
    assert.throws(() => readChecklists([{ id: "Bad Id", title: "x", items: [] }]), /malformed checklist/);
    assert.throws(() => readChecklists([{ id: "ok", title: "x", items: [{ id: "ok", text: 1 }] }]), /malformed item/);
    assert.deepEqual(readChecklists([]), []);
  });
});

describe("the calculation's summary", () => {
  const fragment = "calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500";

  for (const code of ["nb", "en"]) {
    test(`${code}: the calculator's own copy text, in the page's language`, () => {
      const state = decodeState(fragment);
      const summary = calculationSummary(state, CONFIG[code]);
      assert.equal(summary, copySummary(calculatorSettings(CONFIG[code]), state, settleState(state)));
      assert.ok(summary.startsWith(CONFIG[code].strings["calculator.summary.title"]));
    });
  }

  test("no calculation, no summary", () => {
    assert.equal(calculationSummary(null, CONFIG.en), null);
  });
});
