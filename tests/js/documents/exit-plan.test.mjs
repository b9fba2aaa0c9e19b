// Tests for overrides/assets/javascripts/documents/exit-plan.js: the plan of issue #12 item 2 with its default
// dates, the "stop now" case, the reader's own dates, errors, order properties, and the plan as calendar
// events that ics.js accepts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CLOSE_AFTER_DAYS, ERROR_CODES, PAYMENT_DAYS, SETTLE_AFTER_DAYS, STEP_IDS, exitPlan, planEvents,
} from "../../../overrides/assets/javascripts/documents/exit-plan.js";
import { buildCalendar } from "../../../overrides/assets/javascripts/documents/ics.js";
import { daysBetween, noticeEndDate } from "../../../overrides/assets/javascripts/documents/notice-dates.js";

const RUNS = { numRuns: 1000 };
const isoArb = fc.integer({ min: 0, max: 60000 }).map((d) => new Date(Date.UTC(1950, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const titles = Object.fromEntries(STEP_IDS.map((id) => [`plan.${id}`, `Tittel ${id}`]));
const brief = (steps) => steps.map((s) => [s.id, s.date, ...(s.endDate ? [s.endDate] : [])]);

describe("exitPlan", () => {
  test("a month's notice given on 10 March 2027, counted from the month end", () => {
    const { endDate } = noticeEndDate({ noticeDate: "2027-03-10", period: 1, unit: "months", convention: "month_end" });
    const r = exitPlan({ noticeDate: "2027-03-10", endDate });
    assert.equal(r.ok, true);
    assert.deepEqual(brief(r.steps), [
      ["read_contract", "2027-03-05"], ["work_out_money", "2027-03-06"], ["line_up_providers", "2027-03-06"],
      ["book_call", "2027-03-08"], ["call", "2027-03-10"], ["send_notice", "2027-03-10"],
      ["notice_period", "2027-03-11", "2027-04-30"], ["handover", "2027-04-30"], ["last_day", "2027-04-30"],
      ["settle", "2027-05-01"], ["follow_up_payment", "2027-05-16"], ["close", "2027-05-30"],
    ]);
    assert.ok(r.steps.every((s) => s.titleKey === `plan.${s.id}`));
  });

  test("the client says stop now: no notice period, get it in writing, settle from the notice day", () => {
    const r = exitPlan({ noticeDate: "2027-12-30", endDate: "2028-03-31", stopNow: true });
    assert.deepEqual(brief(r.steps), [
      ["read_contract", "2027-12-25"], ["work_out_money", "2027-12-26"], ["line_up_providers", "2027-12-26"],
      ["book_call", "2027-12-28"], ["call", "2027-12-30"], ["send_notice", "2027-12-30"],
      ["stop_now_in_writing", "2027-12-30"], ["handover", "2027-12-30"], ["last_day", "2027-12-30"],
      ["settle", "2027-12-31"], ["follow_up_payment", "2028-01-15"], ["close", "2028-01-29"],
    ]);
    assert.deepEqual(exitPlan({ noticeDate: "2027-12-30", stopNow: true }), r, "no end date is needed");
  });

  test("the reader's own handover, settlement and due dates, sorted into place", () => {
    const r = exitPlan({
      noticeDate: "2027-03-10", endDate: "2027-04-30", handoverDate: "2027-04-20", settlementDate: "2027-05-03", paymentDueDate: "2027-06-15",
    });
    assert.deepEqual(brief(r.steps).slice(6), [
      ["notice_period", "2027-03-11", "2027-04-30"], ["handover", "2027-04-20"], ["last_day", "2027-04-30"],
      ["settle", "2027-05-03"], ["follow_up_payment", "2027-06-16"], ["close", "2027-06-16"],
    ]);
    const close = r.steps.find((s) => s.id === "close");
    assert.equal(close.date, "2027-06-16", "closing waits for a due date later than a month after the end");
  });

  test("an end on the notice day itself has no notice period", () => {
    const r = exitPlan({ noticeDate: "2027-03-10", endDate: "2027-03-10" });
    assert.ok(!r.steps.some((s) => s.id === "notice_period" || s.id === "stop_now_in_writing"));
  });

  test("errors", () => {
    const ok = { noticeDate: "2027-03-10", endDate: "2027-04-30" };
    const cases = [
      [{ noticeDate: "" }, "required", "notice_date"], [{ noticeDate: "2027-02-29" }, "invalid_date", "notice_date"],
      [{ endDate: undefined }, "required", "end_date"], [{ endDate: "30.04.2027" }, "invalid_date", "end_date"],
      [{ endDate: "2027-03-09" }, "end_before_notice", "end_date"],
      [{ handoverDate: "2027-13-01" }, "invalid_date", "handover_date"],
      [{ handoverDate: "2027-03-09" }, "handover_before_notice", "handover_date"],
      [{ settlementDate: "2027-03-09" }, "settlement_before_notice", "settlement_date"],
      [{ paymentDueDate: "2027-04-30" }, "due_before_settlement", "payment_due"],
      [{ settlementDate: "2027-05-10", paymentDueDate: "2027-05-09" }, "due_before_settlement", "payment_due"],
      [{ stopNow: "yes" }, "invalid_input", "stop_now"],
      [{ noticeDate: "9999-12-01", endDate: "9999-12-31" }, "out_of_range", "notice_date"],
      [{ noticeDate: "0001-01-02", endDate: "0001-02-01" }, "out_of_range", "notice_date"],
    ];
    for (const [change, code, field] of cases) {
      assert.deepEqual(exitPlan({ ...ok, ...change }), { ok: false, code, field }, JSON.stringify(change));
      assert.ok(ERROR_CODES.includes(code));
    }
    assert.deepEqual(exitPlan(), { ok: false, code: "required", field: "notice_date" });
    assert.equal(exitPlan({ ...ok, handoverDate: "", settlementDate: null }).ok, true, "empty optional dates are absent");
  });

  test("properties: sorted, from 5 days before the notice day to at least a month after the end, each step once", () => {
    fc.assert(fc.property(isoArb, fc.integer({ min: 0, max: 400 }), fc.boolean(), (noticeDate, length, stopNow) => {
      const endDate = new Date(Date.parse(noticeDate) + length * 86_400_000).toISOString().slice(0, 10);
      const { ok, steps } = exitPlan({ noticeDate, endDate, stopNow });
      assert.equal(ok, true);
      const dates = steps.map((s) => s.date);
      assert.deepEqual(dates, [...dates].sort());
      assert.equal(new Set(steps.map((s) => s.id)).size, steps.length);
      assert.equal(daysBetween(noticeDate, steps[0].date), -5);
      const last = stopNow ? noticeDate : endDate;
      assert.equal(steps.find((s) => s.id === "last_day").date, last);
      assert.equal(daysBetween(last, steps.find((s) => s.id === "settle").date), SETTLE_AFTER_DAYS);
      assert.equal(daysBetween(last, steps.find((s) => s.id === "follow_up_payment").date), SETTLE_AFTER_DAYS + PAYMENT_DAYS + 1);
      assert.equal(daysBetween(last, steps.at(-1).date), CLOSE_AFTER_DAYS);
      assert.equal(steps.some((s) => s.id === "notice_period"), !stopNow && length > 0);
      assert.equal(steps.some((s) => s.id === "stop_now_in_writing"), stopNow);
    }), RUNS);
  });
});

describe("planEvents", () => {
  test("one event per step with its title; the notice period spans its days; the calendar accepts them", () => {
    const { steps } = exitPlan({ noticeDate: "2027-03-10", endDate: "2027-04-30" });
    const events = planEvents(steps, titles, { "plan.call": "Ha tallene klare." });
    assert.equal(events.length, steps.length);
    assert.deepEqual(events.find((e) => e.id === "notice_period"), {
      id: "notice_period", date: "2027-03-11", endDate: "2027-04-30", summary: "Tittel notice_period",
    });
    assert.equal(events.find((e) => e.id === "call").description, "Ha tallene klare.");
    const r = buildCalendar({ events, stamp: "2027-03-01T09:00:00Z", seed: "plan" });
    assert.equal(r.ok, true);
    assert.match(r.text, /UID:plan-notice_period\r\n/);
  });

  test("a lookup function works too, and a missing title is a programming error", () => {
    const { steps } = exitPlan({ noticeDate: "2027-03-10", stopNow: true });
    assert.equal(planEvents(steps, (key) => key.toUpperCase())[0].summary, "PLAN.READ_CONTRACT");
    assert.throws(() => planEvents(steps, { "plan.call": "x" }), /no title for plan\.read_contract/);
    assert.throws(() => planEvents(steps, () => "  "), /no title/);
  });
});
