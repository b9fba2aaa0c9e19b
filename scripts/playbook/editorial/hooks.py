"""MkDocs hook of the editorial checks: the house terms (``glossary.yml``) over every page and string.

``on_config`` reads the pages of every language in ``docs/`` and the string tables, and fails the build
naming file, line, the rejected words and the term to write instead. The files come from
:mod:`playbook.sources`, and the check runs once per build (not once per language), afresh on every
``mkdocs serve`` rebuild (site/hooks.py starts each build with ``sources.new_build``). A file whose text is
as in an earlier build, with the same glossary and checking code, gets that build's findings, kept in
``.cache/playbook/checks/`` (playbook/cache.py); that is all it writes, never into ``docs/``. Spelling is
checked in ``make test`` (``tests/editorial/``), not in the build: it needs the Hunspell dictionaries.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from playbook import cache, languages
from playbook import sources as shared
from playbook.editorial import glossary, sources


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        findings = shared.once_per_build("editorial.glossary", lambda: check(config))
    except glossary.GlossaryError as error:
        raise PluginError(str(error)) from error
    if findings:
        raise PluginError(
            "The text uses words the house terms reject (scripts/playbook/editorial/glossary.yml):\n  "
            + "\n  ".join(str(finding) for finding in findings)
        )
    return config


def check(config: MkDocsConfig) -> list[glossary.Finding]:
    """The glossary's findings over every language's pages and string tables, paths from the project root.

    A file whose text and glossary are as in an earlier build gets that build's findings
    (``glossary.load_kept``, in ``.cache/playbook/checks/``; ``PLAYBOOK_CACHE=0`` turns it off)."""
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else None
    items = sources.collect(Path(config.docs_dir), languages.STRINGS_DIR, languages.CODES)
    if cache.enabled():
        terms, results = glossary.load_kept(cache.checks_folder(root))
    else:
        terms, results = glossary.load(), None
    findings = glossary.check(items, terms, root, results=results)
    if results is not None:
        results.save()
    return findings
