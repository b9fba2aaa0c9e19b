"""The conversation planner in the build: a template missing in one language or an unknown placeholder fails
the build naming the file and the line; the built planner pages carry the widget, its templates and the
checklists of their language, and keep the templates out of the search index and the PDF."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader
from pypdf import PdfReader

from built import build_project
from playbook import languages
from playbook.blocks import planner
from playbook.blocks.checklist import sources as checklist_sources
from playbook.blocks.planner import hooks as planner_hooks
from playbook.pdf import build as pdf
from playbook.site import nav

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
CONFIG_RE = re.compile(r'<script type="application/json" id="playbook-config">(.*?)</script>', re.S)


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def test_a_template_missing_in_one_language_fails_the_build_naming_file_and_line(project):
    page = project / "docs/en/planner.md"
    text = page.read_text(encoding="utf-8")
    missing = next(line for line in text.splitlines() if line.startswith("confirmation.signoff:"))
    page.write_text(text.replace(missing + "\n", ""), encoding="utf-8")
    result = build_project(project)
    assert result.returncode != 0
    line = line_of(page, "/// conversation-templates")
    assert f"docs/en/planner.md:{line}: the templates lack confirmation.signoff" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_placeholder_fails_the_build_naming_file_and_line(project):
    page = project / "docs/nb/planner.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("script.thanks: Takk", "script.thanks: Takk, {navn}. Takk", 1), "utf-8")
    result = build_project(project)
    assert result.returncode != 0
    line = line_of(page, "script.thanks:")
    assert (
        f"docs/nb/planner.md:{line}: template 'script.thanks' holds the unknown placeholder {{navn}}"
        in result.stderr
    )


def page_config(path: Path) -> dict:
    return json.loads(CONFIG_RE.search(path.read_text(encoding="utf-8")).group(1))


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_built_planner_page_carries_the_widget_the_templates_and_the_checklists(site, lang):
    built = (site / lang.url_prefix / "planner.html").read_text(encoding="utf-8")
    assert f'{planner.ROOT_ATTR}="{planner.ROOT_VALUE}"' in built
    assert f'{planner.WIDGET_ATTR}="{planner.NAME}"' in built
    raw = re.search(rf'{planner.TEMPLATES_ATTR}="([^"]*)"', built).group(1)
    assert set(json.loads(html.unescape(raw))) == set(planner.TEMPLATES)
    # The exit pack's checklists, written by the build into the page (no page-config JSON, no script).
    template = built.split(f"<template {planner_hooks.TEMPLATE_ATTR}>", 1)[1].split("</template>", 1)[0]
    checklists = [
        {"id": list_id, "title": html.unescape(title)}
        for list_id, title in re.findall(rf'{planner_hooks.LIST_ATTR}="([^"]+)"><p>(.*?)</p>', template)
    ]
    assert "checklists" not in page_config(site / lang.url_prefix / "planner.html")
    # Every checklist of the language, in the order of the navigation, as the checklist pages show them.
    expected = []
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        pages = nav.flatten_nav(yaml.load(config, Loader=get_yaml_loader())["nav"])
    for name in pages:
        text = (ROOT / "docs" / lang.code / name).read_text(encoding="utf-8")
        expected += [found.id for found in checklist_sources.scan(text)[0]]
    assert [c["id"] for c in checklists] == expected
    assert {"before-call", "during-call", "after-call", "prevention"} <= set(expected)
    before = (site / lang.url_prefix / "before.html").read_text(encoding="utf-8")
    legend = re.search(r'<legend class="checklist__title"[^>]*>(.*?)</legend>', before).group(1)
    before_call = next(c for c in checklists if c["id"] == "before-call")
    assert before_call["title"] == html.unescape(legend)
    for name in ("index.html", "before.html", "refunds.html"):
        assert planner_hooks.TEMPLATE_ATTR not in (site / lang.url_prefix / name).read_text(encoding="utf-8")
    # The exit documents' strings are in their part's strings file, not in the page config.
    strings = page_config(site / lang.url_prefix / "planner.html")["strings"]
    assert not {planner.STRING_PREFIX + key for key in planner.DOCUMENT_STRING_KEYS} & set(strings)
    part = (site / "assets" / "javascripts" / f"strings-{planner.DOCUMENTS_PART}.{lang.code}.js").read_text()
    assert all(f'"{planner.STRING_PREFIX}{key}"' in part for key in planner.DOCUMENT_STRING_KEYS)
    # So are the texts' part's (and the calculator's summary the exit pack prints): the page carries only what
    # its form shows at load, every key of which it has.
    texts_keys = {planner.STRING_PREFIX + key for key in planner.TEXTS_STRING_KEYS}
    assert not texts_keys & set(strings)
    assert not [key for key in strings if key.startswith(planner.TEXTS_OTHER_PREFIX)]
    assert "planner.print" in strings and "planner.texts.failed" in strings
    written = (site / "assets" / "javascripts" / f"strings-{planner.TEXTS_PART}.{lang.code}.js").read_text()
    prefix = f'(globalThis.playbookStrings||={{}})["{planner.TEXTS_PART}.{lang.code}"]='
    assert written.startswith(prefix)
    texts = json.loads(written[len(prefix) :].rstrip().rstrip(";"))
    table = lang.strings()
    expected = texts_keys | {key for key in table if key.startswith(planner.TEXTS_OTHER_PREFIX)}
    assert set(texts) == expected
    assert all(texts[key] == table[key] and texts[key].strip() for key in expected)
    assert (site / "assets" / "javascripts" / f"part-{planner.TEXTS_PART}.js").is_file()


def test_the_planner_modules_are_published_and_loaded_only_where_the_planner_is(site):
    assets = site / "assets"
    assert (assets / "javascripts" / f"widget-{planner.NAME}.js").is_file()  # planner.js and its imports
    assert (assets / "stylesheets" / "planner.css").is_file()
    playbook_js = (assets / "javascripts" / "playbook.js").read_text(encoding="utf-8")
    assert f'"{planner.NAME}":' in playbook_js and '"widget"' in playbook_js and "-${" in playbook_js
    for lang in LANGS:
        index = (site / lang.url_prefix / "index.html").read_text(encoding="utf-8")
        assert "planner.css" not in index and "planner.js" not in index


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_templates_stay_out_of_search_and_the_pdf_gets_the_worksheet(site, lang):
    built = (site / lang.url_prefix / "planner.html").read_text(encoding="utf-8")
    raw = re.search(rf'{planner.TEMPLATES_ATTR}="([^"]*)"', built).group(1)
    templates = json.loads(html.unescape(raw))
    index = (site / lang.url_prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    text = pdf_text(site, lang)
    for key in ("script.reason.payment", "confirmation.money.balance_due"):
        assert templates[key] not in str(json.loads(index)["docs"]), key
        assert " ".join(templates[key].split()[:6]) not in text, key
    worksheet = re.search(rf"<div [^>]*{planner.FALLBACK_ATTR}[^>]*>(.*?)</div>", built, re.S).group(1)
    first_step = re.sub(r"<[^>]+>", "", re.search(r"<li>(.*?)</li>", worksheet, re.S).group(1))
    assert " ".join(html.unescape(first_step).split()[:4]) in text


def pdf_text(site: Path, lang: languages.Language) -> str:
    reader = PdfReader(pdf.pdf_path(site, lang))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
