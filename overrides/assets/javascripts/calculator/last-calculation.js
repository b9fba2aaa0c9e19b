// The refund calculator's last valid result, kept in this browser for the conversation planner and its exit
// pack. No DOM: refund-calculator.js calls remember(state) whenever it shows a result; planner.js reads it.
//
//   localStorage["playbook.calculator.last"] = '{"version":1,"state":"calc=1&total=4000000&paid=3000000&..."}'
//
// "state" is the calculator's own shareable fragment (refund-state.js encodeState): figures only, never the
// milestone names, and checked again by decodeState when read. "version" lets a later format migrate; an entry
// that is corrupt or written by a newer version reads as no calculation at all. forget() removes it.

import { formatMoney, splitVat } from "./refund-math.js";
import { decodeState, encodeState, settleState } from "./refund-state.js";
import { openStorage } from "../lib/storage.js";

export const KEY = "playbook.calculator.last";
export const VERSION = 1;

let pageStorage = null;
const defaultStorage = () => (pageStorage ??= openStorage());

/** The stored text of a calculator state, or null when the state is not a valid one. */
export function encodeLast(state) {
  const fragment = encodeState(state);
  return fragment ? JSON.stringify({ version: VERSION, state: fragment }) : null;
}

/** The calculator state in a stored text, or null (nothing stored, corrupt, or from a newer version). */
export function decodeLast(text) {
  if (typeof text !== "string") return null;
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || data.version !== VERSION || typeof data.state !== "string") return null;
  return decodeState(data.state);
}

/**
 * Keep `state` as the last calculation; true when the browser stored it.
 * @param {object} state a valid calculator state (refund-state.js)
 * @param {ReturnType<typeof openStorage>} [storage]
 */
export function remember(state, storage = defaultStorage()) {
  const text = encodeLast(state);
  if (!text) return false;
  if (storage.read(KEY) === text) return true;
  return storage.write(KEY, text);
}

/** The last calculation kept in this browser, or null. */
export function recall(storage = defaultStorage()) {
  return decodeLast(storage.read(KEY));
}

/** Forget the last calculation (and nothing else). */
export function forget(storage = defaultStorage()) {
  return storage.remove(KEY);
}

/**
 * What the conversation is to say about money, from a calculation: a refund (the credit note's total), the
 * final invoice (what is still owed, with VAT where the amounts exclude it), or nothing either way.
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
    minor = result.refundGross;
  } else if (result.balanceDue > 0n) {
    kind = "balance_due";
    minor = splitVat(result.balanceDue, state.vat).refundGross;
  }
  return { kind, minor, amount: formatMoney(minor, { locale, currency: state.currency }), currency: state.currency };
}
