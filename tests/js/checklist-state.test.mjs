// Tests for overrides/assets/javascripts/checklist/checklist-state.js: keys, the stored format and its version, the
// migration hook, and what happens with corrupted, newer or throwing storage.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  KEY_PREFIX, MIGRATIONS, VERSION, decode, encode, fill, forget, load, migrate, progress, retain, save,
  storageKey,
} from "../../overrides/assets/javascripts/checklist/checklist-state.js";
import { openStorage } from "../../overrides/assets/javascripts/lib/storage.js";

const ITEM_ID = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}$/);
const ITEMS = ["reason-in-facts", "reread-contract", "write-script"];

/** A Storage-like Map that records every call, like the browser's localStorage. */
function fakeStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  const calls = [];
  return {
    data,
    calls,
    getItem(key) {
      calls.push(["getItem", key]);
      return data.has(key) ? data.get(key) : null;
    },
    setItem(key, value) {
      calls.push(["setItem", key]);
      data.set(key, String(value));
    },
    removeItem(key) {
      calls.push(["removeItem", key]);
      data.delete(key);
    },
    clear() {
      throw new Error("a checklist must never clear the whole storage");
    },
  };
}

describe("storageKey", () => {
  test("is the checklist id under the playbook's prefix, with no language or page in it", () => {
    assert.equal(storageKey("before-call"), "playbook.checklist.before-call");
    assert.equal(KEY_PREFIX, "playbook.checklist.");
  });

  test("rejects ids the build would not accept", () => {
    for (const bad of ["", "Before", "a_b", "a--b", "-a", null, undefined, 3]) {
      assert.throws(() => storageKey(bad), /Invalid checklist id/);
    }
  });
});

describe("encode and decode", () => {
  test("the stored text carries the version and the ticked item ids, sorted", () => {
    assert.equal(VERSION, 1);
    assert.deepEqual(JSON.parse(encode(new Set(["write-script", "reason-in-facts"]))), {
      version: 1,
      ticked: ["reason-in-facts", "write-script"],
    });
  });

  test("round-trips any set of item ids", () => {
    fc.assert(
      fc.property(fc.uniqueArray(ITEM_ID, { maxLength: 30 }), (ids) => {
        const { ticked, status } = decode(encode(new Set(ids)));
        assert.equal(status, "ok");
        assert.deepEqual([...ticked].sort(), [...ids].sort());
      }),
    );
  });

  test("nothing stored is an empty checklist", () => {
    assert.deepEqual(decode(null), { ticked: new Set(), status: "empty" });
  });

  test("corrupted or foreign entries start the checklist empty", () => {
    const corrupt = [
      "{not json",
      "",
      "null",
      "42",
      '"text"',
      "[]",
      "{}",
      '{"ticked":["a"]}',
      '{"version":"1","ticked":["a"]}',
      '{"version":0,"ticked":["a"]}',
      '{"version":1.5,"ticked":["a"]}',
      '{"version":1}',
      '{"version":1,"ticked":"a"}',
      '{"version":1,"ticked":[1]}',
      '{"version":1,"ticked":["Not An Id"]}',
    ];
    for (const text of corrupt) {
      assert.deepEqual(decode(text), { ticked: new Set(), status: "corrupt" }, text);
    }
  });

  test("decode never throws, whatever the storage holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const { ticked, status } = decode(text);
        assert.ok(ticked instanceof Set);
        assert.ok(["ok", "corrupt", "newer"].includes(status));
      }),
      { numRuns: 2000 },
    );
  });

  test("an entry written by a later version is not read as this one", () => {
    assert.deepEqual(decode('{"version":2,"ticked":["a"]}'), { ticked: new Set(), status: "newer" });
  });
});

describe("migration hook", () => {
  // A pretend version 2 that stores ticks as {"done": {...}}; version 1 data must be brought up to it.
  const toTwo = { 1: (data) => ({ version: 2, done: Object.fromEntries(data.ticked.map((id) => [id, true])) }) };

  test("the shipped format needs no migration yet", () => {
    assert.deepEqual(Object.keys(MIGRATIONS), []);
    assert.ok(Object.isFrozen(MIGRATIONS));
  });

  test("migrate applies the steps from the stored version up to the current one", () => {
    assert.deepEqual(migrate({ version: 1, ticked: ["a"] }, toTwo, 2), { version: 2, done: { a: true } });
    const twoSteps = {
      1: (data) => ({ version: 2, ids: data.ticked }),
      2: (data) => ({ version: 3, ticked: data.ids.concat("added") }),
    };
    assert.deepEqual(migrate({ version: 1, ticked: ["a"] }, twoSteps, 3), { version: 3, ticked: ["a", "added"] });
  });

  test("a missing, throwing or non-advancing step gives null instead of wrong data", () => {
    assert.equal(migrate({ version: 1, ticked: [] }, {}, 2), null);
    assert.equal(migrate({ version: 1, ticked: [] }, { 1: () => { throw new Error("x"); } }, 2), null);
    assert.equal(migrate({ version: 1, ticked: [] }, { 1: (data) => data }, 2), null);
    assert.equal(migrate({ version: 1, ticked: [] }, { 1: () => "text" }, 2), null);
  });

  test("decode reports migrated data, and a failed migration as corrupt", () => {
    const toTwoTicked = { 1: (data) => ({ version: 2, ticked: data.ticked }) };
    assert.deepEqual(decode('{"version":1,"ticked":["a"]}', toTwoTicked, 2), {
      ticked: new Set(["a"]),
      status: "migrated",
    });
    assert.deepEqual(decode('{"version":1,"ticked":["a"]}', {}, 2), { ticked: new Set(), status: "corrupt" });
  });
});

describe("retain and progress", () => {
  test("retain drops only the ids no longer on the page", () => {
    assert.deepEqual(retain(new Set(["a", "gone", "c"]), ["a", "b", "c"]), new Set(["a", "c"]));
  });

  test("progress counts ticked items on the page, whatever their order", () => {
    assert.deepEqual(progress(new Set(["c", "a", "gone"]), ["a", "b", "c"]), { done: 2, total: 3 });
    assert.deepEqual(progress(new Set(), ["a"]), { done: 0, total: 1 });
  });
});

describe("fill", () => {
  test("fills the translated progress strings", () => {
    assert.equal(fill("{done} av {total} gjort", { done: 3, total: 7 }), "3 av 7 gjort");
    assert.equal(fill("{done} of {total} done", { done: 0, total: 8 }), "0 of 8 done");
    assert.equal(fill("Clear every tick in “{title}”?", { title: "Before" }), "Clear every tick in “Before”?");
  });

  test("an unknown placeholder throws instead of showing braces", () => {
    assert.throws(() => fill("{done} av {totl}", { done: 1, total: 2 }), /No value for \{totl\}/);
  });
});

describe("load, save and forget through storage.js", () => {
  test("ticks stored under one checklist id come back, and stay apart from other checklists", () => {
    const backend = fakeStorage({ "playbook.checklist.after-call": encode(new Set(["let-it-go"])), other: "x" });
    const storage = openStorage(() => backend);
    assert.equal(save(storage, "before-call", new Set(["write-script"])), true);
    assert.deepEqual(load(storage, "before-call", ITEMS), { ticked: new Set(["write-script"]), status: "ok" });
    assert.equal(forget(storage, "before-call"), true);
    assert.equal(backend.data.has("playbook.checklist.before-call"), false);
    assert.equal(backend.data.get("playbook.checklist.after-call"), encode(new Set(["let-it-go"])));
    assert.equal(backend.data.get("other"), "x");
  });

  test("reordered or reworded items keep their ticks; a removed item drops only its own", () => {
    const stored = encode(new Set(["reason-in-facts", "removed-item", "write-script"]));
    const backend = fakeStorage({ "playbook.checklist.before-call": stored });
    const storage = openStorage(() => backend);
    const { ticked } = load(storage, "before-call", ["write-script", "new-item", "reason-in-facts"]);
    assert.deepEqual(ticked, new Set(["reason-in-facts", "write-script"]));
    assert.equal(backend.data.get("playbook.checklist.before-call"), encode(ticked));
  });

  test("loading unchanged ticks writes nothing", () => {
    const backend = fakeStorage({ "playbook.checklist.before-call": encode(new Set(["write-script"])) });
    load(openStorage(() => backend), "before-call", ITEMS);
    assert.deepEqual(backend.calls, [["getItem", "playbook.checklist.before-call"]]);
  });

  test("a corrupted entry starts empty and is left alone until the reader ticks", () => {
    const backend = fakeStorage({ "playbook.checklist.before-call": "{oops" });
    const storage = openStorage(() => backend);
    assert.deepEqual(load(storage, "before-call", ITEMS), { ticked: new Set(), status: "corrupt" });
    assert.equal(backend.data.get("playbook.checklist.before-call"), "{oops");
    save(storage, "before-call", new Set(["write-script"]));
    assert.equal(load(storage, "before-call", ITEMS).status, "ok");
  });

  test("storage that throws: ticks still work for the visit, and nothing throws", () => {
    const denied = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    const storage = openStorage(denied);
    assert.deepEqual(load(storage, "before-call", ITEMS), { ticked: new Set(), status: "empty" });
    assert.equal(save(storage, "before-call", new Set(["write-script"])), false);
    assert.deepEqual(load(storage, "before-call", ITEMS).ticked, new Set(["write-script"]));
    assert.equal(forget(storage, "before-call"), false);
    assert.deepEqual(load(storage, "before-call", ITEMS).ticked, new Set());
    assert.equal(storage.saved, false);
  });

  test("a full storage (quota) keeps the new ticks for the visit", () => {
    const backend = fakeStorage({ "playbook.checklist.before-call": encode(new Set(["reason-in-facts"])) });
    backend.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    const storage = openStorage(() => backend);
    assert.equal(save(storage, "before-call", new Set(["reason-in-facts", "write-script"])), false);
    assert.deepEqual(load(storage, "before-call", ITEMS).ticked, new Set(["reason-in-facts", "write-script"]));
  });
});
