// Fetching the site's own classic scripts on demand: a widget's bundle, an on-demand part of a widget (such as
// the planner's exit documents) and a part's per-language strings.
//
// Browser code uses neither import() nor import.meta (a copy of the site opened from disk refuses ES modules),
// so a script is added as <script src> next to the page's own bundles (assets.js assetUrl); it registers what it
// brings on a global (bundle.py: playbookWidgets[name]; a part's strings: playbookStrings[name]), which
// `registered` reads once the script has run. The Content Security Policy allows these files ('self').

import { assetUrl } from "./assets.js";

/** Scripts requested so far in this bundle, by file name: each is fetched once while it succeeds. */
const requested = new Map();

/**
 * Load `file` (relative to assets/javascripts/) once and resolve with what it registered.
 * A failed load (offline, a missing file) rejects and is forgotten, so a later call tries again.
 * @template T
 * @param {string} file e.g. "widget-checklist.js"
 * @param {() => T | undefined} registered what the script puts on a global, undefined until it has run
 * @param {Document} [doc]
 * @returns {Promise<T>}
 */
export function loadScript(file, registered, doc = globalThis.document) {
  if (!requested.has(file)) {
    const arrived = new Promise((resolve, reject) => {
      if (registered()) return resolve(registered());
      const script = doc.createElement("script");
      script.src = assetUrl(file);
      const fail = (message) => {
        requested.delete(file);
        script.remove();
        reject(new Error(message));
      };
      script.addEventListener("load", () =>
        registered() ? resolve(registered()) : fail(`${script.src} did not register what it should`),
      );
      script.addEventListener("error", () => fail(`playbook: could not load ${script.src}`));
      doc.head.append(script);
    });
    requested.set(file, arrived);
  }
  return requested.get(file);
}

/**
 * A widget's bundle, or an on-demand part's (bundle.py WIDGETS and PARTS): its module's exports, which the
 * bundle puts on globalThis.playbookWidgets[name].
 * @param {string} name the widget's data-widget name, or the part's name
 * @param {"widget" | "part"} [kind] widget-<name>.js or part-<name>.js
 */
export function loadBundle(name, kind = "widget", doc = globalThis.document) {
  return loadScript(`${kind}-${name}.js`, () => globalThis.playbookWidgets?.[name], doc);
}

/**
 * A part's strings in the page's language (the build writes strings-<name>.<language>.js, which puts them on
 * globalThis.playbookStrings["<name>.<language>"]).
 * @param {string} name the part's name
 * @param {string} language the page's language code
 * @returns {Promise<Record<string, string>>}
 */
export function loadStrings(name, language, doc = globalThis.document) {
  const key = `${name}.${language}`;
  return loadScript(`strings-${key}.js`, () => globalThis.playbookStrings?.[key], doc);
}
