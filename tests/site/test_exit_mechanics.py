"""The week of the exit (issue #12), as the build ships it: six pages in both languages in the order a reader
lives through them, their checklists, copyable templates with placeholders no reader can miss, legal points
linked to their primary sources, worked examples whose figures add up, and all of it in each language's
search and PDF.

The build's own checks (parity, links, anchors, checklist markup) already fail on a broken page; these tests
hold the content to what the issue asks of it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from playbook import languages
from playbook.blocks import checklist
from playbook.blocks.checklist import sources as checklist_sources

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
BY_CODE = {"ids": lambda lang: lang.code}

NEW_PAGES = ("decide", "exit-plan", "notice", "handover", "settlement", "hard-cases")
# Where each new page sits among the others: the order a reader lives through the exit.
READING_ORDER = (
    "index", "decide", "pitfalls", "before", "exit-plan", "conversation", "notice", "after", "handover",
    "refunds", "settlement", "norway", "hard-cases", "planner", "prevention", "summary",
)  # fmt: skip
# The checklists of each new page, in page order. Their ids are where readers' ticks are stored: fixed.
CHECKLISTS = {
    "decide": ("decide",),
    "exit-plan": ("exit-plan",),
    "notice": ("written-notice",),
    "handover": ("handover", "personal-data"),
    "settlement": ("settlement",),
    "hard-cases": ("written-only-exit", "agency-exit"),
}
# The templates a reader copies (titled code blocks), by page, with a word each must hold.
TEMPLATES = {
    "notice": {
        "nb": ("Oppsigelse", "AVSLUTNINGSAVTALE"),
        "en": ("notice of termination", "MUTUAL TERMINATION"),
    },
    "handover": {"nb": ("KVITTERING FOR OVERLEVERING",), "en": ("HANDOVER RECEIPT",)},
    "hard-cases": {"nb": ("Takk for tilbakemeldingen",), "en": ("Thank you for your feedback",)},
}
# Primary sources each page must link as real links (hosts), not as addresses in code.
SOURCES = {
    "notice": ("avco.no", "jusinfo.no"),
    "handover": ("lovdata.no", "www.datatilsynet.no"),
    "settlement": (
        "lovdata.no", "www.regnskapsstiftelsen.no", "www.skatteetaten.no", "www.politiet.no", "www.digdir.no",
    ),
    "hard-cases": ("lovdata.no", "www.politiet.no"),
}  # fmt: skip
# Pages that give legal or tax advice carry the warning, in the reader's language.
NOT_LEGAL_ADVICE = {"nb": "Ikke juridisk rådgivning", "en": "Not legal advice"}
MINUS = "\u2212"
PLACEHOLDER = re.compile(r"\[([^\]\n]+)\]")
# A placeholder a reader cannot miss: capitals (with digits, spaces and punctuation) between brackets.
LOUD = re.compile("[A-ZÆØÅ0-9 .,'«»“”\"/:\u2013-]+")


# --- Reading the built pages --------------------------------------------------------------------------------


def built(site: Path, lang: languages.Language, name: str) -> ET.Element:
    path = site / lang.url_prefix / f"{name}.html"
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def article(document: ET.Element) -> ET.Element:
    return next(e for e in document.iter("article") if "md-content__inner" in (e.get("class") or ""))


def text(element: ET.Element) -> str:
    """Visible text, whitespace (no-break spaces too) collapsed, without Material's permalink sign."""
    return " ".join("".join(element.itertext()).replace("¶", "").split())


def section(document: ET.Element, heading_id: str) -> list[ET.Element]:
    """The elements of the article from the heading with `heading_id` up to the next heading of its level."""
    children = list(article(document))
    start = next(i for i, e in enumerate(children) if e.get("id") == heading_id)
    level = children[start].tag
    end = next(
        (i for i in range(start + 1, len(children)) if children[i].tag in {"h1", "h2", level}),
        len(children),
    )
    return children[start:end]


def table_rows(elements: list[ET.Element]) -> list[list[str]]:
    table = next(t for e in elements for t in e.iter("table"))
    return [[text(cell) for cell in row if cell.tag in {"td", "th"}] for row in table.iter("tr")]


def amount(cell: str) -> int:
    """Whole kroner in a cell like '-4 800 kr' or '-NOK 4,800', where the minus is U+2212 (or '-')."""
    digits = re.sub(r"[^\d\u2212-]", "", cell)
    sign = -1 if digits[:1] in {MINUS, "-"} else 1
    return sign * int(digits.lstrip(MINUS + "-"))


def templates(document: ET.Element) -> list[tuple[str, str]]:
    """(title, text) of every titled code block in the article: the templates a reader copies."""
    found = []
    for block in article(document).iter("div"):
        if "highlight" not in (block.get("class") or "").split():
            continue
        titles = [e for e in block.iter("span") if "filename" in (e.get("class") or "").split()]
        if titles:
            code = next(block.iter("code"))
            found.append((text(titles[0]), "".join(code.itertext())))
    return found


def checklist_ids(document: ET.Element) -> list[tuple[str, list[str]]]:
    return [
        (root.get(checklist.CHECKLIST_ATTR), [box.get(checklist.ITEM_ATTR) for box in root.iter("input")])
        for root in article(document).iter()
        if root.get(checklist.CHECKLIST_ATTR)
    ]


# --- The pages and their place ----------------------------------------------------------------------------


def nav_pages() -> list[str]:
    """The pages of `nav:` in mkdocs.yml, in order, without `.md`."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("nav:") + 1
    pages = []
    for line in lines[start:]:
        match = re.fullmatch(r"\s+-\s+(?:[^:]+:\s+)?([\w/-]+)\.md\s*(?:#.*)?", line)
        if not match:
            break
        pages.append(match[1])
    return pages


def test_the_new_pages_sit_in_the_order_a_reader_lives_through_them():
    nav = nav_pages()
    assert set(NEW_PAGES) <= set(nav), nav
    assert [page for page in nav if page in READING_ORDER] == list(READING_ORDER)


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_each_new_page_has_a_title_a_description_and_its_checklists(site, lang):
    for name in NEW_PAGES:
        document = built(site, lang, name)
        (h1,) = article(document).iter("h1")
        assert text(h1), name
        description = next(m for m in document.iter("meta") if m.get("name") == "description")
        assert len(description.get("content", "")) > 40, f"{lang.code}/{name}: description"
        assert [cid for cid, _items in checklist_ids(document)] == list(CHECKLISTS[name]), (
            f"{lang.code}/{name}"
        )


def test_the_new_checklists_have_the_same_items_in_both_languages(site):
    for name in NEW_PAGES:
        found = {lang.code: checklist_ids(built(site, lang, name)) for lang in LANGS}
        first, *others = found.values()
        assert all(other == first for other in others), name
        for _cid, items in first:
            assert len(items) >= 5 and len(set(items)) == len(items), name


def test_the_new_checklists_are_in_the_sources_once_per_language():
    for code in languages.CODES:
        seen: list[str] = []
        for name in NEW_PAGES:
            found, problems = checklist_sources.scan((ROOT / "docs" / code / f"{name}.md").read_text("utf-8"))
            assert not problems, f"docs/{code}/{name}.md"
            seen += [c.id for c in found]
        assert seen == [cid for name in NEW_PAGES for cid in CHECKLISTS[name]], code


# --- Templates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_templates_are_titled_code_blocks_with_placeholders_a_reader_cannot_miss(site, lang):
    for name, expected in TEMPLATES.items():
        found = templates(built(site, lang, name))
        assert len(found) == len(expected[lang.code]), f"{lang.code}/{name}: {[t for t, _ in found]}"
        for (title, body), word in zip(found, expected[lang.code], strict=True):
            assert title, f"{lang.code}/{name}: a template without a title"
            assert word.lower() in body.lower(), f"{lang.code}/{name}: {title!r} lacks {word!r}"
            placeholders = PLACEHOLDER.findall(body)
            assert len(placeholders) >= 2, f"{lang.code}/{name}: {title!r} has no placeholders"
            quiet = [p for p in placeholders if not LOUD.fullmatch(p)]
            assert not quiet, f"{lang.code}/{name}: {title!r} has placeholders in lower case: {quiet}"


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_templates_hold_what_the_issue_asks_of_them(site, lang):
    notice = dict(templates(built(site, lang, "notice")))
    body = " ".join(notice.values())
    if lang.code == "nb":
        for part in ("punkt [", "Oppsigelsestiden er", "[SLUTTDATO]", "bekrefte at du har mottatt", "Hei, ["):
            assert part in body, part
        for part in ("Taushetsplikten", "Ingen ytterligere krav", "Overlevering", "Oppgjør", "For Kunden"):
            assert part in body, part
    else:
        for part in ("clause [", "The notice period is", "[END DATE]", "confirm that you have received"):
            assert part in body, part
        for part in ("confidentiality", "No further claims", "Handover", "Settlement", "For the Client"):
            assert part in body, part


# --- Sources and cautions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_legal_points_link_their_primary_sources_as_real_links(site, lang):
    for name, hosts in SOURCES.items():
        document = built(site, lang, name)
        links = {a.get("href", "") for a in article(document).iter("a")}
        for host in hosts:
            assert any(href.startswith(f"https://{host}/") for href in links), f"{lang.code}/{name}: {host}"
        spans = [text(c) for p in article(document).iter("p") for c in p.iter("code")]
        assert not [s for s in spans if "http" in s], f"{lang.code}/{name}: an address in a code span"
        sources = section(document, "sources")
        assert sum(1 for e in sources for _a in e.iter("a")) >= len(hosts), f"{lang.code}/{name}: sources"


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_pages_with_legal_or_tax_points_say_they_are_not_legal_advice(site, lang):
    for name in ("notice", "handover", "settlement"):
        titles = [
            text(p)
            for p in article(built(site, lang, name)).iter("p")
            if "admonition-title" in (p.get("class") or "")
        ]
        assert NOT_LEGAL_ADVICE[lang.code] in titles, f"{lang.code}/{name}: {titles}"


# --- Worked examples ----------------------------------------------------------------------------------------


CREDIT_NOTE_ROWS = {
    "nb": ("Beløp uten mva.", "Mva. 25 %", "Totalt"),
    "en": ("Amount excluding VAT", "VAT 25%", "Total"),
}


def credit_note_amounts(site: Path, lang: languages.Language) -> tuple[int, int, int]:
    rows = {
        row[0]: row for row in table_rows(section(built(site, lang, "settlement"), "credit-note-example"))
    }
    net, vat, total = (amount(rows[label][1]) for label in CREDIT_NOTE_ROWS[lang.code])
    return net, vat, total


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_worked_credit_note_adds_up_at_25_percent_vat(site, lang):
    net, vat, total = credit_note_amounts(site, lang)
    assert total < 0, "a credit note's amounts are shown as credits"
    assert net + vat == total
    assert vat * 4 == net, "the VAT is 25 % of the amount excluding VAT"
    rows = table_rows(section(built(site, lang, "settlement"), "credit-note-example"))
    assert len(rows) >= 13, "heading row and a row for every field the credit note must carry"
    credited = " ".join(" ".join(row) for row in rows)
    assert "2027-014" in credited and "2027-031" in credited, "it names its own number and the invoice's"


def test_the_worked_credit_note_is_the_same_in_both_languages(site):
    assert len({credit_note_amounts(site, lang) for lang in LANGS}) == 1


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_effective_hourly_rate_example_adds_up(site, lang):
    elements = section(built(site, lang, "decide"), "worked-example")
    rows = table_rows(elements)[1:]
    *hours, total = rows
    assert sum(int(row[1]) for row in hours) == int(total[1])
    paragraphs = " ".join(text(e) for e in elements if e.tag == "p")
    numbers = [int(n.replace(" ", "").replace(",", "")) for n in re.findall(r"\d[\d ,]*\d|\d", paragraphs)]
    paid, rate = 45_000, 600
    assert paid in numbers and rate in numbers
    assert paid // int(total[1]) == rate


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_money_pages_link_the_refund_calculator(site, lang):
    refunds = built(site, lang, "refunds")
    assert any(e.get("id") == "calculator" for e in refunds.iter()), "refunds page lost its #calculator"
    for name in ("settlement", "exit-plan"):
        hrefs = {a.get("href") for a in article(built(site, lang, name)).iter("a")}
        assert "refunds.html#calculator" in hrefs, f"{lang.code}/{name}"


# --- Search and the PDF -------------------------------------------------------------------------------------


SEARCH_TERMS = {
    "nb": {"settlement": "inkassovarsel", "notice": "avslutningsavtale", "handover": "databehandleravtale"},
    "en": {
        "settlement": "debt-collection notice",
        "notice": "mutual termination agreement",
        "handover": "data processing agreement",
    },
}


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_search_finds_the_new_pages_in_the_readers_language(site, lang):
    index_path = site / lang.url_prefix / "search" / "search_index.json"
    docs = json.loads(index_path.read_text(encoding="utf-8"))["docs"]
    by_page: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        by_page[page] = (
            by_page.get(page, "") + " " + re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        )
    for name in NEW_PAGES:
        assert f"{name}.html" in by_page, f"{lang.code}: {name} not in the search index"
    for name, term in SEARCH_TERMS[lang.code].items():
        assert term in " ".join(by_page[f"{name}.html"].lower().split()), f"{lang.code}/{name}: {term!r}"


@pytest.fixture(scope="module")
def pdfs(site) -> dict[str, PdfReader]:
    return {lang.code: PdfReader(site / "pdf" / f"playbook-{lang.code}.pdf") for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_pdf_has_the_new_chapters_in_reading_order(site, pdfs, lang):
    reader = pdfs[lang.code]
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    titles = {name: text(next(article(built(site, lang, name)).iter("h1"))) for name in READING_ORDER}
    positions = [chapters.index(titles[name]) for name in READING_ORDER]
    assert positions == sorted(positions), chapters
    whole = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for name in NEW_PAGES:
        opening = text(next(e for e in article(built(site, lang, name)) if e.tag == "p"))
        assert " ".join(opening.split()[:6]) in whole, f"{lang.code}/{name}: chapter text not in the PDF"


@pytest.mark.parametrize("lang", LANGS, **BY_CODE)
def test_the_new_checklists_are_checkboxes_in_the_pdf(site, pdfs, lang):
    fields = {
        name: field
        for name, field in (pdfs[lang.code].get_fields() or {}).items()
        if field.get("/FT") == "/Btn"
    }
    expected = 0
    for name in NEW_PAGES:
        document = built(site, lang, name)
        for cid, items in checklist_ids(document):
            for item in items:
                field_name = checklist.field_id(cid, item)
                assert field_name in fields, f"{lang.code}: {field_name} is not a PDF checkbox"
                label = next(lab for lab in article(document).iter("label") if lab.get("for") == field_name)
                assert fields[field_name]["/TU"] == text(label), field_name
                assert fields[field_name].get("/V") == "/Off", f"{field_name} starts ticked"
                expected += 1
    assert expected >= 50
