// Small DOM helpers shared by the widgets. Everything a reader typed goes in as text, never as markup.

import { assetUrl } from "./assets.js";

/**
 * Create an element: attributes (false/null/undefined skipped, true as ""), then children (strings as text).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {...(Node | string | null | undefined)} children
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/**
 * Load a widget's own stylesheet (assets/stylesheets/<name>) once; resolves when it has loaded or failed,
 * so a widget can show its form only once it is styled, and still works without the stylesheet.
 * @param {string} name file name in assets/stylesheets/, e.g. "calculator.css"
 * @returns {Promise<void>}
 */
export function loadStylesheet(name) {
  const href = assetUrl(`../stylesheets/${name}`);
  const existing = [...document.querySelectorAll('link[rel="stylesheet"]')].find((link) => link.href === href);
  if (existing?.sheet) return Promise.resolve();
  const link = existing ?? h("link", { rel: "stylesheet", href });
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", () => resolve(), { once: true });
    link.addEventListener("error", () => resolve(), { once: true });
  });
  if (!existing) document.head.append(link);
  return loaded;
}
