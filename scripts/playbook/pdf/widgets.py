"""The site's widgets on paper: checklists become PDF checkboxes, the refund calculator a fill-in worksheet.

Both work on whatever markup the widgets' Markdown extensions produce, found by their data attributes only:

- a checklist is an element with ``data-checklist`` (its value, or else its id, names the list); each of its
  ``<input type="checkbox">`` carries ``data-item``. Each becomes a PDF form checkbox named
  :func:`field_name` ``(list, item)``, unticked, labelled with its item's text.
- the refund calculator is an element with ``data-refund-calculator`` (its value names the worksheet's
  fields). Its Markdown fallback (formula and worked example) is the content of its
  ``[data-calculator-fallback]``, or else everything in it but form controls; the worksheet keeps it and adds
  numbered, labelled text fields in the reader's language (``pdf.worksheet.*`` strings).

A page without these markers is left as it is. Malformed markers raise :class:`WidgetError`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from playbook.blocks import calculator as calculator_widget
from playbook.blocks import checklist as checklist_widget
from playbook.pdf import tree

CHECKLIST = checklist_widget.CHECKLIST_ATTR
ITEM = checklist_widget.ITEM_ATTR
CALCULATOR = calculator_widget.ROOT_ATTR
FALLBACK = calculator_widget.FALLBACK_ATTR
# What the calculator's root holds for the browser only: controls, results and messages written by script.
CALCULATOR_CONTROLS = (
    "form",
    "fieldset",
    "input",
    "select",
    "textarea",
    "output",
    "label",
    "[hidden]",
    "[aria-live]",
    "[role=status]",
    "[role=alert]",
)
# The worksheet's numbered lines: (strings key below pdf.worksheet., unit). None is money, in the page's
# words for it (pdf.worksheet.unit: "kr"). The lines follow the calculator (refund-math.js): the VAT rate
# first, everything worked out ex. VAT, the payment as the bank statement has it (incl. VAT) brought to ex.
# VAT, then the credit note's lines and the money paid back, or else the final invoice.
WORKSHEET_HEADER = ("client", "date")
WORKSHEET_LINES = (
    ("vat_rate", "%"),
    ("total", None),
    ("share", "%"),
    ("costs", None),
    ("earned", None),
    ("paid", None),
    ("paid_net", None),
    ("refund_net", None),
    ("refund_vat", None),
    ("refund", None),
    ("balance_due", None),
)
RESULT_LINES = {"earned", "refund", "balance_due"}


class WidgetError(Exception):
    """Widget markup the PDF cannot turn into form fields; the message says which widget and why."""


def field_name(checklist: str, item: str) -> str:
    """Name of the PDF form field of one checklist item: the checkbox's form-field name on the site too."""
    return checklist_widget.field_id(checklist, item)


def worksheet_field_name(calculator: str, line: str) -> str:
    return f"{calculator}/{line}"


# --- Checklists ---------------------------------------------------------------------------------------------


def label_text(box: ET.Element, scope: ET.Element, parents: Mapping[ET.Element, ET.Element]) -> str:
    """What the reader reads next to a checkbox: its <label>, else the text of its list item or parent."""
    if box.get("id"):
        for label in tree.select(scope, "label"):
            if label.get("for") == box.get("id"):
                return tree.text_of(label)
    node = parents.get(box)
    fallback = node
    while node is not None and node is not scope:
        if node.tag in {"label", "li"}:
            return tree.text_of(node)
        node = parents.get(node)
    return tree.text_of(fallback) if fallback is not None else ""


def as_field(box: ET.Element, name: str, label: str) -> None:
    """An unticked, editable checkbox the PDF writer turns into a form field named `name`."""
    for attribute in ("checked", "disabled", "readonly", "form"):
        box.attrib.pop(attribute, None)
    box.set("name", name)
    if label:
        box.set("title", label)
    box.set("class", " ".join([*box.get("class", "").split(), "pdf-checkbox"]).strip())


def checklists_to_fields(article: ET.Element, slug: str) -> list[str]:
    """Name every checkbox of the page as a form field; return the names in document order."""
    parents = tree.parents_of(article)
    names: list[str] = []
    in_lists: set[ET.Element] = set()
    for root in tree.select(article, f"[{CHECKLIST}]"):
        checklist = root.get(CHECKLIST) or root.get("id")
        if not checklist:
            raise WidgetError(f"a checklist has neither a {CHECKLIST} value nor an id to name it")
        boxes = tree.select(root, "input[type=checkbox]")
        if not boxes:
            raise WidgetError(f"checklist {checklist!r} has no <input type='checkbox'>")
        for box in boxes:
            item = box.get(ITEM)
            if not item:
                raise WidgetError(f"checklist {checklist!r}: a checkbox has no {ITEM} attribute")
            name = field_name(checklist, item)
            if name in names:
                raise WidgetError(f"checklist {checklist!r}: item {item!r} appears twice")
            as_field(box, name, label_text(box, root, parents))
            names.append(name)
            in_lists.add(box)
    loose = [box for box in tree.select(article, "input[type=checkbox]") if box not in in_lists]
    for number, box in enumerate(loose, start=1):
        name = field_name(slug, f"checkbox-{number}")
        as_field(box, name, label_text(box, article, parents))
        names.append(name)
    return names


# --- The refund calculator ----------------------------------------------------------------------------------


def fallback_of(root: ET.Element) -> list[ET.Element | str]:
    """The calculator's printable content: its marked fallback, or all in it but the browser's controls."""
    marked = tree.select(root, f"[{FALLBACK}]")
    if len(marked) > 1:
        raise WidgetError(f"the refund calculator has {len(marked)} [{FALLBACK}] elements; it takes one")
    if marked:
        root = marked[0]
    parents = tree.parents_of(root)
    for node in dict.fromkeys(n for selector in CALCULATOR_CONTROLS for n in tree.select(root, selector)):
        if node is not root:
            tree.remove(node, parents)
    if not tree.text_of(root):
        raise WidgetError(
            "the refund calculator has no fallback text (formula and worked example) to print; "
            "write it as the Markdown body of the /// refund-calculator block"
        )
    return [root.text or "", *list(root)]


def worksheet_table(calculator: str, strings: Mapping[str, str], currency: str) -> ET.Element:
    table = tree.element("table", {"class": "worksheet__fields"})
    body = tree.element("tbody")
    table.append(body)
    rows = [(key, "", None) for key in WORKSHEET_HEADER]
    money = strings["pdf.worksheet.unit"] or currency
    rows += [(key, str(number), unit or money) for number, (key, unit) in enumerate(WORKSHEET_LINES, 1)]
    for key, number, unit in rows:
        label = strings[f"pdf.worksheet.{key}"]
        field_id = f"worksheet-{calculator}-{key}"
        classes = ["worksheet__line"]
        if key in RESULT_LINES:
            classes.append("worksheet__line--result")
        if not number:
            classes.append("worksheet__line--header")
        row = tree.element("tr", {"class": " ".join(classes)})
        row.append(tree.element("td", {"class": "worksheet__number"}, number))
        heading = tree.element("th", {"scope": "row"})
        heading.append(tree.element("label", {"for": field_id}, label))
        row.append(heading)
        cell = tree.element("td", {"class": "worksheet__input"})
        attributes = {
            "type": "text",
            "id": field_id,
            "name": worksheet_field_name(calculator, key),
            "title": label,
        }
        cell.append(tree.element("input", attributes))
        row.append(cell)
        row.append(tree.element("td", {"class": "worksheet__unit"}, unit or ""))
        body.append(row)
    return table


def calculators_to_worksheets(
    article: ET.Element, slug: str, strings: Mapping[str, str], currency: str
) -> list[str]:
    """Replace each calculator by a worksheet; return the names of the worksheet's fields."""
    names: list[str] = []
    roots = tree.select(article, f"[{CALCULATOR}]")
    for number, root in enumerate(roots, start=1):
        calculator = root.get(CALCULATOR) or root.get("id") or "refund-calculator"
        if len(roots) > 1:
            calculator = f"{calculator}-{number}"
        content = fallback_of(root)
        for child in list(root):
            root.remove(child)
        root.text = None
        root.attrib.clear()
        root.tag = "div"
        root.set("class", "worksheet")
        formula = tree.element("div", {"class": "worksheet__formula"})
        formula.text = content[0]
        formula.extend(content[1:])
        root.append(tree.element("p", {"class": "worksheet__title"}, strings["pdf.worksheet.title"]))
        root.append(tree.element("p", {"class": "worksheet__hint"}, strings["pdf.worksheet.hint"]))
        root.append(formula)
        root.append(worksheet_table(calculator, strings, currency))
        names += [worksheet_field_name(calculator, key) for key in WORKSHEET_HEADER]
        names += [worksheet_field_name(calculator, key) for key, _unit in WORKSHEET_LINES]
    return names
