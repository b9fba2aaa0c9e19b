// The checklist widget: remembers a reader's ticks, shows progress, and resets a list after confirmation.
//
// The build (scripts/playbook/blocks/checklist/) writes the list: a <fieldset data-widget="checklist"
// data-checklist="<id>"> with a <legend> and real, labelled <input type="checkbox" data-item="<item id>">. That
// markup is complete without this script (and on paper); this module adds what needs a browser: the stored
// ticks (checklist-state.js over storage.js), a progress bar with a polite announcement, a reset button with
// an in-page confirmation (<dialog>), and a note when the browser will not keep the ticks. Strings come from
// the page's config (scripts/playbook/strings/<language>.json, keys "checklist.*").

import { forget, load, progress, save, storageKey, fill } from "./checklist-state.js";
import { h } from "../lib/dom.js";
import { openStorage } from "../lib/storage.js";

/** Attribute names shared with the build and the tests (scripts/playbook/blocks/checklist/). */
export const ATTRIBUTES = Object.freeze({
  root: "data-checklist",
  item: "data-item",
  progress: "data-checklist-progress",
  reset: "data-checklist-reset",
});

let pageStorage = null;

/** A translated string from the page config; a missing key throws rather than show a reader nothing. */
function translate(strings, key, values = {}) {
  const template = strings[key];
  if (typeof template !== "string") throw new Error(`Missing string "${key}" in the page's strings`);
  return fill(template, values);
}


/**
 * Mount one checklist.
 * @param {HTMLElement} root element with data-checklist
 * @param {{ strings?: Record<string, string> }} config the page config written by the build
 * @param {{ storage?: ReturnType<typeof openStorage> }} [options]
 */
export function mount(root, config, options = {}) {
  const storage = options.storage ?? (pageStorage ??= openStorage());
  const strings = config.strings ?? {};
  const t = (key, values) => translate(strings, key, values);
  const checklistId = root.getAttribute(ATTRIBUTES.root);
  const boxes = [...root.querySelectorAll(`input[type="checkbox"][${ATTRIBUTES.item}]`)];
  const itemIds = boxes.map((box) => box.getAttribute(ATTRIBUTES.item));
  const legend = root.querySelector("legend");
  const title = legend ? legend.textContent.trim() : checklistId;

  let ticked = load(storage, checklistId, itemIds).ticked;

  // Progress: a bar with its value for assistive technology, the same words visible, and a polite live
  // region that speaks them when the reader ticks or resets (not on page load).
  const status = h("div", { class: "checklist__status" });
  const bar = h("div", {
    class: "checklist__progress",
    role: "progressbar",
    [ATTRIBUTES.progress]: "",
    "aria-valuemin": "0",
    "aria-valuemax": String(itemIds.length),
  });
  if (legend && legend.id) bar.setAttribute("aria-labelledby", legend.id);
  const track = h("span", { class: "checklist__track", "aria-hidden": "true" });
  const fillBar = h("span", { class: "checklist__fill" });
  track.append(fillBar);
  const count = h("span", { class: "checklist__count" });
  bar.append(track, count);
  const announcer = h("span", { class: "checklist__announcer", "aria-live": "polite" });

  const reset = h("button", { type: "button", class: "md-button checklist__reset", [ATTRIBUTES.reset]: "" });
  reset.textContent = t("checklist.reset");
  const dialog = confirmation(root, t, title);
  const note = h("p", { class: "checklist__note", role: "status" });
  status.append(bar, reset, announcer);
  root.append(status, note, ...(dialog ? [dialog] : []));

  function render(announce) {
    const { done, total } = progress(ticked, itemIds);
    const words = t("checklist.progress", { done, total });
    bar.setAttribute("aria-valuenow", String(done));
    bar.setAttribute("aria-valuetext", words);
    count.textContent = words;
    fillBar.style.width = `${total ? (100 * done) / total : 0}%`;
    root.classList.toggle("checklist--complete", total > 0 && done === total);
    if (announce) announcer.textContent = words;
    const notSaved = storage.saved ? "" : t("checklist.not-saved");
    if (note.textContent !== notSaved) note.textContent = notSaved;
    note.hidden = !notSaved;
  }

  function show() {
    for (const box of boxes) box.checked = ticked.has(box.getAttribute(ATTRIBUTES.item));
  }

  root.addEventListener("change", (event) => {
    const box = event.target;
    if (!boxes.includes(box)) return;
    const item = box.getAttribute(ATTRIBUTES.item);
    ticked = new Set(ticked);
    if (box.checked) ticked.add(item);
    else ticked.delete(item);
    save(storage, checklistId, ticked);
    render(true);
  });

  function clearAll() {
    ticked = new Set();
    forget(storage, checklistId);
    show();
    render(true);
  }

  reset.addEventListener("click", () => {
    if (!dialog) {
      if (window.confirm(t("checklist.reset-question", { title }))) clearAll();
      return;
    }
    dialog.returnValue = "";
    dialog.showModal();
  });
  dialog?.addEventListener("close", () => {
    if (dialog.returnValue === "reset") clearAll();
    reset.focus();
  });

  // The same checklist open in another tab (the other language, say): follow its ticks.
  const key = storageKey(checklistId);
  const onStorage = (event) => {
    if (!root.isConnected) return window.removeEventListener("storage", onStorage);
    if (event.key !== key && event.key !== null) return;
    ticked = load(storage, checklistId, itemIds).ticked;
    show();
    render(false);
  };
  window.addEventListener("storage", onStorage);

  show();
  render(false);
}

/** The in-page confirmation of a reset, or null where <dialog> is not supported (window.confirm then). */
function confirmation(root, t, title) {
  if (typeof HTMLDialogElement !== "function" || !("showModal" in HTMLDialogElement.prototype)) return null;
  const questionId = `${root.querySelector("legend")?.id || "checklist"}__confirm`;
  const dialog = h("dialog", { class: "checklist__confirm", "aria-labelledby": questionId });
  const question = h("p", { id: questionId, class: "checklist__question" }, t("checklist.reset-question", { title }));
  const form = h("form", { method: "dialog", class: "checklist__actions" });
  const cancel = h("button", { value: "cancel", class: "md-button", autofocus: "" }, t("checklist.reset-cancel"));
  const confirm = h("button", { value: "reset", class: "md-button md-button--primary" }, t("checklist.reset-confirm"));
  form.append(cancel, confirm);
  dialog.append(question, form);
  return dialog;
}
