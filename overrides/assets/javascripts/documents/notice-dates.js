/**
 * notice-dates.js: calendar dates of the exit documents, above all the end date of a notice period.
 *
 * Plain ES module: no DOM, no globals, no `Date` (so no time zone can move a day). Dates go in and out as ISO
 * calendar dates ("YYYY-MM-DD", the form they are stored in); internally a date is a day number, counted from
 * 1970-01-01 = 0 by the days-from-civil algorithm of Howard Hinnant ("chrono-Compatible Low-Level Date
 * Algorithms", https://howardhinnant.github.io/date_algorithms.html), proleptic Gregorian calendar. Showing a
 * date in the page's language ("31. mai 2027" / "31 May 2027") is the DOM layer's job (Intl.DateTimeFormat).
 *
 * Failures are returned, never thrown, as `{ok: false, code, field}`; `code` is one of ERROR_CODES and the
 * widget maps it to a localised message next to `field` (the form's input name: notice_date, notice_period,
 * notice_unit, notice_from). Only a programming error throws (a day number that is not an integer).
 *
 * The two conventions contracts use (issue #15, "Dates"):
 *  - notice_date: counted from the day notice is given. End date = that day + the period. Days and weeks add
 *    exactly (a week is 7 days); months add calendar months and clamp to the last day of a shorter month
 *    (31 January + 1 month = 28 February, or 29 in a leap year).
 *  - month_end: counted from the end of the month in which notice is given. The period runs from the first
 *    day of the next month, so the end date is (that first day + the period) − 1 day. With months that is
 *    always the last day of a month (notice on 10 March, 1 month: 1 April + 1 month − 1 day = 30 April).
 * Whether a contract counts one way or the other is for the reader to read in it; this module only counts.
 */

// The notice period's units (UNITS) and how a notice period is counted (CONVENTIONS, see above) are declared
// with the documents' fields, which the planner needs before this module arrives with the exit documents.
import { CONVENTIONS, UNITS } from "./document-fields.js";
export { CONVENTIONS, UNITS };
/**
 * Longest notice period accepted per unit: ten years. Longer is `period_too_long` (most likely a typo such as
 * 30 months for 3, or days typed into a months field), not a date far in the future.
 */
export const MAX_PERIOD = Object.freeze({ days: 3653, weeks: 522, months: 120 });
/** Every error code noticeEndDate and isoDate can return. */
export const ERROR_CODES = Object.freeze([
  "required", "invalid_date", "invalid_period", "period_too_long", "invalid_unit", "invalid_convention",
  "out_of_range",
]);

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^\s*(\d{1,9})\s*$/;
const fail = (code, field) => ({ ok: false, code, field });
const pad = (n, width) => String(n).padStart(width, "0");

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year, month) {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * Day number of a calendar date (1970-01-01 is 0), Hinnant's days_from_civil. Integers in, integer out.
 * @param {number} year @param {number} month 1–12 @param {number} day 1–31
 * @returns {number}
 */
export function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number, Hinnant's civil_from_days.
 * @param {number} days an integer
 * @returns {{year: number, month: number, day: number}}
 */
export function civilFromDays(days) {
  if (!Number.isSafeInteger(days)) throw new TypeError("civilFromDays expects an integer day number");
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** "YYYY-MM-DD" of a calendar date; null when the year has no four-digit ISO form (before 0001, after 9999). */
export function formatIso({ year, month, day }) {
  if (year < 1 || year > 9999) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Read an ISO calendar date, strictly: exactly "YYYY-MM-DD", year 0001–9999, a real day of that month
 * (2027-02-30 and 2027-02-29 are rejected, 2028-02-29 is fine). No time, no surrounding spaces: the value of an
 * <input type="date"> or a stored date.
 * @param {unknown} text
 * @returns {{ok: true, iso: string, year: number, month: number, day: number, days: number} |
 *   {ok: false, code: "required" | "invalid_date"}} days: the day number (1970-01-01 = 0)
 */
export function isoDate(text) {
  if (text === null || text === undefined || text === "") return { ok: false, code: "required" };
  const m = typeof text === "string" ? ISO.exec(text) : null;
  if (!m) return { ok: false, code: "invalid_date" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, code: "invalid_date" };
  }
  return { ok: true, iso: text, year, month, day, days: daysFromCivil(year, month, day) };
}

/** Whether `text` is a valid ISO calendar date (see isoDate). */
export const isValidIsoDate = (text) => isoDate(text).ok;

/** The ISO date of a day number; null outside years 0001–9999. */
export function isoFromDays(days) {
  return formatIso(civilFromDays(days));
}

/**
 * A valid ISO date moved by `n` days (negative goes back).
 * @param {string} iso a valid ISO date
 * @param {number} n an integer
 * @returns {string | null} null when the result leaves years 0001–9999
 * @throws {RangeError} when `iso` is not a valid date (a programming error: validate first)
 */
export function addDays(iso, n) {
  const date = isoDate(iso);
  if (!date.ok) throw new RangeError(`addDays: not a date ${JSON.stringify(iso)}`);
  return isoFromDays(date.days + n);
}

/**
 * A valid ISO date moved by `n` calendar months, clamped to the last day of a shorter month
 * (2027-01-31 + 1 = 2027-02-28; 2028-01-31 + 1 = 2028-02-29).
 * @returns {string | null} null when the result leaves years 0001–9999
 * @throws {RangeError} when `iso` is not a valid date
 */
export function addMonths(iso, n) {
  const date = isoDate(iso);
  if (!date.ok) throw new RangeError(`addMonths: not a date ${JSON.stringify(iso)}`);
  const index = date.year * 12 + (date.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 1 || year > 9999) return null;
  return formatIso({ year, month, day: Math.min(date.day, daysInMonth(year, month)) });
}

/** Days from ISO date `a` to ISO date `b` (positive when b is later). Throws RangeError on an invalid date. */
export function daysBetween(a, b) {
  const from = isoDate(a);
  const to = isoDate(b);
  if (!from.ok || !to.ok) throw new RangeError("daysBetween expects two valid ISO dates");
  return to.days - from.days;
}

/** Whether an ISO date is the last day of its month. Throws RangeError on an invalid date. */
export function isLastDayOfMonth(iso) {
  const date = isoDate(iso);
  if (!date.ok) throw new RangeError(`isLastDayOfMonth: not a date ${JSON.stringify(iso)}`);
  return date.day === daysInMonth(date.year, date.month);
}

/**
 * A notice period as typed or stored: a positive integer, as a number or a string of ASCII digits (the value
 * of an <input type="number">, spaces around allowed).
 * @returns {{ok: true, period: number} | {ok: false, code: "required" | "invalid_period"}}
 */
export function parsePeriod(value) {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) {
    return { ok: false, code: "required" };
  }
  let period = null;
  if (typeof value === "number") period = Number.isSafeInteger(value) ? value : null;
  else if (typeof value === "string" && DIGITS.test(value)) period = Number(DIGITS.exec(value)[1]);
  if (period === null || period < 1) return { ok: false, code: "invalid_period" };
  return { ok: true, period };
}

/**
 * The last day of a notice period.
 * @param {{noticeDate: string, period: number | string, unit: "days"|"weeks"|"months",
 *   convention: "notice_date"|"month_end"}} input noticeDate: the ISO date notice is given; period: a
 *   positive integer (a string of digits is read as one); unit and convention as in UNITS and CONVENTIONS.
 * @returns {{ok: true, endDate: string, startDate: string} | {ok: false, code: string, field: string}}
 *   endDate: the ISO date the period ends (the agreement's last day), always after noticeDate. startDate: the
 *   day the period is counted from (noticeDate, or the first day of the next month with month_end). code is
 *   one of: required, invalid_date (field notice_date); required, invalid_period, period_too_long (field
 *   notice_period); invalid_unit (notice_unit); invalid_convention (notice_from); out_of_range (notice_date:
 *   the end would fall after 9999-12-31). Checked in that order of fields; the first failure is returned.
 */
export function noticeEndDate({ noticeDate, period, unit, convention } = {}) {
  const date = isoDate(noticeDate);
  if (!date.ok) return fail(date.code, "notice_date");
  const parsed = parsePeriod(period);
  if (!parsed.ok) return fail(parsed.code, "notice_period");
  if (!UNITS.includes(unit)) return fail("invalid_unit", "notice_unit");
  if (parsed.period > MAX_PERIOD[unit]) return fail("period_too_long", "notice_period");
  if (!CONVENTIONS.includes(convention)) return fail("invalid_convention", "notice_from");
  const n = parsed.period;

  let startDays = date.days;
  let endDays;
  if (convention === "month_end") {
    const next = date.year * 12 + date.month; // month index (year × 12 + month − 1) of the next month
    const [year, month] = [Math.floor(next / 12), (next % 12) + 1];
    startDays = daysFromCivil(year, month, 1);
    if (unit === "months") {
      const last = next + n - 1;
      const [endYear, endMonth] = [Math.floor(last / 12), (last % 12) + 1];
      endDays = daysFromCivil(endYear, endMonth, daysInMonth(endYear, endMonth));
    } else {
      endDays = startDays + (unit === "weeks" ? 7 * n : n) - 1;
    }
  } else if (unit === "months") {
    const shifted = addMonths(noticeDate, n);
    endDays = shifted === null ? Infinity : isoDate(shifted).days;
  } else {
    endDays = startDays + (unit === "weeks" ? 7 * n : n);
  }
  const endDate = Number.isFinite(endDays) ? isoFromDays(endDays) : null;
  if (endDate === null) return fail("out_of_range", "notice_date");
  const start = isoFromDays(startDays);
  return { ok: true, endDate, startDate: start };
}
