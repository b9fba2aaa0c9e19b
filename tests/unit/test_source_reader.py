"""The shared reader of the Markdown sources: each file read once per build, never stale after an edit."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from playbook import sources


@pytest.fixture(autouse=True)
def fresh():
    sources.forget_all()
    yield
    sources.forget_all()


def touch_later(path: Path) -> None:
    """Move the file's modification time on, as any later save does."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_file_is_opened_once_however_often_it_is_read(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    assert [sources.read(page) for _ in range(3)] == ["# Page\n"] * 3
    assert sources.OPENS[page] == 1


def test_an_edit_is_read_again_even_at_the_same_size(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page A\n", encoding="utf-8")
    assert sources.read(page) == "# Page A\n"
    page.write_text("# Page B\n", encoding="utf-8")
    touch_later(page)
    assert sources.read(page) == "# Page B\n"
    assert sources.OPENS[page] == 2


def test_a_derived_result_is_computed_once_per_version_of_the_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("one\ntwo\n", encoding="utf-8")
    calls = []

    def count_lines(text: str) -> int:
        calls.append(text)
        return len(text.splitlines())

    assert sources.derive(page, count_lines) == sources.derive(page, count_lines) == 2
    page.write_text("one\ntwo\nthree\n", encoding="utf-8")
    assert sources.derive(page, count_lines) == 3
    assert len(calls) == 2


def test_a_new_build_reads_afresh_but_a_further_language_of_the_same_build_does_not(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    i18n = SimpleNamespace(building=False)
    config = SimpleNamespace(plugins={"i18n": i18n})
    sources.new_build(config)
    sources.read(page)
    i18n.building = True  # static-i18n builds the next language
    sources.new_build(config)
    sources.read(page)
    assert sources.OPENS[page] == 1
    i18n.building = False  # the next build (mkdocs serve after a save)
    sources.new_build(config)
    sources.read(page)
    assert sources.OPENS[page] == 2


def test_what_is_held_of_deleted_files_is_dropped(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    sources.derive(page, str.upper)
    page.unlink()
    sources.forget_missing()
    assert sources._texts == {} and sources._derived == {}


def test_lines_inside_fenced_code_are_skipped():
    text = "a\n```\nb\n```\nc\n~~~~\nd\n~~~\ne\n~~~~\nf\n"
    assert list(sources.lines_outside_code(text)) == [(1, "a"), (5, "c"), (11, "f")]


def test_a_check_runs_once_per_build_and_again_in_the_next():
    i18n = SimpleNamespace(building=False)
    config = SimpleNamespace(plugins={"i18n": i18n})
    runs = []

    def check() -> list[str]:
        runs.append(1)
        return ["a problem"]

    sources.new_build(config)
    assert sources.once_per_build("check", check) == ["a problem"]
    i18n.building = True
    sources.new_build(config)
    assert sources.once_per_build("check", check) == ["a problem"] and len(runs) == 1
    i18n.building = False
    sources.new_build(config)
    sources.once_per_build("check", check)
    assert len(runs) == 2
