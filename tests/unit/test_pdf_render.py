"""The PDF step on a small hand-made site: WeasyPrint's output read back, and every way the step must fail."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from playbook import languages
from playbook.blocks import checklist
from playbook.pdf import build as pdf
from playbook.pdf import widgets as pdf_widgets

ROOT = Path(__file__).resolve().parents[2]
EN = languages.by_code("en")
NAV = pdf.NavConfig(pages=["index.md", "before.md"], use_directory_urls=False)
WHEN = date(2026, 3, 1)


def article(body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><title>x</title></head><body>"
        "<header class='md-header'>Site header</header>"
        f"<article class='md-content__inner md-typeset'>{body}</article>"
        "<footer class='md-footer'>Footer</footer></body></html>"
    )


INDEX = article(
    "<h1 id='start'>Start here</h1>"
    "<p>Read <a href='before.html#checklist'>the checklist</a> and "
    "<a href='https://example.org/terms'>the terms</a>.</p>"
)
BEFORE = article(
    "<h1 id='before'>Before the call</h1><h2 id='checklist'>Checklist</h2>"
    "<fieldset class='checklist' data-checklist='before-call' data-widget='checklist'>"
    "<legend>Before</legend><ul>"
    "<li><input type='checkbox' id='a' data-item='write-it-down'> <label for='a'>Write it down.</label></li>"
    "<li><input type='checkbox' id='b' data-item='call'> <label for='b'>Call the client.</label></li>"
    "</ul></fieldset>"
    "<h2 id='calculator'>Calculator</h2><div data-refund-calculator data-widget='refund-calculator'>"
    "<form hidden><input id='total'></form><p>Earned is the total times the share done.</p></div>"
)


@pytest.fixture
def site(tmp_path) -> Path:
    """A built site of one language, with the project's print and PDF stylesheets."""
    site_dir = tmp_path / "site"
    styles = site_dir / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    for name in ("print.css", "pdf.css"):
        shutil.copy(ROOT / "overrides" / "assets" / "stylesheets" / name, styles / name)
    pages = site_dir / EN.url_prefix
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "index.html").write_text(INDEX, encoding="utf-8")
    (pages / "before.html").write_text(BEFORE, encoding="utf-8")
    return site_dir


def build(site: Path) -> PdfReader:
    return PdfReader(pdf.build_language(site, EN, NAV, WHEN))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_cover_contents_and_chapters_with_metadata(site):
    reader = build(site)
    assert pdf.pdf_path(site, EN).is_file()
    assert reader.metadata.title == EN.site_name
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata["/CreationDate"].startswith("D:20260301")
    first = " ".join(reader.pages[0].extract_text().split())
    assert EN.site_name in first and "1 March 2026" in first
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        EN.strings()["pdf.toc.title"],
        "Start here",
        "Before the call",
    ]


def test_checklist_items_are_unticked_form_checkboxes_and_the_calculator_a_worksheet(site):
    fields = build(site).get_fields()
    boxes = {name: field for name, field in fields.items() if field.get("/FT") == "/Btn"}
    assert set(boxes) == {checklist.field_id("before-call", item) for item in ("write-it-down", "call")}
    assert all(field.get("/V") == "/Off" for field in boxes.values())
    assert boxes[checklist.field_id("before-call", "call")]["/TU"] == "Call the client."
    texts = {name for name, field in fields.items() if field.get("/FT") == "/Tx"}
    assert texts == {f"refund-calculator/{key}" for key in pdf_widgets.WORKSHEET_HEADER} | {
        f"refund-calculator/{key}" for key, _unit in pdf_widgets.WORKSHEET_LINES
    }


def test_text_is_searchable_external_addresses_are_printed_and_chrome_is_gone(site):
    text = text_of(build(site))
    assert "Earned is the total times the share done." in text
    assert "the terms (https://example.org/terms)" in text
    assert EN.strings()["pdf.worksheet.paid"] in text
    assert "Site header" not in text and "Footer" not in text


def test_internal_links_lead_to_their_targets(site):
    reader = build(site)
    destinations = reader.named_destinations
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    internal = [link["/Dest"] for link in links if "/Dest" in link]
    assert "before--checklist" in internal
    assert all(name in destinations for name in internal)
    target = reader.get_destination_page_number(destinations["before--checklist"])
    assert "Checklist" in reader.pages[target].extract_text()


def test_a_failed_build_leaves_no_stale_pdf_and_names_the_page(site):
    target = pdf.pdf_path(site, EN)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-1.7 stale")
    (site / EN.url_prefix / "before.html").write_text(article("<h1>B</h1><a href='gone.html'>x</a>"), "utf-8")
    with pytest.raises(pdf.PdfError, match=r"before\.html: link 'gone\.html'"):
        pdf.build_language(site, EN, NAV, WHEN)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_a_missing_page_fails_the_step(site):
    (site / EN.url_prefix / "before.html").unlink()
    with pytest.raises(pdf.PdfError, match=r"before\.html: missing"):
        pdf.build_language(site, EN, NAV, WHEN)


def test_the_pdf_fetches_nothing_from_another_host(site):
    page = site / EN.url_prefix / "index.html"
    page.write_text(INDEX.replace("</p>", "<img src='https://example.org/pixel.png' alt=''></p>", 1), "utf-8")
    with pytest.raises(pdf.PdfError, match="only use files of the built site"):
        pdf.build_language(site, EN, NAV, WHEN)
    assert not pdf.pdf_path(site, EN).exists()


def test_a_stylesheet_weasyprint_cannot_read_fails_the_step(site):
    sheet = site / "assets" / "stylesheets" / "pdf.css"
    sheet.write_text(sheet.read_text("utf-8") + "\nh2 { colour: red; }\n", "utf-8")
    with pytest.raises(pdf.PdfError, match="colour"):
        pdf.build_language(site, EN, NAV, WHEN)
    sheet.unlink()
    with pytest.raises(pdf.PdfError, match=r"pdf\.css: missing"):
        pdf.build_language(site, EN, NAV, WHEN)


def test_missing_fonts_fail_the_step_saying_what_to_install(site, monkeypatch):
    monkeypatch.setattr(pdf, "FONTS", {**pdf.FONTS, "No Such Family": "fonts-no-such-family"})
    with pytest.raises(pdf.PdfError, match="apt-get install fonts-no-such-family"):
        pdf.build_language(site, EN, NAV, WHEN)


def test_the_command_line_builds_every_language_or_fails_with_the_reason(tmp_path, capsys):
    assert pdf.main([str(tmp_path / "nowhere"), "--config", str(ROOT / "mkdocs.yml")]) == 1
    assert "PDF step failed" in capsys.readouterr().err


def test_the_hook_makes_only_what_is_out_of_date(site):
    assert pdf.build_stale(site, NAV) == [pdf.pdf_path(site, EN)]
    made = pdf.pdf_path(site, EN).stat().st_mtime_ns
    assert pdf.build_stale(site, NAV) == []
    page = site / EN.url_prefix / "before.html"
    page.write_text(BEFORE.replace("Call the client.", "Phone the client."), "utf-8")
    assert pdf.build_stale(site, NAV) == [pdf.pdf_path(site, EN)]
    assert pdf.pdf_path(site, EN).stat().st_mtime_ns > made
    page.unlink()
    assert pdf.build_stale(site, NAV) == [], "a language whose pages are not all built yet waits"


# --- Page numbers after contents entries and cross-references (pdf/page_numbers.py) ------------------------

# Beats pdf.css's contents rule and the step's written-out anchors by specificity: "Before the call" starts
# on page 4 (cover, contents, "Start here"), and this prints 9.
WRONG_NUMBER = 'html body nav.toc li.toc__chapter > a[href="#before"]::after { content: leader(". ") "9"%s; }'


def contents_line(reader: PdfReader, title: str) -> str:
    line = next(line for line in reader.pages[1].extract_text().splitlines() if line.startswith(title))
    return " ".join(line.replace(".", " ").split())


def count_layouts(monkeypatch) -> list[int]:
    from weasyprint import HTML

    calls = []
    render = HTML.render

    def counted(self, *args, **kwargs):
        calls.append(1)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", counted)
    return calls


def test_contents_and_cross_references_print_their_targets_pages_after_one_layout(site, monkeypatch):
    layouts = count_layouts(monkeypatch)
    reader = build(site)
    assert layouts == [1]
    assert contents_line(reader, "Before the call") == "Before the call 4"
    assert "the checklist (page 4)" in text_of(reader)


def test_a_page_number_that_disagrees_with_its_target_is_laid_out_again_right(site, monkeypatch, capsys):
    sheet = site / "assets" / "stylesheets" / "pdf.css"
    sheet.write_text(sheet.read_text("utf-8") + "\n" + WRONG_NUMBER % "" + "\n", "utf-8")
    layouts = count_layouts(monkeypatch)
    reader = build(site)
    assert layouts == [1, 1]
    assert contents_line(reader, "Before the call") == "Before the call 4"
    assert "the contents entry 'Before the call' prints page 9, but its target #before starts on page 4" in (
        capsys.readouterr().err
    )


def test_a_page_number_still_wrong_after_the_second_layout_fails_the_step_naming_both_pages(site):
    sheet = site / "assets" / "stylesheets" / "pdf.css"
    sheet.write_text(sheet.read_text("utf-8") + "\n" + WRONG_NUMBER % " !important" + "\n", "utf-8")
    with pytest.raises(pdf.PdfError) as failure:
        pdf.build_language(site, EN, NAV, WHEN)
    message = str(failure.value)
    assert "playbook-en.pdf: en: page numbers still wrong after a second layout" in message
    assert (
        "the contents entry 'Before the call' prints page 9, but its target #before starts on page 4"
        in message
    )
    assert not pdf.pdf_path(site, EN).exists()
    assert not list(pdf.pdf_path(site, EN).parent.glob("*.partial"))
