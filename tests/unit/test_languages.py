"""languages.py is the one place for language data; everything else must agree with it."""

from pathlib import Path

import yaml

from playbook import languages

ROOT = Path(__file__).resolve().parents[2]


def load_mkdocs_yml() -> dict:
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())


def plugin(config: dict, name: str) -> dict:
    for entry in config["plugins"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
    raise AssertionError(f"plugin {name} not configured")


def test_exactly_one_default_language_and_it_comes_first():
    assert [lang.default for lang in languages.LANGUAGES] == [True] + [False] * (len(languages.LANGUAGES) - 1)
    assert languages.DEFAULT.code == "nb"


def test_mkdocs_yml_reads_its_languages_from_here():
    config = load_mkdocs_yml()
    assert plugin(config, "i18n")["languages"] == languages.I18N_LANGUAGES
    assert config["theme"]["language"] == languages.DEFAULT.code


def test_search_languages_match_the_lunr_codes():
    config = load_mkdocs_yml()
    assert sorted(plugin(config, "search")["lang"]) == sorted(lang.lunr for lang in languages.LANGUAGES)


def test_string_tables_have_the_same_keys_and_no_empty_value():
    tables = {lang.code: lang.strings() for lang in languages.LANGUAGES}
    reference = set(tables[languages.DEFAULT.code])
    for code, table in tables.items():
        assert set(table) == reference, f"strings/{code}.json keys differ from the default language's"
        assert all(isinstance(v, str) and v.strip() for v in table.values()), f"strings/{code}.json"


def test_by_code_rejects_an_unknown_language():
    try:
        languages.by_code("sv")
    except KeyError as error:
        assert "sv" in str(error)
    else:
        raise AssertionError("by_code accepted an unknown language")
