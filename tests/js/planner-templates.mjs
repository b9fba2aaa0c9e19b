// Test helper (not a test file): the conversation templates of the pages, read from the Markdown sources the
// way the build reads them (scripts/playbook/planner.py parse_templates: one "key: text" per line, a line that
// starts with a space continues the one above).
import { readFileSync } from "node:fs";

const DOCS = new URL("../../docs/", import.meta.url);
export const LOCALES = { nb: "nb-NO", en: "en-GB" };

/** The templates block of docs/<code>/planner.md as an object. */
export function pageTemplates(code) {
  const text = readFileSync(new URL(`${code}/planner.md`, DOCS), "utf8");
  const body = text.split("/// conversation-templates\n")[1].split("\n///")[0];
  const templates = {};
  let current = null;
  for (const line of body.split("\n")) {
    if (!line.trim()) {
      current = null;
    } else if (/^[ \t]/.test(line)) {
      templates[current] += ` ${line.trim()}`;
    } else {
      const [, key, value] = /^([^\s:]+):\s+(.*)$/.exec(line);
      templates[key] = value.trim();
      current = key;
    }
  }
  return templates;
}
