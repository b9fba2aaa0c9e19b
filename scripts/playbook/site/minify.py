"""Minify the playbook's own JavaScript and CSS in the built site; the commented sources stay as they are.

MkDocs copies ``overrides/assets/`` (Material's ``custom_dir``) into ``site/assets/`` unchanged. After the
build, every copy of one of our scripts or stylesheets is replaced by its minified form, written from the
source in ``overrides/`` straight into ``site/``; nothing under ``overrides/`` or ``docs/`` is ever written.

The minifier is esbuild (npm, pinned in package.json), one file at a time and without bundling: each ES
module keeps its file name, its relative ``import`` lines and its lazy ``import()`` calls, so a page still
fetches only the modules its widgets need. Measured on these sources against the alternatives (gzip of all
our JavaScript, 143 kB raw / 46.7 kB gzip as written):

- esbuild ``--minify --format=esm``: 64.8 kB / 25.5 kB. A real parser (template literals, regular
  expressions, optional chaining, ``??=``, BigInt are parsed, not pattern-matched); it renames a module's
  local names, and it minifies the CSS too (30.4 kB / 9.0 kB -> 20.2 kB / 5.9 kB). A static binary from the
  npm registry: two runs, about 35 ms of processor time a build.
- terser 5: 66.3 kB / 24.9 kB, about 2 % smaller after gzip, but JavaScript only (a second tool for CSS) and
  slower; not worth a second dependency for some 300 bytes on the calculator's page.
- rjsmin / rcssmin 1.3 (pure Python, no Node at build time): 87.5 kB / 28.6 kB. They strip comments and
  whitespace but rename nothing, and they find the ends of strings and regular expressions by pattern, not
  by parsing; CSS was no better than esbuild's.

Which files, and how (:func:`plan`, pure): a script or stylesheet under ``assets/javascripts/`` or
``assets/stylesheets/`` of ``overrides/`` whose copy in the built site still has the source's exact bytes,
i.e. a fresh copy. ES modules are minified as modules (their top-level names are private and get renamed);
the classic worker scripts under ``javascripts/workers/`` as plain scripts (their top-level names are
globals and keep them); stylesheets as CSS. A copy that is already minified differs from its source and is
left alone, so the step costs nothing when static-i18n runs the hook again for the next language, and a
``mkdocs serve`` rebuild minifies exactly the files MkDocs copied anew. Output is a pure function of the
source, so running it twice gives the same bytes.

A missing minifier or a file it cannot parse fails the build naming the file: the site is never shipped
half-minified by accident.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[3]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"

ASSET_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")
"""Folders of ``overrides/`` (and so of the built site) that hold our scripts and stylesheets."""

WORKER_FOLDER = "assets/javascripts/workers/"
"""Classic worker scripts (``new Worker(url)``, ``importScripts``): not ES modules."""

TARGET = "es2022"
"""The JavaScript the minified files may use: what the sources are written in (``??=`` is ES2021) and no
newer, so a browser that runs the sources runs the minified files. CSS is not lowered."""


class Kind(Enum):
    MODULE = "module"
    SCRIPT = "script"
    STYLESHEET = "stylesheet"


ESBUILD_RUNS: tuple[tuple[frozenset[Kind], tuple[str, ...]], ...] = (
    # ES modules: their top-level names are their own and get renamed. The stylesheets come along in the same
    # run (esbuild applies --format and --target to JavaScript only; the CSS comes out the same), since every
    # run costs a start-up.
    (frozenset({Kind.MODULE, Kind.STYLESHEET}), ("--minify", "--format=esm", f"--target={TARGET}")),
    # Classic scripts, no --format: esbuild keeps their top-level names (globals) and "use strict".
    (frozenset({Kind.SCRIPT}), ("--minify", f"--target={TARGET}")),
)
"""Which kinds of file esbuild minifies together, and how."""

ESBUILD_ENV = {"GOMAXPROCS": "1"}
"""esbuild on one thread: for a few dozen small files its parallel workers cost more processor time than they
save on the clock (measured: 33 ms against 41 ms a build on two cores)."""


class MinifyError(Exception):
    """The minifier is missing or refused a file; the message says which and what to do."""


@dataclass(frozen=True)
class Candidate:
    """A file of ``overrides/`` and its copy in the built site."""

    path: str
    """POSIX path relative to ``overrides/`` and to the site root, e.g. ``assets/javascripts/playbook.js``."""
    source: bytes
    built: bytes | None
    """The built site's copy, or None when the build did not publish the file."""


@dataclass(frozen=True)
class Job:
    path: str
    kind: Kind


def kind_of(path: str) -> Kind | None:
    """How a file of ``overrides/`` is minified, or None when it is not one of our scripts or stylesheets."""
    name = PurePosixPath(path).name
    if not path.startswith(ASSET_FOLDERS) or name.endswith((".min.js", ".min.css")):
        return None
    if path.startswith("assets/javascripts/") and name.endswith(".js"):
        return Kind.SCRIPT if path.startswith(WORKER_FOLDER) else Kind.MODULE
    if path.startswith("assets/stylesheets/") and name.endswith(".css"):
        return Kind.STYLESHEET
    return None


def plan(candidates: Iterable[Candidate]) -> list[Job]:
    """What to minify: our scripts and stylesheets whose built copy is still the source, byte for byte."""
    jobs = []
    for candidate in candidates:
        kind = kind_of(candidate.path)
        if kind is not None and candidate.built == candidate.source:
            jobs.append(Job(candidate.path, kind))
    return sorted(jobs, key=lambda job: job.path)


def candidates(custom_dir: Path, site_dir: Path) -> list[Candidate]:
    """Every script and stylesheet of ``custom_dir`` with its copy in ``site_dir``."""
    found = []
    for folder in ASSET_FOLDERS:
        for source in sorted((custom_dir / folder).rglob("*")):
            path = source.relative_to(custom_dir).as_posix()
            if not source.is_file() or kind_of(path) is None:
                continue
            copy = site_dir / path
            built = copy.read_bytes() if copy.is_file() else None
            found.append(Candidate(path, source.read_bytes(), built))
    return found


def runs(jobs: Sequence[Job]) -> list[tuple[tuple[str, ...], list[str]]]:
    """The esbuild runs that minify ``jobs``: (flags, paths) for each entry of ESBUILD_RUNS with work."""
    found = []
    for kinds, flags in ESBUILD_RUNS:
        paths = [job.path for job in jobs if job.kind in kinds]
        if paths:
            found.append((flags, paths))
    return found


def esbuild_command(
    esbuild: Path, custom_dir: Path, site_dir: Path, flags: Sequence[str], paths: Sequence[str]
) -> list[str]:
    """One esbuild run: each file read from ``custom_dir`` and written to the same path in ``site_dir``.
    Without --bundle every entry is minified on its own, its imports untouched."""
    return [
        str(esbuild),
        *(str(custom_dir / path) for path in paths),
        *flags,
        f"--outbase={custom_dir}",
        f"--outdir={site_dir}",
        "--allow-overwrite",
        "--log-level=warning",
    ]


def minify_site(site_dir: Path, custom_dir: Path, esbuild: Path | None = None) -> list[Job]:
    """Minify the fresh copies of our scripts and stylesheets in ``site_dir``; returns what was minified."""
    jobs = plan(candidates(custom_dir, site_dir))
    if not jobs:
        return []
    esbuild = esbuild or ESBUILD
    if not esbuild.is_file():
        raise MinifyError(
            f"{esbuild} is missing, so the site's JavaScript and CSS cannot be minified: "
            "run `npm ci` (make build, make serve and make test do)"
        )
    env = {**os.environ, **ESBUILD_ENV}
    for flags, paths in runs(jobs):
        command = esbuild_command(esbuild, custom_dir.resolve(), site_dir.resolve(), flags, paths)
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            named = [path for path in paths if path in result.stderr] or paths
            raise MinifyError(f"esbuild could not minify {', '.join(named)}:\n{result.stderr.strip()}")
    return jobs
