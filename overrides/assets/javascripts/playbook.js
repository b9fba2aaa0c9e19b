// Mounts the playbook's widgets on every page load.
//
// A widget root carries data-widget="<name>"; each name maps to a module's mount(root, context). Material
// announces every page (also after instant navigation) through its document$ observable; without Material
// (a test page, a saved copy) we mount once on DOMContentLoaded. An unknown widget name throws, so a typo in
// generated markup is loud instead of silently inert.

import { wireLanguageSwitch } from "./lib/language-switch.js";

/** @type {Record<string, (root: HTMLElement, context: object) => void | Promise<void>>} */
export const WIDGETS = {
  // Each widget's module is fetched only on a page that holds its root, so a page without one pays for
  // none of its code (a page with several checklists fetches checklist.js once: import() caches modules).
  checklist: lazy(() => import("./checklist/checklist.js")),
  // The calculator is the heaviest widget and lives on one page: fetched only where its root is.
  "refund-calculator": lazy(() => import("./calculator/refund-calculator.js")),
  // The conversation planner and its exit pack live on one page too.
  "conversation-planner": lazy(() => import("./planner/planner.js")),
};

/**
 * A widget whose module `load` fetches when the page holds its root. The root's own HTML works before the
 * module arrives (a checklist's boxes are in the page), so what the reader changes there meanwhile is noted
 * and, once mount() has run and set the controls from storage, applied again with the events the widget
 * listens to: a box ticked early is kept, not lost.
 * @param {() => Promise<{ mount: (root: HTMLElement, context: object) => unknown }>} load
 */
export function lazy(load) {
  return (root, context) => {
    const early = new Map();
    const note = ({ target }) => early.set(target, controlState(target));
    root.addEventListener("change", note);
    return load()
      .then(({ mount }) => mount(root, context))
      .then(() => {
        root.removeEventListener("change", note);
        replay(early);
      });
  };
}

/** A form control's state: checked for a box or radio button, otherwise its value. */
function controlState(control) {
  return control.type === "checkbox" || control.type === "radio" ? control.checked : control.value;
}

/** Give each control the state the reader left it in, announcing the change as the reader's would. */
function replay(early) {
  for (const [control, state] of early) {
    if (!control.isConnected || controlState(control) === state) continue;
    if (typeof state === "boolean") control.checked = state;
    else control.value = state;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Page configuration written by the build (language, locale, strings), or an empty default. */
export function readConfig(doc = document) {
  const node = doc.getElementById("playbook-config");
  if (!node) return { language: doc.documentElement.lang || "en", strings: {} };
  return JSON.parse(node.textContent);
}

/** Mount every widget under `scope` once; returns the roots mounted now. */
export function mountAll(scope = document, widgets = WIDGETS) {
  const context = readConfig(scope.ownerDocument || scope);
  const mounted = [];
  for (const root of scope.querySelectorAll("[data-widget]")) {
    if (root.dataset.widgetMounted === "true") continue;
    const name = root.dataset.widget;
    const mount = widgets[name];
    if (!mount) throw new Error(`Unknown widget "${name}" on ${root.outerHTML.slice(0, 80)}`);
    mount(root, context);
    root.dataset.widgetMounted = "true";
    mounted.push(root);
  }
  return mounted;
}

const start = () => mountAll();
if (typeof document !== "undefined") wireLanguageSwitch();
if (typeof window !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
