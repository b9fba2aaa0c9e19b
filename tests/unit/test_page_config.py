"""A page hands its widgets only the strings they read."""

import pytest

from playbook import languages
from playbook.site import page_config

NB = languages.by_code("nb")


def test_a_page_without_widgets_carries_no_strings():
    config = page_config.page_config(NB, "<p>Bare tekst.</p>")
    assert config["strings"] == {}
    assert config["language"] == "nb" and config["currency"] == "NOK" and config["vat_rate_bp"] == 2500


def test_a_checklist_page_carries_the_checklist_strings_only():
    html = '<fieldset data-widget="checklist" data-checklist="before-call"></fieldset>'
    strings = page_config.page_config(NB, html)["strings"]
    assert strings and all(key.startswith("checklist.") for key in strings)
    assert set(strings) == {key for key in NB.strings() if key.startswith("checklist.")}


def test_the_planner_page_also_carries_what_its_exit_pack_prints():
    html = '<div data-widget="conversation-planner"></div>'
    strings = page_config.page_config(NB, html)["strings"]
    assert {key.split(".", 1)[0] for key in strings} == {"planner", "calculator"}
    # Of the calculator's strings only the summary the exit pack prints (refund-state.js summaryText).
    assert all(key.startswith("calculator.summary.") for key in strings if key.startswith("calculator."))


def test_an_unknown_widget_fails():
    with pytest.raises(ValueError, match="unknown widget 'chekclist'"):
        page_config.widgets_in('<div data-widget="chekclist"></div>')


def test_every_string_key_belongs_to_some_widget_or_to_the_pdf():
    # A key no widget claims is either dead or a widget reading strings it is not given. The page templates
    # read pdf.*, search.* and notfound.* through the hooks' template context (site/hooks.py).
    templates = ("pdf.", "search.", "notfound.")
    prefixes = (*(p for group in page_config.WIDGET_STRINGS.values() for p in group), *templates)
    for lang in languages.LANGUAGES:
        orphans = [key for key in lang.strings() if not key.startswith(prefixes)]
        assert not orphans, f"strings/{lang.code}.json: {orphans}"
