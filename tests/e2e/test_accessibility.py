"""WCAG 2.2 A and AA, checked by axe-core on every page of both languages and in the states readers put
the interactive parts in: the search open with results, checklists ticked and reset, the refund calculator
filled, showing an error and reset.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe import assert_no_axe_violations
from playwright.sync_api import expect

from built import site_pages
from playbook import languages

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
# The pages as written (docs/<default language>/*.md); the parity check keeps the other languages in step.
PAGES = sorted(path.stem + ".html" for path in (ROOT / "docs" / languages.DEFAULT.code).glob("*.md"))
EVERY_PAGE = [(lang, name) for lang in LANGS for name in PAGES]
SEARCH_TERM = {"nb": "refusjon", "en": "refund"}


def open_page(page, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response and response.status == 200, path
    page.wait_for_load_state("networkidle")


def test_the_pages_checked_are_the_pages_built(site):
    for lang in LANGS:
        assert site_pages(site, lang) == set(PAGES), lang.code


@pytest.mark.parametrize(
    ("lang", "name"), EVERY_PAGE, ids=[f"{lang.code}-{name}" for lang, name in EVERY_PAGE]
)
def test_every_page_meets_wcag_a_and_aa(page, base_url, lang, name):
    open_page(page, base_url, lang.url_prefix + name)
    assert_no_axe_violations(page, lang.url_prefix + name)


def test_the_not_found_page_meets_wcag_a_and_aa(page, base_url):
    page.goto(base_url + "404.html")
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page, "404.html")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_search_with_results_meets_wcag_a_and_aa(page, base_url, lang):
    open_page(page, base_url, lang.url_prefix + "index.html")
    page.keyboard.press("/")
    query = page.locator("input[data-md-component=search-query]")
    query.press_sequentially(SEARCH_TERM[lang.code], delay=30)  # Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert_no_axe_violations(page, f"{lang.url_prefix}index.html with search results")


# --- Checklists: every list ticked, the reset confirmation open, after the reset, and without storage ---

CHECKLIST_PAGES = sorted(
    path.stem + ".html"
    for path in (ROOT / "docs" / languages.DEFAULT.code).glob("*.md")
    if "/// checklist" in path.read_text(encoding="utf-8")
)
STORAGE_REFUSED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


def checklist_roots(page):
    from playbook.blocks.checklist import CHECKLIST_ATTR

    roots = page.locator(f"[{CHECKLIST_ATTR}]")
    assert roots.count() >= 1, f"{page.url}: no checklist"
    return roots


def tick_everything(page) -> None:
    from playbook.blocks.checklist import ITEM_ATTR

    for box in checklist_roots(page).locator(f"input[{ITEM_ATTR}]").all():
        box.check()


def test_the_checklist_pages_are_the_four_of_the_playbook():
    assert {"before.html", "conversation.html", "after.html", "prevention.html"} <= set(CHECKLIST_PAGES)


@pytest.mark.parametrize(
    ("lang", "name"),
    [(lang, name) for lang in LANGS for name in CHECKLIST_PAGES],
    ids=[f"{lang.code}-{name}" for lang in LANGS for name in CHECKLIST_PAGES],
)
def test_checklists_ticked_confirming_and_reset_meet_wcag_a_and_aa(page, base_url, lang, name):
    from playbook.blocks.checklist import ITEM_ATTR, RESET_ATTR

    where = lang.url_prefix + name
    open_page(page, base_url, where)
    tick_everything(page)
    assert_no_axe_violations(page, f"{where} with every item ticked")

    first = checklist_roots(page).first
    first.locator(f"[{RESET_ATTR}]").click()
    dialog = first.locator("dialog[open]")
    dialog.wait_for(state="visible")
    assert_no_axe_violations(page, f"{where} asking to confirm a reset")

    dialog.locator("button[value=reset]").click()
    dialog.wait_for(state="hidden")
    expect(first.locator(f"input[{ITEM_ATTR}]:checked")).to_have_count(0)  # the reset cleared every tick
    assert_no_axe_violations(page, f"{where} after a reset")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_checklists_without_storage_meet_wcag_a_and_aa(page, base_url, lang):
    page.add_init_script(STORAGE_REFUSED)
    for name in CHECKLIST_PAGES:
        where = lang.url_prefix + name
        open_page(page, base_url, where)
        tick_everything(page)
        assert_no_axe_violations(page, f"{where} where the browser refuses storage")


# --- The refund calculator: filled with a result, showing an error, and emptied again -----------------------

CALCULATOR_PAGE = "refunds.html"
CALCULATOR_ATTR = "data-refund-calculator"
# A valid case in the calculator's own field names (scripts/playbook/calculator.py), and a bad amount.
FILLED = {"contract_total": "40000", "percent_complete": "25", "amount_paid": "40000", "expenses": "1500"}
NOT_A_NUMBER = "forty thousand"


def calculator_landed() -> bool:
    """The widget is part of the project: its module exists or mkdocs.yml loads it."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    module = ROOT / "scripts" / "playbook" / "blocks" / "calculator"
    return module.is_dir() or "playbook.blocks.calculator" in config


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_refund_calculator_filled_error_and_emptied_states_meet_wcag_a_and_aa(page, base_url, site, lang):
    built = (site / lang.url_prefix / CALCULATOR_PAGE).read_text(encoding="utf-8")
    if CALCULATOR_ATTR not in built:
        assert not calculator_landed(), (
            f"the refund calculator has landed but {CALCULATOR_PAGE} has no widget"
        )
        pytest.skip("the refund calculator has not landed: refunds.html has no [data-refund-calculator] yet")
    from playbook.blocks import calculator

    where = lang.url_prefix + CALCULATOR_PAGE
    open_page(page, base_url, where)
    root = page.locator(f"[{calculator.ROOT_ATTR}]")
    assert root.count() == 1, f"{where}: expected one calculator"
    # The form is drawn at load; the first field the reader fills fetches the engine, which shows the result.
    page.locator(f"[{calculator.ROOT_ATTR}] form").wait_for(state="attached")

    def enter(name: str, value: str) -> None:
        field = root.locator(f'input[name="{name}"]')
        assert field.count() == 1, f"{where}: no field {name!r}"
        field.fill(value)
        field.press("Tab")

    for name, value in FILLED.items():
        enter(name, value)
    expect(root).to_have_attribute(calculator.STATUS_ATTR, "ready")  # a valid case gives a result
    assert_no_axe_violations(page, f"{where} filled in, with a result")

    enter("contract_total", NOT_A_NUMBER)
    expect(root).to_have_attribute(calculator.STATUS_ATTR, "invalid")  # the bad amount is refused
    message = root.locator(f"[{calculator.ERROR_FOR_ATTR}='contract_total']")
    expect(message).to_be_visible()
    expect(message).not_to_have_text("")
    assert_no_axe_violations(page, f"{where} showing an error")

    # Emptied again (the calculator has no reset button: a reader clears the fields): no result stays up.
    for name in FILLED:
        enter(name, "")
    expect(root).not_to_have_attribute(calculator.STATUS_ATTR, "ready")  # an emptied form gives no answer
    expect(root.locator(f"[{calculator.RESULT_ATTR}][{calculator.VALUE_ATTR}]")).to_have_count(0)
    assert_no_axe_violations(page, f"{where} emptied again")
