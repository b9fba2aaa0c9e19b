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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from pathlib import Path

import yaml

from playbook import cache
from playbook import sources as shared
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
    return _parsed(path, path.read_bytes())


def _parsed(path: Path, data: bytes) -> dict[str, list[Term]]:
    try:
        return parse(yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except (GlossaryError, yaml.YAMLError, UnicodeDecodeError) as error:
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


_WORD = re.compile(r"\w{2,}")


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words (as :func:`playbook.editorial.sources.loose` writes them) that every match of ``pattern``
    contains, all of them, in the pattern's order, or None when the pattern has none to name (then every
    line must be read).

    Read from the parsed pattern (Python's own ``re`` parser): the characters the pattern requires in
    sequence at its top level (or in a group that is itself required there; a class of one letter in two
    cases, ``[Mm]``, counts as that letter), cut at white space: the pieces holding two or more word
    characters (``e-mail``, ``mva.-``, ``hei,``), or else every piece (``£``). White space cuts, as
    :func:`playbook.editorial.sources.clean` may turn markup between two words into a space that
    :func:`~playbook.editorial.sources.loose` keeps as markup; within a piece, ``clean`` drops without a space
    only what ``loose`` drops too (link and emphasis marks). Anything optional, repeated or alternative is
    not looked into, so the answer can only be too cautious, never wrong.
    """
    from re import _parser as parser  # Python's own parser of expressions (3.11+)

    runs: list[str] = []

    def letter(op, value) -> str | None:
        if op is parser.LITERAL:
            return chr(value)
        if op is parser.IN and value and all(item_op is parser.LITERAL for item_op, _ in value):
            letters = {chr(code).lower() for _, code in value}
            return letters.pop() if len(letters) == 1 else None
        return None

    def walk(items) -> None:
        run: list[str] = []
        for op, value in items:
            char = letter(op, value)
            if char is not None:
                run.append(char)
                continue
            runs.append("".join(run))
            run = []
            if op is parser.SUBPATTERN:
                walk(value[-1])
        runs.append("".join(run))

    walk(parser.parse(pattern.pattern, pattern.flags))
    pieces = [sources.loose(piece) for run in runs for piece in run.split()]
    words = [piece for piece in pieces if _WORD.search(piece)]
    if not words:
        words = [piece for piece in pieces if piece]
    return tuple(dict.fromkeys(words)) if words else None


@dataclass(frozen=True)
class Sieve:
    """What a language's terms need to be found at all, to pass over text that cannot hold any of them.

    ``words`` gives each term the words each of its rejected patterns needs, all of them
    (:func:`required_words`; None: the pattern is tried on every line). :attr:`longest` finds the raw lines
    that may hold a match (:func:`playbook.editorial.sources.numbers_holding`), :meth:`terms_in` picks the
    terms worth trying on a line's readable text. Both can only let too much through: sifting never
    changes what :func:`check_text` finds (the tests hold the two to the same answer).
    """

    words: tuple[tuple[Term, tuple[tuple[str, ...] | None, ...]], ...]

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Sieve:
        return cls(tuple((term, tuple(required_words(p) for p in term.rejected)) for term in terms))

    @cached_property
    def _needs(
        self,
    ) -> tuple[tuple[str, ...], tuple[tuple[Term, bool, frozenset[str], tuple[frozenset[str], ...]], ...]]:
        """Every required word once, and per term: whether some pattern needs none, the words of its
        one-word patterns, the word sets of its others. Lets :meth:`_terms` look for each word once per
        text and decide each term with set operations (some three times faster than word by word per
        pattern)."""
        vocabulary: dict[str, None] = {}
        rows = []
        for term, patterns in self.words:
            always = any(required is None for required in patterns)
            singles = frozenset(
                required[0] for required in patterns if required is not None and len(required) == 1
            )
            several = tuple(
                frozenset(required) for required in patterns if required is not None and len(required) > 1
            )
            vocabulary.update(
                dict.fromkeys(word for required in patterns if required is not None for word in required)
            )
            rows.append((term, always, singles, several))
        return tuple(vocabulary), tuple(rows)

    def _terms(self, low: str) -> list[tuple[Term, tuple[tuple[str, ...] | None, ...]]]:
        """The entries of :attr:`words` one of whose patterns has all its required words in ``low`` (a line:
        every word looked for once; a whole page goes faster term by term, :func:`_needed`, as most of its
        terms are ruled out by their first word)."""
        vocabulary, rows = self._needs
        present = {word for word in vocabulary if word in low}
        return [
            entry
            for entry, (_, always, singles, several) in zip(self.words, rows, strict=True)
            if always or not singles.isdisjoint(present) or any(words <= present for words in several)
        ]

    @property
    def longest(self) -> frozenset[str] | None:
        """The longest required word of every pattern (the first of equally long ones); None when some
        pattern has none (every line must then be read)."""
        longest = set()
        for _, patterns in self.words:
            for required in patterns:
                if required is None:
                    return None
                longest.add(max(required, key=len))
        return frozenset(longest)

    @property
    def search(self) -> re.Pattern[str] | None:
        """One search for any of :attr:`longest`; None when some pattern has no required word."""
        longest = self.longest
        return None if longest is None else _alternatives(longest)

    def narrowed(self, low: str) -> Sieve:
        """The sieve of the terms one of whose patterns has all its required words in ``low`` (loose text,
        :func:`playbook.editorial.sources.loose`), in glossary order."""
        return Sieve(tuple((term, patterns) for term, patterns in self.words if _needed(patterns, low)))

    def terms_in(self, text: str) -> list[Term]:
        """The terms that may match in ``text`` (a line's readable text, already cleaned: folded, never
        read as Markdown again), in glossary order."""
        return [term for term, _ in self._terms(sources.fold(text))]


def _needed(patterns: tuple[tuple[str, ...] | None, ...], low: str) -> bool:
    """Whether one of a term's ``patterns`` (required words each; None: none) has all its words in ``low``."""
    return any(required is None or all(word in low for word in required) for required in patterns)


@lru_cache(maxsize=512)
def _alternatives(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words)) or "(?!)")


def _may_hold(search: re.Pattern[str], value: str) -> bool:
    """Whether a string table's value (decoded) may hold a rejected variant: its loose text, on one line (a
    value's own line breaks are spaces to :func:`playbook.editorial.sources.clean`'s links), holds a word."""
    return search.search(sources.loose(" ".join(value.splitlines()))) is not None


def check(
    items: Iterable[sources.Source],
    glossary: Mapping[str, list[Term]],
    root: Path | None = None,
    sift: bool = True,
    results: cache.FileResults | None = None,
) -> list[Finding]:
    """Every rejected variant in ``items``, in file and line order; paths relative to ``root`` if given.

    Most text holds none of the words a rejected variant needs (:class:`Sieve`): a page is first narrowed
    to the terms whose words it holds at all (usually none or a few), only its raw lines holding one of
    their words are turned into text, and each is tried with the terms whose words it holds.
    ``sift=False`` reads every line with every term (the tests hold the two to the same findings).
    ``results``: the findings of earlier builds per file (:func:`load_kept`), used for a file whose text
    and glossary are unchanged, and given this run's findings; the caller saves it.
    """
    findings = []
    sieves = {lang: Sieve.of(terms) for lang, terms in glossary.items()}
    for source in items:
        shown = source.path
        if root is not None and source.path.is_relative_to(root):
            shown = source.path.relative_to(root)
        text = shared.read(source.path) if results is not None else ""
        found = results.get(source.path, source.lang, text) if results is not None else None
        if found is None:
            terms = glossary.get(source.lang, [])
            sieve = sieves.get(source.lang) if sift else None
            found = [[number, words, preferred] for number, words, preferred in _found(source, terms, sieve)]
            # Kept only while the file holds the text keyed (an edit during the read: a miss next time).
            if results is not None and shared.read(source.path) is text:
                results.put(source.path, source.lang, text, found)
        findings += [Finding(shown, number, words, preferred) for number, words, preferred in found]
    return sorted(findings)


def _found(source: sources.Source, terms: list[Term], sieve: Sieve | None) -> Iterator[tuple[int, str, str]]:
    """(line, the words found, the preferred term) for each rejected variant in one file (:func:`check`)."""
    if sieve is not None and source.path.suffix == ".md":
        low = sources.loose(shared.read(source.path))
        sieve = sieve.narrowed(low)
        if not sieve.words:
            return
        longest = sieve.longest
        numbers = sources.numbers_holding(low, longest) if longest is not None else None
        lines = sources.page_lines(source.path, numbers, placeholders=True)
    elif sieve is not None and source.path.suffix == ".json" and (search := sieve.search) is not None:
        lines = sources.table_lines(source.path, partial(_may_hold, search), placeholders=True)
    else:
        lines = sources.lines(source.path, placeholders=True)
    for line in lines:
        tried = sieve.terms_in(line.text) if sieve is not None else terms
        if tried:
            for words, term in check_text(line.text, tried):
                yield line.number, words, term.preferred


def load_kept(folder: Path, path: Path = GLOSSARY) -> tuple[dict[str, list[Term]], cache.FileResults]:
    """The glossary file's terms (:func:`load`) and the findings kept between builds for them in ``folder``
    (:class:`playbook.cache.FileResults`), both from one reading of the file: the findings are found again
    only while its bytes, and the code that reads the sources and finds the variants, are unchanged."""
    data = path.read_bytes()
    code = (Path(__file__), Path(sources.__file__), Path(shared.__file__), Path(cache.__file__))
    inputs = (data, *code, f"PyYAML {yaml.__version__}")
    return _parsed(path, data), cache.FileResults("glossary", inputs, folder, valid=_valid_findings)


def _valid_findings(result: object) -> bool:
    """Whether a kept result has the shape :func:`check` keeps: ``[[line, words, preferred], ...]``."""
    return isinstance(result, list) and all(
        isinstance(item, list)
        and len(item) == 3
        and type(item[0]) is int
        and isinstance(item[1], str)
        and isinstance(item[2], str)
        for item in result
    )


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
