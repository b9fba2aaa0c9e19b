// The calculator speaks every language the site has: each strings table holds a message for every error
// code refund-math.js can return, a name for every currency, and every fixed key the widget reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { CURRENCIES, ERROR_CODES } from "../../overrides/assets/javascripts/calculator/refund-math.js";
import {
  ENGINE_STRING_KEYS, FORM_STRING_KEYS, STRING_KEYS, STRING_PREFIX, calculatorSettings, currencyKey, errorKey, errorMessage, missingStrings,
} from "../../overrides/assets/javascripts/calculator/refund-form.js";

const STRINGS_DIR = new URL("../../scripts/playbook/strings/", import.meta.url);
const TABLES = Object.fromEntries(
  readdirSync(STRINGS_DIR).filter((name) => name.endsWith(".json"))
    .map((name) => [name.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(name, STRINGS_DIR), "utf8"))]),
);
const LOCALES = { nb: "nb-NO", en: "en-GB" };

test("there are strings tables for the site's languages", () => {
  assert.ok(Object.keys(TABLES).length >= 2, Object.keys(TABLES).join(", "));
  for (const code of Object.keys(TABLES)) assert.ok(LOCALES[code], `no test locale for strings/${code}.json`);
});

for (const [code, table] of Object.entries(TABLES)) {
  test(`strings/${code}.json has a message for every error code of refund-math.js`, () => {
    const missing = ERROR_CODES.filter((error) => typeof table[errorKey(error)] !== "string" || !table[errorKey(error)].trim());
    assert.deepEqual(missing, [], `strings/${code}.json lacks ${missing.map(errorKey).join(", ")}`);
  });

  test(`strings/${code}.json names every currency and has every fixed key`, () => {
    assert.deepEqual(missingStrings(table), []);
  });

  test(`strings/${code}.json has no calculator key the widget does not read`, () => {
    const known = new Set([
      ...STRING_KEYS.map((key) => STRING_PREFIX + key), ...ERROR_CODES.map(errorKey), ...Object.keys(CURRENCIES).map(currencyKey),
    ]);
    const unused = Object.keys(table).filter((key) => key.startsWith(STRING_PREFIX) && !known.has(key));
    assert.deepEqual(unused, []);
  });

  test(`strings/${code}.json: every error message fills its placeholders`, () => {
    const settings = calculatorSettings({ locale: LOCALES[code], currency: "NOK", vat_rate_bp: 2500, strings: table });
    for (const error of ERROR_CODES) {
      for (const field of ["contract_total", "percent_complete"]) {
        const message = errorMessage(settings, error, { field });
        assert.ok(message.trim().length > 5, `${error}: ${message}`);
        assert.doesNotMatch(message, /[{}<>]/, `${error} in strings/${code}.json: ${message}`);
      }
    }
  });
}

test("every fixed key is the form's (in the page config) or the engine's (in its part's file), not both", () => {
  assert.deepEqual(FORM_STRING_KEYS.filter((key) => ENGINE_STRING_KEYS.includes(key)), []);
  assert.equal(new Set(STRING_KEYS).size, STRING_KEYS.length);
  assert.deepEqual([...STRING_KEYS].sort(), [...FORM_STRING_KEYS, ...ENGINE_STRING_KEYS].sort());
  // The result's words and every message come with the engine.
  for (const key of ["result.invalid", "announce-error", "copied-summary", "summary.title"]) assert.ok(ENGINE_STRING_KEYS.includes(key), key);
});

test("the tables differ: every language has its own words", () => {
  const [first, second] = Object.values(TABLES);
  const same = STRING_KEYS.filter((key) => first[STRING_PREFIX + key] === second[STRING_PREFIX + key]
    && /[a-z]{4}/i.test(first[STRING_PREFIX + key]) && !/^\{/.test(first[STRING_PREFIX + key]));
  assert.ok(same.length < 3, `untranslated: ${same.join(", ")}`);
});

test("a table without a key is reported, not silently shown empty", () => {
  const table = { ...TABLES.en };
  delete table[errorKey("too_large")];
  delete table[STRING_PREFIX + "copy-link"];
  assert.deepEqual(missingStrings(table).sort(), [errorKey("too_large"), STRING_PREFIX + "copy-link"].sort());
  assert.throws(
    () => calculatorSettings({ locale: "en-GB", currency: "GBP", vat_rate_bp: 2000, strings: table }),
    /missing strings .*calculator\.copy-link/,
  );
});
