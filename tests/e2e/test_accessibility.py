"""WCAG 2.2 A and AA, checked by axe-core on every page of both languages and in the states readers put
the interactive parts in: the search open with results, checklists ticked and reset, the refund calculator
filled, showing an error and reset.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe import assert_no_axe_violations

from built import site_pages
from playbook import languages

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
# The pages as written (docs/<default language>/*.md); the parity check keeps the other languages in step.
PAGES = sorted(path.stem + ".html" for path in (ROOT / "docs" / languages.DEFAULT.code).glob("*.md"))
EVERY_PAGE = [(lang, name) for lang in LANGS for name in PAGES]
SEARCH_TERM = {"nb": "refusjon", "en": "refund"}


def open_page(page, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response and response.status == 200, path
    page.wait_for_load_state("networkidle")


def test_the_pages_checked_are_the_pages_built(site):
    for lang in LANGS:
        assert site_pages(site, lang) == set(PAGES), lang.code


@pytest.mark.parametrize(
    ("lang", "name"), EVERY_PAGE, ids=[f"{lang.code}-{name}" for lang, name in EVERY_PAGE]
)
def test_every_page_meets_wcag_a_and_aa(page, base_url, lang, name):
    open_page(page, base_url, lang.url_prefix + name)
    assert_no_axe_violations(page, lang.url_prefix + name)


def test_the_not_found_page_meets_wcag_a_and_aa(page, base_url):
    page.goto(base_url + "404.html")
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page, "404.html")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_search_with_results_meets_wcag_a_and_aa(page, base_url, lang):
    open_page(page, base_url, lang.url_prefix + "index.html")
    page.keyboard.press("/")
    query = page.locator("input[data-md-component=search-query]")
    query.press_sequentially(SEARCH_TERM[lang.code], delay=30)  # Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert_no_axe_violations(page, f"{lang.url_prefix}index.html with search results")
