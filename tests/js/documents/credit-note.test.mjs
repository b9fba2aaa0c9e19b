// Tests for overrides/assets/javascripts/documents/credit-note.js: the amounts against the refund calculator's
// own settle() and splitVat(), the rounding once per rate, the validation codes per field, and the rows a
// document prints.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { MAX_BP, maxMinor, settle, splitVat } from "../../../overrides/assets/javascripts/calculator/refund-math.js";
import {
  ERROR_CODES, MAX_LINES, creditNote, creditNoteAmounts, creditNoteRows,
} from "../../../overrides/assets/javascripts/documents/credit-note.js";

const RUNS = { numRuns: 2000 };
const MAX_NOK = maxMinor("NOK");
const RATES = [2500n, 1500n, 1200n, 0n];
const rateArb = fc.oneof(fc.constantFrom(...RATES), fc.bigInt({ min: 0n, max: MAX_BP }));
const amountArb = fc.oneof(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: MAX_NOK / 25n }));

/** A complete, valid credit note form. */
const FORM = Object.freeze({
  seller_name: "Kari Nordmann Design",
  seller_org_nr: "923 609 016",
  vat_registered: true,
  client_company: "Fjordlys AS",
  credit_note_number: "K-2027-001",
  credit_note_date: "2027-05-31",
  invoice_number: "2027-014",
  invoice_date: "2027-03-01",
  description: "Kreditering av ikke utført arbeid, faktura 2027-014",
  refund_deadline: "2027-06-14",
  lines: [{ amount: 1_000_000n, rateBp: 2500n }],
  included: false,
  currency: "NOK",
});

describe("creditNoteAmounts", () => {
  test("NOK 10,000 net at 25 %: VAT 2,500, total 12,500; and the same from 12,500 including VAT", () => {
    const expected = { ok: true, net: 1_000_000n, vat: 250_000n, total: 1_250_000n, byRate: [{ rateBp: 2500n, net: 1_000_000n, vat: 250_000n, total: 1_250_000n }] };
    assert.deepEqual(creditNoteAmounts([{ amount: 1_000_000n, rateBp: 2500n }]), expected);
    assert.deepEqual(creditNoteAmounts([{ amount: 1_250_000n, rateBp: 2500n }], { included: true }), expected);
  });

  test("VAT is rounded half up once per rate, on the rate's sum", () => {
    // 2 øre at 25 %: each line alone would round 0.5 → 1 (half up)... and 1 øre alone rounds 0.25 → 0
    const r = creditNoteAmounts([{ amount: 1n, rateBp: 2500n }, { amount: 1n, rateBp: 2500n }]);
    assert.deepEqual([r.net, r.vat, r.total], [2n, 1n, 3n]); // round(0.5) = 1, where 0 + 0 would be per line
    const half = creditNoteAmounts([{ amount: 2n, rateBp: 2500n }]);
    assert.equal(half.vat, 1n);
    const down = creditNoteAmounts([{ amount: 1n, rateBp: 2500n }]);
    assert.equal(down.vat, 0n);
  });

  test("several rates are listed from the highest, each with its own VAT", () => {
    const r = creditNoteAmounts([
      { amount: 10_000n, rateBp: 1500n }, { amount: 20_000n, rateBp: 2500n }, { amount: 5_000n, rateBp: 0n }, { amount: 10_000n, rateBp: 1500n },
    ]);
    assert.deepEqual(r.byRate, [
      { rateBp: 2500n, net: 20_000n, vat: 5_000n, total: 25_000n },
      { rateBp: 1500n, net: 20_000n, vat: 3_000n, total: 23_000n },
      { rateBp: 0n, net: 5_000n, vat: 0n, total: 5_000n },
    ]);
    assert.deepEqual([r.net, r.vat, r.total], [45_000n, 8_000n, 53_000n]);
  });

  test("errors", () => {
    const cases = [
      [[], {}, { code: "nothing_to_credit", field: "amount" }],
      [[{ amount: 0n, rateBp: 2500n }], {}, { code: "nothing_to_credit", field: "amount" }],
      [[{ amount: -1n, rateBp: 2500n }], {}, { code: "negative", index: 0, field: "amount" }],
      [[{ amount: 1n, rateBp: -1n }], {}, { code: "negative", index: 0, field: "vat_rate" }],
      [[{ amount: 1n, rateBp: 10001n }], {}, { code: "over_100", index: 0, field: "vat_rate" }],
      [[{ amount: MAX_NOK + 1n, rateBp: 0n }], {}, { code: "too_large", index: 0, field: "amount" }],
      [[{ amount: MAX_NOK, rateBp: 2500n }], {}, { code: "too_large", field: "amount" }],
      [[{ amount: 100, rateBp: 2500n }], {}, { code: "invalid_input", index: 0, field: "amount" }],
      [[{ amount: 100n, rateBp: 25 }], {}, { code: "invalid_input", index: 0, field: "vat_rate" }],
      [[null], {}, { code: "invalid_input", index: 0, field: "amount" }],
      ["100", {}, { code: "invalid_input" }],
      [[{ amount: 1n, rateBp: 0n }], { included: "yes" }, { code: "invalid_input" }],
      [[{ amount: 1n, rateBp: 0n }], { currency: "XYZ" }, { code: "unknown_currency" }],
      [Array.from({ length: MAX_LINES + 1 }, () => ({ amount: 1n, rateBp: 0n })), {}, { code: "too_many_lines" }],
    ];
    for (const [lines, options, expected] of cases) {
      assert.deepEqual(creditNoteAmounts(lines, options), { ok: false, ...expected }, JSON.stringify(expected));
      assert.ok(ERROR_CODES.includes(expected.code));
    }
  });

  test("net + VAT = total, per rate and in all, for every input", () => {
    const linesArb = fc.array(fc.record({ amount: amountArb, rateBp: rateArb }), { minLength: 1, maxLength: MAX_LINES });
    fc.assert(fc.property(linesArb, fc.boolean(), (lines, included) => {
      const r = creditNoteAmounts(lines, { included });
      if (!r.ok) {
        assert.equal(r.code, "nothing_to_credit");
        return;
      }
      assert.equal(r.net + r.vat, r.total);
      for (const row of r.byRate) assert.equal(row.net + row.vat, row.total);
      assert.equal(new Set(r.byRate.map((row) => row.rateBp)).size, r.byRate.length);
      const sum = lines.reduce((s, l) => s + l.amount, 0n);
      assert.equal(included ? r.total : r.net, sum);
    }), RUNS);
  });

  test("one line gives exactly the calculator's splitVat", () => {
    fc.assert(fc.property(amountArb, rateArb, fc.boolean(), (amount, rateBp, included) => {
      fc.pre(amount > 0n);
      const r = creditNoteAmounts([{ amount, rateBp }], { included });
      const v = splitVat(amount, { included, rateBp });
      assert.deepEqual([r.net, r.vat, r.total], [v.refundNet, v.refundVat, v.refundGross]);
    }), RUNS);
  });

  test("a calculation's refund incl. VAT gives the credit note the calculator showed", () => {
    const input = fc.record({
      total: fc.bigInt({ min: 0n, max: 100_000_000n }),
      paid: fc.bigInt({ min: 0n, max: 150_000_000n }),
      percentBp: fc.bigInt({ min: 0n, max: MAX_BP }),
      expenses: fc.bigInt({ min: 0n, max: 1_000_000n }),
      settlement: fc.constantFrom("by_work", "full"),
      vat: fc.record({ included: fc.boolean(), rateBp: rateArb }),
    });
    fc.assert(fc.property(input, (calc) => {
      const s = settle(calc);
      assert.equal(s.ok, true);
      fc.pre(s.refundGross > 0n);
      // What the DOM passes from a calculation: the refund as paid back (incl. VAT), included: true.
      const r = creditNoteAmounts([{ amount: s.refundGross, rateBp: calc.vat.rateBp }], { included: true });
      assert.deepEqual([r.net, r.vat, r.total], [s.refundNet, s.refundVat, s.refundGross]);
    }), RUNS);
  });
});

describe("creditNote", () => {
  test("a complete form gives the note", () => {
    const r = creditNote(FORM);
    assert.equal(r.ok, true, JSON.stringify(r.errors));
    assert.deepEqual(r.note, {
      kind: "credit_note",
      number: "K-2027-001",
      date: "2027-05-31",
      seller: { name: "Kari Nordmann Design", orgNumber: "923609016", orgLine: "923 609 016 MVA", vatRegistered: true },
      buyer: { name: "Fjordlys AS" },
      credits: { number: "2027-014", date: "2027-03-01" },
      description: "Kreditering av ikke utført arbeid, faktura 2027-014",
      currency: "NOK",
      included: false,
      net: 1_000_000n,
      vat: 250_000n,
      total: 1_250_000n,
      byRate: [{ rateBp: 2500n, net: 1_000_000n, vat: 250_000n, total: 1_250_000n }],
      refundDeadline: "2027-06-14",
    });
  });

  test("texts are trimmed; no refund deadline is fine (crediting without repayment)", () => {
    const r = creditNote({ ...FORM, seller_name: "  Kari  ", refund_deadline: "" });
    assert.equal(r.note.seller.name, "Kari");
    assert.equal(r.note.refundDeadline, null);
    assert.equal(creditNote({ ...FORM, refund_deadline: undefined }).note.refundDeadline, null);
  });

  test("a seller outside the VAT register: no MVA after the number, and 0 % VAT only", () => {
    const r = creditNote({ ...FORM, vat_registered: false, lines: [{ amount: 1_000_000n, rateBp: 0n }] });
    assert.equal(r.note.seller.orgLine, "923 609 016");
    assert.equal(r.note.vat, 0n);
    assert.deepEqual(creditNote({ ...FORM, vat_registered: false }), { ok: false, errors: [{ field: "vat_rate", code: "vat_not_registered" }] });
  });

  const single = [
    ["seller_name", "", "required"], ["seller_name", "   ", "required"], ["seller_name", undefined, "required"],
    ["seller_name", "x".repeat(201), "too_long"], ["seller_name", 5, "invalid_input"],
    ["seller_org_nr", "", "required"], ["seller_org_nr", "923 609 017", "bad_check_digit"],
    ["seller_org_nr", "92360901", "not_nine_digits"], ["seller_org_nr", "923-609-016", "invalid_characters"],
    ["vat_registered", undefined, "required"], ["vat_registered", "yes", "required"],
    ["client_company", "", "required"], ["credit_note_number", "", "required"], ["invoice_number", "", "required"],
    ["description", "", "required"], ["description", "x".repeat(2001), "too_long"],
    ["credit_note_date", "", "required"], ["credit_note_date", "2027-02-30", "invalid_date"],
    ["credit_note_date", "2027-02-28", "before_invoice"],
    ["invoice_date", "", "required"], ["invoice_date", "01.03.2027", "invalid_date"],
    ["refund_deadline", "2027-13-01", "invalid_date"], ["refund_deadline", "2027-05-30", "before_credit_note"],
    ["lines", [], "nothing_to_credit", "amount"], ["lines", [{ amount: -5n, rateBp: 2500n }], "negative", "amount"],
    ["lines", [{ amount: 5n, rateBp: 20000n }], "over_100", "vat_rate"],
  ];
  for (const [name, value, code, field = name] of single) {
    test(`${name} = ${JSON.stringify(value, (k, v) => (typeof v === "bigint" ? `${v}n` : v))} -> ${code}`, () => {
      assert.deepEqual(creditNote({ ...FORM, [name]: value }), { ok: false, errors: [{ field, code }] });
      assert.ok(ERROR_CODES.includes(code));
    });
  }

  test("an empty form names every required field once, in form order", () => {
    const r = creditNote({});
    assert.deepEqual(r.errors.map((e) => e.field), [
      "seller_name", "seller_org_nr", "vat_registered", "client_company", "credit_note_number", "credit_note_date",
      "invoice_number", "invoice_date", "description", "amount",
    ]);
    assert.ok(r.errors.every((e) => e.code === "required" || (e.field === "amount" && e.code === "invalid_input")));
  });

  test("the same date for invoice, credit note and refund deadline is fine", () => {
    const r = creditNote({ ...FORM, invoice_date: "2027-05-31", refund_deadline: "2027-05-31" });
    assert.equal(r.ok, true);
  });

  test("not an object", () => {
    for (const bad of [null, undefined, "x", 5]) assert.deepEqual(creditNote(bad), { ok: false, errors: [{ field: "", code: "invalid_input" }] });
  });
});

describe("creditNoteRows", () => {
  test("every field a credit note must carry, in print order", () => {
    const { note } = creditNote({ ...FORM, lines: [{ amount: 800_000n, rateBp: 2500n }, { amount: 200_000n, rateBp: 1500n }] });
    assert.deepEqual(creditNoteRows(note), [
      { key: "credit_note.title", kind: "heading" },
      { key: "credit_note.number", kind: "text", value: "K-2027-001" },
      { key: "credit_note.date", kind: "date", value: "2027-05-31" },
      { key: "credit_note.seller_name", kind: "text", value: "Kari Nordmann Design" },
      { key: "credit_note.seller_org_nr", kind: "text", value: "923 609 016 MVA" },
      { key: "credit_note.client_company", kind: "text", value: "Fjordlys AS" },
      { key: "credit_note.invoice_number", kind: "text", value: "2027-014" },
      { key: "credit_note.invoice_date", kind: "date", value: "2027-03-01" },
      { key: "credit_note.description", kind: "text", value: "Kreditering av ikke utført arbeid, faktura 2027-014" },
      { key: "credit_note.net", kind: "money", value: 1_000_000n },
      { key: "credit_note.vat", kind: "vat", value: 200_000n, rateBp: 2500n, base: 800_000n },
      { key: "credit_note.vat", kind: "vat", value: 30_000n, rateBp: 1500n, base: 200_000n },
      { key: "credit_note.total", kind: "money", value: 1_230_000n },
      { key: "credit_note.refund_deadline", kind: "date", value: "2027-06-14" },
    ]);
  });

  test("no VAT line for a seller outside the VAT register, no deadline without one", () => {
    const { note } = creditNote({ ...FORM, vat_registered: false, refund_deadline: "", lines: [{ amount: 5n, rateBp: 0n }] });
    const keys = creditNoteRows(note).map((r) => r.key);
    assert.ok(!keys.includes("credit_note.vat") && !keys.includes("credit_note.refund_deadline"));
    assert.equal(keys.at(-1), "credit_note.total");
  });
});
