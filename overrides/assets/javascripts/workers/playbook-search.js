/*
 * The playbook's search worker: Material's own search worker, plus stemming of the words a reader types.
 *
 * Material appends "*" to every query word so that results show up while the reader types. lunr runs
 * no pipeline on a wildcard term, so against an index built with a stemmer an inflected word never
 * matches: "kontraktene*" finds no indexed term, because the index holds the stem "kontrakt". This
 * wrapper loads Material's worker unchanged (its file name comes in the `material` query parameter,
 * set by scripts/playbook/site/search_index.py) and stems the word before a trailing "*" with the stemmer of
 * the index's own language, so "kontrakt", "kontrakten" and "kontraktene" all search for "kontrakt*".
 * Material's query analysis uses the same lunr.Query, so highlighting and "missing" terms agree.
 *
 * A classic worker script (Material starts it with `new Worker(url)`), not an ES module.
 */
"use strict"

const material = new URLSearchParams(self.location.search).get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`playbook search worker: unexpected Material worker ${JSON.stringify(material)}`)

/* The index configuration ({lang, pipeline, ...}) arrives with the setup message, before any query. */
let config = null
addEventListener("message", event => {
  const data = event.data && event.data.data
  if (data && data.config && Array.isArray(data.config.lang))
    config = data.config
})

importScripts(material)

/**
 * The stemming half of the index's pipeline for one word, or the word unchanged when the index has no
 * stemmer (or more than one language, which the playbook never builds).
 */
function stem(word) {
  if (!config || config.lang.length !== 1 || !config.pipeline.includes("stemmer"))
    return word
  const code = config.lang[0]
  const language = code === "en" ? self.lunr : self.lunr[code]
  if (!language || typeof language.stemmer !== "function")
    return word
  let token = new self.lunr.Token(word, {})
  if (config.pipeline.includes("trimmer") && typeof language.trimmer === "function")
    token = language.trimmer(token)
  token = token && language.stemmer(token)
  const result = token ? token.toString() : ""
  return result || word
}

/* A word with one trailing wildcard and no other: what Material makes of each word the reader types. */
const PREFIX = /^([^*]+)\*$/

const clause = self.lunr.Query.prototype.clause
self.lunr.Query.prototype.clause = function (options) {
  const match = options && options.usePipeline === false && typeof options.term === "string"
    ? PREFIX.exec(options.term)
    : null
  if (match)
    options.term = `${stem(match[1])}*`
  return clause.call(this, options)
}
