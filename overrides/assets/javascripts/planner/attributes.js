// Attribute names of the planner's texts' tools, shared by the at-load form (planner.js builds the buttons),
// the texts' part (output-tools.js wires them) and the tests. A module of its own so the at-load bundle does
// not carry output-tools.js for three names.

/** Attribute names shared with the tests. */
export const OUTPUT_ATTRIBUTES = Object.freeze({
  print: "data-document-print",
  download: "data-download",
  unfilled: "data-unfilled",
  exportButton: "data-export",
  importInput: "data-import",
  transferStatus: "data-transfer-status",
  printing: "data-print-document",
  printSheet: "data-print-sheet",
});
