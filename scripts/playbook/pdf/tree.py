"""ElementTree helpers for the PDF document: CSS selection, removing and unwrapping nodes, building nodes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import cssselect2

WHITESPACE = re.compile(r"\s+")


def text_of(element: ET.Element) -> str:
    return WHITESPACE.sub(" ", "".join(element.itertext())).strip()


def parents_of(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def select(root: ET.Element, selector: str) -> list[ET.Element]:
    """Elements below (or at) `root` matching a CSS selector, in document order."""
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    return [match.etree_element for match in wrapper.query_all(selector)]


def remove(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Take `element` out of the tree, keeping the text that followed it."""
    parent = parents[element]
    index = list(parent).index(element)
    if element.tail:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def unwrap(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """Replace `element` by its content."""
    parent = parents[element]
    index = list(parent).index(element)
    children = list(element)
    leading = element.text or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + leading
    else:
        parent.text = (parent.text or "") + leading
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    elif index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + (element.tail or "")
    else:
        parent.text = (parent.text or "") + (element.tail or "")
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
        parents[child] = parent


def element(tag: str, attributes: Mapping[str, str] | None = None, text: str | None = None) -> ET.Element:
    node = ET.Element(tag, dict(attributes or {}))
    node.text = text
    return node
