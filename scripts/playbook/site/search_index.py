"""One search index per language, and pages that load only their own language's index.

static-i18n builds every language into one ``site_dir`` and, after the last build, writes one merged
``search/search_index.json`` holding the pages of all languages. Material's search fetches
``search/search_index.json`` relative to the ``base`` in each page's ``#__config`` and resolves every result
location against that same base. So the playbook

* splits the merged index into one index per language, at the root of that language
  (``search/search_index.json`` for the default language, ``en/search/search_index.json`` for English), each
  with that language's lunr code as ``config.lang`` and locations relative to the language root
  (:func:`split`);
* points each page's ``#__config`` ``base`` at its language root, so a page fetches only its own language's
  index and its results resolve inside that language (:func:`retarget_config`);
* swaps Material's search worker for :data:`WORKER`, a small wrapper around Material's own worker that stems
  the words a reader types. Material appends ``*`` to every query word, and lunr skips its pipeline for
  wildcard terms, so without the wrapper an index built with a stemmer never matches an inflected word
  ("kontraktene*" against the indexed stem "kontrakt").

Everything here is a pure function of its input, so a hook may run it once per language build and again on
every ``mkdocs serve`` rebuild without growing anything.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from jinja2.utils import htmlsafe_json_dumps

from playbook import languages
from playbook.languages import Language

INDEX_NAME = "search/search_index.json"
"""Where Material's search looks for its index, relative to the ``base`` of a page."""

WORKER = "playbook-search.js"
"""The search worker in ``overrides/assets/javascripts/workers/``, next to Material's own worker."""

MATERIAL_WORKER_RE = re.compile(r"^search\.[0-9a-f]+\.min\.js$")
"""File name of Material's search worker (hashed per release); the wrapper refuses anything else."""

CONFIG_OPEN = '<script id="__config" type="application/json">'
"""How Material's page config opens (its ``base.html``)."""
CONFIG_RE = re.compile(rf"({re.escape(CONFIG_OPEN)})(.*?)(</script>)", re.S)


def index_path(lang: Language) -> str:
    """Path of ``lang``'s search index below the site root."""
    return lang.url_prefix + INDEX_NAME


def owner(location: str, langs: Sequence[Language] = languages.LANGUAGES) -> Language:
    """The language a merged-index location belongs to: the one whose URL prefix it starts with."""
    for lang in langs:
        if lang.url_prefix and location.startswith(lang.url_prefix):
            return lang
    return next(lang for lang in langs if lang.default)


def split(merged: Mapping, langs: Sequence[Language] = languages.LANGUAGES) -> dict[str, dict]:
    """Split a merged Material search index into one index per language, keyed by :func:`index_path`.

    Each index keeps the merged ``config`` except ``lang``, which becomes the language's own lunr code, and
    holds only its language's documents, with the language's URL prefix removed from every location so
    that it resolves from the language root. A location that occurs more than once (an index stacked up
    over several builds) is kept once, with its last entry.

    Only languages with at least one document get an index: the input may be one language's own index (a
    language build before static-i18n has merged them), and splitting it must not blank the other
    languages' indexes. Splitting the default language's index again gives it back unchanged.
    """
    if not isinstance(merged, Mapping) or not isinstance(merged.get("docs"), list):
        raise ValueError("not a Material search index: expected an object with a 'docs' list")
    config = merged.get("config")
    if not isinstance(config, Mapping):
        raise ValueError("not a Material search index: expected an object with a 'config' object")

    docs: dict[str, dict[str, dict]] = {}
    for doc in merged["docs"]:
        location = doc.get("location") if isinstance(doc, Mapping) else None
        if not isinstance(location, str):
            raise ValueError(f"search index entry without a location: {doc!r}")
        lang = owner(location, langs)
        own = docs.setdefault(lang.code, {})
        relative = location.removeprefix(lang.url_prefix)
        own.pop(relative, None)
        own[relative] = {**doc, "location": relative}

    return {
        index_path(lang): {
            "config": {**config, "lang": [lang.lunr]},
            "docs": list(docs[lang.code].values()),
        }
        for lang in langs
        if docs.get(lang.code)
    }


def dumps(index: Mapping) -> str:
    """Serialise an index the way Material writes it (compact JSON)."""
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


def write_split(site_dir: Path, langs: Sequence[Language] = languages.LANGUAGES) -> dict[str, int]:
    """Split the index at the site root in place; returns the size in bytes of each index written."""
    source = site_dir / INDEX_NAME
    if not source.is_file():
        raise ValueError(f"{source}: missing; Material's search plugin should have written it")
    try:
        merged = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{source}: not JSON ({error})") from error
    sizes = {}
    for path, index in split(merged, langs).items():
        data = dumps(index).encode("utf-8")
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sizes[path] = len(data)
    return sizes


def language_base(base: str, lang: Language) -> str:
    """``base`` (the site root, relative to a page or absolute) turned into ``lang``'s root.

    The result ends in ``/`` whenever it names a folder other than the page's own: the browser resolves
    ``search/search_index.json`` against it, and ``../en`` would resolve to ``../search/...``.
    """
    return prefixed_base(base, lang.url_prefix)


def prefixed_base(base: str, prefix: str) -> str:
    """:func:`language_base` for the language whose pages are below ``prefix`` (``""``, ``"en/"``)."""
    if not prefix or base == prefix or base.endswith("/" + prefix):
        return base
    root = base if base.endswith("/") else base + "/"
    return prefix if root == "./" else root + prefix


def worker_url(material_url: str) -> str:
    """Material's worker URL turned into the playbook's wrapper, told which worker to wrap."""
    folder, _, name = material_url.rpartition("/")
    if name.startswith(WORKER):
        return material_url
    if not MATERIAL_WORKER_RE.match(name):
        raise ValueError(f"unexpected search worker {material_url!r}; expected .../search.<hash>.min.js")
    return f"{folder}/{WORKER}?material={quote(name)}" if folder else f"{WORKER}?material={quote(name)}"


def retarget_config(html: str, lang: Language) -> str:
    """Point a rendered page's ``#__config`` at ``lang``'s root (index and results) and at :data:`WORKER`.

    Idempotent: a page already pointed at its language comes back unchanged.
    """
    start = html.find(CONFIG_OPEN)  # str.find: some five times faster than CONFIG_RE over a whole page
    end = html.find("</script>", start) if start >= 0 else -1
    if start < 0 or end < 0 or html.find(CONFIG_OPEN, start + 1) >= 0:
        found = len(CONFIG_RE.findall(html))
        raise ValueError(f'expected one <script id="__config"> (Material\'s page config), found {found}')
    start += len(CONFIG_OPEN)
    return html[:start] + retargeted(html[start:end], lang.url_prefix) + html[end:]


@functools.lru_cache(maxsize=64)
def retargeted(text: str, url_prefix: str) -> str:
    """Material's page config (JSON text) pointed at the root of the language whose pages are below
    ``url_prefix`` (:attr:`Language.url_prefix`) and at :data:`WORKER`. Pure, and the same for every page at
    the same depth (only ``base`` differs), so each text is worked out once. Raises ValueError when the
    config lacks ``base`` or ``search``."""
    config = json.loads(text)
    if "base" not in config or "search" not in config:
        raise ValueError("Material's page config has no 'base' or no 'search'")
    config["base"] = prefixed_base(config["base"], url_prefix)
    config["search"] = worker_url(config["search"])
    return str(htmlsafe_json_dumps(config, sort_keys=True))
