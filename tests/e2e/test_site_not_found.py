"""A reader who mistypes an address gets a not-found page in the language of the address (issue #14).

The server answers like a static host (tests/static_host.py): status 404 and ``/en/404.html`` under ``/en/``,
``/404.html`` elsewhere.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from playbook import languages
from playbook.pdf import build as pdf
from playbook.site import not_found

NB = languages.by_code("nb")
EN = languages.by_code("en")
MISSING = {
    "nb": ["no-such-page.html", "deep/er/no-such.html"],
    "en": ["en/no-such-page.html", "en/deep/x.html"],
}
SEARCH_WORD = {"nb": "kreditnota", "en": "credit note"}


# The browser logs the 404 status of the document itself as a console error; nothing else may go wrong.
pytestmark = pytest.mark.allow_console_errors
DOCUMENT_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.fixture(autouse=True)
def only_the_documents_404(watch, request):
    yield
    unexpected = [text for text in watch.console_errors if text != DOCUMENT_404]
    assert not (unexpected or watch.page_errors or watch.foreign_requests), watch.problems()
    visits = request.node.funcargs.get("page")
    assert visits is None or len(watch.console_errors) <= len(MISSING["nb"]), watch.console_errors


def other(lang: languages.Language) -> languages.Language:
    return EN if lang is NB else NB


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_a_missing_address_gets_404_and_the_page_in_its_language(page, base_url, lang):
    words = not_found.strings(lang)
    for missing in MISSING[lang.code]:
        response = page.goto(base_url + missing)
        assert response.status == 404, missing
        assert page.locator("html").get_attribute("lang") == lang.code, missing
        assert page.locator("h1").inner_text() == words["title"], missing
        # The page's navigation, in its language, with absolute links that work from any depth.
        nav = page.locator(".md-nav--primary .md-nav__link[href]").evaluate_all("a => a.map(x => x.href)")
        assert len(nav) >= 10, missing
        assert all(urlsplit(href).path.startswith("/" + lang.url_prefix) for href in nav), nav
        # The start page link and the PDF of this language.
        start = page.locator(f"a:text-is('{words['start']}')")
        assert start.get_attribute("href").endswith(f"/{lang.url_prefix}index.html")
        assert page.locator("a.playbook-pdf").evaluate("a => a.href") == urljoin(
            base_url, pdf.site_link(lang)
        )


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_not_found_pages_links_lead_somewhere(page, base_url, lang):
    """Its navigation, start page, PDF and stylesheets all answer 200 (absolute URLs from a deep address)."""
    page.goto(base_url + MISSING[lang.code][1])
    assert page.locator(".md-header").is_visible()
    hrefs = page.evaluate(
        """() => [...document.querySelectorAll('a.md-nav__link[href], a.playbook-pdf, .md-content a[href],'
                 + 'link[rel=stylesheet]')].map(a => a.href)"""
    )
    for href in sorted(set(hrefs)):
        if href.startswith(base_url) and "#" not in href:
            assert page.request.get(href).status == 200, href


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_language_menu_and_hreflang_point_at_start_pages(page, base_url, lang):
    page.goto(base_url + MISSING[lang.code][0])
    heads = page.locator("link[rel=alternate][hreflang]").evaluate_all(
        "links => Object.fromEntries(links.map(l => [l.hreflang, l.href]))"
    )
    assert heads == {
        "nb": base_url + "index.html",
        "en": base_url + "en/index.html",
        "x-default": base_url + "index.html",
    }
    target = other(lang)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__list a[hreflang='{target.code}']").click()
    page.wait_for_load_state("load")
    assert page.url == base_url + target.url_prefix + "index.html"
    assert page.locator("html").get_attribute("lang") == target.code


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_not_found_page_searches_its_own_language(page, base_url, lang):
    page.goto(base_url + MISSING[lang.code][1])
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(SEARCH_WORD[lang.code], delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    paths = [urlsplit(href).path for href in hrefs]
    if lang.url_prefix:
        assert all(path.startswith("/" + lang.url_prefix) for path in paths), paths
    else:
        assert not any(path.startswith(f"/{other(lang).url_prefix}") for path in paths), paths
