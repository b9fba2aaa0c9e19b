"""The terminology check: the house terms of ``glossary.yml``, per language, over every page and string.

Each entry of ``glossary.yml`` names a preferred term, the rejected variants (regular expressions, matched
case-insensitively unless ``case_sensitive: true``, on the readable text of a line as
:mod:`playbook.editorial.sources` gives it) and, optionally, the contexts where a rejected word is
legitimate (``allowed``: regular expressions; an occurrence inside a match of one of them passes, e.g.
«erstatning» in «krav på erstatning», where it means damages). ``note`` says why, for the contributor.

The build runs :func:`check` from ``scripts/playbook/editorial/hooks.py`` (``on_config``), and
``tests/editorial/test_glossary.py`` runs it too; ``python -m playbook.editorial.glossary`` lists findings.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from playbook.editorial import sources

GLOSSARY = Path(__file__).with_name("glossary.yml")
"""The one glossary data file."""

_KEYS = frozenset({"preferred", "rejected", "allowed", "note", "case_sensitive"})
_PLACEHOLDER = re.compile(r"\{\w+\}")


class GlossaryError(ValueError):
    """``glossary.yml`` is malformed; the message names the language and entry."""


@dataclass(frozen=True)
class Term:
    """One house term of one language: what to write, what not to, and where the rejected form is right."""

    lang: str
    preferred: str
    rejected: tuple[re.Pattern[str], ...]
    allowed: tuple[re.Pattern[str], ...] = ()
    note: str = ""


@dataclass(frozen=True, order=True)
class Finding:
    """A rejected variant at ``path``:``line``, with the term to use instead."""

    path: Path
    line: int
    found: str
    preferred: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: «{self.found}» is not a house term; write {self.preferred}"


def _patterns(value: object, where: str, flags: int) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise GlossaryError(f"{where}: expected a pattern or a list of patterns")
    try:
        return tuple(re.compile(item, flags) for item in value)
    except re.error as error:
        raise GlossaryError(f"{where}: bad pattern: {error}") from error


def parse(data: object) -> dict[str, list[Term]]:
    """Terms per language code from the loaded YAML (``{code: [entry, ...]}``); raises GlossaryError."""
    if not isinstance(data, Mapping):
        raise GlossaryError("glossary: expected a mapping of language codes to lists of entries")
    glossary: dict[str, list[Term]] = {}
    for lang, entries in data.items():
        if not isinstance(entries, list):
            raise GlossaryError(f"glossary {lang}: expected a list of entries")
        terms = []
        for number, entry in enumerate(entries, 1):
            where = f"glossary {lang} entry {number}"
            if not isinstance(entry, Mapping) or not isinstance(entry.get("preferred"), str):
                raise GlossaryError(f"{where}: needs a 'preferred' term")
            where += f" ({entry['preferred']})"
            if unknown := set(entry) - _KEYS:
                raise GlossaryError(f"{where}: unknown keys {sorted(unknown)}")
            if "rejected" not in entry:
                raise GlossaryError(f"{where}: needs 'rejected' patterns")
            flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
            terms.append(
                Term(
                    lang=str(lang),
                    preferred=entry["preferred"],
                    rejected=_patterns(entry["rejected"], where + " rejected", flags),
                    allowed=_patterns(entry.get("allowed", []), where + " allowed", re.IGNORECASE)
                    if entry.get("allowed")
                    else (),
                    note=str(entry.get("note", "")),
                )
            )
        glossary[str(lang)] = terms
    return glossary


def load(path: Path = GLOSSARY) -> dict[str, list[Term]]:
    """The glossary file, parsed and checked; raises GlossaryError naming the file and the entry."""
    try:
        return parse(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (GlossaryError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: {error}") from error


def check_text(text: str, terms: Iterable[Term]) -> list[tuple[str, Term]]:
    """The rejected variants in one line of text: (the words found, the term), in order of appearance."""
    found: list[tuple[int, str, Term]] = []
    placeholders = [match.span() for match in _PLACEHOLDER.finditer(text)]
    for term in terms:
        allowed = [match.span() for pattern in term.allowed for match in pattern.finditer(text)]
        taken: list[tuple[int, int]] = []  # one finding per stretch of text and term
        for pattern in term.rejected:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(a <= start and end <= b for a, b in allowed):
                    continue
                if any(a <= start < b for a, b in placeholders):  # the name inside {percent}
                    continue
                if any(start < b and a < end for a, b in taken):
                    continue
                taken.append((start, end))
                found.append((start, match[0].strip(), term))
    return [(words, term) for _, words, term in sorted(found, key=lambda item: item[0])]


def any_rejected(terms: Iterable[Term]) -> re.Pattern[str] | None:
    """One expression that matches wherever any of ``terms``' rejected patterns matches (each with its own
    case rule), so that a line holding none, the usual case, costs one search instead of one per pattern.
    None when the patterns cannot be joined (a pattern with global inline flags): then every line is checked.
    """
    parts = []
    for term in terms:
        for pattern in term.rejected:
            flag = "i" if pattern.flags & re.IGNORECASE else ""
            parts.append(f"(?{flag}:{pattern.pattern})" if flag else f"(?:{pattern.pattern})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def check(
    items: Iterable[sources.Source], glossary: Mapping[str, list[Term]], root: Path | None = None
) -> list[Finding]:
    """Every rejected variant in ``items``, in file and line order; paths relative to ``root`` if given."""
    findings = []
    prefilters = {lang: any_rejected(terms) for lang, terms in glossary.items()}
    for source in items:
        terms = glossary.get(source.lang, [])
        prefilter = prefilters.get(source.lang)
        shown = source.path
        if root is not None and source.path.is_relative_to(root):
            shown = source.path.relative_to(root)
        for line in sources.lines(source.path, placeholders=True):
            if prefilter is not None and not prefilter.search(line.text):
                continue
            findings += [
                Finding(shown, line.number, words, term.preferred)
                for words, term in check_text(line.text, terms)
            ]
    return sorted(findings)


def main(argv: list[str] | None = None) -> int:
    """``python -m playbook.editorial.glossary [ROOT]``: print each finding; exit 1 if there are any."""
    from playbook import languages

    args = sys.argv[1:] if argv is None else argv
    root = (Path(args[0]) if args else Path.cwd()).resolve()
    items = sources.collect(root / "docs", languages.STRINGS_DIR, languages.CODES)
    findings = check(items, load(), root)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
