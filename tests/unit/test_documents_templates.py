"""The exit documents' templates: the build's declaration (blocks/planner/documents.py) and the browser's
(documents/document-templates.js) name the same keys and placeholders, both pages hold them all, and a missing
key or an unknown placeholder in a page fails the build's check naming the file and the line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.blocks import planner
from playbook.blocks.planner import documents
from playbook.blocks.planner import sources as planner_sources

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")

SCRIPT = """
import { DOCUMENT_TEMPLATES } from "./overrides/assets/javascripts/documents/document-templates.js";
import {
  DOCUMENTS, DOCUMENT_FIELDS, CONVENTIONS, UNITS,
} from "./overrides/assets/javascripts/documents/document-text.js";
import { TEMPLATES } from "./overrides/assets/javascripts/planner/planner-text.js";
process.stdout.write(JSON.stringify({
  documents: DOCUMENT_TEMPLATES, all: Object.keys(TEMPLATES), fields: DOCUMENT_FIELDS, outputs: DOCUMENTS,
  units: UNITS, conventions: CONVENTIONS,
}));
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_build_and_the_browser_declare_the_same_document_templates():
    found = subprocess.run(
        [NODE, "--input-type=module", "-e", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    browser = json.loads(found.stdout)
    build = documents.document_templates()
    assert set(browser["documents"]) == set(build)
    for key, names in build.items():
        assert sorted(browser["documents"][key]["allowed"]) == sorted(names), key
        assert sorted(browser["documents"][key]["required"]) == sorted(names), key
    assert set(browser["all"]) == set(planner.TEMPLATES)
    assert tuple(browser["fields"]) == documents.FIELDS
    assert tuple(browser["outputs"]) == documents.DOCUMENTS
    assert planner.OUTPUTS[2:] == documents.DOCUMENTS
    assert tuple(browser["units"]) == documents.UNITS
    assert tuple(browser["conventions"]) == documents.CONVENTIONS


def test_every_document_template_is_one_the_planner_checks():
    for key, names in documents.document_templates().items():
        assert planner.TEMPLATES[key].allowed == frozenset(names)
        assert planner.TEMPLATES[key].required == frozenset(names)


def copy_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    for code in ("nb", "en"):
        (docs / code).mkdir(parents=True)
        shutil.copy(ROOT / "docs" / code / "planner.md", docs / code / "planner.md")
    return docs


def test_the_pages_hold_every_document_template():
    for code in ("nb", "en"):
        text = (ROOT / "docs" / code / "planner.md").read_text(encoding="utf-8")
        _has, problems = planner_sources.page_problems(text)
        assert problems == [], (code, problems)


def test_a_missing_document_template_or_an_unknown_placeholder_names_file_and_line(tmp_path):
    docs = copy_docs(tmp_path)
    page = docs / "en" / "planner.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    notice = next(i for i, line in enumerate(lines) if line.startswith("notice.end:"))
    lines[notice] = "notice.end: The agreement ends on {end}."
    title = next(i for i, line in enumerate(lines) if line.startswith("credit_note.title:"))
    del lines[title]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = planner_sources.check(docs, ("nb", "en"))
    assert any(p.startswith(f"docs/en/planner.md:{notice + 1}: ") and "{end}" in p for p in problems), (
        problems
    )
    assert any("docs/en/planner.md:" in p and "credit_note.title" in p for p in problems), problems
