// Tests for overrides/assets/javascripts/workers/playbook-search.js: Material's search worker, run here as
// the browser runs it (a classic worker script with importScripts), with and without the stemming wrapper.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WRAPPER = join(ROOT, "overrides/assets/javascripts/workers/playbook-search.js");

/** Material's javascripts folder in the project's venv (the Python version is part of the path). */
function materialAssets() {
  const lib = join(ROOT, ".venv/lib");
  for (const python of existsSync(lib) ? readdirSync(lib) : []) {
    const folder = join(lib, python, "site-packages/material/templates/assets/javascripts");
    if (existsSync(folder)) return folder;
  }
  throw new Error("Material is not installed in .venv: run `make test` (it installs it)");
}

const ASSETS = materialAssets();
const MATERIAL = readdirSync(join(ASSETS, "workers")).find((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));

/** Start a worker script in its own global scope; returns a function that sends a message and awaits the reply. */
function startWorker(script, query = `?material=${MATERIAL}`) {
  const listeners = [];
  const replies = [];
  const scope = { console, URL, URLSearchParams, setTimeout, Promise };
  scope.self = scope;
  scope.location = new URL(`http://127.0.0.1/assets/javascripts/workers/${script.split("/").pop()}${query}`);
  scope.addEventListener = (type, listener) => type === "message" && listeners.push(listener);
  scope.postMessage = (message) => replies.push(message);
  scope.importScripts = (...urls) => {
    for (const url of urls) {
      const file = resolve(join(ASSETS, "workers"), url);
      vm.runInContext(readFileSync(file, "utf8"), scope, { filename: file });
    }
  };
  vm.createContext(scope);
  vm.runInContext(readFileSync(script, "utf8"), scope, { filename: script });
  return async (message) => {
    replies.length = 0;
    for (const listener of listeners) await listener({ data: message });
    // Across the realm boundary, as postMessage does: plain data of this realm.
    return JSON.parse(JSON.stringify(replies.at(-1)));
  };
}

const SETUP = 0;
const QUERY = 2;
const FIELDS = { title: { boost: 1000 }, text: { boost: 1 }, tags: { boost: 1000000 } };
const STEMMED = ["stemmer", "stopWordFilter", "trimmer"];

function index(lang, pipeline, docs) {
  return { config: { lang: [lang], separator: "[\\s\\-]+", pipeline, fields: FIELDS }, docs };
}

const NORWEGIAN = [
  { location: "a.html", title: "Les avtalen", text: "Les kontrakten på nytt før samtalen." },
  { location: "b.html", title: "Forebygging", text: "Skriv en klausul inn i kontraktene dine." },
  { location: "c.html", title: "Refusjon", text: "Hold det du har lovet i en kontrakt." },
  { location: "d.html", title: "Takk", text: "Takk kunden for samarbeidet." },
];
const ENGLISH = [
  { location: "a.html", title: "Refunds", text: "Work out the refund before the call." },
  { location: "b.html", title: "After", text: "Confirm in writing what you refunded." },
  { location: "c.html", title: "Thanks", text: "Thank the client." },
];

async function searcher(script, data) {
  const send = startWorker(script);
  const ready = await send({ type: SETUP, data: { ...data, options: { suggest: false } } });
  assert.equal(ready.type, 1, "the worker reports ready");
  return async (query) => {
    const reply = await send({ type: QUERY, data: query });
    assert.equal(reply.type, 3);
    return reply.data.items.flat();
  };
}

const locations = (items) => items.map((item) => item.location).sort();

describe("the playbook's search worker", () => {
  test("finds every inflection of a Norwegian word with lunr's Norwegian stemmer", async () => {
    const search = await searcher(WRAPPER, index("no", STEMMED, NORWEGIAN));
    for (const word of ["kontrakt", "kontrakten", "kontraktene", "Kontraktene"])
      assert.deepEqual(locations(await search(word)), ["a.html", "b.html", "c.html"], word);
  });

  test("finds every inflection of an English word with lunr's English stemmer", async () => {
    const search = await searcher(WRAPPER, index("en", STEMMED, ENGLISH));
    for (const word of ["refund", "refunds", "refunded", "refunding"])
      assert.deepEqual(locations(await search(word)), ["a.html", "b.html"], word);
  });

  test("still finds words while the reader is typing them", async () => {
    const search = await searcher(WRAPPER, index("no", STEMMED, NORWEGIAN));
    assert.deepEqual(locations(await search("kontr")), ["a.html", "b.html", "c.html"]);
    assert.deepEqual(locations(await search("sam")), ["a.html", "d.html"]);
  });

  test("reports the stem as the matched term, which the target page highlights", async () => {
    const search = await searcher(WRAPPER, index("no", STEMMED, NORWEGIAN));
    const [first] = await search("kontraktene");
    assert.deepEqual(first.terms, { kontrakt: true });
    assert.match(first.text, /<mark>kontrakt/);
  });

  test("leaves words alone when the index has no stemmer", async () => {
    const search = await searcher(WRAPPER, index("no", ["stopWordFilter", "trimmer"], NORWEGIAN));
    assert.deepEqual(locations(await search("kontraktene")), ["b.html"]);
  });

  test("leaves exact, required and fuzzy terms to lunr's own pipeline", async () => {
    const search = await searcher(WRAPPER, index("no", STEMMED, NORWEGIAN));
    assert.deepEqual(locations(await search("+kontraktene +klausul")), ["b.html"]);
    assert.deepEqual(locations(await search("kontraktene -klausul")), ["a.html", "c.html"]);
  });

  test("refuses to load anything but Material's search worker", () => {
    assert.throws(() => startWorker(WRAPPER, "?material=../../evil.js"), /unexpected Material worker/);
    assert.throws(() => startWorker(WRAPPER, ""), /unexpected Material worker/);
  });
});

describe("Material's worker on its own", () => {
  // Why the wrapper exists: Material appends "*" to every word and lunr skips its pipeline for wildcard
  // terms, so a stemmed index never matches an inflected word. If this starts failing, Material stems
  // queries itself and the wrapper can go.
  test("misses inflected words in a stemmed index", async () => {
    const search = await searcher(join(ASSETS, "workers", MATERIAL), index("no", STEMMED, NORWEGIAN));
    assert.deepEqual(locations(await search("kontraktene")), []);
    assert.deepEqual(locations(await search("kontrakt")), ["a.html", "b.html", "c.html"]);
  });
});
