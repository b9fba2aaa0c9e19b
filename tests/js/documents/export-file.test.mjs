// Tests for overrides/assets/javascripts/documents/export-file.js: export then import gives every widget back
// its own state; hostile, foreign, newer, malformed and oversized files are refused whole with their code; the
// file's entries are checked by each widget's own decoder.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ERROR_CODES, FORMAT, KINDS, MAX_BYTES, VERSION, buildExport, exportFileName, parseExport,
} from "../../../overrides/assets/javascripts/documents/export-file.js";
import { decodeLast, decodeNames, encodeLast } from "../../../overrides/assets/javascripts/calculator/last-calculation.js";
import { decodeState } from "../../../overrides/assets/javascripts/calculator/refund-state.js";
import { decode as decodeChecklist, encode as encodeChecklist } from "../../../overrides/assets/javascripts/checklist/checklist-state.js";
import { decode as decodePlanner, emptyPlanner, encode as encodePlanner } from "../../../overrides/assets/javascripts/planner/planner-state.js";

const RUNS = { numRuns: 500 };
const NOW = "2027-05-03T08:30:00.000Z";
const CALC = decodeState("calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500");
const plannerWith = (values = {}, edited = {}) => {
  const p = emptyPlanner();
  return { values: { ...p.values, ...values }, edited: { ...p.edited, ...edited } };
};
const PLANNER = plannerWith(
  { client_company: "Fjordlys AS", reason: "capacity", end_date: "2027-05-31", replacements: ["Kari Nordmann", "", ""] },
  { confirmation: "Hei, Kari!\n\nTakk for samtalen. Pris: 2 < 3 -> «greit»; æøå." },
);
/** What a browser stores: ours and others'. */
const STORED = [
  ["playbook.checklist.before-call", encodeChecklist(new Set(["write-script", "reason-in-facts"]))],
  ["playbook.checklist.exit-plan", encodeChecklist(new Set(["read-contract-count-notice"]))],
  ["playbook.planner", encodePlanner(PLANNER)],
  ["playbook.calculator.last", encodeLast(CALC)],
  ["__md_scope", "/"],
  ["other-site.tool", "{\"x\":1}"],
];
const exported = (stored = STORED) => {
  const r = buildExport(stored, { exported: NOW });
  assert.equal(r.ok, true);
  return r;
};
/** A file text from an object, with `data` changed. */
const file = (data, top = {}) => JSON.stringify({ format: FORMAT, version: VERSION, exported: NOW, data, ...top });
const validData = () => JSON.parse(exported().text).data;

describe("export, then import", () => {
  test("every widget gets its own state back, and nothing else goes in", () => {
    const built = exported();
    assert.equal(built.count, 4);
    assert.deepEqual(built.skipped, []);
    const parsed = parseExport(built.text);
    assert.equal(parsed.ok, true);
    assert.equal(parsed.exported, NOW);
    const byKey = Object.fromEntries(parsed.entries.map((e) => [e.key, e.text]));
    assert.deepEqual(Object.keys(byKey), [
      "playbook.calculator.last", "playbook.checklist.before-call", "playbook.checklist.exit-plan", "playbook.planner",
    ]);
    assert.deepEqual([...decodeChecklist(byKey["playbook.checklist.before-call"]).ticked].sort(), ["reason-in-facts", "write-script"]);
    const planner = decodePlanner(byKey["playbook.planner"]);
    assert.equal(planner.status, "ok");
    assert.deepEqual({ values: planner.values, edited: planner.edited }, PLANNER);
    assert.deepEqual(decodeLast(byKey["playbook.calculator.last"]), CALC);
  });

  test("a milestone calculation travels with its milestone names; names that would need repairing are refused", () => {
    const milestones = decodeState("calc=2&ms=2500000_10000.1500000_0&paid=3000000&exp=100000&cur=NOK&mode=by_work&rate=2500&tb=excl&pb=excl&eb=excl");
    assert.ok(milestones?.milestones, "a milestone calculation");
    const stored = encodeLast(milestones, ["Design", "Build"]);
    const built = exported([["playbook.calculator.last", stored]]);
    assert.equal(built.count, 1);
    assert.deepEqual(built.skipped, []);
    const parsed = parseExport(built.text);
    assert.equal(parsed.ok, true);
    assert.equal(parsed.entries[0].text, stored);
    assert.deepEqual(decodeNames(parsed.entries[0].text), ["Design", "Build"]);
    const data = JSON.parse(built.text).data;
    const tooLong = { ...data["playbook.calculator.last"], names: ["x".repeat(10000)] };
    const refused = parseExport(file({ "playbook.calculator.last": tooLong }));
    assert.equal(refused.ok, false);
    assert.equal(refused.code, "wrong_shape");
  });

  test("the file is readable JSON with the stored objects, not strings inside strings", () => {
    const { text } = exported();
    const data = JSON.parse(text);
    assert.deepEqual(Object.keys(data), ["format", "version", "exported", "data"]);
    assert.equal(data.format, "client-exit-playbook");
    assert.deepEqual(data.data["playbook.checklist.exit-plan"], { version: 1, ticked: ["read-contract-count-notice"] });
    assert.equal(data.data["playbook.planner"].values.client_company, "Fjordlys AS");
    assert.ok(text.endsWith("}\n") && text.includes("\n  \"data\": {"));
  });

  test("export then import then export gives the same file", () => {
    const first = exported();
    const entries = parseExport(first.text).entries.map(({ key, text }) => [key, text]);
    assert.equal(exported(entries).text, first.text);
  });

  test("an empty browser exports an empty file, which imports as nothing", () => {
    const r = buildExport([], { exported: new Date(NOW) });
    assert.deepEqual(JSON.parse(r.text), { format: FORMAT, version: 1, exported: NOW, data: {} });
    assert.deepEqual(parseExport(r.text), { ok: true, exported: NOW, entries: [] });
  });

  test("entries that cannot go in are named, the rest goes", () => {
    const r = exported([
      ...STORED,
      ["playbook.checklist.broken", "{not json"],
      ["playbook.checklist.newer", JSON.stringify({ version: 9, ticked: [] })],
      ["playbook.checklist.hostile", JSON.stringify({ version: 1, ticked: ["<script>"] })],
      ["playbook.checklist.absent", null],
    ]);
    assert.equal(r.count, 4);
    assert.deepEqual(r.skipped, [
      { key: "playbook.checklist.broken", code: "not_json" },
      { key: "playbook.checklist.hostile", code: "markup" },
      { key: "playbook.checklist.newer", code: "newer_entry" },
    ]);
    assert.equal(parseExport(r.text).ok, true);
  });

  test("property: any planner texts without markup survive the trip", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 300 }).filter((s) => !/<[A-Za-z/!?]/.test(s));
    fc.assert(fc.property(text, text, text, (client_company, reason_details, confirmation) => {
      const planner = plannerWith({ client_company, reason_details }, { confirmation });
      const r = exported([["playbook.planner", encodePlanner(planner)]]);
      const parsed = parseExport(r.text);
      assert.equal(parsed.ok, true);
      const back = decodePlanner(parsed.entries[0].text);
      assert.deepEqual({ values: back.values, edited: back.edited }, planner);
    }), RUNS);
  });

  test("buildExport refuses a missing time or a non-iterable", () => {
    assert.deepEqual(buildExport(STORED, {}), { ok: false, code: "invalid_input" });
    assert.deepEqual(buildExport(STORED, { exported: new Date(NaN) }), { ok: false, code: "invalid_input" });
    assert.deepEqual(buildExport(null, { exported: NOW }), { ok: false, code: "invalid_input" });
  });

  test("file name", () => {
    assert.equal(exportFileName(new Date(NOW)), "client-exit-playbook-2027-05-03.json");
    assert.equal(exportFileName("2027-12-31T23:59:59+01:00"), "client-exit-playbook-2027-12-31.json");
  });
});

describe("a file from before the documents", () => {
  test("a version 1 planner entry is migrated by the planner's own steps: the client name becomes the company", () => {
    const v1 = { version: 1, values: { client_name: "Fjordlys AS", reason: "fit" }, edited: { script: null, confirmation: "Mine" } };
    const parsed = parseExport(file({ "playbook.planner": v1 }));
    assert.equal(parsed.ok, true);
    const planner = decodePlanner(parsed.entries[0].text);
    assert.equal(planner.status, "ok");
    assert.equal(planner.values.client_company, "Fjordlys AS");
    assert.equal(planner.values.reason, "fit");
    assert.equal(planner.edited.confirmation, "Mine");
    assert.deepEqual(parseExport(file({ "playbook.planner": { version: 1, values: "x" } })), { ok: false, code: "wrong_shape", key: "playbook.planner" });
  });

  test("the calendar seed travels with the planner, and only as a UUID", () => {
    const seed = "0f9c2a4e-1b2c-4d3e-8f90-123456789abc";
    const current = JSON.parse(encodePlanner({ ...emptyPlanner(), seed }));
    const parsed = parseExport(file({ "playbook.planner": current }));
    assert.equal(decodePlanner(parsed.entries[0].text).seed, seed);
    assert.equal(parseExport(file({ "playbook.planner": { ...current, seed: "not-a-uuid" } })).code, "wrong_shape");
  });
});

describe("import refuses, whole", () => {
  const data = validData();
  const cases = [
    ["not a string", null, "invalid_input"],
    ["empty", "", "not_json"],
    ["not JSON", "{\"format\": \"client-exit-playbook\",", "not_json"],
    ["HTML", "<html><body>hi</body></html>", "not_json"],
    ["a number", "42", "not_ours"],
    ["an array", "[]", "not_ours"],
    ["null", "null", "not_ours"],
    ["another format", JSON.stringify({ format: "something-else", version: 1, exported: NOW, data: {} }), "not_ours"],
    ["no format", JSON.stringify({ version: 1, exported: NOW, data }), "not_ours"],
    ["a newer version", file(data, { version: 2 }), "newer_version"],
    ["version as text", file(data, { version: "1" }), "malformed"],
    ["version 0", file(data, { version: 0 }), "malformed"],
    ["no version", JSON.stringify({ format: FORMAT, exported: NOW, data }), "malformed"],
    ["no export time", JSON.stringify({ format: FORMAT, version: 1, data }), "malformed"],
    ["a bad export time", file(data, { exported: "yesterday" }), "malformed"],
    ["data as an array", file([]), "malformed"],
    ["data as text", file("{}"), "malformed"],
    ["another top-level key", file(data, { extra: true }), "malformed"],
    ["an unknown key", file({ ...data, "playbook.secret": {} }), "unknown_key", "playbook.secret"],
    ["a foreign key", file({ ...data, "__md_scope": "/" }), "unknown_key", "__md_scope"],
    ["__proto__", `{"format":"${FORMAT}","version":1,"exported":"${NOW}","data":{"__proto__":{"x":1}}}`, "unknown_key", "__proto__"],
    ["a checklist id no page could have", file({ "playbook.checklist.Bad Id": { version: 1, ticked: [] } }), "unknown_key", "playbook.checklist.Bad Id"],
    ["markup in a planner text", file({ ...data, "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, client_company: "<img src=x onerror=alert(1)>" } } }), "markup", "playbook.planner"],
    ["a closing tag", file({ ...data, "playbook.planner": { ...data["playbook.planner"], edited: { script: "</textarea>", confirmation: null } } }), "markup", "playbook.planner"],
    ["a comment", file({ "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, refund: "<!-- x -->" } } }), "markup", "playbook.planner"],
    ["markup in a tick id", file({ "playbook.checklist.before-call": { version: 1, ticked: ["<b>"] } }), "markup", "playbook.checklist.before-call"],
    ["markup in an object key", file({ "playbook.planner": { ...data["playbook.planner"], values: { "<svg onload=x>": "" } } }), "markup", "playbook.planner"],
    ["a newer checklist entry", file({ "playbook.checklist.before-call": { version: 2, ticked: [], more: 1 } }), "newer_entry", "playbook.checklist.before-call"],
    ["a newer planner entry", file({ "playbook.planner": { version: 5 } }), "newer_entry", "playbook.planner"],
    ["a newer calculation", file({ "playbook.calculator.last": { version: 7, state: "x" } }), "newer_entry", "playbook.calculator.last"],
    ["ticks not a list", file({ "playbook.checklist.before-call": { version: 1, ticked: "a" } }), "wrong_shape", "playbook.checklist.before-call"],
    ["a tick id with spaces", file({ "playbook.checklist.before-call": { version: 1, ticked: ["a b"] } }), "wrong_shape", "playbook.checklist.before-call"],
    ["a checklist with an extra key", file({ "playbook.checklist.before-call": { version: 1, ticked: [], x: 1 } }), "wrong_shape", "playbook.checklist.before-call"],
    ["a checklist as text", file({ "playbook.checklist.before-call": "{\"version\":1,\"ticked\":[]}" }), "wrong_shape", "playbook.checklist.before-call"],
    ["a planner name as a number", file({ "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, client_company: 5 } } }), "wrong_shape", "playbook.planner"],
    ["an unknown planner field", file({ "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, iban: "x" } } }), "wrong_shape", "playbook.planner"],
    ["an unknown choice", file({ "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, reason: "revenge" } } }), "wrong_shape", "playbook.planner"],
    ["a text over the limit", file({ "playbook.planner": { ...data["playbook.planner"], values: { ...data["playbook.planner"].values, client_company: "x".repeat(4001) } } }), "wrong_shape", "playbook.planner"],
    ["an unknown edited output", file({ "playbook.planner": { ...data["playbook.planner"], edited: { script: null, confirmation: null, letter: "x" } } }), "wrong_shape", "playbook.planner"],
    ["planner values missing", file({ "playbook.planner": { version: 1 } }), "wrong_shape", "playbook.planner"],
    ["a calculation that is not one", file({ "playbook.calculator.last": { version: 1, state: "calc=1&total=-5" } }), "wrong_shape", "playbook.calculator.last"],
    ["a calculation as a number", file({ "playbook.calculator.last": 5 }), "wrong_shape", "playbook.calculator.last"],
    // Nested deeper than any check's call stack reaches: refused with a code, not thrown.
    ["arrays nested 100 000 deep", file({}).replace('"data":{}', `"data":{"playbook.planner": ${"[".repeat(100000)}${"]".repeat(100000)}}`), "wrong_shape", "playbook.planner"],
    ["objects nested 20 deep", file({ "playbook.planner": JSON.parse(`${'{"a":'.repeat(20)}1${"}".repeat(20)}`) }), "wrong_shape", "playbook.planner"],
  ];
  for (const [name, text, code, key] of cases) {
    test(`${name}: ${code}`, () => {
      assert.deepEqual(parseExport(text), { ok: false, code, ...(key === undefined ? {} : { key }) });
      assert.ok(ERROR_CODES.includes(code));
    });
  }

  test("one bad entry among good ones: nothing is returned to apply", () => {
    const text = file({ ...data, "playbook.checklist.zzz": { version: 1, ticked: [5] } });
    const r = parseExport(text);
    assert.equal(r.ok, false);
    assert.equal(r.entries, undefined);
  });

  test("the size limit counts octets of UTF-8, before parsing", () => {
    const base = file(data); // holds æøå and «», so its octets outnumber its characters
    const octets = Buffer.byteLength(base, "utf8");
    assert.ok(octets > base.length);
    const fill = (n) => base + " ".repeat(n);
    assert.equal(parseExport(fill(MAX_BYTES - octets)).ok, true);
    assert.deepEqual(parseExport(fill(MAX_BYTES - octets + 1)), { ok: false, code: "too_large" });
    // æ is two octets: a text of MAX_BYTES / 2 + 1 of them is over the limit though it has fewer characters
    assert.deepEqual(parseExport("æ".repeat(MAX_BYTES / 2 + 1)), { ok: false, code: "too_large" });
    assert.deepEqual(parseExport("{".repeat(MAX_BYTES + 1)), { ok: false, code: "too_large" });
  });

  test("a byte order mark and ordinary < and > in text are fine", () => {
    assert.equal(parseExport(`\uFEFF${file(data)}`).ok, true);
    const p = data["playbook.planner"];
    const text = file({ "playbook.planner": { ...p, values: { ...p.values, reason_details: "2 < 3, a -> b, <3, x>y, < b" } } });
    assert.equal(parseExport(text).ok, true);
  });

  test("arbitrary text and arbitrary JSON never throw, and fail with a declared code", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const r = parseExport(text);
      if (!r.ok) assert.ok(ERROR_CODES.includes(r.code), r.code);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (d) => {
      const r = parseExport(file(d));
      if (!r.ok) assert.ok(ERROR_CODES.includes(r.code), r.code);
      else assert.ok(r.entries.every((e) => KINDS.some((k) => k.owns(e.key))));
    }), { numRuns: 2000 });
  });
});
