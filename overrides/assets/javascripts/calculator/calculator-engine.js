// The refund calculator's engine: everything of the calculator but its form, an on-demand part.
//
// The build bundles it as part-refund-calculator-engine.js (scripts/playbook/site/bundle.py PARTS) and writes
// its strings (every "calculator.*" key but the form's, refund-form.js ENGINE_STRING_KEYS and the error
// messages) as strings-refund-calculator-engine.<code>.js; refund-calculator.js fetches both on the reader's
// first use of the form, or at mount when a calculation is there to show, and calls attach() with the form it
// built. From then on this module reads and checks the form (refund-form.js), shows the messages, the result,
// the formula and the printed summary, keeps the state in the URL fragment with history.replaceState (and
// removes it as soon as the form is not ready: a reload never brings back a figure the reader deleted) and the
// last ready calculation in this browser (last-calculation.js, for the planner and for a return without a
// link), and answers the milestone buttons, the copy buttons and a calculation link pasted into the tab. The
// arithmetic is refund-math.js and refund-state.js. Nothing typed leaves the page.

import { h } from "../lib/dom.js";
import { CURRENCIES, MAX_MILESTONES, formatPercent } from "./refund-math.js";
import { decodeState, encodeState, isCalculatorFragment } from "./refund-state.js";
import {
  forget as forgetCalculation, recall as recallCalculation, recallNames, remember as rememberCalculation,
} from "./last-calculation.js";
import {
  CREDIT_NOTE_ROWS, FIELDS, FINAL_INVOICE_ROWS, RESULT_ROWS, calculatorSettings, copySummary, emptyMilestone,
  errorMessage, initialValues, milestoneTotalsText, printSummary, proposedRate, readForm, resultView, text,
  valuesFromState,
} from "./refund-form.js";

/** Attributes this module writes (refund-calculator.js ATTRIBUTES holds the same; a unit test holds the two
 * together, and with scripts/playbook/blocks/calculator/). */
export const ATTRIBUTES = Object.freeze({
  status: "data-calculator-status",
  result: "data-result",
  value: "data-value-minor",
  milestone: "data-milestone",
  milestoneRemove: "data-milestone-remove",
  formula: "data-result-formula",
});

/**
 * Take over the calculator's form: fill the result region, listen to the form, and work out what it holds.
 *
 * What the reader typed before this arrived is kept: the values are read from the form as it is. Only when
 * nothing was changed (or a calculation link was pasted meanwhile) does a calculation to show (the address's
 * #calc=…, else the one kept in this browser) fill the form.
 * @param {object} view the form refund-calculator.js built: its root, form, controls (currency, shareMode,
 *   settlement, fields, bases), milestone rows and their helpers (milestoneRow, milestoneRows,
 *   renumberMilestones, setMilestones), addButton, totalsLine, groupError, layout(), the result region's parts
 *   (its status line loadStatus; advice, after which the figures go; copyButton, linkButton, copyStatus), the
 *   printed summary (summary) and the live region (announcer)
 * @param {object} config the page config with every calculator string (the page's and this part's)
 * @param {{typed: boolean, touched: Set<string>, submitted: boolean, rateTyped: boolean,
 *   currencyChanged: boolean, linkPasted: boolean}} early what the reader did before (refund-calculator.js)
 * @returns {{restored: "link" | "browser" | null, damaged: boolean}} where the figures shown came from, if not
 *   from the reader; whether the address held a calculation link that could not be shown (the status line says so)
 * @throws {Error} when the strings lack a key (calculatorSettings): the form is then left as it was
 */
export function attach(view, config, early) {
  const settings = calculatorSettings(config);
  const t = (key, vars) => text(settings, key, vars);
  const {
    root, form, currency, currencyError, shareMode, settlement, fields, bases, milestoneList, milestoneRows,
    milestoneRow, renumberMilestones, setMilestones, addButton, totalsLine, groupError, layout, loadStatus, advice,
    copyButton, linkButton, copyStatus, summary, announcer,
  } = view;

  // --- The result ---------------------------------------------------------------------------------------------
  const resultRow = (key) => {
    const value = h("dd", { [ATTRIBUTES.result]: key });
    const label = h("dt");
    return { key, node: h("div", { class: `refund-calculator__row refund-calculator__row--${key}` }, label, value), label, value };
  };
  const rows = RESULT_ROWS.map(resultRow);
  const creditRows = CREDIT_NOTE_ROWS.map(resultRow);
  const invoiceRows = FINAL_INVOICE_ROWS.map(resultRow);
  const breakdown = h("dl", { class: "refund-calculator__breakdown" }, ...rows.map((r) => r.node));
  const creditNote = h("div", { class: "refund-calculator__credit-note" },
    h("p", { class: "refund-calculator__subheading" }, t("credit-note.heading")),
    h("dl", { class: "refund-calculator__breakdown" }, ...creditRows.map((r) => r.node)));
  const finalInvoice = h("div", { class: "refund-calculator__credit-note refund-calculator__final-invoice" },
    h("p", { class: "refund-calculator__subheading" }, t("final-invoice.heading")),
    h("dl", { class: "refund-calculator__breakdown" }, ...invoiceRows.map((r) => r.node)));
  const formulaList = h("ul", { class: "refund-calculator__formula-lines" });
  const formula = h("div", { class: "refund-calculator__formula", [ATTRIBUTES.formula]: true },
    h("p", { class: "refund-calculator__subheading" }, t("formula.heading")), formulaList);
  const details = h("div", { class: "refund-calculator__details", hidden: true }, breakdown, creditNote, finalInvoice, formula);

  // --- Reading and writing the form ---------------------------------------------------------------------------
  const checkedValue = (inputs) => inputs.find((input) => input.checked)?.value ?? "";

  function readValues() {
    return {
      share_mode: checkedValue(shareMode.inputs),
      vat_rate: fields[FIELDS.vatRate].input.value,
      contract_total: fields[FIELDS.total].input.value,
      percent_complete: fields[FIELDS.percent].input.value,
      units_done: fields[FIELDS.unitsDone].input.value,
      units_total: fields[FIELDS.unitsTotal].input.value,
      amount_paid: fields[FIELDS.paid].input.value,
      expenses: fields[FIELDS.expenses].input.value,
      ...Object.fromEntries(Object.entries(bases).map(([name, select]) => [name, select.value])),
      currency: currency.value,
      settlement: checkedValue(settlement.inputs),
      milestones: milestoneRows().map((item) => ({
        name: item.calculatorParts.name.value,
        price: item.calculatorParts.price.input.value,
        percent: item.calculatorParts.percent.input.value,
      })),
    };
  }

  function writeValues(values) {
    for (const input of shareMode.inputs) input.checked = input.value === values.share_mode;
    for (const input of settlement.inputs) input.checked = input.value === values.settlement;
    fields[FIELDS.total].input.value = values.contract_total;
    fields[FIELDS.percent].input.value = values.percent_complete;
    fields[FIELDS.unitsDone].input.value = values.units_done;
    fields[FIELDS.unitsTotal].input.value = values.units_total;
    fields[FIELDS.paid].input.value = values.amount_paid;
    fields[FIELDS.expenses].input.value = values.expenses;
    fields[FIELDS.vatRate].input.value = values.vat_rate;
    for (const [name, select] of Object.entries(bases)) select.value = values[name];
    currency.value = values.currency;
    // A rate that is not the currency's standard one was the reader's choice: a change of currency keeps it.
    rateTyped = values.vat_rate !== proposedRate(settings, values.currency);
    setMilestones(values.milestones);
    touched.clear();
  }

  // --- Showing errors and the result --------------------------------------------------------------------------
  // A field's message shows once the reader has changed the field (or pressed Enter): an empty form does not
  // greet anyone with "required", and a half-typed number is not flagged mid-keystroke.
  const touched = early.touched;
  let submitted = early.submitted;
  let lastFragment = null;
  // The form started on the page's currency and its rate: a rate other than that currency's was typed.
  let rateTyped = early.rateTyped || fields[FIELDS.vatRate].input.value !== proposedRate(settings, settings.currency);

  function showError(input, errorNode, code, name, detail = {}) {
    const visible = Boolean(code) && (submitted || touched.has(input.id));
    const message = visible ? errorMessage(settings, code, { field: name, currency: currency.value, detail }) : "";
    if (errorNode.textContent !== message) errorNode.textContent = message;
    errorNode.hidden = !visible;
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== errorNode.id);
    if (visible) described.push(errorNode.id);
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
    if (visible) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return visible;
  }

  function setValue(row, item) {
    if (item) {
      row.label.textContent = item.label;
      row.value.textContent = item.value;
      row.value.setAttribute(ATTRIBUTES.value, item.minor.toString());
    } else {
      row.value.textContent = "";
      row.value.removeAttribute(ATTRIBUTES.value);
    }
  }

  /** Work out the form as it is and show it; returns the outcome and the result's sentences (none if not ready). */
  function render() {
    layout();
    const values = readValues();
    const mode = values.share_mode;
    const milestoneMode = mode === "milestones";

    const outcome = readForm(values, settings);
    let shown = showError(currency, currencyError, outcome.errors[FIELDS.currency], FIELDS.currency);
    const outOfPlay = {
      percent: [FIELDS.unitsDone, FIELDS.unitsTotal],
      units: [FIELDS.percent],
      milestones: [FIELDS.total, FIELDS.percent, FIELDS.unitsDone, FIELDS.unitsTotal],
    }[mode] ?? [];
    for (const [name, field] of Object.entries(fields)) {
      const inPlay = !outOfPlay.includes(name);
      if (showError(field.input, field.error, inPlay ? outcome.errors[name] : null, name, outcome.details[name])) shown = true;
    }
    milestoneRows().forEach((item, index) => {
      const rowErrors = milestoneMode ? outcome.milestoneErrors[index] ?? {} : {};
      const rowDetails = milestoneMode ? outcome.milestoneDetails[index] ?? {} : {};
      const { price, percent } = item.calculatorParts;
      for (const [part, name] of [[price, FIELDS.milestonePrice], [percent, FIELDS.milestonePercent]]) {
        if (showError(part.input, part.error, rowErrors[name], name, rowDetails[name])) shown = true;
      }
    });
    const groupMessage = milestoneMode && outcome.groupError ? errorMessage(settings, outcome.groupError, { currency: values.currency }) : "";
    groupError.textContent = groupMessage;
    groupError.hidden = !groupMessage;
    if (groupMessage) shown = true;
    totalsLine.textContent = outcome.milestoneSums ? milestoneTotalsText(settings, outcome.milestoneSums, values.currency) : "";
    totalsLine.hidden = !outcome.milestoneSums;

    const ready = outcome.status === "ready";
    root.setAttribute(ATTRIBUTES.status, ready ? "ready" : shown || outcome.status === "invalid" ? "invalid" : "incomplete");
    details.hidden = !ready;
    copyButton.disabled = !ready;
    linkButton.disabled = !ready;
    if (!ready) {
      advice.replaceChildren(h("p", {}, t(shown ? "result.invalid" : "result.incomplete")));
      [...rows, ...creditRows, ...invoiceRows].forEach((row) => setValue(row, null));
      formulaList.replaceChildren();
      summary.replaceChildren();
      // Figures the reader cleared or broke must not come back: not from the address, not from this browser.
      if (isCalculatorFragment(window.location.hash)) {
        window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
      }
      forgetCalculation();
      lastFragment = null;
      return { outcome, sentences: [] };
    }

    const view = resultView(settings, outcome.state, outcome.result);
    advice.replaceChildren(...view.sentences.map((sentence) => h("p", {}, sentence)));
    rows.forEach((row, index) => setValue(row, view.rows[index]));
    creditNote.hidden = !view.showCreditNote;
    finalInvoice.hidden = !view.showFinalInvoice;
    creditRows.forEach((row, index) => setValue(row, view.creditNote[index]));
    invoiceRows.forEach((row, index) => setValue(row, view.finalInvoice[index]));
    formulaList.replaceChildren(...view.formula.map((line) => h("li", {}, line)));

    const lines = printSummary(settings, outcome.state, outcome.result);
    summary.replaceChildren(
      h("p", { class: "refund-calculator__summary-title" }, lines.title),
      ...lines.notes.map((note) => h("p", {}, note)),
      h("dl", {}, ...lines.rows.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value)))));

    const fragment = encodeState(outcome.state);
    if (fragment && `#${fragment}` !== window.location.hash) {
      window.history.replaceState(window.history.state, "", `#${fragment}`);
    }
    lastFragment = fragment;
    // For the conversation planner, and for this page when the reader comes back without a link.
    rememberCalculation(outcome.state, undefined, milestoneMode ? values.milestones.map((m) => m.name) : []);
    return { outcome, sentences: view.sentences };
  }

  function announce(message) {
    // Clear first so the same words are spoken again when they recur.
    announcer.textContent = "";
    if (message) window.setTimeout(() => { announcer.textContent = message; }, 50);
  }

  /** A new currency proposes its standard VAT rate, unless the reader typed a rate. */
  function proposeRate() {
    const rate = proposedRate(settings, currency.value);
    if (rateTyped || rate === null || fields[FIELDS.vatRate].input.value === rate) return;
    fields[FIELDS.vatRate].input.value = rate;
    rateTyped = false;
    // Said a moment later (after the result's own announcement), about the currency chosen now: if the reader
    // has chosen another meanwhile, this proposal is stale and is not said.
    const code = currency.value;
    const proposal = t("vat_rate.proposed", {
      rate: formatPercent(CURRENCIES[code].vatRateBp, { locale: settings.locale }), currency: code,
    });
    window.setTimeout(() => { if (currency.value === code) announce(proposal); }, 400);
  }

  // --- Events -------------------------------------------------------------------------------------------------
  form.addEventListener("input", (event) => {
    copyStatus.textContent = "";
    if (event.target === fields[FIELDS.vatRate].input) rateTyped = true;
    render();
  });

  currency.addEventListener("change", proposeRate);

  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "text") touched.add(target.id);
    const { sentences } = render();
    const errorNode = target.id ? root.querySelector(`#${CSS.escape(target.id)}-error`) : null;
    if (errorNode && !errorNode.hidden) {
      const label = root.querySelector(`label[for="${CSS.escape(target.id)}"]`)?.textContent ?? "";
      announce(t("announce-error", { label, message: errorNode.textContent }));
    } else if (sentences.length) {
      announce(sentences.join(" "));
    }
  });

  // Enter in a field: show every message at once, as a "calculate" button would. (The form has no submit
  // button, so the browser does not submit it on Enter; refund-calculator.js keeps a submit from reloading.)
  function showAll() {
    submitted = true;
    const { sentences } = render();
    announce(sentences.length ? sentences.join(" ") : t(root.getAttribute(ATTRIBUTES.status) === "invalid" ? "result.invalid" : "result.incomplete"));
  }
  form.addEventListener("submit", showAll);
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key === "Enter" && target instanceof HTMLInputElement && target.type === "text") showAll();
  });

  addButton.addEventListener("click", () => {
    if (milestoneRows().length >= MAX_MILESTONES) return;
    const item = milestoneRow(emptyMilestone());
    milestoneList.append(item);
    renumberMilestones();
    render();
    item.calculatorParts.name.focus();
    announce(t("milestone.added", { n: milestoneRows().length }));
  });

  milestoneList.addEventListener("click", (event) => {
    const button = event.target.closest(`[${ATTRIBUTES.milestoneRemove}]`);
    if (!button || button.disabled) return;
    const items = milestoneRows();
    const index = items.indexOf(button.closest(`[${ATTRIBUTES.milestone}]`));
    if (index < 0 || items.length <= 1) return;
    items[index].remove();
    renumberMilestones();
    render();
    const next = milestoneRows()[Math.min(index, milestoneRows().length - 1)];
    next.calculatorParts.name.focus();
    announce(t("milestone.removed", { n: index + 1 }));
  });

  async function copy(textToCopy, doneKey) {
    try {
      await navigator.clipboard.writeText(textToCopy);
      copyStatus.textContent = t(doneKey);
    } catch {
      copyStatus.textContent = t("copy-failed");
    }
  }

  copyButton.addEventListener("click", () => {
    const outcome = readForm(readValues(), settings);
    if (outcome.status === "ready") copy(copySummary(settings, outcome.state, outcome.result), "copied-summary");
  });
  linkButton.addEventListener("click", () => {
    if (root.getAttribute(ATTRIBUTES.status) === "ready") copy(window.location.href, "copied-link");
  });

  // A calculation link that does not decode is never shown. The result's status line (role=status) says so and
  // what the form shows instead, until the reader changes the form or a good link arrives.
  const showNotice = (message) => {
    loadStatus.textContent = message;
    form.addEventListener("input", () => {
      if (loadStatus.textContent === message) loadStatus.textContent = "";
    }, { once: true });
  };

  // A calculation link pasted into this tab changes only the fragment: show it.
  const onHashChange = () => {
    if (!root.isConnected) return window.removeEventListener("hashchange", onHashChange);
    const state = decodeState(window.location.hash);
    if (!state) {
      if (!isCalculatorFragment(window.location.hash)) return;
      // Not this calculation's link either ("Copy link" copies the address): back to what the form shows.
      const address = lastFragment ? `#${lastFragment}` : window.location.pathname + window.location.search;
      window.history.replaceState(window.history.state, "", address);
      showNotice(t("link.damaged"));
      loadStatus.scrollIntoView({ block: "center" });
      return;
    }
    if (encodeState(state) === lastFragment) return;
    const names = milestoneRows().map((item) => item.calculatorParts.name.value);
    loadStatus.textContent = "";
    writeValues(valuesFromState(state, settings, names));
    render();
    root.scrollIntoView({ block: "start" });
  };
  window.addEventListener("hashchange", onHashChange);

  // --- Start --------------------------------------------------------------------------------------------------
  // A link's figures first; without one, the last calculation from this browser (with its milestone names);
  // but never over what the reader typed before this arrived (unless they pasted a link since).
  const start = !early.typed || early.linkPasted
    ? initialValues(window.location.hash, settings, { state: recallCalculation(), names: recallNames() })
    : { restored: null };
  const restored = start.restored === "link" || (start.restored === "browser" && !early.typed) ? start.restored : null;
  if (restored) writeValues(start.values);
  else if (early.currencyChanged) proposeRate();
  loadStatus.textContent = "";
  if (start.damaged) showNotice(t(restored === "browser" ? "link.damaged-browser" : "link.damaged"));
  advice.hidden = false;
  advice.after(details);
  const { sentences } = render();
  // The reader changed the form before: say what it now shows, as their change would have.
  if (early.typed && sentences.length) announce(sentences.join(" "));
  return { restored, damaged: Boolean(start.damaged) };
}
