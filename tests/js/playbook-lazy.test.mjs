// Tests for lazy() in overrides/assets/javascripts/playbook.js: a widget fetched after the page keeps what the
// reader changed in its root before the module arrived. A small stand-in for the DOM: controls whose events
// bubble to their root.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lazy } from "../../overrides/assets/javascripts/playbook.js";

class Root {
  listeners = new Map();
  addEventListener(type, listener) {
    this.listeners.set(listener, type);
  }
  removeEventListener(type, listener) {
    this.listeners.delete(listener);
  }
  fire(event) {
    for (const [listener, type] of [...this.listeners]) if (type === event.type) listener(event);
  }
}

class Control {
  constructor(root, type, state) {
    Object.assign(this, { root, type, isConnected: true, events: [] });
    if (type === "checkbox") this.checked = state;
    else this.value = state;
  }
  /** What the browser does when the reader changes the control. */
  readerSets(state) {
    if (this.type === "checkbox") this.checked = state;
    else this.value = state;
    this.dispatchEvent({ type: "input" });
    this.dispatchEvent({ type: "change" });
  }
  dispatchEvent(event) {
    this.events.push(event.type);
    this.root.fire({ type: event.type, target: this });
    return true;
  }
}

/** A widget module whose mount() sets every control from `stored` and records the changes it hears. */
function widget(stored) {
  const heard = [];
  let arrive;
  const module = new Promise((resolve) => (arrive = resolve));
  const mount = (root, context) => {
    assert.equal(context.language, "en");
    for (const [control, state] of stored) {
      if (control.type === "checkbox") control.checked = state;
      else control.value = state;
    }
    root.addEventListener("change", ({ target }) => heard.push([target, target.checked ?? target.value]));
  };
  return { load: () => module, arrive: () => arrive({ mount }), heard };
}

describe("lazy widgets", () => {
  test("a box ticked before the module arrives stays ticked and reaches the widget", async () => {
    const root = new Root();
    const early = new Control(root, "checkbox", false);
    const untouched = new Control(root, "checkbox", false);
    const { load, arrive, heard } = widget(new Map([[early, false], [untouched, true]]));
    const mounted = lazy(load)(root, { language: "en" });
    early.readerSets(true);
    arrive();
    await mounted;
    assert.equal(early.checked, true);
    assert.deepEqual(heard, [[early, true]]);
    assert.equal(untouched.checked, true, "what the reader did not touch keeps the stored state");
    assert.deepEqual(early.events, ["input", "change", "input", "change"]);
  });

  test("an early change the stored state already holds, or an unticked box, is applied as left", async () => {
    const root = new Root();
    const same = new Control(root, "checkbox", false);
    const unticked = new Control(root, "checkbox", true);
    const { load, arrive, heard } = widget(new Map([[same, true], [unticked, true]]));
    const mounted = lazy(load)(root, { language: "en" });
    same.readerSets(true);
    unticked.readerSets(false);
    arrive();
    await mounted;
    assert.equal(same.checked, true);
    assert.equal(unticked.checked, false);
    assert.deepEqual(heard, [[unticked, false]], "only the control that differs is announced again");
  });

  test("text typed early is kept; a control that left the page is skipped", async () => {
    const root = new Root();
    const field = new Control(root, "text", "");
    const gone = new Control(root, "checkbox", false);
    const { load, arrive, heard } = widget(new Map([[field, ""], [gone, false]]));
    const mounted = lazy(load)(root, { language: "en" });
    field.readerSets("12 500");
    gone.readerSets(true);
    gone.isConnected = false;
    arrive();
    await mounted;
    assert.equal(field.value, "12 500");
    assert.deepEqual(heard, [[field, "12 500"]]);
  });

  test("after the mount the widget alone listens", async () => {
    const root = new Root();
    const box = new Control(root, "checkbox", false);
    const { load, arrive, heard } = widget(new Map([[box, false]]));
    const mounted = lazy(load)(root, { language: "en" });
    arrive();
    await mounted;
    assert.equal(root.listeners.size, 1);
    box.readerSets(true);
    assert.deepEqual(heard, [[box, true]]);
  });

  test("a module that fails to load rejects", async () => {
    const root = new Root();
    await assert.rejects(lazy(() => Promise.reject(new Error("offline")))(root, {}), /offline/);
  });
});
