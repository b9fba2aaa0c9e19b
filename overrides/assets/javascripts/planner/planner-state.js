// What a reader typed into the conversation planner, kept in this browser between visits. No DOM.
//
// One entry, shared by the languages (the fields are the same; the texts are written again in the page's
// language unless the reader edited them):
//
//   localStorage["playbook.planner"] = '{"version":2,"values":{...form values...},
//                                        "edited":{"script":null,"confirmation":"Hi Kari, ...",...},
//                                        "seed":"0f9c…"}'
//
// "values" are the form values of planner-text.js, the exit documents' fields included
// (documents/document-fields.js); "edited" holds a text the reader changed by hand, by OUTPUTS name (null while
// it follows the form); "seed" is a random id (crypto.randomUUID()) kept with the plan, so the calendar file's
// events keep their UIDs from one download to the next (documents/ics.js). Version 1 (before the documents) had
// one "client_name": migrated into client_company when it reads as a company ("Fjordlys AS"), else into
// client_contact. Nothing of it goes into a URL. "version" lets a later format migrate what readers
// stored: bump VERSION and add MIGRATIONS[old] = (data) => data of old + 1 (checklist-state.js migrate()).

import { migrate } from "../checklist/checklist-state.js";
import { DOCUMENTS, sanitiseDocumentValues } from "../documents/document-fields.js";
import { END_KINDS, HANDOVERS, MAX_REPLACEMENTS, REASONS, REFUND_SOURCES, emptyValues } from "./planner-text.js";

export const KEY = "playbook.planner";
export const VERSION = 2;
/** Longest text kept per field (a generous page of writing; longer is cut, never refused). */
export const MAX_LENGTH = 4000;
/** Longest edited text kept per output. */
export const MAX_EDITED_LENGTH = 20000;
export const OUTPUTS = Object.freeze(["script", "confirmation", ...DOCUMENTS]);
/** A seed as crypto.randomUUID() writes it (ics.js accepts it as a UID seed). */
export const SEED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A name that reads as a company: it ends in a Norwegian or English company form. */
const COMPANY = /\b(AS|ASA|ANS|DA|SA|BA|NUF|ENK|KS|Ltd|Limited|LLC|LLP|Inc|plc|GmbH|AB|ApS|Oy)\.?$/i;

/**
 * Version 1 → 2: the one client_name becomes client_company (a company form at its end) or client_contact.
 * @type {Readonly<Record<number, (data: object) => object>>}
 */
export const MIGRATIONS = Object.freeze({
  1: (data) => {
    if (!isRecord(data.values)) return { ...data, version: 2 };
    const values = { ...data.values };
    const name = typeof values.client_name === "string" ? values.client_name : "";
    delete values.client_name;
    const company = COMPANY.test(name.trim());
    return { ...data, version: 2, values: { ...values, client_company: company ? name : "", client_contact: company ? "" : name } };
  },
});

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value, max = MAX_LENGTH) => (typeof value === "string" ? value.slice(0, max) : "");
const choice = (value, options, fallback) => (options.includes(value) ? value : fallback);

/** Form values with only known fields and choices, every text a string of bounded length. */
export function sanitise(values) {
  const v = isRecord(values) ? values : {};
  const empty = emptyValues();
  const names = Array.isArray(v.replacements) ? v.replacements : [];
  return {
    ...sanitiseDocumentValues(v, MAX_LENGTH),
    reason: choice(v.reason, ["", ...REASONS], ""),
    reason_details: text(v.reason_details),
    end_kind: choice(v.end_kind, END_KINDS, empty.end_kind),
    end_date: /^\d{4}-\d{2}-\d{2}$/.test(v.end_date) ? v.end_date : "",
    handover: choice(v.handover, HANDOVERS, empty.handover),
    handover_details: text(v.handover_details),
    refund_source: choice(v.refund_source, REFUND_SOURCES, empty.refund_source),
    refund: text(v.refund),
    replacements: Array.from({ length: MAX_REPLACEMENTS }, (_, i) => text(names[i])),
  };
}

const emptyEdited = () => Object.fromEntries(OUTPUTS.map((name) => [name, null]));

function sanitiseEdited(edited) {
  const e = isRecord(edited) ? edited : {};
  return Object.fromEntries(OUTPUTS.map((name) => [name, typeof e[name] === "string" ? e[name].slice(0, MAX_EDITED_LENGTH) : null]));
}

/** The planner as a reader first sees it. */
export const emptyPlanner = () => ({ values: emptyValues(), edited: emptyEdited(), seed: "" });

/**
 * Read a stored entry.
 * status: "empty" (nothing stored), "ok", "migrated", "corrupt" (not JSON or not the expected shape),
 * "newer" (written by a later version of the site). In every case but "ok" and "migrated" the form starts empty.
 * @param {string | null} stored
 * @returns {{values: object, edited: {script: string | null, confirmation: string | null}, status: string}}
 */
export function decode(stored, migrations = MIGRATIONS, version = VERSION) {
  if (stored === null || stored === undefined) return { ...emptyPlanner(), status: "empty" };
  let data;
  try {
    data = JSON.parse(stored);
  } catch {
    return { ...emptyPlanner(), status: "corrupt" };
  }
  if (!isRecord(data) || !Number.isInteger(data.version) || data.version < 1) return { ...emptyPlanner(), status: "corrupt" };
  if (data.version > version) return { ...emptyPlanner(), status: "newer" };
  const current = migrate(data, migrations, version);
  if (!current || current.version !== version || !isRecord(current.values)) return { ...emptyPlanner(), status: "corrupt" };
  return {
    values: sanitise(current.values),
    edited: sanitiseEdited(current.edited),
    seed: typeof current.seed === "string" && SEED.test(current.seed) ? current.seed : "",
    status: data.version === version ? "ok" : "migrated",
  };
}

/** The stored text of the planner's values and edited texts. */
export function encode({ values, edited, seed = "" }, version = VERSION) {
  const kept = typeof seed === "string" && SEED.test(seed) ? { seed } : {};
  return JSON.stringify({ version, values: sanitise(values), edited: sanitiseEdited(edited), ...kept });
}

/** What the reader stored, from `storage` (storage.js); a migrated entry is stored in the new format. */
export function load(storage) {
  const loaded = decode(storage.read(KEY));
  if (loaded.status === "migrated") storage.write(KEY, encode(loaded));
  return loaded;
}

/** Store the planner; true when saved in the browser (false: kept for this visit only). */
export function save(storage, planner) {
  return storage.write(KEY, encode(planner));
}

/** Forget everything the planner stored (and nothing else). */
export function forget(storage) {
  return storage.remove(KEY);
}
