"""What the build keeps between builds, in ``.cache/playbook/`` (git ignores it; ``make clean`` removes it).

- ``bundles/``: esbuild's output (site/bundle.py, ``BundleCache``).
- ``checks/``: the result of a check per source file (:class:`FileResults`), for a check whose result for
  a file depends on that file alone and on the check's own inputs (its code, its rules). The glossary is
  one (editorial/hooks.py).

``PLAYBOOK_CACHE=0`` turns every cache off (the first build after a clone, or after a check's code or rules
change, costs what every build costs then); ``PLAYBOOK_BUNDLE_CACHE=0`` turns off the bundles' alone.
A cache that cannot be read is ignored and one that cannot be written is not kept: neither fails a build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / ".cache" / "playbook"
"""Every cache of the build, one folder each below it."""

SWITCH = "PLAYBOOK_CACHE"
"""The environment variable that, set to ``0``, turns every cache off."""

log = logging.getLogger("mkdocs.hooks.playbook")


def checks_folder(project: Path | None) -> Path:
    """Where :class:`FileResults` are kept for the project whose ``mkdocs.yml`` is in ``project`` (this
    checkout's when None): each project its own, so copies of the project (the tests') share nothing."""
    return (FOLDER if project is None else project / ".cache" / "playbook") / "checks"


def enabled(*switches: str) -> bool:
    """Whether caching is on: neither :data:`SWITCH` nor any of ``switches`` (a cache's own variable) is
    set to ``0`` in the environment."""
    return all(os.environ.get(name, "1") != "0" for name in (SWITCH, *switches))


def digest(data: bytes) -> str:
    """A short hex digest of ``data`` (BLAKE2b, 128 bits): names a version of a file, not a secret."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def inputs_key(name: str, inputs: Iterable[Path | str | bytes]) -> str:
    """The key of everything a check's results depend on besides the file checked: ``name``, the Python
    version (its ``re``), and each input: a file by its bytes (its code), bytes as they are (rules the
    caller read once and parsed from the same bytes), a string as it is (a version). Raises OSError when
    an input file cannot be read."""
    parts = [name.encode(), sys.version.encode()]
    for item in inputs:
        if isinstance(item, Path):
            parts.append(item.read_bytes())
        else:
            parts.append(item if isinstance(item, bytes) else item.encode())
    return digest(b"\0".join(digest(part).encode() for part in parts))


class FileResults:
    """One check's results per source file, kept between builds in ``<folder>/<name>.json``
    (:func:`checks_folder`).

    In: the check's ``name`` and its ``inputs`` (:func:`inputs_key`). A result is found again only for the
    same file (path and language) with the same text and the same inputs; anything else is a miss, so a
    result is never stale. :meth:`save` keeps only what this run asked for, so the file holds at most one
    result per source file and drops those of files since deleted. Results must be JSON (lists, strings,
    numbers); ``valid`` tells a kept result of the shape the check keeps from anything else found in the
    file (a miss).
    """

    def __init__(
        self,
        name: str,
        inputs: Iterable[Path | str | bytes],
        folder: Path,
        valid: Callable[[Any], bool] = lambda result: True,
    ) -> None:
        self.path = folder / f"{name}.json"
        self.key = inputs_key(name, inputs)
        self.valid = valid
        self.held: dict[str, list] = self._load()
        self.kept: dict[str, list] = {}
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict[str, list]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("key") != self.key
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        return {
            entry: held
            for entry, held in data["files"].items()
            if isinstance(held, list) and len(held) == 2 and isinstance(held[0], str) and self.valid(held[1])
        }

    @staticmethod
    def _entry(path: Path | str, lang: str) -> str:
        return f"{lang}:{os.fspath(path)}"

    def get(self, path: Path | str, lang: str, text: str) -> Any | None:
        """The result kept for the file at ``path`` in ``lang`` when it held ``text``; None when none is."""
        entry = self._entry(path, lang)
        held = self.held.get(entry)
        version = digest(text.encode("utf-8", "surrogatepass"))
        if held is None or held[0] != version:
            self.misses += 1
            return None
        self.hits += 1
        self.kept[entry] = held
        return held[1]

    def put(self, path: Path | str, lang: str, text: str, result: Any) -> None:
        """Keep ``result`` as the check's result for the file at ``path`` in ``lang`` holding ``text``."""
        self.kept[self._entry(path, lang)] = [digest(text.encode("utf-8", "surrogatepass")), result]

    def save(self) -> bool:
        """Write what this run asked for, unless the file holds just that already; True if written.

        Written to a temporary file renamed into place, so a build running at the same time reads the old
        file or the new one, never half of one. A folder that cannot be written is logged and skipped."""
        if self.kept == self.held:
            return False
        # ASCII: a path or a finding holding a lone surrogate (a name or a decoded string value) survives.
        data = json.dumps({"key": self.key, "files": self.kept}, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                os.fchmod(handle, 0o644)  # as the build's other files, not mkstemp's owner-only
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError) as error:
            log.debug("not keeping %s: %s", self.path, error)
            return False
        self.held = dict(self.kept)
        return True
