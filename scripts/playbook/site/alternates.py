"""Absolute ``hreflang`` alternates in the page head.

Search engines (and Lighthouse's hreflang audit) want ``<link rel="alternate" hreflang>`` to carry a full
URL. static-i18n hands Material site-relative links, which Material writes relative to the page; the same
links feed the visible language switcher, which should stay relative so the built site keeps working
wherever it is served. So the head links alone are made absolute against ``site_url``, after rendering.

Material fetches ``sitemap.xml`` next to every alternate, so ``site_url`` must be the address the site is
served from (mkdocs.yml reads it from ``PLAYBOOK_SITE_URL``; ``mkdocs serve`` sets its own).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_ALTERNATE_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_REL_ALTERNATE = re.compile(r"""\brel\s*=\s*["']?alternate\b""", re.IGNORECASE)
_HREFLANG = re.compile(r"\bhreflang\s*=", re.IGNORECASE)
_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def _head_end(html: str) -> int:
    """Where the page's ``<head>`` ends (its whole length without a ``</head>``): Material writes the
    alternates there, and the body, most of a large page, need not be searched."""
    end = html.find("</head>")
    return len(html) if end < 0 else end


def absolute_url(href: str, page_url: str, site_url: str) -> str:
    """``href`` as written in the page at ``page_url`` (relative to the site root), made absolute."""
    if not site_url.endswith("/"):
        site_url += "/"
    return urljoin(urljoin(site_url, page_url), href)


def absolute_alternates(html: str, page_url: str, site_url: str | None) -> str:
    """Rewrite the ``href`` of every ``<link rel="alternate" hreflang=…>`` in the head of ``html`` to an
    absolute URL.

    Other links (the language switcher's ``<a>``, RSS alternates without ``hreflang``) are left alone, and
    so is everything when no ``site_url`` is configured. Running it twice changes nothing more.
    """
    if not site_url:
        return html
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")

    page = absolute_url(page_url, "", site_url)  # the page's own address: each link is relative to it

    def rewrite(match: re.Match) -> str:
        tag = match.group(0)
        if not (_REL_ALTERNATE.search(tag) and _HREFLANG.search(tag)):
            return tag
        return _HREF.sub(
            lambda m: f"{m.group(1)}{m.group(2)}{urljoin(page, m.group(3))}{m.group(2)}",
            tag,
            count=1,
        )

    end = _head_end(html)
    return _ALTERNATE_LINK.sub(rewrite, html[:end]) + html[end:]


_HREFLANG_VALUE = re.compile(r"""\bhreflang\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def with_x_default(html: str, default_code: str) -> str:
    """Add ``<link rel="alternate" hreflang="x-default">`` after the default language's alternate.

    ``x-default`` tells search engines which page to show a reader whose language the site does not have;
    for the playbook that is the default language's page (Bokmål). A page with no alternate for
    ``default_code``, or with an ``x-default`` already, comes back unchanged, so running it twice changes
    nothing more.
    """
    head = _ALTERNATE_LINK.finditer(html, 0, _head_end(html))
    links = [m for m in head if _REL_ALTERNATE.search(m.group(0))]
    langs = {(_HREFLANG_VALUE.search(m.group(0)) or [None, None, None])[2]: m for m in links}
    if "x-default" in langs or default_code not in langs:
        return html
    match = langs[default_code]
    tag = match.group(0)
    value = _HREFLANG_VALUE.search(tag)
    x_default = tag[: value.start(2)] + "x-default" + tag[value.end(2) :]
    return html[: match.end()] + "\n    " + x_default + html[match.end() :]


_SITEMAP_LINK = re.compile(r"""[ \t]*<xhtml:link\b[^>]*/>""")


def sitemap_with_x_default(xml: str, default_code: str) -> str:
    """Add an ``x-default`` ``<xhtml:link>`` to every ``<url>`` of a sitemap that has a ``default_code`` one.

    The ``x-default`` link repeats the default language's ``href``. Idempotent, like :func:`with_x_default`.
    """

    def one_url(match: re.Match) -> str:
        block = match.group(0)
        links = {
            value.group(2): link
            for link in _SITEMAP_LINK.finditer(block)
            if (value := _HREFLANG_VALUE.search(link.group(0)))
        }
        if "x-default" in links or default_code not in links:
            return block
        link = links[default_code]
        value = _HREFLANG_VALUE.search(link.group(0))
        text = link.group(0)
        x_default = text[: value.start(2)] + "x-default" + text[value.end(2) :]
        return block[: link.end()] + "\n" + x_default + block[link.end() :]

    return re.sub(r"<url>.*?</url>", one_url, xml, flags=re.DOTALL)
