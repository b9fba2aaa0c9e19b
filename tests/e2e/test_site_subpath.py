"""The site built for a sub-path (PLAYBOOK_SITE_URL=http://127.0.0.1:<port>/playbook/) and served there.

Pages, search, widgets, the PDFs, the language switch and the not-found pages all stay below /playbook/.
The server answers like a static host (tests/static_host.py) and only below /playbook/.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
import static_host
from playwright.sync_api import expect

from built import build_site, site_pages
from playbook import languages
from playbook.blocks import calculator, planner
from playbook.blocks.checklist import PROGRESS_ATTR
from playbook.pdf import build as pdf
from playbook.site import not_found

NB = languages.by_code("nb")
EN = languages.by_code("en")
MOUNT = "/playbook/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """(site folder, its URL): built for and served at http://127.0.0.1:<port>/playbook/."""
    site_dir = tmp_path_factory.mktemp("subpath") / "site"
    with static_host.serve(site_dir, mount=MOUNT) as url:
        build_site(site_dir, {"PLAYBOOK_SITE_URL": url})
        yield site_dir, url


@pytest.fixture(scope="module")
def base_url(subpath_site) -> str:
    """Overrides conftest's: the `page` fixture then treats this server as the local one."""
    return subpath_site[1]


def test_every_page_and_both_pdfs_answer_below_the_sub_path(page, subpath_site):
    site_dir, url = subpath_site
    for lang in languages.LANGUAGES:
        for name in sorted(site_pages(site_dir, lang)):
            assert page.request.get(url + lang.url_prefix + name).status == 200, name
        assert page.request.get(url + pdf.site_link(lang)).status == 200, lang.pdf_name
    # Nothing is served outside the sub-path: a link that forgot it would fail.
    root = urljoin(url, "/")
    assert page.request.get(root + "index.html").status == 404


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_pages_links_and_widgets_work_below_the_sub_path(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    expect(page.locator(f"[{PROGRESS_ATTR}]").first).to_be_attached()
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href], link[href]')].map(a => a.href)")
    local = [href for href in hrefs if urlsplit(href).netloc == urlsplit(base_url).netloc]
    assert local and all(urlsplit(href).path.startswith(MOUNT) for href in local), local
    pdf_link = page.locator("a.playbook-pdf").evaluate("a => a.href")
    assert pdf_link == base_url + pdf.site_link(lang)

    page.goto(base_url + lang.url_prefix + "refunds.html")
    expect(page.locator(f"[{calculator.ROOT_ATTR}] form")).to_be_attached()
    page.locator(f"[{calculator.ROOT_ATTR}] input").first.focus()  # first use: the engine, also from here
    expect(page.locator(f"[{calculator.STATUS_ATTR}]")).to_be_attached()
    page.goto(base_url + lang.url_prefix + "planner.html")
    expect(page.locator(f"[{planner.STATUS_ATTR}]")).to_be_attached()


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_search_finds_its_own_languages_pages_below_the_sub_path(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("kreditnota" if lang is NB else "credit note", delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for()
    paths = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    own = MOUNT + lang.url_prefix
    assert all(path.startswith(own) for path in paths), paths
    if not lang.url_prefix:
        assert not any(path.startswith(MOUNT + EN.url_prefix) for path in paths), paths


def test_the_language_switch_stays_below_the_sub_path(page, base_url):
    page.goto(base_url + "before.html#plan-to-call")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__list a[hreflang='en']").click()
    page.wait_for_load_state("load")
    assert page.url == base_url + "en/before.html#plan-to-call"


@pytest.mark.allow_console_errors  # the browser logs the missing document's 404 status
@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_not_found_pages_below_the_sub_path(page, base_url, watch, lang):
    response = page.goto(base_url + lang.url_prefix + "deep/no-such-page.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == not_found.strings(lang)["title"]
    nav = page.locator(".md-nav--primary .md-nav__link[href]").evaluate_all("a => a.map(x => x.href)")
    assert nav and all(urlsplit(href).path.startswith(MOUNT + lang.url_prefix) for href in nav), nav
    for href in nav[:3]:
        assert page.request.get(href).status == 200, href
    assert not (watch.page_errors or watch.foreign_requests), watch.problems()
    assert len(watch.console_errors) == 1, watch.console_errors
