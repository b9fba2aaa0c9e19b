// Where the site's own files are, for code that ships as a classic script.
//
// The build bundles playbook.js and each widget into classic scripts in assets/javascripts/ (scripts/
// playbook/site/bundle.py), so that they also run from a copy of the site opened from disk, where browsers
// refuse ES modules. A classic script has no import.meta.url; it knows its own address from its <script>
// element, which document.currentScript names while the script's top-level code runs. This module's top
// level runs then (a bundle runs all of its modules' top-level code at once), so it keeps that element.

/** The <script> element of the bundle this module is part of, or null outside a browser. */
const own = typeof document !== "undefined" ? document.currentScript : null;

/** The page's playbook.js <script>, for code that runs unbundled (its src is where the bundles are). */
function pageScript(doc = document) {
  return [...doc.scripts].find((script) => /(^|\/)playbook\.js(\?|$)/.test(script.getAttribute("src") || ""));
}

/**
 * The absolute URL of a file relative to assets/javascripts/ of the site: "widget-checklist.js",
 * "../stylesheets/calculator.css". Works on http(s):// and file:// alike.
 * @param {string} path relative URL
 * @param {HTMLScriptElement | null | undefined} [script] the script to resolve against (default: own bundle)
 * @returns {string}
 * @throws {Error} when no script of the site is found to resolve against
 */
export function assetUrl(path, script = own || pageScript()) {
  if (!script?.src) throw new Error(`playbook: cannot tell where ${path} is (no playbook.js <script> found)`);
  return new URL(path, script.src).href;
}
