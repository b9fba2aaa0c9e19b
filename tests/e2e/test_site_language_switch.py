"""The language menu keeps the reader's place and marks the current language (issue #14).

lib/language-switch.js: the twin page, at the section being read or the address's fragment, with the
calculator's ``#calc=...`` state carried over; back and forward work as for any link.
"""

from __future__ import annotations

import pytest
from calculator_page import Calculator
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator

NB = languages.by_code("nb")
EN = languages.by_code("en")
PAIRS = [(NB, EN), (EN, NB)]
# Typed as each language writes numbers; the calculator then puts its state in the address.
EXAMPLE = {
    "nb": {"contract_total": "40 000", "percent_complete": "60", "amount_paid": "30 000"},
    # "40,000" alone would be asked about (thousands or decimals?) since English pages take a decimal comma
    "en": {"contract_total": "40000", "percent_complete": "60", "amount_paid": "30000"},
}


def pair_id(pair):
    return f"{pair[0].code}-to-{pair[1].code}"


def switch_language(page, target: languages.Language) -> None:
    """Open Material's language menu with the mouse and pick `target`, as a reader does."""
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__list a[hreflang='{target.code}']").click()
    page.wait_for_load_state("load")


def heading_in_view(page, anchor: str) -> float:
    """How far the heading `anchor` is from the top of the viewport, in CSS pixels."""
    return page.evaluate(f"() => document.getElementById({anchor!r}).getBoundingClientRect().top")


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_the_switch_keeps_the_section_of_the_address(page, base_url, pair):
    source, target = pair
    page.goto(base_url + source.url_prefix + "before.html#plan-to-call")
    switch_language(page, target)
    assert page.url == base_url + target.url_prefix + "before.html#plan-to-call"
    assert 0 <= heading_in_view(page, "plan-to-call") < 150


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_the_switch_keeps_the_section_scrolled_to(page, base_url, pair):
    source, target = pair
    page.goto(base_url + source.url_prefix + "before.html")
    page.evaluate("() => document.getElementById('book-the-call').scrollIntoView()")
    page.wait_for_timeout(100)
    switch_language(page, target)
    assert page.url == base_url + target.url_prefix + "before.html#book-the-call"


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_the_switch_carries_the_calculators_state_and_back_returns(page, base_url, pair):
    source, target = pair
    calc = Calculator.open(page, base_url, source)
    calc.enter_all(**EXAMPLE[source.code])
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    start = page.url
    state = start.partition("#")[2]
    assert state.startswith("calc="), start
    switch_language(page, target)
    assert page.url == base_url + target.url_prefix + "refunds.html#" + state
    # The calculator read the carried state: a complete calculation, with its result on screen.
    calc = Calculator(page, target)
    calc.wait_mounted()
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    assert calc.minor("earned") == 2400000
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == start
    assert page.locator("html").get_attribute("lang") == source.code
    page.go_forward()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == target.code


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_menu_marks_the_current_language(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "refunds.html")
    page.locator(".md-header__option .md-select").hover()
    current = page.locator(f".md-select__list a[hreflang='{lang.code}']")
    expect(current).to_have_attribute("aria-current", "true")
    assert current.evaluate("a => getComputedStyle(a).fontWeight") == "700"
    assert "✓" in current.evaluate("a => getComputedStyle(a, '::before').content")
    others = page.locator(f".md-select__list a[hreflang]:not([hreflang='{lang.code}'])")
    for index in range(others.count()):
        assert others.nth(index).get_attribute("aria-current") is None
    # The tick is decoration: a screen reader hears the language's name (and aria-current), not "tick".
    assert current.evaluate("a => a.textContent.trim()") == lang.name
    name = page.get_by_role("link", name=lang.name, exact=True)
    expect(name).to_have_count(1)
