"""One HTML document per language, for the PDF: cover, table of contents and every page in navigation order.

The document is assembled from the built site, not from the Markdown: each page's
``article.md-content__inner`` is exactly what a reader of the site sees, after every Markdown extension, every
hook and MkDocs' link rewriting have run (``before.md#x`` is already ``before.html#x``, widgets already carry
their ``data-*`` markup). Rendering the Markdown a second time would mean keeping a copy of the MkDocs
pipeline in step with ``mkdocs.yml``; reading the output cannot drift from it.

Everything here is a pure function over HTML text and element trees, so it is tested without a build and
without WeasyPrint. Problems raise :class:`DocumentError` naming the page and the reason.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import tinyhtml5

from playbook.pdf import widgets as pdf_widgets
from playbook.pdf.tree import element, parents_of, remove, select, text_of, unwrap
from playbook.site.nav import flatten_nav as flatten_nav

ARTICLE = "article.md-content__inner"
# On-screen controls and decorations inside an article that have no meaning on paper.
SCREEN_ONLY = (
    "a.headerlink",
    ".md-content__button",
    ".md-source-file",
    ".md-tags",
    "button",
    "script",
    "style",
    "template",
    "progress",
    "[data-screen-only]",
)
# Links a PDF viewer can follow outside the document; their address is printed next to them.
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes holding one or more ids of the same page.
ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "form")


class DocumentError(Exception):
    """The built pages cannot be turned into a PDF document; the message names the page and the reason."""


@dataclass(frozen=True)
class SourcePage:
    """A built page of one language: its path below the language root and its HTML."""

    path: str
    html: str


@dataclass
class Chapter:
    """One page of the site as a chapter of the document."""

    slug: str
    title: str
    sections: list[tuple[str, str]]
    """``(anchor, text)`` of every ``h2``, for the table of contents."""
    body: ET.Element


@dataclass(frozen=True)
class Cover:
    language: str
    """BCP 47 code of the document, written to ``<html lang>`` and so to the PDF's /Lang."""
    title: str
    subtitle: str
    language_line: str
    date_line: str
    created: str
    """ISO 8601 date of the build, for the PDF's creation date."""


@dataclass
class Strings:
    """Reader-facing words of the document, from ``strings/<code>.json`` (keys ``pdf.*``)."""

    table: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        if key not in self.table:
            raise DocumentError(f"strings: no {key!r}; add it to every scripts/playbook/strings/<code>.json")
        return self.table[key]


# --- Pages of the navigation (flatten_nav: site/nav.py) -----------------------------------------------------


def output_path(markdown_path: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes a Markdown page, relative to the language root."""
    stem = markdown_path[: -len(".md")]
    folder, name = posixpath.split(stem)
    if name in {"index", "README"}:
        return posixpath.join(folder, "index.html")
    if use_directory_urls:
        return posixpath.join(stem, "index.html")
    return stem + ".html"


def slug_of(path: str) -> str:
    """Id of a chapter, from the page's output path: ``before.html`` -> ``before``."""
    stem = path[: -len("/index.html")] if path.endswith("/index.html") else path.removesuffix(".html")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem) or "index"


def anchor(slug: str, fragment: str) -> str:
    """Id in the document of the element with id `fragment` on the page `slug` (ids repeat across pages)."""
    return f"{slug}--{fragment}"


# --- One page -> one chapter -------------------------------------------------------------------------------


def read_article(page: SourcePage) -> ET.Element:
    """The content of the page's ``article.md-content__inner``, as the reader sees it."""
    root = tinyhtml5.parse(page.html, namespace_html_elements=False)
    found = select(root, ARTICLE)
    if len(found) != 1:
        raise DocumentError(f"{page.path}: expected one article ({ARTICLE}), found {len(found)}")
    return found[0]


def strip_screen_only(article: ET.Element) -> None:
    parents = parents_of(article)
    for node in dict.fromkeys(node for selector in SCREEN_ONLY for node in select(article, selector)):
        remove(node, parents)
    for node in select(article, "noscript"):
        # The PDF is a reader without JavaScript: what a page offers such readers belongs in it.
        unwrap(node, parents)
    for node in select(article, "details"):
        node.set("open", "")


def rewrite_ids(article: ET.Element, slug: str) -> set[str]:
    """Prefix every id (and every reference to one) with the chapter's slug; return the page's own ids."""
    own = set()
    for node in article.iter():
        if node.get("id"):
            own.add(node.get("id"))
            node.set("id", anchor(slug, node.get("id")))
        if node.get("name") and node.tag == "a":
            node.attrib.pop("name")
        for attribute in ID_REFERENCES:
            if node.get(attribute):
                node.set(attribute, " ".join(anchor(slug, ref) for ref in node.get(attribute).split()))
    return own


def resolve_link(href: str, page_path: str, chapters: Mapping[str, str]) -> str | None:
    """The document-internal target of a relative link, ``None`` for external ones; raises for neither."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() in EXTERNAL_SCHEMES:
            return None
        raise DocumentError(f"{page_path}: link {href!r} uses a scheme a PDF reader cannot follow")
    if not parts.path:
        return anchor(chapters[page_path], parts.fragment) if parts.fragment else chapters[page_path]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), parts.path))
    if parts.path.endswith("/") or target == ".":
        target = posixpath.normpath(posixpath.join(target, "index.html"))
    if target not in chapters and posixpath.join(target, "index.html") in chapters:
        target = posixpath.join(target, "index.html")
    if target not in chapters:
        raise DocumentError(
            f"{page_path}: link {href!r} leads to {target}, which is not a page of the navigation, "
            f"so the PDF cannot follow it"
        )
    slug = chapters[target]
    return anchor(slug, parts.fragment) if parts.fragment else slug


def rewrite_links(article: ET.Element, page_path: str, chapters: Mapping[str, str], base_uri: str) -> None:
    """Point links at the chapters of the document, and images at files of the built site."""
    for node in article.iter():
        if node.tag == "a" and node.get("href") is not None:
            target = resolve_link(node.get("href"), page_path, chapters)
            if target is None:
                node.set("class", " ".join([*node.get("class", "").split(), "external"]).strip())
            else:
                node.set("href", "#" + target)
                node.set("class", " ".join([*node.get("class", "").split(), "internal"]).strip())
        for attribute in ("src", "srcset"):
            value = node.get(attribute)
            if value and not urlsplit(value).scheme:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), value))
                node.set(attribute, base_uri + resolved)


def chapter_from_page(
    page: SourcePage, chapters: Mapping[str, str], strings: Strings, base_uri: str, currency: str
) -> Chapter:
    """One built page as a chapter: screen controls gone, ids unique, links internal, widgets as fields."""
    slug = chapters[page.path]
    article = read_article(page)
    strip_screen_only(article)
    try:
        pdf_widgets.checklists_to_fields(article, slug)
        pdf_widgets.calculators_to_worksheets(article, slug, strings, currency)
    except pdf_widgets.WidgetError as error:
        raise DocumentError(f"{page.path}: {error}") from error
    rewrite_ids(article, slug)
    rewrite_links(article, page.path, chapters, base_uri)

    headings = select(article, "h1")
    if not headings:
        raise DocumentError(f"{page.path}: the page has no <h1> title")
    title = text_of(headings[0])
    for extra in headings[1:]:
        extra.tag = "h2"  # one title per chapter, so the bookmarks keep the site's outline
    sections = [(node.get("id", ""), text_of(node)) for node in select(article, "h2") if node.get("id")]

    section = element("section", {"class": "chapter", "id": slug, "data-source": page.path})
    section.text = article.text
    section.extend(list(article))
    return Chapter(slug=slug, title=title, sections=sections, body=section)


def chapters_of(pages: Sequence[SourcePage], strings: Strings, base_uri: str, currency: str) -> list[Chapter]:
    slugs: dict[str, str] = {}
    for page in pages:
        slug = slug_of(page.path)
        if slug in slugs.values():
            raise DocumentError(f"{page.path}: two pages share the chapter id {slug!r}")
        slugs[page.path] = slug
    return [chapter_from_page(page, slugs, strings, base_uri, currency) for page in pages]


# --- The whole document -------------------------------------------------------------------------------------


def cover_section(cover: Cover) -> ET.Element:
    section = element("section", {"class": "cover", "id": "cover"})
    section.append(element("p", {"class": "cover__kicker"}, cover.language_line))
    section.append(element("h1", {"class": "cover__title"}, cover.title))
    section.append(element("p", {"class": "cover__subtitle"}, cover.subtitle))
    section.append(element("p", {"class": "cover__date"}, cover.date_line))
    return section


def toc_section(chapters: Iterable[Chapter], strings: Strings) -> ET.Element:
    nav = element("nav", {"class": "toc", "id": "toc", "aria-labelledby": "toc-title"})
    nav.append(element("h1", {"class": "toc__title", "id": "toc-title"}, strings["pdf.toc.title"]))
    entries = element("ol", {"class": "toc__chapters"})
    for chapter in chapters:
        item = element("li", {"class": "toc__chapter"})
        item.append(element("a", {"href": "#" + chapter.slug}, chapter.title))
        if chapter.sections:
            sub = element("ol", {"class": "toc__sections"})
            for section_id, text in chapter.sections:
                line = element("li")
                line.append(element("a", {"href": "#" + section_id}, text))
                sub.append(line)
            item.append(sub)
        entries.append(item)
    nav.append(entries)
    return nav


def check_internal_links(body: ET.Element) -> None:
    """Every ``#id`` link of the document reaches an element: a broken one is a bug, not a dead click."""
    ids = {node.get("id") for node in body.iter() if node.get("id")}
    for node in body.iter("a"):
        href = node.get("href", "")
        if href.startswith("#") and href[1:] not in ids:
            chapter = next((c for c in body.iter("section") if node in set(c.iter())), None)
            source = chapter.get("data-source", "?") if chapter is not None else "?"
            raise DocumentError(f"{source}: link to {href!r} has no target in the document")


def assemble(chapters: Sequence[Chapter], cover: Cover, strings: Strings) -> str:
    """The complete HTML document for WeasyPrint."""
    root = element("html", {"lang": cover.language})
    head = element("head")
    head.append(element("meta", {"charset": "utf-8"}))
    head.append(element("title", None, cover.title))
    head.append(element("meta", {"name": "description", "content": cover.subtitle}))
    head.append(element("meta", {"name": "dcterms.created", "content": cover.created}))
    head.append(element("meta", {"name": "dcterms.modified", "content": cover.created}))
    root.append(head)
    body = element("body", {"data-page-word": strings["pdf.page"]})
    body.append(cover_section(cover))
    body.append(toc_section(chapters, strings))
    main = element("main", {"class": "chapters"})
    for chapter in chapters:
        main.append(chapter.body)
    body.append(main)
    root.append(body)
    for link in main.iter("a"):
        if "internal" in link.get("class", "").split():
            link.set("data-page-word", strings["pdf.page"])
    check_internal_links(body)
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html")
