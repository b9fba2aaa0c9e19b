// Offering a text as a file the reader saves, without any request: a Blob behind a temporary <a download>.
// Shared by the planner's own tools (planner/output-tools.js) and the exit documents' part (its calendar file),
// which therefore need not bundle each other.

import { h } from "./dom.js";

/**
 * Offer `text` as a file download: a Blob behind a temporary <a download>, its URL revoked afterwards.
 * @param {Document} doc @param {string} text @param {string} fileName @param {string} type its MIME type
 */
export function download(doc, text, fileName, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: fileName, hidden: true });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
