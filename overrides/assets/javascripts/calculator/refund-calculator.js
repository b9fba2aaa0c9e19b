// The refund and credit calculator on the refunds page: the form, which the page loads at once.
//
// The build (scripts/playbook/blocks/calculator/) writes a root <div data-widget="refund-calculator"
// data-refund-calculator> holding only the Markdown fallback (formula and worked example) in
// [data-calculator-fallback]; that is what a reader without JavaScript, the printer without a result, and
// the PDF get. This module builds the form (labels, hints, choices, the milestone rows) and the result region
// as an empty form has it (its heading, "fill in the amounts", the copy buttons disabled, the privacy note)
// from the page's strings (FORM_STRING_KEYS of refund-fields.js, the only calculator keys the page
// config carries), shows the groups the chosen share of work needs, and hides the fallback once the form is in
// place and styled (calculator.css, which it brings itself: no other page pays for it).
//
// Everything that reads, checks and works out the form is the engine, an on-demand part ("import on
// interaction", lib/interaction.js): calculator-engine.js over refund-form.js, refund-math.js,
// refund-state.js and last-calculation.js, bundled as part-refund-calculator-engine.js, with its strings as
// strings-refund-calculator-engine.<code>.js (lib/bundles.js). It is fetched
// - on the reader's first use of the calculator (a pointer over it, a focus, a key, an input: whenUsed);
// - at mount, when there is something to show at once: a calculation in the address (#calc=…) or one kept
//   in this browser (localStorage LAST_KEY). The form then waits for it, so it appears with its figures.
// What the reader does before it arrives is kept: typed text stays in the inputs, which the engine reads on
// arrival and works out at once; the fields left and an Enter are noted (`early`) so their messages show; a
// button clicked meanwhile (add or remove a milestone) is clicked again once it has arrived (lib/parts.js). No
// result is shown until the engine has worked out the current inputs. If it cannot be fetched (offline), the
// result region says so in the page's language with a Try again button ([data-calculator-retry]) and
// nothing typed is lost; if it arrived but cannot run (its strings lack a key: a faulty build), it says that,
// without the button. The root's data-calculator-engine says where the engine is: loading, ready, failed or
// broken. Nothing typed leaves the page.

import { h, loadStylesheet } from "../lib/dom.js";
import { whenUsed } from "../lib/interaction.js";
import { partLoader } from "../lib/parts.js";
import { openStorage } from "../lib/storage.js";
import { CURRENCIES, LOCALES, MAX_BP, MAX_MILESTONES, formatMoney, formatPercent, resolveLocale } from "./refund-math.js";
import {
  AMOUNT_FIELDS, BASIS_FIELDS, DEFAULT_BASES, ENGINE_PART, FIELDS, FORM_STRING_KEYS, LAST_KEY, MILESTONES_GROUP,
  NEW_MILESTONE_ROWS, SETTLEMENTS, SHARE_MODES, STRING_PREFIX, isCalculatorFragment,
} from "./refund-fields.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/calculator/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-refund-calculator",
  fallback: "data-calculator-fallback",
  status: "data-calculator-status",
  engine: "data-calculator-engine",
  loadStatus: "data-calculator-load-status",
  retry: "data-calculator-retry",
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
const currencyKey = (code) => `${STRING_PREFIX}currency.${code}`;

/**
 * What the form needs from the page config, checked: the locale's number conventions, the default currency
 * and VAT rate, and the form's strings (a missing one throws, loudly at mount, instead of an empty label).
 * @param {object} config the page config (language, locale, currency, vat_rate_bp, strings)
 * @returns {{locale: string, currency: string, vatRateBp: bigint, strings: object}}
 * @throws {Error} on an unsupported locale or currency, a bad VAT rate or a missing form string
 */
export function formSettings(config) {
  const loc = resolveLocale(config?.locale);
  if (!loc) throw new Error(`refund calculator: unsupported locale ${config?.locale}`);
  if (!Object.hasOwn(CURRENCIES, config.currency)) throw new Error(`refund calculator: unknown currency ${config.currency}`);
  const rate = config.vat_rate_bp;
  if (!Number.isInteger(rate) || rate < 0 || BigInt(rate) > MAX_BP) throw new Error(`refund calculator: VAT rate ${rate} is not 0..${MAX_BP} basis points`);
  const keys = [...FORM_STRING_KEYS.map((key) => STRING_PREFIX + key), ...Object.keys(CURRENCIES).map(currencyKey)];
  const missing = keys.filter((key) => typeof config.strings?.[key] !== "string" || !config.strings[key].trim());
  if (missing.length) throw new Error(`refund calculator: missing strings ${missing.join(", ")}`);
  return { locale: loc.id, currency: config.currency, vatRateBp: BigInt(rate), strings: config.strings };
}

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
function radios(name, legend, options) {
  const fieldset = h("fieldset", { class: "refund-calculator__group refund-calculator__choices" },
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
 * @returns {Promise<void>} settles when the form is on the page (with its figures, when a calculation was
 *   there to show and the engine could be fetched)
 */
export function mount(root, config) {
  const settings = formSettings(config);
  const t = (key, vars = {}) => settings.strings[STRING_PREFIX + key]
    .replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
  const hint = (name, currency) => t(`${name}.hint`, { example: formatMoney(4000000n, { locale: settings.locale, currency, symbol: true }) });
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
    fields[name] = textField(name, fieldId(name), { label: t(`${name}.label`), hint: hint(name, settings.currency), unitBefore });
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
  const totalsLine = h("p", { class: "refund-calculator__totals", [ATTRIBUTES.milestoneTotals]: true, hidden: true });
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

  // --- The result region, as an empty form has it (the engine fills in the figures: nothing moves then) ---------
  const headingId = `${ID}-result-heading`;
  const loadStatus = h("p", { class: "refund-calculator__load-status", role: "status", [ATTRIBUTES.loadStatus]: true });
  const retry = h("button", { type: "button", class: "md-button refund-calculator__copy", hidden: true, [ATTRIBUTES.retry]: true }, t("load.retry"));
  const advice = h("div", { class: "refund-calculator__advice", [ATTRIBUTES.advice]: true }, h("p", {}, t("result.incomplete")));
  const copyButton = h("button", { type: "button", class: "md-button refund-calculator__copy", disabled: true, [ATTRIBUTES.copySummary]: true }, t("copy-summary"));
  const linkButton = h("button", { type: "button", class: "md-button refund-calculator__copy", disabled: true, [ATTRIBUTES.copyLink]: true }, t("copy-link"));
  const copyStatus = h("p", { class: "refund-calculator__copy-status", role: "status" });
  const result = h("section", { class: "refund-calculator__result", "aria-labelledby": headingId },
    h("h3", { id: headingId, class: "refund-calculator__heading" }, t("result.heading")), loadStatus, retry, advice,
    h("div", { class: "refund-calculator__actions", [ATTRIBUTES.screenOnly]: true }, copyButton, linkButton, copyStatus),
    h("p", { class: "refund-calculator__note", [ATTRIBUTES.screenOnly]: true }, t("privacy-note")));
  const summary = h("div", { class: "refund-calculator__summary", [ATTRIBUTES.summary]: true });
  const announcer = h("div", { class: "refund-calculator__announcer", role: "status", "aria-live": "polite", [ATTRIBUTES.announcer]: true });

  // --- Milestone rows -----------------------------------------------------------------------------------------
  let rowCounter = 0;
  const milestoneRows = () => [...milestoneList.querySelectorAll(`[${ATTRIBUTES.milestone}]`)];

  /** A milestone row (<li>) holding `values` ({name, price, percent} as typed); its parts on .calculatorParts. */
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

  /** Number the rows' legends and remove buttons; no removing the last row, no adding past MAX_MILESTONES. */
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

  /** Replace every row by rows holding `list` ({name, price, percent} each), numbered from m1 again. */
  function setMilestones(list) {
    rowCounter = 0;
    milestoneList.replaceChildren(...list.map(milestoneRow));
    renumberMilestones();
  }

  // --- What the form shows for its choices (the engine calls it too, on every change) ---------------------------
  const checkedValue = (inputs) => inputs.find((input) => input.checked)?.value ?? "";

  /** Show the groups of the chosen share of work, the bases only when VAT applies, the chosen currency's sign. */
  function layout() {
    const mode = checkedValue(shareMode.inputs);
    const milestoneMode = mode === "milestones";
    totalGroup.hidden = milestoneMode;
    percentGroup.hidden = mode !== "percent";
    unitsGroup.hidden = mode !== "units";
    milestoneGroup.hidden = !milestoneMode;
    const totalBasis = bases[FIELDS.totalBasis];
    const basisHome = milestoneMode ? milestoneBasisSlot : fields[FIELDS.total].input.parentNode;
    if (totalBasis.parentNode !== basisHome) basisHome.append(totalBasis);
    // With no VAT (rate 0) the bases mean nothing: the controls step aside.
    const rate = fields[FIELDS.vatRate].input.value;
    const noVat = /^[\s0.,%]*$/u.test(rate) && /0/.test(rate);
    for (const select of Object.values(bases)) select.hidden = noVat;
    const chosen = Object.hasOwn(CURRENCIES, currency.value) ? currency.value : settings.currency;
    const sign = CURRENCIES[chosen].display[settings.locale];
    for (const name of AMOUNT_FIELDS) {
      if (!fields[name]) continue;
      fields[name].unit.textContent = sign;
      fields[name].hint.textContent = hint(name, chosen);
    }
    for (const item of milestoneRows()) item.calculatorParts.price.unit.textContent = sign;
  }

  // The form as a reader first sees it: the language's currency and VAT rate, nothing typed.
  for (const input of shareMode.inputs) input.checked = input.value === SHARE_MODES[0];
  for (const input of settlement.inputs) input.checked = input.value === SETTLEMENTS[0];
  fields[FIELDS.vatRate].input.value = formatPercent(settings.vatRateBp, { locale: settings.locale, symbol: false });
  fields[FIELDS.expenses].input.value = "0";
  for (const [name, select] of Object.entries(bases)) select.value = DEFAULT_BASES[name];
  currency.value = settings.currency;
  setMilestones(Array.from({ length: NEW_MILESTONE_ROWS }, () => ({ name: "", price: "", percent: "" })));
  layout();

  // --- What the reader does before the engine arrives ---------------------------------------------------------
  /** Noted for the engine: whether anything was changed, the text fields left (their messages show), an Enter
   * (every message shows), a rate typed (a new currency no longer proposes one), a currency chosen, a
   * calculation link pasted into the address. */
  const early = { typed: false, touched: new Set(), submitted: false, rateTyped: false, currencyChanged: false, linkPasted: false };
  // Until the engine is attached: it then lays the form out itself on every change (its render()).
  const beforeEngine = new AbortController();
  form.addEventListener("input", (event) => {
    early.typed = true;
    if (event.target === fields[FIELDS.vatRate].input) early.rateTyped = true;
    layout();
  }, { signal: beforeEngine.signal });
  form.addEventListener("change", (event) => {
    early.typed = true;
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "text") early.touched.add(target.id);
    if (target === currency) early.currencyChanged = true;
    layout();
  }, { signal: beforeEngine.signal });
  // Enter in a field shows every message (the engine does it); the page never reloads on a submit.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    early.submitted = true;
  });
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type !== "text") return;
    event.preventDefault();
    early.submitted = true;
  });

  // --- The engine ----------------------------------------------------------------------------------------------
  const view = {
    root, form, currency, currencyError, shareMode, settlement, fields, bases, milestoneList, milestoneRows, milestoneRow,
    renumberMilestones, setMilestones, addButton, totalsLine, groupError, layout, loadStatus, advice, copyButton,
    linkButton, copyStatus, summary, announcer,
  };
  let engine = null;
  let restored = null;
  let damaged = false;
  // A calculation link brings the reader to the calculator once its figures are there, unless they have taken
  // over meanwhile (scrolled, pressed a key, clicked): a slow engine must not pull the page away from them.
  const doc = root.ownerDocument;
  let readerMoved = false;
  const moved = () => { readerMoved = true; };
  const takeOver = ["wheel", "touchstart", "keydown", "mousedown"];
  for (const type of takeOver) doc.addEventListener(type, moved, { capture: true, passive: true, once: true });
  const showLink = () => {
    for (const type of takeOver) doc.removeEventListener(type, moved, { capture: true });
    if (readerMoved || !form.isConnected) return;
    // A damaged link: to the status line that says so (in the result, below the form on a narrow screen).
    if (damaged) loadStatus.scrollIntoView({ block: "center" });
    else if (restored === "link") root.scrollIntoView({ block: "start" });
  };
  // The engine and its strings, fetched once (lib/parts.js): the form's buttons clicked meanwhile are clicked
  // again once it is attached; offline, the status says so and the retry brings it; a faulty build says so.
  const part = partLoader({
    name: ENGINE_PART, language: config.language, root, stateAttribute: ATTRIBUTES.engine, busy: result, holdClicks: true,
    attach: (loaded, strings) => {
      engine = loaded.attach(view, { ...config, strings: { ...config.strings, ...strings } }, early);
      beforeEngine.abort();
      restored = engine.restored;
      damaged = engine.damaged;
      if (form.isConnected) showLink();
    },
    show: (state) => {
      if (state === "loading") {
        retry.hidden = true;
        loadStatus.textContent = "";
      } else if (state === "failed" || state === "broken") {
        advice.hidden = true; // "fill in the amounts" would be wrong: what is missing is the engine
        loadStatus.textContent = t(state === "broken" ? "load.broken" : "load.failed");
        retry.hidden = state === "broken";
      }
    },
  });
  const loadEngine = part.load;

  retry.addEventListener("click", () => {
    // The button goes away while the engine loads: focus moves to the result region it is part of, where the
    // result appears, and back to the button should it fail again.
    result.tabIndex = -1;
    result.focus();
    loadEngine().then((shown) => { if (!shown && part.state() === "failed") retry.focus(); });
  });
  whenUsed(root, loadEngine);
  // A calculation link pasted into this tab before the engine is here: fetch it to show that calculation.
  const onHashChange = () => {
    if (!root.isConnected || engine) return window.removeEventListener("hashchange", onHashChange);
    if (!isCalculatorFragment(window.location.hash)) return;
    early.linkPasted = true;
    loadEngine();
  };
  window.addEventListener("hashchange", onHashChange);

  // --- Start --------------------------------------------------------------------------------------------------
  // A calculation to show (in the address, or kept in this browser): fetch the engine now, and show the form
  // with its figures (or, if the engine cannot be fetched, with the message and the form as it is).
  const toShow = isCalculatorFragment(window.location.hash) || openStorage().read(LAST_KEY) !== null;
  return Promise.all([loadStylesheet("calculator.css"), toShow ? loadEngine() : null]).then(() => {
    root.prepend(form, summary, result, announcer);
    if (fallback) fallback.hidden = true;
    showLink();
  });
}
