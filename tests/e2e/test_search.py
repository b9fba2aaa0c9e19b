"""A reader searching in Chromium: each language searches only its own pages, with its own stemming."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlsplit

import pytest

from built import site_pages
from playbook import languages
from playbook.blocks import checklist
from playbook.site import search_index

NB = languages.by_code("nb")
EN = languages.by_code("en")

# Material's own search strings, per language (partials/languages/<code>.html).
NO_RESULTS = {"nb": "Ingen treff", "en": "No matching documents"}
TYPE_TO_SEARCH = {"nb": "Skriv søkeord", "en": "Type to start searching"}
# Inflected forms of one word; each group finds the same passages.
INFLECTIONS = {
    "nb": ("kontrakt", "kontrakten", "kontraktene"),
    "en": ("refund", "refunds", "refunded"),
}
# A word each language has and the other lacks, not even as the start of a longer word.
ONLY_IN = {"nb": "advokat", "en": "lawyer"}


def index_of(site, lang: languages.Language) -> dict:
    return json.loads((site / search_index.index_path(lang)).read_text(encoding="utf-8"))


def index_words(site, lang: languages.Language) -> str:
    return " ".join(f"{doc['title']} {doc['text']}" for doc in index_of(site, lang)["docs"]).lower()


def language_of(url: str, base_url: str) -> languages.Language:
    path = urlsplit(url).path.removeprefix(urlsplit(base_url).path)
    return search_index.owner(path)


# True once the result count line shows an answer (not "initialising" or "type to search"), in the page's
# own language: Material's strings come from the page's #__config.
ANSWERED = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations
  const text = document.querySelector(".md-search-result__meta").textContent.trim()
  const other = new RegExp("^" + t["search.result.other"].replace("#", "\\\\d+") + "$")
  return text === t["search.result.none"] || text === t["search.result.one"] || other.test(text)
}"""


def settle(page, timeout: float = 5.0) -> None:
    """Wait until the search results stop changing (the worker answers every keystroke)."""
    snapshot = "document.querySelector('[data-md-component=search-result]').innerHTML"
    deadline = time.monotonic() + timeout
    previous, stable = None, 0
    while time.monotonic() < deadline:
        current = page.evaluate(snapshot)
        stable = stable + 1 if current == previous else 0
        if stable >= 3:
            return
        previous = current
        page.wait_for_timeout(100)
    raise AssertionError("search results kept changing")


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search box as a reader does; return the result links (absolute URLs)."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query, delay=20)
    page.wait_for_function(ANSWERED)
    settle(page)
    return page.locator(".md-search-result__list a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )


def close_search(page) -> None:
    page.keyboard.press("Escape")


def switch_language(page, target: languages.Language) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__list a[hreflang='{target.code}']").click()
    page.wait_for_load_state("load")


def watch_index_requests(page) -> list[str]:
    """Paths of the search indexes and lunr language files the page (or its worker) fetches."""
    seen: list[str] = []

    def record(request):
        path = urlsplit(request.url).path
        if path.endswith("search_index.json") or "/lunr/" in path:
            seen.append(path)

    page.context.on("request", record)
    return seen


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_inflected_forms_find_the_same_passages_in_the_same_language(page, base_url, site, lang):
    page.goto(base_url + lang.url_prefix + "index.html")
    found = {}
    for word in INFLECTIONS[lang.code]:
        links = search(page, word)
        assert links, f"{lang.code}: no result for {word!r}"
        assert {language_of(link, base_url).code for link in links} == {lang.code}, links
        found[word] = set(links)
    forms = INFLECTIONS[lang.code]
    assert all(found[word] == found[forms[0]] for word in forms), found
    # Stemming, not prefix matching: the longest form finds sections that never spell it out.
    longest = max(forms, key=len)
    spelled_out = [doc for doc in index_of(site, lang)["docs"] if longest in doc["text"].lower()]
    assert len(found[longest]) > len({doc["location"].split("#")[0] for doc in spelled_out})


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_a_word_only_the_other_language_has_finds_nothing(page, base_url, site, lang):
    other = next(o for o in languages.LANGUAGES if o is not lang)
    word = ONLY_IN[other.code]
    assert word in index_words(site, other), "the other language's index must have the word"
    assert word not in index_words(site, lang)

    page.goto(base_url + lang.url_prefix + "before.html")
    assert search(page, word) == []
    assert page.locator(".md-search-result__meta").inner_text().strip() == NO_RESULTS[lang.code]
    # The same box finds the word of its own language, with Material's strings in that language.
    assert search(page, ONLY_IN[lang.code])
    assert re.fullmatch(
        r"\d+ (treff|matching documents?)", page.locator(".md-search-result__meta").inner_text()
    )


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_search_ui_speaks_the_language_of_the_page(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "pitfalls.html")
    page.locator(".md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=TYPE_TO_SEARCH[lang.code]).wait_for()
    placeholder = page.locator(".md-search__input").get_attribute("placeholder")
    assert placeholder == {"nb": "Søk", "en": "Search"}[lang.code]


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_each_language_fetches_only_its_own_index(page, base_url, lang):
    requests = watch_index_requests(page)
    page.goto(base_url + lang.url_prefix + "after.html")
    assert search(page, INFLECTIONS[lang.code][0])
    prefix = urlsplit(base_url).path + lang.url_prefix
    indexes = [path for path in requests if path.endswith("search_index.json")]
    assert indexes == [prefix + search_index.INDEX_NAME], indexes
    if lang.lunr != "en":
        assert any(path.endswith(f"/lunr.{lang.lunr}.min.js") for path in requests), requests


@pytest.mark.parametrize(
    ("lang", "query", "section"),
    [(EN, "milestones", "refunds.html#by-milestones"), (NB, "milepæl", "refunds.html#by-milestones")],
    ids=["en", "nb"],
)
def test_clicking_a_result_lands_on_the_section_with_the_terms_highlighted(
    page, base_url, lang, query, section
):
    page.goto(base_url + lang.url_prefix + "index.html")
    links = search(page, query)
    target = base_url + lang.url_prefix + section
    landing = [link.split("?")[0] + "#" + link.partition("#")[2] for link in links]
    assert target in landing, f"no result for {section} among {links}"
    result = page.locator(".md-search-result__list a.md-search-result__link").nth(landing.index(target))
    if not result.is_visible():  # sections past the first few fold into "N more on this page"
        result.locator("xpath=ancestor::details").locator("summary").click()
    result.click()
    page.wait_for_load_state("load")

    landed = urlsplit(page.url)
    assert landed.path == urlsplit(target).path
    assert landed.fragment == section.split("#")[1]
    heading = page.locator(f"#{landed.fragment}")
    assert heading.is_visible()
    assert heading.evaluate(
        "el => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight"
    )
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert all(text.lower().startswith(query[:6]) for text in marks.all_inner_texts()), (
        marks.all_inner_texts()
    )


def test_search_follows_the_language_across_switches_and_reloads(page, base_url):
    page.goto(base_url + "before.html")
    assert {language_of(link, base_url).code for link in search(page, "kontraktene")} == {"nb"}
    close_search(page)

    switch_language(page, EN)
    assert page.url == base_url + "en/before.html"
    assert {language_of(link, base_url).code for link in search(page, "contracts")} == {"en"}
    assert search(page, "kontraktene") == []

    page.reload()
    assert {language_of(link, base_url).code for link in search(page, "lawyers")} == {"en"}
    close_search(page)

    switch_language(page, NB)
    page.reload()
    assert {language_of(link, base_url).code for link in search(page, "advokatene")} == {"nb"}


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_search_works_on_every_page(page, base_url, site, lang):
    word = INFLECTIONS[lang.code][1]
    for name in sorted(site_pages(site, lang)):
        page.goto(base_url + lang.url_prefix + name)
        links = search(page, word)
        assert links, f"{lang.url_prefix}{name}: no result for {word!r}"
        assert {language_of(link, base_url).code for link in links} == {lang.code}, (
            f"{lang.url_prefix}{name}: {links}"
        )


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_a_checklist_item_is_found_by_its_text(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    item = page.locator("[data-widget=checklist] li").nth(4)
    text = " ".join(item.inner_text().split())
    assert len(text.split()) >= 3, f"the checklist item has text: {text!r}"
    page.goto(base_url + lang.url_prefix + "index.html")
    links = search(page, text)
    assert any(urlsplit(link).path.endswith(lang.url_prefix + "before.html") for link in links), links
    # The result shows the item, its words highlighted.
    longest = max(re.findall(r"\w+", text), key=len).lower()
    assert longest[:5] in page.locator(".md-search-result__list").inner_text().lower()


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_checklist_chrome_the_script_adds_is_not_in_the_index(page, base_url, site, lang):
    page.goto(base_url + lang.url_prefix + "before.html")
    page.wait_for_load_state("networkidle")
    widget = f"[{checklist.WIDGET_ATTR}={checklist.NAME}]"
    chrome = page.locator(
        f"{widget} :is(button, progress, [role=progressbar], [role=status], "
        f"[{checklist.PROGRESS_ATTR}], [{checklist.RESET_ATTR}])"
    )
    texts = {" ".join(text.split()) for text in chrome.all_inner_texts()} - {""}
    if not texts:
        pytest.skip("the checklist shows no buttons or progress on this page")
    indexed = " ".join(
        " ".join(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}").split())
        for doc in index_of(site, lang)["docs"]
        if doc["location"].startswith("before.html")
    )
    for text in texts:
        assert text not in indexed, f"checklist chrome {text!r} is in the search index"
