"""Checklists read from the Markdown sources, with line numbers: the build's check before any page renders.

Pure functions over ``docs/<code>/*.md``, read once per build through :mod:`playbook.sources` and scanned
with the blocks' shared scanner (:func:`playbook.blocks.base.source_blocks`). They apply the rules of
:mod:`playbook.blocks.checklist` (the Markdown extension, which does not know which file it renders) and add
what only the whole tree shows: a checklist id used on two pages of a language (ticks are stored by checklist
id), and twins whose checklists or items differ in ids or order. The ``on_config`` hook turns the messages,
``docs/<code>/<page>:<line>: reason``, into a failed build.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from playbook import sources
from playbook.blocks import base
from playbook.blocks.checklist import (
    NAME,
    NESTED,
    NO_ITEMS,
    NO_TITLE,
    NOT_CLOSED,
    ORDERED,
    TWO_PARAGRAPHS,
    ChecklistError,
    duplicate_message,
    only_a_list_message,
    parse_item,
    parse_options,
    quote,
)

MARKER_RE = re.compile(r"^(?P<indent>[ ]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ ]+(?P<text>.*)|[ ]*)$")


@dataclass(frozen=True)
class Item:
    id: str
    line: int


@dataclass(frozen=True)
class Checklist:
    id: str | None
    """None when the block has no valid id (a problem says so)."""
    line: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str


def scan(markdown: str) -> tuple[list[Checklist], list[Problem]]:
    """The checklist blocks of a page with their line numbers, and every problem within the page."""
    checklists: list[Checklist] = []
    problems: list[Problem] = []
    for block in base.source_blocks(markdown, [NAME], strict=True):
        options = [line for _number, line in block.options]
        checklist, found = _read_block(block.line, block.title, options, list(block.body), block.closed)
        problems += found
        first = next((c for c in checklists if checklist.id and c.id == checklist.id), None)
        if first is not None:
            problems.append(
                Problem(block.line, duplicate_message("checklist id", first.id, f"on line {first.line}"))
            )
        checklists.append(checklist)
    return checklists, problems


def _read_block(
    number: int, title: str | None, option_lines: list[str], body: list[tuple[int, str]], closed: bool
) -> tuple[Checklist, list[Problem]]:
    problems: list[Problem] = []
    if not closed:
        problems.append(Problem(number, NOT_CLOSED))
    if not title:
        problems.append(Problem(number, NO_TITLE))
    checklist_id = None
    try:
        checklist_id = parse_options(_options(option_lines))["id"]
    except ChecklistError as error:
        problems.append(Problem(number, str(error)))
    entries, found = _list_entries(body)
    problems += found
    items: list[Item] = []
    for line, text in entries:
        try:
            item_id, _label = parse_item(text)
        except ChecklistError as error:
            problems.append(Problem(line, str(error)))
            continue
        first = next((item for item in items if item.id == item_id), None)
        if first is not None:
            problems.append(Problem(line, duplicate_message("item id", item_id, f"on line {first.line}")))
        items.append(Item(item_id, line))
    if not entries and not found:
        problems.append(Problem(number, NO_ITEMS))
    return Checklist(checklist_id, number, tuple(items)), problems


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C (libyaml) where PyYAML was built with it: the same documents, read several times
faster (every checklist's options are read in every build)."""


def _options(option_lines: list[str]) -> Any:
    if not option_lines:
        return {}
    try:
        options = yaml.load(textwrap.dedent("\n".join(option_lines)), Loader=SAFE_LOADER)
    except yaml.YAMLError:
        raise ChecklistError("the options under '/// checklist' are not valid 'name: value' lines") from None
    return {} if options is None else options


def _list_entries(body: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Problem]]:
    """The items of the block's list as (line, Markdown text), and problems for anything else in the block."""
    entries: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    blank_before = False
    for number, line in body:
        if not line.strip():
            blank_before = True
            continue
        marker = MARKER_RE.match(line)
        if marker and len(marker.group("indent")) < 4:
            if marker.group("marker") not in "-*+":
                problems.append(Problem(number, ORDERED))
            entries.append((number, [marker.group("text") or ""]))
        elif entries and marker:
            problems.append(Problem(number, f"{NESTED}: {quote(line)}"))
        elif entries and not blank_before:
            entries[-1][1].append(line.strip())
        elif entries and line.startswith("    "):
            problems.append(Problem(number, f"{TWO_PARAGRAPHS}: {quote(line)}"))
        else:
            problems.append(Problem(number, only_a_list_message(line)))
        blank_before = False
    return [(number, "\n".join(parts)) for number, parts in entries], problems


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """Every checklist problem of the documentation tree as ``docs/<code>/<page>:<line>: reason``.

    Within a page: the rules of :func:`scan`. Within a language: each checklist id on one page only. Across
    languages: every twin has the same checklists, with the same item ids, in the same order as the first
    language's. A page missing in some language is left to :func:`playbook.parity.check`.
    """
    problems: list[str] = []
    first_use: dict[str, dict[str, tuple[str, int]]] = {code: {} for code in codes}
    for page, scanned in sources.twins(docs_dir, codes, scan):
        for code, (checklists, found) in scanned.items():
            problems += [f"docs/{code}/{page}:{problem.line}: {problem.reason}" for problem in found]
            for checklist in checklists:
                if checklist.id is None:
                    continue
                first_page, first_line = first_use[code].setdefault(checklist.id, (page, checklist.line))
                if first_page != page:
                    first = f"in docs/{code}/{first_page}:{first_line}"
                    reason = duplicate_message("checklist id", checklist.id, first)
                    problems.append(f"docs/{code}/{page}:{checklist.line}: {reason}")
        if not any(found for _checklists, found in scanned.values()):
            problems += twin_problems(page, {code: checklists for code, (checklists, _) in scanned.items()})
    return problems


def _describe(ids: Iterable[str | None]) -> str:
    return "[" + ", ".join(str(value) for value in ids) + "]"


def _first_difference(left: Sequence[Any], right: Sequence[Any]) -> int:
    differing = (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b)
    return next(differing, min(len(left), len(right)))


def twin_problems(page: str, checklists: dict[str, list[Checklist]]) -> list[str]:
    """Messages for twins whose checklists or items differ from the first language's in ids or order."""
    codes = list(checklists)
    reference = codes[0]
    expected = checklists[reference]
    problems = []
    for code in codes[1:]:
        actual = checklists[code]
        actual_ids, expected_ids = [c.id for c in actual], [c.id for c in expected]
        if actual_ids != expected_ids:
            at = _first_difference(actual_ids, expected_ids)
            line = actual[min(at, len(actual) - 1)].line if actual else 1
            problems.append(
                f"docs/{code}/{page}:{line}: checklists {_describe(actual_ids)} differ from "
                f"{_describe(expected_ids)} in docs/{reference}/{page}; every language needs the same "
                "checklists in the same order"
            )
            continue
        for mine, theirs in zip(actual, expected, strict=True):
            mine_ids, their_ids = [i.id for i in mine.items], [i.id for i in theirs.items]
            if mine_ids == their_ids:
                continue
            at = _first_difference(mine_ids, their_ids)
            line = mine.items[min(at, len(mine.items) - 1)].line if mine.items else mine.line
            problems.append(
                f"docs/{code}/{page}:{line}: the items of checklist {mine.id!r} {_describe(mine_ids)} differ "
                f"from {_describe(their_ids)} in docs/{reference}/{page}:{theirs.line}; every language needs "
                "the same item ids in the same order"
            )
    return problems
