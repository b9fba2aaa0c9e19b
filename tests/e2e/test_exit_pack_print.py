"""The exit pack in Chromium's print view (print media, page.pdf): one printout with the call script, the
written confirmation, every checklist with the reader's current ticks, and the calculator's summary, in the
page's language; nothing of it on screen."""

from __future__ import annotations

import io
import re

import pytest
from calculator_page import Calculator
from planner_page import TYPED, Planner
from playwright.sync_api import expect
from pypdf import PdfReader

from playbook import languages
from playbook.blocks import calculator, checklist, planner

LANGS = languages.LANGUAGES
by_code = pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
# Records window.print() instead of opening the browser's dialog.
PRINT_SPY = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def tick(
    page, base_url: str, lang, page_name: str, checklist_id: str, items: list[int]
) -> tuple[dict[str, str], set[str]]:
    """Tick items (by position) of a checklist through its widget; return every item's label by pack id, and
    the pack ids of the items ticked."""
    page.goto(base_url + lang.url_prefix + page_name)
    root = page.locator(f"[{checklist.CHECKLIST_ATTR}='{checklist_id}']")
    boxes = root.locator(f"input[{checklist.ITEM_ATTR}]")
    expect(root.locator(f"[{checklist.PROGRESS_ATTR}]")).to_be_attached()  # mounted: it keeps the ticks
    ticked = set()
    for index in items:
        boxes.nth(index).check()
        ticked.add(f"{checklist_id}/{boxes.nth(index).get_attribute(checklist.ITEM_ATTR)}")
    labels = {}
    for box in boxes.all():
        label = root.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        labels[f"{checklist_id}/{box.get_attribute(checklist.ITEM_ATTR)}"] = squeeze(label)
    return labels, ticked


def pack_items(plan: Planner) -> dict[str, tuple[bool, str]]:
    """Every checklist item of the exit pack: (ticked, text) by '<checklist>/<item>'."""
    items = plan.exit_pack().locator(f"[{planner.EXIT_PACK_ITEM_ATTR}]")
    return {
        item.get_attribute(planner.EXIT_PACK_ITEM_ATTR): (
            item.get_attribute(planner.TICKED_ATTR) == "true",
            squeeze(item.text_content())[1:].strip(),
        )
        for item in items.all()
    }


@by_code
def test_the_exit_pack_prints_the_texts_the_ticks_and_the_calculation(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    labels, expected = tick(page, base_url, lang, "before.html", "before-call", [0, 2])
    after_labels, after_ticked = tick(page, base_url, lang, "after.html", "after-call", [2])
    labels |= after_labels
    expected |= after_ticked
    calc = Calculator.open(page, base_url, lang)
    calc.enter_all(contract_total="40000", percent_complete="60", amount_paid="30000")
    expect(calc.root).to_have_attribute(calculator.STATUS_ATTR, "ready")
    calc.root.locator(f"[{calculator.COPY_SUMMARY_ATTR}]").click()
    expect(calc.root.locator(".refund-calculator__copy-status")).not_to_have_text("")
    summary = page.evaluate("() => navigator.clipboard.readText()")

    plan = Planner.open(page, base_url, lang)
    plan.fill(**TYPED)
    plan.output("confirmation").fill(plan.confirmation() + "\nP.S. Edited by hand.")
    expect(plan.exit_pack()).to_be_hidden()  # screen: the form and the texts, not the pack

    page.emulate_media(media="print")
    expect(plan.exit_pack()).to_be_visible()
    expect(plan.root.locator("form.planner__form")).to_be_hidden()
    expect(plan.output("script")).to_be_hidden()
    expect(plan.button(planner.PRINT_ATTR)).to_be_hidden()
    assert plan.pack_part("script").text_content() == plan.script()
    assert plan.pack_part("confirmation").text_content().endswith("P.S. Edited by hand.")
    assert plan.pack_part("calculation").text_content() == summary

    items = pack_items(plan)
    ticked = {key for key, (done, _text) in items.items() if done}
    assert ticked == expected
    for key, label in labels.items():
        assert items[key][1] == label, f"{key}: the pack says {items[key][1]!r}, the checklist {label!r}"
    # Every checklist of the language, the exit week's pages' included.
    assert {key.split("/")[0] for key in items} >= {"before-call", "during-call", "after-call", "prevention"}
    tally = plan.root.locator(".exit-pack__tally")
    expect(tally).to_have_text(plan.text("exit-pack.tally", done=3, total=len(items)))

    # On paper, in the page's language.
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = squeeze(" ".join(sheet.extract_text() for sheet in reader.pages))
    for part in (
        plan.text("exit-pack.title"),
        squeeze(plan.script().split("\n\n")[0]),
        squeeze(summary.splitlines()[0]),
        labels[next(iter(after_ticked))],
        "P.S. Edited by hand.",
    ):
        assert part in text, f"{part!r} is not on paper"


@by_code
def test_the_print_button_prints_the_pack_as_it_is_now(page, context, base_url, lang):
    page.add_init_script(PRINT_SPY)
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_contact="Kari")
    # Another tab ticks an item while the planner is open.
    other = context.new_page()
    other.goto(base_url + lang.url_prefix + "conversation.html")
    expect(other.locator(f"[{checklist.PROGRESS_ATTR}]").first).to_be_attached()  # mounted: it keeps the tick
    other.locator(f"[{checklist.CHECKLIST_ATTR}='during-call'] input[{checklist.ITEM_ATTR}]").first.check()
    other.close()
    plan.button(planner.PRINT_ATTR).click()
    assert page.evaluate("() => window.__printed") == 1
    items = pack_items(plan)
    assert items["during-call/open-calmly"][0] is True
    assert "Kari" in plan.pack_part("script").text_content()


@by_code
def test_with_nothing_done_the_pack_says_so(page, base_url, lang):
    plan = Planner.open(page, base_url, lang)
    page.emulate_media(media="print")
    expect(plan.exit_pack()).to_be_visible()
    expect(plan.pack_part("calculation")).to_have_text(plan.text("exit-pack.no-calculation"))
    assert not any(done for done, _text in pack_items(plan).values())
    templates = plan.templates()
    assert templates["blank.end_date"] in plan.pack_part("script").text_content()
    assert re.search(r"\b0\b", plan.root.locator(".exit-pack__tally").inner_text())


@by_code
def test_printing_another_page_prints_no_exit_pack(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    page.emulate_media(media="print")
    assert page.locator(f"[{planner.EXIT_PACK_ATTR}]").count() == 0
