// Loading one on-demand part of a widget (bundle.py PARTS: part-<name>.js and its strings file), once, and
// saying in the widget what became of it. Shared by every part: the calculator's engine, the planner's texts
// and the planner's exit documents.
//
// The part goes through four states, written on the widget's root (options.stateAttribute) for its styles and
// tests, and handed to options.show so the widget can say them in its own words:
// - "loading": fetching (the busy region carries aria-busy="true", so a screen reader waits for it);
// - "ready": the part is attached; later calls resolve true at once;
// - "failed": a file could not be fetched (offline, a flaky network): the next call tries again, so the
//   widget offers a retry;
// - "broken": the files arrived but the part could not be attached (a faulty build: a strings file that lacks
//   a key, code that throws): trying again cannot help, so later calls resolve false without fetching.
// With options.holdClicks, the buttons the reader clicks in the root before the part is attached are clicked
// again once it is (lib/interaction.js holdClicks); when it fails they are dropped, not answered minutes later
// after a retry: the status says why nothing happened. A held click reaches none of the part's handlers before
// it is clicked again, so a part that wires its buttons before it has finished attaching (the planner's texts
// wait for the calculation part) answers each click once, when it is ready for it.

import { loadBundle, loadStrings } from "./bundles.js";
import { holdClicks as holdClicksIn } from "./interaction.js";

/** The states a part goes through, as written on the widget's root. */
export const PART_STATES = Object.freeze(["loading", "ready", "failed", "broken"]);

/**
 * @typedef {object} PartOptions
 * @property {string} name the part's name (part-<name>.js, strings-<name>.<language>.js)
 * @property {string} language the page's language code
 * @property {HTMLElement} root the widget's root: carries the state, and its clicks are held
 * @property {string} stateAttribute the attribute on root that holds the state
 * @property {HTMLElement} busy the region marked aria-busy while the part loads
 * @property {(part: object, strings: Record<string, string>) => unknown} attach puts the arrived part to work
 *   (may return a promise); throwing or rejecting means the part is broken
 * @property {(state: string) => void} [show] what the widget shows in each state (status text, retry button)
 * @property {boolean} [holdClicks] hold the clicks on buttons until the part is attached
 * @property {(name: string, language: string) => Promise<[object, Record<string, string>]>} [fetch] how the
 *   part and its strings arrive (the default: lib/bundles.js; tests pass their own)
 */

/**
 * A loader of one part: `load()` fetches and attaches it once and resolves true when it is attached, false
 * when it failed or is broken (never rejects); `state()` is the current state, or null before the first load.
 * @param {PartOptions} options
 * @returns {{ load: () => Promise<boolean>, state: () => string | null }}
 */
export function partLoader(options) {
  const { name, language, root, stateAttribute, busy, attach, show = () => {} } = options;
  const fetchPart = options.fetch ?? ((part, code) => Promise.all([loadBundle(part, "part"), loadStrings(part, code)]));
  let state = null;
  let loading = null;
  let held = options.holdClicks ? holdClicksIn(root) : null;

  const enter = (next) => {
    state = next;
    root.setAttribute(stateAttribute, next);
    show(next);
  };

  function load() {
    if (state === "ready") return Promise.resolve(true);
    if (loading) return loading;
    if (state === "broken") return Promise.resolve(false);
    if (options.holdClicks) held ??= holdClicksIn(root);
    busy.setAttribute("aria-busy", "true");
    enter("loading");
    loading = fetchPart(name, language)
      .then(([part, strings]) =>
        // From here on the files are here: what fails now fails the same way on every try.
        Promise.resolve()
          .then(() => attach(part, strings))
          .catch((error) => {
            throw Object.assign(error instanceof Error ? error : new Error(String(error)), { broken: true });
          }),
      )
      .then(
        () => {
          busy.removeAttribute("aria-busy");
          enter("ready");
          held?.release();
          held = null;
          return true;
        },
        (error) => {
          console.error(error);
          busy.removeAttribute("aria-busy");
          held?.drop();
          held = null;
          enter(error?.broken === true ? "broken" : "failed");
          return false;
        },
      )
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return { load, state: () => state };
}
