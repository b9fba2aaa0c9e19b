"""Assembling the PDF's HTML document from built pages: pure functions, no build and no WeasyPrint."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
import pytest
import tinyhtml5

from playbook import languages
from playbook.blocks import calculator, checklist
from playbook.pdf import widgets as pdf_widgets
from playbook.pdf.document import (
    Cover,
    DocumentError,
    SourcePage,
    Strings,
    assemble,
    chapters_of,
    flatten_nav,
    output_path,
    resolve_link,
)
from playbook.pdf.tree import select, text_of

EN = languages.by_code("en")
STRINGS = Strings(EN.strings())
BASE = "file:///site/en/"
COVER = Cover(
    language="en",
    title="The playbook",
    subtitle="A subtitle",
    language_line="English edition",
    date_line="Version of 1 March 2026",
    created="2026-03-01",
)


def page(path: str, article: str, chrome: str = "") -> SourcePage:
    """A built page as Material writes it: site chrome around one article."""
    return SourcePage(
        path=path,
        html=(
            "<!doctype html><html lang='en'><head><title>x</title></head><body>"
            f"<header class='md-header'>Site header {chrome}</header>"
            "<nav class='md-nav'>Navigation</nav>"
            f"<article class='md-content__inner md-typeset'>{article}</article>"
            "<footer class='md-footer'>Footer "
            "<a class='playbook-pdf' href='pdf/x.pdf'>Download PDF</a></footer>"
            "</body></html>"
        ),
    )


def render_checklist(source: str) -> str:
    """HTML exactly as the checklist extension renders it for the site."""
    return markdown.Markdown(extensions=["playbook.blocks.checklist", "attr_list"]).convert(source)


INTRO = page(
    "index.html",
    "<h1 id='start'>Start here<a class='headerlink' href='#start'>¶</a></h1>"
    "<p>Read <a href='before.html#checklist'>the checklist</a> and <a href='before.html'>before</a>.</p>"
    "<p>Back to <a href='#part'>a part</a>, out to <a href='https://example.org/terms'>the terms</a>.</p>"
    "<h2 id='part'>A part<a class='headerlink' href='#part'>¶</a></h2><p>Text.</p>"
    "<button class='md-clipboard'>Copy</button>",
)
BEFORE = page(
    "before.html",
    "<h1 id='before-title'>Before</h1><h2 id='checklist'>Checklist</h2>"
    + render_checklist(
        "/// checklist | Before the call\n    id: before-call\n\n"
        "- [ ] Write *it* down. {#reason}\n- [ ] Call the client. {#call}\n///\n"
    ),
)


def chapters(*pages: SourcePage):
    return chapters_of(pages, STRINGS, BASE, EN.currency)


def test_flatten_nav_keeps_reading_order_through_sections_and_drops_links():
    nav = ["index.md", {"Part": ["a.md", {"B": "b.md"}]}, {"Elsewhere": "https://example.org/"}, "c.md"]
    assert flatten_nav(nav) == ["index.md", "a.md", "b.md", "c.md"]


@pytest.mark.parametrize(
    ("source", "directory_urls", "expected"),
    [
        ("index.md", False, "index.html"),
        ("before.md", False, "before.html"),
        ("before.md", True, "before/index.html"),
        ("guide/index.md", True, "guide/index.html"),
    ],
)
def test_output_path_follows_mkdocs(source, directory_urls, expected):
    assert output_path(source, directory_urls) == expected


def test_links_resolve_to_chapters_and_anchors():
    slugs = {"index.html": "index", "before.html": "before"}
    assert resolve_link("before.html#checklist", "index.html", slugs) == "before--checklist"
    assert resolve_link("before.html", "index.html", slugs) == "before"
    assert resolve_link("#part", "index.html", slugs) == "index--part"
    assert resolve_link("./", "before.html", slugs) == "index"
    assert resolve_link("https://example.org/", "index.html", slugs) is None
    assert resolve_link("mailto:someone@example.org", "index.html", slugs) is None


def test_a_link_outside_the_navigation_fails_naming_page_and_link():
    with pytest.raises(DocumentError, match=r"index\.html: link 'assets/form\.docx'"):
        resolve_link("assets/form.docx", "index.html", {"index.html": "index"})
    with pytest.raises(DocumentError, match="javascript"):
        resolve_link("javascript:alert(1)", "index.html", {"index.html": "index"})


def test_a_chapter_is_the_article_only_without_screen_controls():
    intro, _before = chapters(INTRO, BEFORE)
    html = ET.tostring(intro.body, encoding="unicode", method="html")
    assert intro.title == "Start here"
    assert "Site header" not in html and "Navigation" not in html and "Footer" not in html
    assert "Download PDF" not in html
    assert "¶" not in html and "headerlink" not in html
    assert "Copy" not in html and "<button" not in html


def test_ids_are_unique_per_chapter_and_links_point_inside_the_document():
    intro, before = chapters(INTRO, BEFORE)
    assert intro.body.get("id") == "index"
    assert [node.get("id") for node in select(intro.body, "h2")] == ["index--part"]
    hrefs = [a.get("href") for a in intro.body.iter("a")]
    assert hrefs == ["#before--checklist", "#before", "#index--part", "https://example.org/terms"]
    external = [a for a in intro.body.iter("a") if "external" in a.get("class", "")]
    assert [a.get("href") for a in external] == ["https://example.org/terms"]
    assert intro.sections == [("index--part", "A part")]
    labels = select(before.body, "label")
    boxes = select(before.body, "input")
    assert [label.get("for") for label in labels] == [box.get("id") for box in boxes]
    assert all(box.get("id").startswith("before--") for box in boxes)


def test_checklist_items_become_named_unticked_form_checkboxes():
    _intro, before = chapters(INTRO, BEFORE)
    boxes = select(before.body, "input[type=checkbox]")
    assert [box.get("name") for box in boxes] == [
        checklist.field_id("before-call", "reason"),
        checklist.field_id("before-call", "call"),
    ]
    assert [box.get("title") for box in boxes] == ["Write it down.", "Call the client."]
    assert all("checked" not in box.attrib and "disabled" not in box.attrib for box in boxes)


def test_a_ticked_or_disabled_checkbox_prints_empty_and_editable():
    markup = (
        "<h1>T</h1><fieldset data-checklist='x'><ul><li>"
        "<input type='checkbox' data-item='a' checked disabled><label>A</label></li></ul></fieldset>"
    )
    (chapter,) = chapters(page("index.html", markup))
    (box,) = select(chapter.body, "input")
    assert box.get("name") == checklist.field_id("x", "a")
    assert "checked" not in box.attrib and "disabled" not in box.attrib


def test_a_checkbox_without_an_item_id_fails_naming_the_page():
    markup = "<h1>T</h1><fieldset data-checklist='x'><input type='checkbox'></fieldset>"
    with pytest.raises(DocumentError, match=r"index\.html: checklist 'x': a checkbox has no data-item"):
        chapters(page("index.html", markup))


CALCULATOR = (
    "<h1>Refunds</h1><div data-refund-calculator data-widget='refund-calculator'>"
    "<form hidden><label for='t'>Total</label><input id='t'><output aria-live='polite'>0</output>"
    "<button>Copy link</button></form>"
    "<p>How it works: <strong>Earned</strong> = total times share.</p>"
    "<table><tr><td>Contract total</td><td>NOK 40,000</td></tr></table>"
    "<p role='status' aria-live='polite'></p></div>"
)


def test_the_calculator_becomes_a_worksheet_of_its_fallback_and_labelled_fields():
    (chapter,) = chapters(page("refunds.html", CALCULATOR))
    (sheet,) = select(chapter.body, ".worksheet")
    text = text_of(sheet)
    assert "How it works: Earned = total times share." in text
    assert "NOK 40,000" in text
    assert "Copy link" not in text and select(sheet, "form, output, button") == []
    inputs = select(sheet, "input")
    expected = [
        pdf_widgets.worksheet_field_name("refund-calculator", key) for key in pdf_widgets.WORKSHEET_HEADER
    ]
    expected += [
        pdf_widgets.worksheet_field_name("refund-calculator", key) for key, _ in pdf_widgets.WORKSHEET_LINES
    ]
    assert [field.get("name") for field in inputs] == expected
    assert all(field.get("type") == "text" for field in inputs)
    labels = {label.get("for"): text_of(label) for label in select(sheet, "label")}
    for field in inputs:
        key = field.get("name").rsplit("/", 1)[1]
        assert labels[field.get("id")] == STRINGS[f"pdf.worksheet.{key}"]
        assert field.get("title") == STRINGS[f"pdf.worksheet.{key}"]
    assert STRINGS["pdf.worksheet.title"] in text
    assert EN.currency in text


def test_the_worksheet_is_built_from_the_calculator_extensions_own_markup():
    source = (
        "/// refund-calculator\n\nHow it works: **Earned** = total times share.\n\n"
        "| Example | Amount |\n|---|---|\n| Contract total | NOK 40,000 |\n///\n"
    )
    built = markdown.Markdown(extensions=["playbook.blocks.calculator", "tables"]).convert(source)
    # What the browser adds around the fallback after mounting does not reach the PDF.
    built = built.replace(
        "</div>\n</div>", "</div><p data-calculator-status>Ready: refund NOK 6,000</p></div>"
    )
    (chapter,) = chapters(page("refunds.html", "<h1>Refunds</h1>" + built))
    (formula,) = select(chapter.body, ".worksheet__formula")
    assert (
        text_of(formula)
        == "How it works: Earned = total times share. Example Amount Contract total NOK 40,000"
    )
    names = [field.get("name") for field in select(chapter.body, ".worksheet input")]
    assert names[0] == pdf_widgets.worksheet_field_name(
        calculator.ROOT_VALUE, pdf_widgets.WORKSHEET_HEADER[0]
    )


def test_a_calculator_fallback_in_noscript_is_kept():
    markup = (
        "<h1>R</h1><div data-refund-calculator><noscript><p>Earned = total times share.</p></noscript></div>"
    )
    (chapter,) = chapters(page("refunds.html", markup))
    assert "Earned = total times share." in text_of(select(chapter.body, ".worksheet__formula")[0])


def test_a_calculator_without_fallback_text_fails_naming_the_page():
    markup = "<h1>R</h1><div data-refund-calculator><form><input></form></div>"
    with pytest.raises(DocumentError, match=r"refunds\.html: the refund calculator has no fallback text"):
        chapters(page("refunds.html", markup))


def test_pages_without_widget_markup_are_left_as_they_are():
    markup = "<h1>R</h1><p>/// refund-calculator</p><p>Earned = total times share.</p><p>///</p>"
    (chapter,) = chapters(page("refunds.html", markup))
    assert select(chapter.body, "input") == []
    assert "/// refund-calculator" in text_of(chapter.body)


def test_the_document_has_cover_toc_and_chapters_in_order():
    html = assemble(chapters(INTRO, BEFORE), COVER, STRINGS)
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    assert root.get("lang") == "en"
    assert root.find("head/title").text == "The playbook"
    body = root.find("body")
    assert [child.get("id") for child in body] == ["cover", "toc", None]
    assert [s.get("id") for s in body.iter("section") if "chapter" in s.get("class", "")] == [
        "index",
        "before",
    ]
    toc_links = [a.get("href") for a in root.find(".//nav").iter("a")]
    assert toc_links == ["#index", "#index--part", "#before", "#before--checklist"]
    assert STRINGS["pdf.toc.title"] in html and "Version of 1 March 2026" in html


def test_a_link_to_a_missing_anchor_fails_naming_the_page():
    broken = page(
        "before.html", "<h1>B</h1><h2 id='checklist'>C</h2><p><a href='index.html#nowhere'>x</a></p>"
    )
    with pytest.raises(DocumentError, match=r"before\.html: link to '#index--nowhere' has no target"):
        assemble(chapters(INTRO, broken), COVER, STRINGS)


def test_a_page_without_an_article_fails_naming_it():
    with pytest.raises(DocumentError, match=r"summary\.html: expected one article"):
        chapters(SourcePage("summary.html", "<html><body><main>No article</main></body></html>"))
