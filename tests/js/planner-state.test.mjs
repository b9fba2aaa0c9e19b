// What the conversation planner keeps in this browser (planner-state.js): a versioned entry under one key,
// read back exactly, safe against corrupt, hostile or newer entries, and forgotten on request.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  KEY, MAX_EDITED_LENGTH, MAX_LENGTH, VERSION, decode, emptyPlanner, encode, forget, load, sanitise, save,
} from "../../overrides/assets/javascripts/planner/planner-state.js";
import { emptyValues } from "../../overrides/assets/javascripts/planner/planner-text.js";
import { openStorage } from "../../overrides/assets/javascripts/lib/storage.js";

function mapStorage(entries = {}) {
  const data = new Map(Object.entries(entries));
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}

const TYPED = {
  ...emptyValues(), client_contact: "Kari", client_company: "Fjordlys AS", seller_org_nr: "923 609 016",
  vat_registered: true, notice_date: "2027-05-03", notice_period: "1", notice_unit: "months", notice_from: "month_end",
  handover_items: "Source files\nPasswords", reason: "fit", reason_details: "Facts.", end_kind: "contract_end", end_date: "2025-06-30",
  handover: "hand_over", handover_details: "Zip file.", refund_source: "typed", refund: "£500",
  replacements: ["A", "", "C"],
};

describe("the stored entry", () => {
  test("is versioned JSON under playbook.planner, and reads back the same", () => {
    assert.equal(KEY, "playbook.planner");
    const text = encode({ values: TYPED, edited: { script: "My own script", confirmation: null } });
    const data = JSON.parse(text);
    assert.equal(data.version, VERSION);
    assert.deepEqual(data.values, TYPED);
    const back = decode(text);
    assert.equal(back.status, "ok");
    assert.deepEqual(back.values, TYPED);
    assert.deepEqual(back.edited, { ...emptyPlanner().edited, script: "My own script" });
  });

  test("version 1 (one client_name) is migrated: a company form makes it the company, else the contact", () => {
    const v1 = (name) => JSON.stringify({ version: 1, values: { client_name: name, reason: "fit" }, edited: { script: null, confirmation: "Mine" } });
    const company = decode(v1("Fjordlys AS"));
    assert.equal(company.status, "migrated");
    assert.equal(company.values.client_company, "Fjordlys AS");
    assert.equal(company.values.client_contact, "");
    assert.equal(company.values.reason, "fit");
    assert.equal(company.edited.confirmation, "Mine");
    assert.ok(!("client_name" in company.values));
    const person = decode(v1("Kari Nordmann"));
    assert.deepEqual([person.values.client_company, person.values.client_contact], ["", "Kari Nordmann"]);
    const backend = mapStorage({ [KEY]: v1("Ola Ltd") });
    const storage = openStorage(() => backend);
    assert.equal(load(storage).values.client_company, "Ola Ltd");
    assert.equal(JSON.parse(backend.data.get(KEY)).version, VERSION, "stored again in the new format");
  });

  test("the calendar seed is kept when it is a UUID, and dropped otherwise", () => {
    const seed = "0f9c2a4e-1b2c-4d3e-8f90-123456789abc";
    assert.equal(decode(encode({ values: TYPED, edited: {}, seed })).seed, seed);
    assert.equal(decode(JSON.stringify({ version: VERSION, values: TYPED, seed: "<x>" })).seed, "");
  });

  test("nothing, corrupt or newer entries give an empty form", () => {
    const cases = {
      empty: null,
      corrupt: "{not json",
      "corrupt ": JSON.stringify([1, 2]),
      "corrupt  ": JSON.stringify({ version: "1", values: TYPED }),
      "corrupt   ": JSON.stringify({ version: 1, values: "Kari" }),
      newer: JSON.stringify({ version: VERSION + 1, values: TYPED }),
    };
    for (const [status, text] of Object.entries(cases)) {
      const read = decode(text);
      assert.equal(read.status, status.trim(), String(text));
      assert.deepEqual(read.values, emptyValues());
      assert.deepEqual(read.edited, emptyPlanner().edited);
    }
  });

  test("an older version is migrated through the steps given", () => {
    const migrations = { 1: (data) => ({ version: 2, values: { ...data.fields }, edited: {} }) };
    const read = decode(JSON.stringify({ version: 1, fields: TYPED }), migrations, 2);
    assert.equal(read.status, "migrated");
    assert.deepEqual(read.values, TYPED);
    assert.equal(decode(JSON.stringify({ version: 1, fields: TYPED }), {}, 2).status, "corrupt");
  });

  test("hostile entries come back as plain, bounded strings and known choices only", () => {
    const hostile = {
      client_contact: "x".repeat(MAX_LENGTH + 50), reason: "__proto__", end_kind: { evil: true }, end_date: "<script>",
      handover: "finish", refund_source: "typed", refund: 12, replacements: ["A", { b: 1 }, "C", "D"], extra: "drop",
    };
    const read = decode(JSON.stringify({ version: VERSION, values: hostile, edited: { script: 5, confirmation: "y".repeat(MAX_EDITED_LENGTH + 1), other: "z" } }));
    assert.equal(read.values.client_contact.length, MAX_LENGTH);
    assert.equal(read.values.reason, "");
    assert.equal(read.values.end_kind, "last_day");
    assert.equal(read.values.end_date, "");
    assert.equal(read.values.refund, "");
    assert.deepEqual(read.values.replacements, ["A", "", "C"]);
    assert.ok(!("extra" in read.values));
    assert.deepEqual(Object.keys(read.edited), Object.keys(emptyPlanner().edited));
    assert.equal(read.edited.script, null);
    assert.equal(read.edited.confirmation.length, MAX_EDITED_LENGTH);
  });

  test("whatever is stored, reading never throws and always gives the form's shape", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ version: VERSION, values: v }))), (text) => {
      const read = decode(text);
      assert.deepEqual(Object.keys(read.values), Object.keys(emptyValues()));
      assert.equal(read.values.replacements.length, 3);
      assert.equal(typeof read.values.vat_registered, "boolean");
      const { vat_registered: _flag, ...texts } = read.values;
      assert.ok(Object.values(texts).flat().every((v) => typeof v === "string"));
    }), { numRuns: 300 });
  });

  test("sanitise of the empty form is the empty form", () => {
    assert.deepEqual(sanitise(emptyValues()), emptyValues());
  });
});

describe("load, save and forget through storage.js", () => {
  test("save then load gives back what was typed; forget removes only the planner's entry", () => {
    const backend = mapStorage({ "playbook.checklist.before-call": '{"version":1,"ticked":["x"]}' });
    const storage = openStorage(() => backend);
    assert.equal(save(storage, { values: TYPED, edited: { script: null, confirmation: null } }), true);
    assert.deepEqual(load(storage).values, TYPED);
    assert.equal(forget(storage), true);
    assert.equal(backend.data.has(KEY), false);
    assert.equal(backend.data.has("playbook.checklist.before-call"), true);
    assert.equal(load(storage).status, "empty");
  });

  test("a browser that refuses storage keeps the entry for the visit and says so", () => {
    const storage = openStorage(() => {
      throw new DOMException("denied", "SecurityError");
    });
    assert.equal(save(storage, { values: TYPED, edited: { script: null, confirmation: null } }), false);
    assert.equal(storage.saved, false);
    assert.deepEqual(load(storage).values, TYPED);
  });
});
