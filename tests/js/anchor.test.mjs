// Tests for overrides/assets/javascripts/lib/anchor.js: a link's target stays in place while widgets mount.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { alignedScroll, targetId } from "../../overrides/assets/javascripts/lib/anchor.js";

describe("targetId", () => {
  test("an element id, decoded", () => {
    assert.equal(targetId("#pushback"), "pushback");
    assert.equal(targetId("#f%C3%B8r"), "før");
  });
  test("none for no fragment, a widget's state or a broken escape", () => {
    assert.equal(targetId(""), null);
    assert.equal(targetId("#"), null);
    assert.equal(targetId("#calc=1&total=100"), null);
    assert.equal(targetId("#%E0%A4%A"), null);
  });
});

describe("alignedScroll", () => {
  const page = { scrollHeight: 5000, viewportHeight: 900, margin: 64 };
  test("puts the target its scroll margin below the top after the page grew above it", () => {
    // The browser had scrolled to 1000; a widget above then grew by 400 px.
    assert.equal(alignedScroll({ ...page, scrollY: 1000, targetTop: 464 }), 1400);
  });
  test("leaves an aligned target where it is", () => {
    assert.equal(alignedScroll({ ...page, scrollY: 1000, targetTop: 64 }), 1000);
  });
  test("stops at the end and at the start of the page", () => {
    assert.equal(alignedScroll({ ...page, scrollY: 4000, targetTop: 600 }), 4100);
    assert.equal(alignedScroll({ ...page, scrollY: 10, targetTop: 20 }), 0);
  });
});
