"""x-default alternates, the per-language not-found pages' names, and the build log's filter."""

from __future__ import annotations

import logging

from playbook import languages
from playbook.site import alternates, build_log, not_found

HEAD = (
    '<link rel="alternate" href="http://h/before.html" hreflang="nb">\n'
    '<link rel="alternate" href="http://h/en/before.html" hreflang="en">\n'
)
SITEMAP = """<urlset>
    <url>
        <loc>http://h/en/a.html</loc>
        <xhtml:link rel="alternate" hreflang="nb" href="http://h/a.html"/>
        <xhtml:link rel="alternate" hreflang="en" href="http://h/en/a.html"/>
    </url>
    <url>
        <loc>http://h/b.html</loc>
        <xhtml:link rel="alternate" hreflang="en" href="http://h/en/b.html"/>
    </url>
</urlset>"""


def test_x_default_repeats_the_default_languages_alternate_once():
    out = alternates.with_x_default(HEAD, "nb")
    assert '<link rel="alternate" href="http://h/before.html" hreflang="x-default">' in out
    assert out.count("x-default") == 1
    assert alternates.with_x_default(out, "nb") == out


def test_no_x_default_without_a_default_language_alternate():
    assert alternates.with_x_default('<link rel="alternate" href="x" hreflang="en">', "nb").count("x-") == 0


def test_sitemap_gets_x_default_per_url_with_the_default_href():
    out = alternates.sitemap_with_x_default(SITEMAP, "nb")
    assert out.count('hreflang="x-default" href="http://h/a.html"') == 1
    assert out.count("x-default") == 1  # b has no Bokmål twin
    assert alternates.sitemap_with_x_default(out, "nb") == out


def test_each_language_renders_its_own_not_found_page_only():
    nb, en = languages.by_code("nb"), languages.by_code("en")
    assert not_found.template_name(nb) == "404.html"
    assert not_found.template_name(en) == "en/404.html"
    assert not_found.static_templates({"404.html", "sitemap.xml"}, en) == {"en/404.html", "sitemap.xml"}
    assert not_found.static_templates({"en/404.html", "sitemap.xml"}, nb) == {"404.html", "sitemap.xml"}
    assert not_found.is_not_found("en/404.html") and not not_found.is_not_found("en/summary.html")


def test_not_found_urls_start_at_the_sites_path():
    assert not_found.site_path("https://example.org/playbook") == "/playbook/"
    assert not_found.site_path(None) == "/"
    links = [alt["link"] for alt in not_found.start_pages(use_directory_urls=False)]
    assert links == ["index.html", "en/index.html"]


def test_not_found_words_exist_in_every_language():
    for lang in languages.LANGUAGES:
        words = not_found.strings(lang)
        assert all(words.values()), lang.code


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("x", logging.INFO, __file__, 1, message, None, None)


def test_the_filter_drops_static_i18ns_false_alarm_about_its_own_links_only():
    alarm = (
        "The 'extra.alternate' configuration contains a 'link' option that should be an absolute path '/' "
        "and end with a trailing '/' in {{'name': 'English', 'link': '{}', 'lang': 'en'}}"
    )
    quiet = build_log.OwnMenuFilter("/playbook/")
    assert not quiet.filter(_record(alarm.format("/playbook/en/index.html")))
    assert quiet.filter(_record(alarm.format("/elsewhere/en/page.html")))
    assert quiet.filter(_record("Building 'en' documentation"))
