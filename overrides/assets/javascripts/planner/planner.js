// The conversation planner at load: the form, with what this browser stored, and nothing that only reacts to it.
//
// The build (scripts/playbook/blocks/planner/) writes a root <div data-widget="conversation-planner"
// data-conversation-planner> holding the Markdown fallback (a worksheet to fill in by hand) in
// [data-planner-fallback] and the exit pack's checklists in a <template data-exit-pack-checklists>, and the
// page's templates as JSON on a hidden [data-planner-templates]; the page config carries the strings this form
// shows (STRING_KEYS).
//
// This module (widget-conversation-planner.js) builds the form, the two texts' boxes with their buttons, the
// exit documents' disclosure and the print and forget buttons; it fills the form from what planner-state.js
// stored and saves what the reader types (so nothing typed is lost, whatever arrives when). Everything that
// reacts (the texts planner-text.js writes, the tools of output-tools.js, the export and import, the exit pack,
// the exit documents' loading, the calculation, forgetting) is the texts' part (texts-part.js,
// part-planner-texts.js with its strings, strings-planner-texts.<lang>.js: "import on interaction",
// lib/interaction.js). It is loaded:
// - on the reader's first pointer, focus, key or input inside the planner (whenUsed), or when the texts' boxes
//   scroll into view, or before printing; a button clicked before it arrived is clicked again once it is there
//   (lib/parts.js);
// - at once (while mounting) when this browser stored a planner or a calculation, or the address points into
//   the exit documents: a returning reader's texts are written without waiting for them to touch the page.
// Until it is there the texts' boxes are aria-busy and the printer gets the fallback worksheet; when it
// arrives it reads the form as it is then (what was typed meanwhile) and writes the texts. If it cannot be
// loaded (offline) a status says so in the page's language with a button to try again; a part that loaded but
// cannot be shown (its strings lack a key: a faulty build) says so, with nothing to retry.
//
// The exit documents (documents-view.js) and the calculator's arithmetic (calculation-part.js) are the
// texts' part's own on-demand parts (texts-part.js says when they load).
//
// What the reader types stays in this browser: planner-state.js keeps it in localStorage (storage.js), nothing
// goes into the URL or over the network. playbook.js imports this module only where its root is, and the module
// brings its own stylesheet (planner.css).

import { OUTPUT_ATTRIBUTES } from "./attributes.js";
import { KEY as PLANNER_KEY, MAX_EDITED_LENGTH, MAX_LENGTH, emptyPlanner, forget, load, save } from "./planner-state.js";
import { END_KINDS, HANDOVERS, MAX_REPLACEMENTS, REASONS, REFUND_SOURCES, fill } from "./planner-text.js";
import { loadBundle, loadStrings } from "../lib/bundles.js";
import { h, loadStylesheet } from "../lib/dom.js";
import { whenUsed } from "../lib/interaction.js";
import { partLoader } from "../lib/parts.js";
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
  textsState: "data-planner-texts-state",
  textsStatus: "data-planner-texts-status",
  textsRetry: "data-planner-texts-retry",
  printFallback: "data-planner-print-fallback",
  print: "data-exit-pack-print",
  screenOnly: "data-screen-only",
});

export const STRING_PREFIX = "planner.";
/** The texts, their tools and everything else that reacts to the form (texts-part.js; bundle.py PARTS). */
export const TEXTS_PART = "planner-texts";
/** The on-demand part with the exit documents (scripts/playbook/site/bundle.py PARTS), loaded by TEXTS_PART. */
export const DOCUMENTS_PART = "planner-documents";
/** The calculator's arithmetic for a stored calculation and the export file (calculation-part.js; PARTS). */
export const CALCULATION_PART = "planner-calculation";
/** Where the calculator keeps its last result (calculator/last-calculation.js KEY, which a test holds equal). */
export const CALCULATION_KEY = "playbook.calculator.last";
/** The conversation's outputs; the documents' (DOCUMENTS) come with their part. */
export const CONVERSATION_OUTPUTS = Object.freeze(["script", "confirmation"]);
/** Every key the form reads at load, without STRING_PREFIX: in the page config (the texts' part has its own). */
export const STRING_KEYS = Object.freeze([
  "form-label",
  "client_company.label", "client_company.hint", "client_contact.label", "client_contact.hint",
  "documents.heading", "documents.summary", "documents.show",
  "reason.legend", "reason.label", "reason.choose", ...REASONS.map((reason) => `reason.${reason}`),
  "reason_details.label", "reason_details.hint",
  "end.legend", ...END_KINDS.map((kind) => `end_kind.${kind}`), "end_date.label", "end_date.hint",
  "handover.legend", ...HANDOVERS.map((kind) => `handover.${kind}`), "handover_details.label", "handover_details.hint",
  "money.legend", ...REFUND_SOURCES.map((source) => `refund_source.${source}`), "refund.label", "refund.hint",
  "calculation.none",
  "replacements.legend", "replacements.hint", "replacements.label",
  "output.script.heading", "output.script.hint", "output.confirmation.heading", "output.confirmation.hint",
  "copy.script", "copy.confirmation", "edited", "regenerate", "print-document", "download-text",
  "print", "print.hint", "forget", "not-saved",
  "texts.failed", "texts.broken", "texts.retry",
]);

/** Every planner key of `keys` (default: the form's) that `strings` lacks (or has empty). */
export function missingStrings(strings, keys = STRING_KEYS) {
  return keys.map((key) => STRING_PREFIX + key)
    .filter((key) => !strings || typeof strings[key] !== "string" || !strings[key].trim());
}

const fieldId = (name) => `planner-${name.replace(/_/g, "-")}`;

/**
 * Mount the planner's form in its root, and load the texts' part when the reader uses it (or at once, when
 * this browser stored something it shows).
 * @param {HTMLElement} root element with data-conversation-planner
 * @param {object} config the page config (language, locale, currency, vat_rate_bp, strings)
 * @param {{storage?: ReturnType<typeof openStorage>}} [options]
 * @returns {Promise<void>} settles when the form is on the page (not waiting for the texts' part)
 */
export function mount(root, config, options = {}) {
  const strings = { ...(config.strings ?? {}) };
  const missing = missingStrings(strings);
  if (missing.length) throw new Error(`conversation planner: missing strings ${missing.join(", ")}`);
  const t = (key, values) => fill(strings[STRING_PREFIX + key], values);
  const doc = root.ownerDocument;
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

  // The first choice names the calculation's result once it is known (the texts' part reads the calculation;
  // until then the choices stay hidden, and a fresh reader, with none stored, is told there is none).
  const refundSource = radios("refund_source", REFUND_SOURCES.map((source) => [source, t(`refund_source.${source}`, { calculation: "" })]));
  refundSource.group.hidden = true;
  const calculationNote = h("p", { class: "planner__hint planner__calculation", [ATTRIBUTES.calculation]: "" },
    storage.read(CALCULATION_KEY) === null ? t("calculation.none") : "");
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
  // Until the texts' part has written them, the texts' boxes are busy; a failed load is said just above them
  // (outside the busy boxes, so the status is announced).
  const textsStatus = h("p", { class: "planner__status", role: "status", [ATTRIBUTES.textsStatus]: "" });
  const textsRetry = h("button", { type: "button", class: "md-button planner__button", [ATTRIBUTES.textsRetry]: "" }, t("texts.retry"));
  const textsRetryRow = h("div", { class: "planner__actions", hidden: true }, textsRetry);
  const textsNotice = h("div", { [ATTRIBUTES.screenOnly]: true }, textsStatus, textsRetryRow);
  const outputSection = h("div", { class: "planner__outputs", [ATTRIBUTES.screenOnly]: true, "aria-busy": "true" });

  /**
   * One output's elements: heading (h3 in the planner, h4 inside the exit documents' section), hint, editable
   * text, the unfilled note, the copy, regenerate, print and download buttons (and `extra` ones), status.
   * What the reader types into the text is kept as their own (state.edited) at once; the buttons are wired by
   * the texts' part (texts-part.js wireOutput). Nothing is registered: the caller puts `output` into `outputs`
   * and `part` on the page.
   * @param {string} name @param {number} [level] the heading's level
   * @param {(part: {area, status}) => HTMLElement[]} [extra] more buttons for the actions row
   * @returns {{part: HTMLElement, output: {area, copy, regenerate, status, edited, buttons, note, print, save}}}
   */
  function createOutput(name, level = 3, extra = () => []) {
    const headingId = fieldId(`${name}-heading`);
    const hintId = fieldId(`${name}-hint`);
    const statusId = fieldId(`${name}-status`);
    const noteId = fieldId(`${name}-unfilled`);
    const area = h("textarea", {
      maxlength: MAX_EDITED_LENGTH,
      id: fieldId(`${name}-text`), class: "planner__output", rows: name === "script" ? 16 : 14, spellcheck: "true",
      "aria-labelledby": headingId, "aria-describedby": `${hintId} ${statusId} ${noteId}`, [ATTRIBUTES.output]: name,
    });
    const button = (attributes, text) => h("button", { type: "button", class: "md-button planner__button", ...attributes }, text);
    const copy = button({ class: "md-button md-button--primary planner__button", [ATTRIBUTES.copy]: name }, t(`copy.${name}`));
    const regenerate = button({ [ATTRIBUTES.regenerate]: name, hidden: true }, t("regenerate"));
    const print = button({ [OUTPUT_ATTRIBUTES.print]: name }, t("print-document"));
    const save = button({ [OUTPUT_ATTRIBUTES.download]: "text", "data-document": name }, t("download-text"));
    const note = h("p", { class: "planner__hint planner__unfilled", [OUTPUT_ATTRIBUTES.unfilled]: name, id: noteId });
    const status = h("p", { id: statusId, class: "planner__status", role: "status" });
    const edited = h("p", { class: "planner__hint planner__edited", hidden: true }, t("edited"));
    const buttons = h("div", { class: "planner__actions" }, copy, regenerate, print, save, ...extra({ area, status }));
    const part = h("section", { class: "planner__output-part", "aria-labelledby": headingId },
      h(`h${level}`, { id: headingId, class: "planner__heading" }, t(`output.${name}.heading`)),
      h("p", { id: hintId, class: "planner__hint" }, t(`output.${name}.hint`)),
      area, edited,
      note,
      buttons,
      status);
    area.addEventListener("input", () => {
      state = { ...state, edited: { ...state.edited, [name]: area.value } };
      status.textContent = "";
      store();
      ctx.render();
    });
    return { part, output: { area, copy, regenerate, status, edited, buttons, note, print, save } };
  }
  for (const name of CONVERSATION_OUTPUTS) {
    const { part, output } = createOutput(name);
    outputs[name] = output;
    outputSection.append(part);
  }

  // --- The exit documents: a disclosure that loads their part (texts-part.js) --------------------------------
  const documentsHeadingId = fieldId("documents-heading");
  const documentsPartId = fieldId("documents-part");
  const documentsButton = h("button", {
    type: "button", class: "md-button planner__button", "aria-expanded": "false", "aria-controls": documentsPartId,
    [ATTRIBUTES.documentsOpen]: "",
  }, t("documents.show"));
  const documentsStatus = h("p", { class: "planner__status", role: "status", [ATTRIBUTES.documentsStatus]: "" });
  const documentsRetry = h("button", { type: "button", class: "md-button planner__button", hidden: true, [ATTRIBUTES.documentsRetry]: "" });
  const documentsPart = h("div", { id: documentsPartId, class: "planner__documents-part", hidden: true, [ATTRIBUTES.documentsPart]: "" });
  const documentsSection = h("section", { class: "planner__documents-section", "aria-labelledby": documentsHeadingId, [ATTRIBUTES.screenOnly]: true },
    h("h3", { id: documentsHeadingId, class: "planner__heading" }, t("documents.heading")),
    h("p", { class: "planner__hint" }, t("documents.summary")),
    h("div", { class: "planner__actions" }, documentsButton, documentsRetry),
    documentsStatus,
    documentsPart);

  // --- Print, forget, and the note when the browser keeps nothing ------------------------------------------------
  const printButton = h("button", { type: "button", class: "md-button md-button--primary planner__button", [ATTRIBUTES.print]: true }, t("print"));
  const forgetButton = h("button", { type: "button", class: "md-button planner__button", [ATTRIBUTES.forget]: true }, t("forget"));
  const actionStatus = h("p", { class: "planner__status", role: "status" });
  const notSaved = h("p", { class: "planner__note", role: "status", hidden: true });
  const actions = h("div", { class: "planner__footer", [ATTRIBUTES.screenOnly]: true },
    h("p", { class: "planner__hint" }, t("print.hint")),
    h("div", { class: "planner__actions" }, printButton, forgetButton),
    actionStatus, notSaved);

  // --- Reading and writing the form ---------------------------------------------------------------------------
  const checked = (inputs) => inputs.find((input) => input.checked)?.value ?? "";

  /** The form's values as the reader left them (the exit documents' too, once their part is shown). */
  function readValues() {
    return {
      ...state.values,
      ...(ctx.docs ? ctx.docs.read() : {}),
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

  /** Put `values` (planner-state.js's) into the form. */
  function writeValues(values) {
    ctx.docs?.write(values);
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

  /** Keep the form as it is now in storage (and say so when the browser refuses). */
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

  /** Listen to a form's input: the reader's figure, then store, then let the texts' part write the texts. */
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
      ctx.render();
    });
    part.addEventListener("change", () => {
      store();
      ctx.render();
    });
  }
  listen(form);

  /**
   * What the texts' part (texts-part.js attach) gets: the form's pieces and helpers, the state, and the code
   * both need (planner-state.js's functions as `stored`, lib/bundles.js's loaders, lib/parts.js's partLoader),
   * so the part does not carry a second copy. It sets `render` (write the texts after a change), `docs` (the
   * exit documents once shown) and `onStorage`.
   */
  const ctx = {
    root, config, strings, t, storage, fieldId, field, group, radios, listen, createOutput, outputs,
    readValues, writeValues, store, showSaved,
    stored: { key: PLANNER_KEY, load, save, forget, empty: emptyPlanner },
    loadBundle, loadStrings, partLoader,
    getState: () => state,
    setState: (next) => { state = next; },
    refundSource, calculationNote, outputSection, printButton, forgetButton, actionStatus, actions,
    documentsButton, documentsRetry, documentsStatus, documentsPart, documentsPartId, fallback,
    target: "",
    docs: null,
    render: () => {},
    onStorage: null,
  };

  // Another tab (this page in the other language) changed the planner: the form shows it; the texts' part,
  // once here, also follows the calculator and the checklists (ctx.onStorage).
  const onStorage = (event) => {
    if (!root.isConnected) return window.removeEventListener("storage", onStorage);
    if (event.key === PLANNER_KEY || event.key === null) {
      state = load(storage);
      writeValues(state.values);
    }
    if (ctx.onStorage) ctx.onStorage(event);
    else if ([PLANNER_KEY, CALCULATION_KEY, null].includes(event.key)) start();
  };
  window.addEventListener("storage", onStorage);

  // --- Loading the texts' part ----------------------------------------------------------------------------------
  // The buttons clicked before the part is here (null once a load failed, until the reader tries again).
  // The texts' part and its strings, fetched once (lib/parts.js): the buttons clicked meanwhile are clicked again
  // once it is attached, and dropped if it fails (the status says why, the retry brings it).
  const texts = partLoader({
    name: TEXTS_PART, language: config.language, root, stateAttribute: ATTRIBUTES.textsState, busy: outputSection,
    holdClicks: true,
    attach: (part, partStrings) => {
      const lacking = missingStrings(partStrings, part.TEXTS_STRING_KEYS);
      if (lacking.length) throw new Error(`conversation planner: the texts' strings lack ${lacking.join(", ")}`);
      Object.assign(strings, partStrings);
      // A part that failed half-way through attaching cannot be attached again: broken, nothing to retry.
      return part.attach(ctx).then(() => {
        if (fallback) {
          fallback.hidden = true;
          fallback.removeAttribute(ATTRIBUTES.printFallback);
        }
      });
    },
    show: (state) => {
      if (state === "loading") {
        textsRetryRow.hidden = true;
        textsStatus.textContent = "";
      } else if (state === "failed" || state === "broken") {
        textsStatus.textContent = t(state === "broken" ? "texts.broken" : "texts.failed");
        textsRetryRow.hidden = state === "broken";
      }
    },
  });
  const loadTexts = texts.load;
  // Called once the texts' part is first asked for (the scroll watch below stops then).
  let whenLoading = () => {};
  const start = whenUsed(root, () => {
    whenLoading();
    loadTexts();
  });
  textsRetry.addEventListener("click", () => {
    // The retry goes away while the part loads: focus goes to the first text, where the texts will be (and back
    // to the retry, should it fail again).
    outputs.script.area.focus();
    loadTexts().then((shown) => { if (!shown && texts.state() !== "broken") textsRetry.focus(); });
  });
  const onBeforePrint = () => {
    window.removeEventListener("beforeprint", onBeforePrint);
    start();
  };
  window.addEventListener("beforeprint", onBeforePrint);

  // --- Start ------------------------------------------------------------------------------------------------------
  writeValues(state.values);
  return loadStylesheet("planner.css").then(() => {
    root.prepend(form, textsNotice, outputSection, documentsSection, actions);
    showSaved();
    // Hidden on screen; the printer gets it until the texts' part brings the exit pack (planner.css).
    if (fallback) {
      fallback.hidden = true;
      fallback.setAttribute(ATTRIBUTES.printFallback, "");
    }
    root.setAttribute(ATTRIBUTES.status, "ready");
    ctx.target = linkedTarget(doc, [documentsPartId]);
    // A returning reader sees their texts without touching the page; so does a link into the documents.
    if (storage.read(PLANNER_KEY) !== null || storage.read(CALCULATION_KEY) !== null || ctx.target) start();
    else if (typeof IntersectionObserver === "function") {
      // A reader who scrolls to the texts without touching the planner (keys on the page, a scroll bar) sees them.
      const seen = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) start();
      });
      seen.observe(outputSection);
      // Watching stops once the part is on its way, however it was asked for.
      whenLoading = () => seen.disconnect();
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

