// A link with an anchor lands on its target, even when widgets change the page's height after the browser
// has scrolled there.
//
// The browser scrolls to "#pushback" as soon as the page is parsed; the planner and the checklists mount a
// moment later and grow the page above (or below) the target, which then sits hundreds of pixels away. So,
// for a short while after the page loads, whenever the page's size changes, the target is scrolled back into
// place, until the reader does anything (scrolls with wheel or touch, presses a key or a button): from then
// on the reader decides where to be. Fragments that hold a widget's state ("#calc=...") name no element and
// are left alone.

/** How long after loading a change of size still re-aligns the target, in milliseconds. */
export const WATCH_MS = 10000;

/** Events that show the reader has taken over. */
export const READER_EVENTS = ["wheel", "touchstart", "keydown", "mousedown"];

/**
 * The element id a location hash points at, or null: empty, or a widget's state ("calc=..."), or undecodable.
 * @param {string} hash "#..." or ""
 * @returns {string | null}
 */
export function targetId(hash) {
  const raw = (hash || "").replace(/^#/, "");
  if (!raw || raw.includes("=")) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * How far (px) the page should scroll so that a target sits where the browser put it on arrival: its top at
 * its scroll-margin below the viewport's top, or as far as the page can scroll.
 * @param {{ targetTop: number, scrollY: number, margin: number, scrollHeight: number, viewportHeight: number }} at
 *   targetTop relative to the viewport, as getBoundingClientRect() gives it
 * @returns {number}
 */
export function alignedScroll({ targetTop, scrollY, margin, scrollHeight, viewportHeight }) {
  const wanted = scrollY + targetTop - margin;
  return Math.max(0, Math.min(wanted, scrollHeight - viewportHeight));
}

/**
 * Keep the location's target in place while the page settles (see the top of this file).
 * @returns {() => void} stops watching (also called by itself on the reader's first action or after WATCH_MS)
 */
export function keepAnchor(win = globalThis.window, doc = globalThis.document, watchMs = WATCH_MS) {
  const id = targetId(win?.location?.hash);
  const target = id && doc.getElementById(id);
  if (!target || typeof win.ResizeObserver !== "function") return () => {};
  const realign = () => {
    const wanted = alignedScroll({
      targetTop: target.getBoundingClientRect().top,
      scrollY: win.scrollY,
      margin: parseFloat(win.getComputedStyle(target).scrollMarginTop) || 0,
      scrollHeight: doc.scrollingElement.scrollHeight,
      viewportHeight: win.innerHeight,
    });
    if (Math.abs(wanted - win.scrollY) >= 1) win.scrollTo({ top: wanted, behavior: "instant" });
  };
  const observer = new win.ResizeObserver(realign);
  const stop = () => {
    observer.disconnect();
    win.clearTimeout(timer);
    for (const type of READER_EVENTS) win.removeEventListener(type, stop, true);
  };
  for (const type of READER_EVENTS) win.addEventListener(type, stop, { capture: true, passive: true });
  const timer = win.setTimeout(stop, watchMs);
  observer.observe(doc.body);
  return stop;
}
