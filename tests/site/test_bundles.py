"""The built site ships our JavaScript and CSS as bundles (scripts/playbook/site/bundle.py): playbook.js and
one classic script per widget, minified, without import() or import.meta, so that they also run from disk;
stylesheets with their @imports inlined; the commented sources in overrides/ stay as written.

The browser tests (tests/e2e) run against the same build, so they exercise the bundles; the JavaScript tests
run here against the modules bundled with the same flags.
"""

from __future__ import annotations

import os
import re
import subprocess

from built import ROOT, build_project, copy_project
from playbook.site import bundle

OVERRIDES = ROOT / "overrides"
SCRIPTS = OVERRIDES / bundle.SCRIPTS
REGISTER = ROOT / "tests" / "js" / "bundled" / "register.mjs"
_COMMENT_RE = re.compile(r"^\s*(?://|/\*\*?|\*)\s?(?P<text>.*?)\s*(?:\*/)?$")
_IMPORT_RE = re.compile(r'^import\s[^;]*?from\s+"(\.[^"]+)"', re.M)  # also imports over several lines


def comment_texts(source: str) -> list[str]:
    """The text of the source's whole-line comments that are long enough to be recognised anywhere."""
    found = (_COMMENT_RE.match(line) for line in source.splitlines())
    return [match["text"] for match in found if match and len(match["text"]) >= 24]


def module_graph(entry: str) -> set[str]:
    """The modules (relative to assets/javascripts/) an entry imports, itself included, from the sources."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        folder = (SCRIPTS / path).parent
        for relative in _IMPORT_RE.findall((SCRIPTS / path).read_text(encoding="utf-8")):
            todo.append((folder / relative).resolve().relative_to(SCRIPTS.resolve()).as_posix())
    return seen


def test_each_page_script_and_widget_is_one_minified_classic_script(site):
    names = sorted(
        path.name for path in (site / bundle.SCRIPTS).glob("*.js") if path.name.startswith("widget-")
    )
    assert names == sorted(f"widget-{name}.js" for name in bundle.WIDGETS)
    entries = {bundle.PAGE_SCRIPT: bundle.SCRIPTS + bundle.PAGE_SCRIPT}
    entries |= {module: bundle.widget_bundle(name) for name, module in bundle.WIDGETS.items()}
    problems = []
    for entry, output in entries.items():
        built = (site / output).read_text(encoding="utf-8")
        graph = module_graph(entry)
        sources = "".join((SCRIPTS / path).read_text(encoding="utf-8") for path in graph)
        if len(built) > 0.6 * len(sources):
            problems.append(f"{output}: {len(built)} bytes from {len(sources)} of sources")
        for pattern in (r"\bimport\s*\(", r"import\.meta", r"^\s*import\s", r"\bexport\s*\{"):
            if re.search(pattern, built, re.M):
                problems.append(f"{output}: {pattern} would not run as a classic script from disk")
        for path in graph:
            comments = comment_texts((SCRIPTS / path).read_text(encoding="utf-8"))
            problems += [f"{output} keeps {path}'s comment {text!r}" for text in comments if text in built]
        if len(graph) > 1:
            assert any(path.startswith("lib/") for path in graph) or entry == bundle.PAGE_SCRIPT, graph
    assert not problems, "\n".join(problems)


def test_the_module_copies_are_gone_and_stylesheets_carry_their_imports(site):
    written = bundle.outputs(OVERRIDES)
    assert all((site / path).is_file() for path in written)
    leftovers = [path for path in bundle.sources(OVERRIDES) if (site / path).exists() and path not in written]
    assert leftovers == [], "module copies no page loads"
    forms = (site / bundle.STYLESHEETS / "forms.css").read_text(encoding="utf-8").strip()
    for sheet in ("calculator.css", "planner.css"):  # both @import forms.css in overrides/
        assert forms in (site / bundle.STYLESHEETS / sheet).read_text(encoding="utf-8"), sheet
    for sheet in (OVERRIDES / bundle.STYLESHEETS).glob("*.css"):
        built = (site / bundle.STYLESHEETS / sheet.name).read_text(encoding="utf-8")
        assert "@import" not in built, sheet.name
        assert len(built) < 0.9 * len(sheet.read_text(encoding="utf-8")) or "@import" in sheet.read_text(), (
            sheet
        )


def test_bundling_again_changes_nothing_and_never_writes_to_overrides(site, tmp_path):
    """The hook runs once per language and on every `mkdocs serve` rebuild: same bytes, sources untouched."""
    before = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in OVERRIDES.rglob("*") if path.is_file()
    }
    fresh = tmp_path / "site"
    for path in bundle.sources(OVERRIDES):  # what MkDocs copies from overrides/ before the hook runs
        (fresh / path).parent.mkdir(parents=True, exist_ok=True)
        (fresh / path).write_bytes((OVERRIDES / path).read_bytes())

    assert bundle.bundle_site(fresh, OVERRIDES) == bundle.outputs(OVERRIDES)
    for path in bundle.outputs(OVERRIDES):
        assert (fresh / path).read_bytes() == (site / path).read_bytes(), f"{path}: differs from the build's"
    assert bundle.bundle_site(fresh, OVERRIDES) == []
    assert bundle.bundle_site(site, OVERRIDES) == []

    after = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in OVERRIDES.rglob("*") if path.is_file()
    }
    assert after == before


def test_the_javascript_tests_pass_against_the_modules_as_the_bundler_makes_them(tmp_path):
    modules = sorted(
        path.relative_to(SCRIPTS).as_posix()
        for path in SCRIPTS.rglob("*.js")
        if not path.relative_to(SCRIPTS).as_posix().startswith("workers/")
    )
    assert "calculator/refund-math.js" in modules and "playbook.js" in modules
    command = [
        str(bundle.ESBUILD),
        *(str(SCRIPTS / module) for module in modules),
        *bundle.BUNDLE_FLAGS,
        "--format=esm",
        f"--outbase={SCRIPTS}",
        f"--outdir={tmp_path}",
        "--log-level=warning",
    ]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, **bundle.ESBUILD_ENV})

    env = {**os.environ, "PLAYBOOK_BUNDLED_MODULES": str(tmp_path)}
    source = (SCRIPTS / "calculator/refund-math.js").as_uri()
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
    assert resolved.stdout.strip() == (tmp_path / "calculator/refund-math.js").as_uri(), resolved.stderr

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


def test_the_widget_bundles_register_what_playbook_js_loads(site):
    """playbook.js asks for widget-<name>.js for every widget bundle.py builds; each registers its name."""
    script = """
      const vm = await import("node:vm");
      const fs = await import("node:fs");
      const [site, ...names] = process.argv.slice(1);
      const found = {};
      for (const name of names) {
        const context = vm.createContext({});
        vm.runInContext(fs.readFileSync(`${site}/assets/javascripts/widget-${name}.js`, "utf8"), context);
        found[name] = typeof context.playbookWidgets?.[name]?.mount;
      }
      const { WIDGETS } = await import(process.env.PLAYBOOK_JS);
      console.log(JSON.stringify({ found, loaded: Object.keys(WIDGETS).sort() }));
    """
    env = {**os.environ, "PLAYBOOK_JS": (SCRIPTS / bundle.PAGE_SCRIPT).as_uri()}
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script, str(site), *bundle.WIDGETS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '{"found":{' + ",".join(f'"{name}":"function"' for name in bundle.WIDGETS) + "},"
        '"loaded":[' + ",".join(f'"{name}"' for name in sorted(bundle.WIDGETS)) + "]}"
    )


def test_a_script_that_does_not_parse_fails_the_build_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    with (project / "overrides/assets/javascripts/lib/dom.js").open("a") as module:
        module.write("\nexport const = 1;\n")
    result = build_project(project)
    assert result.returncode != 0
    assert "esbuild could not bundle" in result.stderr and "lib/dom.js" in result.stderr, result.stderr[
        -3000:
    ]
