"""Every page runs under its own strict Content Security Policy in Chromium, with no violation in any state
a reader can bring it into, and a script planted in a page is refused (scripts/playbook/site/csp.py).

Violations are caught twice: a ``securitypolicyviolation`` listener installed before any of the page's own
scripts runs, and the console, where Chromium reports each refusal (the ``page`` fixture fails a test on any
console error as well).
"""

from __future__ import annotations

import re

import pytest
from calculator_page import Calculator
from planner_page import TYPED, Planner
from playwright.sync_api import expect

from built import site_pages
from playbook import languages
from playbook.blocks import calculator, planner
from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR, RESET_ATTR
from playbook.site import csp

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)

# How Chromium reports a refusal in the console: "Refused to execute inline script because it violates the
# following Content Security Policy directive" (older) or "Executing inline script violates the following
# Content Security Policy directive" (newer).
REFUSAL = re.compile(r"Refused to|Content Security Policy")
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def guarded(page):
    """The test page, listening for policy violations from its first script on, and its refusals."""
    refused: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda msg: REFUSAL.search(msg.text) and refused.append(msg.text))
    page.refused = refused
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.refused


def policy_of(page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


@by_code
def test_every_page_carries_its_policy_and_breaks_none_of_it(guarded, site, base_url, lang):
    pages = sorted(site_pages(site, lang)) + (
        ["404.html"] if (site / lang.url_prefix / "404.html").is_file() else []
    )
    assert len(pages) >= 15
    for name in pages:
        guarded.goto(base_url + lang.url_prefix + name)
        guarded.wait_for_load_state("load")
        policy = policy_of(guarded)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, name
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;", policy), (name, policy)
        # Nothing in <head> comes before the policy but <meta charset>.
        first = guarded.evaluate("[...document.head.children].slice(0, 2).map((e) => e.outerHTML)")
        assert first[0].startswith("<meta charset") and "Content-Security-Policy" in first[1], (name, first)
        assert violations(guarded) == [], name


@by_code
def test_no_violation_while_searching(guarded, base_url, lang):
    guarded.goto(base_url + lang.url_prefix + "index.html")
    box = guarded.locator(".md-search__input")
    box.click()
    box.press_sequentially("faktura" if lang.code == "nb" else "invoice", delay=20)
    expect(guarded.locator(".md-search-result__item").first).to_be_visible()
    assert violations(guarded) == []


@by_code
def test_no_violation_with_checklists_ticked_and_the_reset_dialog_open(guarded, base_url, lang):
    guarded.goto(base_url + lang.url_prefix + "before.html")
    checklist = guarded.locator(f"[{CHECKLIST_ATTR}]").first
    expect(checklist).to_have_attribute("data-widget-mounted", "true")
    expect(checklist.locator("[role=status]").first).to_be_attached()
    for box in checklist.locator(f"input[{ITEM_ATTR}]").all()[:3]:
        box.check()
    checklist.locator(f"[{RESET_ATTR}]").click()
    dialog = checklist.locator("dialog[open]")
    expect(dialog).to_be_visible()
    guarded.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    guarded.emulate_media(media="print")
    guarded.emulate_media(media="screen")
    assert violations(guarded) == []


@by_code
def test_no_violation_in_the_calculator_with_results_and_milestones(guarded, base_url, lang):
    calc = Calculator.open(guarded, base_url, lang)
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="30000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    calc.choose("share_mode", "milestones")
    calc.fill_milestone(0, "25000", "100", name="Logo")
    calc.fill_milestone(1, "15000", "0")
    guarded.reload()
    calc.wait_mounted()
    guarded.emulate_media(media="print")
    assert violations(guarded) == []


@by_code
def test_no_violation_in_the_planner_filled_copied_and_forgotten(guarded, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    plan = Planner.open(guarded, base_url, lang)
    plan.fill(**TYPED)
    plan.open_documents()  # the on-demand part: its bundle and its strings file load under the policy
    for name in planner.OUTPUTS:
        plan.button(planner.COPY_ATTR, name).click()
    plan.documents_button().click()  # closed again
    guarded.emulate_media(media="print")
    guarded.emulate_media(media="screen")
    plan.forget(confirm=False)
    plan.forget(confirm=True)
    assert violations(guarded) == []


PLANTED = '<script>window.__planted = "ran";</script>'


@pytest.mark.allow_console_errors
def test_a_script_planted_in_a_built_page_is_refused(guarded, site, base_url):
    """The page as built, served with one inline script more: the policy's hashes do not cover it."""
    built = (site / "refunds.html").read_text(encoding="utf-8")
    assert csp.secure(built) == built
    planted = built.replace("</body>", PLANTED + "</body>")
    guarded.route(
        base_url + "refunds.html",
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=planted),
    )
    guarded.goto(base_url + "refunds.html")
    Calculator(guarded, languages.by_code("nb")).wait_mounted()  # the page's own scripts still run
    assert guarded.evaluate("window.__planted") is None
    found = violations(guarded)
    assert any(text.startswith("script-src") and "inline" in text for text in found), found
    assert any("inline script" in text for text in guarded.refused), guarded.refused


def test_the_site_root_carries_the_headers_a_meta_policy_cannot(site):
    """Netlify and Cloudflare Pages read site/_headers: frame-ancestors, HSTS, nosniff, referrer policy."""
    assert (site / csp.HEADERS_FILE).read_text(encoding="utf-8") == csp.headers_file()
    assert "frame-ancestors 'none'" in csp.headers_file()
