// What the planner's own bundle carries and what waits for its on-demand parts (issue #16's page weight): the
// tools every text has and the export and import buttons are the planner's, so they work before (and without)
// the exit documents' part; the documents' texts, dates and calendar stay in that part, which does not carry
// the planner's tools again; the calculator's arithmetic (a stored calculation, the export file's checks) is the
// calculation part, which a fresh reader is not sent. Bundled the way the build bundles them (site/bundle.py).

import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

import { CALCULATION_KEY, STRING_KEYS } from "../../overrides/assets/javascripts/planner/planner.js";
import { KEY } from "../../overrides/assets/javascripts/calculator/last-calculation.js";
import { DOCUMENT_STRING_KEYS } from "../../overrides/assets/javascripts/planner/documents-view.js";
import { OUTPUT_STRING_KEYS } from "../../overrides/assets/javascripts/planner/output-tools.js";

const JS = fileURLToPath(new URL("../../overrides/assets/javascripts/", import.meta.url));

/** The source modules (relative to assets/javascripts/) esbuild puts into the bundle of `entry`. */
function bundled(entry) {
  const result = buildSync({
    entryPoints: [JS + entry], bundle: true, minify: true, format: "iife", target: "es2022", write: false,
    metafile: true, logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.keys(output.inputs).map((path) => path.replace(/^.*overrides\/assets\/javascripts\//, ""));
}

test("the planner's bundle has the texts' tools and the transfer, not the documents", () => {
  const modules = bundled("planner/planner.js");
  for (const eager of ["planner/output-tools.js", "documents/document-fields.js"]) {
    assert.ok(modules.includes(eager), `${eager} is in the planner's bundle`);
  }
  for (const later of ["planner/documents-view.js", "documents/document-text.js", "documents/ics.js", "documents/notice-dates.js"]) {
    assert.ok(!modules.includes(later), `${later} waits for the exit documents' part`);
  }
  for (const later of ["documents/export-file.js", "planner/calculation-part.js"]) {
    assert.ok(!modules.includes(later), `${later} waits for the calculation part`);
  }
  assert.deepEqual(modules.filter((path) => path.startsWith("calculator/")), [], "no arithmetic for a fresh reader");
});

test("the calculation part carries the calculator's arithmetic and the export file", () => {
  const modules = bundled("planner/calculation-part.js");
  for (const module of ["calculator/refund-math.js", "calculator/refund-state.js", "calculator/last-calculation.js", "documents/export-file.js"]) {
    assert.ok(modules.includes(module), module);
  }
  assert.ok(!modules.includes("planner/planner.js") && !modules.includes("planner/output-tools.js"));
  assert.equal(CALCULATION_KEY, KEY, "the planner looks for the calculation where the calculator keeps it");
});

test("the documents' part does not carry the planner's tools or the transfer again", () => {
  const modules = bundled("planner/documents-view.js");
  assert.ok(modules.includes("documents/document-text.js"));
  for (const own of ["planner/output-tools.js", "documents/export-file.js", "planner/planner.js"]) {
    assert.ok(!modules.includes(own), `${own} is not in the part`);
  }
});

test("the tools' and the transfer's strings are the page's, the calendar's the part's", () => {
  for (const key of OUTPUT_STRING_KEYS) {
    assert.ok(STRING_KEYS.includes(key), `${key} is in the page's config`);
    assert.ok(!DOCUMENT_STRING_KEYS.includes(key), `${key} is not only in the part's strings`);
  }
  for (const key of ["print-document", "download-text", "downloaded", "unfilled", "all-filled", "export", "import.label", "transfer.legend"]) {
    assert.ok(OUTPUT_STRING_KEYS.includes(key), key);
  }
  assert.deepEqual(DOCUMENT_STRING_KEYS.filter((key) => ["download-ics", "ics-missing"].includes(key)), ["download-ics", "ics-missing"]);
});
