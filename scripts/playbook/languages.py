"""The one place that knows the playbook's languages.

``mkdocs.yml`` reads :data:`I18N_LANGUAGES` (``!!python/name:``), hooks read :data:`LANGUAGES`, tests import
both. Strings a reader sees in widgets live in ``strings/<code>.json``, one table per language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

STRINGS_DIR = Path(__file__).parent / "strings"


@dataclass(frozen=True)
class Language:
    code: str
    """Folder under ``docs/`` and static-i18n locale (``nb``, ``en``)."""
    name: str
    """Label in the language switcher, in the language itself."""
    locale: str
    """BCP 47 tag for number and money formatting in the browser."""
    lunr: str
    """lunr.js language code for stemming (lunr has no ``nb``; Norwegian is ``no``)."""
    site_name: str
    currency: str
    """Default currency of the refund calculator (ISO 4217)."""
    vat_rate_bp: int
    """Default VAT rate in basis points of a percent (2500 = 25 %)."""
    default: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def url_prefix(self) -> str:
        """Path of the language's pages below the site root: ``""`` or ``"en/"``."""
        return "" if self.default else f"{self.code}/"

    @property
    def pdf_name(self) -> str:
        return f"playbook-{self.code}.pdf"

    def strings(self) -> dict[str, str]:
        return load_strings(self.code)


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="nb",
        name="Norsk (bokmål)",
        locale="nb-NO",
        lunr="no",
        site_name="Når kunden må gå",
        currency="NOK",
        vat_rate_bp=2500,
        default=True,
    ),
    Language(
        code="en",
        name="English",
        locale="en-GB",
        lunr="en",
        site_name="The client-exit playbook",
        # The English edition serves English-speaking freelancers working in Norway first: Norwegian kroner
        # and Norwegian VAT, as in the Norwegian edition.
        currency="NOK",
        vat_rate_bp=2500,
    ),
)

DEFAULT = next(lang for lang in LANGUAGES if lang.default)
CODES = tuple(lang.code for lang in LANGUAGES)


def by_code(code: str) -> Language:
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    raise KeyError(f"unknown language {code!r}; known: {', '.join(CODES)}")


@cache
def load_strings(code: str) -> dict[str, str]:
    path = STRINGS_DIR / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8"))


# The static-i18n ``languages`` option, read by mkdocs.yml through ``!!python/name:``.
I18N_LANGUAGES = [
    {
        "locale": lang.code,
        "name": lang.name,
        "default": lang.default,
        "build": True,
        "site_name": lang.site_name,
    }
    for lang in LANGUAGES
]
