"""Page titles (H1) need an explicit id, the same in every language (scripts/playbook/site/headings.py)."""

from __future__ import annotations

from pathlib import Path

from playbook import languages
from playbook.site import headings

ROOT = Path(__file__).resolve().parents[2]


def write(docs: Path, code: str, name: str, text: str) -> None:
    (docs / code).mkdir(parents=True, exist_ok=True)
    (docs / code / name).write_text(text, encoding="utf-8")


def test_titles_reads_ids_and_skips_code(tmp_path):
    text = (
        "---\ntitle: x\n---\n\n# Dette bør du unngå {#pitfalls}\n\n```md\n# not a title\n```\n## Sub {#sub}\n"
    )
    assert headings.titles(text) == [(5, "pitfalls")]
    assert headings.titles("# No id\n") == [(1, None)]


def test_a_title_without_id_fails_naming_file_and_line(tmp_path):
    write(tmp_path, "nb", "a.md", "Intro\n\n# Tittel\n")
    write(tmp_path, "en", "a.md", "# Title {#a}\n")
    problems = headings.check(tmp_path, ("nb", "en"))
    assert len(problems) == 1
    assert problems[0].startswith("docs/nb/a.md:3: the page title (H1) has no explicit id")


def test_twins_with_different_title_ids_fail(tmp_path):
    write(tmp_path, "nb", "a.md", "# Tittel {#tittel}\n")
    write(tmp_path, "en", "a.md", "\n# Title {#title}\n")
    (problem,) = headings.check(tmp_path, ("nb", "en"))
    assert problem.startswith("docs/en/a.md:2: the page title's id #title differs from #tittel")


def test_same_ids_pass(tmp_path):
    write(tmp_path, "nb", "a.md", "# Tittel {#a}\n")
    write(tmp_path, "en", "a.md", "# Title {#a}\n")
    assert headings.check(tmp_path, ("nb", "en")) == []


def test_every_page_of_the_playbook_has_its_title_id():
    assert headings.check(ROOT / "docs", languages.CODES) == []
