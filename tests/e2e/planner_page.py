"""Driving the conversation planner in a browser page, by the names scripts/playbook/planner.py declares."""

from __future__ import annotations

import html
import json
import re

from playwright.sync_api import Locator, Page, expect

from playbook import languages
from playbook.blocks import planner
from playbook.blocks.planner import documents

# The fields and texts that come with the exit documents' part (the client's two fields are the planner's).
DOCUMENT_FIELDS = set(documents.FIELDS) - {"client_company", "client_contact"}
DOCUMENT_OUTPUTS = set(planner.OUTPUTS) - {"script", "confirmation"}

DATES = {"nb": "14. mars 2025", "en": "14 March 2025"}
# What a reader types into every field (the replacements are three fields of one name).
TYPED = {
    "client_contact": "Kari Nordmann",
    "reason": "scope",
    "reason_details": "The project has had four rounds of changes.",
    "end_date": "2025-03-14",
    "handover_details": "The source files are in the shared folder.",
    "refund": "6 000 kr",
    "replacements": ["Ola AS", "Design & Co"],
}


def planner_url(base_url: str, lang: languages.Language, name: str = "planner.html") -> str:
    return base_url + lang.url_prefix + name


class Planner:
    """The planner on one page: its fields, its texts, its buttons and the exit pack."""

    def __init__(self, page: Page, lang: languages.Language) -> None:
        self.page = page
        self.lang = lang
        self.strings = languages.load_strings(lang.code)
        self.root = page.locator(f"[{planner.ROOT_ATTR}]")

    @classmethod
    def open(cls, page: Page, base_url: str, lang: languages.Language) -> Planner:
        page.goto(planner_url(base_url, lang))
        found = cls(page, lang)
        found.wait_mounted()
        return found

    def wait_mounted(self) -> None:
        expect(self.root).to_have_attribute(planner.STATUS_ATTR, "ready")

    def texts_ready(self) -> None:
        """Wait for the texts' part (the texts, their buttons' code, the exit pack), as a reader gets it: a
        pointer over the form is the first use that loads it, unless it is loading or there already."""
        if self.root.get_attribute(planner.TEXTS_STATE_ATTR) is None:
            form = self.root.locator("form").first
            (form if form.is_visible() else self.root).hover()  # on paper only the root shows
        expect(self.root).to_have_attribute(planner.TEXTS_STATE_ATTR, "ready")

    def text(self, key: str, **values) -> str:
        template = self.strings[planner.STRING_PREFIX + key]
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)

    def templates(self) -> dict[str, str]:
        """The page's templates, as the build wrote them."""
        raw = self.page.locator(f"[{planner.TEMPLATES_ATTR}]").get_attribute(planner.TEMPLATES_ATTR)
        return json.loads(html.unescape(raw))

    # --- Fields ---------------------------------------------------------------------------------------------

    def field(self, name: str, index: int = 0) -> Locator:
        return self.root.locator(f'[name="{name}"]:not([type="radio"])').nth(index)

    def choose(self, name: str, value: str) -> None:
        self.root.locator(f'input[type="radio"][name="{name}"][value="{value}"]').check()

    def documents_button(self) -> Locator:
        self.texts_ready()
        return self.root.locator(f"[{planner.DOCUMENTS_OPEN_ATTR}]")

    def open_documents(self) -> None:
        """Open the exit documents as a reader does (the disclosure button), and wait until they are shown."""
        button = self.documents_button()
        if button.get_attribute("aria-expanded") == "true":
            expect(self.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
            return
        button.click()
        expect(self.root).to_have_attribute(planner.DOCUMENTS_STATE_ATTR, "ready")
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(self.root.locator(f"[{planner.DOCUMENTS_PART_ATTR}]")).to_be_visible()

    def fill(self, **values) -> None:
        if DOCUMENT_FIELDS & set(values):
            self.open_documents()
        for name, value in values.items():
            if name == "reason":
                self.field("reason").select_option(value)
            elif name == "replacements":
                for index, text in enumerate(value):
                    self.field("replacements", index).fill(text)
            elif name in {"end_kind", "handover", "refund_source", "notice_from"}:
                self.choose(name, value)
            elif name == "notice_unit":
                self.field(name).select_option(value)
            elif name == "vat_registered":
                self.field(name).set_checked(bool(value))
            else:
                self.field(name).fill(value)

    def values(self) -> dict[str, str]:
        """Every control's value by id (radios as "true"/"false")."""
        return self.root.evaluate(
            """root => Object.fromEntries([...root.querySelectorAll("form input, form select, form textarea")]
                .map((el) => [el.id, el.type === "radio" ? String(el.checked) : el.value]))"""
        )

    # --- Texts and buttons ----------------------------------------------------------------------------------

    def output(self, name: str) -> Locator:
        self.texts_ready()
        if name in DOCUMENT_OUTPUTS:
            self.open_documents()
        return self.root.locator(f"[{planner.OUTPUT_ATTR}='{name}']")

    def script(self) -> str:
        return self.output("script").input_value()

    def confirmation(self) -> str:
        return self.output("confirmation").input_value()

    def button(self, attribute: str, value: str | None = None) -> Locator:
        self.texts_ready()
        selector = f"[{attribute}]" if value is None else f"[{attribute}='{value}']"
        return self.root.locator(selector)

    def forget(self, confirm: bool = True) -> None:
        self.button(planner.FORGET_ATTR).click()
        dialog = self.root.locator("dialog[open]")
        expect(dialog).to_be_visible()
        dialog.locator(f"button[value={'forget' if confirm else 'cancel'}]").click()
        expect(dialog).to_be_hidden()
        if confirm:  # the dialog's close event, which does the forgetting, comes a task after it hides
            status = self.root.locator(".planner__footer [role=status]").first
            expect(status).to_have_text(self.text("forgotten"))

    def exit_pack(self) -> Locator:
        self.texts_ready()
        return self.root.locator(f"[{planner.EXIT_PACK_ATTR}]")

    def pack_part(self, name: str) -> Locator:
        return self.exit_pack().locator(f"[{planner.EXIT_PACK_PART_ATTR}='{name}']")

    def stored(self, key: str = planner.STORAGE_KEY) -> dict | None:
        text = self.page.evaluate("key => localStorage.getItem(key)", key)
        return None if text is None else json.loads(text)
