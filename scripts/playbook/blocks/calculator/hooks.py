"""MkDocs hooks of the refund calculator: its engine's strings travel with the engine, not in the page.

The calculator's page loads only the form at once (refund-calculator.js); everything that reads and works out
the form, and every word it says about it (messages, the result, the formula, the summary, the copy tools), is
the engine part (``calculator-engine.js``, bundled as ``part-refund-calculator-engine.js``), fetched on the
reader's first use. So:

- ``on_page_context`` takes the engine's strings out of the config of a page that holds the calculator, which
  keeps :data:`calculator.FORM_STRING_KEYS` alone (the ``calculator.summary.*`` keys the planner's exit pack
  prints travel with the planner's texts' part: ``blocks/planner/hooks.py``);
- ``on_post_build`` writes them for the language just built as
  ``assets/javascripts/strings-refund-calculator-engine.<code>.js`` (site/bundle.py ``part_strings``).

The engine's keys are every ``calculator.*`` key of any language's table but the form's: a key one language
has and another lacks (or has empty), or a form key a table lacks, fails the build naming the table and the
keys, so no language ships with a missing translation. Listed in mkdocs.yml after ``site/hooks.py``; no hook
writes into ``docs/``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from playbook import languages
from playbook.blocks import calculator
from playbook.site.page_config import widgets_in

FORM_KEYS = frozenset(calculator.STRING_PREFIX + key for key in calculator.FORM_STRING_KEYS)
"""The form's keys with their prefix: what the page config keeps."""


def engine_keys() -> list[str]:
    """Every calculator key of any language's table that is not the form's, in table order."""
    keys: dict[str, None] = {}
    for lang in languages.LANGUAGES:
        for key in lang.strings():
            if key.startswith(calculator.STRING_PREFIX) and key not in FORM_KEYS:
                keys[key] = None
    return list(keys)


def engine_strings(code: str) -> dict[str, str]:
    """The engine's strings in language ``code``, by full key.

    :raises calculator.CalculatorError: when the table lacks (or has empty) one of the engine's keys or of the
        form's: the reader would meet an empty label or message
    """
    table = languages.by_code(code).strings()
    keys = engine_keys()
    missing = [key for key in (*sorted(FORM_KEYS), *keys) if not str(table.get(key) or "").strip()]
    if missing:
        raise calculator.CalculatorError(
            f"scripts/playbook/strings/{code}.json lacks {', '.join(missing)}, "
            "which the refund calculator shows"
        )
    return {key: table[key] for key in keys}


# After hooks.py's on_page_context, which puts the page config in the context.
@event_priority(-10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    if "playbook" not in context:
        return context
    if calculator.NAME not in widgets_in(page.content or ""):
        return context
    strings = {
        key: value
        for key, value in context["playbook"]["strings"].items()
        if not key.startswith(calculator.STRING_PREFIX) or key in FORM_KEYS
    }
    context["playbook"] = {**context["playbook"], "strings": strings}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    from playbook.site import bundle

    code = config.theme["language"]
    bundle.write_part_strings(Path(config.site_dir), calculator.ENGINE_PART, code, engine_strings(code))
