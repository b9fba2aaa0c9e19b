"""Absolute hreflang alternates in the head; the visible language switcher stays relative."""

from __future__ import annotations

import pytest

from playbook.site.alternates import absolute_alternates, absolute_url

HEAD = (
    '<link rel="canonical" href="http://127.0.0.1:8000/en/before.html">\n'
    '<link rel="alternate" href="../before.html" hreflang="nb">\n'
    '<link rel="alternate" href="before.html" hreflang="en">\n'
    '<link rel="alternate" type="application/rss+xml" title="Feed" href="feed.xml">\n'
    '<a href="../before.html" hreflang="nb" class="md-select__link">Norsk</a>\n'
)


def test_head_alternates_become_absolute_against_site_url():
    out = absolute_alternates(HEAD, "en/before.html", "http://127.0.0.1:8000/")
    assert '<link rel="alternate" href="http://127.0.0.1:8000/before.html" hreflang="nb">' in out
    assert '<link rel="alternate" href="http://127.0.0.1:8000/en/before.html" hreflang="en">' in out


def test_the_language_switcher_and_feeds_stay_relative():
    out = absolute_alternates(HEAD, "en/before.html", "http://127.0.0.1:8000/")
    assert '<a href="../before.html" hreflang="nb" class="md-select__link">' in out
    assert 'title="Feed" href="feed.xml"' in out


def test_a_site_below_a_path_and_without_trailing_slash():
    assert absolute_url("../index.html", "en/index.html", "https://example.org/playbook") == (
        "https://example.org/playbook/index.html"
    )


def test_running_twice_changes_nothing_more():
    once = absolute_alternates(HEAD, "en/before.html", "http://127.0.0.1:8000/")
    assert absolute_alternates(once, "en/before.html", "http://127.0.0.1:8000/") == once


def test_without_site_url_nothing_changes():
    assert absolute_alternates(HEAD, "en/before.html", None) == HEAD
    assert absolute_alternates(HEAD, "en/before.html", "") == HEAD


def test_a_site_url_that_is_not_an_address_is_refused():
    with pytest.raises(ValueError, match="site_url"):
        absolute_alternates(HEAD, "before.html", "127.0.0.1:8000")
