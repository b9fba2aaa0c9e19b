// A checklist's ticks: how they are keyed, stored, versioned and counted. No DOM; checklist.js is the view.
//
// One storage entry per checklist, keyed by the checklist id alone, so the Norwegian and the English page of
// a checklist (same ids, enforced by the build) share it:
//
//   localStorage["playbook.checklist.before-call"] = '{"version":1,"ticked":["reason-in-facts","write-script"]}'
//
// Ticks are item ids, never positions or texts: rewording or reordering items keeps them, and an id that is
// no longer on the page is dropped (retain) without touching the others. "version" lets a later format
// migrate what readers already stored: bump VERSION and add MIGRATIONS[old] = (data) => data of old + 1.

export const VERSION = 1;
export const KEY_PREFIX = "playbook.checklist.";
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Steps from one stored version to the next: MIGRATIONS[n](data of version n) returns data of version n + 1.
 * @type {Readonly<Record<number, (data: object) => object>>}
 */
export const MIGRATIONS = Object.freeze({});

/** The storage key of a checklist; throws on an id the build would not have let through. */
export function storageKey(checklistId) {
  if (typeof checklistId !== "string" || !ID.test(checklistId)) {
    throw new Error(`Invalid checklist id ${JSON.stringify(checklistId)}`);
  }
  return KEY_PREFIX + checklistId;
}

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Bring stored data up to `version` through `migrations`; null when a step is missing or fails.
 * @returns {object | null}
 */
export function migrate(data, migrations = MIGRATIONS, version = VERSION) {
  let current = data;
  while (isRecord(current) && Number.isInteger(current.version) && current.version < version) {
    const step = migrations[current.version];
    if (typeof step !== "function") return null;
    let next;
    try {
      next = step(current);
    } catch {
      return null;
    }
    if (!isRecord(next) || !(next.version > current.version)) return null;
    current = next;
  }
  return current;
}

/**
 * Read a stored entry.
 * status: "empty" (nothing stored), "ok", "migrated" (an older version, brought up to date),
 * "corrupt" (not JSON or not the expected shape), "newer" (written by a later version of the site).
 * In every case but "ok" and "migrated" the checklist starts unticked.
 * @param {string | null} text
 * @returns {{ ticked: Set<string>, status: "empty" | "ok" | "migrated" | "corrupt" | "newer" }}
 */
export function decode(text, migrations = MIGRATIONS, version = VERSION) {
  if (text === null || text === undefined) return { ticked: new Set(), status: "empty" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ticked: new Set(), status: "corrupt" };
  }
  if (!isRecord(data) || !Number.isInteger(data.version) || data.version < 1) {
    return { ticked: new Set(), status: "corrupt" };
  }
  if (data.version > version) return { ticked: new Set(), status: "newer" };
  const current = migrate(data, migrations, version);
  if (!current || current.version !== version) return { ticked: new Set(), status: "corrupt" };
  const { ticked } = current;
  if (!Array.isArray(ticked) || !ticked.every((id) => typeof id === "string" && ID.test(id))) {
    return { ticked: new Set(), status: "corrupt" };
  }
  return { ticked: new Set(ticked), status: data.version === version ? "ok" : "migrated" };
}

/** The stored text of a set of ticked item ids (sorted, so equal sets store equal text). */
export function encode(ticked, version = VERSION) {
  return JSON.stringify({ version, ticked: [...ticked].sort() });
}

/** The ticks that belong to items still on the page. */
export function retain(ticked, itemIds) {
  const present = new Set(itemIds);
  return new Set([...ticked].filter((id) => present.has(id)));
}

/** How many of the page's items are ticked. */
export function progress(ticked, itemIds) {
  return { done: itemIds.filter((id) => ticked.has(id)).length, total: itemIds.length };
}

/** Fill "{name}" placeholders of a translated string; an unknown placeholder throws (a typo in strings). */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in values)) throw new Error(`No value for ${whole} in ${JSON.stringify(template)}`);
    return String(values[name]);
  });
}

/**
 * The ticks of a checklist on a page with `itemIds`, from `storage` (see storage.js).
 * Ticks of items no longer on the page are dropped from storage; a migrated entry is stored in the new
 * format. Corrupt or newer entries are left alone until the reader ticks something.
 */
export function load(storage, checklistId, itemIds) {
  const key = storageKey(checklistId);
  const { ticked, status } = decode(storage.read(key));
  const kept = retain(ticked, itemIds);
  if (status === "migrated" || (status === "ok" && kept.size !== ticked.size)) {
    storage.write(key, encode(kept));
  }
  return { ticked: kept, status };
}

/** Store the ticks; true when saved in the browser (false: kept for this visit only). */
export function save(storage, checklistId, ticked) {
  return storage.write(storageKey(checklistId), encode(ticked));
}

/** Forget every tick of one checklist (and nothing else). */
export function forget(storage, checklistId) {
  return storage.remove(storageKey(checklistId));
}
