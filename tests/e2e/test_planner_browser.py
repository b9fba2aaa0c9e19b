"""The conversation planner in Chromium, in both languages: a reader fills the form and gets the call script
and the written confirmation, copies and edits them, takes the refund from the calculator, reloads, switches
language, forgets everything, types hostile text, and reads the worksheet without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from calculator_page import Calculator
from planner_page import DATES, TYPED, Planner, planner_url
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator, planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
NAMES = {"nb": "Ola AS og Design & Co", "en": "Ola AS and Design & Co"}
STORAGE_REFUSED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


def fill(template: str, **values) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def in_order(text: str, parts: list[str]) -> None:
    """Every part is in `text`, each after the one before."""
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order in:\n{text}"
        position = found


@by_code
def test_the_form_writes_the_script_and_the_confirmation(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    templates = plan.templates()
    plan.fill(**TYPED, handover="hand_over")
    date = DATES[lang.code]
    script = plan.script()
    in_order(
        script,
        [
            fill(templates["script.opening"], client_name=TYPED["client_contact"]),
            templates["script.decision"],
            templates["script.reason.scope"] + " " + TYPED["reason_details"],
            fill(templates["script.end.last_day"], end_date=date),
            fill(templates["script.handover.hand_over"], end_date=date) + " " + TYPED["handover_details"],
            fill(templates["script.money.refund"], amount=TYPED["refund"]),
            fill(templates["script.replacements"], replacements=NAMES[lang.code]),
            templates["script.thanks"],
            templates["script.closing"],
        ],
    )
    assert script.count("\n\n") == 7, "one paragraph per step of the conversation"
    confirmation = plan.confirmation()
    in_order(
        confirmation,
        [
            templates["confirmation.subject"],
            fill(templates["confirmation.greeting"], client_name=TYPED["client_contact"]),
            templates["confirmation.intro"],
            fill(templates["confirmation.end.last_day"], end_date=date),
            fill(templates["confirmation.money.refund"], amount=TYPED["refund"]),
            fill(templates["confirmation.replacements"], replacements=NAMES[lang.code]),
            templates["confirmation.signoff"],
        ],
    )
    assert templates["script.reason.scope"] not in confirmation, "the confirmation does not argue the reason"
    # The texts follow the form as the reader changes it.
    plan.fill(end_kind="contract_end", reason="capacity")
    assert fill(templates["script.end.contract_end"], end_date=date) in plan.script()
    assert templates["script.reason.capacity"] in plan.script()


@by_code
def test_with_only_a_date_the_script_leaves_out_what_is_missing(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    templates = plan.templates()
    assert templates["blank.end_date"] in plan.script(), "an empty form still gives a script to fill in"
    plan.fill(end_date="2025-03-14")
    paragraphs = plan.script().split("\n\n")
    assert paragraphs[0] == templates["script.opening.no_name"]
    assert paragraphs[2] == templates["blank.reason"]
    assert len(paragraphs) == 6, "no money and no replacements to mention"
    assert plan.confirmation().splitlines()[2] == templates["confirmation.greeting.no_name"]


@by_code
def test_copy_buttons_copy_the_text_as_shown(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    plan.open_documents()  # the documents' texts have copy buttons too
    for name in planner.OUTPUTS:
        plan.button(planner.COPY_ATTR, name).click()
        status = plan.output(name).locator("xpath=..").locator("[role=status]")
        expect(status).to_have_text(plan.text("copied"))
        assert page.evaluate("() => navigator.clipboard.readText()") == plan.output(name).input_value()


@by_code
def test_an_edited_text_stays_until_the_reader_writes_it_again_from_the_form(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact="Kari")
    area = plan.output("script")
    regenerate = plan.button(planner.REGENERATE_ATTR, "script")
    expect(regenerate).to_be_hidden()
    area.fill("My own words, Kari.")
    expect(regenerate).to_be_visible()
    plan.fill(client_contact="Anne")
    assert plan.script() == "My own words, Kari.", "a form change must not overwrite the reader's edit"
    assert "Anne" in plan.confirmation(), "the other text still follows the form"
    page.reload()
    plan.wait_mounted()
    assert plan.script() == "My own words, Kari."
    regenerate.click()
    expect(regenerate).to_be_hidden()
    assert "Anne" in plan.script()
    expect(area).to_be_focused()


@by_code
def test_reload_keeps_what_was_typed_in_this_browser_and_out_of_the_address(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED, end_kind="contract_end", handover="hand_over")
    before = plan.values()
    script = plan.script()
    stored = plan.stored()
    assert stored["version"] == 2
    assert stored["values"]["client_contact"] == TYPED["client_contact"]
    page.reload()
    plan.wait_mounted()
    assert plan.values() == before
    assert plan.script() == script
    parts = urlsplit(page.url)
    assert not parts.query and not parts.fragment, f"the planner put something in the address: {page.url}"
    assert "Kari" not in page.evaluate("() => JSON.stringify(history.state)")


def test_what_was_typed_follows_the_reader_to_the_other_language(page, base_url):
    nb, en = languages.by_code("nb"), languages.by_code("en")
    plan = Planner.open(page, base_url, nb)
    plan.fill(**TYPED)
    english = Planner.open(page, base_url, en)
    assert english.field("client_contact").input_value() == TYPED["client_contact"]
    assert DATES["en"] in english.script() and DATES["nb"] not in english.script()
    assert english.templates()["script.decision"] in english.script()


@by_code
def test_the_calculators_last_result_is_offered_and_can_be_overridden(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    # 40 000 ex. VAT, 60 % done, 37 500 paid incl. VAT (30 000 ex.): 6 000 + 1 500 VAT = 7 500 paid back.
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="37500")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    plan = Planner.open(page, base_url, lang)
    templates = plan.templates()
    source = plan.root.locator('input[name="refund_source"][value="calculation"]')
    expect(source).to_be_checked()
    label = plan.root.locator(f"label[for='{source.get_attribute('id')}']").inner_text()
    note = plan.root.locator(f"[{planner.CALCULATION_ATTR}]")
    expect(note).to_have_text(plan.text("calculation.note"))
    # The money paid back (the credit note's total, incl. VAT), in the page's own way of writing money.
    amount = {"nb": "7\u00a0500,00\u00a0kr", "en": "NOK\u00a07,500.00"}[lang.code]
    assert amount in label, label
    assert fill(templates["script.money.refund"], amount=amount) in plan.script()
    assert fill(templates["confirmation.money.refund"], amount=amount) in plan.confirmation()
    # Typing an amount means the reader's own figure.
    plan.field("refund").fill("5 000")
    expect(plan.root.locator('input[name="refund_source"][value="typed"]')).to_be_checked()
    assert fill(templates["script.money.refund"], amount="5 000") in plan.script()
    assert amount not in plan.script()
    # And back to the calculation.
    source.check()
    assert fill(templates["script.money.refund"], amount=amount) in plan.script()


@by_code
def test_what_is_still_owed_is_handed_over_as_the_final_invoice(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="20000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    plan = Planner.open(page, base_url, lang)
    templates = plan.templates()
    # 20 000 paid incl. VAT is 16 000 ex.: 8 000 + 2 000 VAT still owed, on the final invoice.
    amount = {"nb": "10\u00a0000,00\u00a0kr", "en": "NOK\u00a010,000.00"}[lang.code]
    assert fill(templates["script.money.balance_due"], amount=amount) in plan.script()


@by_code
def test_without_a_calculation_the_reader_types_the_amount(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    expect(plan.root.locator(f"[{planner.CALCULATION_ATTR}]")).to_have_text(plan.text("calculation.none"))
    expect(plan.root.locator('input[name="refund_source"]').first).to_be_hidden()
    plan.fill(refund="£1")
    assert fill(plan.templates()["script.money.refund"], amount="£1") in plan.script()


@by_code
def test_forget_everything_after_a_confirmation(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="30000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    page.goto(base_url + lang.url_prefix + "before.html")
    expect(page.locator("[data-checklist-progress]").first).to_be_attached()  # mounted: it keeps the tick
    page.locator("[data-checklist] input[type=checkbox]").first.check()
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    plan.output("confirmation").fill("Edited by hand.")

    plan.forget(confirm=False)
    assert plan.field("client_contact").input_value() == TYPED["client_contact"], "cancel keeps everything"

    plan.forget(confirm=True)
    expect(plan.button(planner.FORGET_ATTR)).to_be_focused()
    expect(plan.root.locator(".planner__footer [role=status]").first).to_have_text(plan.text("forgotten"))
    assert plan.field("client_contact").input_value() == ""
    assert plan.field("replacements").input_value() == ""
    assert plan.confirmation() != "Edited by hand."
    assert plan.templates()["script.opening.no_name"] in plan.script()
    assert plan.stored() is None
    assert plan.stored(planner.CALCULATION_KEY) is None
    assert plan.stored("playbook.checklist.before-call") is not None, "the checklists keep their ticks"
    page.reload()
    plan.wait_mounted()
    assert plan.field("client_contact").input_value() == ""
    expect(plan.root.locator(f"[{planner.CALCULATION_ATTR}]")).to_have_text(plan.text("calculation.none"))


@by_code
def test_hostile_text_stays_text(page, base_url, lang):
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> {client_name} $&'
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact=hostile, reason_details=hostile, refund=hostile, replacements=[hostile])
    page.emulate_media(media="print")
    assert hostile in plan.script() and hostile in plan.confirmation()
    assert hostile in plan.pack_part("script").inner_text()
    page.reload()
    plan.wait_mounted()
    assert plan.field("client_contact").input_value() == hostile
    assert page.evaluate("() => window.__pwned") is None
    assert plan.root.locator("img, script").count() == 0


@pytest.mark.allow_console_errors
@by_code
def test_a_browser_that_refuses_storage_still_plans_and_says_it_keeps_nothing(page, base_url, lang):
    page.add_init_script(STORAGE_REFUSED)
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact="Kari")
    assert "Kari" in plan.script()
    note = plan.root.locator(".planner__note")
    expect(note).to_be_visible()
    expect(note).to_have_text(plan.text("not-saved"))


@by_code
def test_without_javascript_the_worksheet_is_there(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(planner_url(base_url, lang))
        fallback = page.locator(f"[{planner.FALLBACK_ATTR}]")
        expect(fallback).to_be_visible()
        assert fallback.locator("ol > li").count() == 8, "one line per step of the conversation"
        assert "______" in fallback.inner_text()
        expect(page.locator(f"[{planner.TEMPLATES_ATTR}]")).to_be_hidden()
        assert page.locator(f"[{planner.ROOT_ATTR}] form, [{planner.EXIT_PACK_ATTR}]").count() == 0
    finally:
        context.close()


def test_the_quality_gates_pick_the_new_pages_up(site):
    """The every-page axe, link, print and privacy tests find their pages from docs/ and the built site."""
    import test_accessibility
    import test_privacy

    from built import site_pages

    for name in ("planner.html", "norway.html"):
        assert name in test_accessibility.PAGES
        assert name in test_privacy.PAGES
        for lang in LANGS:
            assert name in site_pages(site, lang)


def test_a_long_text_stops_where_the_planner_stops_keeping_it(page, base_url):
    """A multiline field takes as much as the planner keeps (planner-state.js MAX_LENGTH, 4,000 characters)
    and no more, so a reload gives back exactly what the reader saw, not a silently shorter text."""
    lang = languages.DEFAULT
    plan = Planner.open(page, base_url, lang)
    details = plan.root.locator("textarea[name=reason_details]")
    details.click()
    page.keyboard.insert_text("x" * 4100)
    assert len(details.input_value()) == 4000
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    assert again.root.locator("textarea[name=reason_details]").input_value() == "x" * 4000
