"""Checklists in the built site: real labelled checkboxes in every language, twins alike, nothing left as
Markdown; and a malformed checklist fails the build naming the file and the line."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from built import build_project, site_pages
from playbook import languages
from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR, NAME, WIDGET_ATTR, field_id

ROOT = Path(__file__).resolve().parents[2]
ASSETS = (
    "assets/javascripts/widget-checklist.js",  # checklist.js with checklist-state.js and lib/ (bundle.py)
    "assets/stylesheets/checklist.css",
)


class Checklists(HTMLParser):
    """(checklist id, [(item id, input id, input name)]) in page order, and every label's `for`."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str, str]]]] = []
        self.labels: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if CHECKLIST_ATTR in attributes:
            assert tag == "fieldset" and attributes.get(WIDGET_ATTR) == NAME, attributes
            self.found.append((attributes[CHECKLIST_ATTR], []))
        if tag == "input" and ITEM_ATTR in attributes:
            assert attributes.get("type") == "checkbox", attributes
            self.found[-1][1].append((attributes[ITEM_ATTR], attributes.get("id"), attributes.get("name")))
        if tag == "label" and "for" in attributes:
            self.labels.add(attributes["for"])


def read(path: Path) -> Checklists:
    parser = Checklists()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_checkbox_is_a_labelled_form_field_with_an_id_derived_name(site):
    total = 0
    for lang in languages.LANGUAGES:
        for name in sorted(site_pages(site, lang)):
            page = read(site / lang.url_prefix / name)
            assert len(page.ids) == len(set(page.ids)), f"{lang.code}/{name}: duplicate ids"
            for checklist_id, items in page.found:
                assert items, f"{lang.code}/{name}: checklist {checklist_id} without checkboxes"
                for item_id, input_id, input_name in items:
                    assert input_id == input_name == field_id(checklist_id, item_id)
                    assert input_id in page.labels, f"{lang.code}/{name}: no <label for={input_id}>"
                    total += 1
    assert total >= 2 * 20


def test_twin_pages_have_the_same_checklists_and_items(site):
    default = languages.DEFAULT
    names = site_pages(site, default)
    seen = 0
    for name in sorted(names):
        reference = read(site / name).found
        seen += len(reference)
        for lang in languages.LANGUAGES:
            assert read(site / lang.url_prefix / name).found == reference, f"{lang.code}/{name}"
    assert seen >= 4


def test_no_checklist_markdown_is_left_in_the_pages(site):
    for lang in languages.LANGUAGES:
        for name in sorted(site_pages(site, lang)):
            html = (site / lang.url_prefix / name).read_text(encoding="utf-8")
            article = html.split('<article class="md-content__inner', 1)[-1]
            assert "/// checklist" not in article, f"{lang.code}/{name}"
            assert not re.search(r"<li>\s*\[[ xX]\]", article), (
                f"{lang.code}/{name}: a task item left as text"
            )


def test_the_widget_files_are_published_and_the_stylesheet_linked(site):
    for asset in ASSETS:
        assert (site / asset).is_file(), asset
    for lang in languages.LANGUAGES:
        html = (site / lang.url_prefix / "before.html").read_text(encoding="utf-8")
        assert "assets/stylesheets/checklist.css" in html, lang.code
        # Only a page with a checklist pays for its sheet (issue #16's page-weight budget).
        for name in ("index.html", "refunds.html", "planner.html"):
            other = (site / lang.url_prefix / name).read_text(encoding="utf-8")
            assert "checklist.css" not in other, f"{lang.code}/{name}"


def build(project: Path) -> subprocess.CompletedProcess:
    return build_project(project, PLAYBOOK_PDF="0")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_a_duplicate_item_id_fails_the_build_naming_file_and_line(project):
    page = project / "docs/en/before.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{#write-script}", "{#reread-contract}"), "utf-8"
    )
    result = build(project)
    assert result.returncode != 0
    line = line_of(page, "Write a short script")
    assert f"docs/en/before.md:{line}: item id 'reread-contract' is used twice" in result.stderr


def test_items_out_of_order_between_languages_fail_the_build_naming_file_and_line(project):
    page = project / "docs/nb/after.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    first = line_of(page, "{#keep-obligations}") - 1
    lines[first], lines[first + 1] = lines[first + 1], lines[first]
    page.write_text("".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    english = line_of(project / "docs/en/after.md", "{#keep-obligations}")
    assert f"docs/en/after.md:{english}: the items of checklist 'after-call'" in result.stderr
