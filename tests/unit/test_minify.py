"""What the build minifies and how (scripts/playbook/minify.py), without running the minifier.

The minifier itself runs in tests/site/test_minified_assets.py, on the real build.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from playbook.site import hooks, minify
from playbook.site.minify import Candidate, Job, Kind

MODULE = "assets/javascripts/playbook.js"
WORKER = "assets/javascripts/workers/playbook-search.js"
SHEET = "assets/stylesheets/playbook.css"
SOURCE = b"/* comment */\nexport const answer = 42;\n"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (MODULE, Kind.MODULE),
        ("assets/javascripts/refund-math.js", Kind.MODULE),
        (WORKER, Kind.SCRIPT),
        (SHEET, Kind.STYLESHEET),
        ("assets/stylesheets/print.css", Kind.STYLESHEET),
    ],
)
def test_our_scripts_and_stylesheets_have_a_kind(path, kind):
    assert minify.kind_of(path) is kind


@pytest.mark.parametrize(
    "path",
    [
        "main.html",
        "partials/copyright.html",
        "assets/images/logo.svg",
        "assets/javascripts/vendor.min.js",  # shipped minified already
        "assets/stylesheets/theme.min.css",
        "assets/javascripts/notes.css",  # a stylesheet outside the stylesheets folder
        "assets/stylesheets/helper.js",
        "javascripts/playbook.js",  # not under assets/
        "assets/javascripts/playbook.js.map",
    ],
)
def test_anything_else_is_not_minified(path):
    assert minify.kind_of(path) is None


def test_plan_takes_fresh_copies_of_our_files_in_path_order():
    candidates = [
        Candidate(SHEET, b"a { color: red; }\n", b"a { color: red; }\n"),
        Candidate(WORKER, SOURCE, SOURCE),
        Candidate(MODULE, SOURCE, SOURCE),
        Candidate("main.html", b"<html>", b"<html>"),
    ]
    assert minify.plan(candidates) == [
        Job(MODULE, Kind.MODULE),
        Job(WORKER, Kind.SCRIPT),
        Job(SHEET, Kind.STYLESHEET),
    ]


def test_plan_leaves_copies_that_are_already_minified_or_not_published():
    minified = b"export const answer=42;\n"
    candidates = [
        Candidate(MODULE, SOURCE, minified),  # minified by an earlier run (the other language's build)
        Candidate("assets/javascripts/storage.js", SOURCE, None),  # the build did not publish it
    ]
    assert minify.plan(candidates) == []


def test_plan_after_a_run_is_empty_so_the_hook_may_run_again():
    fresh = [Candidate(path, SOURCE, SOURCE) for path in (MODULE, WORKER, SHEET)]
    done = [Candidate(job.path, SOURCE, b"minified") for job in minify.plan(fresh)]
    assert len(minify.plan(fresh)) == 3
    assert minify.plan(done) == []


def test_modules_are_minified_as_modules_and_worker_scripts_keep_their_globals():
    jobs = [Job(MODULE, Kind.MODULE), Job(WORKER, Kind.SCRIPT), Job(SHEET, Kind.STYLESHEET)]
    (module_flags, module_paths), (script_flags, script_paths) = minify.runs(jobs)
    assert module_paths == [MODULE, SHEET] and script_paths == [WORKER]
    assert "--format=esm" in module_flags
    assert not any(flag.startswith("--format") for flag in script_flags)
    for flags in (module_flags, script_flags):
        assert "--minify" in flags and "--bundle" not in flags


def test_only_runs_with_work_are_made():
    assert minify.runs([Job(WORKER, Kind.SCRIPT)]) == [(minify.ESBUILD_RUNS[1][1], [WORKER])]
    assert minify.runs([]) == []
    every_kind = set().union(*(kinds for kinds, _ in minify.ESBUILD_RUNS))
    assert every_kind == set(Kind)


def test_each_file_is_read_from_overrides_and_written_to_the_same_path_in_the_site():
    command = minify.esbuild_command(
        Path("/e"), Path("/p/overrides"), Path("/p/site"), ("--minify",), [MODULE]
    )
    assert command[:3] == ["/e", f"/p/overrides/{MODULE}", "--minify"]
    assert "--outbase=/p/overrides" in command and "--outdir=/p/site" in command
    assert "--bundle" not in command


def site_with_fresh_copy(tmp_path: Path) -> tuple[Path, Path]:
    custom, site = tmp_path / "overrides", tmp_path / "site"
    for root in (custom, site):
        (root / "assets/javascripts").mkdir(parents=True)
        (root / MODULE).write_bytes(SOURCE)
    return custom, site


def test_candidates_pair_each_source_with_its_built_copy(tmp_path):
    custom, site = site_with_fresh_copy(tmp_path)
    (custom / "main.html").write_text("<html>")
    (custom / "assets/stylesheets").mkdir()
    (custom / SHEET).write_bytes(b"a{}")  # not published
    assert minify.candidates(custom, site) == [
        Candidate(MODULE, SOURCE, SOURCE),
        Candidate(SHEET, b"a{}", None),
    ]


def test_a_missing_minifier_fails_and_says_how_to_install_it(tmp_path):
    custom, site = site_with_fresh_copy(tmp_path)
    with pytest.raises(minify.MinifyError, match=r"cannot be minified: run `npm ci`"):
        minify.minify_site(site, custom, esbuild=tmp_path / "node_modules/.bin/esbuild")
    assert (site / MODULE).read_bytes() == SOURCE  # nothing half-done


def test_nothing_to_minify_needs_no_minifier(tmp_path):
    custom, site = site_with_fresh_copy(tmp_path)
    (site / MODULE).write_bytes(b"export const answer=42;")
    assert minify.minify_site(site, custom, esbuild=tmp_path / "missing") == []


def test_the_hook_fails_the_build_when_the_minifier_is_missing(tmp_path, monkeypatch):
    custom, site = site_with_fresh_copy(tmp_path)
    monkeypatch.setattr(minify, "ESBUILD", tmp_path / "missing-esbuild")
    config = SimpleNamespace(site_dir=str(site), theme=SimpleNamespace(custom_dir=str(custom)))
    with pytest.raises(PluginError, match="missing-esbuild is missing"):
        hooks.minify_assets(config)
