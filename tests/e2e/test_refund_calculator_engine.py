"""The refund calculator's engine, an on-demand part (issue #16's page weight): the refunds page loads the
form alone, and the engine (part-refund-calculator-engine.js with its strings) on the reader's first use, or
at once when there is a calculation to show. What the reader typed or clicked before it arrived is answered;
offline, the calculator says so in the page's language and a retry works. Both languages, in Chromium."""

from __future__ import annotations

import json
import re

import pytest
from axe import assert_no_axe_violations
from calculator_page import Calculator, refunds_url
from held_requests import expect_part_failed, hold, part_requested, release, requested, wait_held
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
PART = f"part-{calculator.ENGINE_PART}.js"

# The worked example (tests/e2e/test_refund_calculator.py): 40 000 ex. VAT, 30 % done, 25 000 paid
# incl. 25 % VAT. Earned 12 000; paid 20 000 ex. VAT; refund 8 000 + 2 000 VAT = 10 000.
TYPED = {"contract_total": "40000", "percent_complete": "30", "amount_paid": "25000"}
EXPECTED = {
    "earned": 1_200_000,
    "refund_net": 800_000,
    "refund_vat": 200_000,
    "refund": 1_000_000,
    "balance_due": 0,
}


def grouped(digits: str) -> str:
    """An expression for `digits` as the page may write them, grouped by thousands with any space."""
    return r"[\s\u00a0]?".join(digits)


def fetched(page) -> list[str]:
    """The engine and its strings file, as far as the page has requested them."""
    return part_requested(page, calculator.ENGINE_PART)


def opened(page, base_url, lang, fragment: str = "") -> Calculator:
    """The refunds page with its form on the page, not used yet."""
    page.goto(refunds_url(base_url, lang, fragment))
    calc = Calculator(page, lang)
    calc.wait_form()
    return calc


def expect_no_result(calc: Calculator) -> None:
    """No figure and no status: nothing was worked out."""
    expect(calc.root).not_to_have_attribute(calculator.STATUS_ATTR, calculator.STATUSES[0])
    assert calc.root.get_attribute(calculator.STATUS_ATTR) is None
    expect(calc.root.locator(f"[{calculator.VALUE_ATTR}]")).to_have_count(0)
    calc.expect_no_broken_numbers()


@by_code
def test_the_page_loads_the_form_and_fetches_the_engine_once_on_first_use(page, base_url, lang):
    calc = opened(page, base_url, lang)
    assert requested(page, f"widget-{calculator.NAME}.js"), "the form's bundle is fetched at load"
    # The whole form is there, labelled, with its defaults; the result region is there, empty.
    expect(calc.field("contract_total")).to_be_visible()
    expect(calc.root.locator("label[for='refund-contract-total']")).to_have_text(
        calc.text("contract_total.label")
    )
    expect(calc.field("vat_rate")).to_have_value("25")
    expect(calc.field("expenses")).to_have_value("0")
    expect(calc.milestones()).to_have_count(2)
    expect(calc.root.locator("h3")).to_have_text(calc.text("result.heading"))
    expect(calc.root.locator(f"[{calculator.LOAD_STATUS_ATTR}]")).to_have_attribute("role", "status")
    expect(calc.announcer()).to_have_attribute("aria-live", "polite")
    expect(calc.root.locator(f"[{calculator.RESULT_ATTR}]")).to_have_count(0)
    expect_no_result(calc)
    page.wait_for_timeout(500)
    assert fetched(page) == [], "a reader who only reads the page is not sent the engine"
    assert calc.root.get_attribute(calculator.ENGINE_ATTR) is None
    assert_no_axe_violations(page, f"{lang.code}/refunds.html, the form before the engine")

    # The result region is there as an empty form has it, so the engine's arrival moves nothing on the page.
    advice = calc.root.locator(f"[{calculator.ADVICE_ATTR}]")
    expect(advice).to_have_text(calc.text("result.incomplete"))
    expect(calc.root.locator(f"[{calculator.COPY_SUMMARY_ATTR}]")).to_be_disabled()
    box = "(el) => { const r = el.getBoundingClientRect(); return [r.top + scrollY, r.height]; }"
    before = calc.root.evaluate(box)

    calc.field("contract_total").focus()  # the first use: a field gets the focus
    calc.wait_engine()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "incomplete")
    expect(advice).to_have_text(calc.text("result.incomplete"))
    assert calc.root.evaluate(box) == before
    calc.enter_all(**TYPED)
    calc.expect_result(**EXPECTED)
    found = fetched(page)
    assert len(found) == 2, found  # its code and its strings in the page's language, once
    assert any(f"strings-{calculator.ENGINE_PART}.{lang.code}.js" in name for name in found)


@by_code
def test_what_is_typed_before_the_engine_arrives_is_worked_out_when_it_does(page, base_url, lang):
    held = hold(page, f"**/{PART}")
    calc = opened(page, base_url, lang)
    # Typed at once, fast, while the engine is on its way.
    calc.field("contract_total").click()
    page.keyboard.type(TYPED["contract_total"])
    calc.field("percent_complete").click()
    page.keyboard.type(TYPED["percent_complete"])
    calc.field("amount_paid").click()
    page.keyboard.type(TYPED["amount_paid"])
    wait_held(page, held, "the engine")
    expect(calc.root).to_have_attribute(calculator.ENGINE_ATTR, "loading")
    expect(calc.root.locator(".refund-calculator__result")).to_have_attribute("aria-busy", "true")
    expect_no_result(calc)
    held[0].continue_()
    calc.wait_engine()
    calc.expect_result(**EXPECTED)
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    expect(calc.root.locator(".refund-calculator__result")).not_to_have_attribute("aria-busy", "true")
    # Nothing the reader typed was lost or overwritten, and the result is theirs: in the address too.
    for name, text in TYPED.items():
        expect(calc.field(name)).to_have_value(text)
    assert calc.fragment().startswith("#calc=2&")
    assert len(fetched(page)) == 2
    # From now on it answers at once.
    calc.enter("percent_complete", "50")
    calc.expect_result(earned=2_000_000, refund=0, balance_due=0)


@by_code
def test_a_button_clicked_before_the_engine_arrives_is_answered(page, base_url, lang):
    held = hold(page, f"**/{PART}")
    calc = opened(page, base_url, lang)
    calc.choose("share_mode", "milestones")
    # The form shows the chosen share of work at once; the engine is not needed for that.
    expect(calc.root.locator("[data-share-group='milestones']")).to_be_visible()
    expect(calc.root.locator("[data-share-group='percent']")).to_be_hidden()
    calc.root.locator(f"[{calculator.MILESTONE_ADD_ATTR}]").click()
    wait_held(page, held, "the engine")
    expect(calc.milestones()).to_have_count(2)  # not yet
    held[0].continue_()
    calc.wait_engine()
    expect(calc.milestones()).to_have_count(3)  # the click, answered once
    third = calc.milestone(2)
    expect(third.locator("legend")).to_have_text(calc.text("milestone.legend").replace("{n}", "3"))
    expect(third.locator("input[name='milestone_name']")).to_be_focused()
    expect(calc.announcer()).to_have_text(calc.text("milestone.added").replace("{n}", "3"))
    expect(calc.root.locator("input[name='share_mode'][value='milestones']")).to_be_checked()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "incomplete")


@by_code
def test_a_click_before_the_engine_is_forgotten_once_the_reader_types_after_it(page, base_url, lang):
    """A "Remove" clicked while the engine is on its way, then the reader types into that row: the late click
    must not remove the row with what was typed since."""
    held = hold(page, f"**/{PART}")
    calc = opened(page, base_url, lang)
    calc.choose("share_mode", "milestones")
    first = calc.milestone(0)
    first.locator(f"[{calculator.MILESTONE_REMOVE_ATTR}]").click()
    wait_held(page, held, "the engine")
    first.locator("input[name='milestone_name']").fill("Design")
    held[0].continue_()
    calc.wait_engine()
    expect(calc.milestones()).to_have_count(2)
    expect(calc.milestone(0).locator("input[name='milestone_name']")).to_have_value("Design")


@by_code
def test_a_calculation_link_and_a_stored_calculation_bring_the_engine_at_once(page, browser, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(**TYPED)
    calc.expect_result(**EXPECTED)
    link = page.url
    assert "#calc=2&" in link

    # A link, in a browser that has nothing stored: the result shows without the reader touching anything.
    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(link)
        shared = Calculator(fresh, lang)
        shared.wait_form()
        expect(shared.root).to_have_attribute(calculator.ENGINE_ATTR, "ready")
        expect(shared.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
        shared.expect_result(**EXPECTED)
        for name, text in TYPED.items():  # as the page writes an amount: "40 000" in nb
            expect(shared.field(name)).to_have_value(re.compile(rf"^{grouped(text)}$"))
    finally:
        other.close()

    # No link, but this browser keeps the last calculation: the same, at mount.
    page.goto(base_url + lang.url_prefix + "index.html")
    again = opened(page, base_url, lang)
    expect(again.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    again.expect_result(**EXPECTED)
    assert len(fetched(page)) == 2


@pytest.mark.allow_console_errors  # the refused requests for the engine
@by_code
def test_when_the_engine_cannot_load_the_calculator_says_so_and_a_retry_works(page, base_url, lang):
    page.route(f"**/{PART}", lambda route: route.abort())
    calc = opened(page, base_url, lang)
    for name, text in TYPED.items():
        calc.field(name).fill(text)
    status, retry = expect_part_failed(
        calc.root,
        calculator.ENGINE_ATTR,
        calculator.LOAD_STATUS_ATTR,
        calculator.RETRY_ATTR,
        calc.text("load.failed"),
        calc.text("load.retry"),
    )
    expect_no_result(calc)  # never a figure the engine did not work out
    for name, text in TYPED.items():
        expect(calc.field(name)).to_have_value(text)
    assert_no_axe_violations(page, f"{lang.code}/refunds.html, the engine could not load")

    # A second failure says the same; once the connection is back, the retry brings the result.
    retry.click()
    expect(calc.root).to_have_attribute(calculator.ENGINE_ATTR, "failed")
    expect(status).to_have_text(calc.text("load.failed"))
    page.unroute(f"**/{PART}")
    retry.focus()
    page.keyboard.press("Enter")
    calc.wait_engine()
    expect(retry).to_be_hidden()
    expect(status).to_have_text("")
    expect(calc.root.locator(".refund-calculator__result")).to_be_focused()
    calc.expect_result(**EXPECTED)
    for name, text in TYPED.items():
        expect(calc.field(name)).to_have_value(text)


@pytest.mark.allow_console_errors  # the refused request for the engine
def test_a_link_opened_offline_shows_the_form_and_the_message_not_a_stale_figure(page, base_url):
    lang = languages.by_code("en")
    fragment = "#calc=2&total=4000000&pct=3000&paid=2500000&exp=0&cur=NOK&mode=by_work&rate=2500"
    fragment += "&tb=excl&pb=incl&eb=excl"
    page.route(f"**/{PART}", lambda route: route.abort())
    calc = opened(page, base_url, lang, fragment)
    expect(calc.root).to_have_attribute(calculator.ENGINE_ATTR, "failed")
    expect(calc.root.locator(f"[{calculator.LOAD_STATUS_ATTR}]")).to_have_text(calc.text("load.failed"))
    expect_no_result(calc)
    page.unroute(f"**/{PART}")
    # Back online, Try again fetches it again.
    calc.root.locator(f"[{calculator.RETRY_ATTR}]").focus()
    page.keyboard.press("Enter")
    calc.wait_engine()
    calc.expect_result(**EXPECTED)  # the link's figures, the reader having typed nothing
    expect(calc.field("contract_total")).to_have_value("40000")


@pytest.mark.allow_console_errors  # the engine's strings lack a key: the error is logged
@by_code
def test_an_engine_that_arrives_but_cannot_run_says_so_without_a_retry(page, base_url, lang):
    table = languages.load_strings(lang.code)
    form = {calculator.STRING_PREFIX + key for key in calculator.FORM_STRING_KEYS}
    engine = {key: text for key, text in table.items() if key.startswith("calculator.") and key not in form}
    del engine["calculator.error.required"]  # a faulty build: one message missing
    name = f"{calculator.ENGINE_PART}.{lang.code}"
    body = f'(globalThis.playbookStrings||={{}})["{name}"]={json.dumps(engine)};'
    page.route(
        f"**/strings-{name}.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )
    calc = opened(page, base_url, lang)
    calc.field("contract_total").fill("40000")
    expect(calc.root).to_have_attribute(calculator.ENGINE_ATTR, "broken")
    expect(calc.root.locator(f"[{calculator.LOAD_STATUS_ATTR}]")).to_have_text(calc.text("load.broken"))
    expect(calc.root.locator(f"[{calculator.RETRY_ATTR}]")).to_be_hidden()
    expect_no_result(calc)
    expect(calc.field("contract_total")).to_have_value("40000")


def test_a_link_does_not_pull_the_page_to_the_calculator_once_the_reader_has_scrolled(page, base_url):
    """A calculation link shows the calculator with its figures once the engine is there; a reader who
    scrolled while it was on its way stays where they are. Without scrolling, the page goes to it."""
    fragment = "#calc=2&total=4000000&pct=6000&paid=3000000&exp=0&cur=NOK&mode=by_work&rate=2500"
    fragment += "&tb=excl&pb=excl&eb=excl"
    english = languages.by_code("en")
    top = "Math.round(document.querySelector('[data-refund-calculator]').getBoundingClientRect().top)"
    for scrolls in (False, True):
        held = hold(page, f"**/{PART}")
        page.goto("about:blank")
        page.goto(refunds_url(base_url, english, fragment), wait_until="domcontentloaded")
        wait_held(page, held, "the engine")
        if scrolls:
            page.mouse.move(200, 200)
            page.mouse.wheel(0, 300)
            page.wait_for_timeout(300)
        before = page.evaluate("scrollY")
        release(page, held, f"**/{PART}")
        calc = Calculator(page, english)
        calc.wait_engine()
        calc.expect_result(earned=2_400_000)
        page.wait_for_timeout(300)
        if scrolls:
            assert page.evaluate("scrollY") == before, "the page moved away from where the reader scrolled"
        else:
            assert abs(page.evaluate(top)) < 120, "the calculator is not at the top of the window"
