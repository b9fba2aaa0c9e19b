"""A broken link, a broken anchor or a page missing in one language fails the build, naming the file."""

from __future__ import annotations

from pathlib import Path

from built import build_project

ROOT = Path(__file__).resolve().parents[2]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_unbroken_copy_builds(project):
    result = build_project(project)
    assert result.returncode == 0, result.stderr


def test_a_link_to_a_missing_page_fails_naming_the_file(project):
    append(project / "docs/en/summary.md", "\nSee [nothing](no-such-page.md).\n")
    result = build_project(project)
    assert result.returncode != 0
    assert "summary.md" in result.stderr and "no-such-page.md" in result.stderr


def test_a_link_to_a_missing_anchor_fails_naming_the_file(project):
    append(project / "docs/nb/summary.md", "\nSe [her](pitfalls.md#no-such-anchor).\n")
    result = build_project(project)
    assert result.returncode != 0
    assert "summary.md" in result.stderr and "no-such-anchor" in result.stderr


def test_a_page_missing_in_one_language_fails_naming_the_file(project):
    (project / "docs/en/pitfalls.md").unlink()
    result = build_project(project)
    assert result.returncode != 0
    assert "docs/en/pitfalls.md: missing" in result.stderr


def test_a_heading_outline_that_differs_fails_naming_the_file(project):
    append(project / "docs/en/summary.md", "\n## Extra {#extra-only-in-english}\n")
    result = build_project(project)
    assert result.returncode != 0
    assert "docs/en/summary.md: section outline differs" in result.stderr
