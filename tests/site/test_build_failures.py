"""A broken link, a broken anchor or a page missing in one language fails the build, naming the file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's sources that a test may break."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    return tmp_path


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")],
        cwd=project,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_unbroken_copy_builds(project):
    result = build(project)
    assert result.returncode == 0, result.stderr


def test_a_link_to_a_missing_page_fails_naming_the_file(project):
    append(project / "docs/en/summary.md", "\nSee [nothing](no-such-page.md).\n")
    result = build(project)
    assert result.returncode != 0
    assert "summary.md" in result.stderr and "no-such-page.md" in result.stderr


def test_a_link_to_a_missing_anchor_fails_naming_the_file(project):
    append(project / "docs/nb/summary.md", "\nSe [her](pitfalls.md#no-such-anchor).\n")
    result = build(project)
    assert result.returncode != 0
    assert "summary.md" in result.stderr and "no-such-anchor" in result.stderr


def test_a_page_missing_in_one_language_fails_naming_the_file(project):
    (project / "docs/en/pitfalls.md").unlink()
    result = build(project)
    assert result.returncode != 0
    assert "docs/en/pitfalls.md: missing" in result.stderr


def test_a_heading_outline_that_differs_fails_naming_the_file(project):
    append(project / "docs/en/summary.md", "\n## Extra {#extra-only-in-english}\n")
    result = build(project)
    assert result.returncode != 0
    assert "docs/en/summary.md: section outline differs" in result.stderr
