// The exit pack: one print view of the call script, the written confirmation, the checklists with the reader's
// ticks and the calculation's summary. A section inside the planner that only paper shows (planner.css); the
// planner fills it whenever something changes and again right before printing. Text goes in as textContent.
//
// The checklists come written by the build (scripts/playbook/blocks/planner/hooks.py): a <template
// data-exit-pack-checklists> in the planner's root holds every checklist of the language, lean (each list a
// <div data-exit-pack-list> with its title in a <p> and a <ul> of <li data-exit-pack-item>). This module
// copies that markup into the pack, dresses it (classes, a box before each item) and sets each item's tick.

import { h } from "../lib/dom.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/planner/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-exit-pack",
  part: "data-exit-pack-part",
  item: "data-exit-pack-item",
  ticked: "data-ticked",
  template: "data-exit-pack-checklists",
  list: "data-exit-pack-list",
});

const TICKED = "\u2611";
const UNTICKED = "\u2610";


/**
 * The checklists the build wrote into the planner's root, as data (exit-pack-model.js readChecklists checks
 * it): `[{id, title, items: [{id, text}]}]`, or null when the page has no such template.
 * @param {ParentNode} root the planner's root
 */
export function builtChecklists(root) {
  const template = root.querySelector(`template[${ATTRIBUTES.template}]`);
  if (!template) return null;
  return [...template.content.querySelectorAll(`[${ATTRIBUTES.list}]`)].map((list) => ({
    id: list.getAttribute(ATTRIBUTES.list),
    title: list.querySelector("p")?.textContent ?? "",
    items: [...list.querySelectorAll(`[${ATTRIBUTES.item}]`)].map((item) => ({
      id: item.getAttribute(ATTRIBUTES.item).split("/").pop(),
      text: item.textContent,
    })),
  }));
}

/**
 * Build the exit pack's section around the build's checklists.
 * @param {(key: string, values?: object) => string} t the planner's strings ("planner.exit-pack.*")
 * @param {HTMLTemplateElement | null} template the build's <template data-exit-pack-checklists>
 * @returns {{element: HTMLElement, update(model: {script: string, confirmation: string,
 *   checklists: Array<{id, items: Array<{id, ticked}>}>, calculation: string | null}): void}}
 */
export function createExitPack(t, template) {
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
  if (template) parts.checklists.append(template.content.cloneNode(true));
  for (const list of parts.checklists.querySelectorAll(`[${ATTRIBUTES.list}]`)) {
    list.classList.add("exit-pack__checklist");
    list.querySelector("p")?.classList.add("exit-pack__checklist-title");
    list.querySelector("ul")?.classList.add("exit-pack__items");
  }
  const itemNodes = new Map([...parts.checklists.querySelectorAll(`[${ATTRIBUTES.item}]`)].map((li) => {
    li.classList.add("exit-pack__item");
    li.setAttribute(ATTRIBUTES.ticked, "false");
    li.prepend(h("span", { class: "exit-pack__box", "aria-hidden": "true" }, UNTICKED), " ");
    return [li.getAttribute(ATTRIBUTES.item), li];
  }));
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
    for (const list of checklists) {
      for (const item of list.items) {
        const li = itemNodes.get(`${list.id}/${item.id}`);
        if (!li) continue;
        li.setAttribute(ATTRIBUTES.ticked, String(item.ticked));
        const box = li.querySelector(".exit-pack__box");
        if (box) box.textContent = item.ticked ? TICKED : UNTICKED;
      }
    }
    parts.calculation.textContent = calculation ?? t("exit-pack.no-calculation");
    parts.calculation.classList.toggle("exit-pack__part--empty", !calculation);
  }

  return { element: section, update };
}
