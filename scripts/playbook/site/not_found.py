"""One "not found" page per language: ``/404.html`` for the default language, ``/<code>/404.html`` for others.

MkDocs renders the theme's ``404.html`` as a static template into the root of ``site_dir`` in every build.
static-i18n builds the site once per language into the same ``site_dir``, so without help the last
language built wins: one English page at ``/404.html``, and its head's ``hreflang`` alternates and its
language menu are whatever the previous build's last page left in ``config.extra.alternate`` (the summary).

The fix, per language build (hooks.py calls these):

- :func:`template_name` names the language's page (``404.html`` or ``en/404.html``);
  :func:`static_templates` makes the build render that one and no other language's, and
  :func:`loader` lets the theme environment find ``en/404.html`` as the theme's ``404.html``.
- :func:`context` gives the page what a rendered page gets from the hooks (PDF link, page config), absolute
  URLs (a host serves the page at any missing address, so relative links would break), and language links
  that point at each language's start page.

Pure functions over names and dicts; no state is kept between builds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import jinja2

from playbook import languages

NAME = "404.html"
_ERROR_PAGE_RE = re.compile(r"^(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)?/)?404\.html$")


def template_name(lang: languages.Language) -> str:
    """The not-found page of ``lang`` below the site root: ``404.html`` or ``en/404.html``."""
    return f"{lang.url_prefix}{NAME}"


def is_not_found(name: str) -> bool:
    """Whether a template name is one language's not-found page."""
    return bool(_ERROR_PAGE_RE.match(name))


def static_templates(
    templates: Iterable[str],
    lang: languages.Language,
    langs: Iterable[languages.Language] = languages.LANGUAGES,
) -> set[str]:
    """The theme's static templates for ``lang``'s build: its own not-found page instead of any other."""
    others = {template_name(other) for other in langs}
    return (set(templates) - others) | {template_name(lang)}


def loader(env_loader: jinja2.BaseLoader, langs: Iterable[languages.Language] = languages.LANGUAGES):
    """``env_loader`` that also knows ``<code>/404.html`` as the theme's ``404.html`` (overrides/404.html)."""
    aliases = {template_name(lang): '{% extends "404.html" %}' for lang in langs if lang.url_prefix}
    return jinja2.ChoiceLoader([jinja2.DictLoader(aliases), env_loader])


def site_path(site_url: str | None) -> str:
    """The path the site is served under (``/`` or ``/playbook/``): the not-found page's URLs start there."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def start_pages(use_directory_urls: bool, langs: Iterable[languages.Language] = languages.LANGUAGES) -> list:
    """Material's ``extra.alternate`` entries pointing at each language's start page (site-relative links)."""
    index = "" if use_directory_urls else "index.html"
    return [{"name": lang.name, "link": f"{lang.url_prefix}{index}", "lang": lang.code} for lang in langs]


def strings(lang: languages.Language) -> dict[str, str]:
    """The page's own words from ``strings/<code>.json`` (``notfound.*``), with its start page's link."""
    table = lang.strings()
    keys = ("notfound.title", "notfound.text", "notfound.start", "notfound.search")
    missing = [key for key in keys if key not in table]
    if missing:
        raise ValueError(f"strings/{lang.code}.json: missing {', '.join(missing)}")
    return {key.removeprefix("notfound."): table[key] for key in keys}


REDIRECTS_FILE = "_redirects"


def redirects(langs: Iterable[languages.Language] = languages.LANGUAGES) -> str:
    """The ``_redirects`` file (Netlify, Cloudflare Pages) that serves each language's not-found page.

    A host that reads it answers a missing ``/en/...`` with status 404 and ``/en/404.html``; every other
    missing path gets the host's default, ``/404.html``. Paths start at the folder the host publishes (the
    built site), so the file is the same for a site built for a sub-path. Rules with status 404 apply only
    where no file exists, so they never hide a page.
    """
    lines = [
        "# Each language's not-found page for a missing address (written by the build: site/not_found.py).",
    ]
    for lang in langs:
        if lang.url_prefix:
            lines.append(f"/{lang.url_prefix}*  /{template_name(lang)}  404")
    return "\n".join(lines) + "\n"
