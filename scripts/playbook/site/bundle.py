"""Bundle the playbook's own JavaScript and CSS into the built site: one minified file per page script and per
widget, which also run from a copy of the site opened from disk (``file://``).

The sources in ``overrides/assets/`` stay readable ES modules (the Node tests import them); MkDocs copies
them into ``site/assets/`` and this step, after the build, replaces that copy by:

- ``assets/javascripts/playbook.js``: the page script (the widget loader and what it imports, such as
  ``lib/language-switch.js``), one classic script;
- ``assets/javascripts/widget-<name>.js``, one per widget (:data:`WIDGETS`): the widget's entry module and
  everything it imports, as one classic script that puts the entry's exports on
  ``playbookWidgets["<name>"]``. playbook.js loads it with a ``<script src>`` next to its own file, only on a
  page that holds the widget's root;
- ``assets/javascripts/part-<name>.js``, one per on-demand part of a widget (:data:`PARTS`), made the same
  way: a widget loads it with lib/bundles.js ``loadBundle(name, "part")`` only when the reader needs it (the
  planner's texts on its first use, its exit documents when opened; the calculator's engine, on first use of
  its form), so the page's first load does not carry it. Its strings in each language are
  ``assets/javascripts/strings-<name>.<code>.js`` (:func:`part_strings`), written by the widget's own hook
  (the planner's: ``blocks/planner/hooks.py``; the calculator's: ``blocks/calculator/hooks.py``), not by this
  step;
- every stylesheet under ``assets/stylesheets/`` with its ``@import``s inlined (``calculator.css`` brings
  ``forms.css`` along instead of fetching it);
- the search worker (``workers/playbook-search.js``), minified as the classic script it is.

The module copies the bundles replace (``lib/``, ``checklist/``, ``calculator/`` …) are removed from the
site: no page loads them.

Why classic scripts (esbuild ``--format=iife``), not ES modules: browsers refuse module scripts from
``file://`` (an opaque origin), so a saved copy of the site would run no widget, and a module graph costs a
chain of requests (playbook.js, then the widget, then each of its imports) where a bundle costs one. The
browser code therefore uses neither ``import()`` nor ``import.meta``: a bundle finds its neighbours from
its own ``<script>`` element's ``src`` (lib/assets.js).

The bundler is esbuild (npm, pinned in package.json), in two runs on one thread: all bundles (scripts and
stylesheets) in one, the worker in the other. esbuild bundles whatever the entries import, so the widgets'
code can change freely; a bundle gets its global name from a small generated entry (``import * as widget
from "<entry>"; (globalThis.playbookWidgets ||= {})[name] = widget``) written to a temporary folder, never
into ``overrides/`` or ``docs/``.

The step runs once per language build and on every ``mkdocs serve`` rebuild; it works only when the site
holds a fresh copy of a source (MkDocs copied it anew), so the second language's build costs nothing.
A missing esbuild or a file it cannot parse fails the build naming the file.

What esbuild writes is kept in ``.cache/playbook/bundles/`` (:class:`BundleCache`), by the esbuild
version, its flags and entries, and checked against every file esbuild read (its metafile): the next build
with the same sources copies the bundles instead of running esbuild again (about 0.04 s of CPU a build;
every save in ``mkdocs serve`` rebuilds the site). A changed source, flag or esbuild version is a miss; the
cache keeps the few latest entries (:data:`CACHE_ENTRIES`), so it does not grow with every edit.
``PLAYBOOK_BUNDLE_CACHE=0`` turns it off, and ``PLAYBOOK_CACHE=0`` every cache (playbook/cache.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from playbook import cache
from playbook.blocks import calculator, checklist, planner

ROOT = Path(__file__).resolve().parents[3]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
ESBUILD_PACKAGE = ROOT / "node_modules" / "esbuild" / "package.json"
"""Names the installed esbuild's version, part of every cache key."""
CACHE = cache.FOLDER / "bundles"
"""Where :class:`BundleCache` keeps esbuild's output (playbook/cache.py)."""
CACHE_ENTRIES = 4
"""Cache entries kept: the latest few sets of sources (a branch switch and back), not every edit's."""

SCRIPTS = "assets/javascripts/"
STYLESHEETS = "assets/stylesheets/"
PAGE_SCRIPT = "playbook.js"
"""The one script every page loads (mkdocs.yml ``extra_javascript``), relative to :data:`SCRIPTS`."""
WORKER = "workers/playbook-search.js"
"""The search worker (``new Worker(url)``, ``importScripts``): a classic script, minified, not bundled."""

WIDGETS: Mapping[str, str] = {
    checklist.NAME: "checklist/checklist.js",
    calculator.NAME: "calculator/refund-calculator.js",
    planner.NAME: "planner/planner.js",
}
"""``data-widget`` name -> the module (under :data:`SCRIPTS`) whose ``mount`` playbook.js calls."""

PARTS: Mapping[str, str] = {
    planner.TEXTS_PART: "planner/texts-part.js",
    planner.DOCUMENTS_PART: "planner/documents-view.js",
    planner.CALCULATION_PART: "planner/calculation-part.js",
    calculator.ENGINE_PART: "calculator/calculator-engine.js",
}
"""On-demand part name -> the module (under :data:`SCRIPTS`) a widget loads as ``part-<name>.js``."""

GLOBAL = "playbookWidgets"
"""The global object a widget bundle registers its entry's exports on, by widget name."""

TARGET = "es2022"
"""The JavaScript the bundles may use: what the sources are written in (``??=`` is ES2021) and no newer."""

BUNDLE_FLAGS = ("--bundle", "--minify", f"--target={TARGET}", "--legal-comments=none")
"""How every bundle is made, before its format (the site's are ``--format=iife``; the Node tests run against
the same modules bundled as ES modules, tests/site/test_bundles.py)."""

ESBUILD_ENV = {"GOMAXPROCS": "1"}
"""esbuild on one thread: for a handful of small bundles its parallel workers cost more than they save."""


class BundleError(Exception):
    """esbuild is missing or refused a file; the message says which and what to do."""


def widget_bundle(name: str) -> str:
    """The widget bundle's path below the site root, e.g. ``assets/javascripts/widget-checklist.js``."""
    return f"{SCRIPTS}widget-{name}.js"


def part_bundle(name: str) -> str:
    """An on-demand part's bundle below the site root: ``assets/javascripts/part-<name>.js``."""
    return f"{SCRIPTS}part-{name}.js"


def part_strings(name: str, code: str) -> str:
    """A part's strings in language ``code``, ``assets/javascripts/strings-<name>.<code>.js``: a classic
    script that puts them on ``playbookStrings["<name>.<code>"]`` (lib/bundles.js loadStrings)."""
    return f"{SCRIPTS}strings-{name}.{code}.js"


def strings_script(name: str, code: str, strings: Mapping[str, str]) -> str:
    """The text of :func:`part_strings`: the strings as JSON on ``globalThis.playbookStrings``."""
    key = json.dumps(f"{name}.{code}")
    data = json.dumps(dict(strings), ensure_ascii=False, separators=(",", ":"))
    return f"(globalThis.playbookStrings||={{}})[{key}]={data};\n"


def write_part_strings(site_dir: Path, name: str, code: str, strings: Mapping[str, str]) -> None:
    """Write part ``name``'s strings in language ``code`` into the site (:func:`part_strings`), leaving the
    file untouched when it already holds them (a ``mkdocs serve`` rebuild then changes nothing)."""
    target = Path(site_dir) / part_strings(name, code)
    text = strings_script(name, code, strings)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def outputs(custom_dir: Path) -> list[str]:
    """Every file this step writes, relative to the site root: bundles, stylesheets, the worker."""
    sheets = sorted(
        path.relative_to(custom_dir).as_posix() for path in (custom_dir / STYLESHEETS).glob("*.css")
    )
    return [
        SCRIPTS + PAGE_SCRIPT,
        *(widget_bundle(name) for name in WIDGETS),
        *(part_bundle(name) for name in PARTS),
        *sheets,
        SCRIPTS + WORKER,
    ]


def sources(custom_dir: Path) -> list[str]:
    """Our scripts and stylesheets in ``custom_dir``, relative to it (what MkDocs copies into the site)."""
    found = []
    for folder, suffix in ((SCRIPTS, ".js"), (STYLESHEETS, ".css")):
        found += [
            path.relative_to(custom_dir).as_posix()
            for path in sorted((custom_dir / folder).rglob(f"*{suffix}"))
            if path.is_file() and not path.name.endswith((".min.js", ".min.css"))
        ]
    return found


def stale(site_dir: Path, custom_dir: Path) -> bool:
    """Whether the site holds a fresh copy of any source (MkDocs copied it): then the bundles are redone."""
    for path in sources(custom_dir):
        copy = site_dir / path
        if copy.is_file() and copy.read_bytes() == (custom_dir / path).read_bytes():
            return True
    return any(not (site_dir / path).is_file() for path in outputs(custom_dir))


def registering_entry(module: Path, name: str) -> str:
    """The generated entry of a widget bundle: the module's exports under ``playbookWidgets[name]``."""
    return (
        f"import * as widget from {json.dumps(module.as_posix())};\n"
        f"(globalThis.{GLOBAL} ||= {{}})[{json.dumps(name)}] = widget;\n"
    )


@dataclass(frozen=True)
class Run:
    """One esbuild run: entries (files in ``base``) written below ``outdir`` with the same relative paths."""

    entries: tuple[str, ...]
    flags: tuple[str, ...]


def plan(custom_dir: Path, entries_dir: Path) -> tuple[dict[str, str], list[Run]]:
    """The generated entry files (path in ``entries_dir`` -> text) and the esbuild runs, for ``custom_dir``.

    Every entry lives in ``entries_dir`` at the path its output takes below the site root, so one run with
    ``--outbase=entries_dir`` writes each to its place.
    """
    scripts = custom_dir.resolve() / SCRIPTS
    files = {SCRIPTS + PAGE_SCRIPT: f"import {json.dumps((scripts / PAGE_SCRIPT).as_posix())};\n"}
    for name, module in WIDGETS.items():
        files[widget_bundle(name)] = registering_entry(scripts / module, name)
    for name, module in PARTS.items():
        files[part_bundle(name)] = registering_entry(scripts / module, name)
    for sheet in outputs(custom_dir):
        if sheet.startswith(STYLESHEETS):
            files[sheet] = f"@import {json.dumps((custom_dir.resolve() / sheet).as_posix())};\n"
    bundles = Run(tuple(files), (*BUNDLE_FLAGS, "--format=iife"))
    files[SCRIPTS + WORKER] = (custom_dir.resolve() / SCRIPTS / WORKER).read_text(encoding="utf-8")
    # No --format: esbuild keeps a classic script's top-level names (globals) and its "use strict".
    worker = Run((SCRIPTS + WORKER,), ("--minify", f"--target={TARGET}"))
    return files, [bundles, worker]


def esbuild_command(
    esbuild: Path, entries_dir: Path, site_dir: Path, run: Run, metafile: Path | None = None
) -> list[str]:
    """The command line of one run; ``metafile``: where esbuild lists the files it read (paths relative to
    its working directory, which :func:`bundle_site` sets to ``entries_dir``)."""
    return [
        str(esbuild),
        *(str(entries_dir / entry) for entry in run.entries),
        *run.flags,
        f"--outbase={entries_dir}",
        f"--outdir={site_dir}",
        "--allow-overwrite",
        "--log-level=warning",
        *([f"--metafile={metafile}"] if metafile is not None else []),
    ]


def esbuild_version(esbuild: Path) -> str:
    """What names the esbuild that runs: the installed package's version for the project's own esbuild,
    else the binary's path, size and time (a test's stand-in)."""
    if esbuild == ESBUILD and ESBUILD_PACKAGE.is_file():
        return json.loads(ESBUILD_PACKAGE.read_text(encoding="utf-8"))["version"]
    stat = esbuild.stat()
    return f"{esbuild.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


PACKAGE_SETTINGS = ("package.json", "tsconfig.json", "jsconfig.json")
"""Files esbuild reads for its settings without naming them in the metafile: ``sideEffects`` in a
``package.json`` changes what tree shaking keeps, a ``tsconfig.json`` or ``jsconfig.json`` how modules
resolve."""


def package_settings(custom_dir: Path) -> dict[str, str]:
    """The :data:`PACKAGE_SETTINGS` files esbuild may read for the sources in ``custom_dir`` (in any folder
    from their scripts up to the filesystem's root), by path, with their digest; part of the cache key."""
    found = {}
    folder = (custom_dir / SCRIPTS).resolve()
    for parent in (folder, *folder.parents):
        for name in PACKAGE_SETTINGS:
            path = parent / name
            if path.is_file():
                found[str(path)] = cache.digest(path.read_bytes())
    return found


@dataclass(frozen=True)
class BundleCache:
    """esbuild's output for one set of sources, kept between builds in ``folder`` (:data:`CACHE`).

    An entry is a folder named by :meth:`key` (esbuild's version, the runs' flags and the generated entries'
    text, which hold the sources' absolute paths) holding the outputs at their site paths and
    ``inputs.json``: every file esbuild read, by absolute path, with its digest (``cache.digest``).
    :meth:`restore` copies an entry into the site only when each of those files still has that content, so
    an edited module, a new import or a deleted file is a miss, never a stale bundle. Entries are written
    whole or not at all (a temporary folder renamed into place), and only the latest :data:`CACHE_ENTRIES`
    are kept.
    """

    folder: Path

    INPUTS = "inputs.json"

    @staticmethod
    def key(
        version: str, files: dict[str, str], runs: list[Run], settings: dict[str, str] | None = None
    ) -> str:
        """The entry's name: a digest of what, besides the files esbuild lists as read, decides its output
        (``settings``: :func:`package_settings`)."""
        data = json.dumps(
            {
                "esbuild": version,
                "files": files,
                "runs": [[list(r.entries), list(r.flags)] for r in runs],
                "settings": settings or {},
            },
            sort_keys=True,
        )
        return cache.digest(data.encode("utf-8"))

    def restore(self, key: str, site_dir: Path, written: list[str]) -> bool:
        """Copy entry ``key``'s ``written`` outputs into ``site_dir``; False (nothing copied) on a miss."""
        entry = self.folder / key
        try:
            inputs = json.loads((entry / self.INPUTS).read_text(encoding="utf-8"))
            for path, digest in inputs.items():
                if cache.digest(Path(path).read_bytes()) != digest:
                    return False
            if not all((entry / path).is_file() for path in written):
                return False
            for path in written:
                (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(entry / path, site_dir / path)
        except (OSError, ValueError, AttributeError):
            return False
        os.utime(entry)  # the latest used, kept longest
        return True

    def store(self, key: str, site_dir: Path, written: list[str], read: set[Path]) -> None:
        """Keep ``written`` (just made in ``site_dir`` from the files in ``read``) as entry ``key``; a cache
        that cannot be written (read-only checkout, full disk) is passed over: the build does not need it."""
        staging = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=self.folder))
            for path in written:
                (staging / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site_dir / path, staging / path)
            inputs = {str(path): cache.digest(path.read_bytes()) for path in sorted(read)}
            (staging / self.INPUTS).write_text(json.dumps(inputs, indent=0), encoding="utf-8")
            shutil.rmtree(self.folder / key, ignore_errors=True)
            os.replace(staging, self.folder / key)
            self.prune()
        except OSError:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)

    STALE_STAGING_S = 600
    """A staging folder (``.<key>-…``, being written) older than this was left by a build that stopped."""

    def prune(self, keep: int = CACHE_ENTRIES) -> None:
        """Remove all but the ``keep`` most recently used entries, and staging folders a stopped build left
        (another build's folder still being written is left alone)."""
        folders = [path for path in self.folder.iterdir() if path.is_dir()]
        now = time.time()
        for path in folders:
            if path.name.startswith(".") and now - path.stat().st_mtime > self.STALE_STAGING_S:
                shutil.rmtree(path, ignore_errors=True)
        entries = sorted(
            (path for path in folders if not path.name.startswith(".")),
            key=lambda path: path.stat().st_mtime_ns,
            reverse=True,
        )
        for path in entries[keep:]:
            shutil.rmtree(path, ignore_errors=True)


def read_by_esbuild(metafile: Path, cwd: Path) -> set[Path]:
    """The source files one run read (its metafile's inputs), as absolute paths, without the generated
    entries in ``cwd`` (their text is part of the cache key)."""
    inputs = json.loads(metafile.read_text(encoding="utf-8"))["inputs"]
    paths = {(cwd / name).resolve() for name in inputs}
    return {path for path in paths if not path.is_relative_to(cwd.resolve())}


def bundle_site(site_dir: Path, custom_dir: Path, esbuild: Path | None = None) -> list[str]:
    """Write the bundles into ``site_dir`` and remove the module copies they replace; returns what it wrote
    (nothing when the site's bundles are already current)."""
    if not stale(site_dir, custom_dir):
        return []
    esbuild = esbuild or ESBUILD
    if not esbuild.is_file():
        raise BundleError(
            f"{esbuild} is missing, so the site's JavaScript and CSS cannot be bundled: "
            "run `npm ci` (make build, make serve and make test do)"
        )
    env = {**os.environ, **ESBUILD_ENV}
    written = outputs(custom_dir)
    with tempfile.TemporaryDirectory(prefix="playbook-bundle-") as folder:
        entries_dir = Path(folder).resolve()
        files, runs = plan(custom_dir, entries_dir)
        # The entries' text names the sources by absolute path, not the temporary folder: a stable key.
        kept = BundleCache(CACHE) if cache.enabled("PLAYBOOK_BUNDLE_CACHE") else None
        settings = package_settings(custom_dir)
        key = BundleCache.key(esbuild_version(esbuild), files, runs, settings) if kept else ""
        if kept is None or not kept.restore(key, site_dir, written):
            for path, text in files.items():
                (entries_dir / path).parent.mkdir(parents=True, exist_ok=True)
                (entries_dir / path).write_text(text, encoding="utf-8")
            read: set[Path] = set()
            for number, run in enumerate(runs):
                metafile = entries_dir / f"meta-{number}.json"
                command = esbuild_command(esbuild, entries_dir, site_dir.resolve(), run, metafile)
                result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=entries_dir)
                if result.returncode != 0:
                    message = result.stderr.replace(str(entries_dir) + "/", "").replace(
                        str(custom_dir.resolve()), ""
                    )
                    raise BundleError(
                        f"esbuild could not bundle the site's scripts and stylesheets:\n{message.strip()}"
                    )
                read |= read_by_esbuild(metafile, entries_dir)
            if kept is not None:
                kept.store(key, site_dir, written, read)
    for path in sources(custom_dir):
        if path not in written:
            (site_dir / path).unlink(missing_ok=True)
    for folder in sorted((site_dir / SCRIPTS).rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return written
