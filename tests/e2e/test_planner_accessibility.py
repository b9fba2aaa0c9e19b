"""The conversation planner meets WCAG 2.2 A and AA (axe-core) in the states a reader puts it in, and a
keyboard reader reaches every control in reading order and always sees where the focus is."""

from __future__ import annotations

import pytest
from axe import assert_no_axe_violations
from calculator_page import Calculator
from planner_page import TYPED, Planner
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator, planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
STORAGE_REFUSED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
# Every control of the planner a reader can reach with Tab, in document order, one stop per radio group.
TABBABLE = """(root) => {
  const groups = new Set();
  return [...root.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
    .filter((el) => !el.closest("dialog"))
    .filter((el) => {
      if (el.type !== "radio") return true;
      if (groups.has(el.name)) return false;
      groups.add(el.name);
      const group = [...root.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
      return el === (group.find((radio) => radio.checked) || group[0]);
    })
    .map((el) => el.id || el.getAttribute("data-planner-copy") || el.textContent.trim());
}"""
ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    key: el.id || el.getAttribute("data-planner-copy") || el.textContent.trim(),
    inPlanner: !!el.closest("[data-conversation-planner]"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


@by_code
def test_the_planner_filled_in_with_a_calculation_meets_wcag(page, base_url, lang):
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="30000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    plan = Planner.open(page, base_url, lang)
    where = f"{lang.url_prefix}planner.html"
    assert_no_axe_violations(page, f"{where} as it opens, with a calculation")
    plan.fill(**TYPED, end_kind="contract_end", handover="hand_over")
    plan.output("script").fill("Edited by hand.")
    expect(plan.button(planner.REGENERATE_ATTR, "script")).to_be_visible()
    plan.button(planner.COPY_ATTR, "confirmation").click()
    assert_no_axe_violations(page, f"{where} filled in, with an edited script")
    # The exit documents open: their texts are h4 under the section's h3, and axe's heading-order agrees.
    plan.open_documents()
    assert_no_axe_violations(page, f"{where} with the exit documents open")
    assert_no_axe_violations(page, f"{where} headings with the exit documents open", tags=("best-practice",))


@by_code
def test_forgetting_meets_wcag(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    where = f"{lang.url_prefix}planner.html"
    plan.button(planner.FORGET_ATTR).click()
    dialog = plan.root.locator("dialog[open]")
    expect(dialog).to_be_visible()
    expect(dialog.locator("button[value=cancel]")).to_be_focused()
    assert_no_axe_violations(page, f"{where} asking to confirm forgetting")
    dialog.locator("button[value=forget]").click()
    expect(dialog).to_be_hidden()
    assert_no_axe_violations(page, f"{where} after forgetting")


@pytest.mark.allow_console_errors
@by_code
def test_the_planner_without_storage_meets_wcag(page, base_url, lang):
    page.add_init_script(STORAGE_REFUSED)
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact="Kari")
    expect(plan.root.locator(".planner__note")).to_be_visible()
    assert_no_axe_violations(page, f"{lang.url_prefix}planner.html where the browser refuses storage")


@by_code
def test_tab_reaches_every_control_of_the_planner_in_order_with_a_visible_ring(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact="Kari")
    plan.output("script").fill("Edited.")  # the regenerate button is a stop too
    expected = plan.root.evaluate(TABBABLE)
    plan.field("client_company").focus()
    page.keyboard.press("Shift+Tab")
    reached = []
    for _ in range(3 * len(expected) + 10):  # a date field has three stops
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if not active["inPlanner"]:
            if reached:
                break
            continue
        if not reached or reached[-1] != active["key"]:  # a date field has a stop for each of its parts
            reached.append(active["key"])
        assert active["ring"], f"no visible focus ring on {active['key']!r}"
    assert reached == expected
    assert len(expected) >= 18, expected
