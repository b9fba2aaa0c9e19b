"""The navigation of mkdocs.yml (``nav:``) as a list of pages: one home for every step that needs it.

The PDF step assembles its documents in this order (pdf/build.py), and the site hooks hand it the pages;
the planner's exit pack takes the order from MkDocs' own navigation object while it renders (its hooks).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit


def flatten_nav(nav: Sequence | None) -> list[str]:
    """Markdown paths of the ``nav:`` of mkdocs.yml, in reading order (sections flattened, links dropped)."""
    found: list[str] = []
    for entry in nav or []:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, str):
                    found.append(value)
                elif isinstance(value, list):
                    found += flatten_nav(value)
    return [path for path in found if not urlsplit(path).scheme and path.endswith(".md")]


def language_pages(nav: Sequence | None, code: str) -> list[str]:
    """The navigation's Markdown pages relative to a language's folder (``en/after.md`` -> ``after.md``)."""
    prefix = f"{code}/"
    return [page.removeprefix(prefix) for page in flatten_nav(nav)]
