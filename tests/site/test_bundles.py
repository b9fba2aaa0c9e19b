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


# --- The bundle cache: esbuild runs only when what it reads changed ---------------------------------------


def counting_esbuild(tmp_path):
    """The real esbuild behind a script that counts its runs (one line in the log per run)."""
    log = tmp_path / "esbuild-runs.log"
    wrapper = tmp_path / "esbuild"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{bundle.ESBUILD}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper, lambda: len(log.read_text().splitlines()) if log.exists() else 0


def fresh_site(folder, custom):
    """A site as MkDocs leaves it before the hook: fresh copies of the sources in `custom`."""
    for path in bundle.sources(custom):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes((custom / path).read_bytes())
    return folder


def test_the_second_build_with_the_same_sources_copies_the_bundles_instead_of_running_esbuild(
    site, tmp_path, monkeypatch
):
    monkeypatch.setattr(bundle, "CACHE", tmp_path / "cache")
    esbuild, runs = counting_esbuild(tmp_path)
    first = fresh_site(tmp_path / "first", OVERRIDES)
    assert bundle.bundle_site(first, OVERRIDES, esbuild=esbuild) == bundle.outputs(OVERRIDES)
    assert runs() == 2  # the bundles and the worker
    second = fresh_site(tmp_path / "second", OVERRIDES)
    assert bundle.bundle_site(second, OVERRIDES, esbuild=esbuild) == bundle.outputs(OVERRIDES)
    assert runs() == 2, "esbuild ran again for the same sources"
    for path in bundle.outputs(OVERRIDES):
        assert (second / path).read_bytes() == (site / path).read_bytes(), f"{path}: differs from the build's"
    assert not (second / "assets/javascripts/lib").exists()  # the module copies still go
    monkeypatch.setenv("PLAYBOOK_BUNDLE_CACHE", "0")
    bundle.bundle_site(fresh_site(tmp_path / "third", OVERRIDES), OVERRIDES, esbuild=esbuild)
    assert runs() == 4, "PLAYBOOK_BUNDLE_CACHE=0 still used the cache"


def test_an_edited_module_a_damaged_entry_or_another_esbuild_is_a_miss_never_a_stale_bundle(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(bundle, "CACHE", tmp_path / "cache")
    custom = tmp_path / "overrides"
    for path in bundle.sources(OVERRIDES):  # a copy of overrides/ to edit
        (custom / path).parent.mkdir(parents=True, exist_ok=True)
        (custom / path).write_bytes((OVERRIDES / path).read_bytes())
    esbuild, runs = counting_esbuild(tmp_path)
    bundle.bundle_site(fresh_site(tmp_path / "a", custom), custom, esbuild=esbuild)
    assert runs() == 2

    # A module the checklist's entry imports, edited: the cache is a miss and the new code is in the bundle.
    module = custom / bundle.SCRIPTS / "checklist" / "checklist-state.js"
    module.write_text(module.read_text() + '\nexport const cacheProbe = "cache-probe-1";\n')
    entry = custom / bundle.SCRIPTS / bundle.WIDGETS["checklist"]
    entry.write_text(entry.read_text() + '\nexport { cacheProbe } from "./checklist-state.js";\n')
    site = fresh_site(tmp_path / "b", custom)
    bundle.bundle_site(site, custom, esbuild=esbuild)
    assert runs() == 4
    assert "cache-probe-1" in (site / bundle.widget_bundle("checklist")).read_text()

    # The same edit again: a hit with the new code.
    site = fresh_site(tmp_path / "c", custom)
    bundle.bundle_site(site, custom, esbuild=esbuild)
    assert runs() == 4 and "cache-probe-1" in (site / bundle.widget_bundle("checklist")).read_text()

    # A damaged entry (its list of inputs unreadable, or an output missing) is a miss, and is written again.
    for damage in ("inputs", "output"):
        (entry_dir,) = [
            p
            for p in (tmp_path / "cache").iterdir()
            if (p / "inputs.json").exists()
            and "cache-probe-1" in (p / bundle.widget_bundle("checklist")).read_text()
        ]
        if damage == "inputs":
            (entry_dir / "inputs.json").write_text("{not json")
        else:
            (entry_dir / bundle.widget_bundle("checklist")).unlink()
        before = runs()
        site = fresh_site(tmp_path / f"d-{damage}", custom)
        bundle.bundle_site(site, custom, esbuild=esbuild)
        assert runs() == before + 2, damage
        assert "cache-probe-1" in (site / bundle.widget_bundle("checklist")).read_text()

    # A package.json above the sources (its sideEffects decide what tree shaking keeps; esbuild reads it
    # without listing it in the metafile): a miss when it appears, and when it changes.
    for text in ('{"sideEffects": false}', '{"sideEffects": true}'):
        (tmp_path / "package.json").write_text(text)
        before = runs()
        bundle.bundle_site(fresh_site(tmp_path / f"package-{text[-6:-1]}", custom), custom, esbuild=esbuild)
        assert runs() == before + 2, text

    # Another esbuild (its version is part of the key): a miss.
    (tmp_path / "other").mkdir()
    other, other_runs = counting_esbuild(tmp_path / "other")
    bundle.bundle_site(fresh_site(tmp_path / "e", custom), custom, esbuild=other)
    assert other_runs() == 2


def test_the_cache_keeps_only_the_latest_entries(tmp_path):
    cache = bundle.BundleCache(tmp_path / "cache")
    site = tmp_path / "site"
    (site / "out.js").parent.mkdir(parents=True)
    (site / "out.js").write_text("x")
    source = tmp_path / "source.js"
    source.write_text("s")
    keys = [f"{number:064x}" for number in range(bundle.CACHE_ENTRIES + 3)]
    for number, key in enumerate(keys):
        cache.store(key, site, ["out.js"], {source})
        os.utime(cache.folder / key, ns=(number * 10**9, number * 10**9))
    cache.prune()
    assert sorted(p.name for p in cache.folder.iterdir()) == keys[-bundle.CACHE_ENTRIES :]
    assert cache.restore(keys[-1], tmp_path / "restored", ["out.js"])
    assert (tmp_path / "restored" / "out.js").read_text() == "x"
    source.write_text("changed")
    assert not cache.restore(keys[-1], tmp_path / "again", ["out.js"])
    assert not (tmp_path / "again").exists()

    # Staging folders: one a stopped build left long ago goes, one being written now stays, neither counts.
    left, writing = cache.folder / ".0000-left", cache.folder / ".0001-writing"
    left.mkdir()
    writing.mkdir()
    os.utime(left, (1, 1))
    cache.prune()
    assert not left.exists() and writing.exists()
    assert len([p for p in cache.folder.iterdir() if not p.name.startswith(".")]) == bundle.CACHE_ENTRIES
