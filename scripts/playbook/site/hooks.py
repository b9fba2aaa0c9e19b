"""MkDocs hooks of the playbook: thin dispatchers over small pure functions.

static-i18n builds the site once per language and runs every hook in each build, so each hook here is
stateless and safe to run again. No hook writes into ``docs/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from playbook import languages
from playbook.blocks.checklist import sources as checklist_sources
from playbook.pdf import build as pdf
from playbook.site import alternates, minify, page_config, parity, search_index


def current_language(config: MkDocsConfig) -> languages.Language:
    """The language being built; static-i18n sets the theme language for each build."""
    return languages.by_code(config.theme["language"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs_dir = Path(config.docs_dir)
    problems = parity.check(docs_dir, languages.CODES) + checklist_sources.check(docs_dir, languages.CODES)
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
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = alternates.absolute_alternates(output, page.url, config.site_url)
    return point_search_at_language(output, page.file.src_uri, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return point_search_at_language(output, template_name, config) if template_name == "404.html" else output


# After static-i18n (-100), which writes the merged search index once the last language is built.
@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    copy_sitemap_to_language_root(Path(config.site_dir), current_language(config))
    split_search_index(Path(config.site_dir))
    minify_assets(config)
    if pdf.wanted_by_hooks():
        build_pdf(config)


def minify_assets(config: MkDocsConfig) -> None:
    """Minify our scripts and stylesheets in the built site from overrides/ (scripts/playbook/site/minify.py)."""
    try:
        minify.minify_site(Path(config.site_dir), Path(config.theme.custom_dir))
    except minify.MinifyError as error:
        raise PluginError(str(error)) from error


def build_pdf(config: MkDocsConfig) -> None:
    """The PDFs that are out of date (`make serve` sets PLAYBOOK_PDF=1; `make build` runs the step itself)."""
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
