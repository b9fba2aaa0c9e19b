// Module resolution hooks for register.mjs: sources in overrides/ -> their bundled copies.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

let sources = "";
let built = "";

/** @param {{sources: string, built: string}} data folders of the sources and of their built copies */
export function initialize(data) {
  sources = pathToFileURL(data.sources).href + "/";
  built = pathToFileURL(data.built).href + "/";
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  let url = result.url;
  if (url.startsWith(sources)) url = built + url.slice(sources.length);
  if (!url.startsWith(built)) return result;
  if (!existsSync(fileURLToPath(url))) throw new Error(`${url} is not among the bundled modules (imported as ${specifier})`);
  // The bundled folder has no package.json saying "type": "module"; the copies are ES modules all the same.
  return { ...result, url, format: "module" };
}
