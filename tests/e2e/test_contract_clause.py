"""The contract clause is a template a reader copies with one click, in both languages."""

import pytest

from playbook import languages

CLAUSE_START = {"nb": "Leverandøren", "en": "the Provider"}


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_copy_button_copies_the_whole_clause(page, context, base_url, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + lang.url_prefix + "prevention.html")
    block = page.locator(".highlight").filter(has=page.locator(".filename"))
    assert block.count() == 1
    expected = block.locator("code").inner_text().strip()
    assert CLAUSE_START[lang.code] in expected

    button = block.locator("button[data-md-type=copy]")
    assert button.get_attribute("title"), "the copy button needs an accessible name"
    block.hover()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == expected
