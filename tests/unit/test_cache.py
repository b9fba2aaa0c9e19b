"""Results kept between builds (playbook/cache.py): found again only for the same file, text and inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook import cache


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yml"
    path.write_text("rule: 1\n", encoding="utf-8")
    return path


def results(folder: Path, rules: Path, name: str = "check") -> cache.FileResults:
    return cache.FileResults(name, (rules, "code v1"), folder)


def test_a_result_is_found_again_for_the_same_file_text_and_language(tmp_path, rules):
    folder = tmp_path / "checks"
    first = results(folder, rules)
    assert first.get("docs/nb/a.md", "nb", "Tekst") is None
    first.put("docs/nb/a.md", "nb", "Tekst", [[3, "ord", "term"]])
    assert first.save()
    again = results(folder, rules)
    assert again.get("docs/nb/a.md", "nb", "Tekst") == [[3, "ord", "term"]]
    assert (again.hits, again.misses) == (1, 0)
    assert again.get("docs/nb/a.md", "nb", "Tekst endret") is None, "a changed text got the old result"
    assert again.get("docs/nb/a.md", "en", "Tekst") is None, "another language got this one's result"
    assert again.get("docs/nb/b.md", "nb", "Tekst") is None, "another file with the same text got its result"


def test_changed_inputs_or_another_check_find_nothing(tmp_path, rules):
    folder = tmp_path / "checks"
    first = results(folder, rules)
    first.put("a.md", "nb", "Tekst", [])
    first.save()
    rules.write_text("rule: 2\n", encoding="utf-8")
    assert results(folder, rules).get("a.md", "nb", "Tekst") is None, "a changed rules file kept the result"
    rules.write_text("rule: 1\n", encoding="utf-8")
    assert results(folder, rules).get("a.md", "nb", "Tekst") == []
    assert cache.FileResults("check", (rules, "code v2"), folder).get("a.md", "nb", "Tekst") is None
    assert results(folder, rules, name="other").get("a.md", "nb", "Tekst") is None


def test_saving_keeps_only_what_this_run_asked_for_and_writes_only_a_change(tmp_path, rules):
    folder = tmp_path / "checks"
    first = results(folder, rules)
    for name in ("a.md", "b.md", "c.md"):
        first.put(name, "nb", name, [])
    assert first.save()
    second = results(folder, rules)
    assert second.get("a.md", "nb", "a.md") == []
    assert second.get("c.md", "nb", "c.md") == []
    assert second.save(), "dropping b.md (deleted since) was not written"
    stored = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    assert sorted(stored["files"]) == ["nb:a.md", "nb:c.md"]
    third = results(folder, rules)
    third.get("a.md", "nb", "a.md")
    third.get("c.md", "nb", "c.md")
    before = (folder / "check.json").stat().st_mtime_ns
    assert not third.save(), "an unchanged cache was written again"
    assert (folder / "check.json").stat().st_mtime_ns == before
    assert [path.name for path in folder.iterdir()] == ["check.json"], "a temporary file was left"


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[]",
        '{"key": 1}',
        '{"files": {"nb:a.md": ["x", []]}}',
        "\ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_a_damaged_cache_file_is_a_miss_not_a_failure(tmp_path, rules, content):
    folder = tmp_path / "checks"
    folder.mkdir()
    path = folder / "check.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    kept = results(folder, rules)
    assert kept.get("a.md", "nb", "Tekst") is None
    kept.put("a.md", "nb", "Tekst", [[1, "x", "y"]])
    assert kept.save()
    assert results(folder, rules).get("a.md", "nb", "Tekst") == [[1, "x", "y"]]


def test_a_damaged_entry_is_a_miss(tmp_path, rules):
    folder = tmp_path / "checks"
    kept = results(folder, rules)
    kept.put("a.md", "nb", "Tekst", [])
    kept.save()
    stored = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    stored["files"]["nb:a.md"] = "not a pair"
    (folder / "check.json").write_text(json.dumps(stored), encoding="utf-8")
    assert results(folder, rules).get("a.md", "nb", "Tekst") is None


def test_a_cache_that_cannot_be_written_does_not_fail(tmp_path, rules):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    kept = results(blocker / "checks", rules)  # its folder would be below a file
    kept.put("a.md", "nb", "Tekst", [])
    assert kept.save() is False


def test_the_switches_turn_caching_off(monkeypatch):
    monkeypatch.delenv("PLAYBOOK_CACHE", raising=False)
    monkeypatch.delenv("PLAYBOOK_BUNDLE_CACHE", raising=False)
    assert cache.enabled() and cache.enabled("PLAYBOOK_BUNDLE_CACHE")
    monkeypatch.setenv("PLAYBOOK_BUNDLE_CACHE", "0")
    assert cache.enabled() and not cache.enabled("PLAYBOOK_BUNDLE_CACHE")
    monkeypatch.setenv("PLAYBOOK_BUNDLE_CACHE", "1")
    monkeypatch.setenv("PLAYBOOK_CACHE", "0")
    assert not cache.enabled() and not cache.enabled("PLAYBOOK_BUNDLE_CACHE")


def test_each_project_keeps_its_own_results(tmp_path):
    assert cache.checks_folder(tmp_path) == tmp_path / ".cache" / "playbook" / "checks"
    assert cache.checks_folder(None) == cache.FOLDER / "checks"


def test_a_lone_surrogate_in_a_path_or_result_is_kept(tmp_path, rules):
    """A string table's value may decode to a lone surrogate, and a file name may hold one: saving neither
    fails nor loses it."""
    folder = tmp_path / "checks"
    kept = results(folder, rules)
    kept.put("docs/nb/\udce5.md", "nb", "Hei \ud800 Kari,", [[1, "Hei \ud800 Kari,", "«Hei, Kari!»"]])
    assert kept.save()
    again = results(folder, rules)
    assert again.get("docs/nb/\udce5.md", "nb", "Hei \ud800 Kari,") == [
        [1, "Hei \ud800 Kari,", "«Hei, Kari!»"]
    ]


def test_a_kept_result_of_the_wrong_shape_is_a_miss(tmp_path, rules):
    folder = tmp_path / "checks"
    kept = cache.FileResults("check", (rules,), folder)
    kept.put("a.md", "nb", "a", 5)
    kept.put("b.md", "nb", "b", [[1, "x", "y"]])
    kept.save()
    shaped = cache.FileResults("check", (rules,), folder, valid=lambda result: isinstance(result, list))
    assert shaped.get("a.md", "nb", "a") is None
    assert shaped.get("b.md", "nb", "b") == [[1, "x", "y"]]


def test_inputs_are_read_files_given_bytes_and_strings(tmp_path, rules):
    data = rules.read_bytes()
    assert cache.inputs_key("check", (rules,)) == cache.inputs_key("check", (data,))
    assert cache.inputs_key("check", (data,)) != cache.inputs_key("check", (data + b"\n",))
    assert cache.inputs_key("check", ("v1",)) != cache.inputs_key("check", ("v2",))
