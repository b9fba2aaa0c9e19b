"""The house terms: one glossary file, checked in the build and here, failing naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from built import build_project
from playbook import languages
from playbook.editorial import glossary, sources

ROOT = Path(__file__).resolve().parents[2]


def findings_in(tmp_path: Path, lang: str, text: str, name: str = "page.md") -> list[glossary.Finding]:
    path = tmp_path / "docs" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return glossary.check([sources.Source(path, lang)], glossary.load(), tmp_path)


def test_the_glossary_has_house_terms_for_every_language():
    terms = glossary.load()
    assert set(terms) == set(languages.CODES)
    for code, entries in terms.items():
        assert entries, code
        assert all(term.preferred and term.rejected for term in entries), code


def test_every_page_and_string_uses_the_house_terms():
    items = sources.collect(ROOT / "docs", languages.STRINGS_DIR, languages.CODES)
    findings = glossary.check(items, glossary.load(), ROOT)
    assert not findings, "\n".join(str(finding) for finding in findings)


def test_a_planted_rejected_term_is_found_with_file_and_line(tmp_path):
    page = (ROOT / "docs/nb/conversation.md").read_text(encoding="utf-8")
    page += "\nTilby kunden en erstatning hvis du ikke kan fullføre.\n"
    [finding] = findings_in(tmp_path, "nb", page, "conversation.md")
    assert finding.path == Path("docs/nb/conversation.md")
    assert finding.line == page.count("\n")
    assert finding.found == "erstatning"
    assert str(finding).startswith(f"docs/nb/conversation.md:{finding.line}: «erstatning»")
    assert "en annen leverandør" in str(finding)


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("nb", "Finn en god erstatning for deg selv.", ["erstatning"]),
        ("nb", "Kunden kan kreve erstatning for merkostnadene.", []),
        ("nb", "Hevingen utelukker ikke erstatning for tapet.", []),
        ("nb", "Avgiften er 25 % MVA.", ["MVA"]),
        ("nb", "Selger: Fjelltopp Design, org.nr. 123 456 785 MVA", []),
        ("nb", "Sett mva.-satsen til 0.", ["mva.-"]),
        ("nb", "Sett mva-satsen til 0, og husk mva. på fakturaen.", []),
        ("nb", "Regneark: refusjon eller kreditt", ["kreditt"]),
        ("nb", "Send en kreditnota, og krediter fakturaen.", []),
        ("nb", "Hold kontrakten til den utløper.", ["Hold kontrakten"]),
        ("nb", "Les kontrakten, og oppfyll avtalen.", []),
        ("nb", "Hei Kari,", ["Hei"]),
        ("nb", "Hei, Kari!", []),
        ("nb", "Hei,", ["Hei,"]),
        ("nb", "Kryssene i sjekklistene blir stående.", ["Kryssene"]),
        ("nb", "Kryss av i sjekklisten; avkrysningene blir stående.", []),
        ("nb", "Med kostnader menes utlegg du har hatt.", ["utlegg"]),
        ("nb", "Kall ikke slike kostnader «utlegg».", []),
        ("en", "Offer a replacement.", ["replacement"]),
        ("en", "Give a credit of £6,000.", ["a credit", "£6"]),
        ("en", "Issue a credit note and credit the invoice.", []),
        ("en", "Stay classy.", ["classy"]),
        ("en", "VAT at 25% on NOK 40,000.", []),
    ],
)
def test_rejected_variants_and_legitimate_uses(tmp_path, lang, text, found):
    assert [finding.found for finding in findings_in(tmp_path, lang, text + "\n")] == found


def test_placeholders_are_not_read_as_words(tmp_path):
    # {percent} is a placeholder, not the American "percent".
    assert findings_in(tmp_path, "en", "Work done ({percent} of {total})\n") == []


def test_a_planted_rejected_term_in_a_string_table_is_found_on_its_line(tmp_path):
    table = tmp_path / "nb.json"
    table.write_text('{\n  "a": "Rett",\n  "pdf.cover.subtitle": "En veiviser for frilansere"\n}\n', "utf-8")
    [finding] = glossary.check([sources.Source(table, "nb")], glossary.load(), tmp_path)
    assert (finding.path, finding.line, finding.found) == (Path("nb.json"), 3, "veiviser")


def test_a_malformed_glossary_is_refused_naming_the_entry(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("nb:\n  - preferred: «x»\n    rejected: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=r"nb entry 1 \(«x»\) rejected: bad pattern"):
        glossary.load(path)
    path.write_text("nb:\n  - preferred: «x»\n    rejected: ['x']\n    typo: 1\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="unknown keys"):
        glossary.load(path)


def test_the_build_fails_on_a_rejected_term_naming_file_and_line(tmp_path):
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    page = tmp_path / "docs/en/summary.md"
    text = page.read_text(encoding="utf-8") + "\nOffer a replacement before you hang up.\n"
    page.write_text(text, encoding="utf-8")
    result = build_project(tmp_path)
    assert result.returncode != 0
    assert f"docs/en/summary.md:{text.count(chr(10))}: «replacement»" in result.stderr


def test_sifting_raw_lines_finds_what_reading_every_line_finds(tmp_path):
    """The raw-line filter of check() is only a shortcut: over every page and string table of the playbook,
    and over planted variants whose markup splits or hides the word, it finds exactly what reading every
    line finds."""
    from playbook.editorial import glossary as module

    terms = module.load()
    planted = tmp_path / "docs"
    (planted / "nb").mkdir(parents=True)
    (planted / "en").mkdir(parents=True)
    (planted / "nb" / "planted.md").write_text(
        "---\ndescription: Be om *kred*itt i dag\n---\n# Side\n\n"
        "Send en [kred](https://example.no)itt nå.\n\n"
        "Vi har **MVA** og [mva](x)-sats, [Mva](x).-satsen.\n\n"
        "Se [forskriften [2009]](https://lovdata.no/forskrift/2009) om MVA (merverdiavgift).\n\n"
        "/// conversation-templates\n"
        "greeting: Hei,\n"
        "///\n\n"
        "```text\nDen nye klienten\n```\n\n"
        '!!! note "Om erstatning"\n'
        "    Kontrakten utløper i morgen.\n",
        encoding="utf-8",
    )
    (planted / "en" / "planted.md").write_text(
        "# Page\n\nThe *custo*mer paid £\u00a0400 and [a](x) *replace*ment came.\n\n"
        "The [e-mail](https://example.com) was sent, an e-*mail* and an e-![mail](pic.png) too.\n\n"
        "See [the rules [2009]](https://example.com/2009) on a replacement (in full).\n",
        encoding="utf-8",
    )
    for docs in (ROOT / "docs", planted):
        items = sources.collect(docs, languages.STRINGS_DIR, languages.CODES)
        sifted = module.check(items, terms, ROOT)
        assert sifted == module.check(items, terms, ROOT, sift=False)
    assert len(module.check(sources.collect(planted, languages.STRINGS_DIR, ("nb", "en")), terms)) >= 8


def test_required_words_keep_what_joins_a_word_and_cut_at_white_space():
    """A word's hyphen or full stop stays (``e-mail``, not every line with ``mail``); a space cuts, as
    cleaning may turn markup into one."""
    import re

    assert glossary.required_words(re.compile(r"\be-mails?\b")) == ("e-mail",)
    assert glossary.required_words(re.compile(r"\b[Mm]va\.-")) == ("mva.-",)
    assert glossary.required_words(re.compile(r"\bsi opp kontrakten\b")) == ("si", "opp", "kontrakten")
    assert glossary.required_words(re.compile(r"£\s?\d")) == ("£",)
    assert sources.loose("an e-![Mail](pic.png)") == "an e-mail"
    assert sources.loose("Obs![merk][1]") == "obs!merk", "a reference-style image keeps its '!', as cleaned"


def test_sifting_holds_for_a_pattern_needing_punctuation(tmp_path):
    """A required piece with punctuation (``obs!``) is looked for as cleaning leaves the line."""
    terms = glossary.parse({"nb": [{"preferred": "«merk»", "rejected": [r"\bObs!"]}]})
    page = tmp_path / "docs" / "nb" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text("Obs![merk][1] dette.\n\nObs!![bilde](x.png) og Obs! *Obs!*\n", encoding="utf-8")
    items = [sources.Source(page, "nb")]
    found = glossary.check(items, terms, tmp_path)
    assert found == glossary.check(items, terms, tmp_path, sift=False)
    assert [finding.line for finding in found] == [1, 3, 3, 3]


def test_every_rejected_pattern_names_a_word_its_matches_contain():
    """required_words() holds for samples of every pattern: the sample's loose text contains every word."""
    from playbook.editorial import glossary as module

    checked = 0
    for entries in module.load().values():
        for entry in entries:
            for pattern in entry.rejected:
                words = module.required_words(pattern)
                assert words, pattern.pattern
                sample = pattern.pattern.replace("\\b", "").replace("\\s+", " ").replace("\\", "")
                for match in pattern.finditer(sample):
                    checked += 1
                    assert all(word in sources.loose(match[0]) for word in words), (pattern.pattern, words)
    assert checked >= 10


def test_kept_findings_are_a_fresh_checks_and_follow_every_edit(tmp_path):
    """The findings kept between builds (glossary.load_kept) are those a full check finds; an edited
    file, and every file after a change to the glossary, is checked again."""
    from playbook import sources as shared

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "en" / "summary.md"
    items = sources.collect(docs, languages.STRINGS_DIR, languages.CODES)
    folder = tmp_path / "cache"

    terms, first = glossary.load_kept(folder)
    found = glossary.check(items, terms, tmp_path, results=first)
    assert first.save()
    assert found == glossary.check(items, terms, tmp_path) == []
    assert first.misses == len(items)

    _, again = glossary.load_kept(folder)
    assert glossary.check(items, terms, tmp_path, results=again) == []
    assert (again.hits, again.misses) == (len(items), 0)

    text = page.read_text(encoding="utf-8") + "\nOffer a replacement before you hang up.\n"
    page.write_text(text, encoding="utf-8")
    shared.forget_all()
    _, edited = glossary.load_kept(folder)
    [finding] = glossary.check(items, terms, tmp_path, results=edited)
    assert (str(finding.path), finding.line, finding.found) == (
        "docs/en/summary.md",
        text.count("\n"),
        "replacement",
    )
    assert edited.misses == 1
    edited.save()
    _, kept = glossary.load_kept(folder)
    assert glossary.check(items, terms, tmp_path, results=kept) == [finding]
    assert kept.misses == 0

    changed = tmp_path / "glossary.yml"
    changed.write_text(glossary.GLOSSARY.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, other = glossary.load_kept(folder, changed)
    glossary.check(items, terms, tmp_path, results=other)
    assert other.misses == len(items), "a changed glossary reused findings"


def test_a_build_after_an_edit_finds_what_the_last_build_kept_no_finding_for(tmp_path):
    """Through the hook: a clean build keeps its findings in the project's own .cache; the next build, after
    a rejected word is added, fails naming it."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    first = build_project(tmp_path, PLAYBOOK_PDF="0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert (tmp_path / ".cache" / "playbook" / "checks" / "glossary.json").is_file()
    page = tmp_path / "docs/nb/summary.md"
    text = page.read_text(encoding="utf-8") + "\nSi opp kontrakten skriftlig.\n"
    page.write_text(text, encoding="utf-8")
    second = build_project(tmp_path, PLAYBOOK_PDF="0")
    assert second.returncode != 0
    assert f"docs/nb/summary.md:{text.count(chr(10))}: «Si opp kontrakten»" in second.stderr


def test_a_folder_named_like_a_page_is_not_read_as_one(tmp_path):
    (tmp_path / "nb" / "notes.md").mkdir(parents=True)
    (tmp_path / "nb" / "page.md").write_text("# Side\n", encoding="utf-8")
    found = sources.collect(tmp_path, tmp_path / "strings", ["nb"])
    assert [item.path.name for item in found] == ["page.md"]
