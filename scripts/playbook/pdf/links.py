"""Where each language's PDF lives in the built site, and whether the build's hook should make it.

Small on purpose: the site hooks import this on every build to link the PDF from each page, and import the
PDF step itself (:mod:`playbook.pdf.build`, with WeasyPrint's HTML and CSS parsers and the process pool) only
when a build makes the PDFs.
"""

from __future__ import annotations

import os

from playbook import languages

PDF_DIR = "pdf"
"""The folder below the site root that holds the PDFs."""
HOOK_FLAG = "PLAYBOOK_PDF"
"""Set to 1 to have the on_post_build hook make each language's PDF (`make serve` does)."""


def site_link(lang: languages.Language) -> str:
    """Path of a language's PDF below the site root (pages link to it relative to themselves)."""
    return f"{PDF_DIR}/{lang.pdf_name}"


def wanted_by_hooks() -> bool:
    """Whether this build's hook makes the PDFs (:data:`HOOK_FLAG` is ``1``)."""
    return os.environ.get(HOOK_FLAG) == "1"
