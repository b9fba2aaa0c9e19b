"""Both PDFs declare PDF/UA-1 and carry what a reader's assistive technology needs, read back with pypdf.

What this checks, per PDF: the PDF/UA identification in the XMP metadata (``pdfuaid:part`` = 1) and PDF 1.7;
a marked, tagged structure tree (``/MarkInfo /Marked``, ``/StructTreeRoot`` with a parent tree, one
``/Document`` holding headings in reading order); the document language (``/Lang``); the title in the
document information and the XMP ``dc:title``, shown as the window title (``/DisplayDocTitle``); bookmarks;
every form field's accessible name (``/TU``, the text of its label, not its technical name), for every
checklist box and every worksheet line; alternative text on every ``/Figure``; link annotations with a
description and pages that tab in structure order (``/Tabs /S``).

What it cannot prove (no PDF/UA validator such as veraPDF or PAC is installable here): that the tags are
the right ones for what is on the page (a table of contents tagged as paragraphs passes), that the reading
order matches the visual order, that every piece of artwork is tagged or marked as an artifact, that fonts
map every glyph to Unicode, or the rest of the Matterhorn Protocol's machine checks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from playbook import languages
from playbook.pdf import build as pdf
from playbook.pdf import widgets as pdf_widgets

LANGS = languages.LANGUAGES
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def resolve(node):
    return node.get_object() if isinstance(node, IndirectObject) else node


def structure_types(root) -> list[str]:
    """The structure types of the tree under ``root``, depth first (the reading order of the tags)."""
    found: list[str] = []
    stack = [root]
    while stack:
        node = resolve(stack.pop())
        if isinstance(node, ArrayObject):
            stack.extend(reversed(node))
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                found.append(str(node["/S"]))
                if node["/S"] == "/Figure" and not str(node.get("/Alt", "")).strip():
                    found.append("FIGURE WITHOUT ALT")
            if "/K" in node:
                stack.append(node["/K"])
    return found


def ua_problems(reader: PdfReader, lang: languages.Language) -> list[str]:
    """What PDF/UA-1 asks for and the PDF lacks (an empty list when this test finds nothing)."""
    problems = []
    catalog = reader.trailer["/Root"]
    if not reader.pdf_header.startswith("%PDF-1.7"):
        problems.append(f"PDF version {reader.pdf_header}, PDF/UA-1 is based on PDF 1.7")
    xmp = catalog.get("/Metadata")
    parts, titles = [], []
    if xmp is not None:
        tree = ET.fromstring(resolve(xmp).get_data())
        parts = [element.get(PDFUAID) for element in tree.iter() if element.get(PDFUAID)]
        parts += [element.text for element in tree.iter(PDFUAID)]
        titles = ["".join(element.itertext()).strip() for element in tree.iter(DC_TITLE)]
    if parts != ["1"]:
        problems.append(f"XMP pdfuaid:part is {parts}, not ['1']")
    if titles != [lang.site_name]:
        problems.append(f"XMP dc:title is {titles}")
    if (reader.metadata or {}).get("/Title") != lang.site_name:
        problems.append(f"document title is {(reader.metadata or {}).get('/Title')!r}")
    if not resolve(catalog.get("/ViewerPreferences", DictionaryObject())).get("/DisplayDocTitle"):
        problems.append("no /DisplayDocTitle: viewers show the file name instead of the title")
    if catalog.get("/Lang") != lang.code:
        problems.append(f"/Lang is {catalog.get('/Lang')!r}, not {lang.code!r}")
    if not resolve(catalog.get("/MarkInfo", DictionaryObject())).get("/Marked"):
        problems.append("not marked as tagged (/MarkInfo /Marked)")
    if "/StructTreeRoot" not in catalog:
        problems.append("no structure tree (/StructTreeRoot)")
    else:
        root = resolve(catalog["/StructTreeRoot"])
        if "/ParentTree" not in root:
            problems.append("the structure tree has no /ParentTree")
        types = structure_types(root.get("/K", ArrayObject()))
        if types[:1] != ["/Document"] or "/H1" not in types or "/Form" not in types:
            problems.append(f"structure tree lacks a /Document with headings and forms: {types[:8]}")
        problems += [
            f"a /Figure without /Alt ({count})" for count in [types.count("FIGURE WITHOUT ALT")] if count
        ]
    if len(reader.outline) < 10:
        problems.append(f"{len(reader.outline)} bookmarks")
    fields = reader.get_fields() or {}
    if not fields:
        problems.append("no form fields")
    for name, field in fields.items():
        label = str(field.get("/TU", "")).strip()
        if not label or label == name:
            problems.append(f"field {name!r} has no accessible name (/TU): {label!r}")
    for number, page in enumerate(reader.pages, start=1):
        annotations = [resolve(a) for a in page.get("/Annots") or []]
        if annotations and page.get("/Tabs") != "/S":
            problems.append(f"page {number}: annotations but no /Tabs /S")
        for annotation in annotations:
            if "/StructParent" not in annotation:
                problems.append(
                    f"page {number}: a {annotation['/Subtype']} annotation outside the structure tree"
                )
            if annotation["/Subtype"] == "/Link" and not str(annotation.get("/Contents", "")).strip():
                problems.append(f"page {number}: a link without a description (/Contents)")
    return problems


@pytest.fixture(scope="module")
def pdfs(site) -> dict[str, PdfReader]:
    return {lang.code: PdfReader(pdf.pdf_path(site, lang)) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_each_pdf_declares_pdf_ua_1_and_carries_what_it_asks(pdfs, lang):
    assert ua_problems(pdfs[lang.code], lang) == []


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_checkbox_and_worksheet_line_is_named_by_its_label(pdfs, lang):
    fields = pdfs[lang.code].get_fields()
    strings = lang.strings()
    worksheet = [
        *pdf_widgets.WORKSHEET_HEADER,
        *(key for key, _unit in pdf_widgets.WORKSHEET_LINES),
    ]
    for key in worksheet:
        named = [field for name, field in fields.items() if name.endswith("/" + key)]
        assert named, f"no worksheet field for {key}"
        assert {str(field["/TU"]) for field in named} == {strings[f"pdf.worksheet.{key}"]}, key
    boxes = [field for field in fields.values() if field.get("/FT") == "/Btn"]
    assert len(boxes) >= 20 and all(len(str(box["/TU"]).split()) >= 2 for box in boxes)


def test_the_check_finds_a_pdf_that_is_not_pdf_ua(tmp_path):
    """The same checks against a plain PDF: untagged, no PDF/UA variant, a field without a label."""
    from weasyprint import HTML

    target = tmp_path / "plain.pdf"
    page = '<html lang="en"><title>T</title><h1>H</h1><p><a href="#x">x</a><input type="checkbox" name="box">'
    HTML(string=page).write_pdf(target, pdf_forms=True)
    problems = "\n".join(ua_problems(PdfReader(target), languages.by_code("en")))
    expected = ["pdfuaid:part", "DisplayDocTitle", "dc:title", "document title", "field 'box'", "bookmarks"]
    expected += ["not marked as tagged", "no structure tree", "outside the structure tree", "/Tabs /S"]
    for text in expected:
        assert text in problems, problems
