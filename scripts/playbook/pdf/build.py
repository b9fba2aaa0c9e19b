"""The PDF step: the built site's pages, in navigation order, as one A4 PDF per language, through WeasyPrint.

    python -m playbook.pdf SITE_DIR [--config mkdocs.yml] [--html DIR]

writes ``SITE_DIR/pdf/playbook-<code>.pdf`` for every language of ``languages.py``, the languages in
parallel (one process each, as many at a time as the machine has cores). ``make build`` runs it right after
``mkdocs build``. Under ``make serve`` (``PLAYBOOK_PDF=1``) the ``on_post_build`` hook starts the same step
with ``--stale`` in a background process once both languages are built (:func:`start_in_background`): the
browser reloads at once, the PDFs follow a few seconds later, and a save meanwhile stops the old step and
starts a new one. A PDF that cannot be made fails the step with the reason, and the old file is deleted
first, so a failed build never leaves a stale PDF behind.
"""

from __future__ import annotations

import argparse
import atexit
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from playbook import languages
from playbook.pdf import page_numbers
from playbook.pdf.document import (
    Cover,
    DocumentError,
    SourcePage,
    Strings,
    assemble,
    chapters_of,
    flatten_nav,
    output_path,
)
from playbook.pdf.links import HOOK_FLAG as HOOK_FLAG
from playbook.pdf.links import PDF_DIR as PDF_DIR
from playbook.pdf.links import site_link as site_link
from playbook.pdf.links import wanted_by_hooks as wanted_by_hooks

# Print styles shared with the browser, then the PDF's own page layout; both from the built site.
STYLESHEETS = ("assets/stylesheets/print.css", "assets/stylesheets/pdf.css")
PDF_VARIANT = "pdf/ua-1"
"""Both PDFs declare PDF/UA-1 (WeasyPrint's variant; what it does not guarantee: README, "The PDF")."""
# The families pdf.css asks for, and the Debian packages that hold them (scripts/ensure-pdf-tools.sh).
FONTS = {
    "Charis SIL": "fonts-sil-charis",
    "Open Sans": "fonts-open-sans",
    "DejaVu Sans Mono": "fonts-dejavu-core",
}


class PdfError(Exception):
    """The PDF of a language could not be made; the message says which and why."""


def pdf_path(site_dir: Path, lang: languages.Language) -> Path:
    return site_dir / site_link(lang)


# --- Inputs ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NavConfig:
    pages: list[str]
    """Markdown paths in reading order."""
    use_directory_urls: bool


def read_config(config_file: Path) -> NavConfig:
    """The navigation of mkdocs.yml (read with MkDocs' own YAML loader, which resolves its tags)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with config_file.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=get_yaml_loader())
    pages = flatten_nav(config.get("nav"))
    if not pages:
        raise PdfError(f"{config_file}: no pages in nav:, so there is nothing to put in the PDF")
    return NavConfig(pages=pages, use_directory_urls=config.get("use_directory_urls", True))


def build_date() -> date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def cover_for(lang: languages.Language, strings: Strings, when: date) -> Cover:
    from babel.dates import format_date

    long_date = format_date(when, format="long", locale=lang.locale.replace("-", "_"))
    return Cover(
        language=lang.code,
        title=lang.site_name,
        subtitle=strings["pdf.cover.subtitle"],
        language_line=strings["pdf.cover.language"],
        date_line=strings["pdf.cover.date"].replace("{date}", long_date),
        created=when.isoformat(),
    )


def source_pages(site_dir: Path, lang: languages.Language, nav: NavConfig) -> list[SourcePage]:
    root = site_dir / lang.url_prefix
    pages = []
    for markdown_path in nav.pages:
        path = output_path(markdown_path, nav.use_directory_urls)
        file = root / path
        if not file.is_file():
            raise PdfError(f"{file}: missing; the site build should have written {markdown_path} there")
        pages.append(SourcePage(path=path, html=file.read_text(encoding="utf-8")))
    return pages


def document_html(site_dir: Path, lang: languages.Language, nav: NavConfig, when: date) -> str:
    """The whole playbook in one language as one HTML document."""
    strings = Strings(lang.strings())
    base_uri = (site_dir / lang.url_prefix).resolve().as_uri() + "/"
    chapters = chapters_of(source_pages(site_dir, lang, nav), strings, base_uri, lang.currency)
    return assemble(chapters, cover_for(lang, strings, when), strings)


# --- Rendering ---------------------------------------------------------------------------------------------


def missing_fonts() -> list[str]:
    """Debian packages of the families pdf.css needs that fontconfig cannot find."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ["fontconfig"]
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True).stdout
    return [package for family, package in FONTS.items() if family.lower() not in families.lower()]


class _Warnings(logging.Handler):
    """Collects what WeasyPrint warns about: an unknown CSS property or a missing anchor fails the step."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def local_fetcher(site_dir: Path):
    """A URL fetcher that reads files of the built site and nothing else: the PDF fetches from no host."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    root = site_dir.resolve()

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.parse import unquote, urlsplit

                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(root):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"the PDF may only use files of the built site, not {url}")

    return LocalFetcher(allowed_protocols={"file", "data"})


def render(document: str, site_dir: Path, lang: languages.Language, target: Path) -> None:
    """Lay `document` out with the site's print styles, check its page numbers, write the PDF to `target`.

    In: the HTML of :func:`document_html`, the built site (for the stylesheets and images), the language
    (named in errors) and the PDF's path. The PDF is written atomically (a ``.partial`` file renamed into
    place). Before writing, every page number printed after a contents entry or a cross-reference is
    compared with the page its target starts on (:mod:`playbook.pdf.page_numbers`, which also says why
    WeasyPrint needs the anchors written out): if one disagrees, the document is laid out once more with
    the numbers of the first layout; if one still disagrees, no PDF and a :class:`PdfError` naming the
    language, the entry and both pages. A layout that is right the first time is laid out once.
    """
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    stylesheets = []
    for relative in STYLESHEETS:
        sheet = site_dir / relative
        if not sheet.is_file():
            raise PdfError(f"{sheet}: missing; the site build copies it from overrides/{relative}")
        stylesheets.append(sheet)
    number_rules = [rule for sheet in stylesheets for rule in page_numbers.rules_of(sheet.read_text("utf-8"))]
    fetcher = local_fetcher(site_dir)
    base_url = (site_dir / lang.url_prefix).resolve().as_uri() + "/"
    logger = logging.getLogger("weasyprint")
    collector = _Warnings()
    logger.addHandler(collector)
    partial = target.with_name(target.name + ".partial")
    # PDF/UA-1 (ISO 14289-1): WeasyPrint tags the structure and writes the XMP identification
    # (pdfuaid:part 1), /Lang from <html lang>, /Title from <title> with DisplayDocTitle, and each
    # field's /TU from its label (tests/site/test_pdf_ua.py).
    options = {"pdf_forms": True, "pdf_tags": True, "pdf_variant": PDF_VARIANT}
    try:
        html = HTML(string=document, base_url=base_url, url_fetcher=fetcher)
        css = [CSS(filename=str(sheet), url_fetcher=fetcher) for sheet in stylesheets]
        css.append(CSS(string=page_numbers.literal_rules(number_rules, page_numbers.targets_of(document))))
        laid_out = html.render(stylesheets=css, **options)
        wrong = page_numbers.mismatches(laid_out)
        if wrong:
            pages = {m.target: m.actual for m in wrong if m.actual is not None}
            print(
                f"PDF ({lang.code}): {len(wrong)} page numbers disagreed with their targets after layout "
                f"(first: {wrong[0]}); laying it out again with the right ones",
                file=sys.stderr,
            )
            css.append(CSS(string=page_numbers.fixed_rules(number_rules, pages)))
            laid_out = html.render(stylesheets=css, **options)
            wrong = page_numbers.mismatches(laid_out)
            if wrong:
                raise PdfError(
                    f"{lang.code}: page numbers still wrong after a second layout: "
                    + "; ".join(str(mismatch) for mismatch in wrong)
                )
        laid_out.write_pdf(partial, **options)
    except FatalURLFetchingError as error:
        partial.unlink(missing_ok=True)
        raise PdfError(str(error)) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        partial.unlink(missing_ok=True)
        raise PdfError("WeasyPrint: " + "; ".join(dict.fromkeys(collector.messages)))
    partial.replace(target)


def build_language(
    site_dir: Path, lang: languages.Language, nav: NavConfig, when: date | None = None
) -> Path:
    """Write the PDF of one language from its built pages; on any problem, no PDF and a PdfError."""
    target = pdf_path(site_dir, lang)
    target.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    missing = missing_fonts()
    if missing:
        raise PdfError(
            f"{target}: fonts missing; run `make pdf-tools` or `apt-get install {' '.join(missing)}`"
        )
    try:
        document = document_html(site_dir, lang, nav, when or build_date())
        render(document, site_dir, lang, target)
    except DocumentError as error:
        raise PdfError(f"{target}: {error}") from error
    except PdfError as error:
        raise PdfError(f"{target}: {error}") from error
    return target


def sources_of(site_dir: Path, lang: languages.Language, nav: NavConfig) -> list[Path]:
    """The files a language's PDF is made from: its pages in the built site and the stylesheets."""
    pages = [site_dir / lang.url_prefix / output_path(page, nav.use_directory_urls) for page in nav.pages]
    return pages + [site_dir / sheet for sheet in STYLESHEETS]


def is_stale(site_dir: Path, lang: languages.Language, nav: NavConfig) -> bool:
    """Whether the language's pages are all built and its PDF is missing or older than any of them."""
    sources = sources_of(site_dir, lang, nav)
    if not all(source.is_file() for source in sources):
        return False
    target = pdf_path(site_dir, lang)
    return not target.is_file() or target.stat().st_mtime < max(source.stat().st_mtime for source in sources)


def _build_code(site_dir: Path, code: str, nav: NavConfig, when: date | None) -> Path:
    return build_language(site_dir, languages.by_code(code), nav, when)


def build_languages(
    site_dir: Path, langs: Sequence[languages.Language], nav: NavConfig, when: date | None = None
) -> list[Path]:
    """The PDFs of `langs`, each in its own process (at most one per core), in the order of `langs`.

    Each language's WeasyPrint run is independent and single-threaded, so two languages on two cores take
    the time of the longer one. One language, or one core, renders in this process. The first PdfError
    (in the order of `langs`) is raised once all have finished.
    """
    workers = min(len(langs), os.cpu_count() or 1)
    if workers <= 1:
        return [build_language(site_dir, lang, nav, when) for lang in langs]
    # spawn, not fork: the caller may be a threaded server (mkdocs serve).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_build_code, site_dir, lang.code, nav, when) for lang in langs]
        return [future.result() for future in futures]


def build_stale(site_dir: Path, nav: NavConfig) -> list[Path]:
    """Make every PDF whose language is built and newer than it: the step under `mkdocs serve`.

    static-i18n builds the other languages from inside the default language's ``on_post_build`` and shares
    one config between the builds, so a hook cannot tell reliably which language it runs for. The files
    can: each call makes what is out of date, so a build makes each PDF once, and a rebuild with live
    reload remakes them.
    """
    stale = [lang for lang in languages.LANGUAGES if is_stale(site_dir, lang, nav)]
    return build_languages(site_dir, stale, nav)


def build_all(site_dir: Path, config_file: Path, when: date | None = None) -> list[Path]:
    nav = read_config(config_file)
    for lang in languages.LANGUAGES:
        pdf_path(site_dir, lang).unlink(missing_ok=True)
    return build_languages(site_dir, languages.LANGUAGES, nav, when)


_background: subprocess.Popen | None = None
"""The PDF step `mkdocs serve` started last, while it runs (one at most)."""


def start_in_background(site_dir: Path, config_file: Path) -> subprocess.Popen:
    """Start ``python -m playbook.pdf SITE_DIR --config CONFIG --stale`` and return without waiting.

    Under ``mkdocs serve`` the hook calls this once both languages are built, so the browser reloads without
    waiting for the PDFs; the step prints its result (or its failure) to the same terminal. A step still
    running from the previous save is stopped first: its pages are gone, and its ``.partial`` file is never
    renamed into place. When `mkdocs serve` ends, a step still running is stopped too.
    """
    global _background
    stop_background()
    command = [sys.executable, "-m", "playbook.pdf", str(site_dir), "--config", str(config_file), "--stale"]
    _background = subprocess.Popen(command)
    return _background


@atexit.register
def stop_background() -> None:
    """Stop the background PDF step if it still runs (a new save, or `mkdocs serve` ending)."""
    if _background is not None and _background.poll() is None:
        _background.terminate()
        _background.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m playbook.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build's site_dir)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml for the nav")
    parser.add_argument("--html", type=Path, help="also write each language's HTML document into this folder")
    parser.add_argument(
        "--stale", action="store_true", help="only the PDFs older than their pages (what `make serve` runs)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.stale:
            written = build_stale(args.site_dir, read_config(args.config))
        elif args.html:
            nav = read_config(args.config)
            args.html.mkdir(parents=True, exist_ok=True)
            for lang in languages.LANGUAGES:
                html = document_html(args.site_dir, lang, nav, build_date())
                (args.html / f"playbook-{lang.code}.html").write_text(html, encoding="utf-8")
            written = build_all(args.site_dir, args.config)
        else:
            written = build_all(args.site_dir, args.config)
    except (PdfError, DocumentError) as error:
        print(f"PDF step failed: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for path in written:
        print(f"PDF: {path} ({path.stat().st_size // 1024} KiB)")
    print(f"PDF step took {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
