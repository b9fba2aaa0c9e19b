"""The refund calculator's state outside the form: share links (and links of version 1), hostile
fragments, reload, cleared figures, the last calculation kept in this browser and the menu round trip, the
language switch, the copied summary, print, and the page without JavaScript."""

from __future__ import annotations

import re

import pytest
from calculator_page import NBSP, TIMES, Calculator, refunds_url
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator

NB = languages.by_code("nb")
EN = languages.by_code("en")
by_code = pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)

# Typed as the page writes numbers back, so restored text can be compared as it is: 40 000 ex. VAT, 60 %,
# costs 1 250,50 ex. VAT, 35 000 paid incl. VAT (28 000 ex.). Refund 2 749,50 + 687,38 VAT = 3 436,88.
EXAMPLE = {
    "nb": {
        "contract_total": "40 000",
        "percent_complete": "60",
        "amount_paid": "35 000",
        "expenses": "1 250,50",
    },
    "en": {
        "contract_total": "40000",
        "percent_complete": "60",
        "amount_paid": "35000",
        "expenses": "1,250.50",
    },
}
REFUND = 343688
REFUND_TEXT = {"nb": "3 436,88 kr", "en": "NOK 3,436.88"}


def fill_milestone_example(calc: Calculator) -> None:
    """Milestones typed as the page writes numbers back, so the restored text can be compared as it is."""
    en = calc.lang.code == "en"
    calc.enter("amount_paid", "30000" if en else "30 000")
    calc.basis("amount_paid", "excl")
    calc.choose("share_mode", "milestones")
    calc.fill_milestone(0, "25000" if en else "25 000", "100", name="Confidential client name")
    calc.fill_milestone(1, "15000" if en else "15 000", "33.33" if en else "33,33")
    calc.choose("settlement", "by_work")
    calc.expect_result(earned=2999950)


@pytest.mark.parametrize("shape", ["simple", "milestones"])
@by_code
def test_a_share_link_restores_every_input_and_the_same_result(page, browser, base_url, lang, shape):
    calc = Calculator.open(page, base_url, lang)
    if shape == "simple":
        calc.enter_all(**EXAMPLE[lang.code])
        calc.choose("settlement", "full")
        calc.field("currency").select_option("DKK")
        calc.expect_result(refund=3500000)  # everything paid, as paid (incl. VAT)
    else:
        fill_milestone_example(calc)
    link = page.url
    assert "#calc=2&" in link
    assert "Confidential" not in link
    values, results = calc.values(), calc.results()
    assert results["refund"] is not None

    other = browser.new_context()
    try:
        opened = other.new_page()
        errors = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.goto(link)
        restored = Calculator(opened, lang)
        restored.wait_mounted()
        expect(restored.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
        assert restored.results() == results
        got = restored.values()
        # Milestone names are deliberately not in the link; every other input is restored.
        names = [key for key, value in values.items() if value == "Confidential client name"]
        assert all(got[key] == "" for key in names)
        assert {k: v for k, v in got.items() if k not in names} == {
            k: v for k, v in values.items() if k not in names
        }
        assert not errors
    finally:
        other.close()


HOSTILE = {
    "script tag": "#calc=1&total=<script>window.__xss=1</script>",
    "image tag": '#calc=1&total="><img src=x onerror="window.__xss=1">',
    "10k characters": "#calc=1&total=" + "9" * 10_000,
    "10k letters": "#" + "a" * 10_000,
    "unknown key": "#calc=1&total=100&paid=0&pct=0&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500&name=Ola",
    "prototype": "#calc=1&total=1&paid=0&pct=0&exp=0&cur=__proto__&mode=by_work&vat=1&rate=2500",
    "percent over 100": "#calc=1&total=1&paid=0&pct=10001&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500",
    "too large": "#calc=1&total=" + "9" * 30 + "&paid=0&pct=0&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500",
    "percent-encoded": "#calc%3D1%26total%3D100",
    "heading anchor": "#calculator",
}


@pytest.mark.parametrize("name", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_fragment_is_ignored_and_the_defaults_kept(page, base_url, name):
    calc = Calculator.open(page, base_url, NB, HOSTILE[name])
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "incomplete")
    expect(calc.field("contract_total")).to_have_value("")
    expect(calc.field("amount_paid")).to_have_value("")
    expect(calc.field("currency")).to_have_value(NB.currency)
    errors = calc.root.locator(f"[{calculator.ERROR_FOR_ATTR}]")
    for index in range(errors.count()):
        expect(errors.nth(index)).to_be_hidden()
    calc.expect_withheld()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src=x]").count() == 0
    # A calculation link that does not decode is said to be damaged; anything else is no link at all.
    status = calc.load_status()
    if HOSTILE[name].startswith("#calc="):
        expect(status).to_have_text(calc.text("link.damaged"))
        assert calc.fragment() == "", "the damaged link stayed in the address"
    else:
        expect(status).to_have_text("")
    # The page still works, and the notice goes once the reader types.
    calc.enter_all(contract_total="100", percent_complete="50", amount_paid="100")
    calc.expect_result(refund=3750, refund_net=3000, refund_vat=750)
    expect(status).to_have_text("")


@by_code
def test_a_damaged_link_says_so_and_shows_what_this_browser_kept_instead(page, base_url, lang):
    """A link cut short when copied: the form shows the last calculation from this browser, and says that
    it is not the link's; the address becomes that calculation's."""
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    kept = calc.fragment()
    values = calc.values()
    page.goto("about:blank")  # a new visit, not a change of this page's fragment
    page.goto(refunds_url(base_url, lang, kept[: len(kept) // 2]))
    calc.wait_mounted()
    expect(calc.load_status()).to_have_text(calc.text("link.damaged-browser"))
    expect(calc.load_status()).to_be_in_viewport()  # brought into view, as a good link's figures are
    expect(calc.load_status()).to_have_attribute("role", "status")
    assert calc.values() == values
    calc.expect_result(refund=REFUND)
    assert calc.fragment() == kept
    calc.enter("expenses", "0")
    expect(calc.load_status()).to_have_text("")


def test_a_damaged_link_pasted_into_the_tab_says_so_and_keeps_the_form(page, context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    calc = Calculator.open(page, base_url, NB)
    calc.enter_all(**EXAMPLE["nb"])
    calc.expect_result(refund=REFUND)
    first = calc.fragment()
    calc.enter("amount_paid", "10 000")
    calc.expect_result(balance_due=2156313)
    shown = calc.fragment()
    page.evaluate("fragment => { location.hash = fragment; }", first[: len(first) // 2])
    expect(calc.load_status()).to_have_text(calc.text("link.damaged"))
    expect(calc.load_status()).to_be_in_viewport()
    expect(calc.field("amount_paid")).to_have_value(re.compile(r"^10\s000$"))
    calc.expect_result(balance_due=2156313)
    assert calc.fragment() == shown, "the address kept the damaged link"
    calc.root.locator(f"[{calculator.COPY_LINK_ATTR}]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(shown), "Copy link copied the damaged link"
    page.evaluate("fragment => { location.hash = fragment; }", first)  # a good link: shown, the notice gone
    expect(calc.field("amount_paid")).to_have_value(re.compile(r"^35\s000$"))
    calc.expect_result(refund=REFUND)
    expect(calc.load_status()).to_have_text("")


@by_code
def test_reload_keeps_the_state(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    results, values = calc.results(), calc.values()
    page.reload()
    calc.wait_mounted()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert calc.results() == results
    assert calc.values() == values


def test_typing_does_not_flood_the_history(page, base_url):
    calc = Calculator.open(page, base_url, EN)
    length = page.evaluate("history.length")
    calc.field("expenses").fill("")
    for name, text in EXAMPLE["en"].items():
        calc.field(name).press_sequentially(text)
    calc.expect_result(refund=REFUND)
    assert page.evaluate("history.length") == length


def test_a_link_pasted_into_the_same_tab_is_shown(page, base_url):
    calc = Calculator.open(page, base_url, EN)
    calc.enter_all(**EXAMPLE["en"])
    first = calc.fragment()
    calc.enter("amount_paid", "10000")
    calc.expect_result(balance_due=2156313)
    page.evaluate("fragment => { location.hash = fragment; }", first)
    expect(calc.field("amount_paid")).to_have_value("35000")
    calc.expect_result(refund=REFUND)


@by_code
def test_copy_summary_and_copy_link(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    calc = Calculator.open(page, base_url, lang)
    copy = calc.root.locator(f"[{calculator.COPY_SUMMARY_ATTR}]")
    expect(copy).to_be_disabled()
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    copy.click()
    expect(calc.root.get_by_role("status").filter(has_text=calc.text("copied-summary"))).to_be_visible()
    text = page.evaluate("navigator.clipboard.readText()").replace(NBSP, " ")
    lines = text.split("\n")
    assert lines[0] == calc.text("summary.title")
    assert lines[1] == calc.text("summary.settlementByWork")
    assert f"{calc.text('summary.refund')}: {REFUND_TEXT[lang.code]} {calc.text('basis.incl')}" in lines, (
        lines
    )
    assert not re.search(r"[<>{}]|NaN|undefined", text)

    calc.root.locator(f"[{calculator.COPY_LINK_ATTR}]").click()
    expect(calc.root.get_by_role("status").filter(has_text=calc.text("copied-link"))).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == page.url


@by_code
def test_print_shows_a_clean_summary(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    page.emulate_media(media="print")
    summary = calc.root.locator(f"[{calculator.SUMMARY_ATTR}]")
    expect(summary).to_be_visible()
    printed = summary.inner_text().replace(NBSP, " ")
    assert calc.text("summary.title") in printed
    # The VAT rate, every amount on its basis, and the credit note's lines, in the site's words.
    for key in (
        "total",
        "percent",
        "expenses",
        "paid",
        "earned",
        "refund",
        "refundNet",
        "refundVat",
        "vatRate",
    ):
        assert calc.text(f"summary.{key}").split("{")[0] in printed, key
    excl, incl = calc.text("basis.excl"), calc.text("basis.incl")
    assert ("40 000,00 kr " if lang.code == "nb" else "NOK 40,000.00 ") + excl in printed
    assert ("35 000,00 kr " if lang.code == "nb" else "NOK 35,000.00 ") + incl in printed
    assert f"{REFUND_TEXT[lang.code]} {incl}" in printed
    assert ("687,38 kr" if lang.code == "nb" else "NOK 687.38") in printed
    expect(calc.root.locator(f"[{calculator.ADVICE_ATTR}]")).to_be_visible()
    expect(calc.root.locator(f"[{calculator.FORMULA_ATTR}]")).to_be_visible()
    for hidden in ("form", "button", "input", "select", f"[{calculator.FALLBACK_ATTR}]"):
        items = calc.root.locator(hidden)
        for index in range(items.count()):
            expect(items.nth(index)).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()

    # Without a result there is nothing to summarise: paper gets the formula and the worked example.
    page.emulate_media(media="screen")
    calc.enter("amount_paid", "abc")
    page.emulate_media(media="print")
    expect(summary).to_be_hidden()
    expect(calc.root.locator(f"[{calculator.FALLBACK_ATTR}]")).to_be_visible()
    expect(calc.root.locator(f"[{calculator.ADVICE_ATTR}]")).to_be_hidden()


@by_code
def test_without_javascript_the_formula_and_example_show(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(refunds_url(base_url, lang))
        root = page.locator(f"[{calculator.ROOT_ATTR}]")
        fallback = root.locator(f"[{calculator.FALLBACK_ATTR}]")
        expect(fallback).to_be_visible()
        text = fallback.inner_text().replace(NBSP, " ")
        assert ("Opptjent" if lang.code == "nb" else "Earned") in text
        assert TIMES in text and "60" in text
        expect(fallback.locator("table")).to_be_visible()
        assert root.locator("input, select, button, form").count() == 0
        assert root.get_attribute(calculator.STATUS_ATTR) is None
        page.emulate_media(media="print")
        expect(fallback).to_be_visible()
    finally:
        context.close()


def test_the_fallback_hides_once_the_form_is_there(page, base_url):
    calc = Calculator.open(page, base_url, NB)
    expect(calc.root.locator(f"[{calculator.FALLBACK_ATTR}]")).to_be_hidden()
    expect(calc.root.locator("form")).to_be_visible()


def test_a_share_link_brings_the_calculator_into_view(page, base_url):
    calc = Calculator.open(page, base_url, EN)
    calc.enter_all(**EXAMPLE["en"])
    link = page.url
    page.goto(base_url + EN.url_prefix + "index.html")
    page.goto(link)
    calc.wait_mounted()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    expect(calc.root.locator("form")).to_be_in_viewport()
    assert re.match(r".*/en/refunds\.html#calc=2&", page.url)


@by_code
def test_a_link_of_version_1_opens_with_its_one_vat_flag_for_every_amount(page, base_url, lang):
    old = "#calc=1&total=4000000&paid=3000000&pct=6000&exp=0&cur=NOK&mode=by_work&vat=1&rate=2500"
    calc = Calculator.open(page, base_url, lang, old)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    for basis in calculator.BASIS_FIELDS.values():
        expect(calc.field(basis)).to_have_value("incl")
    # What the link showed when it was shared: 6 000 incl. VAT back, 4 800 + 1 200 VAT.
    calc.expect_result(refund=600000, refund_net=480000, refund_vat=120000)
    assert "calc=2&" in calc.fragment() and "tb=incl&pb=incl&eb=incl" in calc.fragment()


@by_code
def test_clearing_a_figure_clears_the_address_and_the_stored_calculation(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    assert calc.fragment().startswith("#calc=2&") and calc.stored()
    length = page.evaluate("history.length")

    calc.enter("amount_paid", "")
    expect(calc.root).not_to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert calc.fragment() == ""
    assert calc.stored() is None
    assert page.evaluate("history.length") == length, "replaceState, not a new history entry"
    page.reload()
    calc.wait_mounted()
    expect(calc.field("amount_paid")).to_have_value("")
    expect(calc.field("contract_total")).to_have_value("")
    calc.expect_withheld()

    # A form left broken is not kept either.
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    calc.enter("percent_complete", "160")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "invalid")
    assert calc.fragment() == "" and calc.stored() is None
    page.reload()
    calc.wait_mounted()
    expect(calc.field("percent_complete")).to_have_value("")


@by_code
def test_the_menu_round_trip_restores_the_last_calculation_with_its_milestone_names(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    fill_milestone_example(calc)
    results, values = calc.results(), calc.values()
    assert "Confidential" not in page.url

    # Away through the menu, and back through the menu: no fragment in the address.
    nav = page.locator(".md-sidebar--primary a.md-nav__link")
    nav.and_(page.locator("[href$='index.html'], [href='./'], [href='../'], [href='..']")).first.click()
    page.wait_for_load_state("load")
    assert "refunds" not in page.url
    page.locator(".md-sidebar--primary a.md-nav__link[href$='refunds.html']").first.click()
    page.wait_for_load_state("load")
    calc = Calculator(page, lang)
    calc.wait_mounted()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert calc.results() == results
    assert calc.values() == values, "the figures and the milestone names, from this browser"
    assert calc.fragment().startswith("#calc=2&") and "Confidential" not in page.url


@by_code
def test_the_language_switch_carries_the_calculation(page, base_url, lang):
    other = EN if lang.code == "nb" else NB
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**EXAMPLE[lang.code])
    calc.expect_result(refund=REFUND)
    results = calc.results()
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__list a[hreflang='{other.code}']").click()
    page.wait_for_load_state("load")
    calc = Calculator(page, other)
    calc.wait_mounted()
    assert f"/{other.url_prefix}refunds.html#calc=2&" in page.url
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert calc.results() == results
    expect(calc.field("amount_paid")).to_have_value(f"35{NBSP}000" if other.code == "nb" else "35000")


@by_code
def test_print_of_a_balance_owed_shows_the_final_invoice(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**{**EXAMPLE[lang.code], "amount_paid": "10000"})
    calc.expect_result(balance_due=2156313)
    page.emulate_media(media="print")
    printed = calc.root.locator(f"[{calculator.SUMMARY_ATTR}]").inner_text().replace(NBSP, " ")
    for key in ("balanceDueNet", "balanceDueVat", "balanceDue"):
        assert calc.text(f"summary.{key}").split("{")[0] in printed, key
    assert calc.text("summary.refund") not in printed
    assert ("21 563,13 kr " if lang.code == "nb" else "NOK 21,563.13 ") + calc.text("basis.incl") in printed
