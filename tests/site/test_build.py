"""The built site: both languages complete, labelled, self-contained, and faithful to the article."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from article import CORE_TERMS, PAGE_CHROME
from built import site_pages
from playbook import languages

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
# Attributes that make a browser fetch something, per tag.
FETCHING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
}


def nav_pages() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.search(r"^nav:\n((?:  - .*\n)+)", text, re.M).group(1)
    return [re.sub(r"\.md$", ".html", line.split("- ", 1)[1].strip()) for line in nav.splitlines()]


class Elements(HTMLParser):
    """Collects (tag, attributes) of every start tag, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def all_pages(site: Path) -> list[tuple[languages.Language, Path]]:
    return [
        (lang, site / lang.url_prefix / page) for lang in LANGS for page in sorted(site_pages(site, lang))
    ]


def test_every_language_has_exactly_the_pages_of_the_nav(site):
    expected = set(nav_pages())
    for lang in LANGS:
        assert site_pages(site, lang) == expected, lang.code


def test_every_page_declares_its_language_and_links_its_twins(site):
    for lang, path in all_pages(site):
        parsed = parse(path)
        html = next(attrs for tag, attrs in parsed.elements if tag == "html")
        assert html["lang"] == lang.code, path
        alternates = {
            attrs["hreflang"]: attrs["href"]
            for tag, attrs in parsed.elements
            if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs
        }
        # Each language's twin, and x-default: the default language's (site/alternates.py).
        assert set(alternates) == {other.code for other in LANGS} | {"x-default"}, path
        page_url = "http://site/" + path.relative_to(site).as_posix()
        for code, href in alternates.items():
            target = urlsplit(urljoin(page_url, href)).path.lstrip("/")
            twin = site / target
            twin_lang = languages.DEFAULT if code == "x-default" else languages.by_code(code)
            expected = site / twin_lang.url_prefix / path.relative_to(site / lang.url_prefix)
            assert twin == expected, f"{path}: hreflang {code} points to {href}"
            assert twin.exists(), f"{path}: hreflang {code} points to missing {href}"


def test_every_page_has_a_title_and_a_description_in_its_language(site):
    for _lang, path in all_pages(site):
        parsed = parse(path)
        metas = [attrs for tag, attrs in parsed.elements if tag == "meta"]
        descriptions = [attrs["content"] for attrs in metas if attrs.get("name") == "description"]
        assert descriptions and descriptions[0].strip(), f"{path}: no meta description"


def test_no_page_fetches_from_another_host(site):
    for path in site.rglob("*.html"):
        for tag, attrs in parse(path).elements:
            attribute = FETCHING.get(tag)
            value = attrs.get(attribute or "", "")
            if tag == "link" and attrs.get("rel") in {"alternate", "canonical", "prev", "next"}:
                continue
            assert not re.match(r"^(https?:)?//", value), f"{path}: <{tag} {attribute}={value!r}>"
            assert "fonts.googleapis" not in str(attrs) and "fonts.gstatic" not in str(attrs), path


def test_no_stylesheet_imports_from_another_host(site):
    for path in site.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), path
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", css), path


def test_no_page_chrome_from_the_scrape_anywhere(site):
    for path in [*site.rglob("*.html"), *site.rglob("*.json"), *site.rglob("*.xml")]:
        if "assets" in path.parts:
            continue
        text = path.read_text(encoding="utf-8").lower()
        for chrome in PAGE_CHROME:
            assert chrome.lower() not in text, f"{path} contains page chrome {chrome!r}"


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_each_language_carries_the_core_of_the_article(site, lang):
    text = " ".join(
        " ".join(parse(site / lang.url_prefix / page).text).lower() for page in site_pages(site, lang)
    )
    for term in CORE_TERMS[lang.code]:
        assert term in text, f"{lang.code}: {term!r} missing"


def test_site_names_per_language(site):
    for lang in LANGS:
        title = re.search(r"<title>(.*?)</title>", (site / lang.url_prefix / "index.html").read_text("utf-8"))
        assert lang.site_name in title.group(1)


def test_each_language_root_has_a_sitemap(site):
    # Material fetches sitemap.xml next to each hreflang alternate; a missing one is a 404 per page view.
    for lang in LANGS:
        assert (site / lang.url_prefix / "sitemap.xml").is_file(), lang.code


def test_material_ui_strings_are_norwegian_on_norwegian_pages(site):
    nb = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Søk"' in nb
    assert 'placeholder="Search"' in en


def test_mkdocs_yml_is_strict_and_loads_no_fonts():
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    assert config["strict"] is True
    assert config["theme"]["font"] is False
    assert config["theme"]["custom_dir"] == "overrides"
