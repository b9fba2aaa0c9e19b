"""MkDocs hooks of the playbook: thin dispatchers over small pure functions.

static-i18n builds the site once per language and runs every hook in each build, so each hook here is safe
to run again. What they keep lives for one build (``playbook.sources.once_per_build``: the checks' results,
the pages written from page events, site/written.py) and is dropped when the next build starts. No hook
writes into ``docs/``.
"""

from __future__ import annotations

import gzip
import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from playbook import languages, sources
from playbook.blocks import checks as block_checks
from playbook.pdf import links as pdf
from playbook.site import (
    alternates,
    build_log,
    bundle,
    csp,
    not_found,
    page_config,
    parity,
    search_index,
    written,
)
from playbook.site.headings import check as check_titles

log = logging.getLogger("mkdocs.hooks.playbook")


def current_language(config: MkDocsConfig) -> languages.Language:
    """The language being built; static-i18n sets the theme language for each build."""
    return languages.by_code(config.theme["language"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build_log.quiet_static_i18n(not_found.site_path(config.site_url))  # a false alarm: build_log.py says why
    sources.new_build(config)  # each source is read once per build, whatever reads it (playbook/sources.py)
    written_pages().abandon()  # a page still unsigned from the language built before is read again
    docs_dir = Path(config.docs_dir)
    codes = languages.CODES
    # Once per build, not again for the next language: the sources are the same.
    problems = sources.once_per_build(
        "checks",
        lambda: (
            parity.check(docs_dir, codes)
            + block_checks.check(docs_dir, codes)
            + check_titles(docs_dir, codes)
        ),  # every page title's id (site/headings.py)
    )
    if problems:
        raise PluginError("The pages in docs/ need fixing:\n  " + "\n  ".join(problems))
    return config


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    lang = current_language(config)
    try:
        context["playbook"] = page_config.page_config(lang, page.content or "")
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    # The footer's "Download PDF" link (overrides/partials/copyright.html), relative to the site root.
    context["playbook_pdf"] = {"href": pdf.site_link(lang), "label": lang.strings()["pdf.download"]}
    context["playbook_search"] = search_context(lang)
    return context


def on_env(env, config: MkDocsConfig, files):
    """Render this language's not-found page (``404.html``, ``en/404.html``) and no other (not_found.py)."""
    lang = current_language(config)
    config.theme.static_templates = not_found.static_templates(config.theme.static_templates, lang)
    env.loader = not_found.loader(env.loader)
    return env


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if not not_found.is_not_found(template_name):
        return context
    return not_found_context(context, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = alternates.absolute_alternates(output, page.url, config.site_url)
    output = alternates.with_x_default(output, languages.DEFAULT.code)
    output = point_search_at_language(output, page.file.src_uri, config)
    output = content_security_policy(output, page.file.src_uri)  # last: it hashes the page's final scripts
    record = written_pages()  # site/written.py
    record.settle()  # MkDocs wrote the language's previous page when its build returned, before this event
    record.note(page.file.abs_dest_path)  # and writes this one as soon as this event returns
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not not_found.is_not_found(template_name):
        return output
    output = alternates.absolute_alternates(output, "", config.site_url)
    output = alternates.with_x_default(output, languages.DEFAULT.code)
    output = point_search_at_language(output, template_name, config)
    return content_security_policy(output, template_name)


# After static-i18n (-100), which writes the merged search index once the last language is built.
@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    add_x_default_to_sitemaps(Path(config.site_dir))
    write_if_changed(Path(config.site_dir) / not_found.REDIRECTS_FILE, not_found.redirects())
    copy_sitemap_to_language_root(Path(config.site_dir), current_language(config))
    split_search_index(Path(config.site_dir))
    bundle_assets(config)
    if not building_another_language(config):  # the outermost build ends last: one pass over every language
        secure_site(Path(config.site_dir))
    if pdf.wanted_by_hooks():
        build_pdf(config)
    log_where_things_are(config)


def not_found_context(context: dict, config: MkDocsConfig) -> dict:
    """A language's not-found page: its navigation, search, PDF link and words, with absolute URLs.

    Hosts serve it at whatever address was missing, so every URL in it starts at the site's path; its
    language menu and ``hreflang`` links point at each language's start page (not_found.py).
    """
    lang = current_language(config)
    # An attribute, as static-i18n sets it for each page (Jinja reads the attribute before the item).
    config.extra.alternate = not_found.start_pages(config.use_directory_urls)
    base_url = not_found.site_path(config.site_url)
    context = {**context, **get_context(context["nav"], context["pages"], config, base_url=base_url)}
    try:
        words = not_found.strings(lang)
    except ValueError as error:
        raise PluginError(str(error)) from error
    context["playbook"] = page_config.page_config(lang, "")
    context["playbook_pdf"] = {"href": pdf.site_link(lang), "label": lang.strings()["pdf.download"]}
    context["playbook_search"] = search_context(lang)
    context["playbook_not_found"] = {**words, "home": f"{lang.url_prefix}index.html"}
    return context


def add_x_default_to_sitemaps(site_dir: Path) -> None:
    """Every language's sitemap (and the gzipped root one) with an ``x-default`` link per page."""
    for lang in languages.LANGUAGES:
        path = site_dir / lang.url_prefix / "sitemap.xml"
        if not path.is_file():
            continue
        xml = path.read_text(encoding="utf-8")
        new = alternates.sitemap_with_x_default(xml, languages.DEFAULT.code)
        if new != xml:
            path.write_text(new, encoding="utf-8")
            if path.with_suffix(".xml.gz").is_file():
                path.with_suffix(".xml.gz").write_bytes(gzip.compress(new.encode("utf-8"), mtime=0))


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (a `mkdocs serve` rebuild then sees no change)."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def building_another_language(config: MkDocsConfig) -> bool:
    """Whether this is static-i18n's build of a further language, nested in the first language's build,
    which ends after it (the first language's ``on_post_build`` runs once every language is built)."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


def log_where_things_are(config: MkDocsConfig) -> None:
    """At the end of the whole build (static-i18n is done with every language): where each edition is."""
    if building_another_language(config):
        return
    pdfs = {lang.code: pdf.site_link(lang) for lang in languages.LANGUAGES}
    log.info(build_log.where_things_are(Path(config.site_dir), pdfs))


def search_context(lang: languages.Language) -> dict[str, str]:
    """What the search box says in a copy of the site opened from disk (overrides/partials/search.html)."""
    return {"needs_server": lang.strings()["search.needs_server"]}


def bundle_assets(config: MkDocsConfig) -> None:
    """Bundle our scripts and stylesheets into the built site from overrides/ (site/bundle.py)."""
    try:
        bundle.bundle_site(Path(config.site_dir), Path(config.theme.custom_dir))
    except bundle.BundleError as error:
        raise PluginError(str(error)) from error


def content_security_policy(html: str, name: str) -> str:
    """The page with its own Content Security Policy (scripts/playbook/site/csp.py)."""
    try:
        return csp.secure(html, live_reload=SERVING)  # mkdocs serve's preview: see csp.LIVE_RELOAD
    except ValueError as error:
        raise PluginError(f"{name}: {error}") from error


def written_pages() -> written.Written:
    """The pages written from on_post_page in this build, with what each file held then (site/written.py)."""
    return sources.once_per_build("site.written_pages", written.Written)


def secure_site(site_dir: Path) -> None:
    """Every HTML file of the site with an up-to-date policy, and the hosts' ``_headers`` file.

    The pages already got theirs in on_post_page; this also covers HTML written outside MkDocs' page events
    (a second language's 404 page) and any page changed after its event. A page whose file is as MkDocs
    wrote it from on_post_page in this build (its time, size and inode: site/written.py) is not read again;
    a page whose policy is current is not written again, so a `mkdocs serve` rebuild sees no change it did
    not make.
    """
    done = written_pages()
    for path in sorted(site_dir.rglob("*.html")):
        if done.unchanged(path):
            continue
        html = path.read_text(encoding="utf-8")
        secured = content_security_policy(html, path.relative_to(site_dir).as_posix())
        if secured != html:
            path.write_text(secured, encoding="utf-8")
    headers = site_dir / csp.HEADERS_FILE
    if not headers.is_file() or headers.read_text(encoding="utf-8") != csp.headers_file():
        headers.write_text(csp.headers_file(), encoding="utf-8")


SERVING = False
"""Whether this process is ``mkdocs serve`` (set once in on_startup)."""


def on_startup(command: str, dirty: bool) -> None:
    global SERVING
    SERVING = command == "serve"


def build_pdf(config: MkDocsConfig) -> None:
    """The PDFs that are out of date, once both languages are built (`make serve` sets PLAYBOOK_PDF=1; `make
    build` runs the step itself). Under `mkdocs serve` they are made in a background process, so the browser
    reloads without waiting for them (pdf/build.py, start_in_background)."""
    if building_another_language(config):
        return  # the default language's hook runs last, after all
    from playbook.pdf import build as pdf  # the PDF step's parsers and process pool: only when it runs

    if SERVING:
        pdf.start_in_background(Path(config.site_dir), Path(config.config_file_path))
        return
    nav = pdf.NavConfig(pdf.flatten_nav(config.nav), config.use_directory_urls)
    try:
        pdf.build_stale(Path(config.site_dir), nav)
    except pdf.PdfError as error:
        raise PluginError(str(error)) from error


def point_search_at_language(html: str, name: str, config: MkDocsConfig) -> str:
    """Make a page search its own language's index, with the stemming search worker."""
    try:
        return search_index.retarget_config(html, current_language(config))
    except ValueError as error:
        raise PluginError(f"{name}: {error}") from error


def split_search_index(site_dir: Path) -> None:
    """Replace static-i18n's merged search index by one index per language."""
    try:
        search_index.write_split(site_dir)
    except ValueError as error:
        raise PluginError(str(error)) from error


def copy_sitemap_to_language_root(site_dir: Path, lang: languages.Language) -> Path | None:
    """Give ``/<code>/`` its own ``sitemap.xml`` (static-i18n builds every language into the same site_dir).

    Material (9.7+) fetches ``sitemap.xml`` next to every ``hreflang`` alternate to map pages between
    languages. The default language's build writes the only sitemap at the root; without a copy at each
    language root every page view of another language costs a 404.
    """
    if lang.default:
        return None
    source = site_dir / "sitemap.xml"
    if not source.exists():
        raise PluginError(f"{source}: missing; the default language's build should have written it")
    target = site_dir / lang.url_prefix / "sitemap.xml"
    shutil.copyfile(source, target)
    return target
