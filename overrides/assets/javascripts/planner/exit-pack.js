// The exit pack: one print view of the call script, the written confirmation, the checklists with the reader's
// ticks and the calculation's summary. A section inside the planner that only paper shows (planner.css); the
// planner fills it whenever something changes and again right before printing. Text goes in as textContent.

import { h } from "../lib/dom.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/planner/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-exit-pack",
  part: "data-exit-pack-part",
  item: "data-exit-pack-item",
  ticked: "data-ticked",
});

const TICKED = "\u2611";
const UNTICKED = "\u2610";


/**
 * Build the exit pack's section.
 * @param {(key: string, values?: object) => string} t the planner's strings ("planner.exit-pack.*")
 * @returns {{element: HTMLElement, update(model: {script: string, confirmation: string,
 *   checklists: Array<{id, title, items: Array<{id, text, ticked}>}>, calculation: string | null}): void}}
 */
export function createExitPack(t) {
  const titleId = "exit-pack-title";
  const section = h("section", { class: "exit-pack", [ATTRIBUTES.root]: "", "aria-labelledby": titleId });
  const part = (name) => h("div", { class: `exit-pack__part exit-pack__part--${name}`, [ATTRIBUTES.part]: name });
  const parts = {
    script: part("script"),
    confirmation: part("confirmation"),
    checklists: part("checklists"),
    calculation: part("calculation"),
  };
  const tally = h("p", { class: "exit-pack__tally" });
  section.append(
    h("h3", { id: titleId, class: "exit-pack__title" }, t("exit-pack.title")),
    h("p", { class: "exit-pack__intro" }, t("exit-pack.intro")),
    h("h4", { class: "exit-pack__heading" }, t("exit-pack.script")),
    parts.script,
    h("h4", { class: "exit-pack__heading" }, t("exit-pack.confirmation")),
    parts.confirmation,
    h("h4", { class: "exit-pack__heading" }, t("exit-pack.checklists")),
    tally,
    parts.checklists,
    h("h4", { class: "exit-pack__heading" }, t("exit-pack.calculation")),
    parts.calculation,
  );

  function update({ script, confirmation, checklists, calculation }) {
    parts.script.textContent = script;
    parts.confirmation.textContent = confirmation;
    const items = checklists.flatMap((list) => list.items);
    tally.textContent = t("exit-pack.tally", { done: items.filter((item) => item.ticked).length, total: items.length });
    parts.checklists.replaceChildren(
      ...checklists.map((list) => {
        const block = h("div", { class: "exit-pack__checklist" });
        const listing = h("ul", { class: "exit-pack__items" });
        listing.append(
          ...list.items.map((item) => {
            const li = h("li", {
              class: "exit-pack__item",
              [ATTRIBUTES.item]: `${list.id}/${item.id}`,
              [ATTRIBUTES.ticked]: String(item.ticked),
            });
            li.append(h("span", { class: "exit-pack__box", "aria-hidden": "true" }, item.ticked ? TICKED : UNTICKED), " ", item.text);
            return li;
          }),
        );
        block.append(h("p", { class: "exit-pack__checklist-title" }, list.title), listing);
        return block;
      }),
    );
    parts.calculation.textContent = calculation ?? t("exit-pack.no-calculation");
    parts.calculation.classList.toggle("exit-pack__part--empty", !calculation);
  }

  return { element: section, update };
}
