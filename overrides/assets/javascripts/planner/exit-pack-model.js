// What the exit pack prints, without the DOM: the checklists with the reader's ticks and the calculation's
// summary. exit-pack.js lays it out; planner.js adds the script and the confirmation.
//
// The checklists come from the build (scripts/playbook/blocks/planner/hooks.py writes them into the page;
// exit-pack.js builtChecklists reads them as [{id, title, items: [{id, text}]}], in the page's language);
// their ticks from where the
// checklist widget stores them (checklist-state.js: the same key and format, read and never written here).
// The calculation's summary needs the calculator's arithmetic, so it comes with the planner's calculation part
// (calculation-part.js calculationSummary).

import { decode, retain, storageKey } from "../checklist/checklist-state.js";

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The checklist definitions of the page config, checked.
 * @param {unknown} definitions
 * @returns {Array<{id: string, title: string, items: Array<{id: string, text: string}>}>}
 * @throws {Error} on anything the build would not have written
 */
export function readChecklists(definitions) {
  if (!Array.isArray(definitions)) throw new Error("exit pack: the page has no checklists");
  return definitions.map((list) => {
    if (!isRecord(list) || !ID.test(list.id) || typeof list.title !== "string" || !Array.isArray(list.items)) {
      throw new Error(`exit pack: malformed checklist ${JSON.stringify(list)?.slice(0, 80)}`);
    }
    for (const item of list.items) {
      if (!isRecord(item) || !ID.test(item.id) || typeof item.text !== "string") {
        throw new Error(`exit pack: malformed item in checklist ${list.id}`);
      }
    }
    return { id: list.id, title: list.title, items: list.items.map(({ id, text }) => ({ id, text })) };
  });
}

/**
 * Every checklist with each item's tick as the checklist widget stored it (unticked when nothing, something
 * corrupt or something newer is stored).
 * @param {ReturnType<typeof readChecklists>} checklists
 * @param {{read(key: string): string | null}} storage storage.js
 */
export function checklistsWithTicks(checklists, storage) {
  return checklists.map((list) => {
    const { ticked } = decode(storage.read(storageKey(list.id)));
    const kept = retain(ticked, list.items.map((item) => item.id));
    return { ...list, items: list.items.map((item) => ({ ...item, ticked: kept.has(item.id) })) };
  });
}

/** How many items are ticked, of how many. */
export function tickCount(checklists) {
  const items = checklists.flatMap((list) => list.items);
  return { done: items.filter((item) => item.ticked).length, total: items.length };
}
