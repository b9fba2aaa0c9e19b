"""The text a reader sees, line by line, from the pages and the string tables: what the checks read.

A page (``docs/<code>/*.md``) yields its front matter ``description:``, its prose, headings, table cells,
admonition titles, checklist titles and items, the ``text`` code blocks (the contract clause is prose a
reader copies) and the planner's templates (the text after ``key:``). Left out: other code blocks, code spans,
link and image addresses, bare addresses, attribute lists (``{#id}``, ``{: .class}``), placeholders
(``{client_name}``), HTML tags and comments, and a block's option lines (``    id: before-call``).

A string table (``scripts/playbook/strings/<code>.json``) yields each value on the line of its key, with its
placeholders left out. Every :class:`Line` keeps the line number in its file, so a check names file and line.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from playbook import sources as shared

PROSE_FENCES = frozenset({"text"})
"""Code blocks whose language is one of these hold prose (the contract clause template) and are checked."""

TEMPLATE_BLOCKS = frozenset({"conversation-templates"})
"""Blocks whose body is ``key: text`` lines (a line starting with spaces continues the one above)."""

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w-]*)")
_BLOCK_OPEN = re.compile(r"^///\s*([\w-]+)\s*(?:\|\s*(.*?))?\s*$")
_BLOCK_OPTION = re.compile(r"^\s+[\w-]+\s*:")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:"(.*)")?\s*$')
_TEMPLATE = re.compile(r"^([\w.-]+)\s*:\s?(.*)$")
_STRING = re.compile(r'^\s*"([^"\\]+)"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$')

# Link texts and *emphasis* are marked while cleaning (between these two private-use characters) and come
# out of lines() as Line.marked spans: a title or term in the other language is written in italics or is a
# link's text, and the spelling check lets the other language's dictionary judge words there.
_OPEN, _CLOSE = "\ue000", "\ue001"

# Inline syntax that is not text, in the order it is taken out, each with the strings one of which any match
# must contain: a line without any of them skips that pattern (most lines hold no link, code or address, and
# the checks read every line of every page in every build).
_DOMAINS = ("no", "com", "org", "net", "eu", "se", "dk", "uk", "io")
"""The top-level domains of the bare addresses a page may name (``lovdata.no``), taken out as not prose."""
_INLINE = (
    (re.compile(r"<!--.*?-->"), " ", ("<!--",)),
    (re.compile(r"`+[^`]*`+"), " ", ("`",)),  # code spans
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), _OPEN + r"\1" + _CLOSE, ("](",)),  # links: keep the link text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), _OPEN + r"\1" + _CLOSE, ("][",)),  # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S.*$"), " ", ("]:",)),  # reference definitions
    (re.compile(r"<[a-zA-Z/!][^>]*>"), " ", ("<",)),  # HTML tags and autolinks
    (re.compile(r"\b(?:https?://|mailto:|www\.)\S+"), " ", ("://", "mailto:", "www.")),  # bare addresses
    (
        re.compile(rf"\b[\w-]+(?:\.[\w-]+)*\.(?:{'|'.join(_DOMAINS)})\b"),
        " ",
        tuple(f".{domain}" for domain in _DOMAINS),  # a match holds one of these: most lines hold a "." only
    ),  # lovdata.no
    (re.compile(r"\{\s*[:#.][^}]*\}"), " ", ("{",)),  # attribute lists {#id} {: .class}
    (
        re.compile(r"(?<![*\w])\*(?![*\s])([^*]+?)(?<!\s)\*(?![*\w])"),
        _OPEN + r"\1" + _CLOSE,
        ("*",),
    ),  # *emphasis*
    (
        re.compile(r"(?<![_\w])_(?![_\s])([^_]+?)(?<!\s)_(?![_\w])"),
        _OPEN + r"\1" + _CLOSE,
        ("_",),
    ),  # _emphasis_
)
_PLACEHOLDER = re.compile(r"\{\w+\}")  # {client_name}


@dataclass(frozen=True)
class Line:
    """One line of reader-visible text: ``number`` is the 1-based line in ``path``.

    ``marked`` holds the (start, end) offsets in ``text`` of link texts and emphasised words, where a word in
    the other language may stand (a source's title, a Norwegian term in the English edition).
    """

    path: Path
    number: int
    text: str
    marked: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Source:
    """A file of reader-visible text and its language code (``nb``, ``en``)."""

    path: Path
    lang: str


def collect(docs_dir: Path, strings_dir: Path, codes: Iterable[str]) -> list[Source]:
    """Every page of each language in ``docs_dir/<code>/`` (recursively) and each ``strings_dir/<code>.json``.

    A language without a folder or a table contributes nothing; the order is stable (by path).
    """
    found: list[Source] = []
    for code in codes:
        found += [Source(path, code) for path in sorted((docs_dir / code).rglob("*.md")) if path.is_file()]
        table = strings_dir / f"{code}.json"
        if table.is_file():
            found.append(Source(table, code))
    return found


def lines(path: Path, placeholders: bool = False) -> Iterator[Line]:
    """The reader-visible lines of a page (``.md``) or a string table (``.json``).

    Placeholders (``{client_name}``) are taken out unless ``placeholders`` is true: the glossary keeps them,
    so «Hei {client_name},» still reads as a greeting. The file is read through :mod:`playbook.sources`
    (once per version of the file, shared with the build's other checks). Raises ``ValueError`` for another
    kind of file.
    """
    kinds = {".md": (_page_kept, _page_bare), ".json": (_table_kept, _table_bare)}
    if path.suffix not in kinds:
        raise ValueError(f"{path}: not a page or a string table")
    for number, text, marked in shared.derive(path, kinds[path.suffix][0 if placeholders else 1]):
        yield Line(path, number, text, marked)


_Readable = tuple[tuple[int, str, tuple[tuple[int, int], ...]], ...]


def _readable(numbered: Iterable[tuple[int, str]], placeholders: bool) -> _Readable:
    found = []
    for number, line in numbered:
        if not placeholders:
            line = _PLACEHOLDER.sub(" ", line)
        text, marked = unmark(line)
        if text.strip():
            found.append((number, text, marked))
    return tuple(found)


def _page_kept(text: str) -> _Readable:
    return _readable(markdown_lines(text), True)


def _page_bare(text: str) -> _Readable:
    return _readable(markdown_lines(text), False)


def _table_kept(text: str) -> _Readable:
    return _readable(strings_lines(text), True)


def _table_bare(text: str) -> _Readable:
    return _readable(strings_lines(text), False)


_MARK = re.compile(f"[{_OPEN}{_CLOSE}]")


def unmark(line: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The line without the marks :func:`clean` sets, and the spans they enclosed (outermost only)."""
    if _OPEN not in line and _CLOSE not in line:  # the usual line: nothing marked
        return line, ()
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    depth, start, length, position = 0, 0, 0, 0
    for mark in _MARK.finditer(line):  # a few marks a line: slice between them instead of char by char
        piece = line[position : mark.start()]
        text.append(piece)
        length += len(piece)
        position = mark.end()
        if mark[0] == _OPEN:
            if depth == 0:
                start = length
            depth += 1
        else:
            depth = max(depth - 1, 0)
            if depth == 0:
                spans.append((start, length))
    text.append(line[position:])
    return "".join(text), tuple(spans)


def clean(text: str) -> str:
    """``text`` with inline Markdown that is not prose (code, addresses, ids, tags) taken out."""
    for pattern, replacement, needles in _INLINE:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    return text


def page_lines(path: Path, numbers: Container[int] | None, placeholders: bool = False) -> Iterator[Line]:
    """:func:`lines` of a page, reading only the lines whose number (from 1) is in ``numbers`` (all: None).

    The caller picks the lines a check could flag (:func:`numbers_holding`); the others are never cleaned,
    which is most of the work. Not cached (the caller runs once per build). Raises ``ValueError`` for a
    file that is not a page.
    """
    if path.suffix != ".md":
        raise ValueError(f"{path}: not a page")
    for number, text, marked in _readable(markdown_lines(shared.read(path), numbers), placeholders):
        yield Line(path, number, text, marked)


def table_lines(path: Path, keep: Callable[[str], bool], placeholders: bool = False) -> Iterator[Line]:
    """:func:`lines` of a string table, cleaning only the values that pass ``keep`` (a quick test on the
    decoded value that must hold wherever a check could flag its text). Not cached."""
    if path.suffix != ".json":
        raise ValueError(f"{path}: not a string table")
    for number, text, marked in _readable(strings_lines(shared.read(path), keep), placeholders):
        yield Line(path, number, text, marked)


_LINK_TARGET = re.compile(rf"\]\([^){shared.LINE_BREAKS}]*\)|\]\[[^\]{shared.LINE_BREAKS}]*\]")
_IMAGE_BANG = re.compile(rf"!(?=\[[^\]{shared.LINE_BREAKS}]*\]\([^){shared.LINE_BREAKS}]*\))")
"""The ``!`` of an inline image, which :func:`clean` drops with the image's brackets and address (and no
other ``!``: a reference-style image keeps it there)."""


def fold(text: str) -> str:
    """``text`` lower-cased without brackets and emphasis marks: what :func:`loose` does to every line, and
    all that may be done to a line :func:`clean` has already read (its leftover ``](`` is text, not a link
    whose address could be dropped)."""
    return text.replace("[", "").replace("]", "").replace("*", "").replace("_", "").lower()


def loose(text: str) -> str:
    """Raw Markdown lower-cased, with what :func:`clean` removes *without* leaving a space taken out too
    (link addresses, brackets, an inline image's ``!``, emphasis marks): every word :func:`clean` makes of a
    line, however its markup splits it (``[kred](url)itt``, ``kred*itt*``), stands whole in this text, on the
    same line. Out: a string only to search for words in (:func:`playbook.editorial.glossary.required_words`);
    its lines are the lines of ``text``, one for one."""
    if "](" in text or "][" in text:
        text = _LINK_TARGET.sub("", _IMAGE_BANG.sub("", text) if "![" in text else text)
    return fold(text)


def numbers_holding(low: str, words: Iterable[str]) -> frozenset[int]:
    """The numbers (from 1) of the lines of ``low`` (a page's :func:`loose` text, whose lines are the page's)
    that hold one of ``words``: each word looked for over the whole page with ``str.find`` (some five times
    faster than one expression of alternatives, which the engine tries at every position)."""
    starts = sorted(found for word in words if word for found in _occurrences(low, word))
    if not starts:
        return frozenset()
    ends = list(accumulate(len(line) for line in low.splitlines(keepends=True)))
    return frozenset(bisect_right(ends, start) + 1 for start in starts)


def _occurrences(text: str, word: str) -> Iterator[int]:
    found = text.find(word)
    while found != -1:
        yield found
        found = text.find(word, found + 1)


def markdown_lines(text: str, numbers: Container[int] | None = None) -> Iterator[tuple[int, str]]:
    """(line number, readable text) for each line of a Markdown page; see the module docstring.

    With ``numbers``, only the lines with those numbers (from 1) are cleaned and given. Every line this
    yields is :func:`clean` of a part of one raw line, so a test on the raw line can rule it out.
    """
    raw = text.splitlines()
    number = 0
    if raw and raw[0].strip() == "---":  # front matter: only the description is read by people
        for number in range(1, len(raw)):
            line = raw[number]
            if line.strip() == "---":
                break
            if line.startswith("description:") and (numbers is None or number + 1 in numbers):
                yield number + 1, clean(line.removeprefix("description:").strip().strip("\"'"))
        number += 1
    fence: str | None = None
    prose_fence = False
    block: str | None = None
    in_options = False
    for index in range(number, len(raw)):
        line = raw[index]
        skip = numbers is not None and index + 1 not in numbers
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            elif prose_fence and not skip:
                yield index + 1, clean(line)
            continue
        if match := _FENCE.match(line):
            fence, prose_fence = match[1], match[2] in PROSE_FENCES
            continue
        if match := _BLOCK_OPEN.match(line):
            block, in_options = match[1], True
            if not skip:
                yield index + 1, clean(match[2] or "")
            continue
        if line.strip() == "///":
            block, in_options = None, False
            continue
        if in_options:
            if _BLOCK_OPTION.match(line):
                continue
            in_options = False
        if skip:
            continue
        if block in TEMPLATE_BLOCKS:
            if line[:1].isspace():
                yield index + 1, clean(line)
            elif match := _TEMPLATE.match(line):
                yield index + 1, clean(match[2])
            continue
        if match := _ADMONITION.match(line):
            yield index + 1, clean(match[1] or "")
            continue
        yield index + 1, clean(line)


def strings_lines(text: str, keep: Callable[[str], bool] | None = None) -> Iterator[tuple[int, str]]:
    """(line number, readable text) for each ``"key": "value"`` line of a string table (one per line); with
    ``keep``, only the values (decoded, before cleaning) that pass it."""
    for index, line in enumerate(text.splitlines()):
        if match := _STRING.match(line):
            value = json.loads(f'"{match[2]}"')
            if keep is None or keep(value):
                yield index + 1, clean(value)
