// The exit documents on the planner page: the DOM around documents/document-text.js. Thin: it builds the
// documents' fields, and for every output (the planner's two texts and the five documents) the buttons that
// print it on its own, download it as text and name the fields left unfilled; the plan's calendar file; and the
// export and import of everything this browser keeps (documents/export-file.js). planner.js creates it and
// calls render() whenever the texts change.
//
// An on-demand part (bundle.py PARTS, "planner-documents"): the build makes it part-planner-documents.js, and
// planner.js loads it (lib/bundles.js) only when the reader opens the exit documents, or at once for a reader who
// already used them or a link into them. Its strings (DOCUMENT_STRING_KEYS) come with it, in the page's language,
// as strings-planner-documents.<code>.js; the page config does not carry them. The client's company and contact,
// which the script and the confirmation use too, are planner.js's own fields.
//
// Nothing leaves the page: downloads are Blobs behind an <a download> (the object URL revoked after the
// click), the import reads a file the reader chooses with FileReader, and every text goes into a value or
// textContent, never into HTML.

import { DOCUMENTS, WRITERS, fieldErrors, formatDate, noticeEnd, planSteps, textFileName, unfilled } from "../documents/document-text.js";
import { MIME_TYPE as EXPORT_TYPE, buildExport, exportFileName, parseExport } from "../documents/export-file.js";
import { MIME_TYPE as ICS_TYPE, buildCalendar } from "../documents/ics.js";
import { CONVENTIONS, UNITS } from "../documents/notice-dates.js";
import { h } from "../lib/dom.js";

/** Attribute names shared with the tests. */
export const DOCUMENT_ATTRIBUTES = Object.freeze({
  errorFor: "data-error-for",
  endDate: "data-end-date",
  print: "data-document-print",
  download: "data-download",
  unfilled: "data-unfilled",
  exportButton: "data-export",
  importInput: "data-import",
  transferStatus: "data-transfer-status",
  printing: "data-print-document",
  printSheet: "data-print-sheet",
});

const IMPORT_ERRORS = Object.freeze({
  too_large: "too_large", not_json: "not_json", not_ours: "not_ours", newer_version: "newer_version",
  newer_entry: "newer_version", markup: "markup", malformed: "malformed", unknown_key: "malformed",
  wrong_shape: "malformed", invalid_input: "malformed",
});
const FIELD_ERRORS = ["invalid_date", "invalid_period", "period_too_long", "invalid_characters", "not_nine_digits", "bad_check_digit", "before_invoice"];

export { DOCUMENTS, WRITERS };

/** Every planner string key this module reads (without the "planner." prefix): the part's strings. */
export const DOCUMENT_STRING_KEYS = Object.freeze([
  "documents.legend", "documents.intro", "parties.legend", "seller_name.label", "seller_org_nr.label", "seller_org_nr.hint",
  "vat_registered.label", "agreement_date.label", "agreement_clause.label", "agreement_clause.hint",
  "notice.legend", "notice_date.label", "notice_period.label", "notice_unit.label", ...UNITS.map((u) => `notice_unit.${u}`),
  "notice_from.legend", ...CONVENTIONS.map((c) => `notice_from.${c}`), "notice.end", "notice.no-end",
  "deliverables.label", "deliverables.hint", "handover.docs.legend", "handover_date.label", "handover_items.label",
  "handover_items.hint", "settlement_date.label", "settlement_date.hint", "credit.legend", "credit.intro",
  "invoice_number.label", "invoice_date.label", "credit_note_number.label", "credit_note_date.label", "credit_description.label",
  ...FIELD_ERRORS.map((code) => `error.${code}`),
  ...DOCUMENTS.flatMap((name) => [`output.${name}.heading`, `output.${name}.hint`, `copy.${name}`]),
  "print-document", "download-text", "download-ics", "downloaded", "ics-missing", "unfilled", "all-filled",
  "transfer.legend", "transfer.intro", "export", "exported", "exported.skipped", "exported.skipped.markup", "import.label", "imported",
  ...[...new Set(Object.values(IMPORT_ERRORS))].map((code) => `import.error.${code}`),
]);

/** Offer `text` as a file download: a Blob behind a temporary <a download>, its URL revoked afterwards. */
export function download(doc, text, fileName, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: fileName, hidden: true });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The documents' part of the planner.
 * @param {{t: Function, fieldId: Function, field: Function, group: Function, radios: Function, locale: string,
 *   templates: Record<string, string>, doc: Document}} kit planner.js's builders and the page's data
 * @returns the fieldsets to put in the form, read()/write() of their values, decorate(name, part) for each
 *   output, render(values, texts), and the transfer section
 */
export function createDocumentsView(kit) {
  const { t, fieldId, field, group, radios, locale, templates, doc } = kit;
  const inputs = {};
  const errors = {};
  const withError = (name, built) => {
    const id = fieldId(`${name}-error`);
    const message = h("p", { id, class: "planner__error", [DOCUMENT_ATTRIBUTES.errorFor]: name, "aria-live": "polite" });
    const input = built.input;
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
    built.wrapper.append(message);
    inputs[name] = input;
    errors[name] = message;
    return built.wrapper;
  };
  const text = (name, extra = {}) => withError(name, field(name, {
    label: t(`${name}.label`), hint: kit.has(`${name}.hint`) ? t(`${name}.hint`) : null, extra: { maxlength: 200, ...extra },
  }));
  const lines = (name) => withError(name, field(name, { label: t(`${name}.label`), hint: kit.has(`${name}.hint`) ? t(`${name}.hint`) : null, multiline: true }));
  const date = (name) => withError(name, field(name, { label: t(`${name}.label`), type: "date" }));

  const vatId = fieldId("vat-registered");
  inputs.vat_registered = h("input", { id: vatId, name: "vat_registered", type: "checkbox", class: "planner__checkbox" });
  const unitId = fieldId("notice-unit");
  inputs.notice_unit = h("select", { id: unitId, name: "notice_unit", class: "planner__select" },
    ...UNITS.map((unit) => h("option", { value: unit }, t(`notice_unit.${unit}`))));
  const from = radios("notice_from", CONVENTIONS.map((c) => [c, t(`notice_from.${c}`)]));
  // The choices cannot be wrong, but every field of the interface has its message element.
  const quiet = (name) => h("p", { class: "planner__error", [DOCUMENT_ATTRIBUTES.errorFor]: name, "aria-live": "polite" });
  const endNote = h("p", { class: "planner__hint planner__notice-end", "aria-live": "polite" });

  const parties = group(t("parties.legend"),
    text("seller_name"), text("seller_org_nr", { inputmode: "numeric", maxlength: 30 }),
    h("div", { class: "planner__choice" }, inputs.vat_registered, h("label", { for: vatId, class: "planner__choice-label" }, t("vat_registered.label"))),
    quiet("vat_registered"),
    date("agreement_date"), text("agreement_clause"));
  const notice = group(t("notice.legend"),
    date("notice_date"), text("notice_period", { inputmode: "numeric", maxlength: 5 }),
    h("div", { class: "planner__field", "data-field": "notice_unit" }, h("label", { for: unitId, class: "planner__label" }, t("notice_unit.label")), inputs.notice_unit, quiet("notice_unit")),
    group(t("notice_from.legend"), from.group, quiet("notice_from")), endNote, lines("deliverables"));
  const handover = group(t("handover.docs.legend"), date("handover_date"), lines("handover_items"), date("settlement_date"));
  const credit = group(t("credit.legend"), h("p", { class: "planner__hint" }, t("credit.intro")),
    text("invoice_number"), date("invoice_date"), text("credit_note_number"), date("credit_note_date"), lines("credit_description"));
  const section = h("fieldset", { class: "planner__group planner__documents" },
    h("legend", { class: "planner__legend" }, t("documents.legend")),
    h("p", { class: "planner__hint" }, t("documents.intro")), parties, notice, handover, credit);
  for (const name of ["notice_period", "seller_org_nr", "notice_date", "invoice_date", "credit_note_date"]) {
    inputs[name].setAttribute("aria-errormessage", errors[name].id);
  }

  function read() {
    const values = {};
    for (const [name, input] of Object.entries(inputs)) values[name] = input.type === "checkbox" ? input.checked : input.value;
    values.notice_from = from.inputs.find((input) => input.checked)?.value ?? "";
    return values;
  }

  function write(values) {
    for (const [name, input] of Object.entries(inputs)) {
      if (input.type === "checkbox") input.checked = values[name] === true;
      else input.value = values[name] ?? "";
    }
    for (const input of from.inputs) input.checked = input.value === values.notice_from;
  }

  function showErrors(values) {
    const found = fieldErrors(values);
    for (const [name, message] of Object.entries(errors)) {
      const code = found[name];
      const textNow = code ? t(`error.${code}`) : "";
      if (message.textContent !== textNow) message.textContent = textNow;
      if (code) inputs[name].setAttribute("aria-invalid", "true");
      else inputs[name].removeAttribute("aria-invalid");
    }
  }

  // --- Print on its own, download as text, name what is unfilled ----------------------------------------------
  const sheet = h("div", { class: "planner-print-sheet", [DOCUMENT_ATTRIBUTES.printSheet]: "" });
  const parts = {};

  function printOne(name) {
    sheet.textContent = parts[name].area.value;
    doc.documentElement.setAttribute(DOCUMENT_ATTRIBUTES.printing, name);
    doc.defaultView.print();
  }
  const endPrint = () => doc.documentElement.removeAttribute(DOCUMENT_ATTRIBUTES.printing);

  /** Add the print, download and unfilled parts to one output (its textarea, actions row and status). */
  function decorate(name, part) {
    const print = h("button", { type: "button", class: "md-button planner__button", [DOCUMENT_ATTRIBUTES.print]: name }, t("print-document"));
    const save = h("button", { type: "button", class: "md-button planner__button", [DOCUMENT_ATTRIBUTES.download]: "text", "data-document": name }, t("download-text"));
    const note = h("p", { class: "planner__hint planner__unfilled", [DOCUMENT_ATTRIBUTES.unfilled]: name, id: fieldId(`${name}-unfilled`) });
    part.actions.append(print, save);
    part.actions.before(note);
    part.area.setAttribute("aria-describedby", `${part.area.getAttribute("aria-describedby")} ${note.id}`);
    print.addEventListener("click", () => printOne(name));
    save.addEventListener("click", () => {
      download(doc, part.area.value.replace(/\n/g, "\r\n"), textFileName(t(`output.${name}.heading`), new Date().toISOString().slice(0, 10)), "text/plain;charset=utf-8");
      part.status.textContent = t("downloaded");
    });
    parts[name] = { ...part, note };
    if (name === "plan") {
      const ics = h("button", { type: "button", class: "md-button md-button--primary planner__button", [DOCUMENT_ATTRIBUTES.download]: "ics" }, t("download-ics"));
      part.actions.append(ics);
      ics.addEventListener("click", () => {
        const steps = planSteps(kit.values(), templates);
        if (!steps) {
          part.status.textContent = t("ics-missing");
          return;
        }
        const calendar = buildCalendar({ events: steps, stamp: new Date(), seed: kit.seed(), name: templates["plan.title"] });
        if (!calendar.ok) {
          part.status.textContent = t("ics-missing");
          return;
        }
        download(doc, calendar.text, textFileName(t("output.plan.heading"), steps[0].date).replace(/\.txt$/, ".ics"), ICS_TYPE);
        part.status.textContent = t("downloaded");
      });
    }
  }

  /** Show the notice's end date and each output's unfilled markers, and the fields' messages. */
  function render(values) {
    showErrors(values);
    const end = noticeEnd(values);
    const endText = end ? t("notice.end", { date: formatDate(end.endDate, locale) }) : t("notice.no-end");
    if (endNote.textContent !== endText) endNote.textContent = endText;
    if (parts.notice) {
      if (end) parts.notice.area.setAttribute(DOCUMENT_ATTRIBUTES.endDate, end.endDate);
      else parts.notice.area.removeAttribute(DOCUMENT_ATTRIBUTES.endDate);
    }
    for (const { area, note } of Object.values(parts)) {
      const names = unfilled(area.value, templates);
      const message = names.length ? t("unfilled", { names: names.join(", ") }) : t("all-filled");
      if (note.textContent !== message) note.textContent = message;
      note.classList.toggle("planner__unfilled--open", names.length > 0);
    }
  }

  // --- Export and import -------------------------------------------------------------------------------------
  const transferStatus = h("p", { class: "planner__status", role: "status", [DOCUMENT_ATTRIBUTES.transferStatus]: "" });
  const exportButton = h("button", { type: "button", class: "md-button planner__button", [DOCUMENT_ATTRIBUTES.exportButton]: "" }, t("export"));
  const importId = fieldId("import");
  const importInput = h("input", { id: importId, type: "file", accept: ".json,application/json", class: "planner__file", [DOCUMENT_ATTRIBUTES.importInput]: "" });
  const transfer = h("section", { class: "planner__transfer", "aria-labelledby": fieldId("transfer-heading"), "data-screen-only": "" },
    h("h3", { id: fieldId("transfer-heading"), class: "planner__heading" }, t("transfer.legend")),
    h("p", { class: "planner__hint" }, t("transfer.intro")),
    h("div", { class: "planner__actions" }, exportButton),
    h("div", { class: "planner__field" }, h("label", { for: importId, class: "planner__label" }, t("import.label")), importInput),
    transferStatus);

  function storedPairs() {
    try {
      const store = doc.defaultView.localStorage;
      return Object.keys(store).map((key) => [key, store.getItem(key)]);
    } catch {
      return [];
    }
  }

  exportButton.addEventListener("click", () => {
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
    if (file.size > 256 * 1024) {
      importInput.value = "";
      return fail("too_large");
    }
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      importInput.value = "";
      const parsed = parseExport(String(reader.result));
      if (!parsed.ok) return fail(parsed.code);
      kit.apply(parsed.entries);
      transferStatus.textContent = t("imported");
    });
    reader.addEventListener("error", () => fail("not_json"));
    reader.readAsText(file);
  });

  return { section, read, write, decorate, render, transfer, sheet, endPrint, printing: () => doc.documentElement.hasAttribute(DOCUMENT_ATTRIBUTES.printing) };
}
