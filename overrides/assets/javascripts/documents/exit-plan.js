/**
 * exit-plan.js: the dated plan of an exit, from a few days before the call to a month after the end, as data.
 * No DOM, no globals, no clock. The plan's list on the page and its calendar file (ics.js) both come from
 * exitPlan(), so they cannot disagree.
 *
 * The steps are those of issue #12 item 2 and the exit-plan page, in the order a reader lives through them:
 *   read_contract      read the contract and count the notice             notice day − 5
 *   work_out_money     work out the money (the calculator)                notice day − 4
 *   line_up_providers  line up other providers (someone who can take over) notice day − 4
 *   book_call          book the call                                       notice day − 2
 *   call               the call                                            notice day
 *   send_notice        the written notice, the same day as the call        notice day
 *   stop_now_in_writing  only when the client says "stop now": get it in writing and settle on that basis
 *                                                                          notice day
 *   notice_period      the notice period (a span: date … endDate)          notice day + 1 … last day
 *   handover           the handover                                        handover date (default: last day)
 *   last_day           the agreement's last day                            last day
 *   settle             the final invoice or the credit note                settlement date (default: last day + 1)
 *   follow_up_payment  follow up the payment, the day after it was due     due date + 1 (due date default:
 *                                                                          settlement + 14)
 *   close              archive, delete the client's data, close the last   last day + 30, or the follow-up if
 *                      doors                                               later
 * The offsets are those of the exit-plan page (docs/en/exit-plan.md and its nb twin: the contract 5–3 days
 * before, the money and other providers 4–2 days before, booking the call 2–1 days before; the final invoice
 * or credit note within a week after the end; following up after the due date; archiving a month after),
 * each step on the first day of its span, when a reminder helps most. They are the playbook's defaults, not
 * rules of law (14 days is a common invoice term); a reader with other dates passes them. Steps on the same
 * day keep the order above; the list is sorted by date.
 *
 * Titles are string keys ("plan.<id>", looked up in the page's strings table), never text, so the plan is the
 * same in both languages. Errors are returned as {ok: false, code, field}; `field` is the form's input name.
 */

import { addDays, isoDate } from "./notice-dates.js";

/** Every step id, in the order of the plan. */
export const STEP_IDS = Object.freeze([
  "read_contract", "work_out_money", "line_up_providers", "book_call", "call", "send_notice", "stop_now_in_writing",
  "notice_period", "handover", "last_day", "settle", "follow_up_payment", "close",
]);
/** Days before the notice day of the preparation steps. */
export const PREPARE_OFFSETS = Object.freeze({ read_contract: -5, work_out_money: -4, line_up_providers: -4, book_call: -2 });
/** Default days from the last day to the final invoice or credit note (the first day of "within a week after"). */
export const SETTLE_AFTER_DAYS = 1;
/** Default days from the settlement to the payment (or refund) due date. */
export const PAYMENT_DAYS = 14;
/** Days after the last day of the closing step (archive, delete data, close access). */
export const CLOSE_AFTER_DAYS = 30;
/** Every error code exitPlan returns. */
export const ERROR_CODES = Object.freeze([
  "required", "invalid_date", "end_before_notice", "handover_before_notice", "settlement_before_notice",
  "due_before_settlement", "out_of_range", "invalid_input",
]);

const fail = (code, field) => ({ ok: false, code, field });

/** An optional ISO date: null when absent or "", else the date or an error code. */
function optionalDate(value) {
  if (value === undefined || value === null || value === "") return { iso: null };
  const d = isoDate(value);
  return d.ok ? { iso: d.iso } : { code: d.code };
}

/**
 * The dated plan.
 * @param {{noticeDate: string, endDate?: string, handoverDate?: string, settlementDate?: string,
 *   paymentDueDate?: string, stopNow?: boolean}} input ISO dates. noticeDate: the day of the call and the
 *   notice (form field notice_date), required. endDate: the agreement's last day, normally noticeEndDate()'s
 *   endDate (field end_date); required unless stopNow. handoverDate (handover_date), settlementDate
 *   (settlement_date), paymentDueDate (payment_due): optional, with the defaults above. stopNow: the client
 *   ended it at once: the last day is the notice day, there is no notice period, and the step
 *   stop_now_in_writing is added (endDate is then ignored).
 * @returns {{ok: true, steps: Array<{id: string, date: string, endDate?: string, titleKey: string}>} |
 *   {ok: false, code: string, field: string}} steps sorted by date (ties in STEP_IDS order); endDate only on
 *   notice_period (inclusive last day). code: required, invalid_date, end_before_notice (end_date),
 *   handover_before_notice (handover_date), settlement_before_notice (settlement_date), due_before_settlement
 *   (payment_due), out_of_range (a date would pass 9999-12-31 or precede 0001-01-01), invalid_input (stop_now
 *   not a boolean).
 */
export function exitPlan({ noticeDate, endDate, handoverDate, settlementDate, paymentDueDate, stopNow = false } = {}) {
  const notice = isoDate(noticeDate);
  if (!notice.ok) return fail(notice.code, "notice_date");
  if (typeof stopNow !== "boolean") return fail("invalid_input", "stop_now");
  let last = notice.iso;
  if (!stopNow) {
    const end = isoDate(endDate);
    if (!end.ok) return fail(end.code, "end_date");
    if (end.iso < notice.iso) return fail("end_before_notice", "end_date");
    last = end.iso;
  }
  const given = {};
  for (const [name, field, value] of [
    ["handover", "handover_date", handoverDate], ["settlement", "settlement_date", settlementDate], ["due", "payment_due", paymentDueDate],
  ]) {
    const d = optionalDate(value);
    if (d.code) return fail(d.code, field);
    given[name] = d.iso;
  }
  if (given.handover && given.handover < notice.iso) return fail("handover_before_notice", "handover_date");
  if (given.settlement && given.settlement < notice.iso) return fail("settlement_before_notice", "settlement_date");
  const settlement = given.settlement ?? addDays(last, SETTLE_AFTER_DAYS);
  if (settlement === null) return fail("out_of_range", "notice_date");
  if (given.due && given.due < settlement) return fail("due_before_settlement", "payment_due");
  const due = given.due ?? addDays(settlement, PAYMENT_DAYS);
  const followUp = due === null ? null : addDays(due, 1);
  const closeByDays = addDays(last, CLOSE_AFTER_DAYS);
  const dated = {
    ...Object.fromEntries(Object.entries(PREPARE_OFFSETS).map(([id, offset]) => [id, addDays(notice.iso, offset)])),
    call: notice.iso,
    send_notice: notice.iso,
    handover: given.handover ?? last,
    last_day: last,
    settle: settlement,
    follow_up_payment: followUp,
    close: closeByDays !== null && followUp !== null && followUp > closeByDays ? followUp : closeByDays,
  };
  if (stopNow) dated.stop_now_in_writing = notice.iso;
  const hasPeriod = !stopNow && last > notice.iso;
  if (hasPeriod) dated.notice_period = addDays(notice.iso, 1);
  if (Object.values(dated).some((date) => date === null)) return fail("out_of_range", "notice_date");

  const steps = STEP_IDS.filter((id) => id in dated).map((id) => ({
    id,
    date: dated[id],
    ...(id === "notice_period" ? { endDate: last } : {}),
    titleKey: `plan.${id}`,
  }));
  const rank = (id) => STEP_IDS.indexOf(id);
  steps.sort((a, b) => (a.date === b.date ? rank(a.id) - rank(b.id) : a.date < b.date ? -1 : 1));
  return { ok: true, steps };
}

/**
 * The plan's steps as calendar events for ics.js buildCalendar: one all-day event per step (the notice period
 * as one event over its days), its id the step id, its summary the step's title in the page's language.
 * @param {Array<{id: string, date: string, endDate?: string, titleKey: string}>} steps from exitPlan
 * @param {Record<string, string> | ((key: string) => string | undefined)} titles the strings table, or a
 *   lookup, giving the text of each titleKey
 * @param {Record<string, string> | ((key: string) => string | undefined)} [descriptions] optional texts by
 *   titleKey (e.g. "plan.call" → what to have at hand); a missing one gives no description
 * @returns {Array<{id: string, date: string, endDate?: string, summary: string, description?: string}>}
 * @throws {Error} when a title is missing: a gap in the strings table, which the strings tests must catch
 */
export function planEvents(steps, titles, descriptions = {}) {
  const look = (table, key) => (typeof table === "function" ? table(key) : Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
  return steps.map(({ id, date, endDate, titleKey }) => {
    const summary = look(titles, titleKey);
    if (typeof summary !== "string" || summary.trim() === "") throw new Error(`exit-plan: no title for ${titleKey}`);
    const description = look(descriptions, titleKey);
    return {
      id,
      date,
      ...(endDate ? { endDate } : {}),
      summary,
      ...(typeof description === "string" && description.trim() ? { description } : {}),
    };
  });
}
