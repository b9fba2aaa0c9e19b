"""A reader prints a page from Chromium (print media, page.pdf): the article alone, link addresses shown,
no heading left alone at the foot of a page; and the footer's link downloads the language's PDF."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from built import site_pages
from playbook import languages

LANGS = languages.LANGUAGES
CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .playbook-pdf"


def printed(page) -> PdfReader:
    """The page as Chromium prints it to paper."""
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def screen_chrome(page) -> list[str]:
    """Lines of text a reader sees around the article on screen and not in it."""
    article = squeeze(page.locator("article").inner_text())
    lines = set()
    for region in page.locator(".md-header, .md-sidebar, .md-footer").all():
        for line in region.inner_text().splitlines():
            line = squeeze(line)
            if len(line) >= 3 and line not in article:
                lines.add(line)
    return sorted(lines)


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_printing_a_page_leaves_the_site_chrome_out(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    chrome = screen_chrome(page)
    assert lang.site_name in chrome and lang.strings()["pdf.download"] in chrome
    title = squeeze(page.locator("h1").inner_text().replace("¶", ""))

    reader = printed(page)
    for region in page.locator(CHROME).all():
        assert not region.is_visible(), "site chrome is visible in print"
    text = squeeze(" ".join(p.extract_text() for p in reader.pages))
    assert title in text
    leaked = [line for line in chrome if line in text]
    assert not leaked, f"printed page shows site chrome: {leaked}"


def test_printing_shows_the_address_of_a_link_that_leaves_the_playbook(page, base_url):
    page.goto(base_url + "en/refunds.html")
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.innerHTML = 'Read <a href="https://example.org/print-check">the source</a>.';
            document.querySelector("article").append(p);
        }"""
    )
    text = "".join("".join(p.extract_text().split()) for p in printed(page).pages)
    assert "thesource(https://example.org/print-check)" in text


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_no_printed_page_ends_with_a_heading(page, base_url, site, lang):
    for name in sorted(site_pages(site, lang)):
        page.goto(base_url + lang.url_prefix + name)
        headings = {
            squeeze(h.replace("¶", "")) for h in page.locator("article h2, article h3").all_inner_texts()
        }
        reader = printed(page)
        for number, sheet in enumerate(reader.pages[:-1], start=1):
            lines = [squeeze(line) for line in sheet.extract_text().splitlines() if line.strip()]
            assert lines, f"{name}: printed page {number} is blank"
            assert lines[-1] not in headings, f"{name}: page {number} ends with the heading {lines[-1]!r}"


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_footer_link_downloads_the_languages_pdf(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "summary.html")
    link = page.locator("footer a.playbook-pdf")
    assert re.sub(r"\s+", " ", link.inner_text()).strip() == lang.strings()["pdf.download"]
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == lang.pdf_name
    with open(download.path(), "rb") as handle:
        reader = PdfReader(handle)
        assert reader.metadata.title == lang.site_name
