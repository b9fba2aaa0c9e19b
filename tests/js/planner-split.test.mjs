// What the planner's own bundle carries and what waits for its on-demand parts (issue #16's page weight): at load
// only the form and what fills it from storage; the texts, their tools, the export and import and the exit pack
// are the texts' part (loaded on first use), which works before (and without) the exit documents' part; the
// documents' texts, dates and calendar stay in that part, which does not carry the texts' tools again; the
// calculator's arithmetic (a stored calculation, the export file's checks) is the calculation part, which a
// fresh reader is not sent. Bundled the way the build bundles them (site/bundle.py).

import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

import * as planner from "../../overrides/assets/javascripts/planner/planner.js";
import { KEY } from "../../overrides/assets/javascripts/calculator/last-calculation.js";
import { DOCUMENT_STRING_KEYS } from "../../overrides/assets/javascripts/planner/documents-view.js";
import { OUTPUT_STRING_KEYS } from "../../overrides/assets/javascripts/planner/output-tools.js";
import { NAMES, TEXTS_STRING_KEYS } from "../../overrides/assets/javascripts/planner/texts-part.js";

const { CALCULATION_KEY, STRING_KEYS } = planner;

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

test("the planner's bundle has the form and its storage, not the texts, their tools or the documents", () => {
  const modules = bundled("planner/planner.js");
  for (const eager of ["planner/planner-state.js", "documents/document-fields.js", "lib/interaction.js"]) {
    assert.ok(modules.includes(eager), `${eager} is in the planner's bundle`);
  }
  for (const later of ["planner/texts-part.js", "planner/output-tools.js", "planner/exit-pack.js", "planner/exit-pack-model.js", "lib/download.js"]) {
    assert.ok(!modules.includes(later), `${later} waits for the texts' part`);
  }
  for (const later of ["planner/documents-view.js", "documents/document-text.js", "documents/ics.js", "documents/notice-dates.js"]) {
    assert.ok(!modules.includes(later), `${later} waits for the exit documents' part`);
  }
  for (const later of ["documents/export-file.js", "planner/calculation-part.js"]) {
    assert.ok(!modules.includes(later), `${later} waits for the calculation part`);
  }
  assert.deepEqual(modules.filter((path) => path.startsWith("calculator/")), [], "no arithmetic for a fresh reader");
});

test("the planner's bundle does not carry the texts' templates (only the names of the form's choices)", () => {
  const result = buildSync({
    entryPoints: [JS + "planner/planner.js"], bundle: true, minify: true, format: "iife", target: "es2022",
    write: false, logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  // planner-text.js's TEMPLATES and documents/document-templates.js's tables: keys only they hold.
  for (const key of ["script.opening", "notice.attention", "confirmation.settlement.refund"]) {
    assert.ok(!code.includes(key), `${key} is not in the at-load bundle`);
  }
  assert.ok(code.includes("hand_over"), "the form's own choices are");
});

test("the texts' part carries the texts, their tools, the transfer and the exit pack, not the form or the documents", () => {
  const modules = bundled("planner/texts-part.js");
  for (const module of ["planner/planner-text.js", "planner/output-tools.js", "planner/exit-pack.js", "planner/exit-pack-model.js"]) {
    assert.ok(modules.includes(module), module);
  }
  for (const own of ["planner/planner.js", "planner/documents-view.js", "documents/document-text.js", "documents/export-file.js", "lib/interaction.js"]) {
    assert.ok(!modules.includes(own), `${own} is not in the texts' part`);
  }
  // What the form's bundle has already (planner.js hands it over) is not sent a second time.
  for (const shared of ["planner/planner-state.js", "lib/bundles.js", "lib/storage.js", "lib/parts.js"]) {
    assert.ok(!modules.includes(shared), `${shared} comes from the form's bundle`);
  }
  assert.deepEqual(modules.filter((path) => path.startsWith("calculator/")), [], "no arithmetic without a stored calculation");
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

test("the tools' and the transfer's strings are the texts' part's, their buttons' names the page's, the calendar's the documents'", () => {
  for (const key of OUTPUT_STRING_KEYS) {
    assert.ok(TEXTS_STRING_KEYS.includes(key), `${key} is in the texts' part's strings`);
    assert.ok(!STRING_KEYS.includes(key), `${key} is not in the page's config`);
    assert.ok(!DOCUMENT_STRING_KEYS.includes(key), `${key} is not only in the documents' strings`);
  }
  for (const key of ["downloaded", "unfilled", "all-filled", "export", "import.label", "transfer.legend"]) {
    assert.ok(OUTPUT_STRING_KEYS.includes(key), key);
  }
  // The buttons are on the page before the part: their names, and what the form shows, are the page's.
  for (const key of ["print-document", "download-text", "copy.script", "copy.confirmation", "print", "forget", "documents.show", "texts.failed", "texts.retry"]) {
    assert.ok(STRING_KEYS.includes(key), `${key} is in the page's config`);
    assert.ok(!TEXTS_STRING_KEYS.includes(key), `${key} is not the part's`);
  }
  assert.deepEqual(STRING_KEYS.filter((key) => TEXTS_STRING_KEYS.includes(key) || DOCUMENT_STRING_KEYS.includes(key)), []);
  assert.deepEqual(TEXTS_STRING_KEYS.filter((key) => DOCUMENT_STRING_KEYS.includes(key)), []);
  assert.deepEqual(DOCUMENT_STRING_KEYS.filter((key) => ["download-ics", "ics-missing"].includes(key)), ["download-ics", "ics-missing"]);
});

test("the texts' part uses planner.js's names without carrying planner.js", () => {
  assert.deepEqual(NAMES, {
    templates: planner.ATTRIBUTES.templates, documentsState: planner.ATTRIBUTES.documentsState,
    stringPrefix: planner.STRING_PREFIX, documentsPart: planner.DOCUMENTS_PART,
    calculationPart: planner.CALCULATION_PART, calculationKey: planner.CALCULATION_KEY,
  });
});
