// Tests for overrides/assets/javascripts/documents/notice-dates.js: tables for the rules of issue #15 (month
// ends, leap years, year ends, both conventions, each unit) and fast-check properties, with the browser's own
// UTC calendar (Date.UTC) as an independent reference for the day arithmetic.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CONVENTIONS, ERROR_CODES, MAX_PERIOD, UNITS, addDays, addMonths, civilFromDays, daysBetween, daysFromCivil,
  daysInMonth, isLastDayOfMonth, isoDate, isoFromDays, noticeEndDate, parsePeriod,
} from "../../../overrides/assets/javascripts/documents/notice-dates.js";

const RUNS = { numRuns: 2000 };
const DAY_MS = 86_400_000;
/** The reference: day number of a date by the platform's UTC calendar. */
const utcDays = (y, m, d) => {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
};
const utcIso = (days) => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** Arbitrary valid ISO date between 1901 and 2199. */
const isoArb = fc.integer({ min: utcDays(1901, 1, 1), max: utcDays(2199, 12, 31) }).map(utcIso);
const end = (noticeDate, period, unit, convention) => noticeEndDate({ noticeDate, period, unit, convention });

describe("isoDate", () => {
  const valid = ["2027-01-01", "2027-02-28", "2028-02-29", "2000-02-29", "2027-12-31", "0001-01-01", "9999-12-31"];
  for (const text of valid) {
    test(`accepts ${text}`, () => {
      const r = isoDate(text);
      assert.equal(r.ok, true);
      assert.equal(r.iso, text);
      assert.equal(isoFromDays(r.days), text);
    });
  }
  const invalid = [
    "2027-02-29", "2027-02-30", "1900-02-29", "2100-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00",
    "0000-01-01", "27-01-01", "2027-1-1", "2027/01/01", " 2027-01-01", "2027-01-01 ", "2027-01-01T00:00:00Z",
    "31.01.2027", "2027-01-011", "２０２７-01-01", 20270101, {}, [], true,
  ];
  for (const text of invalid) {
    test(`rejects ${JSON.stringify(text)}`, () => assert.deepEqual(isoDate(text), { ok: false, code: "invalid_date" }));
  }
  test("empty is required, not invalid", () => {
    for (const text of ["", null, undefined]) assert.deepEqual(isoDate(text), { ok: false, code: "required" });
  });
  test("day numbers agree with the UTC calendar, both ways", () => {
    fc.assert(fc.property(fc.integer({ min: utcDays(1, 1, 1), max: utcDays(9999, 12, 31) }), (days) => {
      const { year, month, day } = civilFromDays(days);
      assert.equal(daysFromCivil(year, month, day), days);
      assert.equal(utcDays(year, month, day), days);
      assert.ok(day >= 1 && day <= daysInMonth(year, month));
    }), RUNS);
  });
  test("isoFromDays is null outside the four-digit years", () => {
    assert.equal(isoFromDays(daysFromCivil(10000, 1, 1)), null);
    assert.equal(isoFromDays(daysFromCivil(0, 12, 31)), null);
  });
});

describe("day and month arithmetic", () => {
  test("addMonths clamps to the end of a shorter month", () => {
    const cases = [
      ["2027-01-31", 1, "2027-02-28"], ["2028-01-31", 1, "2028-02-29"], ["2027-03-31", 1, "2027-04-30"],
      ["2027-01-30", 1, "2027-02-28"], ["2027-01-28", 1, "2027-02-28"], ["2027-08-31", 1, "2027-09-30"],
      ["2027-12-31", 2, "2028-02-29"], ["2027-11-15", 2, "2028-01-15"], ["2027-05-31", -1, "2027-04-30"],
      ["2028-02-29", 12, "2029-02-28"], ["2028-02-29", 48, "2032-02-29"], ["2027-01-31", 0, "2027-01-31"],
      ["9999-12-31", 1, null], ["0001-01-31", -1, null],
    ];
    for (const [iso, n, want] of cases) assert.equal(addMonths(iso, n), want, `${iso} + ${n}`);
  });
  test("addDays crosses month, year and leap days", () => {
    assert.equal(addDays("2027-12-31", 1), "2028-01-01");
    assert.equal(addDays("2028-02-28", 1), "2028-02-29");
    assert.equal(addDays("2027-02-28", 1), "2027-03-01");
    assert.equal(addDays("2028-03-01", -1), "2028-02-29");
    assert.equal(addDays("9999-12-31", 1), null);
  });
  test("invalid dates are programming errors in the helpers", () => {
    assert.throws(() => addDays("2027-02-30", 1), RangeError);
    assert.throws(() => addMonths("x", 1), RangeError);
    assert.throws(() => daysBetween("2027-01-01", ""), RangeError);
    assert.throws(() => isLastDayOfMonth("2027-02-29"), RangeError);
    assert.throws(() => civilFromDays(1.5), TypeError);
  });
});

describe("noticeEndDate tables", () => {
  // [notice date, period, unit, convention, end date]
  const cases = [
    // from the notice date: days and weeks exactly
    ["2027-03-10", 14, "days", "notice_date", "2027-03-24"],
    ["2027-03-10", 1, "days", "notice_date", "2027-03-11"],
    ["2027-12-25", 14, "days", "notice_date", "2028-01-08"],
    ["2028-02-20", 10, "days", "notice_date", "2028-03-01"],
    ["2027-02-20", 10, "days", "notice_date", "2027-03-02"],
    ["2027-03-10", 2, "weeks", "notice_date", "2027-03-24"],
    ["2027-12-20", 2, "weeks", "notice_date", "2028-01-03"],
    ["2028-02-15", 4, "weeks", "notice_date", "2028-03-14"],
    // from the notice date: months clamp
    ["2027-01-31", 1, "months", "notice_date", "2027-02-28"],
    ["2028-01-31", 1, "months", "notice_date", "2028-02-29"],
    ["2027-01-15", 1, "months", "notice_date", "2027-02-15"],
    ["2027-03-31", 1, "months", "notice_date", "2027-04-30"],
    ["2027-10-31", 3, "months", "notice_date", "2028-01-31"],
    ["2027-11-30", 3, "months", "notice_date", "2028-02-29"],
    ["2027-12-31", 1, "months", "notice_date", "2028-01-31"],
    ["2027-12-31", 2, "months", "notice_date", "2028-02-29"],
    ["2028-02-29", 12, "months", "notice_date", "2029-02-28"],
    ["2100-01-31", 1, "months", "notice_date", "2100-02-28"],
    ["2000-01-31", 1, "months", "notice_date", "2000-02-29"],
    // from the end of the month: the period runs from the first of the next month, end = that + period − 1
    ["2027-03-10", 1, "months", "month_end", "2027-04-30"],
    ["2027-03-31", 1, "months", "month_end", "2027-04-30"],
    ["2027-03-01", 1, "months", "month_end", "2027-04-30"],
    ["2027-01-05", 1, "months", "month_end", "2027-02-28"],
    ["2028-01-05", 1, "months", "month_end", "2028-02-29"],
    ["2027-12-15", 1, "months", "month_end", "2028-01-31"],
    ["2027-12-15", 2, "months", "month_end", "2028-02-29"],
    ["2027-11-30", 3, "months", "month_end", "2028-02-29"],
    ["2027-10-01", 3, "months", "month_end", "2028-01-31"],
    ["2027-06-15", 12, "months", "month_end", "2028-06-30"],
    ["2027-03-10", 14, "days", "month_end", "2027-04-14"],
    ["2027-12-15", 14, "days", "month_end", "2028-01-14"],
    ["2028-01-20", 29, "days", "month_end", "2028-02-29"],
    ["2027-01-20", 29, "days", "month_end", "2027-03-01"],
    ["2027-03-10", 2, "weeks", "month_end", "2027-04-14"],
    ["2027-12-31", 1, "weeks", "month_end", "2028-01-07"],
    ["2027-11-30", 1, "days", "month_end", "2027-12-01"],
    ["9999-11-15", 1, "months", "month_end", "9999-12-31"],
  ];
  for (const [date, period, unit, convention, want] of cases) {
    test(`${date} + ${period} ${unit} (${convention}) = ${want}`, () => {
      const r = end(date, period, unit, convention);
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.endDate, want);
    });
  }
  test("startDate is the notice date or the first of the next month", () => {
    assert.equal(end("2027-03-10", 1, "months", "notice_date").startDate, "2027-03-10");
    assert.equal(end("2027-03-10", 1, "months", "month_end").startDate, "2027-04-01");
    assert.equal(end("2027-12-10", 1, "days", "month_end").startDate, "2028-01-01");
  });
  test("the period may be typed as a string of digits", () => {
    assert.equal(end("2027-03-10", "3", "months", "notice_date").endDate, "2027-06-10");
    assert.equal(end("2027-03-10", " 14 ", "days", "notice_date").endDate, "2027-03-24");
  });
});

describe("noticeEndDate errors", () => {
  const ok = { noticeDate: "2027-03-10", period: 1, unit: "months", convention: "notice_date" };
  const cases = [
    [{ noticeDate: "" }, "required", "notice_date"],
    [{ noticeDate: undefined }, "required", "notice_date"],
    [{ noticeDate: "2027-02-30" }, "invalid_date", "notice_date"],
    [{ noticeDate: "10.03.2027" }, "invalid_date", "notice_date"],
    [{ period: "" }, "required", "notice_period"],
    [{ period: null }, "required", "notice_period"],
    [{ period: 0 }, "invalid_period", "notice_period"],
    [{ period: "0" }, "invalid_period", "notice_period"],
    [{ period: -1 }, "invalid_period", "notice_period"],
    [{ period: "-1" }, "invalid_period", "notice_period"],
    [{ period: 1.5 }, "invalid_period", "notice_period"],
    [{ period: "1,5" }, "invalid_period", "notice_period"],
    [{ period: "3 mnd" }, "invalid_period", "notice_period"],
    [{ period: "1e2" }, "invalid_period", "notice_period"],
    [{ period: NaN }, "invalid_period", "notice_period"],
    [{ period: Infinity }, "invalid_period", "notice_period"],
    [{ period: "٣" }, "invalid_period", "notice_period"],
    [{ period: 121 }, "period_too_long", "notice_period"],
    [{ period: 3654, unit: "days" }, "period_too_long", "notice_period"],
    [{ period: 523, unit: "weeks" }, "period_too_long", "notice_period"],
    [{ period: "9999999999" }, "invalid_period", "notice_period"],
    [{ unit: "years" }, "invalid_unit", "notice_unit"],
    [{ unit: undefined }, "invalid_unit", "notice_unit"],
    [{ convention: "end_of_month" }, "invalid_convention", "notice_from"],
    [{ noticeDate: "9999-12-15", convention: "month_end" }, "out_of_range", "notice_date"],
    [{ noticeDate: "9999-12-15" }, "out_of_range", "notice_date"],
    [{ noticeDate: "9999-12-31", unit: "days" }, "out_of_range", "notice_date"],
  ];
  for (const [change, code, field] of cases) {
    test(`${JSON.stringify(change)} -> ${code}`, () => {
      const r = noticeEndDate({ ...ok, ...change });
      assert.deepEqual(r, { ok: false, code, field });
      assert.ok(ERROR_CODES.includes(code));
    });
  }
  test("no input at all is a missing date, not an exception", () => {
    assert.deepEqual(noticeEndDate(), { ok: false, code: "required", field: "notice_date" });
    assert.deepEqual(noticeEndDate({}), { ok: false, code: "required", field: "notice_date" });
  });
  test("the longest accepted periods still count", () => {
    for (const unit of UNITS) {
      for (const convention of CONVENTIONS) assert.equal(end("2027-03-10", MAX_PERIOD[unit], unit, convention).ok, true);
    }
  });
  test("parsePeriod", () => {
    assert.deepEqual(parsePeriod("12"), { ok: true, period: 12 });
    assert.deepEqual(parsePeriod(3), { ok: true, period: 3 });
    assert.deepEqual(parsePeriod("  "), { ok: false, code: "required" });
    assert.deepEqual(parsePeriod("0"), { ok: false, code: "invalid_period" });
  });
});

describe("noticeEndDate properties", () => {
  const periodArb = fc.constantFrom(...UNITS).chain((unit) => fc.tuple(fc.constant(unit), fc.integer({ min: 1, max: MAX_PERIOD[unit] })));

  test("the end date is never before (indeed always after) the notice date", () => {
    fc.assert(fc.property(isoArb, periodArb, fc.constantFrom(...CONVENTIONS), (date, [unit, n], convention) => {
      const r = end(date, n, unit, convention);
      assert.equal(r.ok, true);
      assert.ok(r.endDate > date, `${date} + ${n} ${unit} ${convention} = ${r.endDate}`);
      assert.ok(daysBetween(date, r.endDate) >= 1);
    }), RUNS);
  });

  test("month_end with months always ends on the last day of a month, n months after the notice month", () => {
    fc.assert(fc.property(isoArb, fc.integer({ min: 1, max: MAX_PERIOD.months }), (date, n) => {
      const r = end(date, n, "months", "month_end");
      assert.ok(isLastDayOfMonth(r.endDate), r.endDate);
      const [from, to] = [isoDate(date), isoDate(r.endDate)];
      assert.equal(to.year * 12 + to.month - (from.year * 12 + from.month), n);
    }), RUNS);
  });

  test("from the notice date, days and weeks are the exact difference", () => {
    fc.assert(fc.property(isoArb, fc.integer({ min: 1, max: MAX_PERIOD.days }), (date, n) => {
      assert.equal(daysBetween(date, end(date, n, "days", "notice_date").endDate), n);
      const w = Math.min(n, MAX_PERIOD.weeks);
      assert.equal(daysBetween(date, end(date, w, "weeks", "notice_date").endDate), 7 * w);
      assert.equal(end(date, n, "days", "notice_date").endDate, utcIso(isoDate(date).days + n));
    }), RUNS);
  });

  test("from the month end, days end (first of next month + n − 1)", () => {
    fc.assert(fc.property(isoArb, fc.integer({ min: 1, max: MAX_PERIOD.days }), (date, n) => {
      const r = end(date, n, "days", "month_end");
      const { year, month } = isoDate(date);
      assert.equal(isoDate(r.endDate).days, utcDays(year, month + 1, 1) + n - 1);
    }), RUNS);
  });

  test("from the notice date, months keep the day of month or clamp to the month's last day", () => {
    fc.assert(fc.property(isoArb, fc.integer({ min: 1, max: MAX_PERIOD.months }), (date, n) => {
      const from = isoDate(date);
      const to = isoDate(end(date, n, "months", "notice_date").endDate);
      assert.equal(to.year * 12 + to.month - (from.year * 12 + from.month), n);
      assert.equal(to.day, Math.min(from.day, daysInMonth(to.year, to.month)));
    }), RUNS);
  });

  test("a longer period never ends earlier", () => {
    fc.assert(fc.property(isoArb, periodArb, fc.constantFrom(...CONVENTIONS), (date, [unit, n], convention) => {
      fc.pre(n < MAX_PERIOD[unit]);
      assert.ok(end(date, n + 1, unit, convention).endDate >= end(date, n, unit, convention).endDate);
    }), RUNS);
  });

  test("arbitrary input never throws and fails with a declared code", () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (noticeDate, period, unit, convention) => {
      const r = noticeEndDate({ noticeDate, period, unit, convention });
      if (!r.ok) assert.ok(ERROR_CODES.includes(r.code), r.code);
    }), RUNS);
  });
});
