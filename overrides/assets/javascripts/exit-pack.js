// The exit pack: one print view of the call script, the written confirmation, the checklists with the reader's
// ticks and the calculation's summary. A section inside the planner that only paper shows (planner.css); the
// planner fills it whenever something changes and again right before printing. Text goes in as textContent.

/** Attribute names shared with the build and the tests (scripts/playbook/planner.py). */
export const ATTRIBUTES = Object.freeze({
  root: "data-exit-pack",
  part: "data-exit-pack-part",
  item: "data-exit-pack-item",
  ticked: "data-ticked",
});

const TICKED = "\u2611";
const UNTICKED = "\u2610";

function element(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

/**
 * Build the exit pack's section.
 * @param {(key: string, values?: object) => string} t the planner's strings ("planner.exit-pack.*")
 * @returns {{element: HTMLElement, update(model: {script: string, confirmation: string,
 *   checklists: Array<{id, title, items: Array<{id, text, ticked}>}>, calculation: string | null}): void}}
 */
export function createExitPack(t) {
  const titleId = "exit-pack-title";
  const section = element("section", { class: "exit-pack", [ATTRIBUTES.root]: "", "aria-labelledby": titleId });
  const part = (name) => element("div", { class: `exit-pack__part exit-pack__part--${name}`, [ATTRIBUTES.part]: name });
  const parts = {
    script: part("script"),
    confirmation: part("confirmation"),
    checklists: part("checklists"),
    calculation: part("calculation"),
  };
  const tally = element("p", { class: "exit-pack__tally" });
  section.append(
    element("h3", { id: titleId, class: "exit-pack__title" }, t("exit-pack.title")),
    element("p", { class: "exit-pack__intro" }, t("exit-pack.intro")),
    element("h4", { class: "exit-pack__heading" }, t("exit-pack.script")),
    parts.script,
    element("h4", { class: "exit-pack__heading" }, t("exit-pack.confirmation")),
    parts.confirmation,
    element("h4", { class: "exit-pack__heading" }, t("exit-pack.checklists")),
    tally,
    parts.checklists,
    element("h4", { class: "exit-pack__heading" }, t("exit-pack.calculation")),
    parts.calculation,
  );

  function update({ script, confirmation, checklists, calculation }) {
    parts.script.textContent = script;
    parts.confirmation.textContent = confirmation;
    const items = checklists.flatMap((list) => list.items);
    tally.textContent = t("exit-pack.tally", { done: items.filter((item) => item.ticked).length, total: items.length });
    parts.checklists.replaceChildren(
      ...checklists.map((list) => {
        const block = element("div", { class: "exit-pack__checklist" });
        const listing = element("ul", { class: "exit-pack__items" });
        listing.append(
          ...list.items.map((item) => {
            const li = element("li", {
              class: "exit-pack__item",
              [ATTRIBUTES.item]: `${list.id}/${item.id}`,
              [ATTRIBUTES.ticked]: String(item.ticked),
            });
            li.append(element("span", { class: "exit-pack__box", "aria-hidden": "true" }, item.ticked ? TICKED : UNTICKED), " ", item.text);
            return li;
          }),
        );
        block.append(element("p", { class: "exit-pack__checklist-title" }, list.title), listing);
        return block;
      }),
    );
    parts.calculation.textContent = calculation ?? t("exit-pack.no-calculation");
    parts.calculation.classList.toggle("exit-pack__part--empty", !calculation);
  }

  return { element: section, update };
}
