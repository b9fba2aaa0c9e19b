"""MkDocs hooks of the conversation planner: the checklists its exit pack prints, from this build's pages.

Listed in mkdocs.yml after ``site/hooks.py`` (whose ``on_config`` runs the planner's source check with the
other blocks' checks, ``playbook.blocks.check``). Data flows one way: MkDocs renders every page's Markdown
before it renders any template, so

- ``on_page_content`` notes the checklists of each page as the checklist extension rendered them
  (``checklist/rendered.py`` reads them back from the page's HTML), by language and page;
- ``on_page_context`` gives a page that holds the planner every checklist of its language (ids, title, item
  texts) in navigation order, from those notes, in the page config that ``overrides/main.html`` writes, so
  the exit pack prints them with the reader's ticks. Other pages' configs stay as they are.

No source is read again and nothing is parsed twice. static-i18n builds each language in turn, so the notes
are kept by language; each rendering of a page replaces its note and ``on_files`` drops the notes of pages a
build no longer has, so a ``mkdocs serve`` rebuild never sees a stale or a deleted page's checklists and
the notes never outgrow the site. No hook writes into ``docs/``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from playbook.blocks import planner
from playbook.blocks.checklist.rendered import checklists_in

CONFIG_KEY = "checklists"
"""Key of the checklists in the page config (``playbook`` in the template context)."""

RENDERED: dict[str, dict[str, list[dict]]] = {}
"""Language code -> page source path -> the checklists MkDocs rendered on that page in this build."""


def language(config: MkDocsConfig) -> str:
    """The language being built; static-i18n sets the theme language for each build."""
    return config.theme["language"]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    kept = {file.src_uri for file in files.documentation_pages()}
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


# After hooks.py's on_page_context, which writes the page config this adds to.
@event_priority(-10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    if planner.ROOT_ATTR not in (page.content or "") or "playbook" not in context:
        return context
    checklists = exit_pack_checklists(language(config), list(nav.pages))
    context["playbook"] = {**context["playbook"], CONFIG_KEY: checklists}
    return context
