"""MkDocs hooks of the conversation planner: thin dispatchers over :mod:`playbook.blocks.planner.sources`.

Listed in mkdocs.yml after ``hooks.py``. static-i18n runs every hook once per language, so each hook is
stateless and safe to run again; none writes into ``docs/``.

- ``on_config`` fails the build, naming file and line, on a malformed or missing planner block or template.
- ``on_page_context`` gives a page that holds the planner every checklist of its language (ids, title, item
  texts) in the page config that ``overrides/main.html`` writes, so the exit pack prints them with the
  reader's ticks. Other pages' configs stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from playbook import languages
from playbook.blocks import planner
from playbook.blocks.planner import sources as planner_sources
from playbook.pdf.document import flatten_nav

CONFIG_KEY = "checklists"
"""Key of the checklists in the page config (``playbook`` in the template context)."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problems = planner_sources.check(Path(config.docs_dir), languages.CODES)
    if problems:
        raise PluginError("The conversation planner in docs/ needs fixing:\n  " + "\n  ".join(problems))
    return config


def nav_pages(nav: list | None, code: str) -> list[str]:
    """The navigation's Markdown pages relative to a language's folder."""
    prefix = f"{code}/"
    return [page.removeprefix(prefix) for page in flatten_nav(nav)]


# After hooks.py's on_page_context, which writes the page config this adds to.
@event_priority(-10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    if planner.ROOT_ATTR not in (page.content or "") or "playbook" not in context:
        return context
    lang = languages.by_code(config.theme["language"])
    pages = nav_pages(config.nav, lang.code)
    try:
        checklists = planner_sources.exit_pack_checklists(Path(config.docs_dir), lang.code, pages)
    except ValueError as error:
        raise PluginError(
            f"{page.file.src_uri}: the exit pack cannot read the checklists: {error}"
        ) from error
    context["playbook"] = {**context["playbook"], CONFIG_KEY: checklists}
    return context
