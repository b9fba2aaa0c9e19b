/**
 * refund-fields.js: the refund calculator's names, shared by the code the page loads at once and the rest.
 *
 * Plain ES module with no imports and no work at load: refund-calculator.js (the form, in the page's own bundle)
 * and the engine part (calculator-engine.js over refund-form.js, fetched on first use) both import it, so
 * what they agree on is written once and costs the page's first load only these few names.
 *
 * - FIELDS and the lists of choices: the form controls' `name` attributes and values
 *   (scripts/playbook/blocks/calculator/ declares the same, a unit test holds the two together);
 * - FORM_STRING_KEYS: the keys (without STRING_PREFIX) the form needs at load, which the page config carries;
 *   every other "calculator.*" key travels with the engine part (ENGINE_PART) in its strings file;
 * - ENGINE_PART: the part's name (scripts/playbook/site/bundle.py PARTS), LAST_KEY: where the last calculation
 *   is kept (last-calculation.js KEY), isCalculatorFragment: whether an address is a calculation's.
 */

/** Names of the form fields (the `name` attributes; scripts/playbook/blocks/calculator/ declares the same). */
export const FIELDS = /* @__PURE__ */ Object.freeze({
  total: "contract_total",
  paid: "amount_paid",
  percent: "percent_complete",
  unitsDone: "units_done",
  unitsTotal: "units_total",
  expenses: "expenses",
  currency: "currency",
  settlement: "settlement",
  vatRate: "vat_rate",
  totalBasis: "contract_total_basis",
  paidBasis: "amount_paid_basis",
  expensesBasis: "expenses_basis",
  shareMode: "share_mode",
  milestoneName: "milestone_name",
  milestonePrice: "milestone_price",
  milestonePercent: "milestone_percent",
});
export const SETTLEMENTS = /* @__PURE__ */ Object.freeze(["by_work", "full"]);
export const SHARE_MODES = /* @__PURE__ */ Object.freeze(["percent", "units", "milestones"]);
/** The basis control of each amount field. */
// Written out, not as FIELDS.x: a bundle that does not use these names can then leave them out.
export const BASIS_FIELDS = /* @__PURE__ */ Object.freeze({
  contract_total: "contract_total_basis",
  amount_paid: "amount_paid_basis",
  expenses: "expenses_basis",
});
/** The basis each amount starts on: as people have their papers (contract ex. VAT, bank statement incl.). */
export const DEFAULT_BASES = /* @__PURE__ */ Object.freeze({
  contract_total_basis: "excl",
  amount_paid_basis: "incl",
  expenses_basis: "excl",
});
/** Fields that hold an amount of money. */
export const AMOUNT_FIELDS = /* @__PURE__ */ Object.freeze(["contract_total", "amount_paid", "expenses", "milestone_price"]);
/** Name of the group message of the milestone list (a sum too large). */
export const MILESTONES_GROUP = "milestones";
/** Rows a new milestone list starts with. */
export const NEW_MILESTONE_ROWS = 2;

export const STRING_PREFIX = "calculator.";
/**
 * The keys (without STRING_PREFIX) the form needs before the engine part arrives: its labels, hints, choices,
 * the milestone rows' words, the result region as an empty form has it (heading, "fill in the amounts", the
 * copy buttons, the privacy note: so nothing moves when the engine arrives) and what the calculator says when
 * the part cannot load.
 * The currencies' names (currencyKey in refund-form.js) are needed too. The page config carries these and no
 * other calculator key (scripts/playbook/blocks/calculator/ FORM_STRING_KEYS, held equal by a unit test).
 */
export const FORM_STRING_KEYS = /* @__PURE__ */ Object.freeze([
  "form-label", "currency.label",
  "share-mode.legend", "share-mode.percent", "share-mode.units", "share-mode.milestones",
  "contract_total.label", "contract_total.hint", "percent_complete.label", "percent_complete.hint",
  "units_done.label", "units_total.label", "units.hint",
  "amount_paid.label", "amount_paid.hint", "expenses.label", "expenses.hint",
  "basis.label", "basis.excl", "basis.incl",
  "settlement.legend", "settlement.by_work", "settlement.full",
  "vat.legend", "vat_rate.label", "vat_rate.hint",
  "milestones.legend", "milestones.hint",
  "milestone.legend", "milestone_name.label", "milestone_price.label", "milestone_percent.label",
  "milestone.add", "milestone.remove", "milestone.remove-label",
  "result.heading", "result.incomplete", "copy-summary", "copy-link", "privacy-note",
  "load.failed", "load.broken", "load.retry",
]);

/** The engine part: reading, checking and working out the form, the result and its tools (bundle.py PARTS). */
export const ENGINE_PART = "refund-calculator-engine";
/** localStorage key of the last calculation (last-calculation.js KEY). */
export const LAST_KEY = "playbook.calculator.last";

/** Whether a location hash is meant for the calculator ("#calc=..."), valid or not. */
export function isCalculatorFragment(hash) {
  return typeof hash === "string" && /^#?calc=/.test(hash);
}
