// The conversation planner: the thin DOM layer.
//
// The build (scripts/playbook/blocks/planner/) writes a root <div data-widget="conversation-planner"
// data-conversation-planner> holding the Markdown fallback (a worksheet to fill in by hand) in
// [data-planner-fallback] and the exit pack's checklists in a <template data-exit-pack-checklists>, and the
// page's templates as JSON on a hidden [data-planner-templates]; the page config carries the conversation's
// strings ("planner.*" but the exit documents', and the calculator's summary). This module builds the form,
// writes the call script and the written confirmation (planner-text.js) into editable text areas with copy,
// print, download and unfilled-placeholder tools (output-tools.js), offers the export and import of everything
// this browser keeps (output-tools.js, so a reader moving to a new browser can import at once), and fills the
// exit pack (exit-pack.js), a section only paper shows.
//
// The exit documents (documents-view.js over documents/*.js, with their strings) are an on-demand part: a
// disclosure button under the texts loads part-planner-documents.js and its strings (lib/bundles.js) the first
// time the reader opens it, or at once when the stored state shows the reader already used the documents or
// the address points into them (then the target is scrolled into view once it exists).
//
// The calculator's arithmetic is another on-demand part (calculation-part.js: the stored calculation decoded,
// settled and formatted, the exit pack's summary of it, and the export file's checks): mount() waits for it,
// beside the stylesheet, only when a calculation is stored; a fresh reader never gets it unless they export or
// import, or another tab stores a calculation. Until then what is
// stored for them is kept as it is (an import writes it too); while the part loads a status says so and the
// part is aria-busy; a failed load (offline) says what happened and offers to try again, losing nothing; a part
// that loaded but cannot be shown (its strings lack a key: a faulty build) says so, with nothing to retry.
//
// What the reader types stays in this browser: planner-state.js keeps it in localStorage (storage.js), nothing
// goes into the URL or over the network, and the forget button removes what the planner and the calculator's
// hand-over (last-calculation.js) stored. playbook.js imports this module only where its root is, and the
// module brings its own stylesheet (planner.css).

import { KEY_PREFIX as CHECKLIST_KEY_PREFIX } from "../checklist/checklist-state.js";
import { checklistsWithTicks, readChecklists } from "./exit-pack-model.js";
import { ATTRIBUTES as EXIT_PACK_ATTRIBUTES, builtChecklists, createExitPack } from "./exit-pack.js";
import {
  KEY as PLANNER_KEY, MAX_EDITED_LENGTH, MAX_LENGTH, forget as forgetPlanner, emptyPlanner, load, save,
} from "./planner-state.js";
import {
  END_KINDS, HANDOVERS, MAX_REPLACEMENTS, REASONS, REFUND_SOURCES, confirmationText, fill, readTemplates, scriptText,
} from "./planner-text.js";
import { DOCUMENTS, emptyDocumentValues } from "../documents/document-fields.js";
import { OUTPUT_STRING_KEYS, createOutputTools } from "./output-tools.js";
import { loadBundle, loadStrings } from "../lib/bundles.js";
import { h, loadStylesheet } from "../lib/dom.js";
import { openStorage } from "../lib/storage.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/planner/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-conversation-planner",
  fallback: "data-planner-fallback",
  templates: "data-planner-templates",
  status: "data-planner-status",
  output: "data-output",
  copy: "data-planner-copy",
  regenerate: "data-planner-regenerate",
  calculation: "data-planner-calculation",
  forget: "data-planner-forget",
  documentsOpen: "data-planner-documents",
  documentsStatus: "data-planner-documents-status",
  documentsState: "data-planner-documents-state",
  documentsRetry: "data-planner-documents-retry",
  documentsPart: "data-planner-documents-part",
  print: "data-exit-pack-print",
  screenOnly: "data-screen-only",
});

export const STRING_PREFIX = "planner.";
/** The on-demand part with the exit documents (scripts/playbook/site/bundle.py PARTS). */
export const DOCUMENTS_PART = "planner-documents";
/** The calculator's arithmetic for a stored calculation and the export file (calculation-part.js; PARTS). */
export const CALCULATION_PART = "planner-calculation";
/** Where the calculator keeps its last result (calculator/last-calculation.js KEY, which a test holds equal). */
export const CALCULATION_KEY = "playbook.calculator.last";
/** The conversation's outputs; the documents' (DOCUMENTS) come with their part. */
export const CONVERSATION_OUTPUTS = Object.freeze(["script", "confirmation"]);
/** Every key the widget reads, without STRING_PREFIX. */
export const STRING_KEYS = Object.freeze([
  "form-label",
  "client_company.label", "client_company.hint", "client_contact.label", "client_contact.hint",
  "documents.heading", "documents.summary", "documents.show", "documents.hide", "documents.loading",
  "documents.failed", "documents.broken", "documents.retry",
  "reason.legend", "reason.label", "reason.choose", ...REASONS.map((reason) => `reason.${reason}`),
  "reason_details.label", "reason_details.hint",
  "end.legend", ...END_KINDS.map((kind) => `end_kind.${kind}`), "end_date.label", "end_date.hint",
  "handover.legend", ...HANDOVERS.map((kind) => `handover.${kind}`), "handover_details.label", "handover_details.hint",
  "money.legend", ...REFUND_SOURCES.map((source) => `refund_source.${source}`), "refund.label", "refund.hint",
  "calculation.refund", "calculation.balance_due", "calculation.settled", "calculation.note", "calculation.none",
  "calculation.unavailable",
  "replacements.legend", "replacements.hint", "replacements.label",
  "output.script.heading", "output.script.hint", "output.confirmation.heading", "output.confirmation.hint",
  "copy.script", "copy.confirmation", "copied", "copy-failed", "edited", "regenerate", "regenerated",
  "print", "print.hint", "forget", "forget-question", "forget-cancel", "forget-confirm", "forgotten", "not-saved",
  "exit-pack.title", "exit-pack.intro", "exit-pack.script", "exit-pack.confirmation", "exit-pack.checklists",
  "exit-pack.tally", "exit-pack.calculation", "exit-pack.no-calculation",
  ...OUTPUT_STRING_KEYS,
]);

/** Every planner key of `keys` (default: the conversation's) that `strings` lacks (or has empty). */
export function missingStrings(strings, keys = STRING_KEYS) {
  return keys.map((key) => STRING_PREFIX + key)
    .filter((key) => !strings || typeof strings[key] !== "string" || !strings[key].trim());
}

/**
 * Whether a stored planner shows the reader already used the exit documents: a document field differs from a
 * fresh form, or a document's text was edited by hand. Then the part loads at once.
 * @param {{values: object, edited: object}} state planner-state.js load()
 */
export function usedDocuments(state) {
  const empty = emptyDocumentValues();
  const own = new Set(["client_company", "client_contact"]);
  return Object.keys(empty).some((name) => !own.has(name) && state.values[name] !== empty[name])
    || DOCUMENTS.some((name) => typeof state.edited[name] === "string");
}


const fieldId = (name) => `planner-${name.replace(/_/g, "-")}`;

/**
 * Mount the planner in its root.
 * @param {HTMLElement} root element with data-conversation-planner
 * @param {object} config the page config (language, locale, currency, vat_rate_bp, strings)
 * @param {{storage?: ReturnType<typeof openStorage>}} [options]
 * @returns {Promise<void>} settles when the form is on the page
 */
export function mount(root, config, options = {}) {
  const strings = { ...(config.strings ?? {}) };
  const missing = missingStrings(strings);
  if (missing.length) throw new Error(`conversation planner: missing strings ${missing.join(", ")}`);
  const t = (key, values) => fill(strings[STRING_PREFIX + key], values);
  const locale = config.locale;
  const templatesNode = root.ownerDocument.querySelector(`[${ATTRIBUTES.templates}]`);
  const templates = readTemplates(templatesNode?.getAttribute(ATTRIBUTES.templates) ?? null);
  const checklistsTemplate = root.querySelector(`template[${EXIT_PACK_ATTRIBUTES.template}]`);
  const checklists = readChecklists(builtChecklists(root));
  const storage = options.storage ?? openStorage();
  const fallback = root.querySelector(`[${ATTRIBUTES.fallback}]`);
  let state = load(storage);

  // --- Fields -------------------------------------------------------------------------------------------------
  function field(name, { label, hint, id = fieldId(name), multiline = false, type = "text", extra = {} }) {
    const hintId = hint ? `${id}-hint` : null;
    const input = multiline
      // As long as what is kept (planner-state.js): the browser stops the reader there instead of a reload
      // silently cutting the text.
      ? h("textarea", { id, name, rows: 3, maxlength: MAX_LENGTH, class: "planner__input planner__input--multiline", "aria-describedby": hintId, ...extra })
      : h("input", { id, name, type, class: "planner__input", autocomplete: "off", "aria-describedby": hintId, ...extra });
    const wrapper = h("div", { class: "planner__field", "data-field": name },
      h("label", { for: id, class: "planner__label" }, label),
      hint ? h("p", { id: hintId, class: "planner__hint" }, hint) : null,
      input);
    return { wrapper, input };
  }

  // Radio buttons; the fieldset around them (group()) names them with its legend.
  function radios(name, options) {
    const inputs = [];
    const labels = [];
    const group = h("div", { class: "planner__choices" });
    for (const [value, text] of options) {
      const id = fieldId(`${name}-${value}`);
      const input = h("input", { id, name, type: "radio", value, class: "planner__radio" });
      const label = h("label", { for: id, class: "planner__choice-label" }, text);
      inputs.push(input);
      labels.push(label);
      group.append(h("div", { class: "planner__choice" }, input, label));
    }
    return { group, inputs, labels };
  }

  const group = (legend, ...children) =>
    h("fieldset", { class: "planner__group" }, h("legend", { class: "planner__legend" }, legend), ...children);

  // The documents' part once loaded (documents-view.js createDocumentsView), else null.
  let docs = null;
  const kit = {
    t, fieldId, field, group, radios, locale, templates, doc: root.ownerDocument,
    has: (key) => typeof strings[STRING_PREFIX + key] === "string",
    values: () => readValues(),
    seed: () => {
      if (!state.seed) {
        state = { ...state, seed: crypto.randomUUID() };
        save(storage, state);
      }
      return state.seed;
    },
    apply: (entries) => {
      for (const { key, text } of entries) storage.write(key, text);
      state = load(storage);
      writeValues(state.values);
      readCalculation();
      render();
    },
  };

  // Client company and contact open the form: the script and the confirmation use them, the documents too.
  const clientField = (name) => {
    const built = field(name, { label: t(`${name}.label`), hint: t(`${name}.hint`), extra: { maxlength: 200 } });
    built.wrapper.append(h("p", { id: fieldId(`${name}-error`), class: "planner__error", "data-error-for": name, "aria-live": "polite" }));
    built.input.setAttribute("aria-describedby", `${built.input.getAttribute("aria-describedby")} ${fieldId(`${name}-error`)}`);
    return built;
  };
  const clientCompany = clientField("client_company");
  const clientContact = clientField("client_contact");

  const reasonId = fieldId("reason");
  const reason = h("select", { id: reasonId, name: "reason", class: "planner__select" },
    h("option", { value: "" }, t("reason.choose")),
    ...REASONS.map((value) => h("option", { value }, t(`reason.${value}`))));
  const reasonDetails = field("reason_details", { label: t("reason_details.label"), hint: t("reason_details.hint"), multiline: true });
  const reasonGroup = group(t("reason.legend"),
    h("div", { class: "planner__field", "data-field": "reason" },
      h("label", { for: reasonId, class: "planner__label" }, t("reason.label")), reason),
    reasonDetails.wrapper);

  const endKind = radios("end_kind", END_KINDS.map((kind) => [kind, t(`end_kind.${kind}`)]));
  const endDate = field("end_date", { label: t("end_date.label"), hint: t("end_date.hint"), type: "date" });
  const endGroup = group(t("end.legend"), endKind.group, endDate.wrapper);

  const handoverKind = radios("handover", HANDOVERS.map((kind) => [kind, t(`handover.${kind}`)]));
  const handoverDetails = field("handover_details", { label: t("handover_details.label"), hint: t("handover_details.hint"), multiline: true });
  const handoverGroup = group(t("handover.legend"), handoverKind.group, handoverDetails.wrapper);

  // The first choice names the calculation's result once it is known (readCalculation).
  const refundSource = radios("refund_source", REFUND_SOURCES.map((source) => [source, t(`refund_source.${source}`, { calculation: "" })]));
  const calculationNote = h("p", { class: "planner__hint planner__calculation", [ATTRIBUTES.calculation]: "" });
  const refund = field("refund", { label: t("refund.label"), hint: t("refund.hint"), extra: { maxlength: 200 } });
  const moneyGroup = group(t("money.legend"), calculationNote, refundSource.group, refund.wrapper);

  const replacementFields = Array.from({ length: MAX_REPLACEMENTS }, (_, index) =>
    field("replacements", { id: fieldId(`replacement-${index + 1}`), label: t("replacements.label", { n: index + 1 }), extra: { maxlength: 200 } }));
  const replacementsHintId = fieldId("replacements-hint");
  const replacementsGroup = group(t("replacements.legend"),
    h("p", { id: replacementsHintId, class: "planner__hint" }, t("replacements.hint")),
    ...replacementFields.map((f) => f.wrapper));
  for (const f of replacementFields) f.input.setAttribute("aria-describedby", replacementsHintId);

  const form = h("form", { class: "planner__form", "aria-label": t("form-label"), [ATTRIBUTES.screenOnly]: true, novalidate: true },
    clientCompany.wrapper, clientContact.wrapper, reasonGroup, endGroup, handoverGroup, moneyGroup, replacementsGroup);

  // --- Outputs --------------------------------------------------------------------------------------------------
  const outputs = {};
  const outputSection = h("div", { class: "planner__outputs", [ATTRIBUTES.screenOnly]: true });
  const tools = createOutputTools({
    t, fieldId, templates, doc: root.ownerDocument, apply: (entries) => kit.apply(entries), transferCode: () => calculationPart(),
    held: () => [PLANNER_KEY, CALCULATION_KEY].map((key) => [key, storage.read(key)]),
  });
  /**
   * One output: heading (h3 in the planner, h4 inside the exit documents' section), hint, editable text, the
   * unfilled note, copy, regenerate, print and download buttons (and `extra` ones), status; its events are wired.
   * Nothing is registered: the caller puts `output` into `outputs` and `part` on the page.
   * @param {string} name @param {number} [level] the heading's level
   * @param {(part: {area, status}) => HTMLElement[]} [extra] more buttons for the actions row
   * @returns {{part: HTMLElement, output: object}}
   */
  function createOutput(name, level = 3, extra = () => []) {
    const headingId = fieldId(`${name}-heading`);
    const hintId = fieldId(`${name}-hint`);
    const statusId = fieldId(`${name}-status`);
    const area = h("textarea", {
      maxlength: MAX_EDITED_LENGTH,
      id: fieldId(`${name}-text`), class: "planner__output", rows: name === "script" ? 16 : 14, spellcheck: "true",
      "aria-labelledby": headingId, "aria-describedby": `${hintId} ${statusId}`, [ATTRIBUTES.output]: name,
    });
    const copy = h("button", { type: "button", class: "md-button md-button--primary planner__button", [ATTRIBUTES.copy]: name }, t(`copy.${name}`));
    const regenerate = h("button", { type: "button", class: "md-button planner__button", [ATTRIBUTES.regenerate]: name, hidden: true }, t("regenerate"));
    const status = h("p", { id: statusId, class: "planner__status", role: "status" });
    const edited = h("p", { class: "planner__hint planner__edited", hidden: true }, t("edited"));
    const { buttons: tooling, note } = tools.decorate(name, { area, status });
    const buttons = h("div", { class: "planner__actions" }, copy, regenerate, ...tooling, ...extra({ area, status }));
    const part = h("section", { class: "planner__output-part", "aria-labelledby": headingId },
      h(`h${level}`, { id: headingId, class: "planner__heading" }, t(`output.${name}.heading`)),
      h("p", { id: hintId, class: "planner__hint" }, t(`output.${name}.hint`)),
      area, edited,
      note,
      buttons,
      status);
    const output = { area, copy, regenerate, status, edited, buttons, note };
    wireOutput(name, output);
    return { part, output };
  }
  for (const name of CONVERSATION_OUTPUTS) {
    const { part, output } = createOutput(name);
    outputs[name] = output;
    outputSection.append(part);
  }

  // --- The exit documents: a disclosure that loads their part ---------------------------------------------------
  const documentsHeadingId = fieldId("documents-heading");
  const documentsPartId = fieldId("documents-part");
  const documentsButton = h("button", {
    type: "button", class: "md-button planner__button", "aria-expanded": "false", "aria-controls": documentsPartId,
    [ATTRIBUTES.documentsOpen]: "",
  }, t("documents.show"));
  const documentsStatus = h("p", { class: "planner__status", role: "status", [ATTRIBUTES.documentsStatus]: "" });
  const documentsRetry = h("button", { type: "button", class: "md-button planner__button", hidden: true, [ATTRIBUTES.documentsRetry]: "" }, t("documents.retry"));
  const documentsPart = h("div", { id: documentsPartId, class: "planner__documents-part", hidden: true, [ATTRIBUTES.documentsPart]: "" });
  const documentsSection = h("section", { class: "planner__documents-section", "aria-labelledby": documentsHeadingId, [ATTRIBUTES.screenOnly]: true },
    h("h3", { id: documentsHeadingId, class: "planner__heading" }, t("documents.heading")),
    h("p", { class: "planner__hint" }, t("documents.summary")),
    h("div", { class: "planner__actions" }, documentsButton, documentsRetry),
    documentsStatus,
    documentsPart);
  const transfer = tools.transfer;

  // --- Print, forget, and the note when the browser keeps nothing ------------------------------------------------
  const printButton = h("button", { type: "button", class: "md-button md-button--primary planner__button", [ATTRIBUTES.print]: true }, t("print"));
  const forgetButton = h("button", { type: "button", class: "md-button planner__button", [ATTRIBUTES.forget]: true }, t("forget"));
  const actionStatus = h("p", { class: "planner__status", role: "status" });
  const notSaved = h("p", { class: "planner__note", role: "status", hidden: true });
  const dialog = confirmation(t);
  const actions = h("div", { class: "planner__footer", [ATTRIBUTES.screenOnly]: true },
    h("p", { class: "planner__hint" }, t("print.hint")),
    h("div", { class: "planner__actions" }, printButton, forgetButton),
    actionStatus, notSaved, ...(dialog ? [dialog] : []));

  const exitPack = createExitPack(t, checklistsTemplate);

  // --- Reading and writing the form ---------------------------------------------------------------------------
  const checked = (inputs) => inputs.find((input) => input.checked)?.value ?? "";

  function readValues() {
    return {
      ...state.values,
      ...(docs ? docs.read() : {}),
      client_company: clientCompany.input.value,
      client_contact: clientContact.input.value,
      reason: reason.value,
      reason_details: reasonDetails.input.value,
      end_kind: checked(endKind.inputs),
      end_date: endDate.input.value,
      handover: checked(handoverKind.inputs),
      handover_details: handoverDetails.input.value,
      refund_source: checked(refundSource.inputs),
      refund: refund.input.value,
      replacements: replacementFields.map((f) => f.input.value),
    };
  }

  function writeValues(values) {
    docs?.write(values);
    clientCompany.input.value = values.client_company;
    clientContact.input.value = values.client_contact;
    reason.value = values.reason;
    reasonDetails.input.value = values.reason_details;
    for (const input of endKind.inputs) input.checked = input.value === values.end_kind;
    endDate.input.value = values.end_date;
    for (const input of handoverKind.inputs) input.checked = input.value === values.handover;
    handoverDetails.input.value = values.handover_details;
    for (const input of refundSource.inputs) input.checked = input.value === values.refund_source;
    refund.input.value = values.refund;
    replacementFields.forEach((f, index) => { f.input.value = values.replacements[index] ?? ""; });
  }

  // --- The calculator's last result ---------------------------------------------------------------------------
  let calculation = null;
  // The calculation part once loaded (calculation-part.js), else null.
  let calc = null;

  /** Whether a calculation is stored that cannot be read because the calculation part is not here. */
  const calculationUnreadable = () => !calc && storage.read(CALCULATION_KEY) !== null;

  /** The calculation part, loaded once (a failed load is tried again next time). Once it arrives, by
   * whatever asked for it (an export after an offline start), the stored calculation is shown at once. */
  function calculationPart() {
    if (calc) return Promise.resolve(calc);
    return loadBundle(CALCULATION_PART, "part").then((part) => {
      const first = !calc;
      calc = part;
      if (first && storage.read(CALCULATION_KEY) !== null && root.isConnected) {
        readCalculation();
        render();
      }
      return part;
    });
  }

  /** Load the calculation part when a calculation is stored and it is not here yet, then read the calculation. */
  function withCalculation() {
    if (calc || storage.read(CALCULATION_KEY) === null) return Promise.resolve();
    return calculationPart().then(readCalculation, (error) => console.error(error));
  }

  /** Show the stored calculation (none until the calculation part is here: withCalculation); a stored one
   * whose part could not be loaded (offline) is named as such, never as "no calculation". */
  function readCalculation() {
    const last = calc ? calc.recall(storage) : null;
    calculation = last ? { state: last, ...calc.handover(last, { locale }), rateBp: last.vat?.rateBp ?? 0n } : null;
    refundSource.group.hidden = !calculation;
    if (calculation) {
      const summary = t(`calculation.${calculation.kind}`, { amount: calculation.amount });
      refundSource.labels[REFUND_SOURCES.indexOf("calculation")].textContent = t("refund_source.calculation", { calculation: summary });
      calculationNote.textContent = t("calculation.note");
    } else {
      calculationNote.textContent = t(calculationUnreadable() ? "calculation.unavailable" : "calculation.none");
    }
  }

  // --- Writing the texts ------------------------------------------------------------------------------------------
  const generated = (name, values) => {
    const write = { script: scriptText, confirmation: confirmationText, ...docs?.writers }[name];
    return write(values, templates, { locale, calculation });
  };

  function render() {
    const values = readValues();
    for (const name of Object.keys(outputs)) {
      const { area, regenerate, edited } = outputs[name];
      const own = state.edited[name];
      const text = own ?? generated(name, values);
      if (area.value !== text) area.value = text;
      regenerate.hidden = own === null;
      edited.hidden = own === null;
    }
    docs?.render(values);
    tools.render(Object.values(outputs));
    renderPack();
  }

  function renderPack() {
    exitPack.update({
      script: outputs.script.area.value,
      confirmation: outputs.confirmation.area.value,
      checklists: checklistsWithTicks(checklists, storage),
      calculation: calculation
        ? calc.calculationSummary(calculation.state, config)
        : calculationUnreadable() ? t("calculation.unavailable") : null,
    });
  }

  function store() {
    state = { ...state, values: readValues() };
    save(storage, state);
    showSaved();
  }

  function showSaved() {
    const message = storage.saved ? "" : t("not-saved");
    if (notSaved.textContent !== message) notSaved.textContent = message;
    notSaved.hidden = !message;
  }

  // --- Events -----------------------------------------------------------------------------------------------------
  function listen(part) {
    part.addEventListener("submit", (event) => event.preventDefault());
    part.addEventListener("input", (event) => {
      // Typing an amount means the reader wants their own figure, not the calculation's: also when no
      // calculation is shown yet (one stored in another tab, or whose part loads later, must not replace it).
      if (event.target === refund.input) {
        for (const input of refundSource.inputs) input.checked = input.value === "typed";
      }
      for (const name of Object.keys(outputs)) outputs[name].status.textContent = "";
      store();
      render();
    });
    part.addEventListener("change", () => {
      store();
      render();
    });
  }
  listen(form);

  function wireOutput(name, { area, copy, regenerate, status }) {
    area.addEventListener("input", () => {
      state = { ...state, edited: { ...state.edited, [name]: area.value } };
      status.textContent = "";
      store();
      render();
    });
    regenerate.addEventListener("click", () => {
      state = { ...state, edited: { ...state.edited, [name]: null } };
      store();
      render();
      area.focus();
      status.textContent = t("regenerated");
    });
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(area.value);
        status.textContent = t("copied");
      } catch {
        status.textContent = t("copy-failed");
      }
    });
  }

  // --- Loading the documents' part -----------------------------------------------------------------------------
  let loading = null;
  // The part loaded but cannot be shown (a faulty build): trying again cannot help.
  let broken = false;

  /** Load the part and its strings (once), put its fields and outputs in place; resolves true when shown. */
  function loadDocuments() {
    if (docs) return Promise.resolve(true);
    if (loading) return loading;
    if (broken) return Promise.resolve(false);
    documentsRetry.hidden = true;
    documentsStatus.textContent = t("documents.loading");
    documentsPart.setAttribute("aria-busy", "true");
    root.setAttribute(ATTRIBUTES.documentsState, "loading");
    loading = Promise.all([loadBundle(DOCUMENTS_PART, "part"), loadStrings(DOCUMENTS_PART, config.language)])
      .then(([part, partStrings]) => {
        // From here on the files are here: what fails now fails the same way on every try.
        try {
          const missing = missingStrings(partStrings, part.DOCUMENT_STRING_KEYS);
          if (missing.length) throw new Error(`conversation planner: the exit documents' strings lack ${missing.join(", ")}`);
          showDocuments(part, partStrings);
        } catch (error) {
          throw Object.assign(error, { broken: true });
        }
        documentsStatus.textContent = "";
        root.setAttribute(ATTRIBUTES.documentsState, "ready");
        return true;
      })
      .catch((error) => {
        console.error(error);
        broken = error.broken === true;
        documentsStatus.textContent = t(broken ? "documents.broken" : "documents.failed");
        documentsRetry.hidden = broken;
        root.setAttribute(ATTRIBUTES.documentsState, broken ? "broken" : "failed");
        return false;
      })
      .finally(() => {
        loading = null;
        documentsPart.removeAttribute("aria-busy");
      });
    return loading;
  }

  /**
   * Build the documents' fields and outputs from the loaded part and its strings (`partStrings`, keys the page's
   * config does not hold), all into locals first: only once everything is built do `outputs`, `docs` and the
   * page change, so a part that throws half-way leaves the planner as it was (its strings taken out again).
   */
  function showDocuments(part, partStrings) {
    Object.assign(strings, partStrings);
    let built;
    try {
      const view = part.createDocumentsView(kit);
      const documentsForm = h("form", { class: "planner__form planner__documents-form", "aria-label": t("documents.legend"), novalidate: true }, view.section);
      const created = part.DOCUMENTS.map((name) => [name, createOutput(name, 4, (output) => view.decorate(name, output))]);
      built = { view, documentsForm, created };
    } catch (error) {
      for (const key of Object.keys(partStrings)) delete strings[key];
      throw error;
    }
    const { view, documentsForm, created } = built;
    listen(documentsForm);
    for (const [name, { output }] of created) outputs[name] = output;
    docs = { ...view, writers: part.WRITERS };
    documentsPart.append(documentsForm, h("div", { class: "planner__outputs" }, ...created.map(([, { part: element }]) => element)));
    docs.write(state.values);
    render();
  }

  /** Open (loading the part if need be) or close the documents; resolves true when they are shown. */
  function setDocumentsOpen(open) {
    documentsButton.setAttribute("aria-expanded", String(open));
    documentsButton.textContent = t(open ? "documents.hide" : "documents.show");
    if (!open) {
      documentsPart.hidden = true;
      return Promise.resolve(false);
    }
    return loadDocuments().then((shown) => {
      const stillOpen = documentsButton.getAttribute("aria-expanded") === "true";
      if (!shown) {
        documentsButton.setAttribute("aria-expanded", "false");
        documentsButton.textContent = t("documents.show");
      }
      documentsPart.hidden = !(shown && stillOpen);
      return shown && stillOpen;
    });
  }

  documentsButton.addEventListener("click", () => {
    setDocumentsOpen(documentsButton.getAttribute("aria-expanded") !== "true");
  });
  documentsRetry.addEventListener("click", () => {
    // The retry button goes away on success: focus stays on the disclosure, which now says the part is open.
    documentsButton.focus();
    setDocumentsOpen(true);
  });

  printButton.addEventListener("click", () => {
    tools.endPrint();
    renderPack();
    window.print();
  });
  const onBeforePrint = () => {
    if (!root.isConnected) return window.removeEventListener("beforeprint", onBeforePrint);
    renderPack();
  };
  window.addEventListener("beforeprint", onBeforePrint);
  const onAfterPrint = () => {
    if (!root.isConnected) return window.removeEventListener("afterprint", onAfterPrint);
    tools.endPrint();
  };
  window.addEventListener("afterprint", onAfterPrint);

  function forgetEverything() {
    forgetPlanner(storage);
    storage.remove(CALCULATION_KEY);
    state = emptyPlanner();
    writeValues(state.values);
    readCalculation();
    render();
    for (const name of Object.keys(outputs)) outputs[name].status.textContent = "";
    actionStatus.textContent = t("forgotten");
  }

  forgetButton.addEventListener("click", () => {
    actionStatus.textContent = "";
    if (!dialog) {
      if (window.confirm(t("forget-question"))) forgetEverything();
      return;
    }
    dialog.returnValue = "";
    dialog.showModal();
  });
  dialog?.addEventListener("close", () => {
    if (dialog.returnValue === "forget") forgetEverything();
    forgetButton.focus();
  });

  // Another tab (the calculator, a checklist, this page in the other language) changed what is stored.
  const onStorage = (event) => {
    if (!root.isConnected) return window.removeEventListener("storage", onStorage);
    if (event.key === PLANNER_KEY || event.key === null) {
      state = load(storage);
      writeValues(state.values);
    }
    if (event.key === CALCULATION_KEY || event.key === null) {
      readCalculation();
      if (!calc) withCalculation().then(() => root.isConnected && render());
    }
    if (event.key === null || [PLANNER_KEY, CALCULATION_KEY].includes(event.key) || event.key.startsWith(CHECKLIST_KEY_PREFIX)) {
      render();
    }
  };
  window.addEventListener("storage", onStorage);

  // --- Start ------------------------------------------------------------------------------------------------------
  writeValues(state.values);
  readCalculation();
  return Promise.all([loadStylesheet("planner.css"), withCalculation()]).then(() => {
    root.prepend(form, outputSection, documentsSection, transfer, actions, exitPack.element);
    root.ownerDocument.body.append(tools.sheet);
    render();
    showSaved();
    if (fallback) fallback.hidden = true;
    root.setAttribute(ATTRIBUTES.status, "ready");
    // A returning reader who used the documents, or a link to something inside them, gets them at once.
    const target = linkedTarget(root.ownerDocument, [documentsPartId]);
    if (usedDocuments(state) || target) {
      const doc = root.ownerDocument;
      const win = doc.defaultView;
      // lib/anchor.js found no element for the address at load and gave up; once the part is shown the target
      // exists and is scrolled into view, unless the reader has taken over meanwhile (scrolled, typed, clicked).
      let moved = false;
      const took = () => { moved = true; };
      const events = ["wheel", "touchstart", "keydown", "mousedown"];
      if (target) for (const type of events) win.addEventListener(type, took, { capture: true, passive: true, once: true });
      setDocumentsOpen(true).then((shown) => {
        for (const type of events) win.removeEventListener(type, took, { capture: true });
        const element = target && doc.getElementById(target);
        if (shown && element && !moved) element.scrollIntoView({ block: "center", behavior: "instant" });
      });
    }
  });
}

/**
 * The id the address points at when it is one of the planner's ("planner-...") that is not on the page yet,
 * i.e. something inside the exit documents (a field such as #planner-invoice-number, a text), or one of `parts`
 * (the documents' own container, there but hidden); else "". Read after the conversation's form is on the
 * page, so its own ids do not count.
 * @param {Document} doc @param {string[]} [parts]
 */
export function linkedTarget(doc, parts = []) {
  let target = "";
  try {
    target = decodeURIComponent(doc.location?.hash.slice(1) ?? "");
  } catch {
    return ""; // A malformed address points nowhere.
  }
  return parts.includes(target) || (target.startsWith("planner-") && !doc.getElementById(target)) ? target : "";
}

/** The in-page confirmation of forgetting, or null where <dialog> is not supported (window.confirm then). */
function confirmation(t) {
  if (typeof HTMLDialogElement !== "function" || !("showModal" in HTMLDialogElement.prototype)) return null;
  const questionId = "planner-forget-question";
  return h("dialog", { class: "planner__confirm", "aria-labelledby": questionId },
    h("p", { id: questionId, class: "planner__question" }, t("forget-question")),
    h("form", { method: "dialog", class: "planner__actions" },
      h("button", { value: "cancel", class: "md-button", autofocus: true }, t("forget-cancel")),
      h("button", { value: "forget", class: "md-button md-button--primary" }, t("forget-confirm"))));
}

