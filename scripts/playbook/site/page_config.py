"""The configuration a page hands its browser widgets: language, money defaults, and only the strings it uses.

overrides/main.html writes it as JSON into every page, so its size is paid on every page view. A page
carries the string keys of the widgets it holds, found by their ``data-widget`` names, and no others.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from playbook.blocks import calculator, checklist, planner
from playbook.languages import Language, load_strings

# data-widget name -> prefixes of the string keys its browser modules read (strings/<code>.json), as each
# widget declares them (blocks/base.py Widget.strings).
WIDGET_STRINGS: Mapping[str, tuple[str, ...]] = {
    widget.name: widget.strings for widget in (checklist.WIDGET, calculator.WIDGET, planner.WIDGET)
}

_WIDGET_RE = re.compile(r"""data-widget\s*=\s*["']([^"']+)["']""")
"""From its literal start, which the expression engine finds fast; :func:`widgets_in` checks that no word
character precedes it (what ``\\b`` would)."""


def widgets_in(html: str) -> set[str]:
    """The ``data-widget`` names in a page's HTML; an unknown name is an error (it would never mount)."""
    if not html or "data-widget" not in html:  # most pages: one literal search, not the expression
        return set()
    names = {
        match[1]
        for match in _WIDGET_RE.finditer(html)
        if not match.start() or not (html[match.start() - 1].isalnum() or html[match.start() - 1] == "_")
    }
    unknown = sorted(names - set(WIDGET_STRINGS))
    if unknown:
        known = ", ".join(WIDGET_STRINGS)
        raise ValueError(f"unknown widget {', '.join(map(repr, unknown))}; known: {known}")
    return names


def strings_for(strings: Mapping[str, str], widgets: set[str]) -> dict[str, str]:
    """The keys of ``strings`` that the given widgets read, in table order."""
    prefixes = tuple(prefix for name in sorted(widgets) for prefix in WIDGET_STRINGS[name])
    if not prefixes:
        return {}
    return {key: value for key, value in strings.items() if key.startswith(prefixes)}


@lru_cache(maxsize=64)
def _widget_strings(code: str, widgets: frozenset[str]) -> dict[str, str]:
    """:func:`strings_for` of a language's table (``languages.load_strings``, read once per process as
    well), made once per set of widgets instead of once per page; every page with those widgets shares the
    dict, which the hooks copy and never change."""
    return strings_for(load_strings(code), set(widgets))


def page_config(lang: Language, html: str) -> dict:
    """The ``playbook`` template context of a page whose rendered content is ``html``."""
    return {
        "language": lang.code,
        "locale": lang.locale,
        "currency": lang.currency,
        "vat_rate_bp": lang.vat_rate_bp,
        "strings": _widget_strings(lang.code, frozenset(widgets_in(html))),
    }
