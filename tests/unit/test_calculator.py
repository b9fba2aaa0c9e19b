"""The refund-calculator Markdown extension: golden Markdown -> HTML pairs, malformed blocks failing loudly.

Golden pairs live in tests/unit/golden/calculator/ (<case>.md in, <case>.html out). After an intended change
to the output, regenerate them with ``PLAYBOOK_REGEN_GOLDEN=1 .venv/bin/pytest tests/unit/test_calculator.py``
and review the diff.
"""

from __future__ import annotations

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
from playbook.blocks import calculator, planner
from playbook.blocks.calculator import hooks as calculator_hooks
from playbook.blocks.planner import hooks as planner_hooks

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "calculator"
# The site's Markdown setup, reduced to what meets a calculator: tables and admonitions in its body, attribute
# lists, fenced code, and the blocks.
EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.superfences", "playbook.blocks.calculator"]
CASES = golden.cases("calculator")


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def parse(html: str) -> etree.Element:
    return etree.fromstring(f"<body>{html}</body>")


def test_there_are_golden_cases():
    assert len(CASES) >= 5, f"golden cases missing from {GOLDEN}"


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    golden.check("calculator", case, render)


def calculator_roots(tree: etree.Element) -> list[etree.Element]:
    return [el for el in tree.iter() if calculator.ROOT_ATTR in el.attrib]


def test_the_root_and_the_fallback_carry_the_interface():
    """The names playbook.js, refund-calculator.js, the PDF and the tests rely on are in the HTML."""
    tree = parse(render((GOLDEN / "basic.md").read_text(encoding="utf-8")))
    [root] = calculator_roots(tree)
    assert root.get(calculator.WIDGET_ATTR) == calculator.NAME
    assert root.get(calculator.ROOT_ATTR) == calculator.ROOT_VALUE
    [fallback] = list(root)
    assert calculator.FALLBACK_ATTR in fallback.attrib
    assert "hidden" not in fallback.attrib, "without JavaScript the fallback must show"
    assert [child.tag for child in fallback] == ["p", "table"]
    text = "".join(fallback.itertext())
    assert "Earned" in text and "£6,000" in text
    # Nothing interactive in the built HTML: without JavaScript there is no dead form, and the PDF keeps all.
    assert not [el for el in root.iter() if el.tag in {"form", "input", "select", "button", "output"}]


def test_text_around_the_block_stays_outside_it():
    tree = parse(render((GOLDEN / "basic.md").read_text(encoding="utf-8")))
    assert [el.tag for el in tree] == ["p", "div", "p"]
    assert tree[2].text == "Text after the calculator."


def test_the_pages_use_the_block_in_both_languages():
    """Each refunds page holds exactly one calculator whose fallback renders, with the site's extensions."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    assert "playbook.blocks.calculator" in config["markdown_extensions"]
    for code in ("nb", "en"):
        source = (ROOT / "docs" / code / "refunds.md").read_text(encoding="utf-8").split("---", 2)[2]
        tree = parse(render(source))
        [root] = calculator_roots(tree)
        fallback = root[0]
        assert len("".join(fallback.itertext()).strip()) > 100, code


# name -> (Markdown, what the error says)
MALFORMED = {
    "a title": ("/// refund-calculator | Refunds\n\nBody.\n///\n", "takes no title"),
    "an unknown option": (
        "/// refund-calculator\n    currency: EUR\n\nBody.\n///\n",
        "takes no options, but got 'currency'",
    ),
    "attributes": (
        "/// refund-calculator\n    attrs: {class: big}\n\nBody.\n///\n",
        "takes no options, but got 'attrs'",
    ),
    "options that are not name: value": (
        "/// refund-calculator\n    - EUR\n\nBody.\n///\n",
        "was not read as a refund",
    ),
    "options that are not YAML": (
        "/// refund-calculator\n    a: [b\n\nBody.\n///\n",
        "was not read as a refund",
    ),
    "an empty body": ("/// refund-calculator\n///\n", "has no body"),
    "a blank body": ("/// refund-calculator\n\n   \n\n///\n", "has no body"),
    "two calculators": (
        "/// refund-calculator\nOne.\n///\n\n/// refund-calculator\nTwo.\n///\n",
        "a page holds one refund calculator",
    ),
    "a calculator inside a calculator": (
        "//// refund-calculator\nOne.\n\n/// refund-calculator\nTwo.\n///\n////\n",
        "a page holds one refund calculator",
    ),
    "no end": ("/// refund-calculator\n\nBody that never ends.\n", "is not closed"),
    "a heading in the body": (
        "/// refund-calculator\n\n## How {#how}\n\nBody.\n///\n",
        "holds a heading ('How')",
    ),
    "another widget in the body": (
        '/// refund-calculator\n\nBody.\n{: data-widget="checklist" }\n///\n',
        "holds another widget ('checklist')",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_blocks_fail(case):
    source, message = MALFORMED[case]
    with pytest.raises(calculator.CalculatorError) as caught:
        render(source)
    assert message in str(caught.value)


def test_a_misspelt_block_name_is_left_to_other_extensions():
    """`/// refund-calculators` is not this block; pymdownx leaves unknown names alone as text."""
    assert calculator.ROOT_ATTR not in render("/// refund-calculators\n\nBody.\n///\n")


def test_the_error_ends_a_mkdocs_build_without_a_traceback():
    from mkdocs.exceptions import BuildError

    assert issubclass(calculator.CalculatorError, BuildError)
    assert issubclass(calculator.CalculatorError, ValueError)


# --- The names on both sides --------------------------------------------------------------------------------

NODE_SCRIPT = """
import { ATTRIBUTES } from "./overrides/assets/javascripts/calculator/refund-calculator.js";
import { FIELDS, SETTLEMENTS, SHARE_MODES, RESULT_ROWS, CREDIT_NOTE_ROWS, FINAL_INVOICE_ROWS,
  MILESTONES_GROUP, STRING_PREFIX, BASIS_FIELDS, DEFAULT_BASES }
  from "./overrides/assets/javascripts/calculator/refund-form.js";
import { BASES, CURRENCIES, ERROR_CODES } from "./overrides/assets/javascripts/calculator/refund-math.js";
import { ENGINE_STRING_KEYS, errorKey } from "./overrides/assets/javascripts/calculator/refund-form.js";
import { ENGINE_PART, FORM_STRING_KEYS, LAST_KEY }
  from "./overrides/assets/javascripts/calculator/refund-fields.js";
import { ATTRIBUTES as ENGINE_ATTRIBUTES }
  from "./overrides/assets/javascripts/calculator/calculator-engine.js";
console.log(JSON.stringify({ ATTRIBUTES, FIELDS, SETTLEMENTS, SHARE_MODES, RESULT_ROWS, CREDIT_NOTE_ROWS,
  FINAL_INVOICE_ROWS, MILESTONES_GROUP, STRING_PREFIX, BASIS_FIELDS, DEFAULT_BASES, BASES, ENGINE_PART,
  FORM_STRING_KEYS, LAST_KEY, ENGINE_ATTRIBUTES, CURRENCIES: Object.keys(CURRENCIES),
  ENGINE_KEYS: [...ENGINE_STRING_KEYS.map((key) => STRING_PREFIX + key), ...ERROR_CODES.map(errorKey)] }));
"""


@pytest.fixture(scope="module")
def js_names() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not installed: the calculator's names cannot be compared (make test needs Node 20)"
        )
    # The DOM module only touches `document` inside mount(), so Node can import it.
    result = subprocess.run(
        [node, "--input-type=module", "-e", NODE_SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_javascript_uses_the_attribute_names_declared_here(js_names):
    attributes = js_names["ATTRIBUTES"]
    assert attributes["root"] == calculator.ROOT_ATTR
    assert attributes["fallback"] == calculator.FALLBACK_ATTR
    assert attributes["status"] == calculator.STATUS_ATTR
    assert attributes["result"] == calculator.RESULT_ATTR
    assert attributes["value"] == calculator.VALUE_ATTR
    assert attributes["errorFor"] == calculator.ERROR_FOR_ATTR
    assert attributes["milestone"] == calculator.MILESTONE_ATTR
    assert attributes["milestoneAdd"] == calculator.MILESTONE_ADD_ATTR
    assert attributes["milestoneRemove"] == calculator.MILESTONE_REMOVE_ATTR
    assert attributes["milestoneTotals"] == calculator.MILESTONE_TOTALS_ATTR
    assert attributes["advice"] == calculator.ADVICE_ATTR
    assert attributes["formula"] == calculator.FORMULA_ATTR
    assert attributes["copySummary"] == calculator.COPY_SUMMARY_ATTR
    assert attributes["copyLink"] == calculator.COPY_LINK_ATTR
    assert attributes["summary"] == calculator.SUMMARY_ATTR
    assert attributes["announcer"] == calculator.ANNOUNCER_ATTR
    assert attributes["basis"] == calculator.BASIS_ATTR
    assert attributes["engine"] == calculator.ENGINE_ATTR
    assert attributes["loadStatus"] == calculator.LOAD_STATUS_ATTR
    assert attributes["retry"] == calculator.RETRY_ATTR
    engine = js_names["ENGINE_ATTRIBUTES"]
    assert engine and all(attributes[name] == value for name, value in engine.items())


def test_the_form_and_the_engine_part_are_named_the_same_on_both_sides(js_names):
    """The page config keeps the keys the browser's form reads at load; the rest are the engine's."""
    assert js_names["ENGINE_PART"] == calculator.ENGINE_PART
    assert js_names["LAST_KEY"] == planner.CALCULATION_KEY
    assert tuple(js_names["CURRENCIES"]) == calculator.CURRENCIES
    form = [*js_names["FORM_STRING_KEYS"], *(f"currency.{code}" for code in js_names["CURRENCIES"])]
    assert sorted(form) == sorted(calculator.FORM_STRING_KEYS)
    assert len(set(calculator.FORM_STRING_KEYS)) == len(calculator.FORM_STRING_KEYS)
    # What the build sends with the engine (every other calculator key) is exactly what the engine reads.
    assert sorted(calculator_hooks.engine_keys()) == sorted(js_names["ENGINE_KEYS"])


def test_javascript_uses_the_field_and_result_names_declared_here(js_names):
    fields = js_names["FIELDS"]
    assert set(calculator.FIELDS) <= set(fields.values())
    assert "vat_included" not in fields.values(), (
        "one VAT box for all amounts is gone: each amount has its basis"
    )
    assert js_names["BASIS_FIELDS"] == calculator.BASIS_FIELDS
    assert js_names["DEFAULT_BASES"] == calculator.DEFAULT_BASES
    assert tuple(js_names["BASES"]) == calculator.BASES
    assert fields["shareMode"] == calculator.SHARE_MODE_FIELD
    assert (fields["milestoneName"], fields["milestonePrice"], fields["milestonePercent"]) == (
        calculator.MILESTONE_FIELDS
    )
    assert tuple(js_names["SETTLEMENTS"]) == calculator.SETTLEMENTS
    assert tuple(js_names["SHARE_MODES"]) == calculator.SHARE_MODES
    shown = (
        set(js_names["RESULT_ROWS"]) | set(js_names["CREDIT_NOTE_ROWS"]) | set(js_names["FINAL_INVOICE_ROWS"])
    )
    assert shown == set(calculator.RESULTS) | set(calculator.EXTRA_RESULTS)
    assert js_names["MILESTONES_GROUP"] == calculator.MILESTONES_GROUP
    assert js_names["STRING_PREFIX"] == calculator.STRING_PREFIX


# --- The engine's strings, out of the page and into the part's file -----------------------------------------

PAGE = f'<div {calculator.WIDGET_ATTR}="{calculator.NAME}" {calculator.ROOT_ATTR}="{calculator.ROOT_VALUE}">'
PLANNER_ROOT = f'<div {calculator.WIDGET_ATTR}="{planner.NAME}">'


class FakePage:
    def __init__(self, content: str) -> None:
        self.content = content


def config_strings(content: str, code: str = "en") -> dict[str, str]:
    context = {"playbook": {"language": code, "strings": dict(languages.load_strings(code))}}
    return calculator_hooks.on_page_context(context, FakePage(content), None, None)["playbook"]["strings"]


@pytest.mark.parametrize("code", ["nb", "en"])
def test_the_calculator_page_config_keeps_the_form_strings_alone(code):
    strings = config_strings(PAGE, code)
    form = {calculator.STRING_PREFIX + key for key in calculator.FORM_STRING_KEYS}
    assert {key for key in strings if key.startswith(calculator.STRING_PREFIX)} == form
    assert not set(calculator_hooks.engine_keys()) & set(strings)
    assert "calculator.error.required" not in strings and "calculator.result.invalid" not in strings
    # Other widgets' strings are not the calculator hook's business.
    assert {key for key in strings if not key.startswith(calculator.STRING_PREFIX)} == {
        key for key in languages.load_strings(code) if not key.startswith(calculator.STRING_PREFIX)
    }


def test_a_page_with_both_widgets_keeps_the_form_strings_alone_and_the_summary_travels_with_the_planner():
    strings = config_strings(PAGE + PLANNER_ROOT)
    assert {key for key in strings if key.startswith(calculator.STRING_PREFIX)} == {
        calculator.STRING_PREFIX + key for key in calculator.FORM_STRING_KEYS
    }
    # The summary the planner's exit pack prints is in its texts' part's strings, as in the engine's.
    texts = planner_hooks.part_strings(planner.TEXTS_PART, "en")
    assert "calculator.summary.title" in texts
    assert "calculator.summary.title" in calculator_hooks.engine_keys()
    # A page without the calculator is left as it is by this hook.
    table = languages.load_strings("en")
    assert config_strings(PLANNER_ROOT) == table
    assert config_strings("<p>No widget.</p>") == table


@pytest.mark.parametrize("code", ["nb", "en"])
def test_the_engine_strings_hold_every_other_calculator_key(code):
    strings = calculator_hooks.engine_strings(code)
    table = languages.load_strings(code)
    assert list(strings) == calculator_hooks.engine_keys()
    assert len(strings) > 80 and all(strings[key] == table[key] and key in table for key in strings)


@pytest.mark.parametrize("lacking", ["calculator.error.too_large", "calculator.load.retry"])
def test_a_missing_translation_fails_the_build_naming_the_table_and_key(monkeypatch, lacking):
    table = {key: value for key, value in languages.load_strings("nb").items() if key != lacking}
    real = languages.by_code

    class Lacking:
        def __init__(self, code):
            self.lang = real(code)

        def strings(self):
            return table if self.lang.code == "nb" else self.lang.strings()

    monkeypatch.setattr(calculator_hooks.languages, "by_code", Lacking)
    with pytest.raises(calculator.CalculatorError, match=rf"strings/nb\.json lacks {re.escape(lacking)}"):
        calculator_hooks.engine_strings("nb")
    calculator_hooks.engine_strings("en")
