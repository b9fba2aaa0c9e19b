"""The refund calculator in the build: a malformed block fails it naming the page, and the built pages carry
the widget's root, its fallback and its strings in both languages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from built import build_project
from playbook import languages
from playbook.blocks import calculator

ROOT = Path(__file__).resolve().parents[2]
BLOCK = "/// refund-calculator\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# name -> (page, the change (old, new), what the error says)
BROKEN = {
    "a second calculator": (
        "en/refunds.md",
        ("## Calculator {#calculator}\n", f"## Calculator {{#calculator}}\n\n{BLOCK}\nAgain.\n///\n"),
        "a page holds one refund calculator",
    ),
    "an option": (
        "nb/refunds.md",
        (BLOCK, BLOCK + "    currency: EUR\n"),
        "takes no options, but got 'currency'",
    ),
    "a title": ("en/refunds.md", (BLOCK, "/// refund-calculator | Calculator\n"), "takes no title"),
    "an empty body": ("nb/summary.md", ("\n## ", f"\n{BLOCK}///\n\n## "), "has no body"),
    "no end": ("en/summary.md", ("\n## ", f"\n{BLOCK}\nNo end.\n\n## "), "is not closed"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_malformed_calculator_fails_the_build_naming_the_page(project, case):
    page, (old, new), reason = BROKEN[case]
    edit(project / "docs" / page, old, new)
    result = build_project(project)
    assert result.returncode != 0
    # The source check fails the build before any page renders, naming the file and the line.
    problem = re.search(rf"docs/{re.escape(page)}:(\d+): (.*)", result.stderr)
    assert problem, result.stderr[-2000:]
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    assert lines[int(problem.group(1)) - 1].startswith(("/// refund-calculator", "    currency"))
    assert reason in problem.group(2)
    assert "Traceback" not in result.stderr, "a malformed block should end the build with a message"


def calculator_root(html: str) -> etree.Element:
    """The calculator's root element, parsed on its own (the built page is HTML, not XML)."""
    start = re.search(rf"<div [^>]*{calculator.ROOT_ATTR}=[^>]*>", html)
    assert start, "no calculator root on the page"
    depth, position = 0, start.start()
    for tag in re.finditer(r"<(/?)div\b[^>]*>", html[position:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            fragment = html[position : position + tag.end()]
            return etree.fromstring(re.sub(r"<br>", "<br/>", fragment))
    raise AssertionError("the calculator root is not closed")


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_the_built_refunds_page_carries_the_calculator(site, lang):
    html = (site / lang.url_prefix / "refunds.html").read_text(encoding="utf-8")
    assert html.count(f"{calculator.ROOT_ATTR}=") == 1
    root = calculator_root(html)
    assert root.get(calculator.WIDGET_ATTR) == calculator.NAME
    fallbacks = [el for el in root.iter() if calculator.FALLBACK_ATTR in el.attrib]
    assert len(fallbacks) == 1 and "hidden" not in fallbacks[0].attrib
    text = "".join(fallbacks[0].itertext())
    assert "40" in text and "60" in text and ("Refusjon" in text if lang.code == "nb" else "Refund" in text)
    config = json.loads(re.search(r'id="playbook-config">(.*?)</script>', html, re.S).group(1))
    assert config["currency"] == lang.currency and config["vat_rate_bp"] == lang.vat_rate_bp
    assert config["locale"] == lang.locale
    # The page carries the form's strings alone; every other calculator string is in the engine part's file.
    keys = {key for key in config["strings"] if key.startswith(calculator.STRING_PREFIX)}
    form = {calculator.STRING_PREFIX + key for key in calculator.FORM_STRING_KEYS}
    assert keys == form
    table = languages.load_strings(lang.code)
    engine = {key for key in table if key.startswith(calculator.STRING_PREFIX)} - form
    assert len(engine) > 80
    assert {"calculator.error.required", "calculator.result.invalid", "calculator.summary.title"} <= engine
    part = site / "assets" / "javascripts" / f"strings-{calculator.ENGINE_PART}.{lang.code}.js"
    prefix = f'(globalThis.playbookStrings||={{}})["{calculator.ENGINE_PART}.{lang.code}"]='
    text = part.read_text(encoding="utf-8")
    assert text.startswith(prefix)
    assert json.loads(text[len(prefix) :].rstrip().rstrip(";")) == {key: table[key] for key in engine}


def test_the_calculator_script_and_stylesheet_are_published_but_not_linked_from_every_page(site):
    """playbook.js fetches the widget's bundle only where its root is; the widget brings its stylesheet."""
    assets = site / "assets"
    assert (assets / "stylesheets" / "calculator.css").is_file()
    playbook_js = (assets / "javascripts" / "playbook.js").read_text(encoding="utf-8")
    assert f'"{calculator.NAME}":' in playbook_js, "playbook.js knows the widget by its name"
    assert '"widget"' in playbook_js and ".js`" in playbook_js, "and loads widget-<name>.js (lib/bundles.js)"
    widget_js = (assets / "javascripts" / f"widget-{calculator.NAME}.js").read_text(encoding="utf-8")
    assert f'playbookWidgets||={{}})["{calculator.NAME}"]' in widget_js, "the bundle registers the widget"
    assert '"calculator.css"' in widget_js and "../stylesheets/" in widget_js, "it loads its stylesheet"
    for lang in languages.LANGUAGES:
        for page in ("index.html", "refunds.html"):
            html = (site / lang.url_prefix / page).read_text(encoding="utf-8")
            assert "calculator.css" not in html and "refund-calculator.js" not in html, page
