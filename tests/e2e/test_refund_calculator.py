"""The refund calculator in Chromium, in both languages: typing, pasting, bad input, milestones, units, the
VAT basis of each amount, settlement and currency, 320 px, keyboard and accessibility."""

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

# The worked example as a reader of each language has and types it: the contract total as in the
# contract (40 000 ex. VAT), the payment as on the bank statement (25 000 incl. 25 % VAT), 30 % of the work
# done.
EXAMPLE = {
    "nb": {"contract_total": "40 000", "percent_complete": "30", "amount_paid": "25 000"},
    "en": {"contract_total": "40000", "percent_complete": "30", "amount_paid": "25 000"},
}
# Earned 12 000 ex. VAT; refund 8 000 + 2 000 VAT = 10 000 paid back, on a credit note of 8 000 + 2 000 VAT.
EXAMPLE_RESULT = {
    "earned": 1200000,
    "refund": 1000000,
    "refund_net": 800000,
    "refund_vat": 200000,
    "refund_gross": 1000000,
    "balance_due": 0,
}
REFUND_TEXT = {"nb": "10 000,00 kr", "en": "NOK 10,000.00"}


def open_calculator(page, base_url, lang, fragment="") -> Calculator:
    return Calculator.open(page, base_url, lang, fragment)


@by_code
def test_typing_the_worked_example_gives_the_refund(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "incomplete")
    assert calc.advice() == calc.text("result.incomplete")
    for name, text in EXAMPLE[lang.code].items():
        calc.field(name).press_sequentially(text)
    calc.expect_result(**EXAMPLE_RESULT)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    # One refund: the sentence and the rows name the same money, incl. VAT, with the credit note's lines.
    advice = calc.advice()
    net, vat = ("8 000,00 kr", "2 000,00 kr") if lang.code == "nb" else ("NOK 8,000.00", "NOK 2,000.00")
    assert REFUND_TEXT[lang.code] in advice and net in advice and vat in advice, advice
    assert calc.text("basis.incl") in advice
    assert calc.result("refund").inner_text().replace(NBSP, " ") == REFUND_TEXT[lang.code]
    formula = calc.root.locator(f"[{calculator.FORMULA_ATTR}]").inner_text().replace(NBSP, " ")
    assert REFUND_TEXT[lang.code] in formula and TIMES in formula
    assert calc.fragment().startswith("#calc=2&")
    calc.expect_no_broken_numbers()


@by_code
def test_every_result_row_says_incl_or_ex_vat(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(**EXAMPLE_RESULT)
    excl, incl = calc.text("basis.excl"), calc.text("basis.incl")
    vat_row = calc.text("row.refund_vat").split("(")[0]
    labels = calc.root.locator(".refund-calculator__row:visible dt").all_inner_texts()
    assert len(labels) >= 9, labels
    for label in labels:
        assert label.endswith((excl, incl)) or label.startswith(vat_row), label
    calc.enter("vat_rate", "0")
    calc.expect_result(refund=1300000, refund_vat=0)
    labels = calc.root.locator(".refund-calculator__row:visible dt").all_inner_texts()
    assert not [label for label in labels if excl in label or incl in label], labels


# What banks' pages, spreadsheets and phones put into a copied number: thin and figure spaces, bidi marks,
# zero-width spaces, a soft hyphen, a byte-order mark, a trailing tab.
PASTED = {
    "nb": {"contract_total": "kr\u202f40\u2009000,-", "amount_paid": "\u202a12\u00a0500,50\u202c kr\t"},
    "en": {"contract_total": "NOK\u00a040\u2007000", "amount_paid": "\ufeff12\u200b500.50\u00ad"},
}


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
    # 12 500,50 incl. VAT is 10 000,40 ex. VAT: 24 000 minus 10 000,40 is still to invoice, plus VAT.
    calc.expect_result(earned=2400000, refund=0, balance_due_net=2400000 - 1000040)
    assert re.search(r"\d", calc.advice())
    expect(calc.error("amount_paid")).to_be_hidden()


# kind -> (field, nb text, en text, error code)
BAD_INPUT = {
    "empty": ("contract_total", "", "", "required"),
    "letters": ("amount_paid", "tretti tusen", "thirty thousand", "invalid_character"),
    "thousands or decimals": ("amount_paid", "12.500", "2,500", "ambiguous_separator"),
    "groups of the wrong size": ("amount_paid", "1 23 456", "1 23 456", "bad_grouping"),
    "units over the total": ("units_done", "121", "121", "units_over_total"),
    "two decimal separators": ("amount_paid", "1,5,0", "1.5.0", "two_decimal_separators"),
    "negative": ("expenses", "-500", "-500", "negative"),
    "percent over 100": ("percent_complete", "120", "120", "over_100"),
    "too many decimals": ("contract_total", "100,555", "100.555", "too_many_decimals"),
    "absurdly large": ("contract_total", "9" * 25, "9" * 25, "too_large"),
    "markup": (
        "amount_paid",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "invalid_character",
    ),
    "another currency": ("amount_paid", "€300", "€300", "wrong_currency"),
}


@pytest.mark.parametrize("kind", BAD_INPUT, ids=list(BAD_INPUT))
@by_code
def test_bad_input_gets_a_message_next_to_the_field_and_no_result(page, base_url, lang, kind):
    name, nb_text, en_text, code = BAD_INPUT[kind]
    calc = open_calculator(page, base_url, lang)
    example = dict(EXAMPLE[lang.code])
    if name.startswith("units"):
        calc.choose("share_mode", "units")
        calc.enter_all(units_done="36", units_total="120")  # 30 %, as in the example
        del example["percent_complete"]
    calc.enter_all(**example)
    calc.expect_result(refund=1000000)

    typed = nb_text if lang.code == "nb" else en_text
    calc.enter(name, typed)
    field = calc.field(name)
    error = calc.error(name)
    expect(error).to_be_visible()
    template = calc.text(f"error.{code}")
    message = error.inner_text().replace(NBSP, " ")
    assert message.startswith(template.split("{")[0]) or template.startswith(("«{", "“{")), message
    assert "{" not in message
    # The message names what is wrong; it never shows an example that looks like what was typed.
    if typed.strip():
        assert typed not in message, message
    if code == "ambiguous_separator":
        readings = ("12500", "12,5") if lang.code == "nb" else ("2500", "2.5")
        assert all(reading in message for reading in readings), message
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

    calc.enter(name, EXAMPLE[lang.code].get(name, {"units_done": "36"}.get(name, "0")))
    expect(error).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert error_id not in (field.get_attribute("aria-describedby") or "")
    calc.expect_result(refund=1000000)


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
    calc.enter("vat_rate", "0")  # the shares of work are the point here, not the VAT
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
def test_units_of_work_give_the_exact_share(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(contract_total="40000", amount_paid="25000")
    calc.choose("share_mode", "units")
    expect(calc.field("percent_complete")).to_be_hidden()
    expect(calc.field("contract_total")).to_be_visible()
    calc.enter_all(units_done="37", units_total="120")
    # 40 000 times 37/120 is 12 333,33 (not 40 000 times 30,83 %, 12 332): the fraction, rounded once.
    calc.expect_result(earned_work=1233333, refund_net=766667, refund_vat=191667, refund=958334)
    assert "units=3700_12000" in calc.fragment()
    calc.enter("units_total", "0")
    expect(calc.error("units_total")).to_have_text(calc.text("error.zero_units"))
    calc.expect_withheld()


@by_code
def test_each_amount_has_its_vat_basis(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    # The VAT question comes before the amounts, and each amount says its basis at the field.
    order = calc.root.evaluate(
        """root => [...root.querySelectorAll("input[name], select[name]")].map((el) => el.name)"""
    )
    assert order.index("vat_rate") < order.index("contract_total") < order.index("amount_paid")
    for amount, basis in calculator.BASIS_FIELDS.items():
        control = calc.field(basis)
        expect(control).to_have_value(calculator.DEFAULT_BASES[basis])
        expect(control).to_have_accessible_name(re.compile(re.escape(calc.text(f"{amount}.label"))))
        wrapper = control.locator("xpath=ancestor::*[@data-field][1]")
        expect(wrapper).to_have_attribute("data-field", amount)

    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(**EXAMPLE_RESULT)
    credit = calc.text("credit-note.heading")
    expect(calc.root.get_by_text(credit, exact=True)).to_be_visible()

    # The payment typed ex. VAT: 25 000 net, so 13 000 + 3 250 VAT = 16 250 back.
    calc.basis("amount_paid", "excl")
    calc.expect_result(refund_net=1300000, refund_vat=325000, refund=1625000)
    assert "pb=excl" in calc.fragment()
    # The contract typed incl. VAT: 32 000 net, earned 9 600.
    calc.basis("contract_total", "incl")
    calc.expect_result(earned=960000, refund_net=1540000, refund=1925000)
    # Costs incl. VAT lose their VAT part: 1 250 incl. = 1 000 ex.
    calc.enter("expenses", "1250")
    calc.basis("expenses", "incl")
    calc.expect_result(expenses=100000, earned=1060000)

    # No VAT: the bases step aside and change nothing.
    calc.enter("vat_rate", "0")
    for basis in calculator.BASIS_FIELDS.values():
        expect(calc.field(basis)).to_be_hidden()
    calc.expect_result(earned=1325000, refund=1175000, refund_net=1175000, refund_vat=0)
    assert len(calc.root.locator(f"[{calculator.ADVICE_ATTR}] p").all()) == 1
    calc.expect_no_broken_numbers()


@by_code
def test_a_balance_owed_is_a_final_invoice(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**{**EXAMPLE[lang.code], "amount_paid": "10000"})
    calc.expect_result(refund=0, balance_due=500000, balance_due_net=400000, balance_due_vat=100000)
    expect(calc.root.get_by_text(calc.text("final-invoice.heading"), exact=True)).to_be_visible()
    expect(calc.root.get_by_text(calc.text("credit-note.heading"), exact=True)).to_be_hidden()
    assert calc.text("result.unpaid-invoice") in calc.advice()


@by_code
def test_full_refund_mode_refunds_everything_paid(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.choose("settlement", "full")
    calc.expect_result(earned=1200000, refund=2500000, refund_net=2000000, refund_vat=500000, balance_due=0)
    assert "mode=full" in calc.fragment()
    calc.enter("amount_paid", "0")
    calc.expect_result(refund=0, balance_due=0)
    assert calc.advice().startswith(calc.text("result.nothing-paid"))
    calc.choose("settlement", "by_work")
    calc.expect_result(refund=0, balance_due=1500000, balance_due_net=1200000)


def test_currency_change_in_english(page, base_url):
    calc = open_calculator(page, base_url, EN)
    expect(calc.field("currency")).to_have_value("NOK")
    calc.field("currency").select_option("GBP")
    # A currency proposes its standard VAT rate while the reader has not typed one.
    expect(calc.field("vat_rate")).to_have_value("20")
    calc.enter_all(contract_total="40,000.00", percent_complete="30", amount_paid="£24,000.00")
    # £24,000 incl. 20 % VAT is £20,000 ex.: £8,000 + £1,600 VAT back.
    calc.expect_result(refund=960000, refund_net=800000, refund_vat=160000)
    calc.field("currency").select_option("EUR")
    expect(calc.field("vat_rate")).to_have_value("20")  # the euro has no single rate: the rate stays
    expect(calc.error("amount_paid")).to_have_text(calc.text("error.wrong_currency"))
    calc.expect_withheld()
    calc.enter("amount_paid", "€24,000.00")
    calc.expect_result(refund=960000)
    assert "€9,600.00" in calc.advice()
    assert "cur=EUR" in calc.fragment()
    expect(calc.field("contract_total").locator("xpath=..")).to_contain_text("€")


def test_a_currency_changed_again_before_its_rate_is_announced_is_not_announced_stale(page, base_url):
    """The proposed rate is said 0.4 s after a change; a second change within that time (to a currency with no
    single rate) must neither announce the first currency's rate nor throw (the page fixture fails on any
    uncaught error)."""
    calc = open_calculator(page, base_url, EN)
    calc.field("currency").select_option("GBP")
    calc.field("currency").select_option("EUR")
    page.wait_for_timeout(800)
    expect(calc.field("vat_rate")).to_have_value("20")
    expect(calc.announcer()).not_to_contain_text("GBP")


def test_currency_change_in_norwegian(page, base_url):
    calc = open_calculator(page, base_url, NB)
    expect(calc.field("currency")).to_have_value("NOK")
    calc.enter("vat_rate", "12")  # typed by the reader: no currency changes it
    calc.field("currency").select_option("SEK")
    expect(calc.field("vat_rate")).to_have_value("12")
    calc.enter("vat_rate", "0")
    calc.enter_all(contract_total="40 000:-", percent_complete="60", amount_paid="30 000 SEK")
    calc.expect_result(refund=600000)
    assert "6 000,00 SEK" in calc.advice()
    calc.field("currency").select_option("USD")
    expect(calc.error("amount_paid")).to_be_visible()
    calc.expect_withheld()


def test_a_proposed_rate_follows_the_currency_until_the_reader_types_one(page, base_url):
    calc = open_calculator(page, base_url, NB)
    calc.field("currency").select_option("GBP")
    expect(calc.field("vat_rate")).to_have_value("20")
    calc.field("currency").select_option("DKK")
    expect(calc.field("vat_rate")).to_have_value("25")
    expect(calc.announcer()).to_contain_text("25")


@by_code
def test_defaults_come_from_the_language(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    expect(calc.field("currency")).to_have_value(lang.currency)
    # Both editions: Norwegian kroner and 25 % VAT (the English one serves freelancers working in Norway).
    assert (lang.currency, lang.vat_rate_bp) == ("NOK", 2500)
    expect(calc.field("vat_rate")).to_have_value(str(lang.vat_rate_bp // 100))
    expect(calc.field("expenses")).to_have_value("0")
    for basis, value in calculator.DEFAULT_BASES.items():
        expect(calc.field(basis)).to_have_value(value)
    expect(calc.root.locator('input[name="settlement"][value="by_work"]')).to_be_checked()
    # Every control has a visible label in the page's language.
    label = calc.root.locator(f"label[for='{calc.field('contract_total').get_attribute('id')}']")
    expect(label).to_have_text(calc.text("contract_total.label"))


@by_code
def test_keyboard_only(page, base_url, lang):
    calc = open_calculator(page, base_url, lang)
    calc.field("currency").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "vat_rate"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "contract_total", focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus must be visible"
    page.keyboard.type(EXAMPLE[lang.code]["contract_total"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "contract_total_basis"
    page.keyboard.press("Tab")
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.type(EXAMPLE[lang.code]["amount_paid"])
    calc.expect_result(refund=1000000)
    # Milestones by keyboard: the radio group, then the add button.
    calc.root.locator('input[name="share_mode"][value="percent"]').focus()
    page.keyboard.press("ArrowDown")
    expect(calc.root.locator('input[name="share_mode"][value="units"]')).to_be_checked()
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
    calc.expect_result(refund=1000000)
    assert_no_axe_violations(page, f"{lang.code}/refunds.html with a result")
    calc.enter("amount_paid", "5000")
    calc.expect_result(refund=0)
    assert_no_axe_violations(page, f"{lang.code}/refunds.html with a final invoice")
    calc.choose("share_mode", "units")
    assert_no_axe_violations(page, f"{lang.code}/refunds.html in units mode")
    calc.choose("share_mode", "percent")
    calc.enter("amount_paid", "abc")
    expect(calc.error("amount_paid")).to_be_visible()
    assert_no_axe_violations(page, f"{lang.code}/refunds.html after an invalid amount")
    calc.choose("share_mode", "milestones")
    calc.fill_milestone(0, "1", "-1")
    assert_no_axe_violations(page, f"{lang.code}/refunds.html in milestone mode with an error")


@pytest.mark.parametrize("state", ["empty", "result", "errors", "milestones"])
@by_code
def test_at_320_px_nothing_sticks_out(page, base_url, lang, state):
    page.set_viewport_size({"width": 320, "height": 800})
    calc = open_calculator(page, base_url, lang)
    if state in ("result", "errors"):
        calc.enter_all(**EXAMPLE[lang.code])
        calc.expect_result(refund=1000000)
    if state == "errors":
        calc.enter("amount_paid", "1 2345 678 901 234 567,891 kr")
        expect(calc.error("amount_paid")).to_be_visible()
    if state == "milestones":
        calc.choose("share_mode", "milestones")
        calc.fill_milestone(0, "1 000 000 000", "33,33" if lang.code == "nb" else "33.33")
    # Nothing in the calculator reaches past the viewport's right edge, so it never makes the page scroll
    # sideways. (The page as a whole, header included, is the site's 320 px test.)
    sticking_out = calc.root.evaluate(
        """root => [root, ...root.querySelectorAll("*")]
            .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > innerWidth + 0.5)
            .map((el) => `${el.tagName}.${el.className} ${el.getAttribute("name") ?? ""}`)"""
    )
    assert sticking_out == [], sticking_out
    assert calc.root.evaluate("root => root.scrollWidth <= root.clientWidth")
    viewport = page.viewport_size["width"]
    for control in calc.root.locator("input:visible, select:visible, button:visible, dd:visible").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport + 0.5, (
            control.get_attribute("name"),
            box,
        )
