// Mounts the playbook's widgets on every page load.
//
// A widget root carries data-widget="<name>"; each name maps to a module's mount(root, context). Material
// announces every page (also after instant navigation) through its document$ observable; without Material
// (a test page, a saved copy) we mount once on DOMContentLoaded. An unknown widget name throws, so a typo in
// generated markup is loud instead of silently inert.

import { loadBundle } from "./lib/bundles.js";
import { keepAnchor } from "./lib/anchor.js";
import { wireLanguageSwitch } from "./lib/language-switch.js";

/** @type {Record<string, (root: HTMLElement, context: object) => void | Promise<void>>} */
export const WIDGETS = {
  // Each widget's bundle (widget-<name>.js: its module and all it imports, one file) is fetched only on a
  // page that holds its root, so a page without one pays for none of its code, and a page with several
  // checklists fetches it once. Which module each bundle holds: scripts/playbook/site/bundle.py, WIDGETS.
  checklist: lazy(() => loadWidget("checklist")),
  "refund-calculator": lazy(() => loadWidget("refund-calculator")),
  "conversation-planner": lazy(() => loadWidget("conversation-planner")),
};

/**
 * Fetch a widget's bundle with a classic <script src> next to this script's own file (ES modules and
 * import() do not run from a copy of the site opened from disk); the bundle puts its module's exports on
 * globalThis.playbookWidgets[name]. Each is fetched once per page (lib/bundles.js).
 * @param {string} name the widget's data-widget name
 * @returns {Promise<{ mount: (root: HTMLElement, context: object) => unknown }>}
 */
export function loadWidget(name, doc = globalThis.document) {
  return loadBundle(name, "widget", doc);
}

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

/**
 * Ready a copy of the site opened from disk (file://) for Material, whose bundle runs after this script
 * (overrides/main.html). Material's search needs a server (its worker and index cannot load from disk), so
 * its form loses the name Material looks for, and the box says, in the page's language, that search works
 * on the published site (the text comes from the form's data-playbook-needs-server, written by the build).
 * The hreflang links go too: they name the published host, whose sitemaps Material would fetch.
 * @param {Document} doc
 * @returns {boolean} whether the page was opened from disk
 */
export function prepareForDisk(doc = globalThis.document) {
  if (doc?.location?.protocol !== "file:") return false;
  for (const link of doc.head.querySelectorAll('link[rel="alternate"][hreflang]')) link.remove();
  const form = doc.forms.namedItem("search");
  if (form) {
    const message = form.dataset.playbookNeedsServer || "";
    form.removeAttribute("name");
    form.addEventListener("submit", (event) => event.preventDefault());
    const input = form.querySelector("input");
    if (input) Object.assign(input, { placeholder: message, title: message, readOnly: true });
    // Open the search panel on focus (Material's script does so when search runs), so the whole text shows.
    input?.addEventListener("focus", () => {
      const toggle = doc.getElementById("__search");
      if (toggle) toggle.checked = true;
    });
    const meta = doc.querySelector(".md-search-result__meta");
    if (meta) meta.textContent = message;
  }
  return true;
}

/** Material hides a search it cannot set up; from disk, show the box that says why (see prepareForDisk). */
function showSearchNotice(doc = document) {
  const search = doc.querySelector('[data-md-component="search"]');
  if (search?.querySelector("form[data-playbook-needs-server]:not([name])")) search.hidden = false;
}

const fromDisk = typeof document !== "undefined" && prepareForDisk();
const start = () => {
  if (fromDisk) showSearchNotice();
  mountAll();
};
if (typeof document !== "undefined") wireLanguageSwitch();
if (typeof document !== "undefined") keepAnchor();
if (typeof window !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
