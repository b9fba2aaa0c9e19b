"""The Markdown sources, read once per build and shared by every check that reads them.

The build checks pages before any renders: parity (site/parity.py), checklists (blocks/checklist/sources.py),
the planner (blocks/planner/sources.py), the widget blocks (blocks/base.py) and the editorial checks. Each
asks this module for a file's text, or for what a pure function makes of it, instead of opening the file:

- :func:`read` returns a file's text, opening it only when it is new or has changed since it was last read
  (its size or modification time in nanoseconds differ). static-i18n builds each language in turn and runs
  every ``on_config`` hook in each; the second language's checks find every file already read. After an
  edit under ``mkdocs serve`` the edited file alone is read again, so a result is never stale.
- :func:`derive` returns ``function(text)`` for a file, computed once per version of the file, so the scans
  the checks share (outlines, checklist blocks) are made once however many checks or languages ask.
- :func:`new_build` drops everything at the start of each build (but not between static-i18n's languages of
  one build), and :func:`forget_missing` what it holds of files that no longer exist (the parity check calls
  it), so what it holds never outgrows the docs folder nor outlives a build.

``OPENS`` counts the files opened (by path), for the test that a build reads each source once.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})")

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character ``str.splitlines`` (and so :func:`lines_outside_code`) ends a line at."""

_Stamp = tuple[int, int]
_texts: dict[str, tuple[_Stamp, str]] = {}
_derived: dict[tuple[str, Callable[[str], Any]], tuple[_Stamp, Any]] = {}
_per_build: dict[str, Any] = {}
# Keyed by the path as a string: hashing a Path object costs more than the lookup it serves.

OPENS: Counter[Path] = Counter()
"""How many times each file was opened by :func:`read` in this process."""


def _stamp(path: str) -> _Stamp:
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


def read(path: Path | str) -> str:
    """The UTF-8 text of the file at `path`, opened only if it is new or changed since the last read.

    Raises OSError like :meth:`Path.read_text` when the file cannot be read.
    """
    key = os.fspath(path)
    stamp = _stamp(key)
    held = _texts.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    with open(key, encoding="utf-8") as file:
        text = file.read()
    OPENS[Path(key)] += 1
    _texts[key] = (stamp, text)
    return text


def derive(path: Path | str, function: Callable[[str], T]) -> T:
    """``function(read(path))``, computed once per version of the file. `function` must be pure, and the
    caller must not change what it returns (every caller shares it)."""
    key = os.fspath(path)
    text = read(key)
    stamp = _texts[key][0]
    held = _derived.get((key, function))
    if held is not None and held[0] == stamp:
        return held[1]
    value = function(text)
    _derived[(key, function)] = (stamp, value)
    return value


def forget_missing() -> None:
    """Drop what is held of files that no longer exist."""
    for path in [path for path in _texts if not os.path.exists(path)]:
        del _texts[path]
    for key in [key for key in _derived if key[0] not in _texts]:
        del _derived[key]


def new_build(config: Any) -> None:
    """Start a build: drop everything held, unless static-i18n is building a further language of the same
    build (its plugin's ``building`` flag), whose checks then find every source already read.

    Called first in ``on_config`` (site/hooks.py). With it, a ``mkdocs serve`` rebuild reads every source
    afresh; without it (a check called outside MkDocs) the size and time stamps still catch every edit.
    """
    i18n = config.plugins.get("i18n") if getattr(config, "plugins", None) is not None else None
    if i18n is not None and getattr(i18n, "building", False):
        return
    _texts.clear()
    _derived.clear()
    _per_build.clear()


def once_per_build(key: str, compute: Callable[[], T]) -> T:
    """``compute()`` the first time `key` is asked for in a build (see :func:`new_build`), then the same
    result: the checks over every source run once, not once per language. Only for hooks, which call
    :func:`new_build` first; a check called on its own must call its function directly."""
    if key not in _per_build:
        _per_build[key] = compute()
    return _per_build[key]


def forget_all() -> None:
    """Drop everything held and reset :data:`OPENS` (tests)."""
    _texts.clear()
    _derived.clear()
    _per_build.clear()
    OPENS.clear()


def lines_outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """Every line (numbered from 1) that is not inside fenced code or one of its fences."""
    if "```" not in markdown and "~~~" not in markdown:  # no fence on the page: every line counts
        yield from enumerate(markdown.splitlines(), start=1)
        return
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = FENCE_RE.match(line)
        if match:
            marker = match.group(2)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is None:
            yield number, line


# --- The pages of every language ----------------------------------------------------------------------------


def pages(docs_dir: Path, code: str) -> set[str]:
    """Markdown pages of one language, as POSIX paths relative to ``docs/<code>/`` (none: no folder).

    Walked with ``os.walk`` and plain strings: ten times faster than ``Path.rglob`` building a path object
    per file, and the build's checks list each language several times."""
    root = os.path.join(docs_dir, code)
    found: set[str] = set()
    for folder, _, files in os.walk(root):
        below = os.path.relpath(folder, root)
        prefix = "" if below == os.curdir else below.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in files if name.endswith(".md"))
    return found


def twins(
    docs_dir: Path, codes: Sequence[str], read: Callable[[str], T]
) -> Iterator[tuple[str, dict[str, T]]]:
    """For every page present in all languages: its path and what ``read`` makes of each twin's Markdown.

    The first code is the reference the other languages are compared with. ``read`` must be pure: each
    file's result is computed once per version of the file and shared (:func:`derive`).
    """
    common = set.intersection(*(pages(docs_dir, code) for code in codes))
    for page in sorted(common):
        yield page, {code: derive(docs_dir / code / page, read) for code in codes}
