// The tools every planner text has, and the move to another browser: part of the planner's texts' part
// (texts-part.js), so they work before (and without) the exit documents' on-demand part; the buttons themselves
// are built at load by planner.js, so a click before this code arrives is answered once it has (holdClicks).
//
// - decorate(): for one output (the call script, the written confirmation, and each exit document once its part
//   is open) wires the button that prints the text on its own and the one that downloads it as a .txt file;
//   render() keeps each output's note of the unfilled placeholders left in it current
//   (documents/document-fields.js unfilled(), also after the reader edited the text by hand).
// - The print sheet: printOne() puts one text on a sheet only paper shows (planner.css, data-print-document on
//   <html>), endPrint() takes it away again so the exit pack prints as before.
// - transfer: export everything this browser keeps for the playbook into a file, and import such a file
//   (documents/export-file.js, which checks a stored calculation with the calculator's own decoder: it comes
//   with the planner's calculation part, loaded when the reader exports or imports, kit.transferCode; should
//   that fail, offline, the status says so). Importing writes storage and hands the result to planner.js (apply), which
//   shows it; the exit documents' fields, if their part is not open yet, show it when it opens. This is how a
//   reader moves to a new browser, where nothing is stored and the part would never load on its own.
//
// Nothing leaves the page: downloads are Blobs behind an <a download> (the object URL revoked after the click),
// the import reads a file the reader chooses with FileReader, and every text goes into a value or textContent,
// never into HTML.

import { OUTPUT_ATTRIBUTES } from "./attributes.js";
import { textFileName, unfilled } from "../documents/document-fields.js";
import { h } from "../lib/dom.js";
import { download } from "../lib/download.js";

export { OUTPUT_ATTRIBUTES, download };

/** export-file.js's codes, by the message (import.error.<message>) each gets. */
export const IMPORT_ERRORS = Object.freeze({
  too_large: "too_large", not_json: "not_json", not_ours: "not_ours", newer_version: "newer_version",
  newer_entry: "newer_version", markup: "markup", malformed: "malformed", unknown_key: "malformed",
  wrong_shape: "malformed", invalid_input: "malformed",
});

/** Largest import file read, in bytes (export-file.js refuses more than it writes in any case). */
export const MAX_IMPORT_BYTES = 256 * 1024;

/** The planner string keys (without "planner.") this module reads; they come with the texts' part (the
 * buttons' own names, "print-document" and "download-text", are the form's: planner.js STRING_KEYS). */
export const OUTPUT_STRING_KEYS = Object.freeze([
  "downloaded", "unfilled", "all-filled",
  "transfer.legend", "transfer.intro", "transfer.unavailable", "export", "exported", "exported.skipped", "exported.skipped.markup", "import.label", "imported",
  ...[...new Set(Object.values(IMPORT_ERRORS))].map((code) => `import.error.${code}`),
]);

/**
 * The texts' tools and the transfer section.
 * @param {{t: Function, fieldId: Function, templates: Record<string, string>, doc: Document,
 *   apply: (entries: Array<{key: string, text: string}>) => void, transferCode: () => Promise<object>,
 *   held?: () => Array<[string, string | null]>}} kit
 *   planner.js's translator and ids, the page's templates (for the unfilled markers), the document, what to do
 *   with an imported file's entries, and the loading of export-file.js (buildExport, parseExport,
 *   exportFileName, MIME_TYPE), and the entries this visit holds (the planner's storage, which keeps them in
 *   the page when the browser refuses them)
 * @returns {{decorate: Function, render: Function, sheet: HTMLElement, endPrint: Function, transfer: HTMLElement}}
 */
export function createOutputTools(kit) {
  const { t, fieldId, templates, doc } = kit;

  // --- Print on its own ------------------------------------------------------------------------------------------
  const sheet = h("div", { class: "planner-print-sheet", [OUTPUT_ATTRIBUTES.printSheet]: "" });
  function printOne(area, name) {
    sheet.textContent = area.value;
    doc.documentElement.setAttribute(OUTPUT_ATTRIBUTES.printing, name);
    doc.defaultView.print();
  }
  const endPrint = () => doc.documentElement.removeAttribute(OUTPUT_ATTRIBUTES.printing);

  /**
   * Wire the print and download buttons of one output (planner.js createOutput built them, with its unfilled
   * note, which render() fills).
   * @param {string} name the output's [data-output] name
   * @param {{area: HTMLTextAreaElement, status: HTMLElement, print: HTMLButtonElement, save: HTMLButtonElement}} part
   *   its text, its status line and its two buttons
   */
  function decorate(name, { area, status, print, save }) {
    print.addEventListener("click", () => printOne(area, name));
    save.addEventListener("click", () => {
      download(doc, area.value.replace(/\n/g, "\r\n"), textFileName(t(`output.${name}.heading`), new Date().toISOString().slice(0, 10)), "text/plain;charset=utf-8");
      status.textContent = t("downloaded");
    });
  }

  /** Name the unfilled markers left in each output's text. @param {Iterable<{area, note}>} outputs */
  function render(outputs) {
    for (const { area, note } of outputs) {
      if (!note) continue;
      const names = unfilled(area.value, templates);
      const message = names.length ? t("unfilled", { names: names.join(", ") }) : t("all-filled");
      if (note.textContent !== message) note.textContent = message;
      note.classList.toggle("planner__unfilled--open", names.length > 0);
    }
  }

  // --- Export and import -------------------------------------------------------------------------------------
  const transferStatus = h("p", { class: "planner__status", role: "status", [OUTPUT_ATTRIBUTES.transferStatus]: "" });
  const exportButton = h("button", { type: "button", class: "md-button planner__button", [OUTPUT_ATTRIBUTES.exportButton]: "" }, t("export"));
  const importId = fieldId("import");
  const importInput = h("input", { id: importId, type: "file", accept: ".json,application/json", class: "planner__file", [OUTPUT_ATTRIBUTES.importInput]: "" });
  const transfer = h("section", { class: "planner__transfer", "aria-labelledby": fieldId("transfer-heading"), "data-screen-only": "" },
    h("h3", { id: fieldId("transfer-heading"), class: "planner__heading" }, t("transfer.legend")),
    h("p", { class: "planner__hint" }, t("transfer.intro")),
    h("div", { class: "planner__actions" }, exportButton),
    h("div", { class: "planner__field" }, h("label", { for: importId, class: "planner__label" }, t("import.label")), importInput),
    transferStatus);

  /** What the browser keeps for the playbook, with what this visit holds on top (kit.held): where storage is
   * refused or full, the planner's and the calculation's entries live only in the page, and the export is
   * the reader's one way to keep them. */
  function storedPairs() {
    const pairs = new Map();
    try {
      const store = doc.defaultView.localStorage;
      for (const key of Object.keys(store)) pairs.set(key, store.getItem(key));
    } catch {
      // refused: only what this visit holds
    }
    for (const [key, text] of kit.held?.() ?? []) if (typeof text === "string") pairs.set(key, text);
    return [...pairs];
  }

  /** export-file.js's functions, or null (the status then says they could not be loaded). */
  const transferCode = () => kit.transferCode().catch((error) => {
    console.error(error);
    transferStatus.textContent = t("transfer.unavailable");
    return null;
  });

  exportButton.addEventListener("click", async () => {
    const code = await transferCode();
    if (!code) return;
    const { buildExport, exportFileName, MIME_TYPE: EXPORT_TYPE } = code;
    const now = new Date();
    const built = buildExport(storedPairs(), { exported: now });
    if (!built.ok) {
      transferStatus.textContent = t(`import.error.${IMPORT_ERRORS[built.code] ?? "malformed"}`);
      return;
    }
    download(doc, built.text, exportFileName(now), EXPORT_TYPE);
    // A saved part the file cannot carry (text such as "Kari <kari@firma.no>" looks like markup to parseExport)
    // is named, so the reader does not take the file for a full copy.
    const left = built.skipped.length;
    const markup = built.skipped.some(({ code }) => code === "markup");
    transferStatus.textContent = t("exported", { n: built.count })
      + (left ? ` ${t(markup ? "exported.skipped.markup" : "exported.skipped")}` : "");
  });

  importInput.addEventListener("change", () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const fail = (code) => { transferStatus.textContent = t(`import.error.${IMPORT_ERRORS[code] ?? "malformed"}`); };
    if (file.size > MAX_IMPORT_BYTES) {
      importInput.value = "";
      return fail("too_large");
    }
    const reader = new FileReader();
    reader.addEventListener("load", async () => {
      importInput.value = "";
      const code = await transferCode();
      if (!code) return;
      const parsed = code.parseExport(String(reader.result));
      if (!parsed.ok) return fail(parsed.code);
      kit.apply(parsed.entries);
      transferStatus.textContent = t("imported");
    });
    reader.addEventListener("error", () => fail("not_json"));
    reader.readAsText(file);
  });

  return { decorate, render, sheet, endPrint, transfer };
}
