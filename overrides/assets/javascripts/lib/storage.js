// Safe access to the browser's localStorage, for any widget that remembers something between visits.
//
// localStorage may be missing or throw on every access: turned off by the reader or a policy (reading the
// property itself throws a SecurityError), full (a write throws QuotaExceededError), or blocked in a sandboxed
// frame. A widget must then keep working for the visit. openStorage() wraps it so that no call ever throws:
//
//   import { openStorage } from "../lib/storage.js";
//   const storage = openStorage();       // one per page is enough; pass () => fakeStorage in tests
//   storage.read(key)                    // -> string | null
//   storage.write(key, text)             // -> true when saved in the browser, false when kept for this visit
//   storage.remove(key)                  // -> true when removed from the browser
//   storage.saved                        // false once any access failed: tell the reader ticks are not kept
//
// Every write and removal of the visit is also remembered in memory: one the browser refused wins over what
// it stores, and when reading fails the visit's own value is returned, so the page behaves the same for the
// rest of the visit. Otherwise reads go to the browser, and see what other tabs stored.
//
// Keys are the widget's own ("playbook.<widget>.<id>"): never clear() the whole storage, other widgets and
// Material keep their data there too. Values are strings; the widget owns their format (and its version).

/** @typedef {{ getItem(key: string): string | null, setItem(key: string, value: string): void,
 *              removeItem(key: string): void }} StorageLike */

/**
 * @param {() => StorageLike | null | undefined} getStorage looked up on every access, inside a try
 */
export function openStorage(getStorage = () => globalThis.localStorage) {
  /** This visit's writes and removals (null), with whether the browser's storage took them. */
  const visit = new Map();
  let saved = true;

  const attempt = (action) => {
    try {
      const backend = getStorage();
      if (!backend) throw new Error("no localStorage");
      return { ok: true, value: action(backend) };
    } catch {
      saved = false;
      return { ok: false, value: null };
    }
  };

  const remember = (key, value, ok) => {
    visit.set(key, { value, ok });
    return ok;
  };

  return {
    get saved() {
      return saved;
    },
    read(key) {
      const mine = visit.get(key);
      if (mine && !mine.ok) return mine.value;
      const result = attempt((backend) => backend.getItem(key));
      if (!result.ok) return mine ? mine.value : null;
      return typeof result.value === "string" ? result.value : null;
    },
    write(key, text) {
      return remember(key, text, attempt((backend) => backend.setItem(key, text)).ok);
    },
    remove(key) {
      return remember(key, null, attempt((backend) => backend.removeItem(key)).ok);
    },
  };
}
