// The conversation planner's texts (overrides/assets/javascripts/planner/planner-text.js): the call script follows the
// playbook's steps in order, the confirmation records what was agreed, in both languages, with optional fields
// missing, and whatever a reader types comes out as the same plain text.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  MAX_REPLACEMENTS, REASONS, TEMPLATES, confirmationText, emptyValues, fill, formatDate, joinNames, money,
  normalise, readTemplates, scriptText, templateProblems,
} from "../../overrides/assets/javascripts/planner/planner-text.js";
import { LOCALES, pageTemplates } from "./planner-templates.mjs";

const PAGES = Object.fromEntries(Object.keys(LOCALES).map((code) => [code, pageTemplates(code)]));

const FILLED = {
  client_contact: "Kari Nordmann",
  client_company: "Fjordlys AS",
  settlement_date: "2025-03-28",
  reason: "scope",
  reason_details: "The project has had four rounds of changes.",
  end_kind: "last_day",
  end_date: "2025-03-14",
  handover: "hand_over",
  handover_details: "The source files are in the shared folder.",
  refund_source: "typed",
  refund: "6 000 kr",
  replacements: ["Ola AS", "Design & Co", "Per Hansen"],
};
const DATES = { nb: "14. mars 2025", en: "14 March 2025" };
const SETTLED = { nb: "28. mars 2025", en: "28 March 2025" };
const NAMES = { nb: "Ola AS, Design & Co og Per Hansen", en: "Ola AS, Design & Co and Per Hansen" };
const LEAKS = /\bundefined\b|\bnull\b|\bNaN\b|\[object|\{\w+\}/;

describe("the page templates", () => {
  for (const [code, templates] of Object.entries(PAGES)) {
    test(`docs/${code}/planner.md holds every template, with only the placeholders each may use`, () => {
      assert.deepEqual(templateProblems(templates), []);
      assert.deepEqual(Object.keys(templates).sort(), Object.keys(TEMPLATES).sort());
    });
  }

  test("the languages have their own words", () => {
    const same = Object.keys(TEMPLATES).filter((key) => PAGES.nb[key] === PAGES.en[key]);
    assert.deepEqual(same, []);
  });

  test("readTemplates refuses what the build should never have written", () => {
    assert.throws(() => readTemplates(null), /not JSON/);
    assert.throws(() => readTemplates("{"), /not JSON/);
    const missing = { ...PAGES.en };
    delete missing["script.decision"];
    assert.throws(() => readTemplates(JSON.stringify(missing)), /missing template script\.decision/);
    assert.throws(() => readTemplates(JSON.stringify({ ...PAGES.en, "script.opening": "Hi {name}" })), /unknown placeholder \{name\}.*lacks \{client_name\}/);
    assert.throws(() => readTemplates(JSON.stringify({ ...PAGES.en, "script.extra": "x" })), /unknown template script\.extra/);
    assert.equal(readTemplates(JSON.stringify(PAGES.nb))["script.decision"], PAGES.nb["script.decision"]);
  });
});

describe("the call script", () => {
  for (const [code, templates] of Object.entries(PAGES)) {
    const locale = LOCALES[code];

    test(`${code}: one paragraph per step, in the playbook's order, with what the reader typed`, () => {
      const text = scriptText(FILLED, templates, { locale });
      const paragraphs = text.split("\n\n");
      const expected = [
        fill(templates["script.opening"], { client_name: "Kari Nordmann" }),
        templates["script.decision"],
        `${templates["script.reason.scope"]} ${FILLED.reason_details}`,
        [
          fill(templates["script.end.last_day"], { end_date: DATES[code] }),
          fill(templates["script.handover.hand_over"], { end_date: DATES[code] }),
          FILLED.handover_details,
        ].join(" "),
        fill(templates["script.money.refund"], { amount: "6 000 kr" }),
        fill(templates["script.replacements"], { replacements: NAMES[code] }),
        templates["script.thanks"],
        templates["script.closing"],
      ];
      assert.deepEqual(paragraphs, expected);
      assert.doesNotMatch(text, LEAKS);
    });

    test(`${code}: optional fields missing leave their sentences out or mark the gap`, () => {
      const text = scriptText(emptyValues(), templates, { locale });
      const paragraphs = text.split("\n\n");
      assert.deepEqual(paragraphs, [
        templates["script.opening.no_name"],
        templates["script.decision"],
        templates["blank.reason"],
        [
          fill(templates["script.end.last_day"], { end_date: templates["blank.end_date"] }),
          fill(templates["script.handover.finish"], { end_date: templates["blank.end_date"] }),
        ].join(" "),
        templates["script.thanks"],
        templates["script.closing"],
      ]);
      assert.doesNotMatch(text, LEAKS);
    });

    test(`${code}: every common reason has its own sentence; "other" is the reader's words alone`, () => {
      const sentences = new Set();
      for (const reason of REASONS) {
        const text = scriptText({ ...emptyValues(), reason, reason_details: "" }, templates, { locale });
        const paragraph = text.split("\n\n")[2];
        sentences.add(paragraph);
        if (reason === "other") assert.equal(paragraph, templates["blank.reason"]);
        else assert.equal(paragraph, templates[`script.reason.${reason}`]);
      }
      assert.equal(sentences.size, REASONS.length);
      const own = scriptText({ ...emptyValues(), reason: "other", reason_details: "  Facts,\n\n only.  " }, templates, { locale });
      assert.equal(own.split("\n\n")[2], "Facts, only.");
    });

    test(`${code}: the reason is said once and never repeated in the confirmation`, () => {
      const script = scriptText(FILLED, templates, { locale });
      const confirmation = confirmationText(FILLED, templates, { locale });
      assert.equal(script.split(templates["script.reason.scope"]).length, 2);
      assert.ok(!confirmation.includes(templates["script.reason.scope"]));
      assert.ok(!confirmation.includes(FILLED.reason_details));
    });

    test(`${code}: the money step follows the reader's choice of source`, () => {
      const calculation = { kind: "balance_due", amount: "1 250,00 kr" };
      const fromCalculation = scriptText({ ...FILLED, refund_source: "calculation" }, templates, { locale, calculation });
      assert.ok(fromCalculation.includes(fill(templates["script.money.balance_due"], { amount: "1 250,00 kr" })));
      assert.ok(!fromCalculation.includes("6 000 kr"));
      const typed = scriptText({ ...FILLED, refund_source: "typed" }, templates, { locale, calculation });
      assert.ok(typed.includes(fill(templates["script.money.refund"], { amount: "6 000 kr" })));
      const settled = scriptText({ ...FILLED, refund_source: "calculation" }, templates, { locale, calculation: { kind: "settled", amount: "0 kr" } });
      assert.ok(settled.includes(templates["script.money.settled"]));
      // No calculation in this browser: what was typed, or nothing.
      const none = scriptText({ ...FILLED, refund_source: "calculation", refund: "" }, templates, { locale, calculation: null });
      assert.equal(none.split("\n\n").length, 7);
    });
  }
});

describe("the written confirmation", () => {
  for (const [code, templates] of Object.entries(PAGES)) {
    const locale = LOCALES[code];

    test(`${code}: subject, greeting, what was agreed, closing and sign-off`, () => {
      const lines = confirmationText(FILLED, templates, { locale }).split("\n");
      assert.deepEqual(lines, [
        templates["confirmation.subject"],
        "",
        fill(templates["confirmation.greeting"], { client_name: "Kari Nordmann" }),
        "",
        templates["confirmation.intro"],
        fill(templates["confirmation.company"], { client_company: "Fjordlys AS" }),
        fill(templates["confirmation.end.last_day"], { end_date: DATES[code] }),
        `${fill(templates["confirmation.handover.hand_over"], { end_date: DATES[code] })} ${FILLED.handover_details}`,
        fill(templates["confirmation.money.refund"], { amount: "6 000 kr" }),
        fill(templates["confirmation.settlement.refund"], { date: SETTLED[code] }),
        fill(templates["confirmation.replacements"], { replacements: NAMES[code] }),
        "",
        templates["confirmation.closing"],
        "",
        templates["confirmation.signoff"],
      ]);
    });

    test(`${code}: with nothing typed it is still a complete letter with the gaps marked`, () => {
      const text = confirmationText({ ...emptyValues(), end_kind: "contract_end" }, templates, { locale });
      assert.ok(text.startsWith(`${templates["confirmation.subject"]}\n\n${templates["confirmation.greeting.no_name"]}\n`));
      assert.ok(text.includes(fill(templates["confirmation.end.contract_end"], { end_date: templates["blank.end_date"] })));
      assert.ok(text.endsWith(templates["confirmation.signoff"]));
      assert.doesNotMatch(text, LEAKS);
    });
  }
});

describe("hostile and odd input is plain text", () => {
  const templates = PAGES.en;
  const locale = LOCALES.en;

  test("markup, placeholders and replacement patterns come out exactly as typed", () => {
    const hostile = '<img src=x onerror="alert(1)"> {client_name} $& $1 $$';
    const values = { ...FILLED, client_contact: hostile, reason_details: hostile, refund: hostile, replacements: [hostile] };
    for (const text of [scriptText(values, templates, { locale }), confirmationText(values, templates, { locale })]) {
      assert.ok(text.includes(hostile), text);
      assert.ok(!text.includes("Kari"));
    }
  });

  test("the greeting names the contact, the body the company; a company alone gets no name in the greeting", () => {
    const text = confirmationText({ ...FILLED, client_contact: "Kari" }, templates, { locale });
    assert.ok(text.includes(fill(templates["confirmation.greeting"], { client_name: "Kari" })));
    assert.ok(text.includes(fill(templates["confirmation.company"], { client_company: "Fjordlys AS" })));
    const company = confirmationText({ ...FILLED, client_contact: "" }, templates, { locale });
    assert.ok(company.includes(`\n${templates["confirmation.greeting.no_name"]}\n`));
    assert.ok(!company.includes(fill(templates["confirmation.greeting"], { client_name: "Fjordlys AS" })));
  });

  test("values of the wrong type or unknown choices fall back instead of failing", () => {
    const odd = {
      client_name: 42, reason: "__proto__", reason_details: null, end_kind: "toString", end_date: "2025-02-30",
      handover: "constructor", handover_details: {}, refund_source: "hash", refund: ["1"], replacements: "Ola",
    };
    assert.deepEqual(normalise(odd), { ...normalise(emptyValues()), end_date: "2025-02-30" });
    const text = scriptText(odd, templates, { locale });
    assert.ok(text.includes(templates["blank.end_date"]));
    assert.doesNotMatch(text, LEAKS);
    assert.doesNotThrow(() => confirmationText(undefined, templates, { locale }));
  });

  test("the three provider fields at most, empty ones skipped", () => {
    assert.deepEqual(normalise({ replacements: ["", "A", " "] }).replacements, ["A"]);
    assert.deepEqual(normalise({ replacements: ["A", "B", "C", "D"] }).replacements, ["A", "B", "C"]);
    assert.equal(MAX_REPLACEMENTS, 3);
  });

  test("any text in any field: never a failure, never a leak, every name said as typed", () => {
    const line = fc.string({ maxLength: 40 });
    fc.assert(fc.property(
      fc.record({
        client_name: line, reason: fc.constantFrom("", ...REASONS), reason_details: line,
        end_kind: fc.constantFrom("last_day", "contract_end"), end_date: fc.oneof(line, fc.constant("2026-01-31")),
        handover: fc.constantFrom("finish", "hand_over"), handover_details: line,
        refund_source: fc.constantFrom("calculation", "typed"), refund: line,
        replacements: fc.array(line, { maxLength: 3 }),
      }),
      fc.constantFrom("nb", "en"),
      (values, code) => {
        const options = { locale: LOCALES[code], calculation: null };
        const script = scriptText(values, PAGES[code], options);
        const confirmation = confirmationText(values, PAGES[code], options);
        const clean = normalise(values);
        for (const name of [clean.client_name, ...clean.replacements].filter(Boolean)) {
          assert.ok(script.includes(name) && confirmation.includes(name), name);
        }
        assert.ok(!/\bundefined\b|\[object/.test(script + confirmation));
      },
    ), { numRuns: 300 });
  });
});

describe("helpers", () => {
  test("fill puts each value in once and refuses an unknown placeholder", () => {
    assert.equal(fill("A {x} B", { x: "{x}" }), "A {x} B");
    assert.throws(() => fill("A {y}", { x: 1 }), /No value for \{y\}/);
  });

  test("dates in words in each language, and nothing for what is not a date", () => {
    assert.equal(formatDate("2025-03-14", "nb-NO"), "14. mars 2025");
    assert.equal(formatDate("2025-03-14", "en-GB"), "14 March 2025");
    assert.equal(formatDate("2024-02-29", "en-GB"), "29 February 2024");
    for (const bad of ["", "2025-02-29", "2025-13-01", "14.03.2025", "2025-3-14", null, 20250314]) {
      assert.equal(formatDate(bad, "en-GB"), null, String(bad));
    }
  });

  test("names are listed as each language lists them", () => {
    assert.equal(joinNames(["A"], "nb-NO"), "A");
    assert.equal(joinNames(["A", "B"], "nb-NO"), "A og B");
    assert.equal(joinNames(["A", "B", "C"], "en-GB"), "A, B and C");
  });

  test("money: the calculation only when chosen and present", () => {
    const calculation = { kind: "refund", amount: "£1.00" };
    assert.deepEqual(money(normalise({ refund_source: "calculation", refund: "x" }), calculation), calculation);
    assert.deepEqual(money(normalise({ refund_source: "typed", refund: "x" }), calculation), { kind: "refund", amount: "x" });
    assert.equal(money(normalise({ refund_source: "typed", refund: " " }), calculation), null);
    assert.deepEqual(money(normalise({ refund_source: "calculation", refund: "x" }), { kind: "bogus", amount: "1" }), { kind: "refund", amount: "x" });
  });
});
