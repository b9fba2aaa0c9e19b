// Runs the JavaScript tests against our modules as the site's bundler makes them, instead of the sources:
//
//   PLAYBOOK_BUNDLED_MODULES=<folder> node --import ./tests/js/bundled/register.mjs --test tests/js/*.test.mjs
//
// The site ships each widget as one minified classic script (scripts/playbook/site/bundle.py), which Node
// cannot import. tests/site/test_bundles.py therefore bundles every module under overrides/assets/javascripts/
// with the site's own esbuild flags (BUNDLE_FLAGS: --bundle --minify, same target), as ES modules so that
// the tests can import them, into <folder> at the same paths. Every import that resolves into overrides/
// assets/javascripts/ is answered from there, so the tests exercise the bundler's output. Files the tests
// read as text stay the sources.
import { register } from "node:module";
import { resolve } from "node:path";

const bundled = process.env.PLAYBOOK_BUNDLED_MODULES;
if (!bundled) throw new Error("PLAYBOOK_BUNDLED_MODULES must name a folder of bundled modules");
register("./hooks.mjs", import.meta.url, {
  data: {
    sources: resolve(import.meta.dirname, "../../../overrides/assets/javascripts"),
    built: resolve(bundled),
  },
});
