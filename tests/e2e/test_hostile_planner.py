"""The planner under input a tester would try: text that the export file will not carry.

A contact typed as "Kari Nordmann <kari@firma.no>" looks like markup to the export file's check
(documents/export-file.js), so the planner's saved entry is left out of the file. The reader must be told,
or they take the file for a full copy of what this browser keeps.
"""

from __future__ import annotations

import json

import pytest
from planner_page import Planner
from playwright.sync_api import expect

from playbook import languages

by_code = pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)


def exported(page, plan, tmp_path) -> dict:
    """Press the export button and return the downloaded file's data entries."""
    with page.expect_download() as info:
        plan.root.locator("[data-export]").click()
    saved = tmp_path / "export.json"
    info.value.save_as(saved)
    return json.loads(saved.read_text(encoding="utf-8"))["data"]


@by_code
def test_an_export_that_leaves_the_planner_out_says_so(page, base_url, lang, tmp_path):
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_company="Fjordlys AS", client_contact="Kari Nordmann <kari@firma.no>")
    assert "playbook.planner" not in exported(page, plan, tmp_path)
    status = plan.root.locator("[data-transfer-status]")
    expect(status).to_contain_text(plan.text("exported.skipped.markup"))


@by_code
def test_an_export_of_plain_text_adds_no_warning(page, base_url, lang, tmp_path):
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_company="Fjordlys AS", client_contact="Kari Nordmann, kari@firma.no")
    assert "playbook.planner" in exported(page, plan, tmp_path)
    expect(plan.root.locator("[data-transfer-status]")).to_have_text(plan.text("exported", n=1))


THROWING_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException("refused", "SecurityError"); };
Storage.prototype.getItem = function () { throw new DOMException("refused", "SecurityError"); };
"""


@pytest.mark.allow_console_errors  # the browser may report the refused storage
@by_code
def test_with_storage_refused_the_export_still_carries_what_was_typed(page, base_url, lang, tmp_path):
    """The page already warns that nothing is kept; the export is then the reader's one way to keep the work,
    so it carries what this visit holds instead of an empty file that claims success."""
    page.add_init_script(THROWING_STORAGE)
    plan = Planner.open(page, base_url, lang)
    plan.fill(client_company="Fjordlys AS", client_contact="Kari Nordmann")
    data = exported(page, plan, tmp_path)
    assert data["playbook.planner"]["values"]["client_company"] == "Fjordlys AS"
    expect(plan.root.locator("[data-transfer-status]")).to_have_text(plan.text("exported", n=1))
