// Mounts the playbook's widgets on every page load.
//
// A widget root carries data-widget="<name>"; each name maps to a module's mount(root, context). Material
// announces every page (also after instant navigation) through its document$ observable; without Material
// (a test page, a saved copy) we mount once on DOMContentLoaded. An unknown widget name throws, so a typo in
// generated markup is loud instead of silently inert.

/** @type {Record<string, (root: HTMLElement, context: object) => void | Promise<void>>} */
export const WIDGETS = {
  // Each widget's module is fetched only on a page that holds its root, so a page without one pays for
  // none of its code (a page with several checklists fetches checklist.js once: import() caches modules).
  checklist: (root, context) => import("./checklist.js").then(({ mount }) => mount(root, context)),
  // The calculator is the heaviest widget and lives on one page: fetched only where its root is.
  "refund-calculator": (root, context) =>
    import("./refund-calculator.js").then(({ mount }) => mount(root, context)),
  // The conversation planner and its exit pack live on one page too.
  "conversation-planner": (root, context) =>
    import("./planner.js").then(({ mount }) => mount(root, context)),
};

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
if (typeof window !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
