"""A reader in Chromium: every page loads cleanly, and the language switch lands on the same page."""

from __future__ import annotations

import pytest

from built import site_pages
from playbook import languages

NB = languages.by_code("nb")
EN = languages.by_code("en")


def switch_language(page, target: languages.Language) -> None:
    """Open Material's language menu with the mouse and pick `target`, as a reader does."""
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__list a[hreflang='{target.code}']").click()
    page.wait_for_load_state("load")


def test_language_switch_keeps_the_page(page, base_url):
    page.goto(base_url + "before.html")
    assert page.locator("html").get_attribute("lang") == "nb"
    nb_title = page.locator("h1").inner_text()

    switch_language(page, EN)
    assert page.url == base_url + "en/before.html"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() != nb_title

    switch_language(page, NB)
    assert page.url == base_url + "before.html"
    assert page.locator("h1").inner_text() == nb_title


def test_language_switch_from_the_start_page(page, base_url):
    page.goto(base_url)
    switch_language(page, EN)
    assert page.url in {base_url + "en/", base_url + "en/index.html"}
    assert page.locator("html").get_attribute("lang") == "en"


def every_page(site):
    return [(lang, name) for lang in languages.LANGUAGES for name in sorted(site_pages(site, lang))]


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_loads_cleanly(page, base_url, site, watch, lang):
    for name in sorted(site_pages(site, lang)):
        response = page.goto(base_url + lang.url_prefix + name)
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == lang.code
        assert page.locator("h1").count() == 1, name
        assert not watch.problems(), f"{lang.url_prefix}{name}: " + "; ".join(watch.problems())


def test_navigation_lists_the_pages_in_order_in_both_languages(page, base_url):
    titles = {}
    for lang in languages.LANGUAGES:
        page.goto(base_url + lang.url_prefix + "index.html")
        links = page.locator("nav.md-nav--primary > ul > li > a")
        titles[lang.code] = links.all_inner_texts()
    assert len(titles["nb"]) == len(titles["en"]) >= 8
    assert titles["nb"] != titles["en"]
