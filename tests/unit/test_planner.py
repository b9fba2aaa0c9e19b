"""The conversation planner's Markdown extension: golden Markdown -> HTML pairs, the templates and their
checks, malformed blocks failing loudly, and the interface the browser modules share with it.

Golden pairs live in tests/unit/golden/planner/ (<case>.md in, <case>.html out). After an intended change to
the output, regenerate them with ``PLAYBOOK_REGEN_GOLDEN=1 .venv/bin/pytest tests/unit/test_planner.py`` and
review the diff.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

import golden
from playbook import languages
from playbook.blocks import planner
from playbook.blocks.planner import hooks as planner_hooks

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "planner"
# The site's Markdown setup, reduced to what meets a planner: tables, admonitions, attribute lists, fenced
# code, the blocks (checklists alongside, to show they do not meet).
EXTENSIONS = [
    "admonition",
    "attr_list",
    "tables",
    "pymdownx.superfences",
    "playbook.blocks.checklist",
    "playbook.blocks.planner",
]
CASES = golden.cases("planner")


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def parse(html_text: str) -> etree.Element:
    return etree.fromstring(f"<body>{html_text}</body>")


def template_body(**texts: str) -> str:
    """Every template the planner needs, each with its required placeholders; `texts` replaces some."""
    lines = []
    for key, spec in planner.TEMPLATES.items():
        default = f"Text for {key}" + "".join(f" {{{name}}}" for name in sorted(spec.required)) + "."
        text = texts.get(key.replace(".", "__"), default)
        if text is not None:
            lines.append(f"{key}: {text}")
    return "\n".join(lines)


def page(templates: str | None = None, fallback: str = "Fill in by hand: ______") -> str:
    body = template_body() if templates is None else templates
    return f"/// conversation-planner\n\n{fallback}\n///\n\n/// conversation-templates\n\n{body}\n///\n"


# --- Golden pairs -------------------------------------------------------------------------------------------


def test_there_are_golden_cases():
    assert len(CASES) >= 4, f"golden cases missing from {GOLDEN}"


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    golden.check("planner", case, render)


# --- The built markup ---------------------------------------------------------------------------------------


def roots(tree: etree.Element, attribute: str) -> list[etree.Element]:
    return [el for el in tree.iter() if attribute in el.attrib]


def test_the_root_the_fallback_and_the_templates_carry_the_interface():
    tree = parse(render((GOLDEN / "basic.md").read_text(encoding="utf-8")))
    [root] = roots(tree, planner.ROOT_ATTR)
    assert root.get(planner.WIDGET_ATTR) == planner.NAME
    assert root.get(planner.ROOT_ATTR) == planner.ROOT_VALUE
    [fallback] = list(root)
    assert planner.FALLBACK_ATTR in fallback.attrib and "hidden" not in fallback.attrib
    assert "Fill in this sheet by hand" in "".join(fallback.itertext())
    # Nothing interactive in the built HTML: without JavaScript there is no dead form, and the PDF keeps all.
    assert not [el for el in root.iter() if el.tag in {"form", "input", "select", "textarea", "button"}]
    [templates] = roots(tree, planner.TEMPLATES_ATTR)
    assert templates.get("hidden") is not None
    assert templates.text is None and not len(templates), "the templates stay out of the page's text"
    assert set(json.loads(templates.get(planner.TEMPLATES_ATTR))) == set(planner.TEMPLATES)
    assert [el.tag for el in tree] == ["p", "div", "div", "p"]


def test_templates_keep_markup_quotes_and_continued_lines_as_text():
    tree = parse(render((GOLDEN / "escaping.md").read_text(encoding="utf-8")))
    [element] = roots(tree, planner.TEMPLATES_ATTR)
    templates = json.loads(element.get(planner.TEMPLATES_ATTR))
    assert templates["script.decision"] == 'I\'ve decided: <b>end</b> it & "leave" \u2013 «nå» \\ done.'
    tree = parse(render((GOLDEN / "continued-lines.md").read_text(encoding="utf-8")))
    [element] = roots(tree, planner.TEMPLATES_ATTR)
    templates = json.loads(element.get(planner.TEMPLATES_ATTR))
    assert templates["script.closing"] == (
        "Do you have any questions? Then I'll send a confirmation. Thanks again."
    )
    assert templates["blank.reason"] == "[reason]"


def test_the_pages_use_the_blocks_in_both_languages():
    """Each planner page holds one planner whose fallback renders, and the complete templates."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    assert "playbook.blocks.planner" in config["markdown_extensions"]
    assert "planner.md" in config["nav"]
    texts = {}
    for code in ("nb", "en"):
        source = (ROOT / "docs" / code / "planner.md").read_text(encoding="utf-8").split("---", 2)[2]
        tree = parse(render(source))
        [root] = roots(tree, planner.ROOT_ATTR)
        assert len("".join(root[0].itertext()).strip()) > 300, code
        [element] = roots(tree, planner.TEMPLATES_ATTR)
        texts[code] = json.loads(element.get(planner.TEMPLATES_ATTR))
        assert set(texts[code]) == set(planner.TEMPLATES)
    assert not [key for key in planner.TEMPLATES if texts["nb"][key] == texts["en"][key]]


# --- The templates ------------------------------------------------------------------------------------------


def test_parse_templates_reads_a_complete_set():
    templates, problems = planner.parse_templates(template_body())
    assert problems == []
    assert set(templates) == set(planner.TEMPLATES)


# name -> (body, [(line in the body, what the message says)])
TEMPLATE_PROBLEMS = {
    "an unknown key, with a suggestion": (
        template_body() + "\nscript.openning: Hi.",
        [(len(planner.TEMPLATES) + 1, "unknown template 'script.openning'; did you mean 'script.opening'?")],
    ),
    "a missing key": (
        template_body(script__decision=None),
        [(0, "the templates lack script.decision; every language needs all of them")],
    ),
    "an unknown placeholder": (
        template_body(script__thanks="Thanks, {client}."),
        [(None, "template 'script.thanks' holds the unknown placeholder {client}; it may use: none")],
    ),
    "a required placeholder missing": (
        template_body(script__opening="Hi there."),
        [(None, "template 'script.opening' must hold the placeholder {client_name}")],
    ),
    "a lone brace": (
        template_body(script__thanks="Thanks } a lot."),
        [(None, "template 'script.thanks' holds a lone brace")],
    ),
    "a key written twice": (
        template_body() + "\nscript.thanks: Again.",
        [(len(planner.TEMPLATES) + 1, "template 'script.thanks' is written twice (first on line")],
    ),
    "a line that is not key: text": (
        "Just a sentence without a key\n" + template_body(),
        [(1, "is not a template; write it as 'key: text'")],
    ),
    "a key without text": (
        template_body(script__thanks=None) + "\nscript.thanks:",
        [(0, "the templates lack script.thanks"), (len(planner.TEMPLATES), "is not a template")],
    ),
    "a continuation without a template": (
        "  continues nothing\n" + template_body(),
        [(1, "continues no template")],
    ),
}


@pytest.mark.parametrize("case", TEMPLATE_PROBLEMS, ids=list(TEMPLATE_PROBLEMS))
def test_template_problems_name_their_line(case):
    body, expected = TEMPLATE_PROBLEMS[case]
    _templates, problems = planner.parse_templates(body)
    assert len(problems) == len(expected), problems
    lines = body.splitlines()
    for problem, (line, words) in zip(problems, expected, strict=True):
        assert words in problem.reason
        if line is None:
            key = re.search(r"template '([^']+)'", problem.reason).group(1)
            line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:"))
        assert problem.line == line, (problem, line)


# --- Malformed blocks fail loudly ---------------------------------------------------------------------------

# name -> (Markdown, what the error says)
MALFORMED = {
    "a planner with a title": (
        page().replace("/// conversation-planner", "/// conversation-planner | Plan"),
        "takes no title",
    ),
    "a planner with an option": (
        page().replace("/// conversation-planner\n", "/// conversation-planner\n    id: plan\n"),
        "takes no options, but got 'id'",
    ),
    "templates with a title": (
        page().replace("/// conversation-templates", "/// conversation-templates | Texts"),
        "takes no title",
    ),
    "two planners": (
        page() + "\n/// conversation-planner\n\nAgain.\n///\n",
        "a page holds one conversation planner",
    ),
    "two template blocks": (
        page() + f"\n/// conversation-templates\n\n{template_body()}\n///\n",
        "a page holds one set of conversation templates",
    ),
    "an empty planner": (page(fallback=""), "has no body"),
    "a heading in the fallback": (page(fallback="## Worksheet\n\nText."), "holds a heading ('Worksheet')"),
    "a widget in the fallback": (
        page(fallback="/// checklist | List\n    id: list\n\n- [ ] Item {#item}\n///"),
        "holds another widget ('checklist')",
    ),
    "a planner without templates": (
        "/// conversation-planner\n\nSheet.\n///\n",
        "no '/// conversation-templates'",
    ),
    "templates without a planner": (
        f"/// conversation-templates\n\n{template_body()}\n///\n",
        "no '/// conversation-planner'",
    ),
    "templates inside the planner": (
        "/// conversation-planner\n\nSheet.\n\n"
        f"/// conversation-templates\n\n{template_body()}\n///\n\n///\n",
        "in their own '/// conversation-templates' block",
    ),
    "an unknown template": (
        page(template_body() + "\nscript.extra: More."),
        "unknown template 'script.extra'",
    ),
    "a missing template": (page(template_body(blank__reason=None)), "the templates lack blank.reason"),
    "an unknown placeholder": (
        page(template_body(script__thanks="Thanks {name}.")),
        f"line {list(planner.TEMPLATES).index('script.thanks') + 1} of the block: "
        "template 'script.thanks' holds the unknown placeholder {name}",
    ),
    "a planner not closed": ("/// conversation-planner\n\nSheet.\n", "is not closed"),
    "options that are not name: value": (
        page().replace("/// conversation-planner\n", "/// conversation-planner\n    - plan\n"),
        "was not read as a conversation planner",
    ),
    "words after the name": (
        page().replace("/// conversation-planner\n", "/// conversation-planner now\n"),
        "was not read as a conversation planner",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_blocks_fail_with_a_reason(case):
    source, words = MALFORMED[case]
    with pytest.raises(planner.PlannerError) as error:
        render(source)
    assert words in str(error.value)


def test_planner_errors_end_an_mkdocs_build_with_a_message():
    from mkdocs.exceptions import PluginError

    assert issubclass(planner.PlannerError, PluginError)
    assert issubclass(planner.PlannerError, ValueError)


# --- One interface, declared once ---------------------------------------------------------------------------

NODE_DUMP = """
const text = await import(process.argv[1] + "/planner/planner-text.js");
const widget = await import(process.argv[1] + "/planner/planner.js");
const exitPack = await import(process.argv[1] + "/planner/exit-pack.js");
const state = await import(process.argv[1] + "/planner/planner-state.js");
const last = await import(process.argv[1] + "/calculator/last-calculation.js");
const documentsView = await import(process.argv[1] + "/planner/documents-view.js");
const textsPart = await import(process.argv[1] + "/planner/texts-part.js");
console.log(JSON.stringify({
  templates: text.TEMPLATES, reasons: text.REASONS, endKinds: text.END_KINDS, handovers: text.HANDOVERS,
  refundSources: text.REFUND_SOURCES, maxReplacements: text.MAX_REPLACEMENTS, outputs: state.OUTPUTS,
  attributes: widget.ATTRIBUTES, exitPack: exitPack.ATTRIBUTES, plannerKey: state.KEY,
  calculationKey: last.KEY, stringPrefix: widget.STRING_PREFIX, documentsPart: widget.DOCUMENTS_PART,
  calculationPart: widget.CALCULATION_PART, plannerCalculationKey: widget.CALCULATION_KEY,
  documentStringKeys: documentsView.DOCUMENT_STRING_KEYS,
  textsPart: widget.TEXTS_PART, textsStringKeys: textsPart.TEXTS_STRING_KEYS,
  textsOtherPrefix: textsPart.TEXTS_OTHER_PREFIX,
}));
"""


@pytest.fixture(scope="module")
def browser_side() -> dict:
    node = shutil.which("node")
    assert node, "node is needed to read the browser modules"
    folder = (ROOT / "overrides" / "assets" / "javascripts").as_uri()
    result = subprocess.run(
        [node, "--input-type=module", "-e", NODE_DUMP, folder], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_browser_modules_know_the_same_templates(browser_side):
    expected = {
        key: {"allowed": sorted(spec.allowed), "required": sorted(spec.required)}
        for key, spec in planner.TEMPLATES.items()
    }
    actual = {
        key: {"allowed": sorted(spec["allowed"]), "required": sorted(spec["required"])}
        for key, spec in browser_side["templates"].items()
    }
    assert actual == expected


def test_the_browser_modules_use_the_same_names(browser_side):
    assert tuple(browser_side["reasons"]) == planner.REASONS
    assert tuple(browser_side["endKinds"]) == planner.END_KINDS
    assert tuple(browser_side["handovers"]) == planner.HANDOVERS
    assert tuple(browser_side["refundSources"]) == planner.REFUND_SOURCES
    assert browser_side["maxReplacements"] == planner.MAX_REPLACEMENTS
    assert tuple(browser_side["outputs"]) == planner.OUTPUTS
    assert browser_side["plannerKey"] == planner.STORAGE_KEY
    assert browser_side["calculationKey"] == planner.CALCULATION_KEY
    assert browser_side["stringPrefix"] == planner.STRING_PREFIX
    attributes = browser_side["attributes"]
    assert attributes["root"] == planner.ROOT_ATTR
    assert attributes["fallback"] == planner.FALLBACK_ATTR
    assert attributes["templates"] == planner.TEMPLATES_ATTR
    assert attributes["status"] == planner.STATUS_ATTR
    assert attributes["output"] == planner.OUTPUT_ATTR
    assert attributes["copy"] == planner.COPY_ATTR
    assert attributes["regenerate"] == planner.REGENERATE_ATTR
    assert attributes["calculation"] == planner.CALCULATION_ATTR
    assert attributes["forget"] == planner.FORGET_ATTR
    assert attributes["print"] == planner.PRINT_ATTR
    assert attributes["documentsOpen"] == planner.DOCUMENTS_OPEN_ATTR
    assert attributes["documentsStatus"] == planner.DOCUMENTS_STATUS_ATTR
    assert attributes["documentsRetry"] == planner.DOCUMENTS_RETRY_ATTR
    assert attributes["documentsPart"] == planner.DOCUMENTS_PART_ATTR
    assert attributes["documentsState"] == planner.DOCUMENTS_STATE_ATTR
    assert attributes["textsState"] == planner.TEXTS_STATE_ATTR
    assert attributes["textsStatus"] == planner.TEXTS_STATUS_ATTR
    assert attributes["textsRetry"] == planner.TEXTS_RETRY_ATTR
    assert attributes["printFallback"] == planner.PRINT_FALLBACK_ATTR
    exit_pack = browser_side["exitPack"]
    assert exit_pack == {
        "root": planner.EXIT_PACK_ATTR,
        "part": planner.EXIT_PACK_PART_ATTR,
        "item": planner.EXIT_PACK_ITEM_ATTR,
        "ticked": planner.TICKED_ATTR,
        "template": planner_hooks.TEMPLATE_ATTR,
        "list": planner_hooks.LIST_ATTR,
    }


def test_the_build_and_the_browser_agree_on_the_documents_part(browser_side):
    # The build takes these keys out of the planner page's config and writes them into the part's strings.
    assert browser_side["documentsPart"] == planner.DOCUMENTS_PART
    assert browser_side["calculationPart"] == planner.CALCULATION_PART
    assert browser_side["plannerCalculationKey"] == planner.CALCULATION_KEY
    assert tuple(browser_side["documentStringKeys"]) == planner.DOCUMENT_STRING_KEYS


def test_the_build_and_the_browser_agree_on_the_texts_part(browser_side):
    # The build moves these keys (and the calculator's summary) from the page's config to the part's strings.
    assert browser_side["textsPart"] == planner.TEXTS_PART
    assert tuple(browser_side["textsStringKeys"]) == planner.TEXTS_STRING_KEYS
    assert browser_side["textsOtherPrefix"] == planner.TEXTS_OTHER_PREFIX


@pytest.mark.parametrize("code", [lang.code for lang in languages.LANGUAGES])
def test_each_part_of_the_planner_has_every_key_in_its_strings_file(code):
    table = languages.by_code(code).strings()
    texts = planner_hooks.part_strings(planner.TEXTS_PART, code)
    expected = {planner.STRING_PREFIX + key for key in planner.TEXTS_STRING_KEYS}
    expected |= {key for key in table if key.startswith("calculator.summary.")}
    assert set(texts) == expected and all(texts[key].strip() for key in texts)
    assert len(expected) > len(planner.TEXTS_STRING_KEYS), "the calculator's summary travels with the texts"
    documents = planner_hooks.part_strings(planner.DOCUMENTS_PART, code)
    assert set(documents) == {planner.STRING_PREFIX + key for key in planner.DOCUMENT_STRING_KEYS}
    # No key is in two places: the page config and the parts share nothing.
    assert not set(texts) & set(documents)
    assert all(planner_hooks.in_a_part(key) for key in [*texts, *documents])
    assert not planner_hooks.in_a_part("planner.print")
    assert not planner_hooks.in_a_part("planner.texts.failed")


def test_a_part_string_missing_in_a_language_fails_the_build_naming_it(monkeypatch):
    lang = languages.by_code("en")
    table = dict(lang.strings())
    del table["planner.copied"]
    table["calculator.summary.title"] = " "
    monkeypatch.setattr(type(lang), "strings", lambda self: table)
    expected = r"en\.json lacks planner\.copied, calculator\.summary\.title, which"
    with pytest.raises(planner.PlannerError, match=expected):
        planner_hooks.part_strings(planner.TEXTS_PART, "en")


def test_the_form_field_names_are_the_ones_planner_js_writes():
    source = (ROOT / "overrides" / "assets" / "javascripts" / "planner" / "planner.js").read_text(
        encoding="utf-8"
    )
    read_values = source.split("function readValues()")[1].split("}\n")[0]
    names = re.findall(r"^\s+(\w+): ", read_values, re.M)
    # The client's company and contact are the planner's own fields too (the documents' part reads the rest).
    assert tuple(names) == ("client_company", "client_contact", *planner.FIELDS)


def test_templates_json_is_stable_and_escapes_nothing_it_does_not_need_to():
    text = planner.templates_json({"b": "«ø» & <x>", "a": "1"})
    assert text == '{"a":"1","b":"«ø» & <x>"}'
    assert html.unescape(html.escape(text, quote=True)) == text
