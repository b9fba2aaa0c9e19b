// The exit documents on the planner page: the DOM around documents/document-text.js. Thin: it builds the
// documents' fields and their messages, the notice's end date, and the plan's calendar file. planner.js creates
// it, builds the five documents' outputs (with the print, download and unfilled tools of planner/output-tools.js,
// which the call script and the confirmation have from the start) and calls render() whenever the texts change.
// The export and import of everything this browser keeps are planner.js's own too (output-tools.js): a reader
// moving to a new browser imports before anything would load this part.
//
// An on-demand part (bundle.py PARTS, "planner-documents"): the build makes it part-planner-documents.js, and
// planner.js loads it (lib/bundles.js) only when the reader opens the exit documents, or at once for a reader who
// already used them or a link into them. Its strings (DOCUMENT_STRING_KEYS) come with it, in the page's language,
// as strings-planner-documents.<code>.js; the page config does not carry them. The client's company and contact,
// which the script and the confirmation use too, are planner.js's own fields.
//
// Nothing leaves the page: the calendar is a Blob behind an <a download> (lib/download.js), and every
// text goes into a value or textContent, never into HTML.

import { DOCUMENTS, WRITERS, fieldErrors, formatDate, noticeEnd, planSteps, textFileName } from "../documents/document-text.js";
import { MIME_TYPE as ICS_TYPE, buildCalendar } from "../documents/ics.js";
import { CONVENTIONS, UNITS } from "../documents/notice-dates.js";
import { h } from "../lib/dom.js";
import { download } from "../lib/download.js";

/** Attribute names shared with the tests. */
export const DOCUMENT_ATTRIBUTES = Object.freeze({
  errorFor: "data-error-for",
  endDate: "data-end-date",
  download: "data-download",
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
  "download-ics", "ics-missing",
]);

/**
 * The documents' part of the planner.
 * @param {{t: Function, fieldId: Function, field: Function, group: Function, radios: Function, locale: string,
 *   templates: Record<string, string>, doc: Document, values: Function, seed: Function}} kit planner.js's
 *   builders, the page's data, the form's current values and the plan's stored calendar seed
 * @returns the fieldset to put in the form (section), read()/write() of their values, decorate(name, part)
 *   for each document's output (the plan's calendar button), render(values)
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

  // --- The documents' own additions to their outputs --------------------------------------------------------
  const parts = {};

  /**
   * What a document's output gets beyond the tools every text has: the plan a calendar download. Returns the
   * buttons for its actions row (placed by the caller) and remembers the output for render().
   * @param {string} name @param {{area: HTMLTextAreaElement, status: HTMLElement}} part
   * @returns {HTMLElement[]}
   */
  function decorate(name, part) {
    parts[name] = part;
    if (name !== "plan") return [];
    const ics = h("button", { type: "button", class: "md-button md-button--primary planner__button", [DOCUMENT_ATTRIBUTES.download]: "ics" }, t("download-ics"));
    ics.addEventListener("click", () => {
      const steps = planSteps(kit.values(), templates);
      const calendar = steps && buildCalendar({ events: steps, stamp: new Date(), seed: kit.seed(), name: templates["plan.title"] });
      if (!calendar?.ok) {
        part.status.textContent = t("ics-missing");
        return;
      }
      download(doc, calendar.text, textFileName(t("output.plan.heading"), steps[0].date).replace(/\.txt$/, ".ics"), ICS_TYPE);
      part.status.textContent = t("downloaded");
    });
    return [ics];
  }

  /** Show the notice's end date and the fields' messages. */
  function render(values) {
    showErrors(values);
    const end = noticeEnd(values);
    const endText = end ? t("notice.end", { date: formatDate(end.endDate, locale) }) : t("notice.no-end");
    if (endNote.textContent !== endText) endNote.textContent = endText;
    if (parts.notice) {
      if (end) parts.notice.area.setAttribute(DOCUMENT_ATTRIBUTES.endDate, end.endDate);
      else parts.notice.area.removeAttribute(DOCUMENT_ATTRIBUTES.endDate);
    }
  }

  return { section, read, write, decorate, render };
}
