"""The page numbers the PDF prints after its internal links: made right by WeasyPrint, then checked.

pdf.css prints the page of a link's target after every contents entry and every cross-reference with
``content: ... target-counter(attr(href), page)``. WeasyPrint 70 resolves those numbers during pagination but
does not track them when the anchor comes from ``attr()``: ``compute_content_list``
(``weasyprint/formatting_structure/build.py``, the ``target-counter()`` branch) files the missing target
counter under ``anchor_name_from_token(anchor_token)`` of the *unresolved* ``('attr()', ...)`` token, which is
``None``, so when a re-pagination moves a target to another page, ``cache_target_page_counters``
(``weasyprint/css/targets.py``) finds no box waiting for that anchor and never re-lays the pages that print
it. A number is then only refreshed by accident (when its own page is re-laid with changed page counters),
and a text that grows by a line (a cross-reference's "(page 0)" becoming "(page 20)" in the second pass is
enough) can push a chapter onto the next page after its number was printed: the contents said page 20 for
a chapter on page 21. An anchor written out in the rule (``target-counter("#id", page)``) is filed under
its name and tracked, so the step adds, for every target, pdf.css's own rule with the anchor written out
(:func:`literal_rules`); pdf.css stays the one place that says what the numbers look like.

Whatever WeasyPrint does, the step checks its result before writing the PDF (:func:`mismatches`): every
number printed after an internal link must be the page its target starts on. If one is not, the step lays
the document out once more with the numbers of the first layout written in (:func:`fixed_rules`), and fails
if they are still wrong (``build.render``).

Pages are counted from the cover as 1 (pdf.css resets no page counter), so the number printed for a target
is the index of its first page plus one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import tinycss2

# target-counter(attr(href), page) with an optional counter style, as pdf.css writes it.
ATTR_TARGET_COUNTER = re.compile(
    r"(target-counter\(\s*)attr\(\s*href\s*\)(\s*,\s*page\s*(?:,\s*[\w-]+\s*)?\))"
)
PSEUDO_ELEMENT = re.compile(r"::?(?:after|before)$")
INTERNAL_HREF = re.compile(r"""\bhref=(?:"#([^"]*)"|'#([^']*)')""")


@dataclass(frozen=True)
class PageNumberRule:
    """A rule of the PDF's stylesheets that prints a link target's page with ``attr(href)``."""

    selectors: tuple[str, ...]
    """The rule's selectors, each ending in ``::after`` or ``::before`` (the generated content)."""
    content: str
    """The value of its ``content`` declaration, as written."""


def rules_of(css_text: str) -> list[PageNumberRule]:
    """The top-level rules of a stylesheet whose ``content`` uses ``target-counter(attr(href), page)``.

    In: the text of a stylesheet. Out: those rules in stylesheet order (rules inside ``@media`` and other
    at-rules are not read: pdf.css has none of these). Selectors are split at commas.
    """
    found = []
    for rule in tinycss2.parse_stylesheet(css_text, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        for declaration in declarations:
            if declaration.type != "declaration" or declaration.lower_name != "content":
                continue
            value = tinycss2.serialize(declaration.value).strip()
            if ATTR_TARGET_COUNTER.search(value):
                selectors = tuple(part.strip() for part in tinycss2.serialize(rule.prelude).split(","))
                found.append(PageNumberRule(selectors=selectors, content=value))
    return found


def targets_of(document: str) -> list[str]:
    """The anchors the document's internal links lead to (``href="#id"``), each once, in document order."""
    return list(dict.fromkeys(html.unescape(a or b) for a, b in INTERNAL_HREF.findall(document)))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _for_target(selector: str, target: str) -> str:
    """`selector` narrowed to links to `target`: ``.toc a::after`` -> ``.toc a[href="#id"]::after``."""
    narrowing = f"[href={_css_string('#' + target)}]"
    pseudo = PSEUDO_ELEMENT.search(selector)
    if pseudo is None:
        return selector + narrowing
    return selector[: pseudo.start()] + narrowing + selector[pseudo.start() :]


def _anchor_written_out(content: str, anchor: str) -> str:
    return ATTR_TARGET_COUNTER.sub(lambda match: match.group(1) + anchor + match.group(2), content)


def _number_written_out(content: str, page: int) -> str:
    return ATTR_TARGET_COUNTER.sub(lambda _match: _css_string(str(page)), content)


def literal_rules(rules: Sequence[PageNumberRule], targets: Iterable[str]) -> str:
    """CSS repeating each of `rules` for every target, with the anchor written out instead of ``attr(href)``.

    In: the rules of :func:`rules_of` and the anchors of :func:`targets_of`. Out: a stylesheet to add after
    the others; it prints exactly what the rules print, but WeasyPrint tracks a written-out anchor when the
    target moves to another page during layout (the module's docstring says why ``attr()`` is not tracked).
    """
    lines = []
    for target in targets:
        anchor = _css_string("#" + target)
        for rule in rules:
            selector = ", ".join(_for_target(each, target) for each in rule.selectors)
            content = _anchor_written_out(rule.content, anchor)
            lines.append(f"{selector} {{ content: {content}; }}")
    return "\n".join(lines)


def fixed_rules(rules: Sequence[PageNumberRule], pages: Mapping[str, int]) -> str:
    """CSS that prints the given page numbers instead of asking WeasyPrint for them.

    In: the rules of :func:`rules_of` and ``{anchor: page number}``. Out: a stylesheet to add last; each
    ``target-counter(...)`` of a rule becomes the number as text (decimal, as pdf.css prints pages), and
    ``!important`` lets it win over every ordinary rule for that link (not over a more specific
    ``!important`` one: the check then still fails the step).
    """
    lines = []
    for target, page in pages.items():
        for rule in rules:
            selector = ", ".join(_for_target(each, target) for each in rule.selectors)
            content = _number_written_out(rule.content, page)
            lines.append(f"{selector} {{ content: {content} !important; }}")
    return "\n".join(lines)


# --- The check ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """An internal link whose printed page number is not the page its target starts on."""

    entry: str
    """The link's text, as the reader sees it."""
    kind: str
    """``"contents entry"`` or ``"cross-reference"`` (a link with the class ``internal``)."""
    target: str
    """The anchor the link leads to."""
    printed: int
    actual: int | None
    """The page (counted from 1) the target starts on; ``None`` if it is on no page."""

    def __str__(self) -> str:
        where = f"page {self.actual}" if self.actual is not None else "no page"
        return (
            f"the {self.kind} {self.entry!r} prints page {self.printed}, "
            f"but its target #{self.target} starts on {where}"
        )


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def mismatches(document) -> list[Mismatch]:
    """Every internal link of a laid-out document whose printed page number is not its target's page.

    In: a WeasyPrint ``Document`` (``HTML.render()``; nothing is written). For each internal link (each
    page's ``links``), the number is the last run of digits that the link's ``::after`` content prints
    (pdf.css: `` . . . 21`` in the contents, `` (page 21)`` after a cross-reference); links whose
    ``::after`` prints no digits are not page references and are skipped. The target's page is the first
    page whose ``anchors`` hold it, counted from 1, as WeasyPrint's ``target-counter(..., page)`` counts it
    when no page counter is reset. Out: the disagreements in document order; empty when all agree.
    """
    from weasyprint.formatting_structure.boxes import TextBox

    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            first_page.setdefault(name, number)

    printed: dict[int, tuple[object, str, list[str]]] = {}
    seen_text: set[int] = set()
    for page in document.pages:
        for link_type, target, _rectangle, box in page.links:
            if link_type != "internal" or box.element is None:
                continue
            _, _, texts = printed.setdefault(id(box.element), (box.element, target, []))
            for child in box.descendants():
                generated = isinstance(child, TextBox) and (child.element_tag or "").endswith("::after")
                if generated and id(child) not in seen_text:
                    seen_text.add(id(child))
                    texts.append(child.text)

    found = []
    for element, target, texts in printed.values():
        digits = re.findall(r"\d+", "".join(texts))
        if not digits:
            continue
        number = int(digits[-1])
        actual = first_page.get(target)
        if number != actual:
            kind = "cross-reference" if "internal" in element.get("class", "").split() else "contents entry"
            found.append(Mismatch(_words(element), kind, target, number, actual))
    return found
