"""What the build bundles and how (scripts/playbook/site/bundle.py), without running esbuild where it can.

The bundler itself runs in tests/site/test_bundles.py, on the real build.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from playbook.blocks import calculator, checklist, planner
from playbook.site import bundle, hooks

PAGE = "assets/javascripts/playbook.js"
WORKER = "assets/javascripts/workers/playbook-search.js"
SHEET = "assets/stylesheets/playbook.css"
SOURCE = b"/* comment */\nexport const answer = 42;\n"


def project(tmp_path: Path) -> tuple[Path, Path]:
    """overrides/ with a page script, a module, the worker and a stylesheet; a site with fresh copies."""
    custom, site = tmp_path / "overrides", tmp_path / "site"
    files = {
        PAGE: SOURCE,
        "assets/javascripts/lib/dom.js": SOURCE,
        WORKER: b'"use strict"\nvar x = 1\n',
        SHEET: b"p { color: red }\n",
    }
    for root in (custom, site):
        for path, data in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(data)
    return custom, site


def test_every_widget_the_blocks_declare_has_a_bundle_entry():
    assert set(bundle.WIDGETS) == {checklist.NAME, calculator.NAME, planner.NAME}
    assert bundle.widget_bundle(calculator.NAME) == "assets/javascripts/widget-refund-calculator.js"
    root = Path(__file__).resolve().parents[2] / "overrides" / bundle.SCRIPTS
    assert all((root / module).is_file() for module in bundle.WIDGETS.values())


def test_the_planner_documents_are_an_on_demand_part_with_a_strings_file_per_language():
    assert set(bundle.PARTS) == {
        planner.TEXTS_PART,
        planner.DOCUMENTS_PART,
        planner.CALCULATION_PART,
        calculator.ENGINE_PART,
    }
    assert bundle.part_bundle(planner.TEXTS_PART) == "assets/javascripts/part-planner-texts.js"
    assert bundle.PARTS[calculator.ENGINE_PART] == "calculator/calculator-engine.js"
    assert bundle.part_bundle(calculator.ENGINE_PART) == "assets/javascripts/part-refund-calculator-engine.js"
    root = Path(__file__).resolve().parents[2] / "overrides" / bundle.SCRIPTS
    assert all((root / module).is_file() for module in bundle.PARTS.values())
    assert bundle.part_bundle(planner.DOCUMENTS_PART) == "assets/javascripts/part-planner-documents.js"
    assert (
        bundle.part_strings(planner.DOCUMENTS_PART, "nb")
        == "assets/javascripts/strings-planner-documents.nb.js"
    )
    text = bundle.strings_script(planner.DOCUMENTS_PART, "nb", {"planner.x": "«ø» </script>"})
    assert (
        text == '(globalThis.playbookStrings||={})["planner-documents.nb"]={"planner.x":"«ø» </script>"};\n'
    )


def test_outputs_are_the_page_script_the_widgets_the_stylesheets_and_the_worker(tmp_path):
    custom, _site = project(tmp_path)
    assert bundle.outputs(custom) == [
        PAGE,
        *(bundle.widget_bundle(name) for name in bundle.WIDGETS),
        *(bundle.part_bundle(name) for name in bundle.PARTS),
        SHEET,
        WORKER,
    ]
    assert bundle.sources(custom) == ["assets/javascripts/lib/dom.js", PAGE, WORKER, SHEET]


def test_a_widget_bundle_registers_its_entry_by_name():
    text = bundle.registering_entry(
        Path("/p/overrides/assets/javascripts/planner/planner.js"), "conversation-planner"
    )
    assert text.splitlines() == [
        'import * as widget from "/p/overrides/assets/javascripts/planner/planner.js";',
        '(globalThis.playbookWidgets ||= {})["conversation-planner"] = widget;',
    ]


def test_one_bundling_run_and_one_worker_run(tmp_path):
    custom, _site = project(tmp_path)
    files, (bundles, worker) = bundle.plan(custom, tmp_path / "entries")
    assert set(bundles.entries) == set(bundle.outputs(custom)) - {WORKER}
    assert {"--bundle", "--minify", "--format=iife"} <= set(bundles.flags)
    assert worker.entries == (WORKER,) and "--bundle" not in worker.flags and "--minify" in worker.flags
    assert not any(flag.startswith("--format") for flag in worker.flags)  # keeps the worker's globals
    assert files[SHEET] == f"@import {json.dumps((custom.resolve() / SHEET).as_posix())};\n"
    assert files[PAGE].startswith("import ") and files[WORKER] == '"use strict"\nvar x = 1\n'


def test_stale_when_any_copy_is_fresh_or_an_output_is_missing(tmp_path):
    custom, site = project(tmp_path)
    assert bundle.stale(site, custom)
    for path in bundle.outputs(custom):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"bundled")
    (site / "assets/javascripts/lib/dom.js").unlink()
    assert not bundle.stale(site, custom)
    (site / bundle.widget_bundle(checklist.NAME)).unlink()
    assert bundle.stale(site, custom)


def test_a_missing_esbuild_fails_and_says_how_to_install_it(tmp_path):
    custom, site = project(tmp_path)
    with pytest.raises(bundle.BundleError, match=r"cannot be bundled: run `npm ci`"):
        bundle.bundle_site(site, custom, esbuild=tmp_path / "node_modules/.bin/esbuild")
    assert (site / PAGE).read_bytes() == SOURCE  # nothing half-done


def test_nothing_to_bundle_needs_no_esbuild(tmp_path):
    custom, site = project(tmp_path)
    for path in bundle.outputs(custom):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"bundled")
    (site / "assets/javascripts/lib/dom.js").unlink()
    assert bundle.bundle_site(site, custom, esbuild=tmp_path / "missing") == []


def test_the_hook_fails_the_build_when_esbuild_is_missing(tmp_path, monkeypatch):
    custom, site = project(tmp_path)
    monkeypatch.setattr(bundle, "ESBUILD", tmp_path / "missing-esbuild")
    config = SimpleNamespace(site_dir=str(site), theme=SimpleNamespace(custom_dir=str(custom)))
    with pytest.raises(PluginError, match="missing-esbuild is missing"):
        hooks.bundle_assets(config)
