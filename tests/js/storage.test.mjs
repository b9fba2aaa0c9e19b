// Tests for overrides/assets/javascripts/lib/storage.js: safe localStorage for every widget.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { openStorage } from "../../overrides/assets/javascripts/lib/storage.js";

function mapStorage() {
  const data = new Map();
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}

const throwing = (name) => () => {
  throw new DOMException("denied", name);
};

describe("openStorage", () => {
  test("reads, writes and removes through the browser's storage", () => {
    const backend = mapStorage();
    const storage = openStorage(() => backend);
    assert.equal(storage.read("k"), null);
    assert.equal(storage.write("k", "v"), true);
    assert.equal(backend.data.get("k"), "v");
    assert.equal(storage.read("k"), "v");
    assert.equal(storage.remove("k"), true);
    assert.equal(storage.read("k"), null);
    assert.equal(storage.saved, true);
  });

  test("looks the storage up lazily, so opening it never throws", () => {
    let lookedUp = 0;
    const storage = openStorage(() => {
      lookedUp += 1;
      throw new DOMException("denied", "SecurityError");
    });
    assert.equal(lookedUp, 0);
    assert.equal(storage.read("k"), null);
    assert.equal(lookedUp, 1);
  });

  for (const [name, getStorage] of [
    ["reading localStorage throws (storage turned off)", throwing("SecurityError")],
    ["there is no localStorage", () => undefined],
    ["every method throws", () => ({ getItem: throwing("x")(), setItem: throwing("x"), removeItem: throwing("x") })],
  ]) {
    test(`when ${name}, values live in memory for the visit`, () => {
      const storage = openStorage(getStorage);
      assert.equal(storage.read("k"), null);
      assert.equal(storage.write("k", "v"), false);
      assert.equal(storage.read("k"), "v");
      assert.equal(storage.remove("k"), false);
      assert.equal(storage.read("k"), null);
      assert.equal(storage.saved, false);
    });
  }

  test("a write the browser refuses (quota) is kept in memory and wins over the stale stored value", () => {
    const backend = mapStorage();
    backend.data.set("k", "old");
    let full = true;
    const setItem = backend.setItem;
    backend.setItem = (key, value) => {
      if (full) throw new DOMException("quota", "QuotaExceededError");
      setItem(key, value);
    };
    const storage = openStorage(() => backend);
    assert.equal(storage.write("k", "new"), false);
    assert.equal(storage.read("k"), "new");
    assert.equal(backend.data.get("k"), "old");
    full = false;
    assert.equal(storage.write("k", "newer"), true);
    assert.equal(backend.data.get("k"), "newer");
    assert.equal(storage.read("k"), "newer");
  });

  test("a non-string from a broken storage reads as nothing", () => {
    const storage = openStorage(() => ({ getItem: () => 42, setItem() {}, removeItem() {} }));
    assert.equal(storage.read("k"), null);
  });

  test("behaves like a map for any sequence of operations, working or failing", () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant("write"), key: fc.constantFrom("a", "b"), value: fc.string() }),
      fc.record({ op: fc.constant("remove"), key: fc.constantFrom("a", "b") }),
      fc.record({ op: fc.constant("toggle") }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const backend = mapStorage();
        let broken = false;
        const storage = openStorage(() => {
          if (broken) throw new DOMException("denied", "SecurityError");
          return backend;
        });
        const model = new Map();
        for (const { op, key, value } of operations) {
          if (op === "toggle") broken = !broken;
          else if (op === "write") {
            storage.write(key, value);
            model.set(key, value);
          } else {
            storage.remove(key);
            model.delete(key);
          }
          for (const k of ["a", "b"]) assert.equal(storage.read(k), model.has(k) ? model.get(k) : null);
        }
      }),
    );
  });
});
