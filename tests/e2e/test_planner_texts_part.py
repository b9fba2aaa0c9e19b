"""The planner's texts' part, loaded on the reader's first use of the planner (issue #16's page weight,
"import on interaction"): at load the page fetches only the form's code; typing loads the part once and its
texts show what was typed before it arrived; a button clicked before it arrived is answered; a returning
reader's drafts are in the form at load and the part comes without their touching anything; the part failing
to load says so in the page's language, with a retry that works."""

from __future__ import annotations

import json
import re

import pytest
from held_requests import expect_part_failed, hold, release, requested, wait_held
from planner_page import Planner, planner_url
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
PART = f"**/part-{planner.TEXTS_PART}.js"


def containing(text: str) -> re.Pattern:
    """A pattern for to_have_value: the value holds `text` as typed."""
    return re.compile(re.escape(text))


def open_quietly(page, base_url: str, lang: languages.Language) -> Planner:
    """Open the planner with the pointer away from it (top left, the header), so nothing counts as use."""
    page.mouse.move(0, 0)
    page.goto(planner_url(base_url, lang))
    plan = Planner(page, lang)
    plan.wait_mounted()
    return plan


def typed_while_held(page, base_url: str, lang: languages.Language, name: str, text: str) -> tuple:
    """The planner opened quietly with its texts' part held, and `text` typed into field `name`, which asks
    for the part: the planner and the held request."""
    plan = open_quietly(page, base_url, lang)
    held = hold(page, PART)
    plan.field(name).fill(text)
    wait_held(page, held, "the texts' part")
    return plan, held


@by_code
def test_at_load_the_page_fetches_the_form_but_not_the_texts_part(page, base_url, lang):
    plan = open_quietly(page, base_url, lang)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert requested(page, f"widget-{planner.NAME}.js"), "the form's code"
    assert requested(page, f"part-{planner.TEXTS_PART}") == [], "not the texts' part"
    assert requested(page, f"strings-{planner.TEXTS_PART}") == [], "nor its strings"
    assert plan.root.get_attribute(planner.TEXTS_STATE_ATTR) is None
    # The form is there and labelled, the texts' boxes and their buttons too, busy until their code arrives.
    expect(page.get_by_label(plan.text("client_contact.label"))).to_be_editable()
    expect(plan.root.locator(f"[{planner.OUTPUT_ATTR}='script']")).to_be_attached()
    expect(plan.root.locator(f"[{planner.COPY_ATTR}='script']")).to_have_text(plan.text("copy.script"))
    expect(plan.root.locator(".planner__outputs").first).to_have_attribute("aria-busy", "true")
    # The page config carries the form's strings, not the part's.
    config = json.loads(page.locator("#playbook-config").text_content())
    assert "planner.print" in config["strings"] and "planner.copied" not in config["strings"]
    assert not [key for key in config["strings"] if key.startswith("calculator.")]


@by_code
def test_typing_loads_the_part_once_and_its_texts_show_what_was_typed_before_it_arrived(page, base_url, lang):
    plan, held = typed_while_held(page, base_url, lang, "client_contact", "Kari Nordmann")
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "loading")
    # The reader goes on typing while the part is on its way.
    plan.field("client_contact").fill("Kari Nordmann-Berg")
    plan.field("replacements", 0).fill("Ola AS")
    assert plan.field("client_contact").input_value() == "Kari Nordmann-Berg"
    release(page, held, PART)
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    expect(plan.output("script")).to_have_value(containing("Kari Nordmann-Berg"))
    assert "Ola AS" in plan.script()
    assert plan.field("client_contact").input_value() == "Kari Nordmann-Berg", "nothing typed was overwritten"
    expect(plan.root.locator(".planner__outputs").first).not_to_have_attribute("aria-busy", "true")
    plan.field("reason_details").fill("Fire runder med endringer.")
    expect(plan.output("script")).to_have_value(containing("Fire runder med endringer"))
    assert len(requested(page, f"part-{planner.TEXTS_PART}")) == 1, "the part is fetched once"
    strings = requested(page, f"strings-{planner.TEXTS_PART}.{lang.code}")
    assert len(strings) == 1, "with the page language's strings"
    # Reloading keeps everything typed, also what was typed before the part arrived.
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    expect(again.field("client_contact")).to_have_value("Kari Nordmann-Berg")
    expect(again.field("replacements", 0)).to_have_value("Ola AS")
    expect(again.output("script")).to_have_value(containing("Kari Nordmann-Berg"))


@by_code
def test_a_text_typed_into_a_box_before_the_part_arrived_is_kept_as_the_readers_own(page, base_url, lang):
    plan = open_quietly(page, base_url, lang)
    held = hold(page, PART)
    box = plan.root.locator(f"[{planner.OUTPUT_ATTR}='script']")
    box.fill("Mitt eget manus.")
    wait_held(page, held, "the texts' part")
    release(page, held, PART)
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    expect(box).to_have_value("Mitt eget manus.")
    expect(plan.root.locator(f"[{planner.REGENERATE_ATTR}='script']")).to_be_visible()
    page.reload()
    expect(Planner(page, lang).output("script")).to_have_value("Mitt eget manus.")


@by_code
def test_a_button_clicked_before_the_part_arrived_is_answered_once_it_is_there(page, base_url, lang):
    plan, held = typed_while_held(page, base_url, lang, "client_company", "Fjordlys AS")
    download = plan.root.locator("[data-download='text'][data-document='script']")
    with page.expect_download() as info:
        download.click()  # before the part: nothing answers it yet
        page.wait_for_timeout(200)
        assert plan.root.get_attribute(planner.TEXTS_STATE_ATTR) == "loading"
        release(page, held, PART)
    saved = info.value.path().read_bytes().decode("utf-8")
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    assert saved == plan.script().replace("\n", "\r\n"), "the text as written once the part arrived"
    expect(plan.root.locator("#planner-script-status")).to_have_text(plan.text("downloaded"))
    assert len(requested(page, f"part-{planner.TEXTS_PART}")) == 1


@by_code
def test_a_returning_reader_sees_their_drafts_at_load_and_the_texts_untouched(page, base_url, lang):
    plan = open_quietly(page, base_url, lang)
    plan.field("client_contact").fill("Kari Nordmann")
    plan.field("handover_details").fill("Kildefilene ligger i den delte mappen.")
    expect(plan.output("script")).to_have_value(containing("Kari Nordmann"))
    held = hold(page, PART)
    page.mouse.move(0, 0)
    page.reload(wait_until="domcontentloaded")  # the held part holds the load event back
    again = Planner(page, lang)
    again.wait_mounted()
    # The drafts are in the form before the part arrives (it is still held) ...
    expect(again.field("client_contact")).to_have_value("Kari Nordmann")
    expect(again.field("handover_details")).to_have_value("Kildefilene ligger i den delte mappen.")
    # ... and the part was asked for at once, with nothing touched.
    wait_held(page, held, "the texts' part")
    release(page, held, PART)
    expect(again.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    box = again.root.locator(f"[{planner.OUTPUT_ATTR}='script']")
    expect(box).to_have_value(containing("Kari Nordmann"))


@pytest.mark.allow_console_errors  # the refused request is logged
@by_code
def test_the_part_failing_to_load_says_so_in_the_page_language_and_a_retry_works(page, base_url, lang):
    plan = open_quietly(page, base_url, lang)
    page.route(PART, lambda route: route.abort())
    plan.field("client_contact").fill("Kari Nordmann")
    status, retry = expect_part_failed(
        plan.root,
        planner.TEXTS_STATE_ATTR,
        planner.TEXTS_STATUS_ATTR,
        planner.TEXTS_RETRY_ATTR,
        plan.text("texts.failed"),
        plan.text("texts.retry"),
    )
    expect(plan.root.locator(".planner__outputs").first).not_to_have_attribute("aria-busy", "true")
    # Typing on is kept meanwhile.
    plan.field("replacements", 0).fill("Ola AS")
    assert plan.stored()["values"]["client_contact"] == "Kari Nordmann"
    page.unroute(PART)
    retry.focus()
    page.keyboard.press("Enter")  # the retry answers the keyboard
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    expect(retry).to_be_hidden()
    expect(status).to_have_text("")
    box = plan.root.locator(f"[{planner.OUTPUT_ATTR}='script']")
    expect(box).to_have_value(containing("Kari Nordmann"))
    assert "Ola AS" in box.input_value()
    expect(box).to_be_focused()


@pytest.mark.allow_console_errors  # the part's strings lack a key: the error is logged
@by_code
def test_a_texts_part_that_loads_but_cannot_be_shown_says_so_without_a_retry(page, base_url, lang):
    plan = open_quietly(page, base_url, lang)
    keys = [planner.STRING_PREFIX + key for key in planner.TEXTS_STRING_KEYS[1:]]  # the first one lacking
    strings = {key: plan.strings[key] for key in keys}
    body = f'(globalThis.playbookStrings||={{}})["{planner.TEXTS_PART}.{lang.code}"]={json.dumps(strings)};'
    page.route(
        f"**/strings-{planner.TEXTS_PART}.{lang.code}.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )
    plan.field("client_contact").fill("Kari Nordmann")
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "broken")
    expect(plan.root.locator(f"[{planner.TEXTS_STATUS_ATTR}]")).to_have_text(plan.text("texts.broken"))
    expect(plan.root.locator(f"[{planner.TEXTS_RETRY_ATTR}]")).to_be_hidden()
    expect(plan.field("client_contact")).to_have_value("Kari Nordmann")
    assert plan.stored()["values"]["client_contact"] == "Kari Nordmann"


@by_code
def test_a_click_while_a_stored_calculation_is_on_its_way_is_answered_once(page, base_url, lang):
    """A reader with a stored calculation gets the texts' part at load, and it waits for the calculation part
    after wiring its buttons: a click in that time is held and answered once the texts are ready, not by the
    button's own handler as well (the disclosure would open and close again)."""
    state = "calc=2&total=4000000&pct=6000&paid=3000000&exp=0&cur=NOK&mode=by_work&rate=2500"
    stored = json.dumps({"version": 1, "state": state}, separators=(",", ":"))
    page.goto(planner_url(base_url, lang))
    page.evaluate("(text) => localStorage.setItem('playbook.calculator.last', text)", stored)
    calculation = f"**/part-{planner.CALCULATION_PART}.js"
    held = hold(page, calculation)
    page.mouse.move(0, 0)
    page.reload(wait_until="domcontentloaded")  # the held script holds the load event back
    wait_held(page, held, "the calculation part")
    button = page.locator(f"[{planner.DOCUMENTS_OPEN_ATTR}]")
    button.click()  # held: the texts are not ready while the calculation is on its way
    page.wait_for_timeout(200)
    assert button.get_attribute("aria-expanded") == "false"
    release(page, held, calculation)
    plan = Planner(page, lang)
    expect(plan.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
    page.wait_for_timeout(300)
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(plan.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")).to_be_visible()
