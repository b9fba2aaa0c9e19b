"""The built search: one index per language holding only its own pages, and every page pointed at its own."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import html5lib
import pytest

from built import site_pages
from playbook import languages
from playbook.blocks import checklist
from playbook.site import search_index

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
SITE_URL = "http://site.test/"


def load_index(site: Path, lang: languages.Language) -> dict:
    return json.loads((site / search_index.index_path(lang)).read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Index or page text as a reader sees it: no tags, no entities, single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def page_text(index: dict, page: str) -> str:
    """Everything the index holds for one page (all its sections)."""
    return " ".join(
        plain(f"{doc['title']} {doc['text']}")
        for doc in index["docs"]
        if doc["location"].split("#")[0] == page
    )


def parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def headings(document) -> dict[str | None, str]:
    """Heading text by id, and the page title (its h1) under None; without Material's permalink sign."""
    found: dict[str | None, str] = {}
    for element in document.iter():
        if element.tag not in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            continue
        text = " ".join("".join(text_without_permalinks(element)).split())
        if element.tag == "h1":
            found.setdefault(None, text)
        if element.get("id"):
            found.setdefault(element.get("id"), text)
    return found


def text_without_permalinks(element):
    if element.text:
        yield element.text
    for child in element:
        if child.get("class") != "headerlink":
            yield from text_without_permalinks(child)
        if child.tail:
            yield child.tail


def page_config(document) -> dict:
    script = next(s for s in document.iter("script") if s.get("id") == "__config")
    return json.loads(script.text)


# --- One index per language ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_each_language_has_its_own_index_with_its_own_stemmer(site, lang):
    index = load_index(site, lang)
    assert index["config"]["lang"] == [lang.lunr]
    assert "stemmer" in index["config"]["pipeline"], "Material drops lunr's stemmer unless it is listed"
    assert index["docs"], lang.code


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_each_index_holds_exactly_its_languages_pages(site, lang):
    index = load_index(site, lang)
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == site_pages(site, lang)


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_location_is_a_section_of_that_languages_page_under_its_own_title(site, lang):
    """Locations resolve from the language root to a heading whose text is the entry's title."""
    documents = {}
    for doc in load_index(site, lang)["docs"]:
        page, _, anchor = doc["location"].partition("#")
        path = site / lang.url_prefix / page
        assert path.is_file(), (
            f"{lang.code}: {doc['location']} resolves to a missing {path.relative_to(site)}"
        )
        document = documents.setdefault(page, parse(path))
        titles = headings(document)
        assert (anchor or None) in titles, f"{lang.code}: {doc['location']}: no such section"
        assert html.unescape(doc["title"]) == titles[anchor or None], doc["location"]


def test_the_languages_together_cover_every_page_once(site):
    covered = [
        lang.url_prefix + doc["location"].split("#")[0]
        for lang in LANGS
        for doc in load_index(site, lang)["docs"]
    ]
    every_page = {lang.url_prefix + page for lang in LANGS for page in site_pages(site, lang)}
    assert set(covered) == every_page
    locations = [
        lang.url_prefix + doc["location"] for lang in LANGS for doc in load_index(site, lang)["docs"]
    ]
    assert len(locations) == len(set(locations)), "a section is indexed twice"


def test_each_index_is_smaller_than_the_merged_one_it_replaces(site):
    sizes = {lang.code: (site / search_index.index_path(lang)).stat().st_size for lang in LANGS}
    for code, size in sizes.items():
        assert size < 0.7 * sum(sizes.values()), f"{code}: {size} bytes of {sizes}"


def test_splitting_a_built_site_again_changes_nothing(site, tmp_path):
    for lang in LANGS:
        target = tmp_path / search_index.index_path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / search_index.index_path(lang), target)
    search_index.write_split(tmp_path)
    for lang in LANGS:
        path = search_index.index_path(lang)
        assert (tmp_path / path).read_bytes() == (site / path).read_bytes(), path


# --- Every page searches its own language --------------------------------------------------------------


def built_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts)


def test_every_page_fetches_the_index_of_its_own_language_with_the_stemming_worker(site):
    pages = built_pages(site)
    assert (site / "404.html") in pages
    for path in pages:
        document = parse(path)
        lang = languages.by_code(document.get("lang"))
        config = page_config(document)
        page_url = SITE_URL + path.relative_to(site).as_posix()
        base = urljoin(page_url, config["base"])
        assert urljoin(base, search_index.INDEX_NAME) == SITE_URL + search_index.index_path(lang), path

        worker = urlsplit(urljoin(page_url, config["search"]))
        worker_file = site / worker.path.lstrip("/")
        assert worker_file.name == search_index.WORKER and worker_file.is_file(), path
        material = parse_qs(worker.query)["material"][0]
        assert (worker_file.parent / material).is_file(), f"{path}: Material's worker {material} is missing"


# --- What is searchable --------------------------------------------------------------------------------

CHECKLIST_ITEM_RE = re.compile(r"^\s*[-*+] \[[ xX]\] (?P<text>.+?)\s*\{[^}]*\}\s*$")


def markdown_plain(text: str) -> str:
    """Inline Markdown as the reader sees it: link text, no emphasis or code markers."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def blocks(markdown: str, name: str) -> list[list[str]]:
    """Lines inside each ``/// name`` ... ``///`` block."""
    found, current = [], None
    for line in markdown.splitlines():
        if current is None and re.match(rf"^///\s*{re.escape(name)}\b", line):
            current = []
        elif current is not None and line.strip() == "///":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def checklist_items(lang: languages.Language) -> list[tuple[str, str]]:
    items = []
    for source in sorted((ROOT / "docs" / lang.code).glob("*.md")):
        for block in blocks(source.read_text(encoding="utf-8"), checklist.NAME):
            for line in block:
                match = CHECKLIST_ITEM_RE.match(line)
                if match:
                    items.append((source.with_suffix(".html").name, markdown_plain(match["text"])))
    return items


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_checklist_item_is_searchable_text_on_its_page(site, lang):
    index = load_index(site, lang)
    items = checklist_items(lang)
    assert len(items) >= 10, f"{lang.code}: found only {len(items)} checklist items in docs/"
    for page, text in items:
        assert text in page_text(index, page), (
            f"{lang.code}/{page}: checklist item {text!r} is not searchable"
        )


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_calculators_explanation_is_searchable_text(site, lang):
    source = (ROOT / "docs" / lang.code / "refunds.md").read_text(encoding="utf-8")
    (body,) = blocks(source, "refund-calculator")
    paragraphs = [markdown_plain(line) for line in body if line.strip() and not line.lstrip().startswith("|")]
    cells = [
        markdown_plain(cell) for line in body if line.lstrip().startswith("|") for cell in line.split("|")
    ]
    cells = [cell for cell in cells if cell and not set(cell) <= set("-: ")]
    assert paragraphs and cells
    text = page_text(load_index(site, lang), "refunds.html")
    for expected in paragraphs + cells:
        assert expected in text, f"{lang.code}: calculator text {expected!r} is not searchable"


CHROME = ("button", "progress")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_widget_chrome_in_the_built_pages_is_not_indexed(site, lang):
    """Controls a widget renders into the page are chrome: mark them data-search-exclude."""
    index = load_index(site, lang)
    for page in sorted(site_pages(site, lang)):
        document = parse(site / lang.url_prefix / page)
        text = page_text(index, page)
        for root in document.iter():
            if root.get(checklist.WIDGET_ATTR) is None:
                continue
            for element in root.iter():
                chrome = element.tag in CHROME or element.get("role") in {"progressbar", "status"}
                label = " ".join("".join(element.itertext()).split())
                if chrome and label:
                    assert label not in text, f"{lang.code}/{page}: widget chrome {label!r} is in the index"
