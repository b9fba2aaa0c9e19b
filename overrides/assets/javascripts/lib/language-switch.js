// The language menu keeps the reader's place: the other language's twin page, at the same section, with any
// widget state that lives in the address (the calculator's "#calc=...").
//
// static-i18n points each menu link at the twin page; section ids are the same in every language (the build
// checks it, scripts/playbook/site/parity.py), so the place carries over as the fragment. Which fragment:
//   - state in the address ("#calc=...", anything with "="): kept as it is, it is the reader's work;
//   - otherwise the section the reader is reading now (the last heading scrolled past), so someone who
//     scrolled from "#notice" to "#handover" lands at "#handover";
//   - otherwise the address's own fragment, or none.
// The link's href is set just before the browser follows it (and kept current for "open in new tab"), so the
// switch is an ordinary navigation: back and forward work as for any link.
//
// The menu also marks the current language: aria-current="true" for screen readers, which the stylesheet
// also shows (playbook.css: bold, with a tick).

/**
 * The address a language link should go to.
 * @param {string} href the link's twin page, relative or absolute
 * @param {string} base the current page's address (to resolve href against)
 * @param {{ hash?: string, section?: string | null }} place the address's fragment ("#..." or "") and the id
 *   of the section being read, if any
 * @returns {string} an absolute address
 */
export function switchedUrl(href, base, { hash = "", section = null } = {}) {
  const url = new URL(href, base);
  url.hash = fragmentFor(hash, section);
  return url.href;
}

/**
 * The fragment to carry: state first, then the section being read, then the address's own fragment.
 * @param {string} hash "#..." or ""
 * @param {string | null} section a heading id
 * @returns {string} "" or "#..."
 */
export function fragmentFor(hash, section) {
  const own = (hash || "").replace(/^#/, "");
  if (own.includes("=")) return `#${own}`;
  if (section) return `#${section}`;
  return own ? `#${own}` : "";
}

/**
 * The id of the section being read: the last heading whose top is at or above `line` (px from the top of
 * the viewport), or null when the reader is above the first one.
 * @param {{ id: string, top: number }[]} headings in document order
 * @param {number} line
 */
export function sectionAt(headings, line) {
  let current = null;
  for (const { id, top } of headings) {
    if (top <= line) current = id;
    else break;
  }
  return current;
}

const LINK = "a[hreflang].md-select__link";

/** Mark the current language's link, and keep every language link pointing at the reader's place. */
export function wireLanguageSwitch(doc = document, win = window) {
  const lang = doc.documentElement.lang;
  const links = [...doc.querySelectorAll(LINK)];
  for (const link of links) {
    if (link.hreflang === lang) {
      link.setAttribute("aria-current", "true");
    }
    if (link.dataset.playbookSwitch) continue;
    link.dataset.playbookSwitch = link.getAttribute("href");
    const update = () => {
      const headings = [...doc.querySelectorAll("article h2[id], article h3[id]")].map((heading) => ({
        id: heading.id,
        top: heading.getBoundingClientRect().top,
      }));
      const line = Math.min(120, win.innerHeight / 3);
      const place = { hash: win.location.hash, section: win.scrollY > 0 ? sectionAt(headings, line) : null };
      link.href = switchedUrl(link.dataset.playbookSwitch, win.location.href, place);
    };
    for (const type of ["pointerdown", "focus", "click", "contextmenu"]) link.addEventListener(type, update);
  }
  return links;
}
