/**
 * export-file.js: the file that carries everything a reader keeps in this browser to another browser or device,
 * and the check of such a file before anything of it is applied. No DOM, no globals, no clock: the DOM layer
 * reads and writes storage (lib/storage.js), offers the download and reads the chosen file; this module only
 * turns entries into text and text into entries.
 *
 * The format, one JSON object (pretty-printed, UTF-8):
 *   { "format": "client-exit-playbook", "version": 1, "exported": "2027-05-03T08:30:00.000Z",
 *     "data": { "<localStorage key>": <the stored value, parsed from its JSON> } }
 * The keys are the project's own (KINDS): "playbook.checklist.<id>" (checklist-state.js), "playbook.planner"
 * (planner-state.js) and "playbook.calculator.last" (last-calculation.js). A value is each module's own stored
 * object, checked by that module's own decoder and written back in its canonical form, so this file never
 * holds a second idea of what a valid entry is. A later key (e.g. the documents' own storage) is one more
 * entry in KINDS.
 *
 * An import is all or nothing (issue #15): parseExport returns every entry to write, or one error code and
 * nothing else, in this order of checks:
 *   invalid_input  not a string (the DOM passes the file's text)
 *   too_large      more than MAX_BYTES octets of UTF-8 (checked before parsing)
 *   not_json       not JSON
 *   not_ours       JSON, but not an object with format "client-exit-playbook"
 *   newer_version  written by a later version of this format (version > VERSION)
 *   malformed      ours, but version, exported or data are missing or of the wrong type, or other top-level keys
 *   unknown_key    a key in data that is not one of ours (with `key`)
 *   markup         a text anywhere in an entry that looks like markup: "<" followed by a letter, "/", "!" or
 *                  "?", the way every HTML tag, end tag, comment or doctype starts (with `key`). A lone "<" or
 *                  ">" ("2 < 3", "->") is ordinary text and stays: the widgets show texts as text, never as
 *                  HTML, so this check is a second fence against a crafted file, not the first.
 *   newer_entry    an entry written by a later version of its widget (with `key`)
 *   wrong_shape    an entry its widget's decoder does not accept as it stands, or one nested more than MAX_DEPTH
 *                  levels deep (with `key`)
 * Each code gets a localised message in the DOM layer; none of them changes storage.
 */

import { decodeLast, decodeNames, encodeLast, KEY as LAST_KEY, VERSION as LAST_VERSION } from "../calculator/last-calculation.js";
import {
  decode as decodeChecklist, encode as encodeChecklist, KEY_PREFIX, storageKey, VERSION as CHECKLIST_VERSION,
} from "../checklist/checklist-state.js";
import {
  KEY as PLANNER_KEY, OUTPUTS, VERSION as PLANNER_VERSION, decode as decodePlanner, encode as encodePlanner,
} from "../planner/planner-state.js";

/**
 * Length of a string in UTF-8 octets, as TextEncoder writes it (a lone surrogate as U+FFFD, 3 octets): the same
 * count as ics.js utf8Length, without bringing the calendar code into the planner's bundle, which exports and
 * imports before the exit documents are opened.
 */
const utf8Length = (text) => new TextEncoder().encode(text).length;

export const FORMAT = "client-exit-playbook";
export const VERSION = 1;
/** Largest file accepted, in octets (256 KiB: far above what the widgets store, far below a browser's quota). */
export const MAX_BYTES = 256 * 1024;
/** The media type of the download. */
export const MIME_TYPE = "application/json";
/** What counts as markup in a text (see the module comment). */
export const MARKUP = /<[A-Za-z\/!?]/;
/** Every error code parseExport and buildExport return. */
export const ERROR_CODES = Object.freeze([
  "invalid_input", "too_large", "not_json", "not_ours", "newer_version", "malformed", "unknown_key", "markup",
  "newer_entry", "wrong_shape",
]);

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const onlyKeys = (o, allowed) => Object.keys(o).every((k) => allowed.includes(k));
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Structural equality of JSON values. */
function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && same(a[k], b[k]));
}

/** A stored version number above `current`: written by a later version of the widget. */
const newer = (value, current) => isRecord(value) && Number.isInteger(value.version) && value.version > current;

/**
 * The entries this file carries: which keys each widget owns, and how to check one of its values. check(value)
 * gets the value as parsed from the file and returns {ok: true, text} (the canonical stored text, what the
 * DOM layer writes into storage) or {ok: false, code: "newer_entry" | "wrong_shape"}.
 * @type {ReadonlyArray<{name: string, owns: (key: string) => boolean, check: (value: unknown) =>
 *   {ok: true, text: string} | {ok: false, code: string}}>}
 */
export const KINDS = Object.freeze([
  Object.freeze({
    name: "checklist",
    owns(key) {
      if (!key.startsWith(KEY_PREFIX)) return false;
      try {
        return storageKey(key.slice(KEY_PREFIX.length)) === key;
      } catch {
        return false;
      }
    },
    check(value) {
      if (newer(value, CHECKLIST_VERSION)) return { ok: false, code: "newer_entry" };
      if (!isRecord(value) || !onlyKeys(value, ["version", "ticked"])) return { ok: false, code: "wrong_shape" };
      const { ticked, status } = decodeChecklist(JSON.stringify(value));
      if (status === "newer") return { ok: false, code: "newer_entry" };
      if (status !== "ok" && status !== "migrated") return { ok: false, code: "wrong_shape" };
      return { ok: true, text: encodeChecklist(ticked) };
    },
  }),
  Object.freeze({
    name: "planner",
    owns: (key) => key === PLANNER_KEY,
    check(value) {
      if (newer(value, PLANNER_VERSION)) return { ok: false, code: "newer_entry" };
      if (!isRecord(value) || !onlyKeys(value, ["version", "values", "edited", "seed"])) return { ok: false, code: "wrong_shape" };
      const decoded = decodePlanner(JSON.stringify(value));
      if (decoded.status === "newer") return { ok: false, code: "newer_entry" };
      if (decoded.status !== "ok" && decoded.status !== "migrated") return { ok: false, code: "wrong_shape" };
      // The decoder repairs what it can (cuts, drops unknown fields); a file must not need repairing: every
      // field it has must come through the decoder unchanged.
      const current = JSON.parse(encodePlanner(decoded));
      // An older version is migrated by the planner's own MIGRATIONS; its fields are not this version's.
      if (!isRecord(value.values)) return { ok: false, code: "wrong_shape" };
      if (value.version < PLANNER_VERSION) return { ok: true, text: JSON.stringify(current) };
      if (value.seed !== undefined && value.seed !== current.seed) return { ok: false, code: "wrong_shape" };
      const fits = (given, kept) => isRecord(given) && Object.entries(given).every(([k, v]) => hasOwn(kept, k) && same(v, kept[k]));
      if (!fits(value.values, current.values)) return { ok: false, code: "wrong_shape" };
      if (value.edited !== undefined && !(fits(value.edited, current.edited) && onlyKeys(value.edited, OUTPUTS))) {
        return { ok: false, code: "wrong_shape" };
      }
      return { ok: true, text: JSON.stringify(current) };
    },
  }),
  Object.freeze({
    name: "calculator.last",
    owns: (key) => key === LAST_KEY,
    check(value) {
      if (newer(value, LAST_VERSION)) return { ok: false, code: "newer_entry" };
      if (!isRecord(value) || !onlyKeys(value, ["version", "state", "names"])) return { ok: false, code: "wrong_shape" };
      const stored = JSON.stringify(value);
      const state = decodeLast(stored);
      // Milestone names (the calculator keeps them with a milestone calculation) come through unchanged or
      // the entry is refused: a file must not need repairing.
      const names = decodeNames(stored);
      if (value.names !== undefined && !same(value.names, names)) return { ok: false, code: "wrong_shape" };
      const text = state === null ? null : encodeLast(state, names);
      return text === null ? { ok: false, code: "wrong_shape" } : { ok: true, text };
    },
  }),
]);

/** Whether any string in a JSON value (keys included) looks like markup. */
function carriesMarkup(value) {
  if (typeof value === "string") return MARKUP.test(value);
  if (Array.isArray(value)) return value.some(carriesMarkup);
  if (isRecord(value)) return Object.entries(value).some(([k, v]) => MARKUP.test(k) || carriesMarkup(v));
  return false;
}

/**
 * Deepest nesting of arrays and objects an entry may have. The widgets store three levels at most; a crafted
 * file nested thousands deep would overflow the call stack of the checks below (and JSON.stringify) instead of
 * failing with a code.
 */
export const MAX_DEPTH = 16;

/** Whether a JSON value nests arrays or objects more than `limit` levels deep (stops looking at the limit). */
function deeperThan(value, limit) {
  if (typeof value !== "object" || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => deeperThan(v, limit - 1));
}

/** Check one entry of a file: {ok: true, text} or {ok: false, code}. */
function checkEntry(key, value, kinds) {
  const kind = kinds.find((k) => k.owns(key));
  if (!kind) return { ok: false, code: "unknown_key" };
  if (deeperThan(value, MAX_DEPTH)) return { ok: false, code: "wrong_shape" };
  if (carriesMarkup(value)) return { ok: false, code: "markup" };
  return kind.check(value);
}

/**
 * Read and check an export file, all or nothing.
 * @param {unknown} text the file's text
 * @param {{kinds?: typeof KINDS}} [options] the entries known (default KINDS; tests pass their own)
 * @returns {{ok: true, exported: string, entries: Array<{key: string, text: string}>} |
 *   {ok: false, code: string, key?: string}} entries sorted by key, each text the canonical stored text to
 *   write under its key (storage.write(key, text)); exported: the file's own timestamp, for the message. An
 *   empty data object is fine: entries is then []. code: see the module comment; key names the entry at fault.
 */
export function parseExport(text, { kinds = KINDS } = {}) {
  if (typeof text !== "string") return { ok: false, code: "invalid_input" };
  if (utf8Length(text) > MAX_BYTES) return { ok: false, code: "too_large" };
  let file;
  try {
    file = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, code: "not_json" };
  }
  if (!isRecord(file) || file.format !== FORMAT) return { ok: false, code: "not_ours" };
  if (Number.isInteger(file.version) && file.version > VERSION) return { ok: false, code: "newer_version" };
  if (
    file.version !== VERSION || typeof file.exported !== "string" || !TIMESTAMP.test(file.exported)
    || !isRecord(file.data) || !onlyKeys(file, ["format", "version", "exported", "data"])
  ) {
    return { ok: false, code: "malformed" };
  }
  const entries = [];
  for (const key of Object.keys(file.data).sort()) {
    const checked = checkEntry(key, file.data[key], kinds);
    if (!checked.ok) return { ok: false, code: checked.code, key };
    entries.push({ key, text: checked.text });
  }
  return { ok: true, exported: file.exported, entries };
}

/**
 * Make the export file from what this browser stores.
 * @param {Iterable<[string, string | null]>} stored key and stored text pairs, e.g. every localStorage entry;
 *   keys that are not ours (Material's, other sites' tools) are left out without a word
 * @param {{exported: Date | string, kinds?: typeof KINDS}} options exported: now (a Date, or an ISO timestamp)
 * @returns {{ok: true, text: string, count: number, skipped: Array<{key: string, code: string}>} |
 *   {ok: false, code: "invalid_input" | "too_large"}} text: the file (what parseExport accepts); count: the
 *   entries in it; skipped: our entries that could not go in, with the code parseExport would have given them
 *   (not_json for a stored text that is not JSON, markup, newer_entry, wrong_shape), for the DOM layer to
 *   name. invalid_input: no valid `exported`; too_large: the file would pass MAX_BYTES.
 */
export function buildExport(stored, { exported, kinds = KINDS } = {}) {
  const stamp = exported instanceof Date && !Number.isNaN(exported.getTime()) ? exported.toISOString() : exported;
  if (typeof stamp !== "string" || !TIMESTAMP.test(stamp) || stored === null || typeof stored?.[Symbol.iterator] !== "function") {
    return { ok: false, code: "invalid_input" };
  }
  const data = {};
  const skipped = [];
  const pairs = [...stored].filter(([key]) => typeof key === "string" && kinds.some((k) => k.owns(key)));
  for (const [key, storedText] of pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof storedText !== "string") continue;
    let value;
    try {
      value = JSON.parse(storedText);
    } catch {
      skipped.push({ key, code: "not_json" });
      continue;
    }
    const checked = checkEntry(key, value, kinds);
    if (checked.ok) data[key] = JSON.parse(checked.text);
    else skipped.push({ key, code: checked.code });
  }
  const text = `${JSON.stringify({ format: FORMAT, version: VERSION, exported: stamp, data }, null, 2)}\n`;
  if (utf8Length(text) > MAX_BYTES) return { ok: false, code: "too_large" };
  return { ok: true, text, count: Object.keys(data).length, skipped };
}

/** The download's file name: "client-exit-playbook-2027-05-03.json" (the date of `exported`: UTC for a Date). */
export function exportFileName(exported) {
  const stamp = exported instanceof Date ? exported.toISOString() : String(exported);
  return `${FORMAT}-${/^\d{4}-\d{2}-\d{2}/.test(stamp) ? stamp.slice(0, 10) : "export"}.json`;
}
