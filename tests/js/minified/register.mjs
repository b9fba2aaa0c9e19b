// Runs the JavaScript tests against a built site's minified modules instead of the sources:
//
//   PLAYBOOK_MINIFIED_SITE=site node --import ./tests/js/minified/register.mjs --test tests/js/*.test.mjs
//
// Every import that resolves into overrides/assets/javascripts/ is answered from the same path under the
// site's assets/javascripts/, so the tests exercise exactly what the browser gets (tests/site/
// test_minified_assets.py runs this against the session's build). Files the tests read as text stay the
// sources.
import { register } from "node:module";
import { resolve } from "node:path";

const site = process.env.PLAYBOOK_MINIFIED_SITE;
if (!site) throw new Error("PLAYBOOK_MINIFIED_SITE must name a built site folder");
register("./hooks.mjs", import.meta.url, {
  data: {
    sources: resolve(import.meta.dirname, "../../../overrides/assets/javascripts"),
    built: resolve(site, "assets/javascripts"),
  },
});
