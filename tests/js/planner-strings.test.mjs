// The conversation planner speaks every language the site has: each strings table holds every key the widget
// reads (the form's, in the page config, and the texts' part's and the exit documents' part's, each in its own
// strings file), no
// planner key it does not read, and every message fills its placeholders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { STRING_KEYS, STRING_PREFIX, missingStrings } from "../../overrides/assets/javascripts/planner/planner.js";
import { fill } from "../../overrides/assets/javascripts/planner/planner-text.js";
import { DOCUMENT_STRING_KEYS } from "../../overrides/assets/javascripts/planner/documents-view.js";
import { TEXTS_STRING_KEYS } from "../../overrides/assets/javascripts/planner/texts-part.js";

const ALL_KEYS = [...STRING_KEYS, ...TEXTS_STRING_KEYS, ...DOCUMENT_STRING_KEYS];

test("the form, the texts' part and the documents' part read different keys", () => {
  assert.deepEqual(STRING_KEYS.filter((key) => DOCUMENT_STRING_KEYS.includes(key) || TEXTS_STRING_KEYS.includes(key)), []);
  assert.deepEqual(TEXTS_STRING_KEYS.filter((key) => DOCUMENT_STRING_KEYS.includes(key)), []);
});

const STRINGS_DIR = new URL("../../scripts/playbook/strings/", import.meta.url);
const TABLES = Object.fromEntries(
  readdirSync(STRINGS_DIR).filter((name) => name.endsWith(".json"))
    .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(name, STRINGS_DIR), "utf8"))]),
);
// Placeholders some messages need, with sample values.
const VALUES = { calculation: "a refund of £6,000.00", amount: "£6,000.00", n: 2, done: 3, total: 27, date: "31 May 2027", names: "[date]" };

test("there are strings tables for the site's languages", () => {
  assert.ok(Object.keys(TABLES).length >= 2);
});

for (const [code, table] of Object.entries(TABLES)) {
  test(`strings/${code}.json has every planner key, and none the widget does not read`, () => {
    assert.deepEqual(missingStrings(table), []);
    assert.deepEqual(missingStrings(table, TEXTS_STRING_KEYS), []);
    assert.deepEqual(missingStrings(table, DOCUMENT_STRING_KEYS), []);
    const known = new Set(ALL_KEYS.map((key) => STRING_PREFIX + key));
    assert.deepEqual(Object.keys(table).filter((key) => key.startsWith(STRING_PREFIX) && !known.has(key)), []);
  });

  test(`strings/${code}.json: every planner message fills its placeholders`, () => {
    for (const key of ALL_KEYS) {
      const message = fill(table[STRING_PREFIX + key], VALUES);
      assert.doesNotMatch(message, /[{}<>]/, `${key}: ${message}`);
    }
    assert.match(fill(table["planner.replacements.label"], VALUES), /2/);
    assert.match(fill(table["planner.exit-pack.tally"], VALUES), /3.*27/);
    assert.ok(fill(table["planner.refund_source.calculation"], VALUES).includes(VALUES.calculation));
  });
}

test("the tables differ: every language has its own words", () => {
  const [first, second] = Object.values(TABLES);
  const same = ALL_KEYS.filter((key) => first[STRING_PREFIX + key] === second[STRING_PREFIX + key]);
  assert.deepEqual(same, []);
});

test("a table without a key is reported, not silently shown empty", () => {
  const table = { ...Object.values(TABLES)[0] };
  delete table["planner.print"];
  table["planner.forget"] = " ";
  assert.deepEqual(missingStrings(table).sort(), ["planner.forget", "planner.print"]);
});
