"""The checklists of a rendered page, read back from its HTML: what later build steps use, never the source.

The checklist extension writes each checklist as ``<fieldset data-checklist="id">`` with a ``<legend>`` title
and one ``<input data-item="item-id">`` + ``<label>`` per item (``__init__.py``). :func:`checklists_in` reads
that markup back as data, with the title and item texts as the words a reader sees (links, emphasis and code
flattened to their text, white space folded). The planner's exit pack prints them (``planner/hooks.py``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.checklists: list[dict] = []
        self.depth = 0
        """Open fieldsets inside the current checklist (0: outside any checklist)."""
        self.text: list[str] | None = None
        """Words of the legend or label being read."""
        self.closing: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "fieldset":
            if self.depth:
                self.depth += 1
            elif found.get(CHECKLIST_ATTR):
                self.checklists.append({"id": found[CHECKLIST_ATTR], "title": "", "items": []})
                self.depth = 1
            return
        if not self.depth:
            return
        if tag == "input" and found.get(ITEM_ATTR):
            self.checklists[-1]["items"].append({"id": found[ITEM_ATTR], "text": ""})
        elif tag in ("legend", "label") and self.text is None:
            self.text, self.closing = [], tag

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == self.closing and self.text is not None:
            words = " ".join("".join(self.text).split())
            current = self.checklists[-1]
            if tag == "legend":
                current["title"] = words
            elif current["items"]:
                current["items"][-1]["text"] = words
            self.text = self.closing = None
        elif tag == "fieldset":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


_CHECKLIST_START_RE = re.compile(rf"<fieldset\b[^>]*\b{CHECKLIST_ATTR}=")


def checklists_in(html: str) -> list[dict]:
    """The checklists of a page's HTML, in page order: ``{"id", "title", "items": [{"id", "text"}]}``.

    Only the checklists' own markup is parsed (each ``<fieldset data-checklist>`` to its ``</fieldset>``;
    a checklist holds no other fieldset), so the cost follows the checklists, not the page.
    """
    reader = _Reader()
    for start in _CHECKLIST_START_RE.finditer(html):
        end = html.find("</fieldset>", start.start())
        reader.feed(html[start.start() : len(html) if end < 0 else end + len("</fieldset>")])
    reader.close()
    return reader.checklists
