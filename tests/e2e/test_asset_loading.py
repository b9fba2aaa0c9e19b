"""Which of our scripts and stylesheets a browser fetches: a widget's code only where the widget is.

playbook.js fetches a widget's bundle when the page holds its root (widget-checklist.js,
widget-refund-calculator.js, widget-conversation-planner.js: one file each, scripts/playbook/site/bundle.py),
and those bring their own stylesheets, with the shared form rules inlined (tests/site/test_bundles.py checks
the build).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from playbook import languages
from playbook.blocks import calculator, planner
from playbook.blocks.checklist import CHECKLIST_ATTR, ITEM_ATTR, PROGRESS_ATTR

LANGS = languages.LANGUAGES
WIDGET_MODULES = {"widget-checklist.js", "widget-refund-calculator.js", "widget-conversation-planner.js"}
WIDGET_STYLES = {"calculator.css", "planner.css", "forms.css"}
"""forms.css: the rules both forms share, bundled into calculator.css and planner.css (never fetched)."""


def fetched_assets(page, url: str, mounted: str | None) -> set[str]:
    """File names under assets/javascripts and assets/stylesheets that loading `url` fetched from our server,
    once the widget has drawn `mounted` (markup only its module writes) and the network is idle."""
    names: set[str] = set()
    page.on(
        "requestfinished",
        lambda request: (
            names.add(urlsplit(request.url).path.rsplit("/", 1)[-1])
            if "/assets/javascripts/" in request.url or "/assets/stylesheets/" in request.url
            else None
        ),
    )
    page.goto(url)
    if mounted:
        expect(page.locator(mounted).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    return names


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_page_without_widgets_fetches_none_of_their_code(page, base_url, lang):
    names = fetched_assets(page, f"{base_url}{lang.url_prefix}index.html", None)
    assert "playbook.js" in names
    assert not names & (WIDGET_MODULES | WIDGET_STYLES), names


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_checklist_page_fetches_the_checklist_and_nothing_else(page, base_url, lang):
    names = fetched_assets(page, f"{base_url}{lang.url_prefix}before.html", f"[{PROGRESS_ATTR}]")
    assert names & WIDGET_MODULES == {"widget-checklist.js"}
    assert not names & WIDGET_STYLES, names


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_calculator_and_the_planner_fetch_their_own_code(page, base_url, lang):
    # The calculator's form is what the page draws at load; its engine comes on first use (test below).
    names = fetched_assets(page, f"{base_url}{lang.url_prefix}refunds.html", f"[{calculator.ROOT_ATTR}] form")
    assert names & WIDGET_MODULES == {"widget-refund-calculator.js"}
    assert names & WIDGET_STYLES == {"calculator.css"}
    assert not {name for name in names if calculator.ENGINE_PART in name}, names

    names = fetched_assets(page, f"{base_url}{lang.url_prefix}planner.html", f"[{planner.STATUS_ATTR}]")
    assert names & WIDGET_MODULES == {"widget-conversation-planner.js"}
    assert names & WIDGET_STYLES == {"planner.css"}


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_box_ticked_before_the_checklist_script_arrives_is_kept(page, base_url, lang):
    """On a slow connection the boxes are on screen before the checklist's bundle: a tick then is kept."""
    held = []
    page.route("**/assets/javascripts/widget-checklist.js", lambda route: held.append(route))
    # A script the page is still fetching holds back its "load" event: wait for the parsed page only.
    page.goto(f"{base_url}{lang.url_prefix}before.html", wait_until="domcontentloaded")
    root = page.locator(f"[{CHECKLIST_ATTR}='before-call']")
    root.locator(f"input[{ITEM_ATTR}='write-script']").check()
    for _ in range(100):  # the request is made once playbook.js runs; bounded wait for it
        if held:
            break
        page.wait_for_timeout(50)
    assert held and root.locator(f"[{PROGRESS_ATTR}]").count() == 0, "the tick came before the widget"

    held[0].continue_()
    page.unroute("**/assets/javascripts/widget-checklist.js")
    expect(root.locator(f"[{PROGRESS_ATTR}]")).to_be_attached()
    expect(root.locator(f"input[{ITEM_ATTR}='write-script']")).to_be_checked()
    stored = page.evaluate("() => localStorage.getItem('playbook.checklist.before-call')")
    assert stored is not None and json.loads(stored)["ticked"] == ["write-script"]
    page.reload()
    expect(root.locator(f"[{PROGRESS_ATTR}]")).to_be_attached()
    expect(root.locator(f"input[{ITEM_ATTR}='write-script']")).to_be_checked()
