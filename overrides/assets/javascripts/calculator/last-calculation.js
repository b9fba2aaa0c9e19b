// The refund calculator's last valid result, kept in this browser for the conversation planner and its exit
// pack. No DOM: the calculator's engine (calculator-engine.js) calls remember(state) whenever it shows a result;
// planner.js reads it (its calculation part). The form (refund-calculator.js) only looks whether the key is there
// (refund-fields.js LAST_KEY), to fetch the engine at once.
//
//   localStorage["playbook.calculator.last"] = '{"version":1,"state":"calc=2&total=4000000&paid=2500000&...",
//                                               "names":["Design","Build"]}'
//
// "state" is the calculator's own shareable fragment (refund-state.js encodeState): figures only, and checked
// again by decodeState when read (a version 1 fragment stored before still reads). "names" (optional) are the
// milestone names the reader typed, by position: they stay in this browser, never in the address, and the
// calculator puts them back when the reader returns without a link. "version" lets a later format migrate; an
// entry that is corrupt or written by a newer version reads as no calculation at all. forget() removes it: the
// calculator calls it when the reader clears a figure, so the planner never offers a stale calculation.

import { formatMoney } from "./refund-math.js";
import { decodeState, encodeState, settleState } from "./refund-state.js";
import { openStorage } from "../lib/storage.js";
import { LAST_KEY } from "./refund-fields.js";

/** The localStorage key (refund-fields.js LAST_KEY: the form loaded at once looks for it without this module). */
export const KEY = LAST_KEY;
export const VERSION = 1;

let pageStorage = null;
const defaultStorage = () => (pageStorage ??= openStorage());

/** Most milestone names kept, and the longest name (the calculator's own input limit). */
const MAX_NAMES = 50;
const MAX_NAME_LENGTH = 120;

/** Names worth keeping: strings, cut to the input's limit; an empty list when none has text. */
function cleanNames(names) {
  if (!Array.isArray(names)) return [];
  const kept = names.slice(0, MAX_NAMES).map((name) => (typeof name === "string" ? name.slice(0, MAX_NAME_LENGTH) : ""));
  return kept.some((name) => name.trim()) ? kept : [];
}

/**
 * The stored text of a calculator state, or null when the state is not a valid one.
 * @param {object} state a calculator state
 * @param {string[]} [names] milestone names by position (kept only when one has text)
 */
export function encodeLast(state, names = []) {
  const fragment = encodeState(state);
  if (!fragment) return null;
  const kept = state.milestones ? cleanNames(names) : [];
  return JSON.stringify(kept.length ? { version: VERSION, state: fragment, names: kept } : { version: VERSION, state: fragment });
}

/** Parse a stored text; null when corrupt or from another version. */
function readEntry(text) {
  if (typeof text !== "string") return null;
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || data.version !== VERSION || typeof data.state !== "string") return null;
  return data;
}

/** The calculator state in a stored text, or null (nothing stored, corrupt, or from a newer version). */
export function decodeLast(text) {
  const data = readEntry(text);
  return data ? decodeState(data.state) : null;
}

/** The milestone names in a stored text (strings by position), or an empty list. */
export function decodeNames(text) {
  const data = readEntry(text);
  return data && decodeState(data.state) ? cleanNames(data.names) : [];
}

/**
 * Keep `state` (and its milestone names) as the last calculation; true when the browser stored it.
 * @param {object} state a valid calculator state (refund-state.js)
 * @param {ReturnType<typeof openStorage>} [storage]
 * @param {string[]} [names] milestone names by position
 */
export function remember(state, storage = defaultStorage(), names = []) {
  const text = encodeLast(state, names);
  if (!text) return false;
  if (storage.read(KEY) === text) return true;
  return storage.write(KEY, text);
}

/** The last calculation kept in this browser, or null. */
export function recall(storage = defaultStorage()) {
  return decodeLast(storage.read(KEY));
}

/** The milestone names kept with the last calculation, or an empty list. */
export function recallNames(storage = defaultStorage()) {
  return decodeNames(storage.read(KEY));
}

/** Forget the last calculation (and nothing else). */
export function forget(storage = defaultStorage()) {
  return storage.remove(KEY);
}

/**
 * What the conversation is to say about money, from a calculation: a refund (the money paid back, which is the
 * credit note's total, incl. VAT where VAT applies), the final invoice (what is still owed, incl. VAT), or
 * nothing either way.
 * @param {object} state a valid calculator state
 * @param {{locale: string}} options the page's locale; the amount is in the calculation's own currency
 * @returns {{kind: "refund" | "balance_due" | "settled", minor: bigint, amount: string, currency: string}}
 */
export function handover(state, { locale }) {
  const result = settleState(state);
  if (!result.ok) throw new Error(`last calculation: ${result.error}`);
  let kind = "settled";
  let minor = 0n;
  if (result.refund > 0n) {
    kind = "refund";
    minor = result.refund;
  } else if (result.balanceDue > 0n) {
    kind = "balance_due";
    minor = result.balanceDue;
  }
  return { kind, minor, amount: formatMoney(minor, { locale, currency: state.currency }), currency: state.currency };
}
