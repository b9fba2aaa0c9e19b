"""The planner's blocks read from the Markdown sources, with line numbers, and the checklists of its exit
pack.

Pure functions over ``docs/<code>/*.md``:

- :func:`check` is the build's check before any page renders (the ``on_config`` hook in ``hooks.py`` beside it):
  every ``/// conversation-templates`` block parses, with every template the planner needs and only known
  placeholders; a page with a planner has its templates and the other way round; and every language has the
  planner on the same page. Messages read ``docs/<code>/<page>:<line>: reason``.
- :func:`exit_pack_checklists` gives every checklist of a language, in navigation order, with its title and
  the plain text of its items, for the exit pack to print with the reader's ticks. It reads the blocks with
  ``checklist_sources.scan`` (which the build has already checked) and the checklist module's own rules.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown

from playbook.blocks import checklist, planner
from playbook.blocks.checklist import sources as checklist_sources
from playbook.site import parity

END_RE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ ]*$")
BLOCK_RE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ ]*(?P<name>[\w-]+)")


@dataclass(frozen=True)
class Block:
    name: str
    line: int
    """Line of the block's start in the file."""
    body: str
    body_line: int
    """Line in the file of the body's first line."""
    closed: bool


def blocks(markdown_text: str, names: Iterable[str]) -> list[Block]:
    """The blocks named `names` in a page, outside fenced code, with their raw bodies."""
    wanted = set(names)
    lines = list(parity.lines_outside_code(markdown_text))
    found: list[Block] = []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        start = BLOCK_RE.match(line)
        index += 1
        if not start or start.group("name").lower() not in wanted:
            continue
        body: list[str] = []
        closed = False
        first = lines[index][0] if index < len(lines) else number + 1
        while index < len(lines):
            end = END_RE.match(lines[index][1])
            index += 1
            if end and end.group("slashes") == start.group("slashes"):
                closed = True
                break
            body.append(lines[index - 1][1])
        found.append(Block(start.group("name").lower(), number, "\n".join(body), first, closed))
    return found


def page_problems(markdown_text: str) -> tuple[bool, list[tuple[int, str]]]:
    """Whether the page holds a planner, and its problems as (line, reason)."""
    found = blocks(markdown_text, (planner.NAME, planner.TEMPLATES_NAME))
    problems: list[tuple[int, str]] = []
    planners = [b for b in found if b.name == planner.NAME]
    templates = [b for b in found if b.name == planner.TEMPLATES_NAME]
    for kind in (planners, templates):
        for extra in kind[1:]:
            problems.append((extra.line, planner.TWICE.format(name=extra.name)))
        for block in kind:
            if not block.closed:
                problems.append((block.line, planner.NOT_CLOSED.format(name=block.name)))
    for block in templates:
        if not block.closed:
            continue
        _templates, found_problems = planner.parse_templates(block.body)
        for problem in found_problems:
            line = block.line if problem.line == 0 else block.body_line + problem.line - 1
            problems.append((line, problem.reason))
    if planners and not templates:
        problems.append((planners[0].line, planner.WITHOUT_TEMPLATES))
    if templates and not planners:
        problems.append((templates[0].line, planner.WITHOUT_PLANNER))
    return bool(planners), problems


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """Every planner problem of the documentation tree as ``docs/<code>/<page>:<line>: reason``."""
    problems: list[str] = []
    for page, scanned in parity.twins(docs_dir, codes, page_problems):
        for code, (_has_planner, found) in scanned.items():
            problems += [f"docs/{code}/{page}:{line}: {reason}" for line, reason in found]
        having = [code for code, (has_planner, _found) in scanned.items() if has_planner]
        if having and len(having) != len(codes):
            for code in codes:
                if code not in having:
                    problems.append(
                        f"docs/{code}/{page}:1: the page has no '/// conversation-planner', but "
                        f"docs/{having[0]}/{page} has one; every language needs the planner on the same page"
                    )
    return problems


# --- The checklists of the exit pack ------------------------------------------------------------------------


def plain_text(markdown_text: str) -> str:
    """Inline Markdown (links, emphasis, code) as the words a reader sees."""
    html = markdown.markdown(markdown_text)
    return " ".join("".join(etree.fromstring(f"<div>{html}</div>").itertext()).split())


def _item_text(lines: dict[int, str], start: int, stop: int) -> str:
    """The Markdown of the item starting on line `start`: its marker line and the lines that continue it."""
    marker = checklist_sources.MARKER_RE.match(lines[start])
    parts = [marker.group("text") or ""] if marker else [lines[start]]
    number = start + 1
    while number < stop and number in lines:
        line = lines[number]
        if not line.strip() or checklist_sources.MARKER_RE.match(line) or END_RE.match(line):
            break
        parts.append(line.strip())
        number += 1
    return "\n".join(parts)


def page_checklists(markdown_text: str) -> list[dict]:
    """The checklists of one page: ``{"id", "title", "items": [{"id", "text"}]}`` in page order."""
    scanned, problems = checklist_sources.scan(markdown_text)
    if problems:
        raise ValueError(
            f"the page's checklists are malformed: {problems[0].reason} (line {problems[0].line})"
        )
    lines = dict(parity.lines_outside_code(markdown_text))
    result = []
    for found in scanned:
        start = checklist.START_RE.match(lines[found.line])
        items = []
        for index, item in enumerate(found.items):
            stop = found.items[index + 1].line if index + 1 < len(found.items) else max(lines) + 1
            item_id, label = checklist.parse_item(_item_text(lines, item.line, stop))
            if item_id != item.id:
                raise ValueError(f"checklist {found.id!r}: item on line {item.line} reads as {item_id!r}")
            items.append({"id": item_id, "text": plain_text(label)})
        result.append({"id": found.id, "title": plain_text(start.group("title") or ""), "items": items})
    return result


def exit_pack_checklists(docs_dir: Path, code: str, nav_pages: Sequence[str]) -> list[dict]:
    """Every checklist of the language `code`, in the order of the navigation's pages."""
    result = []
    for page in nav_pages:
        source = docs_dir / code / page
        if source.is_file():
            result += page_checklists(source.read_text(encoding="utf-8"))
    return result
