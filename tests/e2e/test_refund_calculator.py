"""The refund calculator in Chromium, in both languages: typing, pasting, bad input, milestones, VAT,
settlement and currency, keyboard and accessibility."""

from __future__ import annotations

import re

import pytest
from axe import assert_no_axe_violations
from calculator_page import NBSP, TIMES, Calculator
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator

NB = languages.by_code("nb")
EN = languages.by_code("en")
LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)

# The worked example as a reader of each language types it.
EXAMPLE = {
    "nb": {"contract_total": "40 000", "percent_complete": "60", "amount_paid": "30 000"},
    "en": {"contract_total": "40,000", "percent_complete": "60", "amount_paid": "30,000"},
}
# Its refund of 6 000 with the language's default VAT (25 % and 20 %) included: net and VAT.
EXAMPLE_VAT = {"nb": (480000, 120000), "en": (500000, 100000)}
REFUND_TEXT = {"nb": "6 000,00 kr", "en": "£6,000.00"}


def open_calculator(page, base_url, lang, fragment="") -> Calculator:
    return Calculator.open(page, base_url, lang, fragment)


@by_code
def test_typing_the_worked_example_gives_the_refund(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "incomplete")
    assert calc.advice() == calc.text("result.incomplete")
    for name, text in EXAMPLE[lang.code].items():
        calc.field(name).press_sequentially(text)
    net, vat = EXAMPLE_VAT[lang.code]
    calc.expect_result(earned=2400000, refund=600000, balance_due=0, refund_net=net, refund_vat=vat)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert REFUND_TEXT[lang.code] in calc.advice()
    assert calc.result("refund").inner_text().replace(NBSP, " ") == REFUND_TEXT[lang.code]
    formula = calc.root.locator(f"[{calculator.FORMULA_ATTR}]").inner_text().replace(NBSP, " ")
    assert REFUND_TEXT[lang.code] in formula and TIMES in formula
    assert calc.fragment().startswith("#calc=1&")
    calc.expect_no_broken_numbers()


PASTED = {
    "nb": {"contract_total": "kr 40.000,-", "amount_paid": "12 500,50 kr"},
    "en": {"contract_total": "£40,000", "amount_paid": "£1,250.50"},
}
PASTED_PAID = {"nb": 1250050, "en": 125050}


@by_code
def test_pasting_formatted_amounts(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    calc = open_calculator(page, base_url, lang)
    for name, text in PASTED[lang.code].items():
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        calc.field(name).focus()
        page.keyboard.press("ControlOrMeta+V")
        expect(calc.field(name)).to_have_value(text)
    calc.enter("percent_complete", "60")
    paid = PASTED_PAID[lang.code]
    calc.expect_result(earned=2400000, refund=0, balance_due=2400000 - paid)
    assert re.search(r"\d", calc.advice())
    expect(calc.error("amount_paid")).to_be_hidden()


# kind -> (field, nb text, en text, error code)
BAD_INPUT = {
    "empty": ("contract_total", "", "", "required"),
    "letters": ("amount_paid", "tretti tusen", "thirty thousand", "not_a_number"),
    "two decimal separators": ("amount_paid", "1,5,0", "1.5.0", "two_decimal_separators"),
    "negative": ("expenses", "-500", "-500", "negative"),
    "percent over 100": ("percent_complete", "120", "120", "over_100"),
    "too many decimals": ("contract_total", "100,555", "100.555", "too_many_decimals"),
    "absurdly large": ("contract_total", "9" * 25, "9" * 25, "too_large"),
    "markup": ("amount_paid", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "not_a_number"),
    "another currency": ("amount_paid", "€300", "€300", "wrong_currency"),
}


@pytest.mark.parametrize("kind", BAD_INPUT, ids=list(BAD_INPUT))
@by_code
def test_bad_input_gets_a_message_next_to_the_field_and_no_result(page, base_url, lang, kind):
    name, nb_text, en_text, code = BAD_INPUT[kind]
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=600000)

    calc.enter(name, nb_text if lang.code == "nb" else en_text)
    field = calc.field(name)
    error = calc.error(name)
    expect(error).to_be_visible()
    template = calc.text(f"error.{code}")
    message = error.inner_text().replace(NBSP, " ")
    assert message.startswith(template.split("{")[0]), message
    assert "{" not in message and "<" not in message
    # Next to the field: in the same field wrapper, right after the input.
    wrapper = field.locator("xpath=ancestor::*[@data-field][1]")
    expect(wrapper.locator(f"[{calculator.ERROR_FOR_ATTR}='{name}']")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    error_id = error.get_attribute("id")
    assert error_id in field.get_attribute("aria-describedby").split()
    expect(calc.announcer()).to_contain_text(error.inner_text())
    expect(calc.announcer()).to_have_attribute("aria-live", "polite")
    calc.expect_withheld()
    assert calc.advice() == calc.text("result.invalid") or code == "required"
    assert page.evaluate("typeof window.__xss") == "undefined"

    calc.enter(name, EXAMPLE[lang.code].get(name, "0"))
    expect(error).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert error_id not in (field.get_attribute("aria-describedby") or "")
    calc.expect_result(refund=600000)


@by_code
def test_an_untouched_form_shows_no_messages_until_enter(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    errors = calc.root.locator(f"[{calculator.ERROR_FOR_ATTR}]")
    for index in range(errors.count()):
        expect(errors.nth(index)).to_be_hidden()
    calc.field("contract_total").press("Enter")
    for name in ("contract_total", "percent_complete", "amount_paid"):
        expect(calc.error(name)).to_have_text(calc.text("error.required"))
    calc.expect_withheld()


@by_code
def test_milestones_add_remove_and_totals(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter("amount_paid", "30000")
    calc.choose("share_mode", "milestones")
    expect(calc.field("contract_total")).to_be_hidden()
    expect(calc.field("percent_complete")).to_be_hidden()
    expect(calc.milestones()).to_have_count(2)
    calc.fill_milestone(0, "25000", "100", name="Logo for Client AS")
    calc.fill_milestone(1, "15000", "0")
    calc.expect_result(earned_work=2500000, earned=2500000, refund=500000)
    totals = calc.root.locator(f"[{calculator.MILESTONE_TOTALS_ATTR}]")
    expect(totals).to_contain_text("62")
    assert "Logo" not in calc.fragment() and "Client" not in calc.fragment()

    calc.root.locator(f"[{calculator.MILESTONE_ADD_ATTR}]").click()
    expect(calc.milestones()).to_have_count(3)
    expect(calc.milestone(2).locator('input[name="milestone_name"]')).to_be_focused()
    expect(calc.milestone(2).locator("legend")).to_have_text(
        calc.text("milestone.legend").replace("{n}", "3")
    )
    calc.fill_milestone(2, "10000", "50")
    calc.expect_result(earned_work=3000000, earned=3000000, refund=0, balance_due=0)

    calc.milestone(1).locator(f"[{calculator.MILESTONE_REMOVE_ATTR}]").click()
    expect(calc.milestones()).to_have_count(2)
    expect(calc.milestone(1).locator("legend")).to_have_text(
        calc.text("milestone.legend").replace("{n}", "2")
    )
    expect(calc.milestone(1).locator('input[name="milestone_price"]')).to_have_value("10000")
    calc.expect_result(earned_work=3000000, refund=0)
    expect(calc.milestone(0).locator('input[name="milestone_name"]')).to_have_value("Logo for Client AS")

    calc.milestone(1).locator(f"[{calculator.MILESTONE_REMOVE_ATTR}]").click()
    expect(calc.milestones()).to_have_count(1)
    expect(calc.milestone(0).locator(f"[{calculator.MILESTONE_REMOVE_ATTR}]")).to_be_disabled()
    calc.expect_result(earned_work=2500000, refund=500000)

    # A bad row withholds the result and is marked in its own row.
    calc.fill_milestone(0, "25000", "150")
    expect(calc.error("milestone_percent", calc.milestone(0))).to_have_text(calc.text("error.over_100"))
    calc.expect_withheld()
    calc.choose("share_mode", "percent")
    calc.enter_all(contract_total="40000", percent_complete="60")
    calc.expect_result(refund=600000)


@by_code
def test_vat_split_into_credit_note_lines(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    net, vat = EXAMPLE_VAT[lang.code]
    calc.expect_result(refund=600000, refund_net=net, refund_vat=vat, refund_gross=600000)
    credit = calc.text("credit-note.heading")
    expect(calc.root.get_by_text(credit, exact=True)).to_be_visible()

    calc.field("vat_included").uncheck()
    # The amounts are net now: the VAT comes on top of the refund (the rate in percent times 6 000,00 / 100).
    vat_on_top = 6000 * (lang.vat_rate_bp // 100)
    calc.expect_result(
        refund=600000, refund_net=600000, refund_vat=vat_on_top, refund_gross=600000 + vat_on_top
    )
    gross = "7 500,00 kr" if lang.code == "nb" else "£7,200.00"
    assert gross in calc.advice()

    calc.enter("vat_rate", "0")
    calc.expect_result(refund=600000, refund_net=600000, refund_vat=0)
    assert len(calc.root.locator(f"[{calculator.ADVICE_ATTR}] p").all()) == 1
    calc.expect_no_broken_numbers()


@by_code
def test_full_refund_mode_refunds_everything_paid(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.choose("settlement", "full")
    calc.expect_result(earned=2400000, refund=3000000, balance_due=0)
    assert "mode=full" in calc.fragment()
    calc.enter("amount_paid", "0")
    calc.expect_result(refund=0, balance_due=0)
    assert calc.advice() == calc.text("result.nothing-paid")
    calc.choose("settlement", "by_work")
    calc.expect_result(refund=0, balance_due=2400000)


def test_currency_change_in_english(page, base_url):
    calc = open_calculator(page, base_url, EN)
    expect(calc.field("currency")).to_have_value("GBP")
    calc.enter_all(contract_total="40,000", percent_complete="60", amount_paid="£30,000")
    calc.expect_result(refund=600000)
    calc.field("currency").select_option("EUR")
    expect(calc.error("amount_paid")).to_have_text(calc.text("error.wrong_currency"))
    calc.expect_withheld()
    calc.enter("amount_paid", "€30,000")
    calc.expect_result(refund=600000)
    assert "€6,000.00" in calc.advice()
    assert "cur=EUR" in calc.fragment()
    expect(calc.field("contract_total").locator("xpath=..")).to_contain_text("€")


def test_currency_change_in_norwegian(page, base_url):
    calc = open_calculator(page, base_url, NB)
    expect(calc.field("currency")).to_have_value("NOK")
    calc.field("currency").select_option("SEK")
    calc.enter_all(contract_total="40 000:-", percent_complete="60", amount_paid="30 000 SEK")
    calc.expect_result(refund=600000)
    assert "6 000,00 SEK" in calc.advice()
    calc.field("currency").select_option("USD")
    expect(calc.error("amount_paid")).to_be_visible()
    calc.expect_withheld()


@by_code
def test_defaults_come_from_the_language(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    expect(calc.field("currency")).to_have_value(lang.currency)
    expect(calc.field("vat_rate")).to_have_value(str(lang.vat_rate_bp // 100))
    expect(calc.field("expenses")).to_have_value("0")
    expect(calc.field("vat_included")).to_be_checked()
    expect(calc.root.locator('input[name="settlement"][value="by_work"]')).to_be_checked()
    # Every control has a visible label in the page's language.
    label = calc.root.locator(f"label[for='{calc.field('contract_total').get_attribute('id')}']")
    expect(label).to_have_text(calc.text("contract_total.label"))


@by_code
def test_keyboard_only(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.field("currency").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "contract_total", focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus must be visible"
    page.keyboard.type(EXAMPLE[lang.code]["contract_total"])
    page.keyboard.press("Tab")
    page.keyboard.type("60")
    page.keyboard.press("Tab")
    page.keyboard.type(EXAMPLE[lang.code]["amount_paid"])
    calc.expect_result(refund=600000)
    # Milestones by keyboard: the radio group, then the add button.
    calc.root.locator('input[name="share_mode"][value="percent"]').focus()
    page.keyboard.press("ArrowDown")
    expect(calc.root.locator('input[name="share_mode"][value="milestones"]')).to_be_checked()
    calc.root.locator(f"[{calculator.MILESTONE_ADD_ATTR}]").focus()
    page.keyboard.press("Enter")
    expect(calc.milestones()).to_have_count(3)
    expect(calc.announcer()).to_have_text(calc.text("milestone.added").replace("{n}", "3"))


@by_code
def test_no_accessibility_violations_in_any_state(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    assert_no_axe_violations(page, f"{lang.code}/refunds.html, empty calculator")
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=600000)
    assert_no_axe_violations(page, f"{lang.code}/refunds.html with a result")
    calc.enter("amount_paid", "abc")
    expect(calc.error("amount_paid")).to_be_visible()
    assert_no_axe_violations(page, f"{lang.code}/refunds.html after an invalid amount")
    calc.choose("share_mode", "milestones")
    calc.fill_milestone(0, "1", "-1")
    assert_no_axe_violations(page, f"{lang.code}/refunds.html in milestone mode with an error")
