"""The exit documents on the planner page, in Chromium, in both languages: each document from one filled
form, the notice's end date under both conventions, unfilled fields marked and named, one document printed on
its own, text and calendar downloads (the .ics parsed with icalendar), the organisation number's MOD11
message, export then import into a fresh browser, hostile import files refused without a change, axe on the
new states, and the keyboard alone."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from axe import axe_violations
from icalendar import Calendar
from planner_page import Planner
from playwright.sync_api import expect
from pypdf import PdfReader

from playbook import languages
from playbook.blocks import planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
PRINT_SPY = "window.__printed = 0; window.print = () => { window.__printed += 1; };"
DOCUMENTS = ("notice", "credit_note", "termination_agreement", "handover_receipt", "plan")
ENDS = {"nb": {"notice_date": "30. april 2027"}, "en": {"notice_date": "30 April 2027"}}
SHOWN = {
    "nb": {"2027-04-10": "10. april 2027", "2027-04-30": "30. april 2027"},
    "en": {"2027-04-10": "10 April 2027", "2027-04-30": "30 April 2027"},
}
FORM = {
    "client_company": "Fjordlys AS",
    "client_contact": "Kari Nordmann",
    "seller_name": "Ola Design",
    "seller_org_nr": "923 609 016",
    "vat_registered": True,
    "agreement_date": "2026-01-15",
    "agreement_clause": "punkt 9",
    "notice_date": "2027-03-30",
    "notice_period": "1",
    "notice_unit": "months",
    "notice_from": "notice_date",
    "deliverables": "Nettsiden\nBrukerveiledning",
    "handover_items": "Kildekoden\nPassordene",
    "settlement_date": "2027-05-07",
    "invoice_number": "2027-014",
    "invoice_date": "2027-02-01",
    "credit_note_number": "K-3",
    "credit_note_date": "2027-05-03",
    "credit_description": "Forskudd for arbeid som ikke blir gjort",
}


def text(plan: Planner, name: str) -> str:
    return plan.output(name).input_value()


def unfilled(plan: Planner, name: str):
    return plan.root.locator(f"[data-unfilled='{name}']")


def part_files(page) -> list[str]:
    """Addresses of the exit documents' part and strings file the page has requested so far."""
    return page.evaluate(
        """() => performance.getEntriesByType("resource").map((entry) => entry.name)
            .filter((name) => /(part|strings)-planner-documents/.test(name))"""
    )


def stored_everything(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))"
    )


# The calculator's hand-over (last-calculation.js) of a refund: NOK 40,000 ex. VAT, 60 % done, NOK 30,000 ex.
# VAT paid, 25 % VAT: NOK 6,000 + NOK 1,500 VAT = NOK 7,500 to pay back.
LAST_CALCULATION = json.dumps(
    {
        "version": 1,
        "state": "calc=2&total=4000000&pct=6000&paid=3000000&exp=0&cur=NOK&mode=by_work&rate=2500"
        "&tb=excl&pb=excl&eb=excl",
    },
    separators=(",", ":"),
)
AMOUNTS = {
    "nb": ("6 000,00 kr", "1 500,00 kr", "7 500,00 kr"),
    "en": ("NOK 6,000.00", "NOK 1,500.00", "NOK 7,500.00"),
}


def with_calculation(page, base_url, lang) -> None:
    """Leave the calculator's last result in this browser, as the calculator does after a calculation."""
    page.goto(base_url + lang.url_prefix + "planner.html")
    page.evaluate("(text) => localStorage.setItem('playbook.calculator.last', text)", LAST_CALCULATION)


@by_code
def test_every_document_from_one_filled_form(page, base_url, lang):
    with_calculation(page, base_url, lang)
    plan = Planner.open(page, base_url, lang)
    plan.fill(**FORM)
    templates = plan.templates()
    end = ENDS[lang.code]["notice_date"]

    notice = text(plan, "notice")
    assert notice.startswith(templates["notice.title"])
    for part in ("Fjordlys AS", "Kari Nordmann", "Ola Design", "923 609 016 MVA", "punkt 9", end):
        assert part in notice, (part, notice)
    expect(plan.output("notice")).to_have_attribute("data-end-date", "2027-04-30")

    credit = text(plan, "credit_note")
    assert credit.startswith(templates["credit_note.title"])
    for part in ("K-3", "2027-014", "923 609 016 MVA", "Fjordlys AS"):
        assert part in credit, (part, credit)
    net, vat, total = (amount.replace(" ", "\u00a0") for amount in AMOUNTS[lang.code])
    assert templates["credit_note.net"].replace("{amount}", net) in credit, credit
    rate = "25\u00a0%" if lang.code == "nb" else "25%"
    assert templates["credit_note.vat"].replace("{rate}", rate).replace("{amount}", vat) in credit
    assert templates["credit_note.total"].replace("{amount}", total) in credit
    assert templates["blank.amount"] not in credit

    agreement = text(plan, "termination_agreement")
    assert agreement.startswith(templates["termination_agreement.title"])
    assert "Kildekoden; Passordene" in agreement and end in agreement
    settlement = templates["termination_agreement.settlement.refund"].split("{")[0]
    assert settlement in agreement

    receipt = text(plan, "handover_receipt")
    for item in ("Kildekoden", "Passordene"):
        assert templates["handover_receipt.item"].replace("{item}", item) in receipt.split("\n")

    dates = text(plan, "plan")
    assert dates.startswith(templates["plan.title"])
    assert templates["plan.last_day"] in dates and end in dates

    confirmation = plan.confirmation()
    assert "Kari Nordmann" in confirmation.split("\n")[2], "the greeting names the contact"
    assert "Fjordlys AS" in confirmation, "the body names the company"
    for name in DOCUMENTS:
        expect(unfilled(plan, name)).to_have_text(plan.text("all-filled"))


@by_code
@pytest.mark.parametrize("convention", ["notice_date", "month_end"])
def test_the_notice_counts_the_end_date_by_either_convention(page, base_url, lang, convention):
    plan = Planner.open(page, base_url, lang)
    # Notice on 10 March: one month from that day ends on 10 April; from the end of March, on 30 April.
    plan.fill(notice_date="2027-03-10", notice_period="1", notice_unit="months", notice_from=convention)
    expected = {"notice_date": "2027-04-10", "month_end": "2027-04-30"}[convention]
    expect(plan.output("notice")).to_have_attribute("data-end-date", expected)
    assert SHOWN[lang.code][expected] in text(plan, "notice")
    assert plan.templates()[f"notice.period.{convention}"].split("{")[0] in text(plan, "notice")
    plan.fill(notice_unit="weeks", notice_period="2")
    expect(plan.output("notice")).to_have_attribute(
        "data-end-date", {"notice_date": "2027-03-24", "month_end": "2027-04-14"}[convention]
    )


@by_code
def test_unfilled_fields_are_marked_and_named_next_to_the_buttons(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    templates = plan.templates()
    seller = templates["blank.seller_name"]
    assert seller in text(plan, "notice")
    expect(unfilled(plan, "notice")).to_contain_text(seller)
    expect(unfilled(plan, "credit_note")).to_contain_text(templates["blank.amount"])
    plan.fill(seller_name="Ola Design")
    assert seller not in text(plan, "notice")
    expect(unfilled(plan, "notice")).not_to_contain_text(seller)
    # A marker left in a text edited by hand is named too.
    plan.output("handover_receipt").fill("Kvittering " + templates["blank.date"])
    named = plan.text("unfilled", names=templates["blank.date"])
    expect(unfilled(plan, "handover_receipt")).to_have_text(named)


@by_code
def test_a_wrong_organisation_number_gets_the_mod11_message(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    message = plan.root.locator("[data-error-for='seller_org_nr']")
    plan.fill(seller_org_nr="923 609 017")
    expect(message).to_have_text(plan.text("error.bad_check_digit"))
    expect(plan.field("seller_org_nr")).to_have_attribute("aria-invalid", "true")
    plan.fill(seller_org_nr="12345")
    expect(message).to_have_text(plan.text("error.not_nine_digits"))
    plan.fill(seller_org_nr="NO 923 609 016 MVA")
    expect(message).to_have_text("")
    # Every field of the interface has its message element.
    for name in (
        *("notice_date", "notice_period", "notice_unit", "notice_from", "client_company", "client_contact"),
        *("seller_name", "seller_org_nr", "invoice_number", "invoice_date"),
        *("credit_note_number", "credit_note_date"),
    ):
        expect(plan.root.locator(f"[data-error-for='{name}']")).to_have_count(1)
    plan.fill(notice_period="tre")
    expect(plan.root.locator("[data-error-for='notice_period']")).to_have_text(
        plan.text("error.invalid_period")
    )


@by_code
def test_one_document_prints_on_its_own(page, base_url, lang):
    page.add_init_script(PRINT_SPY)
    plan = Planner.open(page, base_url, lang)
    plan.fill(**FORM)
    plan.root.locator("[data-document-print='termination_agreement']").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    sheet = page.locator("[data-print-sheet]")
    expect(sheet).to_be_visible()
    assert sheet.text_content() == text(plan, "termination_agreement")
    expect(plan.root).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(plan.exit_pack()).to_be_hidden()
    # On paper: A4, the agreement alone.
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    paper = " ".join(" ".join(sheet.extract_text().split()) for sheet in reader.pages)
    templates = plan.templates()
    assert paper.startswith(templates["termination_agreement.title"])
    assert templates["notice.title"] not in paper and plan.text("output.notice.heading") not in paper
    # After printing, the exit pack prints as before.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(sheet).to_be_hidden()
    expect(plan.exit_pack()).to_be_visible()


@by_code
def test_text_and_calendar_downloads(page, base_url, lang, tmp_path):
    plan = Planner.open(page, base_url, lang)
    # The page's own strict policy is in force: a Blob behind <a download> is no script and no navigation.
    policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    assert "script-src 'self'" in policy and "blob:" not in policy
    plan.fill(**FORM)
    with page.expect_download() as info:
        plan.root.locator("[data-download='text'][data-document='notice']").click()
    saved = tmp_path / "notice.txt"
    info.value.save_as(saved)
    assert info.value.suggested_filename.endswith(".txt")
    assert saved.read_bytes().decode("utf-8").replace("\r\n", "\n") == text(plan, "notice")

    with page.expect_download() as info:
        plan.root.locator("[data-download='ics']").click()
    assert info.value.suggested_filename.endswith(".ics")
    path = tmp_path / "plan.ics"
    info.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    templates = plan.templates()
    last = events[templates["plan.last_day"]]
    assert last.decoded("DTSTART").isoformat() == "2027-04-30"
    call = events[templates["plan.call"]]
    assert call.decoded("DTSTART").isoformat() == "2027-03-30"
    settle = events[templates["plan.settle"]]
    assert settle.decoded("DTSTART").isoformat() == "2027-05-07"
    # A second download keeps the UIDs (the seed is kept with the plan): a calendar updates, not duplicates.
    with page.expect_download() as again:
        plan.root.locator("[data-download='ics']").click()
    second = tmp_path / "again.ics"
    again.value.save_as(second)
    uids = lambda p: sorted(str(e["UID"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT"))  # noqa: E731
    assert uids(path) == uids(second)


@by_code
def test_export_then_import_into_a_fresh_browser_restores_everything(page, browser, base_url, lang, tmp_path):
    page.goto(base_url + lang.url_prefix + "before.html")
    box = page.locator("[data-checklist] input[type=checkbox]").first
    expect(page.locator("[data-checklist-progress]").first).to_be_attached()
    box.check()
    with_calculation(page, base_url, lang)
    plan = Planner.open(page, base_url, lang)
    plan.fill(**FORM)
    plan.output("notice").fill(text(plan, "notice") + "\nP.S. Edited by hand.")
    before = stored_everything(page)
    with page.expect_download() as info:
        plan.root.locator("[data-export]").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "client-exit-playbook"

    fresh = browser.new_context(locale="nb-NO")
    try:
        other = fresh.new_page()
        moved = Planner.open(other, base_url, lang)
        # A new browser keeps nothing, so the exit documents stay closed: the import is there all the same,
        # and using it fetches nothing of theirs.
        expect(moved.documents_button()).to_have_attribute("aria-expanded", "false")
        moved.root.locator("[data-import]").set_input_files(str(exported))
        expect(moved.root.locator("[data-transfer-status]")).to_have_text(moved.text("imported"))
        assert stored_everything(other) == before
        assert moved.field("client_company").input_value() == "Fjordlys AS"
        assert part_files(other) == []
        # The calculation and the checklist tick are back: the planner offers the one, the exit pack shows
        # the other.
        expect(moved.root.locator(f"[{planner.CALCULATION_ATTR}]")).to_have_text(
            moved.text("calculation.note")
        )
        expect(
            moved.root.locator(f"[{planner.EXIT_PACK_ITEM_ATTR}][{planner.TICKED_ATTR}='true']")
        ).to_have_count(1)
        # Opened later, the documents show the imported fields.
        moved.open_documents()
        expect(moved.field("seller_name")).to_have_value("Ola Design")
        assert text(moved, "notice").endswith("P.S. Edited by hand.")
        assert text(moved, "credit_note") == text(plan, "credit_note")
    finally:
        fresh.close()


HOSTILE = {
    "not_json": b"this is not json",
    "not_ours": json.dumps({"format": "something-else", "data": {}}).encode(),
    "newer_version": json.dumps(
        {"format": "client-exit-playbook", "version": 99, "exported": "2027-05-03T08:30:00Z", "data": {}}
    ).encode(),
    "too_large": b"{" + b" " * (300 * 1024) + b"}",
    "markup": json.dumps(
        {
            "format": "client-exit-playbook",
            "version": 1,
            "exported": "2027-05-03T08:30:00Z",
            "data": {
                "playbook.checklist.before-call": {"version": 1, "ticked": ["<img src=x onerror=alert(1)>"]},
            },
        }
    ).encode(),
}


@by_code
def test_hostile_import_files_change_nothing_and_say_why(page, base_url, lang, tmp_path):
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_company="Fjordlys AS")
    before = stored_everything(page)
    status = plan.root.locator("[data-transfer-status]")
    for code, content in HOSTILE.items():
        path = Path(tmp_path / f"{code}.json")
        path.write_bytes(content)
        plan.root.locator("[data-import]").set_input_files(str(path))
        expect(status).to_have_text(plan.text(f"import.error.{code}"))
        assert stored_everything(page) == before, code
        assert plan.field("client_company").input_value() == "Fjordlys AS"
    assert not page.evaluate("() => document.querySelector('img[src=x]')")


@by_code
def test_the_documents_pass_axe_filled_empty_and_with_errors(browser, base_url, lang):
    # axe is injected as a script, which the page's own policy refuses: this context sets the policy aside.
    context = browser.new_context(locale="nb-NO", bypass_csp=True)
    try:
        check_axe(context.new_page(), base_url, lang)
    finally:
        context.close()


def check_axe(page, base_url, lang) -> None:
    plan = Planner.open(page, base_url, lang)
    assert axe_violations(page) == []
    plan.fill(**FORM)
    plan.fill(seller_org_nr="923 609 017", invoice_date="2027-06-01")
    expect(plan.root.locator("[data-error-for='credit_note_date']")).to_have_text(
        plan.text("error.before_invoice")
    )
    assert axe_violations(page) == []


@by_code
def test_the_keyboard_alone_fills_the_notice_and_downloads_the_calendar(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    # The reader opens the exit documents with the keyboard: the disclosure button, then Enter.
    button = plan.documents_button()
    button.focus()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_be_focused()  # focus stays on the disclosure; the documents follow it in tab order
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.name") == "notice_date":
            break
    assert page.evaluate("() => document.activeElement?.name") == "notice_date"
    # Debian's Chromium orders its date field month, day, year whatever the page's language.
    page.keyboard.type("03302027")
    assert plan.field("notice_date").input_value() == "2027-03-30"
    for _ in range(5):  # past the date field's own stops
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.name") == "notice_period":
            break
    page.keyboard.type("2")
    expect(plan.output("notice")).to_have_attribute("data-end-date", "2027-05-30")
    ics = plan.root.locator("[data-download='ics']")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.getAttribute('data-download')") == "ics":
            break
    else:
        raise AssertionError("Tab never reached the calendar download")
    expect(ics).to_be_focused()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")


@by_code
def test_forgetting_removes_the_documents_too(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**FORM)
    plan.output("notice").fill("My own notice")
    assert plan.stored()["values"]["seller_org_nr"] == "923 609 016"
    plan.forget()
    assert plan.stored() is None
    for name in ("client_company", "seller_name", "seller_org_nr", "notice_date", "handover_items"):
        assert plan.field(name).input_value() == "", name
    assert text(plan, "notice") != "My own notice"
    assert plan.templates()["blank.seller_name"] in text(plan, "notice")


def calculation_part(page) -> list[str]:
    """Addresses of the planner's calculation part the page has requested so far."""
    return page.evaluate(
        """() => performance.getEntriesByType("resource").map((entry) => entry.name)
            .filter((name) => name.includes("part-planner-calculation"))"""
    )


@by_code
def test_the_calculators_arithmetic_comes_only_with_a_stored_calculation(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    note = plan.root.locator(f"[{planner.CALCULATION_ATTR}]")
    expect(note).to_have_text(plan.text("calculation.none"))
    assert calculation_part(page) == [], "a fresh reader is not sent the calculator's arithmetic"
    with_calculation(page, base_url, lang)
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    # Ready means the calculation is already shown: the planner waited for the part, nothing moves later.
    assert note.text_content() == plan.text("calculation.note")
    assert len(calculation_part(page)) == 1
    expect(plan.root.locator("input[name=refund_source][value=calculation]")).to_be_visible()


def with_unreadable_calculation(page, base_url, lang) -> Planner:
    """The planner with a calculation stored and its arithmetic part refused (offline), mounted."""
    with_calculation(page, base_url, lang)
    page.route("**/part-planner-calculation.js*", lambda route: route.abort())
    page.reload()
    plan = Planner(page, lang)
    plan.wait_mounted()
    return plan


@pytest.mark.allow_console_errors  # the refused part is reported on the console
@by_code
def test_a_stored_calculation_whose_arithmetic_cannot_load_is_not_called_missing(page, base_url, lang):
    """Offline (the part refused), the planner says the stored calculation could not be read, not that there
    is none, and offers no calculation to choose."""
    plan = with_unreadable_calculation(page, base_url, lang)
    note = plan.root.locator(f"[{planner.CALCULATION_ATTR}]")
    expect(note).to_have_text(plan.text("calculation.unavailable"))
    expect(plan.root.locator("input[name=refund_source][value=calculation]")).to_be_hidden()


@pytest.mark.allow_console_errors  # the refused part is reported on the console
@by_code
def test_an_amount_typed_while_the_calculation_is_unreadable_stays_the_readers(page, base_url, lang):
    """Offline, the printed pack names the stored calculation as unreadable (as the screen does); an amount
    the reader types is theirs, and stays theirs once the calculation can be read again."""
    plan = with_unreadable_calculation(page, base_url, lang)
    page.emulate_media(media="print")
    pack = plan.root.locator("[data-exit-pack-part=calculation]")
    expect(pack).to_have_text(plan.text("calculation.unavailable"))
    page.emulate_media(media="screen")
    plan.root.locator("input[name=refund]").fill("5000 kr")
    script = plan.root.locator("[data-output=script]")
    expect(script).to_have_value(re.compile("5000 kr"))
    page.unroute("**/part-planner-calculation.js*")
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    note = again.root.locator(f"[{planner.CALCULATION_ATTR}]")
    expect(note).to_have_text(again.text("calculation.note"))
    expect(again.root.locator("input[name=refund_source][value=typed]")).to_be_checked()
    expect(again.root.locator("[data-output=script]")).to_have_value(re.compile("5000 kr"))
