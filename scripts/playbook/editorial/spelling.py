"""Spelling of every page and string with Debian's Hunspell dictionaries, plus a short project word list.

Bokmål is checked against ``nb_NO`` (package ``hunspell-no``), English against ``en_GB``
(``hunspell-en-gb``); ``scripts/ensure-dictionaries.sh`` installs them (``make dictionaries``). The words a
dictionary lacks but the playbook uses on purpose (names of institutions and acts, abbreviations, a few
compounds, and common Bokmål forms Debian's nb_NO lacks) are in ``words-<code>.txt`` next to this module,
one per line, matched without regard to case. A hyphenated word passes when the dictionary knows it whole
or knows each part (``PDF-en``, ``e-post``); a word before a full stop passes as an abbreviation when the
dictionary knows it with the stop (``mva.``, ``inkl.``).

The words themselves are judged by the ``hunspell`` program (``hunspell -L``, one batch per language), not
by code of ours. Run ``python -m playbook.editorial.spelling`` to list what it finds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from playbook.editorial import sources

DICTIONARIES = {"nb": "nb_NO", "en": "en_GB"}
"""Hunspell dictionary per language code (Debian: /usr/share/hunspell/<name>.dic)."""

OTHER = {"nb": "en", "en": "nb"}
"""The language whose dictionary also judges link texts and emphasised words (foreign titles and terms)."""

WORDLIST_DIR = Path(__file__).parent
"""Where ``words-<code>.txt`` live: the project's own words, one a line, ``#`` starts a comment."""

_APOSTROPHE = "\u2019"  # the typographic apostrophe, read as '
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


class HunspellMissing(RuntimeError):
    """The ``hunspell`` program or one of its dictionaries is not installed."""


@dataclass(frozen=True, order=True)
class Misspelling:
    """A word neither the dictionary nor the word list knows, at ``path``:``line``."""

    path: Path
    line: int
    word: str
    lang: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: misspelt word {self.word!r} (not in the {DICTIONARIES[self.lang]} "
            f"dictionary or scripts/playbook/editorial/words-{self.lang}.txt)"
        )


def wordlist(code: str, directory: Path = WORDLIST_DIR) -> frozenset[str]:
    """The project word list of a language (an empty set when there is none)."""
    path = directory / f"words-{code}.txt"
    if not path.is_file():
        return frozenset()
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for word in words if word)


def hunspell_verdicts(words: Iterable[str], dictionary: str) -> dict[str, bool]:
    """Whether Hunspell's ``dictionary`` accepts each word: one word a line through ``hunspell -L``.

    ``-L`` prints back the lines that hold a misspelling (and, unlike ``-a``, computes no suggestions, which
    are slow for Norwegian compounds). Raises :class:`HunspellMissing` naming the packages to install when
    the program or the dictionary is absent.
    """
    words = sorted({word for word in words if word and "\n" not in word})
    program = shutil.which("hunspell")
    if program is None:
        raise HunspellMissing("hunspell is not installed: run `make dictionaries` (apt: hunspell)")
    if not words:
        return {}
    result = subprocess.run(
        [program, "-L", "-i", "utf-8", "-d", dictionary],
        input="".join(f"{word}\n" for word in words).encode("utf-8"),
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        check=False,
    )
    error = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or "Can't open affix or dic" in error:
        raise HunspellMissing(
            f"hunspell cannot load the {dictionary} dictionary: run `make dictionaries` "
            f"(apt: hunspell-no, hunspell-en-gb). {error.strip()}"
        )
    bad = set(result.stdout.decode("utf-8").splitlines())
    return {word: word not in bad for word in words}


def _candidates(word: str) -> list[str]:
    """The forms of ``word`` the dictionary may be asked about: whole, with a stop, and each hyphen part."""
    forms = [word, word + ".", *word.split("-")]
    return [*forms, word[:-2]] if word.endswith("'s") else forms


def check(items: Iterable[sources.Source], words_dir: Path = WORDLIST_DIR) -> list[Misspelling]:
    """Every misspelt word in ``items`` (pages and string tables), in file and line order.

    One-letter words are not checked (references such as «bokstav g», «§ 28 a»). A word in a link text or in
    emphasis also passes when the other language's dictionary knows it (:data:`OTHER`): the English edition
    names Norwegian acts and sources in italics or as links.
    """
    by_lang: dict[str, list[tuple[sources.Line, str, bool, bool]]] = {}
    for source in items:
        if source.lang not in DICTIONARIES:
            raise ValueError(f"{source.path}: no dictionary for language {source.lang!r}")
        for line in sources.lines(source.path):
            for match in _WORD.finditer(line.text):
                word = match[0].replace(_APOSTROPHE, "'")
                if len(word) < 2:
                    continue
                stop = line.text[match.end() : match.end() + 1] == "."
                marked = any(a <= match.start() and match.end() <= b for a, b in line.marked)
                by_lang.setdefault(source.lang, []).append((line, word, stop, marked))
    found: list[Misspelling] = []
    for lang, occurrences in by_lang.items():
        known = {word.lower() for word in wordlist(lang, words_dir)}
        verdicts = hunspell_verdicts(
            (form for _, word, _, _ in occurrences for form in _candidates(word)), DICTIONARIES[lang]
        )
        other = OTHER.get(lang)
        foreign = [word for _, word, _, marked in occurrences if marked]
        if other and foreign:
            other_known = {word.lower() for word in wordlist(other, words_dir)}
            other_verdicts = hunspell_verdicts(
                (form for word in foreign for form in _candidates(word)), DICTIONARIES[other]
            )
        else:
            other_known, other_verdicts = set(), {}

        found += [
            Misspelling(line.path, line.number, word, lang)
            for line, word, stop, marked in occurrences
            if not _good(word, stop, known, verdicts)
            and not (marked and _good(word, stop, other_known, other_verdicts))
        ]
    return sorted(found)


def _good(word: str, stop: bool, known: set[str], verdicts: dict[str, bool]) -> bool:
    """Whether the word list or the dictionary accepts ``word``: whole, with a stop, or part by part."""
    if word.lower() in known or verdicts.get(word) or (stop and verdicts.get(word + ".")):
        return True
    if word.endswith("'s") and len(word) > 3:  # the English possessive: the playbook's
        return _good(word[:-2], False, known, verdicts)
    parts = word.split("-")
    return len(parts) > 1 and all(
        len(part) < 2 or part.lower() in known or verdicts.get(part) for part in parts
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m playbook.editorial.spelling [ROOT]``: print each misspelt word; exit 1 if there are any."""
    from playbook import languages

    args = sys.argv[1:] if argv is None else argv
    root = (Path(args[0]) if args else Path.cwd()).resolve()
    items = sources.collect(root / "docs", languages.STRINGS_DIR, languages.CODES)
    problems = check(items)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
