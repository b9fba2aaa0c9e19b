// Tests for overrides/assets/javascripts/documents/ics.js: the calendar's structure, all-day dates, UIDs,
// CRLF, folding at 75 octets without splitting a character (Norwegian text, emoji, long lines), escaping, and
// that unfolding and unescaping give back exactly what went in. tests/unit/test_documents_ics.py parses the
// same output with the Python icalendar library.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ERROR_CODES, MAX_EVENTS, MAX_OCTETS, PRODID, buildCalendar, escapeText, foldLine, formatStamp, unescapeText, unfold,
  utf8Length,
} from "../../../overrides/assets/javascripts/documents/ics.js";

const RUNS = { numRuns: 1500 };
const SEED = "0f8e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
const STAMP = "2027-05-03T08:30:00Z";
const LONG_NB = "Siste arbeidsdag for Fjordlys AS: overlevering av filer, dokumentasjon, domener og tilganger; "
  + "sluttfaktura eller kreditnota, og be kunden bekrefte at alt er mottatt – «blåbærsyltetøy» og ære være Åse";
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Physical lines of a file (the text must end in CRLF). */
const physical = (text) => {
  assert.ok(text.endsWith("\r\n"), "the file ends in CRLF");
  return text.slice(0, -2).split("\r\n");
};
/** Logical content lines after unfolding. */
const logical = (text) => unfold(text).slice(0, -2).split("\r\n");
const calendar = (events, extra = {}) => buildCalendar({ events, stamp: STAMP, seed: SEED, ...extra });
const property = (text, name) => logical(text).filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

/** Every physical line ≤ 75 octets, valid UTF-8 on its own, no bare CR or LF. */
function assertWellFolded(text) {
  assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/, "no bare CR or LF");
  for (const line of physical(text)) {
    const bytes = encoder.encode(line);
    assert.ok(bytes.length <= MAX_OCTETS, `${bytes.length} octets: ${JSON.stringify(line)}`);
    assert.equal(decoder.decode(bytes), line, "a fold inside a character");
  }
}

describe("buildCalendar", () => {
  test("the calendar and one all-day event, line by line", () => {
    const r = calendar([{ date: "2027-05-31", summary: "Siste dag", id: "end" }]);
    assert.equal(r.ok, true);
    assert.equal(r.text, [
      "BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "BEGIN:VEVENT", `UID:${SEED}-end`, "DTSTAMP:20270503T083000Z", "DTSTART;VALUE=DATE:20270531",
      "DTEND;VALUE=DATE:20270601", "SUMMARY:Siste dag", "TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR", "",
    ].join("\r\n"));
  });

  test("DTEND is the day after the last day, across months, years and leap days", () => {
    const cases = [
      [{ date: "2027-12-31" }, "20271231", "20280101"], [{ date: "2028-02-28" }, "20280228", "20280229"],
      [{ date: "2028-02-29" }, "20280229", "20280301"], [{ date: "2027-02-28" }, "20270228", "20270301"],
      [{ date: "2027-05-01", endDate: "2027-05-31" }, "20270501", "20270601"],
      [{ date: "2027-05-01", endDate: "2027-05-01" }, "20270501", "20270502"],
    ];
    for (const [dates, start, end] of cases) {
      const { text } = calendar([{ ...dates, summary: "x" }]);
      assert.deepEqual(property(text, "DTSTART"), [`DTSTART;VALUE=DATE:${start}`]);
      assert.deepEqual(property(text, "DTEND"), [`DTEND;VALUE=DATE:${end}`]);
    }
  });

  test("UIDs are the seed and the id or position: the same input gives the same file", () => {
    const events = [{ date: "2027-05-01", summary: "a" }, { date: "2027-05-02", summary: "b", id: "call" }, { date: "2027-05-03", summary: "c" }];
    const { text } = calendar(events);
    assert.deepEqual(property(text, "UID"), [`UID:${SEED}-1`, `UID:${SEED}-call`, `UID:${SEED}-3`]);
    assert.equal(calendar(events).text, text);
    assert.notEqual(calendar(events, { seed: "other" }).text, text);
  });

  test("a Date is a stamp too, fractions cut; the name and a product id may be given", () => {
    const { text } = buildCalendar({
      events: [{ date: "2027-05-01", summary: "a" }], stamp: new Date(Date.UTC(2027, 4, 3, 8, 30, 15, 999)), seed: "s",
      name: "Avslutning: Fjordlys AS", prodId: "-//Test//NB",
    });
    assert.deepEqual(property(text, "DTSTAMP"), ["DTSTAMP:20270503T083015Z"]);
    assert.deepEqual(property(text, "NAME"), ["NAME:Avslutning: Fjordlys AS"]);
    assert.deepEqual(property(text, "X-WR-CALNAME"), ["X-WR-CALNAME:Avslutning: Fjordlys AS"]);
    assert.deepEqual(property(text, "PRODID"), ["PRODID:-//Test//NB"]);
  });

  test("Norwegian text, long lines: folded at 75 octets, and unfolds to the escaped text", () => {
    const description = `${LONG_NB}\nAndre linje, med; tegn \\ som må escapes.\r\nTredje linje 🙂🙂🙂 ${"æøå".repeat(40)}`;
    const { text } = calendar([{ date: "2027-05-31", summary: LONG_NB, description }]);
    assertWellFolded(text);
    assert.ok(physical(text).length > logical(text).length, "something was folded");
    assert.deepEqual(property(text, "SUMMARY"), [`SUMMARY:${escapeText(LONG_NB)}`]);
    const [line] = property(text, "DESCRIPTION");
    assert.equal(unescapeText(line.slice("DESCRIPTION:".length)), description.replace(/\r\n/g, "\n"));
  });

  test("errors", () => {
    const ok = { date: "2027-05-01", summary: "x" };
    const cases = [
      [{ events: [] }, { code: "no_events" }],
      [{ events: "x" }, { code: "invalid_input" }],
      [{ events: Array.from({ length: MAX_EVENTS + 1 }, () => ok) }, { code: "too_many_events" }],
      [{ stamp: "2027-05-03 08:30:00" }, { code: "invalid_stamp" }],
      [{ stamp: "2027-05-03T08:30:00+02:00" }, { code: "invalid_stamp" }],
      [{ stamp: "2027-02-30T08:30:00Z" }, { code: "invalid_stamp" }],
      [{ stamp: "2027-05-03T24:00:00Z" }, { code: "invalid_stamp" }],
      [{ stamp: new Date(NaN) }, { code: "invalid_stamp" }],
      [{ stamp: undefined }, { code: "invalid_stamp" }],
      [{ seed: "" }, { code: "invalid_seed" }],
      [{ seed: "a b" }, { code: "invalid_seed" }],
      [{ seed: "-a" }, { code: "invalid_seed" }],
      [{ seed: "x".repeat(101) }, { code: "invalid_seed" }],
      [{ name: 5 }, { code: "invalid_input" }],
      [{ prodId: "" }, { code: "invalid_input" }],
      [{ events: [ok, { ...ok, date: "2027-02-30" }] }, { code: "invalid_date", index: 1 }],
      [{ events: [{ ...ok, date: undefined }] }, { code: "invalid_date", index: 0 }],
      [{ events: [{ ...ok, endDate: "x" }] }, { code: "invalid_date", index: 0 }],
      [{ events: [{ ...ok, date: "9999-12-31" }] }, { code: "invalid_date", index: 0 }],
      [{ events: [{ ...ok, endDate: "2027-04-30" }] }, { code: "end_before_start", index: 0 }],
      [{ events: [{ ...ok, summary: "  " }] }, { code: "missing_summary", index: 0 }],
      [{ events: [{ ...ok, summary: undefined }] }, { code: "missing_summary", index: 0 }],
      [{ events: [{ ...ok, summary: "x".repeat(501) }] }, { code: "too_long", index: 0 }],
      [{ events: [{ ...ok, description: 5 }] }, { code: "invalid_input", index: 0 }],
      [{ events: [{ ...ok, id: "Bad Id" }] }, { code: "invalid_id", index: 0 }],
      [{ events: [{ ...ok, id: "a" }, { ...ok, id: "a" }] }, { code: "duplicate_id", index: 1 }],
      [{ events: [{ ...ok, id: "2" }, ok] }, { code: "duplicate_id", index: 1 }],
      [{ events: [null] }, { code: "invalid_input", index: 0 }],
    ];
    for (const [change, expected] of cases) {
      const r = buildCalendar({ events: [ok], stamp: STAMP, seed: SEED, ...change });
      assert.deepEqual(r, { ok: false, ...expected }, JSON.stringify(change).slice(0, 80));
      assert.ok(ERROR_CODES.includes(expected.code));
    }
    assert.deepEqual(buildCalendar(), { ok: false, code: "invalid_input" });
  });
});

describe("escaping", () => {
  test("table", () => {
    const cases = [
      ["a,b", "a\\,b"], ["a;b", "a\\;b"], ["a\\b", "a\\\\b"], ["a\nb", "a\\nb"], ["a\r\nb", "a\\nb"], ["a\rb", "a\\nb"],
      ["a:b \"c\"", "a:b \"c\""], ["tab\there", "tab\there"], ["bell\u0007\u0000\u007F", "bell"], ["\\n", "\\\\n"],
      ["æøå ÆØÅ", "æøå ÆØÅ"], ["\uD800x", "\uFFFDx"], ["x\uDC00", "x\uFFFD"], ["🙂", "🙂"],
    ];
    for (const [raw, escaped] of cases) assert.equal(escapeText(raw), escaped, JSON.stringify(raw));
  });

  test("unescape gives back the text, line breaks as LF", () => {
    const clean = fc.string({ unit: "grapheme", maxLength: 200 }).map((s) => s.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ""));
    fc.assert(fc.property(clean, (s) => {
      const escaped = escapeText(s);
      assert.doesNotMatch(escaped, /[\r\n]/);
      assert.doesNotMatch(escaped.replace(/\\[\\;,n]/g, ""), /[\\;,]/, "an unescaped special character");
      assert.equal(unescapeText(escaped), s);
    }), RUNS);
  });
});

describe("folding", () => {
  test("a line of exactly 75 octets stays whole; 76 folds; æ (2 octets) is never split", () => {
    assert.equal(foldLine("x".repeat(75)), "x".repeat(75));
    assert.equal(foldLine("x".repeat(76)), `${"x".repeat(75)}\r\n x`);
    assert.equal(foldLine(`${"x".repeat(74)}æ`), `${"x".repeat(74)}\r\n æ`);
    assert.equal(foldLine(`${"x".repeat(73)}æ`), `${"x".repeat(73)}æ`);
    assert.equal(foldLine(`${"x".repeat(72)}🙂`), `${"x".repeat(72)}\r\n 🙂`);
    assert.equal(foldLine(""), "");
  });

  test("every line of any text: ≤ 75 octets, whole characters, unfolds to the original", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.string({ unit: fc.constantFrom("æ", "ø", "å", "Æ", "€", "🙂", "a", " ", "\u0301"), maxLength: 400 }),
    ).map((s) => s.replace(/[\r\n]/g, ""));
    fc.assert(fc.property(anyText, (line) => {
      const folded = foldLine(line);
      assertWellFolded(`${folded}\r\n`);
      assert.equal(unfold(folded), line);
    }), RUNS);
  });

  test("utf8Length agrees with TextEncoder", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
      assert.equal(utf8Length(s), encoder.encode(s).length);
    }), RUNS);
  });

  test("whole calendars of arbitrary events stay well folded and round-trip", () => {
    const eventArb = fc.record({
      date: fc.integer({ min: 0, max: 40000 }).map((d) => new Date(Date.UTC(1990, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      summary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== ""),
      description: fc.string({ unit: "grapheme", maxLength: 600 }),
    });
    fc.assert(fc.property(fc.array(eventArb, { minLength: 1, maxLength: 5 }), (events) => {
      const r = calendar(events);
      fc.pre(r.ok); // summaries of only control characters are missing_summary after trimming
      assertWellFolded(r.text);
      const summaries = property(r.text, "SUMMARY").map((l) => unescapeText(l.slice("SUMMARY:".length)));
      assert.deepEqual(summaries, events.map((e) => escapeText(e.summary.trim())).map(unescapeText));
      assert.equal(logical(r.text).filter((l) => l === "BEGIN:VEVENT").length, events.length);
    }), { numRuns: 300 });
  });
});

describe("formatStamp", () => {
  test("table", () => {
    assert.equal(formatStamp("2027-05-03T08:30:00Z"), "20270503T083000Z");
    assert.equal(formatStamp("2027-05-03T08:30:00.5Z"), "20270503T083000Z");
    assert.equal(formatStamp(new Date(Date.UTC(2028, 1, 29, 23, 59, 59))), "20280229T235959Z");
    for (const bad of ["2027-05-03", "20270503T083000Z", "2027-05-03T08:60:00Z", 0, null, {}]) assert.equal(formatStamp(bad), null);
  });
});
