/**
 * org-number.js: a Norwegian organisation number (organisasjonsnummer) as a reader types it, checked.
 *
 * Plain ES module: no DOM, no globals. Failures are returned as `{ok: false, code}` with `code` one of
 * ERROR_CODES, which the widget maps to a localised message next to the field (seller_org_nr); nothing throws.
 *
 * The rule (Brønnøysundregistrene, "Construction of the Norwegian organization number",
 * http://www.brreg.no/english/coordination/number.html, and the same text in Norwegian in Altinn's glossary,
 * https://altinnett.brreg.no/no/Begreper-A-A/Organisasjonsnummer/): nine digits, the last a check digit by
 * modulus 11 with the weights 3, 2, 7, 6, 5, 4, 3, 2 on the first eight. Check digit = 11 − (weighted sum
 * mod 11); a result of 11 gives 0; a result of 10 is not a valid check digit, so no organisation number has
 * it. Example from Brønnøysundregistrene: 12345678 → sum 138, remainder 6, check digit 5: 123456785.
 *
 * What a reader may type: the nine digits with any spaces between them (ASCII space, U+00A0, U+202F, as in
 * "123 456 785"), and the way the number is printed on invoices: an optional "NO" before it and "MVA" after it,
 * in any letter case ("NO 923 609 016 MVA"). The seller's organisation number followed by "MVA" when the seller
 * is VAT-registered is what bokføringsforskriften § 5-1-1 asks of a sales document
 * (https://lovdata.no/forskrift/2004-12-01-1558/§5-1-1); formatOrgNumber writes that line.
 */

/** Every code checkOrgNumber can return. */
export const ERROR_CODES = Object.freeze(["required", "invalid_characters", "not_nine_digits", "bad_check_digit"]);
/** The modulus 11 weights of the first eight digits (Brønnøysundregistrene). */
export const WEIGHTS = Object.freeze([3, 2, 7, 6, 5, 4, 3, 2]);

/** Every kind of space (Unicode Zs), read as one plain space (as the calculator reads a pasted amount). */
const SPACES = /\p{Zs}+/gu;
/** Invisible format characters (Unicode Cf: zero-width space, bidi marks, soft hyphen) a paste from a web page
 * or PDF brings along; removed before the check. */
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * The check digit of eight digits, or null when there is none (the sum gives 10: no number ends that way).
 * @param {string} first8 exactly eight ASCII digits
 * @returns {number | null}
 * @throws {TypeError} on anything but eight digits (a programming error)
 */
export function checkDigit(first8) {
  if (typeof first8 !== "string" || !/^[0-9]{8}$/.test(first8)) throw new TypeError("checkDigit expects eight digits");
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first8[i]), 0);
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? null : digit;
}

/** "923 609 016": nine digits in groups of three, ASCII spaces (the form Brønnøysundregistrene prints). */
export function groupDigits(digits) {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * Check an organisation number as typed.
 * @param {unknown} text
 * @returns {{ok: true, digits: string, formatted: string, mva: boolean} |
 *   {ok: false, code: "required" | "invalid_characters" | "not_nine_digits" | "bad_check_digit"}}
 *   digits: the nine digits ("923609016"); formatted: "923 609 016"; mva: whether "MVA" was typed after it
 *   (for information: whether the seller is VAT-registered is a separate answer of the form).
 *   invalid_characters: anything but digits, spaces, a leading "NO" and a trailing "MVA" (letters, dashes,
 *   dots, full-width or other scripts' digits); not_nine_digits: fewer or more digits; bad_check_digit: nine
 *   digits whose last is not the modulus 11 check digit of the others (a typo or a swapped pair).
 */
export function checkOrgNumber(text) {
  if (text === null || text === undefined) return { ok: false, code: "required" };
  if (typeof text !== "string") return { ok: false, code: "invalid_characters" };
  let s = text.replace(FORMAT_CHARS, "").replace(SPACES, " ").trim();
  if (s === "") return { ok: false, code: "required" };
  const tail = /^(.*[0-9]) ?mva$/i.exec(s);
  if (tail) s = tail[1];
  const head = /^no ?([0-9].*)$/i.exec(s);
  if (head) s = head[1];
  const mva = tail !== null;
  if (!/^[0-9 ]+$/.test(s)) return { ok: false, code: "invalid_characters" };
  const digits = s.replace(/ /g, "");
  if (digits.length !== 9) return { ok: false, code: "not_nine_digits" };
  if (checkDigit(digits.slice(0, 8)) !== Number(digits[8])) return { ok: false, code: "bad_check_digit" };
  return { ok: true, digits, formatted: groupDigits(digits), mva };
}

/**
 * The seller's organisation number as a document prints it: "923 609 016", with " MVA" after it when the
 * seller is VAT-registered (bokføringsforskriften § 5-1-1).
 * @param {string} digits nine digits that passed checkOrgNumber
 * @param {{vatRegistered: boolean}} options
 * @returns {string}
 * @throws {TypeError} when `digits` is not a valid organisation number (check it first)
 */
export function formatOrgNumber(digits, { vatRegistered }) {
  const checked = checkOrgNumber(digits);
  if (!checked.ok || checked.digits !== digits) throw new TypeError("formatOrgNumber expects a checked organisation number");
  return vatRegistered ? `${checked.formatted} MVA` : checked.formatted;
}
