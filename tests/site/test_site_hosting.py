"""What a static host and a search engine get from the build, and what a newcomer's first build prints.

Issue #14: a not-found page per language plus the ``_redirects`` file that routes to it, ``x-default`` in
every page head and every sitemap, and a build log with no false alarm that ends by saying where the
editions and their PDFs are.
"""

from __future__ import annotations

import gzip
import re

import pytest

from built import ROOT, build_project, site_pages
from playbook import languages
from playbook.site import not_found

ALTERNATE_RE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">')


def head_alternates(html: str) -> dict[str, str]:
    return {lang: href for href, lang in ALTERNATE_RE.findall(html)}


def test_each_language_has_its_own_not_found_page(site):
    for lang in languages.LANGUAGES:
        html = (site / not_found.template_name(lang)).read_text(encoding="utf-8")
        assert f'<html lang="{lang.code}"' in html
        assert not_found.strings(lang)["title"] in html
        assert "summary.html" not in "".join(head_alternates(html).values())


def test_the_redirects_file_routes_each_prefix_to_its_not_found_page(site):
    rules = [
        line.split() for line in (site / "_redirects").read_text().splitlines() if not line.startswith("#")
    ]
    expected = [
        [f"/{lang.url_prefix}*", f"/{lang.url_prefix}404.html", "404"] for lang in languages.LANGUAGES
    ]
    assert rules == [rule for rule in expected if rule[0] != "/*"]
    for _source, target, _status in rules:
        assert (site / target.lstrip("/")).is_file(), target


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_head_has_x_default_pointing_at_the_default_language(site, lang):
    pages = [*sorted(site_pages(site, lang)), "404.html"]
    for name in pages:
        alternates = head_alternates((site / lang.url_prefix / name).read_text(encoding="utf-8"))
        assert set(alternates) == {*languages.CODES, "x-default"}, name
        assert alternates["x-default"] == alternates[languages.DEFAULT.code], name


def test_every_sitemap_url_has_x_default(site):
    for path in [site / lang.url_prefix / "sitemap.xml" for lang in languages.LANGUAGES]:
        xml = path.read_text(encoding="utf-8")
        urls = re.findall(r"<url>.*?</url>", xml, flags=re.DOTALL)
        assert urls, path
        for url in urls:
            links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', url))
            assert links.get("x-default") == links[languages.DEFAULT.code], url
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == (site / "sitemap.xml").read_text()
    )


def test_a_first_build_prints_no_false_alarm_and_says_where_things_are(project):
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # esbuild, installed by `npm ci`
    result = build_project(project, PLAYBOOK_PDF="0")
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "should be an absolute path" not in log
    assert "WARNING" not in log
    last = [line for line in log.splitlines() if "The playbook is built" in line]
    assert len(last) == 1, log
    for lang in languages.LANGUAGES:
        assert f"{lang.url_prefix}index.html" in last[0]
        assert lang.pdf_name in last[0]


def test_a_page_title_without_its_id_fails_the_build_naming_file_and_line(project):
    page = project / "docs" / "en" / "pitfalls.md"
    text = page.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# "))
    number = text.splitlines().index(title) + 1
    page.write_text(text.replace(title, title.split(" {#")[0]), encoding="utf-8")
    result = build_project(project, PLAYBOOK_PDF="0")
    assert result.returncode != 0
    assert f"docs/en/pitfalls.md:{number}: the page title (H1) has no explicit id" in result.stderr
