"""MkDocs hooks of the conversation planner: the checklists its exit pack prints, from this build's pages.

Listed in mkdocs.yml after ``site/hooks.py`` (whose ``on_config`` runs the planner's source check with the
other blocks' checks, ``playbook.blocks.check``). Data flows one way: MkDocs renders every page's Markdown
before it renders any template, so

- ``on_page_content`` notes the checklists of each page as the checklist extension rendered them
  (``checklist/rendered.py`` reads them back from the page's HTML), by language and page;
- ``on_page_context`` collects, for a page that holds the planner, every checklist of its language (ids,
  title, item texts) in navigation order from those notes, and ``on_post_page`` writes them into the page
  as the exit pack's checklists: a ``<template data-exit-pack-checklists>`` first in the planner's root,
  the lists and their texts, which exit-pack.js dresses with classes and boxes and ticks as the reader's
  ticks say (checklist-state.js's keys), so the checklists cost no page-config JSON, and a
  ``<template>`` is neither read by search nor printed into the PDF (pdf/document.py drops it).

The exit documents and the texts (everything that reacts to the form) are on-demand parts of the planner
(``documents-view.js`` and ``texts-part.js``, bundled as ``part-planner-documents.js`` and
``part-planner-texts.js``): ``on_page_context`` takes their strings (:data:`PART_KEYS`:
:data:`planner.DOCUMENT_STRING_KEYS`, :data:`planner.TEXTS_STRING_KEYS` and the calculator's summary) out of
the planner page's config, and ``on_post_build`` writes them for the language just built as
``assets/javascripts/strings-<part>.<code>.js`` (site/bundle.py ``part_strings``), which each part loads with
its code. A key missing in the language fails the build naming it and the strings file.

A page holds the planner when its rendered HTML has an element with ``data-widget="conversation-planner"``,
found as ``site/page_config.widgets_in`` finds every widget: a code sample that shows the markup is escaped
(``&quot;``) and matches neither. ``on_post_page`` runs before ``site/hooks.py``'s, which puts the Content
Security Policy in last over the page as it is written (and notes it as secured, so the policy's pass over
the whole site does not read the page again).

No source is read again and nothing is parsed twice. static-i18n builds each language in turn, so the notes
are kept by language; each rendering of a page replaces its note and ``on_files`` drops the notes of pages a
build no longer has, so a ``mkdocs serve`` rebuild never sees a stale or a deleted page's checklists and
the notes never outgrow the site. No hook writes into ``docs/``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from playbook import languages
from playbook.blocks import planner
from playbook.blocks.checklist.rendered import checklists_in
from playbook.site.page_config import widgets_in

TEMPLATE_ATTR = "data-exit-pack-checklists"
"""On the ``<template>`` holding the exit pack's checklists, first in the planner's root."""
LIST_ATTR = "data-exit-pack-list"
"""On each checklist of the exit pack: its checklist id."""

ROOT_TAG = re.compile(
    rf"""<[a-z][a-z0-9]*\b[^>]*\b{planner.WIDGET_ATTR}\s*=\s*["']{re.escape(planner.NAME)}["'][^>]*>"""
)
"""The opening tag of the planner's root element in a page's HTML (the block is once on a page)."""

PENDING: dict[tuple[str, str], str] = {}
"""(language, page source path) -> the exit pack markup ``on_post_page`` puts into that planner page."""

RENDERED: dict[str, dict[str, list[dict]]] = {}
"""Language code -> page source path -> the checklists MkDocs rendered on that page in this build."""

EXIT_PACKS: dict[str, str] = {}
"""Language code -> the exit pack markup of this build of the language: the same on every planner page of
the language (every checklist in navigation order), so made once however many pages hold a planner;
dropped by ``on_files`` when the language is built again."""


def language(config: MkDocsConfig) -> str:
    """The language being built; static-i18n sets the theme language for each build."""
    return config.theme["language"]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    kept = {file.src_uri for file in files.documentation_pages()}
    EXIT_PACKS.pop(language(config), None)
    notes = RENDERED.setdefault(language(config), {})
    for src_uri in [src_uri for src_uri in notes if src_uri not in kept]:
        del notes[src_uri]
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    notes = RENDERED.setdefault(language(config), {})
    found = checklists_in(html)
    if found:
        notes[page.file.src_uri] = found
    else:
        notes.pop(page.file.src_uri, None)
    return html


def exit_pack_checklists(code: str, pages: list[Page]) -> list[dict]:
    """Every checklist noted for the language `code` on `pages`, in their order."""
    notes = RENDERED.get(code, {})
    return [checklist for page in pages for checklist in notes.get(page.file.src_uri, [])]


def exit_pack_markup(checklists: list[dict]) -> str:
    """The exit pack's checklists as HTML in a ``<template>`` (texts escaped), as lean as the data.

    Each list is ``<div data-exit-pack-list="id">`` with its title in a ``<p>`` and a ``<ul>`` of
    ``<li data-exit-pack-item="list/item">text</li>``. exit-pack.js dresses the copy it shows (classes, the
    box, the tick): the page carries every checklist of the language, so each byte here is paid once per item
    (about 60 % less than the dressed markup).
    """
    lists = []
    for checklist in checklists:
        items = "".join(
            f'<li {planner.EXIT_PACK_ITEM_ATTR}="{html.escape(checklist["id"] + "/" + item["id"])}">'
            f"{html.escape(item['text'], quote=False)}</li>"
            for item in checklist["items"]
        )
        lists.append(
            f'<div {LIST_ATTR}="{html.escape(checklist["id"])}">'
            f"<p>{html.escape(checklist['title'], quote=False)}</p><ul>{items}</ul></div>"
        )
    return f"<template {TEMPLATE_ATTR}>{''.join(lists)}</template>"


def with_exit_pack(output: str, markup: str) -> str:
    """The page's HTML with ``markup`` put first inside the planner's root element (:data:`ROOT_TAG`)."""
    root = ROOT_TAG.search(output)
    if root is None:
        raise planner.PlannerError("the planner page lost its planner root before its exit pack was written")
    return output[: root.end()] + markup + output[root.end() :]


# After hooks.py's on_page_context, once every page of the language has been rendered.
@event_priority(-10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    key = (language(config), page.file.src_uri)
    PENDING.pop(key, None)
    if planner.NAME in widgets_in(page.content or ""):
        code = language(config)
        if code not in EXIT_PACKS:  # every page's Markdown is rendered by now: the notes are complete
            EXIT_PACKS[code] = exit_pack_markup(exit_pack_checklists(code, list(nav.pages)))
        PENDING[key] = EXIT_PACKS[code]
        if "playbook" in context:
            strings = {k: v for k, v in context["playbook"]["strings"].items() if not in_a_part(k)}
            context["playbook"] = {**context["playbook"], "strings": strings}
    return context


# Before hooks.py's (priority 0), which puts the Content Security Policy in last, over the page as written.
@event_priority(10)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    markup = PENDING.pop((language(config), page.file.src_uri), None)
    return output if markup is None else with_exit_pack(output, markup)


PART_KEYS = {
    planner.DOCUMENTS_PART: tuple(planner.STRING_PREFIX + key for key in planner.DOCUMENT_STRING_KEYS),
    planner.TEXTS_PART: tuple(planner.STRING_PREFIX + key for key in planner.TEXTS_STRING_KEYS),
}
"""Part name -> the full keys its strings file carries and the page config does not (the texts' part also
carries every key starting with :data:`planner.TEXTS_OTHER_PREFIX`)."""
PART_PREFIXES = {planner.TEXTS_PART: planner.TEXTS_OTHER_PREFIX}
"""Part name -> the prefix of the other keys (not the planner's) its strings file carries, all of them."""


def in_a_part(key: str) -> bool:
    """Whether the page config leaves ``key`` out: one of its parts' strings files carries it."""
    return any(key in keys for keys in PART_KEYS.values()) or key.startswith(tuple(PART_PREFIXES.values()))


def part_strings(name: str, code: str) -> dict[str, str]:
    """The strings of the planner's part ``name`` in language ``code``, by full key; a missing or empty key is
    an error naming it (the build fails rather than a reader seeing a gap)."""
    table = languages.by_code(code).strings()
    keys = list(PART_KEYS[name])
    if name in PART_PREFIXES:
        keys += sorted(key for key in table if key.startswith(PART_PREFIXES[name]))
    missing = [key for key in keys if not str(table.get(key) or "").strip()]
    if missing:
        raise planner.PlannerError(
            f"scripts/playbook/strings/{code}.json lacks {', '.join(missing)}, "
            f"which the planner's part {name} shows"
        )
    return {key: table[key] for key in keys}


def on_post_build(config: MkDocsConfig) -> None:
    from playbook.site import bundle

    code = language(config)
    for name in PART_KEYS:
        bundle.write_part_strings(Path(config.site_dir), name, code, part_strings(name, code))
