// Tests for overrides/assets/javascripts/documents/org-number.js: real organisation numbers, Brønnøysund-
// registrene's worked example, every single-digit change and every adjacent swap of a valid number, and what
// readers type around the digits.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ERROR_CODES, WEIGHTS, checkDigit, checkOrgNumber, formatOrgNumber, groupDigits,
} from "../../../overrides/assets/javascripts/documents/org-number.js";

const RUNS = { numRuns: 2000 };
// Equinor ASA, Brønnøysundregistrene, Skatteetaten, DNB Bank ASA, and the register's own worked example.
const VALID = ["923609016", "974760673", "974761076", "984851006", "123456785"];

/** The reference rule, written the other way round: weighted sum of all nine digits (check digit weight 1) ≡ 0. */
const refValid = (digits) => [...WEIGHTS, 1].reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11 === 0;

const eightDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((d) => d.join(""));
const validNumber = eightDigits.filter((d) => checkDigit(d) !== null).map((d) => d + checkDigit(d));

describe("valid numbers", () => {
  for (const digits of VALID) {
    test(digits, () => {
      assert.deepEqual(checkOrgNumber(digits), { ok: true, digits, formatted: groupDigits(digits), mva: false });
      assert.ok(refValid(digits));
    });
  }
  test("Brønnøysundregistrene's example: 12345678 has check digit 5", () => {
    assert.equal(checkDigit("12345678"), 5);
    assert.equal(groupDigits("123456785"), "123 456 785");
  });
  test("a remainder of 0 gives check digit 0, a remainder of 1 gives none", () => {
    // 0·… sums to 0 → 11 − 0 = 11 → 0
    assert.equal(checkDigit("00000000"), 0);
    // 10000000: 3 → 11 − 3 = 8; 50000000: 15 mod 11 = 4 → 7; 40000000: 12 mod 11 = 1 → 10: none
    assert.equal(checkDigit("10000000"), 8);
    assert.equal(checkDigit("50000000"), 7);
    assert.equal(checkDigit("40000000"), null);
    for (let d = 0; d <= 9; d++) assert.equal(checkOrgNumber(`40000000${d}`).code, "bad_check_digit");
  });
  test("checkDigit refuses anything but eight digits", () => {
    for (const bad of ["1234567", "123456789", "1234567a", 12345678, null]) assert.throws(() => checkDigit(bad), TypeError);
  });
});

describe("what readers type", () => {
  const accepted = [
    ["923 609 016", false], ["923\u00A0609\u00A0016", false], ["923\u202F609\u202F016", false], [" 923609016 ", false],
    ["9 2 3 6 0 9 0 1 6", false], ["923 609 016 MVA", true], ["923609016MVA", true], ["923 609 016 mva", true],
    ["NO 923 609 016 MVA", true], ["no923609016mva", true], ["NO 923609016", false], ["923  609  016", false],
    // Pasted from a web page or PDF: invisible format characters and thin or figure spaces come along.
    ["\u200B923 609 016", false], ["\u200E923 609 016\u200E", false], ["\uFEFF923609016", false],
    ["923\u00AD609\u00AD016", false], ["923\u2009609\u2009016", false], ["923\u2007609\u2007016 MVA", true],
  ];
  for (const [text, mva] of accepted) {
    test(`accepts ${JSON.stringify(text)}`, () => {
      assert.deepEqual(checkOrgNumber(text), { ok: true, digits: "923609016", formatted: "923 609 016", mva });
    });
  }
  const rejected = [
    ["", "required"], ["   ", "required"], [null, "required"], [undefined, "required"],
    [923609016, "invalid_characters"], ["923-609-016", "invalid_characters"], ["923.609.016", "invalid_characters"],
    ["923 609 01O", "invalid_characters"], ["MVA", "invalid_characters"], ["NO", "invalid_characters"],
    ["923 609 016 MVA MVA", "invalid_characters"], ["MVA 923 609 016", "invalid_characters"],
    ["SE 923 609 016", "invalid_characters"], ["９２３６０９０１６", "invalid_characters"], ["<b>923609016</b>", "invalid_characters"],
    ["923\t609\t016", "invalid_characters"], ["923 609 016 AS", "invalid_characters"],
    ["92360901", "not_nine_digits"], ["9236090166", "not_nine_digits"], ["1", "not_nine_digits"],
    ["NO 92360901 MVA", "not_nine_digits"], ["12345678901", "not_nine_digits"],
    ["923609017", "bad_check_digit"], ["123456789", "bad_check_digit"], ["000000001", "bad_check_digit"],
  ];
  for (const [text, code] of rejected) {
    test(`rejects ${JSON.stringify(text)} as ${code}`, () => {
      assert.deepEqual(checkOrgNumber(text), { ok: false, code });
      assert.ok(ERROR_CODES.includes(code));
    });
  }
});

describe("properties", () => {
  test("every single-digit change of a valid number is rejected", () => {
    for (const digits of VALID) {
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          if (Number(digits[i]) === d) continue;
          const changed = digits.slice(0, i) + d + digits.slice(i + 1);
          assert.deepEqual(checkOrgNumber(changed), { ok: false, code: "bad_check_digit" }, changed);
        }
      }
    }
    fc.assert(fc.property(validNumber, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (digits, i, delta) => {
      const changed = digits.slice(0, i) + ((Number(digits[i]) + delta) % 10) + digits.slice(i + 1);
      assert.equal(checkOrgNumber(changed).code, "bad_check_digit");
    }), RUNS);
  });

  test("every swap of two different neighbouring digits is rejected", () => {
    fc.assert(fc.property(validNumber, fc.integer({ min: 0, max: 7 }), (digits, i) => {
      fc.pre(digits[i] !== digits[i + 1]);
      const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
      assert.equal(checkOrgNumber(swapped).code, "bad_check_digit");
    }), RUNS);
  });

  test("checkOrgNumber agrees with the reference rule on every nine digits", () => {
    fc.assert(fc.property(eightDigits, fc.integer({ min: 0, max: 9 }), (first8, last) => {
      const digits = first8 + last;
      assert.equal(checkOrgNumber(digits).ok, refValid(digits), digits);
    }), RUNS);
  });

  test("a valid number reads back from its formatted and invoice forms", () => {
    fc.assert(fc.property(validNumber, fc.boolean(), (digits, vatRegistered) => {
      const printed = formatOrgNumber(digits, { vatRegistered });
      assert.deepEqual(checkOrgNumber(printed), { ok: true, digits, formatted: groupDigits(digits), mva: vatRegistered });
    }), RUNS);
  });

  test("arbitrary text never throws and fails with a declared code", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.anything()), (text) => {
      const r = checkOrgNumber(text);
      if (!r.ok) assert.ok(ERROR_CODES.includes(r.code));
      else assert.match(r.digits, /^[0-9]{9}$/);
    }), RUNS);
  });
});

describe("formatOrgNumber", () => {
  test("adds MVA only for a VAT-registered seller", () => {
    assert.equal(formatOrgNumber("923609016", { vatRegistered: true }), "923 609 016 MVA");
    assert.equal(formatOrgNumber("923609016", { vatRegistered: false }), "923 609 016");
  });
  test("refuses an unchecked number", () => {
    assert.throws(() => formatOrgNumber("923609017", { vatRegistered: true }), TypeError);
    assert.throws(() => formatOrgNumber("923 609 016", { vatRegistered: true }), TypeError);
  });
});
