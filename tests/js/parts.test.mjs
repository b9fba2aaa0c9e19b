// Tests for overrides/assets/javascripts/lib/parts.js: a widget's part is fetched once, a failed fetch can be
// tried again, a part that arrives but cannot be attached is broken for good, and the clicks held meanwhile
// are answered only when it is attached. A small stand-in for the DOM.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { partLoader } from "../../overrides/assets/javascripts/lib/parts.js";

class Element {
  attributes = new Map();
  listeners = [];
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name) {
    this.attributes.delete(name);
  }
  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type, listener, options) {
    this.listeners.push({ type, listener, options });
  }
  removeEventListener(type, listener) {
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.listener === listener));
  }
  /** Capture listeners first; a stopped event reaches no further listener. */
  fire(type, target) {
    let stopped = false;
    const event = { type, target, stopPropagation: () => (stopped = true) };
    const capturing = (l) => l.options === true || Boolean(l.options?.capture);
    for (const { listener, type: t } of [...this.listeners.filter(capturing), ...this.listeners.filter((l) => !capturing(l))]) {
      if (stopped) break;
      if (t === type) listener(event);
    }
  }
}

/** A button inside `root` that counts its clicks. */
function button(root) {
  const self = {
    isConnected: true, disabled: false, clicks: 0,
    closest: (selector) => (selector === "button" ? self : null),
    click() {
      self.clicks += 1;
      root.fire("click", self);
    },
  };
  return self;
}

/** A loader over a scripted network: each fetch takes the next answer ("ok", "offline"). */
function setup({ answers = ["ok"], attach = () => {}, holdClicks = false } = {}) {
  const root = new Element();
  const busy = new Element();
  const shown = [];
  const fetched = [];
  const busyWhenShown = [];
  const loader = partLoader({
    name: "demo", language: "nb", root, stateAttribute: "data-demo", busy, holdClicks,
    attach,
    show: (state) => {
      shown.push(state);
      busyWhenShown.push(busy.getAttribute("aria-busy"));
    },
    fetch: (name, language) => {
      fetched.push(`${name}.${language}`);
      const answer = answers.shift() ?? "ok";
      return answer === "ok" ? Promise.resolve([{ part: true }, { "demo.key": "tekst" }]) : Promise.reject(new Error(answer));
    },
  });
  return { root, busy, shown, fetched, busyWhenShown, loader };
}

const quietly = async (run) => {
  const error = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = error;
  }
};

describe("partLoader", () => {
  test("fetches once, however often it is asked, and hands the part and its strings to attach", async () => {
    const attached = [];
    const { root, busy, shown, fetched, busyWhenShown, loader } = setup({ attach: (part, strings) => attached.push([part, strings]) });
    assert.equal(loader.state(), null);
    const [a, b] = [loader.load(), loader.load()];
    assert.equal(root.getAttribute("data-demo"), "loading");
    assert.equal(busy.getAttribute("aria-busy"), "true");
    assert.deepEqual(await Promise.all([a, b]), [true, true]);
    assert.equal(await loader.load(), true);
    assert.deepEqual(fetched, ["demo.nb"]);
    assert.deepEqual(attached, [[{ part: true }, { "demo.key": "tekst" }]]);
    assert.deepEqual(shown, ["loading", "ready"]);
    assert.deepEqual(busyWhenShown, ["true", null]);
    assert.equal(root.getAttribute("data-demo"), "ready");
    assert.equal(loader.state(), "ready");
  });

  test("a failed fetch says failed, and the next load tries again", async () => {
    const { root, busy, shown, fetched, loader } = setup({ answers: ["offline", "ok"] });
    assert.equal(await quietly(() => loader.load()), false);
    assert.equal(root.getAttribute("data-demo"), "failed");
    assert.equal(busy.getAttribute("aria-busy"), null);
    assert.equal(await loader.load(), true);
    assert.deepEqual(fetched, ["demo.nb", "demo.nb"]);
    assert.deepEqual(shown, ["loading", "failed", "loading", "ready"]);
  });

  for (const [how, attach] of [
    ["throws", () => { throw new Error("lacks demo.key"); }],
    ["rejects", () => Promise.reject(new Error("lacks demo.key"))],
    ["throws a non-error", () => { throw "lacks"; }],
  ]) {
    test(`a part whose attach ${how} is broken: never fetched again, every load false`, async () => {
      const { root, shown, fetched, loader } = setup({ attach });
      assert.equal(await quietly(() => loader.load()), false);
      assert.equal(root.getAttribute("data-demo"), "broken");
      assert.equal(await loader.load(), false);
      assert.deepEqual(fetched, ["demo.nb"]);
      assert.deepEqual(shown, ["loading", "broken"]);
    });
  }

  test("clicks held while the part loads are answered once it is attached, after attach", async () => {
    let attachedWhenClicked = null;
    let attached = false;
    const { root, loader } = setup({ holdClicks: true, attach: () => { attached = true; } });
    const copy = button(root);
    root.addEventListener("click", () => (attachedWhenClicked = attached));
    const loaded = loader.load();
    copy.click();
    assert.equal(await loaded, true);
    assert.equal(copy.clicks, 2);
    assert.equal(attachedWhenClicked, true);
  });

  test("clicks held while the part fails are dropped, not answered after a later retry", async () => {
    const { root, loader } = setup({ holdClicks: true, answers: ["offline", "ok"] });
    const copy = button(root);
    const failed = quietly(() => loader.load());
    copy.click();
    assert.equal(await failed, false);
    assert.equal(await loader.load(), true);
    assert.equal(copy.clicks, 1);
    const again = button(root);
    again.click();
    assert.equal(again.clicks, 1, "nothing is held once the part is attached");
  });

  test("clicks made after a failure and before the retry succeeds are answered", async () => {
    const { root, loader } = setup({ holdClicks: true, answers: ["offline", "ok"] });
    await quietly(() => loader.load());
    const retrying = loader.load();
    const copy = button(root);
    copy.click();
    assert.equal(await retrying, true);
    assert.equal(copy.clicks, 2);
  });

  test("a click held while the part finishes attaching is answered once, after attach settles", async () => {
    let finish;
    let answered = 0;
    const { root, loader } = setup({
      holdClicks: true,
      attach: () => {
        // The part wires its handler at once, then waits (the planner's texts wait for the calculation part).
        root.addEventListener("click", () => (answered += 1));
        return new Promise((resolve) => (finish = resolve));
      },
    });
    const early = button(root);
    const loaded = loader.load();
    early.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    early.click(); // while attaching: held too, and not seen by the part's handler yet
    assert.equal(answered, 0);
    finish();
    assert.equal(await loaded, true);
    assert.equal(answered, 1, "answered once, when the part is ready");
  });
});
