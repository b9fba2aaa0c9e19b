"""The translation parity checks: every page in every language, same section outline."""

from pathlib import Path

from playbook.site import parity


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_missing_twin_is_named_with_its_folder(tmp_path):
    write(tmp_path, "nb/index.md", "# A\n")
    write(tmp_path, "en/index.md", "# A\n")
    write(tmp_path, "nb/extra.md", "# B\n")
    assert parity.missing_twins(tmp_path, ["nb", "en"]) == [
        "docs/en/extra.md: missing; the page exists in docs/nb/ and every page needs a translation "
        "in every language"
    ]


def test_outline_reads_levels_and_ids_and_skips_fenced_code():
    markdown = "# Title\n\n## One {#one}\n\n```text\n## not a heading\n```\n\n### Two {: #two .x}\n## Bare\n"
    assert parity.outline(markdown) == [(2, "one"), (3, "two"), (2, None)]


def test_outline_ignores_a_longer_fence_inside_a_fence():
    markdown = "````md\n```\n## inside\n```\n````\n## After {#after}\n"
    assert parity.outline(markdown) == [(2, "after")]


def test_outline_problems_name_heading_without_id_and_differing_outline():
    problems = parity.outline_problems(
        "page.md",
        {"nb": [(2, "a"), (2, None)], "en": [(2, "a"), (3, "b")]},
    )
    assert problems[0].startswith("docs/nb/page.md: a level-2 heading has no explicit id")
    assert problems[1].startswith("docs/en/page.md: section outline differs from docs/nb/page.md")
    assert len(problems) == 2


def test_check_passes_a_tree_in_step(tmp_path):
    for code in ("nb", "en"):
        write(tmp_path, f"{code}/index.md", "# T\n\n## S {#s}\n")
    assert parity.check(tmp_path, ["nb", "en"]) == []


def test_the_real_docs_are_in_step():
    docs = Path(__file__).resolve().parents[2] / "docs"
    assert parity.check(docs, ["nb", "en"]) == []
