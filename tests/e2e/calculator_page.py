"""Driving the refund calculator in a browser page, by the names playbook/blocks/calculator/ declares."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from playbook import languages
from playbook.blocks import calculator

NBSP = "\u00a0"
TIMES = "\u00d7"
# Text a broken calculation would leak into the page.
BROKEN_NUMBERS = re.compile(r"\bNaN\b|\bInfinity\b|\bundefined\b|\bnull\b")


def refunds_url(base_url: str, lang: languages.Language, fragment: str = "") -> str:
    return base_url + lang.url_prefix + "refunds.html" + fragment


class Calculator:
    """The calculator on one page: its fields, messages and results."""

    def __init__(self, page: Page, lang: languages.Language) -> None:
        self.page = page
        self.lang = lang
        self.strings = languages.load_strings(lang.code)
        self.root = page.locator(f"[{calculator.ROOT_ATTR}]")

    @classmethod
    def open(cls, page: Page, base_url: str, lang: languages.Language, fragment: str = "") -> Calculator:
        page.goto(refunds_url(base_url, lang, fragment))
        calc = cls(page, lang)
        calc.wait_mounted()
        return calc

    def wait_form(self) -> None:
        """Wait for the form the page builds at once (refund-calculator.js), without using it."""
        expect(self.root.locator("form")).to_be_visible()
        expect(self.root.locator(f"[{calculator.FALLBACK_ATTR}]")).to_be_hidden()

    def use(self) -> None:
        """A pointer moves over the calculator: its first use, which fetches the engine if it is not there."""
        self.root.dispatch_event("pointerover")

    def wait_engine(self) -> None:
        expect(self.root).to_have_attribute(calculator.ENGINE_ATTR, "ready")

    def wait_mounted(self) -> None:
        """Wait for the whole calculator: the form, and the engine's first rendering of it (its status).

        A page with a calculation to show fetches the engine at mount; on any other the reader's first use
        does, so this uses the calculator first, as a reader would before reading its result.
        """
        self.wait_form()
        if self.root.get_attribute(calculator.ENGINE_ATTR) is None:
            self.use()
        self.wait_engine()
        expect(self.root).to_have_attribute(calculator.STATUS_ATTR, re.compile("|".join(calculator.STATUSES)))

    def text(self, key: str) -> str:
        return self.strings[calculator.STRING_PREFIX + key]

    # --- Fields ---------------------------------------------------------------------------------------------

    def field(self, name: str) -> Locator:
        return self.root.locator(f'input[name="{name}"], select[name="{name}"]').first

    def enter(self, name: str, text: str) -> None:
        """Type a value as a reader does, then leave the field (which shows its message, if any)."""
        field = self.field(name)
        field.fill(text)
        field.press("Tab")

    def enter_all(self, **values: str) -> None:
        for name, text in values.items():
            self.enter(name, text)

    def choose(self, name: str, value: str) -> None:
        self.root.locator(f'input[name="{name}"][value="{value}"]').check()

    def basis(self, amount: str, value: str) -> None:
        """Say whether an amount is ex. VAT (``excl``) or incl. VAT (``incl``): its basis control."""
        self.field(calculator.BASIS_FIELDS[amount]).select_option(value)

    def error(self, name: str, scope: Locator | None = None) -> Locator:
        return (scope or self.root).locator(f"[{calculator.ERROR_FOR_ATTR}='{name}']")

    def values(self) -> dict[str, str]:
        """Every input's value by id (checkboxes and radios as "true"/"false"), no-break spaces as spaces."""
        return self.root.evaluate(
            """root => Object.fromEntries([...root.querySelectorAll("input, select")].map((el) => [el.id,
                el.type === "checkbox" || el.type === "radio"
                    ? String(el.checked) : el.value.replace(/\u00a0/g, " ")]))"""
        )

    # --- Milestones -----------------------------------------------------------------------------------------

    def milestones(self) -> Locator:
        return self.root.locator(f"[{calculator.MILESTONE_ATTR}]")

    def milestone(self, index: int) -> Locator:
        return self.milestones().nth(index)

    def fill_milestone(self, index: int, price: str, percent: str, name: str = "") -> None:
        row = self.milestone(index)
        if name:
            row.locator('input[name="milestone_name"]').fill(name)
        for field, text in (("milestone_price", price), ("milestone_percent", percent)):
            row.locator(f'input[name="{field}"]').fill(text)
            row.locator(f'input[name="{field}"]').press("Tab")

    # --- Results --------------------------------------------------------------------------------------------

    def result(self, key: str) -> Locator:
        return self.root.locator(f"[{calculator.RESULT_ATTR}='{key}']")

    def minor(self, key: str) -> int | None:
        value = self.result(key).get_attribute(calculator.VALUE_ATTR)
        return None if value is None else int(value)

    def results(self) -> dict[str, int | None]:
        keys = calculator.RESULTS + calculator.EXTRA_RESULTS
        return {key: self.minor(key) for key in keys}

    def expect_result(self, **expected: int) -> None:
        for key, value in expected.items():
            expect(self.result(key)).to_have_attribute(calculator.VALUE_ATTR, str(value))

    def expect_withheld(self) -> None:
        """No figure on the page: every result lacks its value, and no broken number shows anywhere."""
        expect(self.root).not_to_have_attribute(calculator.STATUS_ATTR, "ready")
        for key in calculator.RESULTS + calculator.EXTRA_RESULTS:
            expect(self.result(key)).not_to_have_attribute(calculator.VALUE_ATTR, re.compile(".*"))
        self.expect_no_broken_numbers()

    def expect_no_broken_numbers(self) -> None:
        text = self.page.locator("body").inner_text()
        assert not BROKEN_NUMBERS.search(text), BROKEN_NUMBERS.search(text).group(0)
        shown = self.root.locator(f"[{calculator.RESULT_ATTR}]").all_inner_texts()
        assert not [value for value in shown if value.strip().startswith(("-", "\u2212"))], shown

    def advice(self) -> str:
        return self.root.locator(f"[{calculator.ADVICE_ATTR}]").inner_text().replace(NBSP, " ")

    def load_status(self) -> Locator:
        """The result's status line: the engine loading or failing, a damaged calculation link."""
        return self.root.locator(f"[{calculator.LOAD_STATUS_ATTR}]")

    def announcer(self) -> Locator:
        return self.root.locator(f"[{calculator.ANNOUNCER_ATTR}]")

    def fragment(self) -> str:
        return self.page.evaluate("location.hash")

    def stored(self) -> str | None:
        """The hand-over this browser keeps for the planner (last-calculation.js), or None."""
        return self.page.evaluate("localStorage.getItem('playbook.calculator.last')")

    def overflow(self) -> int:
        """How far the page scrolls sideways, in CSS pixels (0: it does not)."""
        return self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
