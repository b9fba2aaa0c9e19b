"""The planner's build check over the Markdown sources (file and line in every message), and the checklists
its exit pack prints, taken by its hooks from the pages this build rendered."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest

from playbook import languages
from playbook.blocks import checks as block_checks
from playbook.blocks import planner
from playbook.blocks.checklist import sources as checklist_sources
from playbook.blocks.checklist.rendered import checklists_in
from playbook.blocks.planner import hooks as planner_hooks
from playbook.blocks.planner import sources as planner_sources
from playbook.site import nav as site_nav

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CODES = languages.CODES


@pytest.fixture
def docs(tmp_path) -> Path:
    """A copy of docs/ that a test may break."""
    shutil.copytree(DOCS, tmp_path / "docs")
    return tmp_path / "docs"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)
    )


def test_the_pages_as_written_pass():
    assert planner_sources.check(DOCS, CODES) == []


def test_an_unknown_placeholder_is_named_with_its_file_and_line(docs):
    page = docs / "en" / "planner.md"
    edit(page, "script.thanks: Thank you", "script.thanks: Thank you, {client}, ")
    assert planner_sources.check(docs, CODES) == [
        f"docs/en/planner.md:{line_of(page, 'script.thanks:')}: template 'script.thanks' holds the unknown "
        "placeholder {client}; it may use: none"
    ]


def test_a_template_missing_in_one_language_names_that_file_and_the_block(docs):
    page = docs / "nb" / "planner.md"
    text = page.read_text(encoding="utf-8")
    missing = next(line for line in text.splitlines() if line.startswith("script.decision:"))
    page.write_text(text.replace(missing + "\n", ""), encoding="utf-8")
    assert planner_sources.check(docs, CODES) == [
        f"docs/nb/planner.md:{line_of(page, '/// conversation-templates')}: "
        "the templates lack script.decision; every language needs all of them"
    ]


def test_a_misspelt_key_is_named_with_a_suggestion(docs):
    page = docs / "en" / "planner.md"
    edit(page, "script.thanks:", "script.thank:")
    problems = planner_sources.check(docs, CODES)
    line = line_of(page, "script.thank:")
    assert (
        f"docs/en/planner.md:{line}: unknown template 'script.thank'; did you mean 'script.thanks'?"
        in problems
    )
    assert any("the templates lack script.thanks" in problem for problem in problems)


def test_a_planner_in_one_language_only_fails(docs):
    page = docs / "en" / "planner.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("/// conversation-planner")
    end = text.index("## Answers")
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    assert planner_sources.check(docs, CODES) == [
        "docs/en/planner.md:1: the page has no '/// conversation-planner', but docs/nb/planner.md has one; "
        "every language needs the planner on the same page"
    ]


def test_half_a_planner_and_unclosed_blocks_fail(docs):
    page = docs / "nb" / "summary.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n/// conversation-planner\n\nArk.\n", encoding="utf-8"
    )
    line = line_of(page, "/// conversation-planner")
    problems = planner_sources.check(docs, CODES)
    unclosed = planner.WIDGET.not_closed()
    assert f"docs/nb/summary.md:{line}: {unclosed}" in problems
    assert f"docs/nb/summary.md:{line}: {planner.WITHOUT_TEMPLATES}" in problems


def test_blocks_inside_fenced_code_are_examples_not_blocks():
    text = "```\n/// conversation-templates\nnot: checked\n///\n```\n"
    assert planner_sources.page_problems(text) == (False, [])


# --- The exit pack's checklists, from the pages this build rendered ----------------------------------------

EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "tables",
    "pymdownx.superfences",
    "playbook.blocks.checklist",
    "playbook.blocks.calculator",
    "playbook.blocks.planner",
]


def fake_page(src_uri: str, content: str = "") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), content=content)


def fake_config(code: str) -> SimpleNamespace:
    return SimpleNamespace(theme={"language": code})


def fake_files(*pages: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(documentation_pages=lambda: [page.file for page in pages])


def render_pages(code: str, names: list[str]) -> list[SimpleNamespace]:
    """The pages of docs/<code>/ as MkDocs hands them to on_page_content: rendered by our extensions."""
    pages = []
    for name in names:
        text = (DOCS / code / name).read_text(encoding="utf-8")
        text = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # the front matter
        pages.append(fake_page(f"{code}/{name}", markdown.Markdown(extensions=EXTENSIONS).convert(text)))
    return pages


@pytest.fixture(autouse=True)
def no_notes():
    planner_hooks.RENDERED.clear()
    yield
    planner_hooks.RENDERED.clear()


@pytest.mark.parametrize("code", CODES)
def test_every_checklist_of_the_language_in_navigation_order_with_plain_texts(code):
    names = ["index.md", "before.md", "conversation.md", "after.md", "prevention.md"]
    pages = render_pages(code, names)
    planner_hooks.on_files(fake_files(*pages), fake_config(code))
    for page in pages:
        assert planner_hooks.on_page_content(page.content, page, fake_config(code), None) == page.content
    found = planner_hooks.exit_pack_checklists(code, pages)
    expected = []
    for name in names:
        scanned, problems = checklist_sources.scan((DOCS / code / name).read_text(encoding="utf-8"))
        assert not problems
        expected += [(c.id, [item.id for item in c.items]) for c in scanned]
    assert [(c["id"], [item["id"] for item in c["items"]]) for c in found] == expected
    assert [c["id"] for c in found][:4] == ["before-call", "during-call", "after-call", "prevention"]
    for checklist in found:
        assert checklist["title"] and all(item["text"] for item in checklist["items"])
        for item in checklist["items"]:
            assert not any(mark in item["text"] for mark in ("[", "](", "{#", "*", "<")), item["text"]
    link_item = next(item for item in found[0]["items"] if item["id"] == "work-out-refund")
    assert link_item["text"].endswith({"nb": "med kalkulatoren.", "en": "with the calculator."}[code])


def test_an_item_that_wraps_onto_the_next_line_is_read_whole():
    text = (
        "/// checklist | Title with *emphasis*\n    id: list\n\n"
        "- [ ] First item that goes\n  on the next line. {#first}\n- [ ] Second. {#second}\n///\n"
    )
    assert checklists_in(markdown.Markdown(extensions=EXTENSIONS).convert(text)) == [
        {
            "id": "list",
            "title": "Title with emphasis",
            "items": [
                {"id": "first", "text": "First item that goes on the next line."},
                {"id": "second", "text": "Second."},
            ],
        }
    ]


def test_the_texts_are_what_a_reader_sees_and_each_checklist_keeps_its_own_items():
    text = (
        "/// checklist | Fees &amp; *terms*\n    id: a-list\n\n"
        '- [ ] Read [the contract](https://example.org/?a=1&b=2) & `notes`, "quoted", 1 < 2. {#read}\n'
        "///\n\nBetween the lists.\n\n"
        "/// checklist | Second\n    id: b-list\n\n- [ ] Only item. {#only}\n///\n"
    )
    assert checklists_in(markdown.Markdown(extensions=EXTENSIONS).convert(text)) == [
        {
            "id": "a-list",
            "title": "Fees & terms",
            "items": [{"id": "read", "text": 'Read the contract & notes, "quoted", 1 < 2.'}],
        },
        {"id": "b-list", "title": "Second", "items": [{"id": "only", "text": "Only item."}]},
    ]


def test_raw_html_in_a_label_gives_the_words_a_browser_shows():
    text = (
        "/// checklist | Title <!-- a > b -->here\n    id: raw\n\n"
        "- [ ] Read <abbr title=\"a>b\">AB</abbr> and <span title='x > y'>this</span> here. {#read}\n///\n"
    )
    (found,) = checklists_in(markdown.Markdown(extensions=EXTENSIONS).convert(text))
    assert found["title"] == "Title here"
    assert found["items"] == [{"id": "read", "text": "Read AB and this here."}]


def test_a_page_without_checklists_has_none():
    assert checklists_in("<p>No checklist here.</p><fieldset><legend>Other</legend></fieldset>") == []


# --- The hooks ----------------------------------------------------------------------------------------------


def test_nav_pages_are_relative_to_the_language_folder():
    nav = ["index.md", {"More": ["en/after.md", "planner.md"]}, "https://example.org/"]
    assert site_nav.language_pages(nav, "en") == ["index.md", "after.md", "planner.md"]


def notes_of(code: str, *pages: SimpleNamespace) -> None:
    """What a build of language `code` with these pages notes while rendering them."""
    planner_hooks.on_files(fake_files(*pages), fake_config(code))
    for page in pages:
        planner_hooks.on_page_content(page.content, page, fake_config(code), None)


@pytest.mark.parametrize("code", CODES)
def test_only_the_planner_page_gets_the_checklists_written_into_it(code):
    before, planner_page = render_pages(code, ["before.md", "planner.md"])
    other_page = fake_page(f"{code}/other.md", "<p>No planner here.</p>")
    notes_of(code, before, planner_page, other_page)
    nav = SimpleNamespace(pages=[before, planner_page, other_page])
    document_key = planner.STRING_PREFIX + planner.DOCUMENT_STRING_KEYS[0]
    strings = {"planner.print": "Print", document_key: "Document"}
    context = {"playbook": {"language": code, "strings": strings}}
    result = planner_hooks.on_page_context(dict(context), planner_page, fake_config(code), nav)
    # The exit documents' strings travel with their part, not in the page config.
    assert result["playbook"]["strings"] == {"planner.print": "Print"}
    assert "checklists" not in result["playbook"]
    root = (
        f'<div class="conversation-planner" {planner.WIDGET_ATTR}="{planner.NAME}" '
        f'{planner.ROOT_ATTR}="planner">'
    )
    page_html = f"<main>{root}<p>x</p></div></main>"
    written = planner_hooks.on_post_page(page_html, planner_page, fake_config(code))
    assert written.startswith(f"<main>{root}<template {planner_hooks.TEMPLATE_ATTR}>")
    template = written.split("<template", 1)[1].split("</template>")[0]
    assert f'{planner_hooks.LIST_ATTR}="before-call"' in template
    ids = re.findall(rf'{planner.EXIT_PACK_ITEM_ATTR}="([^"]+)"', template)
    scanned, _ = checklist_sources.scan((DOCS / code / "before.md").read_text(encoding="utf-8"))
    assert ids == [f"before-call/{item.id}" for item in scanned[0].items]
    # Lean: the browser dresses its copy (exit-pack.js); the page carries ids and texts only.
    assert planner.TICKED_ATTR not in template and "class=" not in template and "\u2610" not in template
    # Other pages are left as they are.
    assert planner_hooks.on_page_context(dict(context), other_page, fake_config(code), nav) == context
    assert planner_hooks.on_post_page("<p>x</p>", other_page, fake_config(code)) == "<p>x</p>"


def test_every_planner_page_of_a_language_gets_one_exit_pack_made_once_per_build(monkeypatch, code="en"):
    """A language with several planner pages (the bench's larger playbook) makes the markup once; the next
    build of the language (an edit under mkdocs serve) makes it afresh from that build's checklists."""
    listed = (
        '<fieldset data-checklist="{id}"><legend>T</legend><input data-item="a"><label>A</label></fieldset>'
    )
    root = f'<div {planner.WIDGET_ATTR}="{planner.NAME}" {planner.ROOT_ATTR}="planner">'
    lists = fake_page("before.md", listed.format(id="first"))
    planners = [fake_page(f"planner-{n}.md", root + "</div>") for n in (1, 2, 3)]
    made = []
    real = planner_hooks.exit_pack_markup
    monkeypatch.setattr(planner_hooks, "exit_pack_markup", lambda found: made.append(found) or real(found))

    def build() -> list[str]:
        notes_of(code, lists, *planners)
        nav = SimpleNamespace(pages=[lists, *planners])
        for page in planners:
            planner_hooks.on_page_context({}, page, fake_config(code), nav)
        return [planner_hooks.on_post_page(root + "</div>", page, fake_config(code)) for page in planners]

    first = build()
    assert len(made) == 1 and len(set(first)) == 1 and 'data-exit-pack-list="first"' in first[0]
    lists.content = listed.format(id="second")
    second = build()
    assert len(made) == 2 and all('data-exit-pack-list="second"' in page for page in second)
    assert not any('"first"' in page for page in second)


def test_the_exit_pack_is_written_before_the_content_security_policy():
    """The site hook puts the policy in last and notes the page as secured; the exit pack must be in by then,
    or the policy's pass over the whole site reads and secures every planner page a second time."""
    from playbook.site import hooks as site_hooks

    def priority(hook) -> int:
        return getattr(hook, "mkdocs_priority", 0)

    assert priority(planner_hooks.on_post_page) > priority(site_hooks.on_post_page)


def test_a_code_sample_showing_the_planner_markup_is_not_the_planner(code="nb"):
    # A page that shows the markup in a code block has it escaped: no exit pack, and its strings are kept.
    sample = (
        f"<pre><code>&lt;div {planner.WIDGET_ATTR}=&quot;{planner.NAME}&quot; "
        f"{planner.ROOT_ATTR}=&quot;planner&quot;"
        f"&gt;</code></pre><p>{planner.ROOT_ATTR}= and {planner.WIDGET_ATTR}={planner.NAME} in prose</p>"
    )
    page = fake_page(f"{code}/sample.md", sample)
    notes_of(code, page)
    context = {
        "playbook": {
            "language": code,
            "strings": {planner.STRING_PREFIX + planner.DOCUMENT_STRING_KEYS[0]: "x"},
        }
    }
    nav = SimpleNamespace(pages=[page])
    assert planner_hooks.on_page_context(dict(context), page, fake_config(code), nav) == context
    assert planner_hooks.on_post_page(sample, page, fake_config(code)) == sample
    # The root is found by its widget name, wherever the attribute stands in its tag.
    html_text = (
        f'<p {planner.ROOT_ATTR}="x">no</p><section id="p" {planner.WIDGET_ATTR}="{planner.NAME}">y</section>'
    )
    assert planner_hooks.with_exit_pack(html_text, "<template></template>").endswith(
        f'{planner.NAME}"><template></template>y</section>'
    )


def test_the_exit_pack_markup_escapes_the_ids_in_its_attributes():
    markup = planner_hooks.exit_pack_markup(
        [{"id": 'l"><script>x</script>', "title": "T", "items": [{"id": 'i" onclick="x', "text": "t"}]}]
    )
    assert "<script>" not in markup and ' onclick="' not in markup
    assert f'{planner_hooks.LIST_ATTR}="l&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in markup


def test_the_exit_pack_markup_escapes_the_texts():
    markup = planner_hooks.exit_pack_markup(
        [{"id": "l", "title": "A <b> & c", "items": [{"id": "i", "text": "<img src=x onerror=alert(1)>"}]}]
    )
    assert (
        "<img" not in markup
        and "&lt;img src=x onerror=alert(1)&gt;" in markup
        and "A &lt;b&gt; &amp; c" in markup
    )


def test_the_notes_follow_each_rebuild_and_keep_the_languages_apart():
    """mkdocs serve rebuilds, and static-i18n builds one language after the other: never a stale note."""
    planner_page = fake_page("planner.md", f'<div {planner.ROOT_ATTR}="planner"></div>')
    listed = (
        '<fieldset data-checklist="{id}"><legend>T</legend><input data-item="a"><label>A</label></fieldset>'
    )
    nb_page = fake_page("before.md", listed.format(id="nb-list"))
    notes_of("nb", nb_page, planner_page)
    en_page = fake_page("before.md", listed.format(id="en-list"))
    notes_of("en", en_page, planner_page)
    nav = SimpleNamespace(pages=[nb_page, planner_page])
    ids = lambda code: [c["id"] for c in planner_hooks.exit_pack_checklists(code, nav.pages)]  # noqa: E731
    assert (ids("nb"), ids("en")) == (["nb-list"], ["en-list"])

    # An edit removes the checklist: the next build's rendering replaces the note.
    nb_page.content = "<p>No list any more.</p>"
    notes_of("nb", nb_page, planner_page)
    assert ids("nb") == [] and ids("en") == ["en-list"]

    # A page deleted from the site: its note goes with it (and notes never outgrow the pages).
    notes_of("en", planner_page)
    assert ids("en") == [] and planner_hooks.RENDERED["en"] == {}


def test_the_config_hook_fails_the_build_with_every_problem(docs):
    edit(docs / "en" / "planner.md", "script.thanks:", "script.thank:")
    problems = block_checks.check(docs, CODES)
    assert any(p.startswith("docs/en/planner.md:") and "script.thank" in p for p in problems)
