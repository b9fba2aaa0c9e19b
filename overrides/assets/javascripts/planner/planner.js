// The conversation planner: the thin DOM layer.
//
// The build (scripts/playbook/blocks/planner/) writes a root <div data-widget="conversation-planner"
// data-conversation-planner> holding only the Markdown fallback (a worksheet to fill in by hand) in
// [data-planner-fallback], and the page's templates as JSON on a hidden [data-planner-templates]; the page
// config carries the strings ("planner.*") and, on this page only, every checklist of the language. This module
// builds the form, writes the call script and the written confirmation (planner-text.js) and the exit
// documents (documents/document-text.js, through documents-view.js) into editable text areas with copy buttons,
// and fills the exit pack (exit-pack.js), a section only paper shows.
//
// What the reader types stays in this browser: planner-state.js keeps it in localStorage (storage.js), nothing
// goes into the URL or over the network, and the forget button removes what the planner and the calculator's
// hand-over (last-calculation.js) stored. playbook.js imports this module only where its root is, and the
// module brings its own stylesheet (planner.css).

import { KEY_PREFIX as CHECKLIST_KEY_PREFIX } from "../checklist/checklist-state.js";
import { calculationSummary, checklistsWithTicks, readChecklists } from "./exit-pack-model.js";
import { createExitPack } from "./exit-pack.js";
import { KEY as CALCULATION_KEY, forget as forgetCalculation, handover, recall } from "../calculator/last-calculation.js";
import { KEY as PLANNER_KEY, OUTPUTS, forget as forgetPlanner, emptyPlanner, load, save } from "./planner-state.js";
import {
  END_KINDS, HANDOVERS, MAX_REPLACEMENTS, REASONS, REFUND_SOURCES, confirmationText, fill, readTemplates, scriptText,
} from "./planner-text.js";
import { WRITERS } from "../documents/document-text.js";
import { DOCUMENT_STRING_KEYS, createDocumentsView } from "./documents-view.js";
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
  print: "data-exit-pack-print",
  screenOnly: "data-screen-only",
});

export const STRING_PREFIX = "planner.";
/** Every key the widget reads, without STRING_PREFIX. */
export const STRING_KEYS = Object.freeze([
  "form-label",
  "reason.legend", "reason.label", "reason.choose", ...REASONS.map((reason) => `reason.${reason}`),
  "reason_details.label", "reason_details.hint",
  "end.legend", ...END_KINDS.map((kind) => `end_kind.${kind}`), "end_date.label", "end_date.hint",
  "handover.legend", ...HANDOVERS.map((kind) => `handover.${kind}`), "handover_details.label", "handover_details.hint",
  "money.legend", ...REFUND_SOURCES.map((source) => `refund_source.${source}`), "refund.label", "refund.hint",
  "calculation.refund", "calculation.balance_due", "calculation.settled", "calculation.note", "calculation.none",
  "replacements.legend", "replacements.hint", "replacements.label",
  "output.script.heading", "output.script.hint", "output.confirmation.heading", "output.confirmation.hint",
  "copy.script", "copy.confirmation", "copied", "copy-failed", "edited", "regenerate", "regenerated",
  "print", "print.hint", "forget", "forget-question", "forget-cancel", "forget-confirm", "forgotten", "not-saved",
  "exit-pack.title", "exit-pack.intro", "exit-pack.script", "exit-pack.confirmation", "exit-pack.checklists",
  "exit-pack.tally", "exit-pack.calculation", "exit-pack.no-calculation",
  ...DOCUMENT_STRING_KEYS,
]);

/** Every planner key the widget needs that `strings` lacks (or has empty). */
export function missingStrings(strings) {
  return STRING_KEYS.map((key) => STRING_PREFIX + key)
    .filter((key) => !strings || typeof strings[key] !== "string" || !strings[key].trim());
}


const fieldId = (name) => `planner-${name.replace(/_/g, "-")}`;

/**
 * Mount the planner in its root.
 * @param {HTMLElement} root element with data-conversation-planner
 * @param {object} config the page config (language, locale, currency, strings, checklists)
 * @param {{storage?: ReturnType<typeof openStorage>}} [options]
 * @returns {Promise<void>} settles when the form is on the page
 */
export function mount(root, config, options = {}) {
  const strings = config.strings ?? {};
  const missing = missingStrings(strings);
  if (missing.length) throw new Error(`conversation planner: missing strings ${missing.join(", ")}`);
  const t = (key, values) => fill(strings[STRING_PREFIX + key], values);
  const locale = config.locale;
  const templatesNode = root.ownerDocument.querySelector(`[${ATTRIBUTES.templates}]`);
  const templates = readTemplates(templatesNode?.getAttribute(ATTRIBUTES.templates) ?? null);
  const checklists = readChecklists(config.checklists);
  const storage = options.storage ?? openStorage();
  const fallback = root.querySelector(`[${ATTRIBUTES.fallback}]`);
  let state = load(storage);

  // --- Fields -------------------------------------------------------------------------------------------------
  function field(name, { label, hint, id = fieldId(name), multiline = false, type = "text", extra = {} }) {
    const hintId = hint ? `${id}-hint` : null;
    const input = multiline
      ? h("textarea", { id, name, rows: 3, class: "planner__input planner__input--multiline", "aria-describedby": hintId, ...extra })
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

  const docs = createDocumentsView({
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
  });

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
    ...docs.client, reasonGroup, endGroup, handoverGroup, moneyGroup, replacementsGroup, docs.section);

  // --- Outputs --------------------------------------------------------------------------------------------------
  const outputs = {};
  const outputSection = h("div", { class: "planner__outputs", [ATTRIBUTES.screenOnly]: true });
  for (const name of OUTPUTS) {
    const headingId = fieldId(`${name}-heading`);
    const hintId = fieldId(`${name}-hint`);
    const statusId = fieldId(`${name}-status`);
    const area = h("textarea", {
      id: fieldId(`${name}-text`), class: "planner__output", rows: name === "script" ? 16 : 14, spellcheck: "true",
      "aria-labelledby": headingId, "aria-describedby": `${hintId} ${statusId}`, [ATTRIBUTES.output]: name,
    });
    const copy = h("button", { type: "button", class: "md-button md-button--primary planner__button", [ATTRIBUTES.copy]: name }, t(`copy.${name}`));
    const regenerate = h("button", { type: "button", class: "md-button planner__button", [ATTRIBUTES.regenerate]: name, hidden: true }, t("regenerate"));
    const status = h("p", { id: statusId, class: "planner__status", role: "status" });
    const edited = h("p", { class: "planner__hint planner__edited", hidden: true }, t("edited"));
    const buttons = h("div", { class: "planner__actions" }, copy, regenerate);
    outputSection.append(h("section", { class: "planner__output-part", "aria-labelledby": headingId },
      h("h3", { id: headingId, class: "planner__heading" }, t(`output.${name}.heading`)),
      h("p", { id: hintId, class: "planner__hint" }, t(`output.${name}.hint`)),
      area, edited,
      buttons,
      status));
    outputs[name] = { area, copy, regenerate, status, edited };
    docs.decorate(name, { area, actions: buttons, status });
  }

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

  const exitPack = createExitPack(t);

  // --- Reading and writing the form ---------------------------------------------------------------------------
  const checked = (inputs) => inputs.find((input) => input.checked)?.value ?? "";

  function readValues() {
    return {
      ...docs.read(),
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
    docs.write(values);
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

  function readCalculation() {
    const last = recall(storage);
    calculation = last ? { state: last, ...handover(last, { locale }), rateBp: last.vat?.rateBp ?? 0n } : null;
    refundSource.group.hidden = !calculation;
    if (calculation) {
      const summary = t(`calculation.${calculation.kind}`, { amount: calculation.amount });
      refundSource.labels[REFUND_SOURCES.indexOf("calculation")].textContent = t("refund_source.calculation", { calculation: summary });
      calculationNote.textContent = t("calculation.note");
    } else {
      calculationNote.textContent = t("calculation.none");
    }
  }

  // --- Writing the texts ------------------------------------------------------------------------------------------
  const generated = (name, values) => {
    const write = { script: scriptText, confirmation: confirmationText, ...WRITERS }[name];
    return write(values, templates, { locale, calculation });
  };

  function render() {
    const values = readValues();
    for (const name of OUTPUTS) {
      const { area, regenerate, edited } = outputs[name];
      const own = state.edited[name];
      const text = own ?? generated(name, values);
      if (area.value !== text) area.value = text;
      regenerate.hidden = own === null;
      edited.hidden = own === null;
    }
    docs.render(values);
    renderPack();
  }

  function renderPack() {
    exitPack.update({
      script: outputs.script.area.value,
      confirmation: outputs.confirmation.area.value,
      checklists: checklistsWithTicks(checklists, storage),
      calculation: calculationSummary(calculation?.state ?? null, config),
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
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    // Typing an amount means the reader wants their own figure, not the calculation's.
    if (event.target === refund.input && calculation) {
      for (const input of refundSource.inputs) input.checked = input.value === "typed";
    }
    for (const name of OUTPUTS) outputs[name].status.textContent = "";
    store();
    render();
  });
  form.addEventListener("change", () => {
    store();
    render();
  });

  for (const name of OUTPUTS) {
    const { area, copy, regenerate, status } = outputs[name];
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

  printButton.addEventListener("click", () => {
    docs.endPrint();
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
    docs.endPrint();
  };
  window.addEventListener("afterprint", onAfterPrint);

  function forgetEverything() {
    forgetPlanner(storage);
    forgetCalculation(storage);
    state = emptyPlanner();
    writeValues(state.values);
    readCalculation();
    render();
    for (const name of OUTPUTS) outputs[name].status.textContent = "";
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
    if (event.key === CALCULATION_KEY || event.key === null) readCalculation();
    if (event.key === null || [PLANNER_KEY, CALCULATION_KEY].includes(event.key) || event.key.startsWith(CHECKLIST_KEY_PREFIX)) {
      render();
    }
  };
  window.addEventListener("storage", onStorage);

  // --- Start ------------------------------------------------------------------------------------------------------
  writeValues(state.values);
  readCalculation();
  return loadStylesheet("planner.css").then(() => {
    root.prepend(form, outputSection, docs.transfer, actions, exitPack.element);
    root.ownerDocument.body.append(docs.sheet);
    render();
    showSaved();
    if (fallback) fallback.hidden = true;
    root.setAttribute(ATTRIBUTES.status, "ready");
  });
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

