"""A reader ticking checklists in Chromium: remembered across reloads and languages, reset after confirmation,
usable by keyboard, working without storage or JavaScript, and printable.

Selectors use the attribute names declared in scripts/playbook/checklist.py, the interface the widget keeps.
"""

from __future__ import annotations

import json

import pytest
from axe import assert_no_axe_violations
from playwright.sync_api import expect
from test_navigation import switch_language

from playbook import languages
from playbook.blocks.checklist import (
    CHECKLIST_ATTR,
    ITEM_ATTR,
    PROGRESS_ATTR,
    RESET_ATTR,
    WIDGET_ATTR,
    field_id,
)

NB = languages.by_code("nb")
EN = languages.by_code("en")
KEY = "playbook.checklist.before-call"
BEFORE_ITEMS = (
    "reason-in-facts",
    "reread-contract",
    "list-what-is-owed",
    "work-out-refund",
    "find-replacements",
    "write-script",
    "prepare-notice",
    "schedule-call",
    "plan-a-reward",
)
TOTAL = len(BEFORE_ITEMS)
TITLES = {"nb": "Før samtalen", "en": "Before the conversation"}


def text(lang: languages.Language, key: str, **values) -> str:
    """A reader-facing string as the page shows it (strings/<code>.json)."""
    return lang.strings()[key].format(**values)


def root(page, checklist_id: str = "before-call"):
    return page.locator(f"[{CHECKLIST_ATTR}='{checklist_id}']")


def box(page, item: str, checklist_id: str = "before-call"):
    return root(page, checklist_id).locator(f"input[{ITEM_ATTR}='{item}']")


def progress(page, checklist_id: str = "before-call"):
    return root(page, checklist_id).locator(f"[{PROGRESS_ATTR}]")


def reset_button(page, checklist_id: str = "before-call"):
    return root(page, checklist_id).locator(f"[{RESET_ATTR}]")


def open_page(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    expect(page.locator(f"[{PROGRESS_ATTR}]").first).to_be_attached()  # the widget is mounted


def stored(page, key: str = KEY):
    raw = page.evaluate("(key) => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def test_a_tick_survives_a_reload(page, base_url):
    open_page(page, base_url + "before.html")
    expect(box(page, "write-script")).not_to_be_checked()
    page.get_by_label("Skriv et kort manus").click()  # the label, as a reader clicks the text
    expect(box(page, "write-script")).to_be_checked()
    assert stored(page) == {"version": 1, "ticked": ["write-script"]}

    page.reload()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=1, total=TOTAL))
    expect(box(page, "write-script")).to_be_checked()
    for item in BEFORE_ITEMS:
        if item != "write-script":
            expect(box(page, item)).not_to_be_checked()


def test_ticks_are_shared_between_the_languages(page, base_url):
    open_page(page, base_url + "before.html")
    box(page, "reason-in-facts").check()
    box(page, "schedule-call").check()

    switch_language(page, EN)
    assert page.url.split("#")[0] == base_url + "en/before.html"  # the switch may keep the section's anchor
    expect(progress(page)).to_have_text(text(EN, "checklist.progress", done=2, total=TOTAL))
    expect(box(page, "reason-in-facts")).to_be_checked()
    expect(box(page, "schedule-call")).to_be_checked()
    expect(box(page, "write-script")).not_to_be_checked()
    box(page, "schedule-call").uncheck()

    switch_language(page, NB)
    expect(box(page, "reason-in-facts")).to_be_checked()
    expect(box(page, "schedule-call")).not_to_be_checked()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=1, total=TOTAL))


def test_another_open_tab_follows_the_ticks(context, page, base_url):
    open_page(page, base_url + "before.html")
    english = context.new_page()
    open_page(english, base_url + "en/before.html")
    box(page, "find-replacements").check()
    expect(box(english, "find-replacements")).to_be_checked()
    expect(progress(english)).to_have_text(text(EN, "checklist.progress", done=1, total=TOTAL))
    english.close()


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_progress_text_and_aria_values_update(page, base_url, lang):
    open_page(page, base_url + lang.url_prefix + "before.html")
    bar = page.get_by_role("progressbar", name=TITLES[lang.code])
    expect(bar).to_have_attribute(PROGRESS_ATTR, "")
    expect(bar).to_have_attribute("aria-valuemin", "0")
    expect(bar).to_have_attribute("aria-valuemax", str(TOTAL))
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(bar).to_have_attribute("aria-valuetext", text(lang, "checklist.progress", done=0, total=TOTAL))
    expect(bar).to_have_text(text(lang, "checklist.progress", done=0, total=TOTAL))
    announcer = root(page).locator("[aria-live='polite']")
    expect(announcer).to_have_text("")  # nothing is announced on page load

    for item in ("reason-in-facts", "reread-contract", "write-script"):
        box(page, item).check()
    done = text(lang, "checklist.progress", done=3, total=TOTAL)
    expect(bar).to_have_attribute("aria-valuenow", "3")
    expect(bar).to_have_attribute("aria-valuetext", done)
    expect(bar).to_have_text(done)
    expect(announcer).to_have_text(done)

    box(page, "reread-contract").uncheck()
    expect(bar).to_have_attribute("aria-valuenow", "2")
    expect(announcer).to_have_text(text(lang, "checklist.progress", done=2, total=TOTAL))


def test_the_progress_reads_naturally_in_both_languages(page, base_url):
    open_page(page, base_url + "before.html")
    for item in ("reason-in-facts", "reread-contract", "write-script"):
        box(page, item).check()
    expect(progress(page)).to_have_text(f"3 av {TOTAL} gjort")
    open_page(page, base_url + "en/before.html")
    expect(progress(page)).to_have_text(f"3 of {TOTAL} done")


def test_reset_asks_first_and_clears_only_this_checklist(page, base_url):
    open_page(page, base_url + "conversation.html")
    box(page, "open-calmly", "during-call").check()
    page.evaluate("localStorage.setItem('another-widget', 'keep me')")
    open_page(page, base_url + "before.html")
    box(page, "reason-in-facts").check()
    box(page, "plan-a-reward").check()

    question = text(NB, "checklist.reset-question", title=TITLES["nb"])
    dialog = page.get_by_role("dialog", name=question)
    reset_button(page).click()
    expect(dialog).to_be_visible()
    cancel = dialog.get_by_role("button", name=text(NB, "checklist.reset-cancel"))
    expect(cancel).to_be_focused()  # the safe answer comes first
    cancel.click()
    expect(dialog).to_be_hidden()
    expect(reset_button(page)).to_be_focused()
    expect(box(page, "reason-in-facts")).to_be_checked()
    expect(box(page, "plan-a-reward")).to_be_checked()

    reset_button(page).click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(box(page, "plan-a-reward")).to_be_checked()
    assert stored(page)["ticked"] == ["plan-a-reward", "reason-in-facts"]

    reset_button(page).click()
    dialog.get_by_role("button", name=text(NB, "checklist.reset-confirm")).click()
    expect(dialog).to_be_hidden()
    for item in BEFORE_ITEMS:
        expect(box(page, item)).not_to_be_checked()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=0, total=TOTAL))
    assert stored(page) is None
    assert stored(page, "playbook.checklist.during-call") == {"version": 1, "ticked": ["open-calmly"]}
    assert page.evaluate("localStorage.getItem('another-widget')") == "keep me"

    page.reload()
    expect(box(page, "reason-in-facts")).not_to_be_checked()
    open_page(page, base_url + "conversation.html")
    expect(box(page, "open-calmly", "during-call")).to_be_checked()


def test_reset_in_english_asks_in_english(page, base_url):
    open_page(page, base_url + "en/before.html")
    box(page, "write-script").check()
    reset_button(page).click()
    question = text(EN, "checklist.reset-question", title=TITLES["en"])
    dialog = page.get_by_role("dialog", name=question)
    expect(dialog).to_be_visible()
    expect(reset_button(page)).to_have_text(text(EN, "checklist.reset"))
    dialog.get_by_role("button", name=text(EN, "checklist.reset-confirm")).click()
    expect(box(page, "write-script")).not_to_be_checked()


def test_keyboard_alone_ticks_and_resets_with_visible_focus(page, base_url):
    open_page(page, base_url + "before.html")
    box(page, "reason-in-facts").focus()
    page.keyboard.press("Tab")
    expect(box(page, "reread-contract")).to_be_focused()
    outline = page.evaluate(
        "() => ['outlineStyle', 'outlineWidth'].map((p) => getComputedStyle(document.activeElement)[p])"
    )
    assert outline == ["solid", "3px"]
    page.keyboard.press("Space")
    expect(box(page, "reread-contract")).to_be_checked()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(box(page, "reason-in-facts")).to_be_checked()
    expect(progress(page)).to_have_attribute("aria-valuenow", "2")
    page.keyboard.press("Space")
    expect(box(page, "reason-in-facts")).not_to_be_checked()
    page.keyboard.press("Space")

    box(page, "plan-a-reward").focus()
    page.keyboard.press("Tab")
    expect(reset_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # from "Cancel" to "Yes, reset"
    page.keyboard.press("Enter")
    expect(box(page, "reason-in-facts")).not_to_be_checked()
    expect(box(page, "reread-contract")).not_to_be_checked()
    expect(progress(page)).to_have_attribute("aria-valuenow", "0")


DENIED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
EVERY_CALL_THROWS = """
for (const name of ["getItem", "setItem", "removeItem", "key", "clear"]) {
  Storage.prototype[name] = function () { throw new DOMException("denied", "SecurityError"); };
}
"""
FULL = """
Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
"""
BROKEN_STORAGE = {"turned off": DENIED, "every call throws": EVERY_CALL_THROWS, "full": FULL}


@pytest.mark.parametrize("script", list(BROKEN_STORAGE.values()), ids=list(BROKEN_STORAGE))
def test_storage_that_throws_raises_no_error_and_ticks_work_for_the_visit(page, base_url, watch, script):
    # The page fixture fails the test on any console or uncaught error, Material's own scripts included.
    page.add_init_script(script)
    open_page(page, base_url + "before.html")
    note = root(page).get_by_role("status")
    box(page, "reason-in-facts").check()
    box(page, "write-script").check()
    box(page, "write-script").uncheck()
    expect(box(page, "reason-in-facts")).to_be_checked()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=1, total=TOTAL))
    expect(note).to_have_text(text(NB, "checklist.not-saved"))
    expect(note).to_be_visible()

    reset_button(page).click()
    page.get_by_role("button", name=text(NB, "checklist.reset-confirm")).click()
    expect(box(page, "reason-in-facts")).not_to_be_checked()

    open_page(page, base_url + "en/before.html")  # Material's scripts run on every page, in every language
    box(page, "reason-in-facts").check()
    expect(root(page).get_by_role("status")).to_have_text(text(EN, "checklist.not-saved"))
    assert not watch.problems(), watch.problems()


def test_corrupted_entries_raise_no_error(page, base_url, watch):
    open_page(page, base_url + "before.html")
    scope = page.evaluate("__md_scope.pathname")
    page.evaluate(
        """([key, scope]) => {
            localStorage.setItem(key, "{not json");
            for (const name of ["__palette", "__tabs", "__announce", "__consent", "__search"]) {
                localStorage.setItem(scope + "." + name, "{not json");
            }
        }""",
        [KEY, scope],
    )
    page.reload()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=0, total=TOTAL))
    expect(root(page).get_by_role("status")).to_be_hidden()  # the storage works; nothing to warn about
    box(page, "write-script").check()
    assert stored(page) == {"version": 1, "ticked": ["write-script"]}
    assert not watch.problems(), watch.problems()


def test_the_stored_format_is_versioned_and_foreign_versions_are_not_misread(page, base_url):
    open_page(page, base_url + "before.html")
    page.evaluate(
        "(key) => localStorage.setItem(key, JSON.stringify({ version: 99, ticked: ['write-script'] }))", KEY
    )
    page.reload()
    expect(box(page, "write-script")).not_to_be_checked()
    assert stored(page)["version"] == 99  # left for the later version that wrote it, until the reader ticks
    box(page, "reason-in-facts").check()
    assert stored(page) == {"version": 1, "ticked": ["reason-in-facts"]}


def test_an_item_no_longer_on_the_page_loses_only_its_own_tick(page, base_url):
    open_page(page, base_url + "before.html")
    old = {"version": 1, "ticked": ["gone-item", "write-script"]}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(old)])
    page.reload()
    expect(box(page, "write-script")).to_be_checked()
    expect(progress(page)).to_have_text(text(NB, "checklist.progress", done=1, total=TOTAL))
    assert stored(page) == {"version": 1, "ticked": ["write-script"]}


def test_print_shows_every_box_and_no_buttons(page, base_url):
    open_page(page, base_url + "before.html")
    box(page, "write-script").check()
    page.emulate_media(media="print")
    expect(reset_button(page)).to_be_hidden()
    expect(progress(page)).to_be_hidden()
    expect(root(page).locator("button")).to_have_count(3)  # the reset and the dialog's two: none visible
    for button in root(page).locator("button").all():
        expect(button).to_be_hidden()
    for item in BEFORE_ITEMS:
        expect(box(page, item)).to_be_visible()
        expect(page.locator(f"label[for='{field_id('before-call', item)}']")).to_be_visible()
    expect(box(page, "write-script")).to_be_checked()
    expect(box(page, "reason-in-facts")).not_to_be_checked()
    size = box(page, "write-script").bounding_box()
    assert size and size["width"] >= 10 and size["height"] >= 10
    page.emulate_media(media="screen")
    expect(reset_button(page)).to_be_visible()


def test_without_javascript_the_list_is_readable_with_checkboxes(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "before.html")
        checklist = root(page)
        expect(checklist.locator("legend")).to_have_text(TITLES["nb"])
        expect(checklist.get_by_role("checkbox")).to_have_count(len(BEFORE_ITEMS))
        label = "Skriv et kort manus: beslutning, begrunnelse og neste steg."
        expect(page.get_by_label(label)).to_be_visible()
        expect(checklist.locator(f"[{PROGRESS_ATTR}], [{RESET_ATTR}]")).to_have_count(0)
        page.get_by_label("Skriv et kort manus").check()  # still a real checkbox
        expect(box(page, "write-script")).to_be_checked()
    finally:
        context.close()


def test_moving_between_pages_mounts_each_checklist_once(page, base_url):
    open_page(page, base_url + "before.html")
    box(page, "write-script").check()
    page.locator("a.md-footer__link--next").click()  # Material's "next page" link: the dated plan
    page.wait_for_load_state("load")
    assert page.url == base_url + "exit-plan.html"
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state("load")
    assert page.url == base_url + "conversation.html"
    during = root(page, "during-call")
    expect(during).to_have_attribute(WIDGET_ATTR, "checklist")
    expect(during.locator(f"[{PROGRESS_ATTR}]")).to_have_count(1)
    expect(during.locator(f"[{RESET_ATTR}]")).to_have_count(1)
    page.go_back()
    page.go_back()
    expect(box(page, "write-script")).to_be_checked()
    expect(root(page).locator(f"[{PROGRESS_ATTR}]")).to_have_count(1)


def test_checklist_states_meet_wcag_a_and_aa(page, base_url):
    open_page(page, base_url + "before.html")
    box(page, "write-script").check()
    assert_no_axe_violations(page, "before.html with a ticked item")
    reset_button(page).click()
    assert_no_axe_violations(page, "before.html asking to confirm a reset")
    page.keyboard.press("Escape")


def test_the_storage_note_meets_wcag_a_and_aa(page, base_url):
    page.add_init_script(DENIED)
    open_page(page, base_url + "en/before.html")
    box(page, "write-script").check()
    assert_no_axe_violations(page, "en/before.html without storage")


MATERIAL_HELPERS = """() => {
    const key = "__playbook_probe";
    __md_set(key, { a: 1 });
    let raw = null;
    try { raw = localStorage.getItem(__md_scope.pathname + "." + key); } catch {}
    __md_set(key, { b: 2 }, sessionStorage);
    return { local: __md_get(key), raw, session: __md_get(key, sessionStorage) };
}"""


@pytest.mark.parametrize(
    ("script", "works"),
    [(None, True), *((script, False) for script in BROKEN_STORAGE.values())],
    ids=["working", *BROKEN_STORAGE],
)
def test_materials_storage_helpers_never_throw(page, base_url, script, works):
    """overrides/partials/javascripts/base.html: Material's __md_get/__md_set, same keys, but safe."""
    if script:
        page.add_init_script(script)
    open_page(page, base_url + "before.html")
    result = page.evaluate(MATERIAL_HELPERS)
    if works:
        assert result == {"local": {"a": 1}, "raw": '{"a":1}', "session": {"b": 2}}
    else:
        assert result["local"] is None


def test_materials_storage_helpers_read_a_corrupted_entry_as_nothing(page, base_url):
    open_page(page, base_url + "before.html")
    page.evaluate("localStorage.setItem(__md_scope.pathname + '.__palette', '{not json')")
    assert page.evaluate("__md_get('__palette')") is None
