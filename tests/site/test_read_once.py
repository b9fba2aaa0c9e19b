"""The build reads each Markdown source once, however large the playbook and however many checks look at it.

A playbook of three times the pages (the bench's generator, scripts/bench.py) is built twice in one process,
as ``mkdocs serve`` rebuilds after a save: both languages, every check. The shared reader (playbook/
sources.py) counts the files it opens; each source must be opened exactly once per build, and the second
build must see the edit made between the two.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bench  # scripts/bench.py: the generator of bigger playbooks
import pytest

ROOT = Path(__file__).resolve().parents[2]

FACTOR = 3

DRIVER = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playbook import sources

config_file, site_dir, edited = sys.argv[1:4]
counts = []
for run in range(2):
    if run:  # a save between two builds, as under mkdocs serve
        page = Path(edited)
        page.write_text(page.read_text(encoding="utf-8") + "\\nOne more line.\\n", encoding="utf-8")
    build(load_config(config_file, site_dir=site_dir))
    counts.append({str(path): count for path, count in sources.OPENS.items()})
print(json.dumps({"counts": counts, "after_edit": sources.read(Path(edited))[-15:]}))
"""


@pytest.fixture(scope="module")
def reads(tmp_path_factory) -> tuple[Path, list[dict[str, int]], str]:
    tmp = tmp_path_factory.mktemp("read-once")
    config = bench.load_config(bench.CONFIG)
    docs = tmp / "docs"
    nav = bench.scaled_docs(ROOT / config["docs_dir"], docs, list(config["nav"]), FACTOR)
    config_file = bench.write_config(bench.project_config(config, ROOT, docs, nav), tmp / "mkdocs.yml")
    edited = docs / "en" / "before-2.md"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_PDF": "0"}
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(config_file), str(tmp / "site"), str(edited)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return docs, found["counts"], found["after_edit"]


def test_the_generated_playbook_is_larger(reads):
    docs, _counts, _edit = reads
    assert len(list(docs.rglob("*.md"))) >= FACTOR * len(list((ROOT / "docs").rglob("*.md")))


def test_each_source_is_read_once_per_build(reads):
    docs, (first, second), _edit = reads
    sources_ = {str(path) for path in docs.rglob("*.md")}
    assert {path for path in first if path.startswith(str(docs))} == sources_
    assert {path: first[path] for path in sources_ if first[path] != 1} == {}
    assert {path: second[path] for path in sources_ if second[path] != 2} == {}


def test_a_rebuild_reads_the_edited_source_afresh(reads):
    _docs, _counts, after_edit = reads
    assert after_edit == "One more line.\n"
