// Tests for overrides/assets/javascripts/lib/language-switch.js: the language menu keeps the reader's place.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fragmentFor, sectionAt, switchedUrl } from "../../overrides/assets/javascripts/lib/language-switch.js";

const PAGE = "http://127.0.0.1:8000/playbook/refunds.html";

describe("switchedUrl", () => {
  test("goes to the twin page at the section being read", () => {
    assert.equal(
      switchedUrl("en/refunds.html", PAGE, { hash: "", section: "credit-note" }),
      "http://127.0.0.1:8000/playbook/en/refunds.html#credit-note",
    );
  });

  test("carries the calculator's state as it is, whatever section is in view", () => {
    const hash = "#calc=2&total=4000000&paid=2500000";
    assert.equal(
      switchedUrl("../refunds.html", "http://h/en/refunds.html", { hash, section: "sources" }),
      `http://h/refunds.html${hash}`,
    );
  });

  test("keeps the address's own fragment when no section is in view, and replaces the link's", () => {
    assert.equal(switchedUrl("en/a.html#x", "http://h/a.html", { hash: "#notice" }), "http://h/en/a.html#notice");
    assert.equal(switchedUrl("en/a.html#x", "http://h/a.html", {}), "http://h/en/a.html");
  });
});

describe("fragmentFor", () => {
  test("state first, then the section, then the own fragment", () => {
    assert.equal(fragmentFor("#calc=1", "a"), "#calc=1");
    assert.equal(fragmentFor("#b", "a"), "#a");
    assert.equal(fragmentFor("#b", null), "#b");
    assert.equal(fragmentFor("", null), "");
  });
});

describe("sectionAt", () => {
  const headings = [
    { id: "one", top: -400 },
    { id: "two", top: 80 },
    { id: "three", top: 500 },
  ];
  test("the last heading at or above the line", () => {
    assert.equal(sectionAt(headings, 100), "two");
    assert.equal(sectionAt(headings, 0), "one");
  });
  test("none above the first heading", () => {
    assert.equal(sectionAt([{ id: "one", top: 200 }], 100), null);
    assert.equal(sectionAt([], 100), null);
  });
});
