"""The built site ships our JavaScript and CSS minified; the commented sources in overrides/ stay as written.

The browser tests (tests/e2e) run against the same build, so they exercise the minified files too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

from built import ROOT, build_project, copy_project
from playbook.site import minify

OVERRIDES = ROOT / "overrides"
REGISTER = ROOT / "tests" / "js" / "minified" / "register.mjs"
_COMMENT_RE = re.compile(r"^\s*(?://|/\*\*?|\*)\s?(?P<text>.*?)\s*(?:\*/)?$")


def own_assets() -> list[str]:
    """Our scripts and stylesheets: every file of overrides/ that the build minifies."""
    return [candidate.path for candidate in minify.candidates(OVERRIDES, OVERRIDES)]


def comment_texts(source: str) -> list[str]:
    """The text of the source's whole-line comments that are long enough to be recognised anywhere."""
    found = (_COMMENT_RE.match(line) for line in source.splitlines())
    return [match["text"] for match in found if match and len(match["text"]) >= 24]


def test_every_script_and_stylesheet_is_published_minified(site):
    paths = own_assets()
    assert len(paths) >= 15 and "assets/javascripts/playbook.js" in paths
    problems = []
    for path in paths:
        source = (OVERRIDES / path).read_text(encoding="utf-8")
        built = (site / path).read_text(encoding="utf-8")
        if len(built) > 0.8 * len(source):
            problems.append(f"{path}: {len(built)} bytes built from {len(source)}")
        comments = comment_texts(source)
        assert comments, f"{path}: the source should explain itself"
        problems += [f"{path} keeps the comment {text!r}" for text in comments if text in built]
    assert not problems, "\n".join(problems)


def test_minifying_again_changes_nothing_and_never_writes_to_overrides(site, tmp_path):
    """The hook runs once per language and on every `mkdocs serve` rebuild: same bytes, sources untouched."""
    before = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in OVERRIDES.rglob("*") if path.is_file()
    }
    fresh = tmp_path / "site"
    for path in own_assets():  # what MkDocs copies from overrides/ before the hook runs
        (fresh / path).parent.mkdir(parents=True, exist_ok=True)
        (fresh / path).write_bytes((OVERRIDES / path).read_bytes())

    first = minify.minify_site(fresh, OVERRIDES)
    assert sorted(job.path for job in first) == sorted(own_assets())
    for path in own_assets():
        assert (fresh / path).read_bytes() == (site / path).read_bytes(), f"{path}: differs from the build's"
    assert minify.minify_site(fresh, OVERRIDES) == []
    assert minify.minify_site(site, OVERRIDES) == []
    for path in own_assets():
        assert (fresh / path).read_bytes() == (site / path).read_bytes(), path

    after = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in OVERRIDES.rglob("*") if path.is_file()
    }
    assert after == before


def test_stylesheets_minified_beside_the_modules_come_out_as_on_their_own(site, tmp_path):
    """The stylesheets share the modules' esbuild run; its JavaScript flags must not touch the CSS."""
    sheets = [path for path in own_assets() if minify.kind_of(path) is minify.Kind.STYLESHEET]
    command = minify.esbuild_command(minify.ESBUILD, OVERRIDES, tmp_path, ("--minify",), sheets)
    subprocess.run(command, check=True, capture_output=True)
    for path in sheets:
        assert (tmp_path / path).read_bytes() == (site / path).read_bytes(), path


def test_the_javascript_tests_pass_against_the_minified_modules(site):
    env = {**os.environ, "PLAYBOOK_MINIFIED_SITE": str(site)}
    source = (OVERRIDES / "assets/javascripts/calculator/refund-math.js").as_uri()
    resolved = subprocess.run(
        [
            "node",
            "--import",
            str(REGISTER),
            "--input-type=module",
            "-e",
            f"console.log(import.meta.resolve({source!r}))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    expected = (site / "assets/javascripts/calculator/refund-math.js").as_uri()
    assert resolved.stdout.strip() == expected, resolved.stderr

    tests = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "js").rglob("*.test.mjs"))
    result = subprocess.run(
        ["node", "--import", str(REGISTER), "--test", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = dict(re.findall(r"^# (pass|fail) (\d+)$", result.stdout, re.M))
    assert result.returncode == 0 and summary.get("fail") == "0", (
        result.stdout[-4000:] + result.stderr[-2000:]
    )
    assert int(summary["pass"]) > 100


TRICKY_MODULE = r"""// What a minifier that matches patterns instead of parsing gets wrong.
import { value as eager } from "./helper.js";

const SLASHES = `a // not a comment ${1 + 1} /* nor this */ ${"`"}`;
const COMMENT_RE = /\/\*[^*]*\*\//g; // a regular expression that looks like a comment
const half = (a, b) => a / b / 2;

/** Loaded only when called, from its own file. */
export const lazy = () => import("./helper.js").then((module) => module.value);

export function run(input) {
  let cache;
  cache ??= { hits: 0 };
  return {
    eager,
    slashes: SLASHES,
    stripped: "x/* y */z".replace(COMMENT_RE, ""),
    divided: half(9, 3) / 1.5,
    optional: input?.deep?.value ?? "none",
    missing: input?.nothing?.value ?? "none",
    big: String(10n ** 20n / 3n),
    url: new URL("../stylesheets/a.css", import.meta.url).pathname.endsWith("/assets/stylesheets/a.css"),
    raw: String.raw`\n${"!"}`,
    cache,
  };
}
"""

WORKER_SCRIPT = """"use strict"
/* A classic worker script: its top-level names are globals that other scripts may read. */
function playbookGlobalHelper(value) {
  return value * 2
}
var playbookGlobalValue = playbookGlobalHelper(21)
"""


def test_the_minifier_keeps_syntax_imports_and_globals_that_the_browser_relies_on(tmp_path):
    custom, site = tmp_path / "overrides", tmp_path / "site"
    files = {
        "assets/javascripts/tricky.js": TRICKY_MODULE,
        "assets/javascripts/helper.js": 'export const value = "lazy and eager";\n',
        "assets/javascripts/workers/worker.js": WORKER_SCRIPT,
    }
    for root in (custom, site):
        (root / "package.json").parent.mkdir(parents=True, exist_ok=True)
        (root / "package.json").write_text('{"type": "module"}')
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
    assert len(minify.minify_site(site, custom)) == 3

    built = (site / "assets/javascripts/tricky.js").read_text()
    assert len(built) < 0.7 * len(TRICKY_MODULE) and "pattern" not in built  # no comments
    assert 'import("./helper.js")' in built and 'from"./helper.js"' in built  # not bundled, still lazy
    worker = (site / "assets/javascripts/workers/worker.js").read_text()
    assert '"use strict"' in worker and "playbookGlobalHelper" in worker and "playbookGlobalValue" in worker

    script = """
        const [source, built] = await Promise.all(process.argv.slice(1).map((file) => import(file)));
        const results = [];
        for (const module of [source, built]) {
          results.push({ ...module.run({ deep: { value: 7 } }), lazy: await module.lazy() });
        }
        console.log(JSON.stringify(results));
    """
    urls = [(root / "assets/javascripts/tricky.js").as_uri() for root in (custom, site)]
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script, *urls], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    from_source, from_built = json.loads(result.stdout)
    assert from_source == from_built
    assert from_built["slashes"] == "a // not a comment 2 /* nor this */ `"
    assert from_built["stripped"] == "xz" and from_built["big"] == "33333333333333333333"
    assert from_built["lazy"] == "lazy and eager" and from_built["url"] is True


def test_a_script_that_does_not_parse_fails_the_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "overrides/assets/javascripts/broken.js").write_text("export const = 1;\n")
    result = build_project(project)
    assert result.returncode != 0
    assert "esbuild could not minify assets/javascripts/broken.js" in result.stderr, result.stderr[-3000:]
