"""The week of the exit (issue #12) in Chromium: the new pages' checklists keep a reader's ticks across
reloads and share them between the languages like the others, their templates copy with one click, and
the pages fit a phone and meet WCAG A and AA there too (test_accessibility.py sweeps every page, ticked
and reset, at the desktop width; the first test here makes sure that sweep includes the new pages).

Selectors use the attribute names declared in playbook.blocks.checklist, the interface the widget keeps; the
helpers are the checklist tests' own.
"""

from __future__ import annotations

import pytest
from axe import assert_no_axe_violations
from playwright.sync_api import expect
from test_accessibility import CHECKLIST_PAGES, PAGES
from test_checklist_browser import box, open_page, progress, root, stored, text
from test_navigation import switch_language

from playbook import languages
from playbook.blocks.checklist import ITEM_ATTR, field_id

NB = languages.by_code("nb")
EN = languages.by_code("en")
NEW_PAGES = ("decide", "exit-plan", "notice", "handover", "settlement", "hard-cases")
NEW_CHECKLISTS = (
    ("decide", "decide"),
    ("exit-plan", "exit-plan"),
    ("notice", "written-notice"),
    ("handover", "handover"),
    ("handover", "personal-data"),
    ("settlement", "settlement"),
    ("hard-cases", "written-only-exit"),
    ("hard-cases", "agency-exit"),
)
# Titled code blocks (templates) per page, in page order.
TEMPLATE_COUNTS = {"notice": 2, "handover": 1, "hard-cases": 1}
PHONE = {"width": 375, "height": 800}
# Elements of the article reaching past the screen's right edge that no scrolling box of the article holds
# (Material lets tables run to the screen edge on phones and scroll inside their wrapper: that is fine).
OVERFLOW = """() => {
    const article = document.querySelector("article");
    const held = (element) => {
        for (let e = element.parentElement; e && e !== article.parentElement; e = e.parentElement) {
            if (["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX)) return true;
        }
        return false;
    };
    return [...article.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !held(e))
        .map((e) => `${e.tagName.toLowerCase()} «${(e.textContent || "").trim().slice(0, 40)}»`);
}"""


def item_ids(page, checklist_id: str) -> list[str]:
    boxes = root(page, checklist_id).locator(f"input[{ITEM_ATTR}]")
    return [boxes.nth(i).get_attribute(ITEM_ATTR) for i in range(boxes.count())]


def test_the_accessibility_sweep_covers_the_new_pages_and_their_checklists():
    for name in NEW_PAGES:
        assert f"{name}.html" in PAGES, name
        assert f"{name}.html" in CHECKLIST_PAGES, name


@pytest.mark.parametrize(("name", "checklist_id"), NEW_CHECKLISTS, ids=[c for _n, c in NEW_CHECKLISTS])
def test_a_tick_survives_a_reload_and_shows_in_the_other_language(page, base_url, name, checklist_id):
    open_page(page, base_url + f"{name}.html")
    items = item_ids(page, checklist_id)
    assert len(items) >= 5
    first, last = items[0], items[-1]
    key = f"playbook.checklist.{checklist_id}"
    assert stored(page, key) is None
    # The label, as a reader clicks the text; then the box itself.
    root(page, checklist_id).locator(f"label[for='{field_id(checklist_id, first)}']").click()
    box(page, last, checklist_id).check()
    assert stored(page, key) == {"version": 1, "ticked": sorted([first, last])}

    page.reload()
    done = {
        code: text(lang, "checklist.progress", done=2, total=len(items))
        for code, lang in (("nb", NB), ("en", EN))
    }
    expect(progress(page, checklist_id)).to_have_text(done["nb"])
    for item in items:
        expect(box(page, item, checklist_id)).to_be_checked(checked=item in {first, last})

    open_page(page, base_url + f"en/{name}.html")
    assert item_ids(page, checklist_id) == items, "the same items in the same order in both languages"
    expect(progress(page, checklist_id)).to_have_text(done["en"])
    expect(box(page, first, checklist_id)).to_be_checked()
    box(page, first, checklist_id).uncheck()

    open_page(page, base_url + f"{name}.html")
    expect(box(page, first, checklist_id)).not_to_be_checked()
    expect(box(page, last, checklist_id)).to_be_checked()
    assert stored(page, key) == {"version": 1, "ticked": [last]}


def test_ticks_follow_the_reader_through_the_language_menu(page, base_url):
    open_page(page, base_url + "settlement.html")
    box(page, "issue-credit-note", "settlement").check()
    box(page, "send-collection-notice", "settlement").check()
    switch_language(page, EN)
    assert page.url.split("#")[0] == base_url + "en/settlement.html"  # the menu keeps the reader's section
    expect(box(page, "issue-credit-note", "settlement")).to_be_checked()
    expect(box(page, "send-collection-notice", "settlement")).to_be_checked()
    expect(box(page, "send-final-invoice", "settlement")).not_to_be_checked()
    box(page, "send-collection-notice", "settlement").uncheck()
    switch_language(page, NB)
    expect(box(page, "issue-credit-note", "settlement")).to_be_checked()
    expect(box(page, "send-collection-notice", "settlement")).not_to_be_checked()


def test_a_page_with_two_checklists_keeps_them_apart(page, base_url):
    open_page(page, base_url + "handover.html")
    box(page, "remove-your-access", "handover").check()
    box(page, "confirm-deletion", "personal-data").check()
    assert stored(page, "playbook.checklist.handover") == {"version": 1, "ticked": ["remove-your-access"]}
    assert stored(page, "playbook.checklist.personal-data") == {"version": 1, "ticked": ["confirm-deletion"]}
    expect(progress(page, "handover")).to_have_text(text(NB, "checklist.progress", done=1, total=9))
    expect(progress(page, "personal-data")).to_have_text(text(NB, "checklist.progress", done=1, total=7))


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_every_template_copies_whole_with_one_click(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    for name, count in TEMPLATE_COUNTS.items():
        page.goto(base_url + lang.url_prefix + f"{name}.html")
        blocks = page.locator("article .highlight").filter(has=page.locator(".filename"))
        expect(blocks).to_have_count(count)
        for index in range(count):
            block = blocks.nth(index)
            expected = block.locator("code").inner_text().strip()
            assert "[" in expected and "]" in expected, f"{name}: a template without placeholders"
            button = block.locator("button[data-md-type=copy]")
            assert button.get_attribute("title"), "the copy button needs an accessible name"
            block.hover()
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.strip() == expected, f"{lang.code}/{name}: template {index + 1} copied incompletely"


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_new_pages_fit_a_phone_and_meet_wcag_a_and_aa_there(browser, base_url, lang):
    # axe-core is injected as an inline script, which the pages' own script policy refuses: this context
    # lets it in (tests/e2e/test_csp.py holds the pages to their policy).
    context = browser.new_context(locale="nb-NO", viewport=PHONE, bypass_csp=True)
    try:
        page = context.new_page()
        for name in NEW_PAGES:
            where = lang.url_prefix + f"{name}.html"
            open_page(page, base_url + where)
            # The article's own content (tables and templates scroll inside their own boxes); the header's
            # chrome is the site's, not these pages'.
            outside = page.evaluate(OVERFLOW)
            assert not outside, f"{where}: past the edge of a phone's screen: {outside}"
            assert_no_axe_violations(page, f"{where} at {PHONE['width']}px")
    finally:
        context.close()
