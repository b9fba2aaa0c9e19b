// The refund and credit calculator on the refunds page: the thin DOM layer.
//
// The build (scripts/playbook/blocks/calculator/) writes a root <div data-widget="refund-calculator"
// data-refund-calculator> holding only the Markdown fallback (formula and worked example) in
// [data-calculator-fallback]; that is what a reader without JavaScript, the printer without a result, and
// the PDF get. This module builds the form and the result from the page's strings (keys "calculator.*"),
// hides the fallback once everything is in place, and keeps the state in the URL fragment with
// history.replaceState (and removes it as soon as the form is not ready: a reload never brings back a figure the
// reader deleted). The last ready calculation, with the milestone names, is kept in this browser
// (last-calculation.js): the planner reads it, and this page restores it when the reader comes back without a
// link; it is forgotten together with the fragment. What the values mean, the messages and the figures come from refund-form.js; the
// arithmetic from refund-math.js and refund-state.js. Nothing typed leaves the page.
//
// playbook.js imports this module only on a page that has a calculator, and this module brings its own
// stylesheet (calculator.css, screen and print): no other page pays for either. The fallback stays until the
// stylesheet has loaded, so the form never shows unstyled.

import { h, loadStylesheet } from "../lib/dom.js";
import { CURRENCIES, LOCALES, MAX_MILESTONES, formatPercent } from "./refund-math.js";
import { decodeState, encodeState, isCalculatorFragment } from "./refund-state.js";
import {
  forget as forgetCalculation, recall as recallCalculation, recallNames, remember as rememberCalculation,
} from "./last-calculation.js";
import {
  AMOUNT_FIELDS, BASIS_FIELDS, CREDIT_NOTE_ROWS, FIELDS, FINAL_INVOICE_ROWS, MILESTONES_GROUP, RESULT_ROWS,
  SETTLEMENTS, SHARE_MODES, calculatorSettings, copySummary, currencyKey, currencySign, emptyMilestone,
  errorMessage, fieldHint, initialValues, milestoneTotalsText, printSummary, proposedRate, readForm, resultView,
  text, valuesFromState,
} from "./refund-form.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/calculator/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-refund-calculator",
  fallback: "data-calculator-fallback",
  status: "data-calculator-status",
  result: "data-result",
  value: "data-value-minor",
  errorFor: "data-error-for",
  milestone: "data-milestone",
  milestoneAdd: "data-milestone-add",
  milestoneRemove: "data-milestone-remove",
  milestoneTotals: "data-milestone-totals",
  basis: "data-basis-for",
  advice: "data-result-advice",
  formula: "data-result-formula",
  copySummary: "data-calculator-copy",
  copyLink: "data-calculator-copy-link",
  summary: "data-calculator-summary",
  announcer: "data-calculator-announcer",
  screenOnly: "data-screen-only",
});

const ID = "refund";
const fieldId = (name) => `${ID}-${name.replace(/_/g, "-")}`;


/** A labelled text field with a hint, a unit (before or after the input) and a message slot (data-error-for). */
function textField(name, id, { label, hint, unit, unitBefore = false }) {
  const input = h("input", {
    id, name, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
    class: "refund-calculator__input", "aria-describedby": hint ? `${id}-hint` : null,
  });
  const unitNode = h("span", { class: "refund-calculator__unit", "aria-hidden": "true" }, unit ?? "");
  const error = h("p", { class: "refund-calculator__error", id: `${id}-error`, [ATTRIBUTES.errorFor]: name, hidden: true });
  const hintNode = hint ? h("p", { class: "refund-calculator__hint", id: `${id}-hint` }, hint) : null;
  const wrapper = h("div", { class: "refund-calculator__field", "data-field": name },
    h("label", { for: id, class: "refund-calculator__label" }, label),
    hintNode,
    h("div", { class: "refund-calculator__control" }, ...(unitBefore ? [unitNode, input] : [input, unitNode])),
    error);
  return { wrapper, input, unit: unitNode, error, hint: hintNode };
}

/** The VAT basis of an amount: a select beside its input (ex. / incl. VAT), named e.g. contract_total_basis. */
function basisSelect(name, id, { label, excl, incl }) {
  return h("select", { id, name, class: "refund-calculator__select refund-calculator__basis", "aria-label": label, [ATTRIBUTES.basis]: name },
    h("option", { value: "excl" }, excl), h("option", { value: "incl" }, incl));
}

/** A fieldset of radio buttons. */
function radios(name, legend, options, extraClass = "") {
  const fieldset = h("fieldset", { class: `refund-calculator__group refund-calculator__choices ${extraClass}`.trim() },
    h("legend", { class: "refund-calculator__legend" }, legend));
  const inputs = options.map(([value, label]) => {
    const id = fieldId(`${name}-${value}`);
    const input = h("input", { type: "radio", id, name, value, class: "refund-calculator__radio" });
    fieldset.append(h("div", { class: "refund-calculator__choice" }, input, h("label", { for: id }, label)));
    return input;
  });
  return { fieldset, inputs };
}

/**
 * Mount the calculator in its root.
 * @param {HTMLElement} root element with data-refund-calculator
 * @param {object} config the page config (language, locale, currency, vat_rate_bp, strings)
 * @returns {Promise<void>} settles when the form is on the page
 */
export function mount(root, config) {
  const settings = calculatorSettings(config);
  const t = (key, vars) => text(settings, key, vars);
  const fallback = root.querySelector(`[${ATTRIBUTES.fallback}]`);

  // --- The form -------------------------------------------------------------------------------------------
  const form = h("form", { class: "refund-calculator__form", "aria-label": t("form-label"), novalidate: true, [ATTRIBUTES.screenOnly]: true });

  const currencyId = fieldId(FIELDS.currency);
  const currency = h("select", { id: currencyId, name: FIELDS.currency, class: "refund-calculator__select" },
    ...Object.keys(CURRENCIES).map((code) => h("option", { value: code }, settings.strings[currencyKey(code)])));
  const currencyError = h("p", { class: "refund-calculator__error", id: `${currencyId}-error`, [ATTRIBUTES.errorFor]: FIELDS.currency, hidden: true });
  const currencyField = h("div", { class: "refund-calculator__field", "data-field": FIELDS.currency },
    h("label", { for: currencyId, class: "refund-calculator__label" }, t("currency.label")),
    h("div", { class: "refund-calculator__control" }, currency), currencyError);

  const shareMode = radios(FIELDS.shareMode, t("share-mode.legend"), SHARE_MODES.map((m) => [m, t(`share-mode.${m}`)]));

  const fields = {};
  const bases = {};
  // The currency sign stands where the locale writes it: "40 000 kr", "£40,000".
  const unitBefore = !LOCALES[settings.locale].signAfter;
  const amountField = (name) => {
    fields[name] = textField(name, fieldId(name), { label: t(`${name}.label`), hint: fieldHint(settings, name), unitBefore });
    const basisName = BASIS_FIELDS[name];
    bases[basisName] = basisSelect(basisName, fieldId(basisName), {
      label: t("basis.label", { label: t(`${name}.label`) }), excl: t("basis.excl"), incl: t("basis.incl"),
    });
    fields[name].input.parentNode.append(bases[basisName]);
    return fields[name];
  };
  const percentField = (name) => (fields[name] = textField(name, fieldId(name), { label: t(`${name}.label`), hint: t(`${name}.hint`), unit: "%" }));
  const unitsField = (name) => (fields[name] = textField(name, fieldId(name), { label: t(`${name}.label`), hint: null }));

  // The VAT question comes first: whether VAT applies (rate 0: no) decides what the amounts' bases mean.
  percentField(FIELDS.vatRate);
  const vatGroup = h("fieldset", { class: "refund-calculator__group" },
    h("legend", { class: "refund-calculator__legend" }, t("vat.legend")), fields[FIELDS.vatRate].wrapper);

  const totalGroup = h("div", { class: "refund-calculator__share", "data-share-group": "total" }, amountField(FIELDS.total).wrapper);
  const percentGroup = h("div", { class: "refund-calculator__share", "data-share-group": "percent" }, percentField(FIELDS.percent).wrapper);
  unitsField(FIELDS.unitsDone);
  unitsField(FIELDS.unitsTotal);
  const unitsGroup = h("div", { class: "refund-calculator__share refund-calculator__units", "data-share-group": "units", role: "group",
    "aria-label": t("share-mode.units"), "aria-describedby": `${ID}-units-hint` },
    h("p", { class: "refund-calculator__hint", id: `${ID}-units-hint` }, t("units.hint")),
    fields[FIELDS.unitsDone].wrapper, fields[FIELDS.unitsTotal].wrapper);

  const milestoneList = h("ol", { class: "refund-calculator__milestones" });
  const addButton = h("button", { type: "button", class: "md-button refund-calculator__add", [ATTRIBUTES.milestoneAdd]: true }, t("milestone.add"));
  const totalsLine = h("p", { class: "refund-calculator__totals", [ATTRIBUTES.milestoneTotals]: true });
  const groupError = h("p", { class: "refund-calculator__error", id: `${ID}-milestones-error`, [ATTRIBUTES.errorFor]: MILESTONES_GROUP, hidden: true });
  // In milestone mode the contract total's basis control moves here: the prices are on that basis.
  const milestoneBasisSlot = h("div", { class: "refund-calculator__control refund-calculator__basis-slot" });
  const milestoneGroup = h("fieldset", { class: "refund-calculator__group", "data-share-group": "milestones", "aria-describedby": `${ID}-milestones-hint` },
    h("legend", { class: "refund-calculator__legend" }, t("milestones.legend")),
    h("p", { class: "refund-calculator__hint", id: `${ID}-milestones-hint` }, t("milestones.hint")),
    milestoneBasisSlot, milestoneList, groupError, totalsLine, addButton);

  amountField(FIELDS.paid);
  amountField(FIELDS.expenses);
  const settlement = radios(FIELDS.settlement, t("settlement.legend"), SETTLEMENTS.map((s) => [s, t(`settlement.${s}`)]));


  form.append(currencyField, vatGroup, shareMode.fieldset, totalGroup, percentGroup, unitsGroup, milestoneGroup,
    fields[FIELDS.paid].wrapper, fields[FIELDS.expenses].wrapper, settlement.fieldset);

  // --- The result ---------------------------------------------------------------------------------------------
  const headingId = `${ID}-result-heading`;
  const advice = h("div", { class: "refund-calculator__advice", [ATTRIBUTES.advice]: true });
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
  const copyButton = h("button", { type: "button", class: "md-button refund-calculator__copy", [ATTRIBUTES.copySummary]: true }, t("copy-summary"));
  const linkButton = h("button", { type: "button", class: "md-button refund-calculator__copy", [ATTRIBUTES.copyLink]: true }, t("copy-link"));
  const copyStatus = h("p", { class: "refund-calculator__copy-status", role: "status" });
  const details = h("div", { class: "refund-calculator__details" }, breakdown, creditNote, finalInvoice, formula);
  const result = h("section", { class: "refund-calculator__result", "aria-labelledby": headingId },
    h("h3", { id: headingId, class: "refund-calculator__heading" }, t("result.heading")),
    advice, details,
    h("div", { class: "refund-calculator__actions", [ATTRIBUTES.screenOnly]: true }, copyButton, linkButton, copyStatus),
    h("p", { class: "refund-calculator__note", [ATTRIBUTES.screenOnly]: true }, t("privacy-note")));
  const summary = h("div", { class: "refund-calculator__summary", [ATTRIBUTES.summary]: true });
  const announcer = h("div", { class: "refund-calculator__announcer", role: "status", "aria-live": "polite", [ATTRIBUTES.announcer]: true });

  // --- Milestone rows -----------------------------------------------------------------------------------------
  let rowCounter = 0;
  const milestoneRows = () => [...milestoneList.querySelectorAll(`[${ATTRIBUTES.milestone}]`)];

  function milestoneRow(values) {
    rowCounter += 1;
    const key = `m${rowCounter}`;
    const legend = h("legend", { class: "refund-calculator__legend" });
    const nameId = fieldId(`${key}-name`);
    const name = h("input", { id: nameId, name: FIELDS.milestoneName, type: "text", autocomplete: "off", maxlength: "120", class: "refund-calculator__input" });
    const price = textField(FIELDS.milestonePrice, fieldId(`${key}-price`), { label: t("milestone_price.label"), unitBefore });
    const percent = textField(FIELDS.milestonePercent, fieldId(`${key}-percent`), { label: t("milestone_percent.label"), unit: "%" });
    const remove = h("button", { type: "button", class: "refund-calculator__remove", [ATTRIBUTES.milestoneRemove]: true }, t("milestone.remove"));
    const item = h("li", { class: "refund-calculator__milestone", [ATTRIBUTES.milestone]: key },
      h("fieldset", { class: "refund-calculator__milestone-fields" }, legend,
        h("div", { class: "refund-calculator__field", "data-field": FIELDS.milestoneName },
          h("label", { for: nameId, class: "refund-calculator__label" }, t("milestone_name.label")),
          h("div", { class: "refund-calculator__control" }, name)),
        price.wrapper, percent.wrapper, remove));
    name.value = values.name;
    price.input.value = values.price;
    percent.input.value = values.percent;
    item.calculatorParts = { legend, name, price, percent, remove };
    return item;
  }

  function renumberMilestones() {
    const items = milestoneRows();
    items.forEach((item, index) => {
      const { legend, remove } = item.calculatorParts;
      legend.textContent = t("milestone.legend", { n: index + 1 });
      remove.setAttribute("aria-label", t("milestone.remove-label", { n: index + 1 }));
      remove.disabled = items.length <= 1;
    });
    addButton.disabled = items.length >= MAX_MILESTONES;
  }

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
    milestoneList.replaceChildren(...values.milestones.map(milestoneRow));
    renumberMilestones();
    touched.clear();
  }

  // --- Showing errors and the result --------------------------------------------------------------------------
  // A field's message shows once the reader has changed the field (or pressed Enter): an empty form does not
  // greet anyone with "required", and a half-typed number is not flagged mid-keystroke.
  const touched = new Set();
  let submitted = false;
  let lastFragment = null;
  let rateTyped = false;

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

  function render() {
    const values = readValues();
    const mode = values.share_mode;
    const milestoneMode = mode === "milestones";
    totalGroup.hidden = milestoneMode;
    percentGroup.hidden = mode !== "percent";
    unitsGroup.hidden = mode !== "units";
    milestoneGroup.hidden = !milestoneMode;
    const totalBasis = bases[FIELDS.totalBasis];
    const basisHome = milestoneMode ? milestoneBasisSlot : fields[FIELDS.total].input.parentNode;
    if (totalBasis.parentNode !== basisHome) basisHome.append(totalBasis);
    // With no VAT (rate 0) the bases mean nothing: the controls step aside.
    const noVat = /^[\s0.,%]*$/u.test(values.vat_rate) && /0/.test(values.vat_rate);
    for (const select of Object.values(bases)) select.hidden = noVat;
    const chosen = Object.hasOwn(CURRENCIES, values.currency) ? values.currency : settings.currency;
    const sign = currencySign(settings, chosen);
    for (const name of AMOUNT_FIELDS) {
      if (!fields[name]) continue;
      fields[name].unit.textContent = sign;
      fields[name].hint.textContent = fieldHint(settings, name, chosen);
    }
    for (const item of milestoneRows()) item.calculatorParts.price.unit.textContent = sign;

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

  // --- Events -------------------------------------------------------------------------------------------------
  form.addEventListener("input", (event) => {
    copyStatus.textContent = "";
    if (event.target === fields[FIELDS.vatRate].input) rateTyped = true;
    render();
  });

  // A new currency proposes its standard VAT rate, unless the reader typed a rate.
  currency.addEventListener("change", () => {
    const rate = proposedRate(settings, currency.value);
    if (rateTyped || rate === null || fields[FIELDS.vatRate].input.value === rate) return;
    fields[FIELDS.vatRate].input.value = rate;
    rateTyped = false;
    window.setTimeout(() => announce(t("vat_rate.proposed", {
      rate: formatPercent(CURRENCIES[currency.value].vatRateBp, { locale: settings.locale }), currency: currency.value,
    })), 400);
  });

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
  // button, so the browser does not submit it on Enter; a submit from elsewhere must not reload the page.)
  function showAll() {
    submitted = true;
    const { sentences } = render();
    announce(sentences.length ? sentences.join(" ") : t(root.getAttribute(ATTRIBUTES.status) === "invalid" ? "result.invalid" : "result.incomplete"));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    showAll();
  });
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type !== "text") return;
    event.preventDefault();
    showAll();
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

  // A calculation link pasted into this tab changes only the fragment: show it.
  const onHashChange = () => {
    if (!root.isConnected) return window.removeEventListener("hashchange", onHashChange);
    const state = decodeState(window.location.hash);
    if (!state || encodeState(state) === lastFragment) return;
    const names = milestoneRows().map((item) => item.calculatorParts.name.value);
    writeValues(valuesFromState(state, settings, names));
    render();
    root.scrollIntoView({ block: "start" });
  };
  window.addEventListener("hashchange", onHashChange);

  // --- Start --------------------------------------------------------------------------------------------------
  // A link's figures first; without one, the last calculation from this browser (with its milestone names).
  const start = initialValues(window.location.hash, settings, { state: recallCalculation(), names: recallNames() });
  writeValues(start.values);
  return loadStylesheet("calculator.css").then(() => {
    root.prepend(form, summary, result, announcer);
    render();
    if (fallback) fallback.hidden = true;
    if (start.restored === "link") root.scrollIntoView({ block: "start" });
  });
}

