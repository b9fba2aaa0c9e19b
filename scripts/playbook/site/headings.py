"""Page titles (H1) carry an explicit id, the same in every language.

A reader can link to a page's title (Material's permalink), so its id must be readable and must not change
with the language: Python-Markdown's default slug drops æ, ø and å (``# Dette bør du unngå`` became
``#dette-br-du-unnga``) and each language's title gives another one. Every H1 is therefore written as
``# Dette bør du unngå {#pitfalls}``, and this check fails the build, naming file and line, when a title has
no id or when the twins' ids differ. (Headings below the title are checked by parity.py.)

Pure functions over ``docs/<code>/`` (the hook turns their messages into a failed build).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from playbook import sources
from playbook.site.parity import headings, pages


def titles(markdown: str) -> list[tuple[int, str | None]]:
    """Line number and explicit id (or None) of every level-1 ATX heading outside fenced code."""
    return titles_of(headings(markdown))


def titles_of(found: Iterable[tuple[int, int, str | None]]) -> list[tuple[int, str | None]]:
    """Line number and id of the level-1 headings among :func:`playbook.site.parity.headings`."""
    return [(number, anchor) for number, level, anchor in found if level == 1]


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """One message per page title without an explicit id, and per page whose twins' title ids differ."""
    problems = []
    common = set.intersection(*(pages(docs_dir, code) for code in codes)) if codes else set()
    for page in sorted(set().union(*(pages(docs_dir, code) for code in codes))):
        ids = {}
        for code in codes:
            path = docs_dir / code / page
            if not path.is_file():
                continue
            found = titles_of(sources.derive(path, headings))  # the scan parity.py made of the file
            for number, anchor in found:
                if anchor is None:
                    problems.append(
                        f"docs/{code}/{page}:{number}: the page title (H1) has no explicit id; write it as "
                        f"'# Title {{#some-id}}' with the same id in every language"
                    )
            ids[code] = found[0] if found else (1, None)
        if page not in common or len(ids) < 2:
            continue
        reference = codes[0]
        for code in codes[1:]:
            number, anchor = ids[code]
            if anchor and ids[reference][1] and anchor != ids[reference][1]:
                problems.append(
                    f"docs/{code}/{page}:{number}: the page title's id #{anchor} differs from "
                    f"#{ids[reference][1]} in docs/{reference}/{page}; twins need the same id"
                )
    return problems
