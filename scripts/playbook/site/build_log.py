"""What a build prints: no false alarms, and at the end where each edition and its PDF are.

static-i18n's false alarm. With ``use_directory_urls: false`` the plugin builds its own language menu
(``extra.alternate``) from each language's start page, ``/index.html`` and ``/en/index.html``. When the next
language is built it finds that list in ``extra.alternate``, takes it for one a user wrote, and checks it
with the rule for hand-written menus (a link must be ``/`` or end in ``/``): its own ``index.html`` links
fail that rule, and it logs two lines saying a link "should be an absolute path". The links are right
(they are the plugin's own, and the built pages use them); nothing in mkdocs.yml can be changed to avoid
the check except turning ``use_directory_urls`` on, which the site does not want (it must work from disk).
So :class:`OwnMenuFilter` drops exactly those lines, and only while the link is one the plugin made.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from playbook import languages

STATIC_I18N_LOGGER = "mkdocs.plugins.mkdocs_static_i18n.reconfigure"
_FALSE_ALARM = re.compile(
    r"The 'extra\.alternate' configuration contains a 'link' option that should be an absolute path .*"
    r"'link': '(?P<link>[^']*)'"
)


class OwnMenuFilter(logging.Filter):
    """Drop static-i18n's "should be an absolute path" line for a start-page link the plugin wrote itself.

    ``prefixes`` are the site's path followed by each language's prefix (``/`` and ``/en/``, or
    ``/playbook/`` and ``/playbook/en/``); a link is the plugin's own when it is one of them plus
    ``index.html``. Every other message, and that message about any other link, passes.
    """

    def __init__(self, site_path: str = "/", langs: Iterable[languages.Language] = languages.LANGUAGES):
        super().__init__("playbook.own-menu")
        self.links = {f"{site_path}{lang.url_prefix}index.html" for lang in langs}

    def filter(self, record: logging.LogRecord) -> bool:
        match = _FALSE_ALARM.search(record.getMessage())
        return not (match and match.group("link") in self.links)


def quiet_static_i18n(site_path: str) -> OwnMenuFilter:
    """Install :class:`OwnMenuFilter` on static-i18n's logger once (replacing an earlier one); returns it."""
    logger = logging.getLogger(STATIC_I18N_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, logging.Filter) and f.name == "playbook.own-menu"]:
        logger.removeFilter(old)
    new = OwnMenuFilter(site_path)
    logger.addFilter(new)
    return new


def where_things_are(site_dir: Path, pdf_links: dict[str, str]) -> str:
    """The closing line of a build: each edition's start page and its PDF (which may be made later).

    ``pdf_links`` maps a language code to its PDF's path below the site root.
    """
    parts = []
    for lang in languages.LANGUAGES:
        start = site_dir / lang.url_prefix / "index.html"
        pdf = site_dir / pdf_links[lang.code]
        made = "" if pdf.is_file() else " (not made yet: `make build` makes it next)"
        parts.append(f"{lang.name}: {start}, PDF {pdf}{made}")
    return "The playbook is built. " + "; ".join(parts)
