"""The planner's exit documents, an on-demand part (issue #16's page weight): what a reader sees when opening
them with the mouse, when the part cannot load (offline) and loads on a retry, and on coming back."""

from __future__ import annotations

import json

import pytest
from held_requests import expect_part_failed, part_requested
from planner_page import TYPED, Planner, planner_url
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)


def fetched(page) -> list[str]:
    """The documents' part and its strings file, as far as the page has requested them."""
    return part_requested(page, planner.DOCUMENTS_PART)


@by_code
def test_the_documents_load_only_when_the_reader_opens_them(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    button = plan.documents_button()
    expect(button).to_have_text(plan.text("documents.show"))
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(plan.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")).to_be_hidden()
    assert fetched(page) == [], "nothing of the documents is fetched before the reader asks"
    assert plan.root.locator('[name="seller_name"]').count() == 0
    button.click()
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_text(plan.text("documents.hide"))
    expect(plan.field("seller_name")).to_be_visible()
    expect(plan.output("notice")).to_be_visible()
    assert len(fetched(page)) == 2  # the part's code and its strings in the page's language
    assert any(f"strings-planner-documents.{lang.code}.js" in name for name in fetched(page))
    button.click()  # closed again: hidden, nothing lost
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(plan.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")).to_be_hidden()


@pytest.mark.allow_console_errors  # the failed requests while offline
@by_code
def test_offline_the_documents_say_so_and_load_on_a_retry_losing_nothing(page, context, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    script = plan.script()
    context.set_offline(True)
    plan.documents_button().click()
    status, retry = expect_part_failed(
        plan.root,
        planner.DOCUMENTS_STATE_ATTR,
        planner.DOCUMENTS_STATUS_ATTR,
        planner.DOCUMENTS_RETRY_ATTR,
        plan.text("documents.failed"),
        plan.text("documents.retry"),
    )
    expect(plan.documents_button()).to_have_attribute("aria-expanded", "false")
    assert plan.script() == script and plan.field("client_contact").input_value() == TYPED["client_contact"]
    context.set_offline(False)
    retry.click()
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
    expect(retry).to_be_hidden()
    expect(status).to_have_text("")
    expect(plan.documents_button()).to_be_focused()
    expect(plan.documents_button()).to_have_attribute("aria-expanded", "true")
    assert plan.script() == script and plan.field("client_contact").input_value() == TYPED["client_contact"]
    assert (
        TYPED["client_contact"] in plan.output("notice").input_value() or plan.output("notice").input_value()
    )


@by_code
def test_a_returning_reader_gets_the_documents_at_once(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(seller_name="Ola Design", client_company="Fjordlys AS")
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    expect(again.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")  # no click
    expect(again.documents_button()).to_have_attribute("aria-expanded", "true")
    expect(again.field("seller_name")).to_have_value("Ola Design")
    assert "Ola Design" in again.output("notice").input_value()


@by_code
def test_a_fresh_reader_who_only_wrote_the_conversation_is_not_sent_the_documents(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    page.reload()
    again = Planner(page, lang)
    again.wait_mounted()
    expect(again.documents_button()).to_have_attribute("aria-expanded", "false")
    assert fetched(page) == []


@by_code
def test_the_texts_tools_and_the_move_to_another_browser_are_there_before_the_documents(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.texts_ready()  # the reader's first use brings the texts and their tools, not the documents
    for name in ("script", "confirmation"):
        expect(plan.root.locator(f"[data-document-print='{name}']")).to_have_text(plan.text("print-document"))
        expect(plan.root.locator(f"[data-download='text'][data-document='{name}']")).to_be_visible()
        expect(plan.root.locator(f"[data-unfilled='{name}']")).not_to_be_empty()
    expect(plan.root.locator("[data-export]")).to_have_text(plan.text("export"))
    expect(plan.root.locator("[data-import]")).to_be_visible()
    assert fetched(page) == []
    # Opening the documents adds nothing above the disclosure: what the reader looks at does not move.
    button = plan.documents_button()
    above = [plan.root.locator("[data-document-print='confirmation']"), button]
    top = "(el) => el.getBoundingClientRect().top + window.scrollY"  # on the page, however far it is scrolled
    before = [element.evaluate(top) for element in above]
    plan.open_documents()
    assert [element.evaluate(top) for element in above] == before
    # Inside the section "The exit documents" (h3) each document is an h4; the conversation's texts stay h3.
    section = plan.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")
    assert section.locator(".planner__output-part > h3").count() == 0
    expect(section.locator(".planner__output-part > h4")).to_have_count(5)
    expect(plan.root.locator(".planner__outputs > .planner__output-part > h3")).to_have_count(2)
    for name in ("notice", "plan"):
        expect(plan.root.locator(f"[data-document-print='{name}']")).to_be_visible()


@pytest.mark.allow_console_errors  # the part's strings lack a key: the error is logged
@by_code
def test_a_part_that_loads_but_cannot_be_shown_says_so_without_a_retry(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    script = plan.script()
    keys = [planner.STRING_PREFIX + key for key in planner.DOCUMENT_STRING_KEYS[1:]]  # the first one lacking
    strings = {key: plan.strings[key] for key in keys}
    body = (
        f'(globalThis.playbookStrings||={{}})["{planner.DOCUMENTS_PART}.{lang.code}"]={json.dumps(strings)};'
    )
    held = []
    page.route(f"**/strings-{planner.DOCUMENTS_PART}.{lang.code}.js", lambda route: held.append(route))
    plan.documents_button().click()
    # While the part loads, its container says it is busy and the status says what is going on.
    part = plan.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")
    expect(part).to_have_attribute("aria-busy", "true")
    status = plan.root.locator(f"[{planner.DOCUMENTS_STATUS_ATTR}]")
    expect(status).to_have_text(plan.text("documents.loading"))
    for _ in range(100):  # Playwright hands the held request over while the test waits
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the strings file was requested and is held"
    held[0].fulfill(status=200, content_type="text/javascript", body=body)
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "broken")
    expect(status).to_have_text(plan.text("documents.broken"))
    expect(plan.root.locator(f"[{planner.DOCUMENTS_RETRY_ATTR}]")).to_be_hidden()
    expect(plan.documents_button()).to_have_attribute("aria-expanded", "false")
    expect(part).not_to_have_attribute("aria-busy", "true")
    assert plan.root.locator('[name="seller_name"]').count() == 0  # nothing half-built
    assert plan.script() == script


@by_code
def test_a_link_into_the_documents_opens_them_and_shows_its_target(page, base_url, lang):
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(planner_url(base_url, lang) + "#planner-invoice-number")
    plan = Planner(page, lang)
    plan.wait_mounted()
    expect(plan.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
    expect(plan.documents_button()).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#planner-invoice-number")).to_be_in_viewport()


@pytest.mark.allow_console_errors  # the failed request while offline
@by_code
def test_offline_the_export_says_what_went_wrong_and_works_once_back(page, context, base_url, lang):
    # The export file's checks come with the calculation part, which a fresh reader has not loaded yet.
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_company="Fjordlys AS")
    status = plan.root.locator("[data-transfer-status]")
    context.set_offline(True)
    plan.root.locator("[data-export]").click()
    expect(status).to_have_text(plan.text("transfer.unavailable"))
    context.set_offline(False)
    with page.expect_download() as info:
        plan.root.locator("[data-export]").click()
    assert info.value.suggested_filename.endswith(".json")
    expect(status).not_to_have_text(plan.text("transfer.unavailable"))
