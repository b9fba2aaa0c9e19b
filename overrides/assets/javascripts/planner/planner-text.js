// The conversation planner's texts, without the DOM: a call script and a written confirmation from the form.
//
// Every sentence comes from the page's templates (the /// conversation-templates block, built into
// data-planner-templates by scripts/playbook/blocks/planner/); this module only chooses which ones and fills their
// {placeholders}. TEMPLATES mirrors planner.py's TEMPLATES (a unit test holds the two together): the keys, and
// for each the placeholders it may and must hold.
//
// Form values, as the DOM reads them and planner-state.js stores them (every text exactly as typed):
//   { client_company, client_contact, reason: "" | REASONS, reason_details, end_kind: END_KINDS, end_date: "" | "YYYY-MM-DD",
//     handover: HANDOVERS, handover_details, refund_source: REFUND_SOURCES, refund,
//     replacements: [string, string, string], settlement_date: "" | "YYYY-MM-DD",
//     ...the exit documents' fields (documents/document-text.js DOCUMENT_FIELDS) }
// The templates' {client_name} is the person spoken to: the contact, else the company.
//
// The texts are plain text: the widget puts them in a <textarea>'s value or in textContent, never in
// innerHTML. A value is put in once and never read again as a template, so "{client_name}" typed by a reader
// stays as typed.

import { DOCUMENT_TEMPLATES } from "../documents/document-templates.js";
import { emptyDocumentValues } from "../documents/document-fields.js";

export const REASONS = Object.freeze(["capacity", "scope", "fit", "direction", "collaboration", "payment", "other"]);
export const END_KINDS = Object.freeze(["last_day", "contract_end"]);
export const HANDOVERS = Object.freeze(["finish", "hand_over"]);
export const REFUND_SOURCES = Object.freeze(["calculation", "typed"]);
export const MONEY_KINDS = /* @__PURE__ */ Object.freeze(["refund", "balance_due", "settled"]);
export const MAX_REPLACEMENTS = 3;
/** The steps of the script, in the playbook's order (conversation.md). */
export const SCRIPT_STEPS = /* @__PURE__ */ Object.freeze([
  "opening", "decision", "reason", "next_steps", "money", "replacements", "thanks", "closing",
]);

const spec = (allowed = [], required = []) => Object.freeze({ allowed: Object.freeze(allowed), required: Object.freeze(required) });

function templateSpec() {
  const found = {};
  for (const text of ["script", "confirmation"]) {
    found[`${text}.end.last_day`] = spec(["end_date"], ["end_date"]);
    found[`${text}.end.contract_end`] = spec(["end_date"], ["end_date"]);
    for (const handover of HANDOVERS) found[`${text}.handover.${handover}`] = spec(["end_date"]);
    found[`${text}.money.refund`] = spec(["amount"], ["amount"]);
    found[`${text}.money.balance_due`] = spec(["amount"], ["amount"]);
    found[`${text}.money.settled`] = spec();
    found[`${text}.replacements`] = spec(["replacements"], ["replacements"]);
    found[`${text}.closing`] = spec();
  }
  found["script.opening"] = spec(["client_name"], ["client_name"]);
  found["script.opening.no_name"] = spec();
  found["script.decision"] = spec();
  for (const reason of REASONS) if (reason !== "other") found[`script.reason.${reason}`] = spec();
  found["script.thanks"] = spec();
  found["confirmation.subject"] = spec();
  found["confirmation.greeting"] = spec(["client_name"], ["client_name"]);
  found["confirmation.greeting.no_name"] = spec();
  found["confirmation.intro"] = spec();
  found["confirmation.signoff"] = spec();
  found["blank.reason"] = spec();
  found["blank.end_date"] = spec();
  Object.assign(found, DOCUMENT_TEMPLATES);
  return Object.freeze(Object.fromEntries(Object.entries(found).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Every template key with the placeholders it may (allowed) and must (required) hold. */
export const TEMPLATES = /* @__PURE__ */ templateSpec();

const PLACEHOLDER = /\{([^{}]*)\}/g;
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * What is wrong with a set of templates, as messages (empty when they are complete and well formed).
 * @param {unknown} templates
 * @returns {string[]}
 */
export function templateProblems(templates) {
  if (typeof templates !== "object" || templates === null || Array.isArray(templates)) return ["the templates are not an object"];
  const problems = [];
  for (const [key, { allowed, required }] of Object.entries(TEMPLATES)) {
    const text = templates[key];
    if (typeof text !== "string" || !text.trim()) {
      problems.push(`missing template ${key}`);
      continue;
    }
    const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
    for (const name of names) if (!allowed.includes(name)) problems.push(`${key}: unknown placeholder {${name}}`);
    for (const name of required) if (!names.includes(name)) problems.push(`${key}: lacks {${name}}`);
  }
  for (const key of Object.keys(templates)) if (!hasOwn(TEMPLATES, key)) problems.push(`unknown template ${key}`);
  return problems;
}

/**
 * Read the templates the build wrote into data-planner-templates.
 * @param {string | null} json
 * @returns {Readonly<Record<string, string>>}
 * @throws {Error} when they are missing, not JSON, incomplete or malformed (a build that let them through is broken)
 */
export function readTemplates(json) {
  let templates;
  try {
    templates = JSON.parse(json ?? "");
  } catch {
    throw new Error("conversation planner: the page's templates are not JSON");
  }
  const problems = templateProblems(templates);
  if (problems.length) throw new Error(`conversation planner: ${problems.join("; ")}`);
  return Object.freeze({ ...templates });
}

/**
 * Fill a template's {placeholders} from `values`, in one pass: what a value holds is never read as a
 * placeholder. An unknown placeholder throws.
 */
export function fill(template, values = {}) {
  return template.replace(PLACEHOLDER, (whole, name) => {
    if (!hasOwn(values, name)) throw new Error(`No value for ${whole} in ${JSON.stringify(template)}`);
    return String(values[name]);
  });
}

/** A reader's text on one line: runs of white space (new lines too) as one space, trimmed. */
export const oneLine = (text) => (typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "");

/** The form as a reader first sees it. */
export function emptyValues() {
  return {
    ...emptyDocumentValues(),
    reason: "",
    reason_details: "",
    end_kind: END_KINDS[0],
    end_date: "",
    handover: HANDOVERS[0],
    handover_details: "",
    refund_source: REFUND_SOURCES[0],
    refund: "",
    replacements: Array.from({ length: MAX_REPLACEMENTS }, () => ""),
  };
}

const choice = (value, options, fallback) => (options.includes(value) ? value : fallback);

/** Form values made safe to read: known choices only, texts on one line, at most MAX_REPLACEMENTS names. */
export function normalise(values) {
  const v = typeof values === "object" && values !== null ? values : {};
  const empty = emptyValues();
  const names = Array.isArray(v.replacements) ? v.replacements : [];
  return {
    client_name: oneLine(v.client_contact) || oneLine(v.client_company),
    client_contact: oneLine(v.client_contact),
    client_company: oneLine(v.client_company),
    settlement_date: typeof v.settlement_date === "string" ? v.settlement_date.trim() : "",
    reason: choice(v.reason, REASONS, ""),
    reason_details: oneLine(v.reason_details),
    end_kind: choice(v.end_kind, END_KINDS, empty.end_kind),
    end_date: typeof v.end_date === "string" ? v.end_date.trim() : "",
    handover: choice(v.handover, HANDOVERS, empty.handover),
    handover_details: oneLine(v.handover_details),
    refund_source: choice(v.refund_source, REFUND_SOURCES, empty.refund_source),
    refund: oneLine(v.refund),
    replacements: names.slice(0, MAX_REPLACEMENTS).map(oneLine).filter(Boolean),
  };
}

/**
 * A date from an <input type="date"> ("2025-03-14") in words in `locale` ("14. mars 2025", "14 March 2025"),
 * or null when it is empty or not a real date.
 */
export function formatDate(iso, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof iso === "string" ? iso.trim() : "");
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** Names joined as the language lists them: "A, B og C", "A, B and C". */
export function joinNames(names, locale) {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(names);
}

/**
 * The money step: the calculator's last result when the reader chose it (and there is one), else what they
 * typed as a refund, else nothing (the step is left out).
 * @param {ReturnType<typeof normalise>} values
 * @param {{kind: string, amount: string} | null} calculation from last-calculation.js handover()
 * @returns {{kind: "refund" | "balance_due" | "settled", amount: string} | null}
 */
export function money(values, calculation) {
  if (values.refund_source === "calculation" && calculation && MONEY_KINDS.includes(calculation.kind)) {
    return { kind: calculation.kind, amount: calculation.amount };
  }
  return values.refund ? { kind: "refund", amount: values.refund } : null;
}

const join = (...parts) => parts.filter(Boolean).join(" ");

/**
 * The call script: one paragraph per step of SCRIPT_STEPS that has something to say, in that order.
 * @param {object} rawValues form values (see the header)
 * @param {Record<string, string>} templates from readTemplates
 * @param {{locale: string, calculation?: {kind: string, amount: string} | null}} options
 * @returns {string}
 */
export function scriptText(rawValues, templates, { locale, calculation = null }) {
  const values = normalise(rawValues);
  const t = (key, vars) => fill(templates[key], vars);
  const date = formatDate(values.end_date, locale) ?? templates["blank.end_date"];
  const reasonSentence = values.reason && values.reason !== "other" ? t(`script.reason.${values.reason}`) : "";
  const steps = {
    opening: values.client_name ? t("script.opening", { client_name: values.client_name }) : t("script.opening.no_name"),
    decision: t("script.decision"),
    reason: join(reasonSentence, values.reason_details) || templates["blank.reason"],
    next_steps: join(
      t(`script.end.${values.end_kind}`, { end_date: date }),
      t(`script.handover.${values.handover}`, { end_date: date }),
      values.handover_details,
    ),
    money: (() => {
      const found = money(values, calculation);
      return found ? t(`script.money.${found.kind}`, { amount: found.amount }) : "";
    })(),
    replacements: values.replacements.length
      ? t("script.replacements", { replacements: joinNames(values.replacements, locale) })
      : "",
    thanks: t("script.thanks"),
    closing: t("script.closing"),
  };
  return SCRIPT_STEPS.map((step) => steps[step]).filter(Boolean).join("\n\n");
}

/**
 * The written confirmation to send after the call: what was agreed, not the reasons.
 * @param {object} rawValues form values (see the header)
 * @param {Record<string, string>} templates from readTemplates
 * @param {{locale: string, calculation?: {kind: string, amount: string} | null}} options
 * @returns {string}
 */
export function confirmationText(rawValues, templates, { locale, calculation = null }) {
  const values = normalise(rawValues);
  const t = (key, vars) => fill(templates[key], vars);
  const date = formatDate(values.end_date, locale) ?? templates["blank.end_date"];
  const found = money(values, calculation);
  const settled = formatDate(values.settlement_date, locale) ?? templates["blank.date"];
  const agreed = [
    values.client_company ? t("confirmation.company", { client_company: values.client_company }) : "",
    t(`confirmation.end.${values.end_kind}`, { end_date: date }),
    join(t(`confirmation.handover.${values.handover}`, { end_date: date }), values.handover_details),
    found ? t(`confirmation.money.${found.kind}`, { amount: found.amount }) : "",
    found && found.kind !== "settled" ? t(`confirmation.settlement.${found.kind}`, { date: settled }) : "",
    values.replacements.length
      ? t("confirmation.replacements", { replacements: joinNames(values.replacements, locale) })
      : "",
  ].filter(Boolean);
  return [
    t("confirmation.subject"),
    "",
    values.client_contact ? t("confirmation.greeting", { client_name: values.client_contact }) : t("confirmation.greeting.no_name"),
    "",
    t("confirmation.intro"),
    ...agreed,
    "",
    t("confirmation.closing"),
    "",
    t("confirmation.signoff"),
  ].join("\n");
}
