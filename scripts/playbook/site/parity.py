"""Checks that every page exists in every language with the same section outline.

Pure functions over the ``docs/<code>/`` folders, so they are tested without a build; they read the sources
through :mod:`playbook.sources`, once per build. The hook turns their messages into a failed build; each
message names the file and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from playbook import sources
from playbook.sources import lines_outside_code, pages, twins

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID_RE = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")


def missing_twins(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """One message per page that exists in some languages but not in all of them."""
    found = {code: pages(docs_dir, code) for code in codes}
    everything = set().union(*found.values())
    problems = []
    for page in sorted(everything):
        have = [code for code in codes if page in found[code]]
        for code in codes:
            if page not in found[code]:
                where = ", ".join(f"docs/{c}/" for c in have)
                problems.append(
                    f"docs/{code}/{page}: missing; the page exists in {where} "
                    f"and every page needs a translation in every language"
                )
    return problems


def headings(markdown: str) -> tuple[tuple[int, int, str | None], ...]:
    """Line number (from 1), level and explicit id (``{#id}``, or None) of every ATX heading outside fenced
    code: the one scan of a page's headings that this check and the title check (headings.py) share
    (through :func:`playbook.sources.derive`, once per version of the file)."""
    found = []
    for number, line in lines_outside_code(markdown):
        if not line.startswith("#"):  # the usual line; HEADING_RE needs a '#' first
            continue
        heading = HEADING_RE.match(line)
        if heading:
            anchor = HEADING_ID_RE.search(heading.group(2))
            found.append((number, len(heading.group(1)), anchor.group(1) if anchor else None))
    return tuple(found)


def outline_of(found: Iterable[tuple[int, int, str | None]]) -> list[tuple[int, str | None]]:
    """Level and id of the :func:`headings` below the title."""
    return [(level, anchor) for _number, level, anchor in found if level > 1]


def outline(markdown: str) -> list[tuple[int, str | None]]:
    """Level and explicit id (``{#id}``) of every heading below the title, outside fenced code."""
    return outline_of(headings(markdown))


def outline_problems(page: str, outlines: dict[str, list[tuple[int, str | None]]]) -> list[str]:
    """Messages for headings without an explicit id, and for twins whose outlines differ."""
    problems = []
    for code, items in outlines.items():
        for level, anchor in items:
            if anchor is None:
                problems.append(
                    f"docs/{code}/{page}: a level-{level} heading has no explicit id; write it as "
                    f"'{'#' * level} Title {{#some-id}}' with the same id in every language"
                )
    codes = list(outlines)
    reference = codes[0]
    for code in codes[1:]:
        if outlines[code] != outlines[reference]:
            problems.append(
                f"docs/{code}/{page}: section outline differs from docs/{reference}/{page}: "
                f"{_describe(outlines[code])} versus {_describe(outlines[reference])}"
            )
    return problems


def _describe(items: Iterable[tuple[int, str | None]]) -> str:
    return "[" + ", ".join(f"h{level}#{anchor}" for level, anchor in items) + "]"


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """Every parity problem of the documentation tree, or an empty list."""
    sources.forget_missing()
    problems = missing_twins(docs_dir, codes)
    for page, found in twins(docs_dir, codes, headings):
        problems += outline_problems(page, {code: outline_of(items) for code, items in found.items()})
    return problems
