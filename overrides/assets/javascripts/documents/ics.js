/**
 * ics.js: an iCalendar file (RFC 5545, https://www.rfc-editor.org/rfc/rfc5545) of dated all-day events, as
 * text, for the reader to download from the browser. No DOM, no globals, no clock and no randomness: the
 * DTSTAMP and the seed of the UIDs are passed in, so the same input always gives the same file.
 *
 * What the text follows, rule by rule:
 *  - A VCALENDAR with VERSION:2.0, PRODID, CALSCALE:GREGORIAN and METHOD:PUBLISH (a file to import, not an
 *    invitation), optionally NAME (RFC 7986 § 5.1) and X-WR-CALNAME (what Apple and Google show) for its name,
 *    and one VEVENT per event (RFC 5545 § 3.4, § 3.6.1; a calendar must hold at least one component).
 *  - All-day events: DTSTART;VALUE=DATE:YYYYMMDD and DTEND;VALUE=DATE the day after the last day, since DTEND
 *    is exclusive (§ 3.6.1, § 3.8.2.2). TRANSP:TRANSPARENT, so a reminder never shows the reader as busy.
 *  - UID: the seed, "-", and the event's id (or its position from 1), which is stable for a stable seed: the
 *    DOM layer passes a random seed kept with the plan (crypto.randomUUID()), so a second download updates
 *    the same events in a calendar instead of adding copies (§ 3.8.4.7). DTSTAMP: the time the file is made,
 *    UTC (§ 3.8.7.2).
 *  - Lines end in CRLF (§ 3.1) and are folded so no line is longer than 75 octets of UTF-8, by inserting
 *    CRLF and one space; a fold never falls inside a character (a multi-byte UTF-8 sequence or a surrogate
 *    pair), as § 3.1 asks.
 *  - TEXT values (SUMMARY, DESCRIPTION, NAME) escape "\" ";" "," and line breaks as "\\" "\;" "\," "\n"
 *    (§ 3.3.11). Control characters other than tab are not allowed in TEXT and are dropped; a lone surrogate
 *    becomes U+FFFD.
 * Failures are returned as {ok: false, code, index?} with code in ERROR_CODES; nothing here throws on bad input.
 */

import { addDays, isoDate } from "./notice-dates.js";

/** The media type of the file, for the Blob the DOM layer makes. */
export const MIME_TYPE = "text/calendar;charset=utf-8";
/** The product identifier (§ 3.7.3) unless another is passed. */
export const PRODID = "-//Client exit playbook//Exit plan//EN";
/** Longest line in octets, without its CRLF (§ 3.1). */
export const MAX_OCTETS = 75;
/** Most events one file takes. */
export const MAX_EVENTS = 200;
/** Longest SUMMARY and DESCRIPTION, in characters, before escaping. */
export const MAX_SUMMARY = 500;
export const MAX_DESCRIPTION = 10000;
/** Every error code buildCalendar returns. */
export const ERROR_CODES = Object.freeze([
  "invalid_input", "no_events", "too_many_events", "invalid_stamp", "invalid_seed", "invalid_id", "duplicate_id",
  "invalid_date", "end_before_start", "missing_summary", "too_long",
]);

const CRLF = "\r\n";
const SEED = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Octets of one code point in UTF-8. */
const octets = (codePoint) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Length of a string in UTF-8 octets (lone surrogates count as U+FFFD, 3 octets, as TextEncoder writes them). */
export function utf8Length(text) {
  let n = 0;
  for (const ch of text) n += octets(ch.codePointAt(0));
  return n;
}

/**
 * A TEXT value escaped for a content line (§ 3.3.11): "\" ";" "," and line breaks (CRLF, LF or CR) as
 * "\\" "\;" "\," "\n"; control characters other than tab dropped; lone surrogates as U+FFFD. ":" and '"' stay.
 * @param {string} value
 * @returns {string}
 */
export function escapeText(value) {
  return String(value)
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(CONTROLS, "")
    .replace(/[\\;,\n]/g, (ch) => (ch === "\n" ? "\\n" : `\\${ch}`));
}

/** The inverse of escapeText for text it produced: "\n" or "\N" as a line feed, "\x" as x. */
export function unescapeText(value) {
  return value.replace(/\\([\\;,nN])/g, (_, ch) => (ch === "n" || ch === "N" ? "\n" : ch));
}

/**
 * One content line folded to at most MAX_OCTETS octets per physical line (the continuation's leading space
 * counts), never inside a character. Without a final CRLF.
 * @param {string} line a content line without line breaks
 * @returns {string}
 */
export function foldLine(line) {
  const parts = [];
  let current = "";
  let size = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0));
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Undo folding (§ 3.1): remove every CRLF followed by one space or tab. */
export function unfold(text) {
  return text.replace(/\r\n[ \t]/g, "");
}

/**
 * The DTSTAMP form of a moment: "YYYYMMDDTHHMMSSZ" (UTC, seconds; fractions cut).
 * @param {Date | string} stamp a valid Date, or an ISO timestamp in UTC ("2027-05-31T08:00:00Z", with or
 *   without fractions of a second, as Date#toISOString writes it)
 * @returns {string | null} null when it is neither
 */
export function formatStamp(stamp) {
  let text = stamp;
  if (stamp instanceof Date) {
    if (Number.isNaN(stamp.getTime())) return null;
    text = stamp.toISOString();
  }
  const m = typeof text === "string" ? STAMP.exec(text) : null;
  if (!m || !isoDate(`${m[1]}-${m[2]}-${m[3]}`).ok || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z`;
}

const basicDate = (iso) => iso.replaceAll("-", "");

/** Check one event; returns the normalised event or an error code. */
function checkEvent(event, index) {
  if (event === null || typeof event !== "object") return { code: "invalid_input" };
  if (event.id !== undefined && (typeof event.id !== "string" || !ID.test(event.id) || event.id.length > 64)) return { code: "invalid_id" };
  const start = isoDate(event.date);
  if (!start.ok) return { code: "invalid_date" };
  let last = start.iso;
  if (event.endDate !== undefined && event.endDate !== null) {
    const end = isoDate(event.endDate);
    if (!end.ok) return { code: "invalid_date" };
    if (end.iso < start.iso) return { code: "end_before_start" };
    last = end.iso;
  }
  const after = addDays(last, 1);
  if (after === null) return { code: "invalid_date" };
  if (typeof event.summary !== "string" || event.summary.trim() === "") return { code: "missing_summary" };
  if (event.summary.length > MAX_SUMMARY) return { code: "too_long" };
  if (event.description !== undefined && typeof event.description !== "string") return { code: "invalid_input" };
  if ((event.description ?? "").length > MAX_DESCRIPTION) return { code: "too_long" };
  return {
    uidPart: event.id ?? String(index + 1),
    start: start.iso,
    after,
    summary: event.summary.trim(),
    description: (event.description ?? "").trim(),
  };
}

/**
 * An iCalendar file of all-day events.
 * @param {{events: Array<{date: string, endDate?: string, summary: string, description?: string, id?: string}>,
 *   stamp: Date | string, seed: string, prodId?: string, name?: string}} input
 *   events: date is the ISO first day, endDate the ISO last day (inclusive; default: the same day), summary
 *   the title (required, plain text), description optional plain text, id an optional stable id (lower-case
 *   letters, digits, "-" and "_"; unique) used in the UID instead of the position. stamp: when the file is
 *   made (see formatStamp). seed: 1–100 of A–Z a–z 0–9 . _ -, starting with a letter or digit (a UUID
 *   fits). prodId: default PRODID. name: the calendar's name, optional (absent, null or "" for none).
 * @returns {{ok: true, text: string} | {ok: false, code: string, index?: number}} text: the whole file, CRLF
 *   line endings, ending in CRLF. code: invalid_input, no_events, too_many_events, invalid_stamp,
 *   invalid_seed; or, with the event's index: invalid_id, duplicate_id, invalid_date (also a last day of
 *   9999-12-31, whose DTEND cannot be written), end_before_start, missing_summary, too_long.
 */
export function buildCalendar({ events, stamp, seed, prodId = PRODID, name } = {}) {
  if (!Array.isArray(events) || typeof prodId !== "string" || prodId.trim() === "") return { ok: false, code: "invalid_input" };
  if (name !== undefined && name !== null && typeof name !== "string") return { ok: false, code: "invalid_input" };
  if (events.length === 0) return { ok: false, code: "no_events" };
  if (events.length > MAX_EVENTS) return { ok: false, code: "too_many_events" };
  const dtstamp = formatStamp(stamp);
  if (!dtstamp) return { ok: false, code: "invalid_stamp" };
  if (typeof seed !== "string" || !SEED.test(seed)) return { ok: false, code: "invalid_seed" };

  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${escapeText(prodId)}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (name && name.trim()) lines.push(`NAME:${escapeText(name.trim())}`, `X-WR-CALNAME:${escapeText(name.trim())}`);
  const uids = new Set();
  for (const [index, event] of events.entries()) {
    const e = checkEvent(event, index);
    if (e.code) return { ok: false, code: e.code, index };
    const uid = `${seed}-${e.uidPart}`;
    if (uids.has(uid)) return { ok: false, code: "duplicate_id", index };
    uids.add(uid);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.start)}`,
      `DTEND;VALUE=DATE:${basicDate(e.after)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return { ok: true, text: lines.map(foldLine).join(CRLF) + CRLF };
}
