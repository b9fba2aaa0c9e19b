"""The PDFs `make build` writes, read back with pypdf: structure, language, forms, links, fonts, previews."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import cssselect2
import pytest
import tinyhtml5
from PIL import Image, ImageStat
from pypdf import PdfReader

from article import CORE_TERMS, PAGE_CHROME
from built import site_pages
from playbook import languages
from playbook.blocks import checklist
from playbook.blocks.checklist import sources as checklist_sources
from playbook.pdf import build as pdf
from playbook.pdf import preview as pdf_preview
from playbook.pdf import widgets as pdf_widgets
from playbook.pdf.document import output_path, slug_of

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
BY_ID = {"ids": lambda lang: lang.code}


# --- Reading the built HTML (independently of the PDF step's own assembly) ----------------------------------


def parse(path: Path) -> cssselect2.ElementWrapper:
    return cssselect2.ElementWrapper.from_html_root(
        tinyhtml5.parse(path.read_text(encoding="utf-8"), namespace_html_elements=False)
    )


def words(element: ET.Element) -> str:
    """Visible text of an element, without Material's permalink signs."""
    return " ".join("".join(element.itertext()).replace("¶", "").split())


def nav_files(lang: languages.Language, site: Path) -> list[Path]:
    nav = pdf.read_config(ROOT / "mkdocs.yml")
    return [site / lang.url_prefix / output_path(page, nav.use_directory_urls) for page in nav.pages]


def outline_of_site(site: Path, lang: languages.Language) -> list[tuple[str, list]]:
    """(h1, [(h2, [(h3, [])])]) of every page in navigation order, as the site shows them."""
    chapters = []
    for file in nav_files(lang, site):
        (article,) = parse(file).query_all("article.md-content__inner")
        headings = [
            (int(w.etree_element.tag[1]), words(w.etree_element)) for w in article.query_all("h1, h2, h3")
        ]
        (level, title), rest = headings[0], headings[1:]
        assert level == 1, file
        sections: list[tuple[str, list]] = []
        for level, text in rest:
            if level == 2:
                sections.append((text, []))
            else:
                sections[-1][1].append((text, []))
        chapters.append((title, sections))
    return chapters


# --- Reading the PDFs ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(site) -> dict[str, PdfReader]:
    return {lang.code: PdfReader(pdf.pdf_path(site, lang)) for lang in LANGS}


def page_text(reader: PdfReader, index: int) -> str:
    return " ".join(reader.pages[index].extract_text().split())


def all_text(reader: PdfReader) -> str:
    """The whole text with words that hyphenation split over two lines joined again."""
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", raw).split())


def bookmarks(reader: PdfReader, items=None) -> list[tuple[str, int, list]]:
    """(title, 0-based page, children) of the PDF's outline."""
    result: list[tuple[str, int, list]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            title, page, _ = result[-1]
            result[-1] = (title, page, bookmarks(reader, item))
        else:
            result.append((item.title, reader.get_destination_page_number(item), []))
    return result


def titles(tree: list) -> list:
    return [(title, titles(children)) for title, *_page, children in tree]


def form_fields(reader: PdfReader, kind: str) -> dict[str, dict]:
    return {name: field for name, field in (reader.get_fields() or {}).items() if field.get("/FT") == kind}


# --- Tests --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_every_page_links_to_its_languages_pdf_in_the_footer(site, lang):
    target = pdf.pdf_path(site, lang)
    assert target.is_file() and target.read_bytes().startswith(b"%PDF-")
    for name in sorted(site_pages(site, lang)):
        path = site / lang.url_prefix / name
        links = list(parse(path).query_all("footer a.playbook-pdf"))
        assert len(links) == 1, f"{path}: {len(links)} PDF links in the footer"
        link = links[0].etree_element
        assert words(link) == lang.strings()["pdf.download"], path
        page_url = "http://site/" + path.relative_to(site).as_posix()
        assert site / urlsplit(urljoin(page_url, link.get("href"))).path.lstrip("/") == target, path


def test_page_count_fits_the_content_in_both_languages(site, pdfs):
    chapters = len(nav_files(languages.DEFAULT, site))
    counts = {code: len(reader.pages) for code, reader in pdfs.items()}
    for code, count in counts.items():
        # Cover, contents, and every chapter on pages of its own; but not a page per paragraph (the longest
        # chapters, with templates and worked examples, take four pages).
        assert chapters + 2 <= count <= 4 * chapters + 4, f"{code}: {count} pages for {chapters} chapters"
    assert max(counts.values()) - min(counts.values()) <= max(2, min(counts.values()) // 5), counts


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_metadata_title_and_language(pdfs, lang):
    reader = pdfs[lang.code]
    assert reader.metadata.title == lang.site_name
    assert reader.trailer["/Root"]["/Lang"] == lang.code
    assert reader.metadata.subject == lang.strings()["pdf.cover.subtitle"]
    assert not reader.is_encrypted


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_the_cover_has_title_language_and_build_date(pdfs, lang):
    cover = page_text(pdfs[lang.code], 0)
    assert lang.site_name in cover
    assert lang.strings()["pdf.cover.language"].upper() in cover.upper()  # set in capitals
    created = pdfs[lang.code].metadata["/CreationDate"]
    year = created[2:6]
    assert re.search(rf"\b\d{{1,2}}\.? \w+ {year}\b", cover), cover


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_bookmarks_follow_the_headings_of_the_site(site, pdfs, lang):
    reader = pdfs[lang.code]
    tree = bookmarks(reader)
    assert titles(tree) == [(lang.strings()["pdf.toc.title"], []), *outline_of_site(site, lang)]
    starts = [page for _title, page, _children in tree]
    assert starts == sorted(starts) and len(set(starts)) == len(starts), (
        "each chapter starts on a page of its own"
    )
    for title, page, children in tree:
        assert title in page_text(reader, page), f"bookmark {title!r} does not land on its heading"
        for sub_title, sub_page, _grandchildren in children:
            assert sub_title in page_text(reader, sub_page), (
                f"bookmark {sub_title!r} does not land on its heading"
            )


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_the_table_of_contents_gives_each_chapter_and_section_its_page(pdfs, lang):
    reader = pdfs[lang.code]
    tree = bookmarks(reader)
    toc_page, first_chapter = tree[0][1], tree[1][1]
    assert toc_page == 1, "the contents follow the cover"
    contents = " ".join(page_text(reader, index) for index in range(toc_page, first_chapter))
    entries = [(title, page) for title, page, children in tree[1:]]
    entries += [(title, page) for _t, _p, children in tree[1:] for title, page, _ in children]
    for title, page in entries:
        pattern = re.escape(title) + r"[\s.]*?" + str(page + 1) + r"\b"
        assert re.search(pattern, contents), f"{lang.code}: contents lack {title!r} on page {page + 1}"


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_each_pdf_is_in_its_own_language_only(site, pdfs, lang):
    text = all_text(pdfs[lang.code]).lower()
    site_text = " ".join(words(parse(file).etree_element) for file in nav_files(lang, site)).lower()
    # The article's core terms that the site carries (tests/site/test_build.py holds the site to all of them).
    for term in CORE_TERMS[lang.code]:
        assert (term in text) == (term in site_text), f"{lang.code}: {term!r} on the site but not in the PDF"
    own = {title for title, _ in outline_of_site(site, lang)}
    for other in LANGS:
        if other is lang:
            continue
        for term in CORE_TERMS[other.code]:
            # Whole words: Norwegian "refundere" is not the English "refund".
            assert not re.search(rf"\b{term}\b", text), f"{lang.code} PDF: {other.code} word {term!r}"
        foreign = [title for title, _ in outline_of_site(site, other) if title not in own]
        assert foreign
        for title in foreign:
            assert title.lower() not in text, f"{lang.code} PDF holds the {other.code} title {title!r}"


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_every_checklist_item_is_a_form_checkbox(site, pdfs, lang):
    # From the Markdown sources, through the checklist module's own reader...
    from_sources = set()
    for file in sorted((ROOT / "docs" / lang.code).glob("*.md")):
        found, problems = checklist_sources.scan(file.read_text(encoding="utf-8"))
        assert not problems, file
        from_sources |= {checklist.field_id(c.id, item.id) for c in found for item in c.items}
    # ...and from the built pages, with the label a reader sees next to each box.
    labels = {}
    for file in nav_files(lang, site):
        for root in parse(file).query_all(f"[{checklist.CHECKLIST_ATTR}]"):
            for box in root.query_all(f"input[type=checkbox][{checklist.ITEM_ATTR}]"):
                name = pdf_widgets.field_name(
                    root.etree_element.get(checklist.CHECKLIST_ATTR),
                    box.etree_element.get(checklist.ITEM_ATTR),
                )
                label = next(root.query_all(f"label[for='{box.etree_element.get('id')}']"))
                labels[name] = words(label.etree_element)
    assert from_sources, f"docs/{lang.code}/ has no checklist items"
    assert set(labels) == from_sources
    boxes = form_fields(pdfs[lang.code], "/Btn")
    assert set(boxes) == from_sources
    for name, field in boxes.items():
        assert field.get("/V") == "/Off", f"{name} is ticked in the PDF"
        assert field["/TU"] == labels[name], name


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_the_refund_calculator_is_a_fill_in_worksheet_once_its_markup_is_built(site, pdfs, lang):
    strings = lang.strings()
    roots = [
        root
        for file in nav_files(lang, site)
        for root in parse(file).query_all(f"[{pdf_widgets.CALCULATOR}]")
    ]
    fields = form_fields(pdfs[lang.code], "/Tx")
    if not roots:
        # Until the calculator's markup lands, its page prints as it is: no fields.
        assert fields == {}
        return
    (root,) = roots
    calculator = root.etree_element.get(pdf_widgets.CALCULATOR)
    assert calculator, "the calculator's root names it"
    keys = [*pdf_widgets.WORKSHEET_HEADER, *(key for key, _unit in pdf_widgets.WORKSHEET_LINES)]
    assert set(fields) == {pdf_widgets.worksheet_field_name(calculator, key) for key in keys}
    for key in keys:
        field = fields[pdf_widgets.worksheet_field_name(calculator, key)]
        assert field["/TU"] == strings[f"pdf.worksheet.{key}"]
        assert field.get("/V", "") == "", "the worksheet starts empty"
    text = all_text(pdfs[lang.code])
    assert strings["pdf.worksheet.title"] in text
    # The fallback (formula and worked example) is printed with the fields.
    fallback = words(root.etree_element)
    assert " ".join(fallback.split()[:10]) in text


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_no_page_chrome_and_no_screen_controls(pdfs, lang):
    text = all_text(pdfs[lang.code])
    for chrome in PAGE_CHROME:
        assert chrome.lower() not in text.lower(), f"{lang.code} PDF holds page chrome {chrome!r}"
    for other in LANGS:
        assert other.strings()["pdf.download"] not in text
    assert "¶" not in text


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_text_is_selectable_and_external_addresses_are_printed(site, pdfs, lang):
    text = all_text(pdfs[lang.code])
    unbroken = "".join("\n".join(page.extract_text() for page in pdfs[lang.code].pages).split())
    for file in nav_files(lang, site):
        (article,) = parse(file).query_all("article.md-content__inner")
        first = next(article.query_all("p")).etree_element
        opening = " ".join(words(first).split()[:8])
        assert opening in text, f"{file.name}: {opening!r} not found in the PDF text"
        for link in article.query_all("a[href^='http']"):
            # A long address may wrap (at any character, never with an added hyphen): compare without spaces.
            address = link.etree_element.get("href")
            assert address in unbroken, f"{file.name}: address of an external link missing: {address}"


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_templates_print_word_for_word_without_added_hyphens(site, pdfs, lang):
    raw = " ".join(" ".join(page.extract_text().split()) for page in pdfs[lang.code].pages)
    raw = re.sub(r"(\w-) (?=\w)", r"\1", raw)  # a line may end after a hyphen of the text itself
    blocks = [
        words(pre.etree_element) for file in nav_files(lang, site) for pre in parse(file).query_all("pre")
    ]
    assert blocks, "the contract clause template is a code block"
    for block in blocks:
        block = re.sub(r"(\w-) (?=\w)", r"\1", block)
        assert block in raw, f"{lang.code}: template not printed word for word: {block[:60]!r}"


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_fonts_are_embedded(pdfs, lang):
    names = set()
    for page in pdfs[lang.code].pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (
                f"{font['/BaseFont']} not embedded"
            )
    assert any("Charis" in name for name in names), names
    assert any("Open-Sans" in name for name in names), names


@pytest.mark.parametrize("lang", LANGS, **BY_ID)
def test_internal_links_lead_to_named_destinations_on_the_right_pages(site, pdfs, lang):
    reader = pdfs[lang.code]
    destinations = reader.named_destinations
    followed = 0
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link" and "/Dest" in link:
                assert link["/Dest"] in destinations, f"page {index + 1}: link to missing {link['/Dest']}"
                followed += 1
    chapters = bookmarks(reader)[1:]
    assert followed >= len(chapters), "the contents link every chapter"
    for file, (title, page, _children) in zip(nav_files(lang, site), chapters, strict=True):
        slug = slug_of(file.relative_to(site / lang.url_prefix).as_posix())
        assert reader.get_destination_page_number(destinations[slug]) == page, title


def test_previews_show_the_cover_and_the_contents(site, tmp_path):
    for lang in LANGS:
        pngs = pdf_preview.render_pages(pdf.pdf_path(site, lang), tmp_path, pages=2, dpi=30)
        assert len(pngs) == 2 and all(png.name.startswith(f"playbook-{lang.code}-") for png in pngs)
        cover, contents = (Image.open(png).convert("L") for png in pngs)
        width, height = cover.size
        assert abs(height / width - 297 / 210) < 0.02, "pages are A4"
        assert ImageStat.Stat(cover).mean[0] < 110, "the cover is the dark title page"
        assert ImageStat.Stat(contents).mean[0] > 200, "the contents page is mostly paper"
