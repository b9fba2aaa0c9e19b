// The exit documents as text (documents/document-text.js), from the page templates of both languages: each
// document carries what the form holds, the notice's end date follows the convention, unfilled fields are marked
// and named, the credit note's amounts are the calculator's own, field messages name what is wrong, and the
// texts stay plain text whatever is typed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  DOCUMENTS, WRITERS, creditAmounts, emptyDocumentValues, fieldErrors, formatDate, items, lastDay, noticeEnd, planSteps,
  planText, sanitiseDocumentValues, textFileName, unfilled,
} from "../../../overrides/assets/javascripts/documents/document-text.js";
import { DOCUMENT_TEMPLATES } from "../../../overrides/assets/javascripts/documents/document-templates.js";
import { settle } from "../../../overrides/assets/javascripts/calculator/refund-math.js";
import { emptyValues } from "../../../overrides/assets/javascripts/planner/planner-text.js";
import { LOCALES, pageTemplates } from "../planner-templates.mjs";

const PAGES = Object.fromEntries(Object.keys(LOCALES).map((code) => [code, pageTemplates(code)]));
const FORM = {
  ...emptyValues(),
  client_company: "Fjordlys AS", client_contact: "Kari Nordmann", seller_name: "Ola Design", seller_org_nr: "923609016",
  vat_registered: true, agreement_date: "2026-01-15", agreement_clause: "punkt 9", notice_date: "2027-03-10",
  notice_period: "1", notice_unit: "months", notice_from: "notice_date", deliverables: "Nettsiden\n- Brukerveiledning",
  handover_items: "Kildekoden\n\nPassordene", settlement_date: "2027-05-07", invoice_number: "2027-014",
  invoice_date: "2027-02-01", credit_note_number: "K-3", credit_note_date: "2027-05-03", credit_description: "Forskudd",
};
const REFUND = { kind: "refund", minor: 750000n, amount: "7 500,00 kr", currency: "NOK", rateBp: 2500n };
const LEAKS = /\bundefined\b|\bnull\b|\bNaN\b|\[object|\{\w+\}/;

for (const [code, templates] of Object.entries(PAGES)) {
  const locale = LOCALES[code];
  const options = { locale, calculation: REFUND };

  describe(`${code}: every document from a filled form`, () => {
    test("each document is written, holds no marker and leaks nothing", () => {
      for (const name of DOCUMENTS) {
        const text = WRITERS[name](FORM, templates, options);
        assert.doesNotMatch(text, LEAKS, name);
        assert.deepEqual(unfilled(text, templates), [], `${name}: ${text}`);
      }
    });

    test("the notice names the parties, the clause, the period and the end date in words", () => {
      const text = WRITERS.notice(FORM, templates, options);
      for (const part of ["Fjordlys AS", "Kari Nordmann", "Ola Design", "923 609 016 MVA", "punkt 9", formatDate("2027-04-10", locale)]) {
        assert.ok(text.includes(part), part);
      }
      assert.ok(text.includes(templates["notice.period.notice_date"].split("{")[0]));
      const monthEnd = WRITERS.notice({ ...FORM, notice_from: "month_end" }, templates, options);
      assert.ok(monthEnd.includes(formatDate("2027-04-30", locale)));
      assert.ok(monthEnd.includes(templates["notice.period.month_end"].split("{")[0]));
    });

    test("the credit note carries the calculator's own net, VAT and total", () => {
      const text = WRITERS.credit_note(FORM, templates, options);
      const amounts = creditAmounts(REFUND, locale);
      assert.ok(text.includes(templates["credit_note.net"].replace("{amount}", amounts.net)));
      assert.ok(text.includes(templates["credit_note.total"].replace("{amount}", amounts.total)));
      assert.ok(text.includes(templates["credit_note.credits"].split("{")[0]));
      const notRegistered = WRITERS.credit_note({ ...FORM, vat_registered: false }, templates, options);
      assert.ok(notRegistered.includes(templates["credit_note.no_vat"]));
      assert.ok(!notRegistered.includes("MVA"));
    });

    test("the termination agreement follows the calculation: refund, final invoice, nothing, or a marker", () => {
      const refund = WRITERS.termination_agreement(FORM, templates, options);
      assert.ok(refund.includes(templates["termination_agreement.settlement.refund"].split("{")[0]));
      const owed = WRITERS.termination_agreement(FORM, templates, { locale, calculation: { ...REFUND, kind: "balance_due" } });
      assert.ok(owed.includes(templates["termination_agreement.settlement.balance_due"].split("{")[0]));
      const none = WRITERS.termination_agreement(FORM, templates, { locale, calculation: { ...REFUND, kind: "settled" } });
      assert.ok(none.includes(templates["termination_agreement.settlement.settled"]));
      const open = WRITERS.termination_agreement(FORM, templates, { locale, calculation: null });
      assert.deepEqual(unfilled(open, templates), [templates["blank.settlement"]]);
    });

    test("the handover receipt lists one line per item, list markers and empty lines dropped", () => {
      const text = WRITERS.handover_receipt(FORM, templates, options).split("\n");
      assert.ok(text.includes(templates["handover_receipt.item"].replace("{item}", "Kildekoden")));
      assert.ok(text.includes(templates["handover_receipt.item"].replace("{item}", "Passordene")));
    });

    test("the plan lists the steps by date, the notice period as a span", () => {
      const text = planText(FORM, templates, { locale });
      const lines = text.split("\n");
      assert.equal(lines[0], templates["plan.title"]);
      assert.ok(lines.some((line) => line.endsWith(templates["plan.last_day"]) && line.startsWith(formatDate("2027-04-10", locale))));
      assert.ok(lines.some((line) => line.endsWith(templates["plan.settle"]) && line.startsWith(formatDate("2027-05-07", locale))));
    });

    test("an empty form gives complete documents with every gap marked and named", () => {
      for (const name of DOCUMENTS) {
        const text = WRITERS[name](emptyValues(), templates, { locale, calculation: null });
        assert.doesNotMatch(text, LEAKS, name);
        assert.ok(unfilled(text, templates).length > 0, name);
      }
      const notice = WRITERS.notice(emptyValues(), templates, { locale });
      const named = unfilled(notice, templates);
      assert.equal(named[0], templates["blank.seller_name"]);
      assert.ok(named.includes(templates["blank.notice_period"]));
    });
  });
}

describe("pure helpers", () => {
  test("the notice's end date and the last day", () => {
    assert.deepEqual(noticeEnd({ notice_date: "2027-01-31", notice_period: "1", notice_unit: "months", notice_from: "notice_date" }),
      { endDate: "2027-02-28", startDate: "2027-01-31" });
    assert.equal(noticeEnd({ notice_date: "", notice_period: "1", notice_unit: "months", notice_from: "notice_date" }), null);
    assert.equal(lastDay({ ...FORM, end_date: "2027-06-01" }), "2027-06-01", "a typed last day wins");
    assert.equal(lastDay({ ...FORM, end_date: "" }), "2027-04-10");
  });

  test("the credit note's amounts are those settle() gives the calculator", () => {
    const result = settle({ total: 4000000n, paid: 3000000n, percentBp: 6000n, expenses: 0n, currency: "NOK",
      vat: { rateBp: 2500n, bases: { total: "excl", paid: "excl", expenses: "excl" } } });
    assert.ok(result.ok);
    const amounts = creditAmounts({ kind: "refund", minor: result.refundGross, currency: "NOK", rateBp: 2500n }, "nb-NO");
    assert.deepEqual([amounts.net, amounts.vat, amounts.total].map((s) => s.replace(/\s/g, " ")),
      ["6 000,00 kr", "1 500,00 kr", "7 500,00 kr"]);
    assert.equal(creditAmounts({ ...REFUND, kind: "balance_due" }, "nb-NO"), null);
    assert.equal(creditAmounts(null, "nb-NO"), null);
  });

  test("field messages: only what is typed wrongly, MOD11 included", () => {
    assert.deepEqual(fieldErrors(emptyDocumentValues()), {});
    assert.deepEqual(fieldErrors(FORM), {});
    assert.deepEqual(fieldErrors({ ...FORM, seller_org_nr: "923609017" }), { seller_org_nr: "bad_check_digit" });
    assert.deepEqual(fieldErrors({ ...FORM, seller_org_nr: "1234" }), { seller_org_nr: "not_nine_digits" });
    assert.deepEqual(fieldErrors({ ...FORM, notice_period: "tre" }), { notice_period: "invalid_period" });
    assert.deepEqual(fieldErrors({ ...FORM, notice_period: "121" }), { notice_period: "period_too_long" });
    assert.deepEqual(fieldErrors({ ...FORM, invoice_date: "2027-06-01" }), { credit_note_date: "before_invoice" });
    assert.deepEqual(fieldErrors({ ...FORM, agreement_date: "2027-02-30" }), { agreement_date: "invalid_date" });
  });

  test("plan steps need a notice date and a last day", () => {
    assert.equal(planSteps(emptyValues(), PAGES.en), null);
    assert.ok(planSteps(FORM, PAGES.en).every((step) => typeof step.summary === "string" && step.summary));
  });

  test("items, file names and sanitising", () => {
    assert.deepEqual(items(" a \n\n- b\r\n* c  \n"), ["a", "b", "c"]);
    assert.equal(textFileName("Oppsigelse", "2027-05-03"), "oppsigelse-2027-05-03.txt");
    assert.equal(textFileName("Kvittering for overlevering", "x"), "kvittering-for-overlevering.txt");
    assert.equal(textFileName("Avslutningsavtale – kunde ÆØÅ", "2027-05-03"), "avslutningsavtale-kunde-aeoa-2027-05-03.txt");
    const odd = sanitiseDocumentValues({ vat_registered: "yes", notice_unit: "years", notice_from: "x", seller_name: 5 });
    assert.deepEqual(odd, emptyDocumentValues());
  });

  test("every template key the documents use is declared", () => {
    for (const key of Object.keys(DOCUMENT_TEMPLATES)) assert.ok(key in PAGES.nb && key in PAGES.en, key);
  });

  test("whatever is typed, the documents are plain text holding it as typed", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (typed) => {
      const values = { ...FORM, client_company: typed, seller_name: typed, deliverables: typed };
      for (const name of DOCUMENTS) {
        const text = WRITERS[name](values, PAGES.en, { locale: "en-GB", calculation: REFUND });
        assert.equal(typeof text, "string");
        const shown = typed.replace(/\s+/g, " ").trim();
        if (shown && name !== "plan") assert.ok(text.includes(shown), `${name}: ${JSON.stringify(typed)}`);
      }
    }), { numRuns: 150 });
  });
});
