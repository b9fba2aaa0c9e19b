// The planner's second on-demand part: the refund calculator's arithmetic and everything of the planner that
// needs it, so a reader without a stored calculation (every fresh reader) is not sent it.
//
// - recall() and handover(): the calculator's last result (calculator/last-calculation.js), decoded, settled
//   and formatted for the conversation and the documents;
// - calculationSummary(): its summary in the exit pack: the calculator's own copy text (refund-state.js
//   summaryText, as refund-form.js copySummary writes it), from the calculator's "calculator.summary.*"
//   strings, which come with the texts' part (strings-planner-texts.<code>.js);
// - buildExport(), parseExport(): the file that moves everything this browser keeps (documents/export-file.js),
//   which checks the stored calculation with the calculator's own decoder.
//
// The build bundles it as part-planner-calculation.js (site/bundle.py PARTS; no strings of its own). The texts'
// part (texts-part.js) loads it (lib/bundles.js) as it attaches when a calculation is stored, when another tab
// stores one, and when the reader exports or imports (planner/output-tools.js).

import { SUMMARY_KEYS, settleState, summaryText } from "../calculator/refund-state.js";

export { handover, recall } from "../calculator/last-calculation.js";
export { MIME_TYPE, buildExport, exportFileName, parseExport } from "../documents/export-file.js";

/**
 * The calculator's plain-text summary of a calculation, in the page's language (the copy button's text).
 * @param {object | null} state a valid calculator state, or null
 * @param {object} config the page config with the texts' part's strings (locale, strings)
 * @returns {string | null}
 */
export function calculationSummary(state, config) {
  if (!state) return null;
  const result = settleState(state);
  if (!result.ok) return null;
  const strings = Object.fromEntries(SUMMARY_KEYS.map((key) => [key, config.strings?.[`calculator.summary.${key}`]]));
  return summaryText(state, result, strings, { locale: config.locale });
}
