// The conversation planner's texts' part (part-planner-texts.js, with its strings in
// strings-planner-texts.<lang>.js): everything that reacts to the form planner.js shows at load. planner.js
// loads it on the reader's first use of the planner, or at once when this browser stored something (see there),
// and hands it the form (attach(ctx)). It brings:
// - the call script and the written confirmation (planner-text.js) in their boxes, written again on every change
//   unless the reader edited them (regenerate writes them again), with copy, print and download tools and the
//   unfilled placeholders (output-tools.js), and the export and import of everything this browser keeps;
// - the exit pack (exit-pack.js), a section only paper shows, filled before printing;
// - the exit documents' disclosure: it loads part-planner-documents.js and its strings (lib/bundles.js) the
//   first time the reader opens it, or at once when the stored state shows the reader already used the
//   documents or the address points into them (then the target is scrolled into view once it exists);
// - the calculator's arithmetic (calculation-part.js), waited for only when a calculation is stored; a fresh
//   reader never gets it unless they export or import, or another tab stores a calculation. Until then what is
//   stored for them is kept as it is (an import writes it too); a failed load (offline) says so.
// - forgetting everything (the planner's and the calculator's hand-over, last-calculation.js), and following
//   other tabs (the calculator, a checklist).
// Its strings (TEXTS_STRING_KEYS, and the calculator's "calculator.summary.*" for the exit pack's summary of a
// calculation) are not in the page config: the build writes them into the part's strings file.

import { KEY_PREFIX as CHECKLIST_KEY_PREFIX } from "../checklist/checklist-state.js";
import { checklistsWithTicks, readChecklists } from "./exit-pack-model.js";
import { ATTRIBUTES as EXIT_PACK_ATTRIBUTES, builtChecklists, createExitPack } from "./exit-pack.js";
import { REFUND_SOURCES, confirmationText, readTemplates, scriptText } from "./planner-text.js";
import { DOCUMENTS, emptyDocumentValues } from "../documents/document-fields.js";
import { OUTPUT_STRING_KEYS, createOutputTools } from "./output-tools.js";
import { h } from "../lib/dom.js";

/** The names planner.js exports (tests/js/planner-split.test.mjs holds them equal); not imported, so this part
 * does not carry planner.js. */
export const NAMES = Object.freeze({
  templates: "data-planner-templates",
  documentsState: "data-planner-documents-state",
  stringPrefix: "planner.",
  documentsPart: "planner-documents",
  calculationPart: "planner-calculation",
  calculationKey: "playbook.calculator.last",
});
const { stringPrefix: STRING_PREFIX, documentsPart: DOCUMENTS_PART, calculationPart: CALCULATION_PART, calculationKey: CALCULATION_KEY } = NAMES;
const ATTRIBUTES = NAMES;

/** Every planner key (without "planner.") this part reads and the page config does not carry. */
export const TEXTS_STRING_KEYS = Object.freeze([
  "documents.hide", "documents.loading", "documents.failed", "documents.broken", "documents.retry",
  "calculation.refund", "calculation.balance_due", "calculation.settled", "calculation.note",
  "calculation.unavailable",
  "copied", "copy-failed", "regenerated",
  "forget-question", "forget-cancel", "forget-confirm", "forgotten",
  "exit-pack.title", "exit-pack.intro", "exit-pack.script", "exit-pack.confirmation", "exit-pack.checklists",
  "exit-pack.tally", "exit-pack.calculation", "exit-pack.no-calculation",
  ...OUTPUT_STRING_KEYS,
]);
/** The other strings the part's file carries: the calculator's, for the exit pack's summary (calculation-part.js). */
export const TEXTS_OTHER_PREFIX = "calculator.summary.";

/**
 * Whether a stored planner shows the reader already used the exit documents: a document field differs from a
 * fresh form, or a document's text was edited by hand. Then the documents' part loads at once.
 * @param {{values: object, edited: object}} state planner-state.js load()
 */
export function usedDocuments(state) {
  const empty = emptyDocumentValues();
  const own = new Set(["client_company", "client_contact"]);
  return Object.keys(empty).some((name) => !own.has(name) && state.values[name] !== empty[name])
    || DOCUMENTS.some((name) => typeof state.edited[name] === "string");
}

/**
 * Take over the planner's form: write the texts from it as it is now (what the reader typed before the part
 * arrived included), wire every button, and keep the texts current from here on.
 * @param {object} ctx planner.js mount's form and helpers (see there); its strings hold this part's strings
 * @returns {Promise<void>} settles once the texts are written (after the calculation part, when one is stored)
 */
export function attach(ctx) {
  const { root, config, strings, t, storage, fieldId, createOutput, outputs, refundSource, calculationNote } = ctx;
  const { documentsButton, documentsRetry, documentsStatus, documentsPart } = ctx;
  const { readValues, writeValues, store, getState, setState, loadBundle, partLoader } = ctx;
  // planner-state.js's functions, from planner.js's bundle (this part does not carry them again).
  const { key: PLANNER_KEY, load, save, forget: forgetPlanner, empty: emptyPlanner } = ctx.stored;
  const doc = root.ownerDocument;
  const locale = config.locale;
  const templatesNode = doc.querySelector(`[${ATTRIBUTES.templates}]`);
  const templates = readTemplates(templatesNode?.getAttribute(ATTRIBUTES.templates) ?? null);
  const checklistsTemplate = root.querySelector(`template[${EXIT_PACK_ATTRIBUTES.template}]`);
  const checklists = readChecklists(builtChecklists(root));
  documentsRetry.textContent = t("documents.retry");

  const kit = {
    t, fieldId, field: ctx.field, group: ctx.group, radios: ctx.radios, locale, templates, doc,
    has: (key) => typeof strings[STRING_PREFIX + key] === "string",
    values: () => readValues(),
    seed: () => {
      if (!getState().seed) {
        setState({ ...getState(), seed: crypto.randomUUID() });
        save(storage, getState());
      }
      return getState().seed;
    },
    apply: (entries) => {
      for (const { key, text } of entries) storage.write(key, text);
      setState(load(storage));
      writeValues(getState().values);
      readCalculation();
      render();
    },
  };

  const tools = createOutputTools({
    t, fieldId, templates, doc, apply: (entries) => kit.apply(entries), transferCode: () => calculationPart(),
    held: () => [PLANNER_KEY, CALCULATION_KEY].map((key) => [key, storage.read(key)]),
  });

  /** Wire one output's buttons (planner.js createOutput built them): copy, regenerate, print, download. */
  function wireOutput(name, output) {
    const { area, copy, regenerate, status } = output;
    tools.decorate(name, output);
    regenerate.addEventListener("click", () => {
      setState({ ...getState(), edited: { ...getState().edited, [name]: null } });
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
  for (const name of Object.keys(outputs)) wireOutput(name, outputs[name]);

  const dialog = confirmation(t);
  if (dialog) ctx.actions.append(dialog);
  const exitPack = createExitPack(t, checklistsTemplate);

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
    const write = { script: scriptText, confirmation: confirmationText, ...ctx.docs?.writers }[name];
    return write(values, templates, { locale, calculation });
  };

  function render() {
    const values = readValues();
    const { edited } = getState();
    for (const name of Object.keys(outputs)) {
      const output = outputs[name];
      const own = edited[name];
      const text = own ?? generated(name, values);
      if (output.area.value !== text) output.area.value = text;
      output.regenerate.hidden = own === null;
      output.edited.hidden = own === null;
    }
    ctx.docs?.render(values);
    tools.render(Object.values(outputs));
    renderPack();
  }

  function renderPack() {
    exitPack.update({
      script: outputs.script.area.value,
      confirmation: outputs.confirmation.area.value,
      checklists: checklistsWithTicks(checklists, storage),
      calculation: calculation
        ? calc.calculationSummary(calculation.state, { ...config, strings })
        : calculationUnreadable() ? t("calculation.unavailable") : null,
    });
  }

  // --- Loading the documents' part -----------------------------------------------------------------------------
  // The documents' part and its strings, fetched once (lib/parts.js); offline the status says so and the retry
  // brings it; a part that arrives but cannot be shown (a faulty build) says so, without the retry.
  const documentsLoader = partLoader({
    name: DOCUMENTS_PART, language: config.language, root, stateAttribute: ATTRIBUTES.documentsState,
    busy: documentsPart,
    attach: (part, partStrings) => {
      const missing = part.DOCUMENT_STRING_KEYS.map((key) => STRING_PREFIX + key)
        .filter((key) => typeof partStrings?.[key] !== "string" || !partStrings[key].trim());
      if (missing.length) throw new Error(`conversation planner: the exit documents' strings lack ${missing.join(", ")}`);
      showDocuments(part, partStrings);
    },
    show: (state) => {
      if (state === "loading") documentsRetry.hidden = true;
      documentsStatus.textContent = {
        loading: t("documents.loading"), ready: "", failed: t("documents.failed"), broken: t("documents.broken"),
      }[state];
      if (state === "failed" || state === "broken") documentsRetry.hidden = state === "broken";
    },
  });
  /** Load the part and its strings (once), put its fields and outputs in place; resolves true when shown. */
  const loadDocuments = () => (ctx.docs ? Promise.resolve(true) : documentsLoader.load());

  /**
   * Build the documents' fields and outputs from the loaded part and its strings (`partStrings`, keys the page's
   * config does not hold), all into locals first: only once everything is built do `outputs`, `ctx.docs` and the
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
    ctx.listen(documentsForm);
    for (const [name, { output }] of created) {
      outputs[name] = output;
      wireOutput(name, output);
    }
    ctx.docs = { ...view, writers: part.WRITERS };
    documentsPart.append(documentsForm, h("div", { class: "planner__outputs" }, ...created.map(([, { part: element }]) => element)));
    ctx.docs.write(getState().values);
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

  // --- Print and forget -------------------------------------------------------------------------------------------
  ctx.printButton.addEventListener("click", () => {
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
    setState(emptyPlanner());
    writeValues(getState().values);
    readCalculation();
    render();
    for (const name of Object.keys(outputs)) outputs[name].status.textContent = "";
    ctx.actionStatus.textContent = t("forgotten");
  }

  ctx.forgetButton.addEventListener("click", () => {
    ctx.actionStatus.textContent = "";
    if (!dialog) {
      if (window.confirm(t("forget-question"))) forgetEverything();
      return;
    }
    dialog.returnValue = "";
    dialog.showModal();
  });
  dialog?.addEventListener("close", () => {
    if (dialog.returnValue === "forget") forgetEverything();
    ctx.forgetButton.focus();
  });

  // Another tab (the calculator, a checklist, this page in the other language) changed what is stored; planner.js
  // has put a changed planner into the form already.
  ctx.onStorage = (event) => {
    if (event.key === CALCULATION_KEY || event.key === null) {
      readCalculation();
      if (!calc) withCalculation().then(() => root.isConnected && render());
    }
    if (event.key === null || [PLANNER_KEY, CALCULATION_KEY].includes(event.key) || event.key.startsWith(CHECKLIST_KEY_PREFIX)) {
      render();
    }
  };

  // --- Start ------------------------------------------------------------------------------------------------------
  // What the reader typed before the part arrived is in the form (and stored): it is what the texts are written from.
  readCalculation();
  return withCalculation().then(() => {
    const transfer = tools.transfer;
    ctx.actions.before(transfer);
    root.append(exitPack.element);
    doc.body.append(tools.sheet);
    ctx.render = render;
    render();
    ctx.showSaved();
    const state = getState();
    const target = ctx.target;
    // A returning reader who used the documents, or a link to something inside them, gets them at once.
    if (usedDocuments(state) || target) {
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

