"""The checklists of a rendered page, read back from its HTML: what later build steps use, never the source.

The checklist extension writes each checklist as ``<fieldset data-checklist="id">`` with a ``<legend>`` title
and one ``<input data-item="item-id">`` + ``<label>`` per item (``__init__.py``). :func:`checklists_in` reads
that markup back as data, with the title and item texts as the words a reader sees (links, emphasis and code
flattened to their text, white space folded). The planner's exit pack prints them (``planner/hooks.py``).
"""

from __future__ import annotations

import html
import re

from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR

_CHECKLIST_RE = re.compile(rf'<fieldset\b[^>]*\b{CHECKLIST_ATTR}="([^"]*)"[^>]*>(.*?)</fieldset>', re.S)
_LEGEND_RE = re.compile(r"<legend\b[^>]*>(.*?)</legend>", re.S)
_ITEM_RE = re.compile(rf'<input\b[^>]*\b{ITEM_ATTR}="([^"]*)"[^>]*>.*?<label\b[^>]*>(.*?)</label>', re.S)
_TAG_RE = re.compile(r"""<!--.*?-->|<(?:"[^"]*"|'[^']*'|[^'">])*>""", re.S)
"""A comment, or a tag whose quoted attribute values may hold ``>`` (raw HTML an author wrote in a label)."""


def _words(markup: str) -> str:
    """The text of inline markup as a reader sees it: comments and tags dropped, references decoded, white
    space folded."""
    return " ".join(html.unescape(_TAG_RE.sub("", markup)).split())


def checklists_in(page_html: str) -> list[dict]:
    """The checklists of a page's HTML, in page order: ``{"id", "title", "items": [{"id", "text"}]}``.

    Reads the markup the checklist extension writes (module docstring), as Python-Markdown serialises it:
    its own tags' attributes in double quotes with ``<``, ``>``, ``&`` and ``"`` escaped; raw HTML an author
    wrote inside a title or a label passes through as written, so a tag there may hold ``>`` in a quoted
    value, and comments are dropped whole. Regular expressions over the checklists' own markup, some five
    times faster than an HTML parser over it, and the cost follows the checklists.
    """
    found = []
    for checklist in _CHECKLIST_RE.finditer(page_html):
        inner = checklist.group(2)
        legend = _LEGEND_RE.search(inner)
        found.append(
            {
                "id": html.unescape(checklist.group(1)),
                "title": _words(legend.group(1)) if legend else "",
                "items": [
                    {"id": html.unescape(item.group(1)), "text": _words(item.group(2))}
                    for item in _ITEM_RE.finditer(inner)
                ],
            }
        )
    return found
