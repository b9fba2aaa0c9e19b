"""Splitting the merged search index by language, and pointing pages at their own language's index."""

from __future__ import annotations

import json

import pytest

from playbook import languages
from playbook.site import search_index
from playbook.site.search_index import index_path, language_base, retarget_config, split, worker_url

NB = languages.by_code("nb")
EN = languages.by_code("en")
CONFIG = {"lang": ["no", "en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {"title": {}}}


def doc(location: str, title: str = "T", text: str = "x") -> dict:
    return {"location": location, "title": title, "text": text}


def merged(*docs: dict) -> dict:
    return {"config": dict(CONFIG), "docs": list(docs)}


MERGED = merged(
    doc("index.html", "Start"),
    doc("index.html#who-it-is-for", "Hvem"),
    doc("before.html#checklist", "Sjekkliste"),
    doc("en/index.html", "Start"),
    doc("en/before.html#checklist", "Checklist"),
)


def test_index_paths_are_at_each_language_root():
    assert index_path(NB) == "search/search_index.json"
    assert index_path(EN) == "en/search/search_index.json"


def test_split_gives_each_language_its_pages_relative_to_its_root():
    result = split(MERGED)
    assert set(result) == {"search/search_index.json", "en/search/search_index.json"}
    nb = result["search/search_index.json"]
    en = result["en/search/search_index.json"]
    assert [d["location"] for d in nb["docs"]] == [
        "index.html",
        "index.html#who-it-is-for",
        "before.html#checklist",
    ]
    assert [d["location"] for d in en["docs"]] == ["index.html", "before.html#checklist"]
    assert [d["title"] for d in en["docs"]] == ["Start", "Checklist"]


def test_split_sets_each_languages_own_lunr_code_and_keeps_the_rest_of_the_config():
    result = split(MERGED)
    assert result["search/search_index.json"]["config"] == {**CONFIG, "lang": ["no"]}
    assert result["en/search/search_index.json"]["config"] == {**CONFIG, "lang": ["en"]}


def test_split_does_not_touch_its_input():
    before = json.dumps(MERGED, sort_keys=True)
    split(MERGED)
    assert json.dumps(MERGED, sort_keys=True) == before


def test_a_page_whose_name_starts_like_a_language_stays_in_the_default_language():
    result = split(merged(doc("english.html"), doc("en/english.html")))
    assert [d["location"] for d in result["search/search_index.json"]["docs"]] == ["english.html"]
    assert [d["location"] for d in result["en/search/search_index.json"]["docs"]] == ["english.html"]


def test_splitting_the_root_index_again_gives_it_back_unchanged():
    nb = split(MERGED)["search/search_index.json"]
    assert split(nb) == {"search/search_index.json": nb}


def test_one_languages_own_index_yields_only_that_language():
    # A language build before static-i18n merges: its index must not blank the other language's index.
    result = split(merged(doc("en/index.html"), doc("en/after.html#cut-contact")))
    assert list(result) == ["en/search/search_index.json"]
    assert [d["location"] for d in result["en/search/search_index.json"]["docs"]] == [
        "index.html",
        "after.html#cut-contact",
    ]


def test_an_index_stacked_up_over_rebuilds_keeps_each_section_once_with_its_latest_text():
    stacked = merged(
        *MERGED["docs"], doc("en/index.html", "Start", "new text"), doc("index.html", "Start", "ny")
    )
    result = split(stacked)
    en = result["en/search/search_index.json"]["docs"]
    nb = result["search/search_index.json"]["docs"]
    assert [d["location"] for d in en] == ["before.html#checklist", "index.html"]
    assert en[-1]["text"] == "new text"
    assert sorted(d["location"] for d in nb) == sorted(
        d["location"] for d in split(MERGED)[index_path(NB)]["docs"]
    )
    assert next(d for d in nb if d["location"] == "index.html")["text"] == "ny"


def test_split_keeps_other_fields_of_an_entry():
    result = split(
        merged({"location": "en/index.html", "title": "T", "text": "x", "tags": ["a"], "boost": 2})
    )
    assert result["en/search/search_index.json"]["docs"] == [
        {"location": "index.html", "title": "T", "text": "x", "tags": ["a"], "boost": 2}
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([], "expected an object with a 'docs' list"),
        ({"config": {}}, "expected an object with a 'docs' list"),
        ({"docs": []}, "expected an object with a 'config' object"),
        ({"config": {}, "docs": [{"title": "no location"}]}, "entry without a location"),
    ],
)
def test_split_refuses_what_is_not_a_search_index(bad, message):
    with pytest.raises(ValueError, match=message):
        split(bad)


def test_write_split_replaces_the_merged_index_and_reports_sizes(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps(MERGED), encoding="utf-8")
    sizes = search_index.write_split(tmp_path)
    nb = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert nb == split(MERGED)["search/search_index.json"]
    assert en == split(MERGED)["en/search/search_index.json"]
    assert sizes == {
        "search/search_index.json": (tmp_path / "search/search_index.json").stat().st_size,
        "en/search/search_index.json": (tmp_path / "en/search/search_index.json").stat().st_size,
    }


def test_write_split_twice_writes_the_same_bytes(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps(MERGED), encoding="utf-8")
    search_index.write_split(tmp_path)
    first = {p: (tmp_path / p).read_bytes() for p in (index_path(NB), index_path(EN))}
    search_index.write_split(tmp_path)
    assert {p: (tmp_path / p).read_bytes() for p in first} == first


def test_write_split_names_a_missing_or_broken_index(tmp_path):
    with pytest.raises(ValueError, match=r"search_index\.json: missing"):
        search_index.write_split(tmp_path)
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"search_index\.json: not JSON"):
        search_index.write_split(tmp_path)


def test_written_indexes_keep_norwegian_letters_readable(tmp_path):
    (tmp_path / "search").mkdir()
    index = merged(doc("index.html", "Før samtalen", "Når kunden må gå"))
    (tmp_path / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
    search_index.write_split(tmp_path)
    assert "Før samtalen" in (tmp_path / "search/search_index.json").read_text(encoding="utf-8")


# --- Pointing pages at their language's index -----------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "lang", "expected"),
    [
        (".", NB, "."),
        ("..", NB, ".."),
        ("..", EN, "../en/"),
        ("../", EN, "../en/"),
        ("/", EN, "/en/"),
        (".", EN, "en/"),
        ("../en/", EN, "../en/"),
        ("/en/", EN, "/en/"),
    ],
)
def test_language_base_is_the_language_root_with_a_trailing_slash(base, lang, expected):
    assert language_base(base, lang) == expected


def test_worker_url_wraps_materials_worker_and_names_it():
    assert (
        worker_url("../assets/javascripts/workers/search.a7633da7.min.js")
        == "../assets/javascripts/workers/playbook-search.js?material=search.a7633da7.min.js"
    )
    assert worker_url("search.0f.min.js") == "playbook-search.js?material=search.0f.min.js"


def test_worker_url_is_idempotent_and_refuses_an_unknown_worker():
    wrapped = worker_url("/assets/javascripts/workers/search.abc123.min.js")
    assert worker_url(wrapped) == wrapped
    with pytest.raises(ValueError, match="unexpected search worker"):
        worker_url("/assets/javascripts/workers/other.js")


def page(config: dict) -> str:
    # As Material renders it: Jinja's tojson, with keys sorted and HTML-unsafe characters escaped.
    body = json.dumps(config, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        "<html><head><title>Page</title></head><body>\n"
        f'<script id="__config" type="application/json">{body}</script>\n'
        '<script src="../assets/javascripts/bundle.js"></script></body></html>'
    )


MATERIAL_CONFIG = {
    "base": "..",
    "features": ["search.highlight"],
    "search": "../assets/javascripts/workers/search.a7633da7.min.js",
    "translations": {"search.result.none": "No matching documents", "odd": "</script><b>"},
}


def config_of(html: str) -> dict:
    return json.loads(search_index.CONFIG_RE.search(html).group(2))


def outside_config(html: str) -> str:
    match = search_index.CONFIG_RE.search(html)
    return html[: match.start(2)] + html[match.end(2) :]


def test_retarget_points_an_english_page_at_the_english_root_and_the_worker():
    out = retarget_config(page(MATERIAL_CONFIG), EN)
    config = config_of(out)
    assert config["base"] == "../en/"
    assert (
        config["search"] == "../assets/javascripts/workers/playbook-search.js?material=search.a7633da7.min.js"
    )
    assert config["features"] == MATERIAL_CONFIG["features"]
    assert config["translations"] == MATERIAL_CONFIG["translations"]
    # Only the config changed, and it still cannot close its own script element.
    assert outside_config(out) == outside_config(page(MATERIAL_CONFIG))
    assert "</script><b>" not in out


def test_retarget_keeps_a_default_language_pages_base():
    config = config_of(retarget_config(page({**MATERIAL_CONFIG, "base": "."}), NB))
    assert config["base"] == "."
    assert config["search"].endswith("playbook-search.js?material=search.a7633da7.min.js")


def test_retarget_is_idempotent():
    once = retarget_config(page(MATERIAL_CONFIG), EN)
    assert retarget_config(once, EN) == once


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<html><body></body></html>", r"found 0"),
        (page(MATERIAL_CONFIG) + page(MATERIAL_CONFIG), r"found 2"),
        (page({"base": "."}), r"no 'base' or no 'search'"),
    ],
)
def test_retarget_says_what_is_wrong_with_a_page(html, message):
    with pytest.raises(ValueError, match=message):
        retarget_config(html, EN)
