// Tests for overrides/assets/javascripts/lib/interaction.js: a widget's part is loaded on first use, once, and
// a button clicked before the part arrived is clicked again once it has. A small stand-in for the DOM.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { USE_EVENTS, holdClicks, whenUsed } from "../../overrides/assets/javascripts/lib/interaction.js";

class Target {
  listeners = [];
  addEventListener(type, listener, options) {
    this.listeners.push({ type, listener, capture: options === true || Boolean(options?.capture) });
  }
  removeEventListener(type, listener, options) {
    const capture = options === true || Boolean(options?.capture);
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.listener === listener && l.capture === capture));
  }
  /** Capture listeners first; a stopped event reaches no further listener (as at the root in the capture
   * phase, before the target's own). */
  fire(type, target = this) {
    let stopped = false;
    const event = { type, target, stopPropagation: () => (stopped = true) };
    const ordered = [...this.listeners.filter((l) => l.capture), ...this.listeners.filter((l) => !l.capture)];
    for (const { listener, type: t } of ordered) {
      if (stopped) break;
      if (t === type) listener(event);
    }
  }
}

class Button {
  constructor(root, { disabled = false } = {}) {
    Object.assign(this, { root, disabled, isConnected: true, clicks: 0 });
  }
  closest(selector) {
    return selector === "button" ? this : null;
  }
  click() {
    this.clicks += 1;
    this.root.fire("click", this);
  }
}

describe("whenUsed", () => {
  for (const type of USE_EVENTS) {
    test(`starts once on ${type}, and stops listening`, () => {
      const root = new Target();
      let started = 0;
      whenUsed(root, () => (started += 1));
      assert.equal(started, 0);
      root.fire(type);
      root.fire(type);
      for (const other of USE_EVENTS) root.fire(other);
      assert.equal(started, 1);
      assert.equal(root.listeners.length, 0);
    });
  }

  test("does not start on events that are not use (scrolling past, a resize)", () => {
    const root = new Target();
    let started = 0;
    whenUsed(root, () => (started += 1));
    for (const type of ["scroll", "resize", "load", "change"]) root.fire(type);
    assert.equal(started, 0);
  });

  test("the returned function starts at once, and only once with later events", () => {
    const root = new Target();
    let started = 0;
    const now = whenUsed(root, () => (started += 1));
    now();
    now();
    root.fire("focusin");
    assert.equal(started, 1);
    assert.equal(root.listeners.length, 0);
  });

  test("listens in the capture phase, before the widget's own handlers", () => {
    const root = new Target();
    whenUsed(root, () => {});
    assert.ok(root.listeners.length === USE_EVENTS.length && root.listeners.every((l) => l.capture));
  });
});

describe("holdClicks", () => {
  test("clicks again, in order and once each, the buttons clicked before release", () => {
    const root = new Target();
    const [a, b] = [new Button(root), new Button(root)];
    const order = [];
    const hold = holdClicks(root);
    b.click();
    a.click();
    b.click();
    root.addEventListener("click", ({ target }) => order.push(target === a ? "a" : "b"));
    hold.release();
    assert.deepEqual(order, ["b", "a"]);
    assert.equal(root.listeners.filter((l) => l.capture).length, 0);
    a.click();
    assert.deepEqual(order, ["b", "a", "a"]);
  });

  test("does not click a button that left the page or was disabled meanwhile", () => {
    const root = new Target();
    const [gone, off, kept] = [new Button(root), new Button(root), new Button(root)];
    const hold = holdClicks(root);
    for (const button of [gone, off, kept]) button.click();
    gone.isConnected = false;
    off.disabled = true;
    hold.release();
    assert.deepEqual([gone.clicks, off.clicks, kept.clicks], [1, 1, 2]);
  });

  test("ignores clicks outside buttons, and drop() forgets what it held", () => {
    const root = new Target();
    const button = new Button(root);
    const hold = holdClicks(root);
    root.fire("click", { closest: () => null });
    root.fire("click", {});
    button.click();
    hold.drop();
    hold.release();
    assert.equal(button.clicks, 1);
    assert.equal(root.listeners.length, 0);
  });

  test("a held click reaches no other handler until it is clicked again", () => {
    const root = new Target();
    const button = new Button(root);
    let answered = 0;
    root.addEventListener("click", () => (answered += 1));
    const hold = holdClicks(root);
    button.click();
    button.click();
    assert.equal(answered, 0, "the part's handler, wired meanwhile, does not answer a held click");
    hold.release();
    assert.equal(answered, 1, "answered once, by the click again");
  });

  test("typing after a click forgets the clicks held so far (the reader moved on)", () => {
    const root = new Target();
    const [remove, add] = [new Button(root), new Button(root)];
    const hold = holdClicks(root);
    remove.click();
    root.fire("input");
    add.click();
    hold.release();
    assert.deepEqual([remove.clicks, add.clicks], [1, 2]);
    assert.equal(root.listeners.length, 0);
  });
});
