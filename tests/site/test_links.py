"""Every internal link and anchor of the built site resolves, in both languages and in the sitemaps, and every
page's language switcher points at the same page in the other language.

MkDocs already fails the build on a broken Markdown link; this checks the HTML as shipped, including what
templates, hooks and widgets add (navigation, footer, language switcher, skip link, PDF links).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from built import site_pages
from playbook import languages

LANGS = languages.LANGUAGES
# Attributes that hold a URL the reader follows or the browser loads.
URL_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
NOT_PAGES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class PageLinks(HTMLParser):
    """The URLs a page points at, the ids it defines, and its language switcher's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.switcher: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        attribute = URL_ATTRIBUTES.get(tag)
        if attribute and attribute in attributes:
            self.urls.append((f"<{tag} {attribute}>", attributes[attribute]))
        if tag == "a" and "md-select__link" in attributes.get("class", "").split():
            self.switcher[attributes.get("hreflang", "")] = attributes.get("href", "")


@cache
def parse(path: Path) -> PageLinks:
    links = PageLinks()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def resolve(site: Path, site_url: str, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment `url` (written in `page`) points at, or None for another site or a non-page."""
    if url.lower().startswith(NOT_PAGES):
        return None
    page_url = site_url + page.relative_to(site).as_posix()
    absolute = urljoin(page_url, url)
    if not absolute.startswith(site_url):
        return None
    parts = urlsplit(absolute)
    path = unquote(parts.path[len(urlsplit(site_url).path) :])
    target = site / path
    if not path or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def html_files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts)


def test_the_site_has_pages_in_every_language(site):
    for lang in LANGS:
        assert len(site_pages(site, lang)) >= 8, lang.code


def test_every_internal_link_and_anchor_resolves(site, base_url):
    broken = []
    checked = 0
    for page in html_files(site):
        for where, url in parse(page).urls:
            resolved = resolve(site, base_url, page, url)
            if resolved is None:
                continue
            target, fragment = resolved
            checked += 1
            if not target.is_file():
                broken.append(
                    f"{page.relative_to(site)}: {where} {url!r} -> missing {target.relative_to(site)}"
                )
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(
                    f"{page.relative_to(site)}: {where} {url!r} -> no id {fragment!r} in {target.name}"
                )
    assert checked > 100, f"only {checked} internal links found: is the parser still reading the pages?"
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_language_switcher_points_at_the_twin(site, base_url, lang):
    for name in sorted(site_pages(site, lang)):
        page = site / lang.url_prefix / name
        switcher = parse(page).switcher
        assert set(switcher) == {other.code for other in LANGS}, f"{page}: switcher offers {sorted(switcher)}"
        for code, href in switcher.items():
            target, _fragment = resolve(site, base_url, page, href)
            twin = site / languages.by_code(code).url_prefix / name
            assert target == twin, f"{lang.url_prefix}{name}: switcher {code} -> {href}, expected {twin}"
            assert twin.is_file(), f"{lang.url_prefix}{name}: the {code} twin is missing"


def sitemap_urls(sitemap: Path) -> tuple[list[str], list[str]]:
    root = ET.parse(sitemap).getroot()
    locations = [loc.text.strip() for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    alternates = [link.get("href") for link in root.findall("s:url/x:link", SITEMAP_NS)]
    return locations, alternates


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_sitemap_url_resolves_and_every_page_is_listed(site, base_url, lang):
    sitemap = site / lang.url_prefix / "sitemap.xml"
    locations, alternates = sitemap_urls(sitemap)
    assert locations, f"{sitemap}: no <loc>"
    for url in locations + alternates:
        assert url.startswith(base_url), f"{sitemap}: {url} is not on the site the build was made for"
        target, _fragment = resolve(site, base_url, site / "index.html", url)
        assert target.is_file(), f"{sitemap}: {url} -> missing {target}"
    listed = {url[len(base_url) :] for url in locations}
    for other in LANGS:
        expected = {other.url_prefix + name for name in site_pages(site, other)}
        assert expected <= listed, f"{sitemap}: pages missing: {sorted(expected - listed)}"


def test_a_broken_link_would_be_caught(tmp_path):
    """The resolver finds missing files and missing anchors (so the tests above can fail)."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(
        '<h2 id="here">x</h2><a href="en/gone.html">x</a><a href="#nope">y</a>'
    )
    page = tmp_path / "index.html"
    url = "http://127.0.0.1:1/"
    missing, _ = resolve(tmp_path, url, page, "en/gone.html")
    assert not missing.is_file()
    same, fragment = resolve(tmp_path, url, page, "#nope")
    assert same == page and fragment == "nope" and fragment not in parse(page).ids
    assert "here" in parse(page).ids
    assert resolve(tmp_path, url, page, "https://example.org/") is None
    assert resolve(tmp_path, url, page, "mailto:someone@example.org") is None
