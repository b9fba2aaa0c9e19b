"""A copy of the built site opened from disk (file://) in Chromium, in both languages: every page loads
without an error or a request to any host, checklists tick and keep their ticks, the calculator computes, the
planner writes its texts, and the search box says that search needs the published site.

Browsers refuse ES modules from file://, so this works only because playbook.js and each widget ship as
classic-script bundles (scripts/playbook/site/bundle.py) under the page's own strict policy.
"""

from __future__ import annotations

import pytest
from calculator_page import Calculator
from planner_page import TYPED, Planner
from playwright.sync_api import expect

from built import site_pages
from playbook import languages
from playbook.blocks import calculator, planner
from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR, PROGRESS_ATTR

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)


@pytest.fixture
def disk(context, site):
    """A page that fails its test on console errors, uncaught errors and any request that is not a file."""
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console error: {msg.text}"))
    page.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    page.on(
        "request", lambda req: req.url.startswith(("file:", "data:")) or problems.append(f"request {req.url}")
    )
    page.on("requestfailed", lambda req: problems.append(f"failed {req.url}: {req.failure}"))
    page.site = site
    yield page
    assert not problems, "\n".join(problems)


def open_from_disk(page, lang: languages.Language, name: str) -> None:
    page.goto((page.site / lang.url_prefix / name).as_uri())
    page.wait_for_load_state("load")


@by_code
def test_every_page_opens_from_disk_with_its_widgets_mounted(disk, site, lang):
    for name in sorted(site_pages(site, lang)):
        open_from_disk(disk, lang, name)
        for root in disk.locator("[data-widget]").all():
            expect(root).to_have_attribute("data-widget-mounted", "true")
        scripts = disk.evaluate("[...document.scripts].map((s) => s.type)")
        assert "module" not in scripts, name


@by_code
def test_checklists_tick_and_keep_their_ticks_from_disk(disk, lang):
    open_from_disk(disk, lang, "before.html")
    root = disk.locator(f"[{CHECKLIST_ATTR}='before-call']")
    expect(root.locator(f"[{PROGRESS_ATTR}]")).to_be_attached()
    box = root.locator(f"input[{ITEM_ATTR}='write-script']")
    box.check()
    expect(root.locator(f"[{PROGRESS_ATTR}]")).to_contain_text("1")
    disk.reload()
    expect(root.locator(f"[{PROGRESS_ATTR}]")).to_be_attached()
    expect(box).to_be_checked()


@by_code
def test_the_calculator_computes_from_disk(disk, lang):
    open_from_disk(disk, lang, "refunds.html")
    calc = Calculator(disk, lang)
    calc.wait_mounted()
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="30000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    calc.expect_result(earned=2400000)  # 60 % of 40 000, in øre/pence
    # Its stylesheet came along (a bundle finds assets/stylesheets/ from its own file, also on disk).
    assert disk.evaluate("[...document.styleSheets].some((s) => (s.href || '').endsWith('/calculator.css'))")


@by_code
def test_the_planner_writes_its_texts_from_disk(disk, lang):
    open_from_disk(disk, lang, "planner.html")
    plan = Planner(disk, lang)
    plan.wait_mounted()
    plan.fill(**TYPED)
    name = next(iter(TYPED.values()))  # the client's name, the first field
    assert name in plan.script() and name in plan.confirmation()
    expect(plan.button(planner.COPY_ATTR).first).to_be_visible()
    # The exit documents' part and its strings load from disk too (classic scripts next to the bundles).
    plan.fill(seller_name="Ola Design")
    assert "Ola Design" in plan.output("notice").input_value()


@by_code
def test_search_says_it_needs_the_published_site(disk, lang):
    open_from_disk(disk, lang, "index.html")
    message = lang.strings()["search.needs_server"]
    box = disk.locator(".md-search__input")
    expect(box).to_have_attribute("placeholder", message)
    box.click()
    expect(disk.locator(".md-search-result__meta")).to_have_text(message)
    expect(box).to_have_js_property("readOnly", True)
