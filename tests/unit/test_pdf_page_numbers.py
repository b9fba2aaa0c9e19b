"""Page numbers after contents entries and cross-references: WeasyPrint's stale one, the fix, the check."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle

from playbook.pdf import page_numbers
from playbook.pdf.page_numbers import Mismatch

ROOT = Path(__file__).resolve().parents[2]
PDF_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "pdf.css"

# Contents on page 1, a chapter from page 2 whose cross-reference leads forward to the last chapter, and a
# section ("Late") at the foot of the chapter. The cross-reference prints "(page 0)" in WeasyPrint's first
# pass (its target is not laid out yet) and, in the second, the number in a counter style that takes several
# lines, which pushes "Late" from page 6 to page 7 after the contents took their numbers.
FILLER = "<p>" + "Words fill the page. " * 40 + "</p>"
DOCUMENT = f"""<html lang="en"><body>
<nav class="toc"><a href="#one">One</a><br><a href="#late">Late</a></nav>
<section class="chapter" id="one"><h1>One</h1>
<p>See <a class="internal" href="#end">the end</a>.</p>
{FILLER * 5}
<h2 id="late">Late</h2><p>Text.</p></section>
<section class="chapter" id="end"><h1>End</h1></section>
</body></html>"""
LONG_NUMBER = " ".join(['"' + "w " * 60 + '"'] * 12)
LAYOUT = f"""
@page {{ size: A6; margin: 10mm; }}
@counter-style long {{ system: fixed; symbols: {LONG_NUMBER}; }}
.chapter {{ break-before: page; }}
"""
# Written the way pdf.css writes its page references.
NUMBERS = """
.toc a::after { content: " " target-counter(attr(href), page); }
.chapter a.internal::after { content: " (page " target-counter(attr(href), page, long) ")"; }
"""


def lay_out(*extra: str):
    """The small document laid out with the layout, the page-number rules and `extra` stylesheets."""
    styles = CounterStyle()
    sheets = [CSS(string=text, counter_style=styles) for text in (LAYOUT, NUMBERS, *extra)]
    return HTML(string=DOCUMENT).render(stylesheets=sheets, counter_style=styles)


def printed_after(document, target: str) -> str:
    """What the contents entry for `target` prints after its text (page 1 holds the contents)."""
    from weasyprint.formatting_structure.boxes import TextBox

    boxes = {
        id(child): child.text
        for kind, name, _rect, box in document.pages[0].links
        if kind == "internal" and name == target
        for child in box.descendants()
        if isinstance(child, TextBox) and (child.element_tag or "").endswith("::after")
    }
    return "".join(boxes.values()).strip()


def test_weasyprint_leaves_a_contents_number_stale_with_attr_href_and_the_check_names_it():
    # If this starts failing on "printed", a WeasyPrint upgrade tracks attr(href) targets: the written-out
    # anchors of page_numbers.literal_rules may then go, the check stays.
    document = lay_out()
    late = next(i for i, page in enumerate(document.pages, start=1) if "late" in page.anchors)
    assert late == 7
    assert printed_after(document, "late") == "6"
    assert page_numbers.mismatches(document) == [
        Mismatch("Late", "contents entry", "late", printed=6, actual=7)
    ]


def test_anchors_written_out_make_weasyprint_print_the_page_the_target_landed_on():
    rules = page_numbers.rules_of(NUMBERS)
    document = lay_out(page_numbers.literal_rules(rules, page_numbers.targets_of(DOCUMENT)))
    assert printed_after(document, "late") == "7"
    assert page_numbers.mismatches(document) == []


def test_the_check_catches_a_cross_reference_that_prints_the_wrong_page():
    document = lay_out('.chapter a.internal[href="#end"]::after { content: " (page 3)" !important; }')
    assert page_numbers.mismatches(document) == [
        Mismatch("the end", "cross-reference", "end", printed=3, actual=document_page(document, "end"))
    ]
    assert "the cross-reference 'the end' prints page 3, but its target #end starts on page" in str(
        page_numbers.mismatches(document)[0]
    )


def document_page(document, anchor: str) -> int:
    return next(i for i, page in enumerate(document.pages, start=1) if anchor in page.anchors)


def test_fixed_numbers_override_what_weasyprint_would_print():
    rules = page_numbers.rules_of(NUMBERS)
    document = lay_out(page_numbers.fixed_rules(rules, {"late": 7}))
    assert printed_after(document, "late") == "7"
    assert printed_after(document, "one") == "2"


def test_the_rules_are_read_from_pdf_css_and_repeated_per_target_with_the_anchor_written_out():
    rules = page_numbers.rules_of(PDF_CSS.read_text("utf-8"))
    assert [rule.selectors for rule in rules] == [(".chapter a.internal::after",), (".toc a::after",)]
    css = page_numbers.literal_rules(rules, ["before--checklist"])
    anchor = '"#before--checklist"'
    assert f'.toc a[href={anchor}]::after {{ content: leader(". ") target-counter({anchor}, page); }}' in css
    assert "attr(href)" not in css
    fixed = page_numbers.fixed_rules(rules, {"before--checklist": 21})
    assert '.toc a[href="#before--checklist"]::after { content: leader(". ") "21" !important; }' in fixed


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ('<a href="#a">x</a><a href=\'#b\'>y</a><a href="#a">z</a>', ["a", "b"]),
        ('<a href="https://example.org/#a">x</a><a href="#q&amp;a">y</a>', ["q&a"]),
    ],
)
def test_targets_are_the_internal_links_anchors_once_each(document, expected):
    assert page_numbers.targets_of(document) == expected


def test_an_anchor_with_a_quote_stays_one_css_string():
    rules = page_numbers.rules_of(NUMBERS)
    css = page_numbers.literal_rules(rules, ['say-"hi"'])
    assert '[href="#say-\\"hi\\""]' in css and 'target-counter("#say-\\"hi\\"", page)' in css
    CSS(string=css)  # parses
