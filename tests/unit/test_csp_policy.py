"""The page policy (scripts/playbook/site/csp.py): which scripts it hashes, where it goes, what it refuses."""

from __future__ import annotations

import base64
import hashlib

import pytest

from playbook.site import csp

PAGE = """<!doctype html>
<html lang="nb">
  <head>
    <meta charset="utf-8">
    <title>T</title>
    <script>
  __md_scope = new URL(".", location);
  if (1 < 2 && "&amp;") {}
</script>
    <script type="application/json" id="playbook-config">{"a": "<b>"}</script>
    <script src="assets/javascripts/playbook.js"></script>
  </head>
  <body>
    <script type="module">import "./x.js";</script>
    <script type="text/plain">not run</script>
  </body>
</html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed_with_their_exact_text():
    scripts, problems = csp.scan(PAGE)
    assert problems == []
    assert scripts == [
        '\n  __md_scope = new URL(".", location);\n  if (1 < 2 && "&amp;") {}\n',
        'import "./x.js";',
    ]
    policy = csp.policy([csp.source_hash(text) for text in scripts])
    assert f"script-src 'self' {' '.join(sorted(sha(text) for text in scripts))};" in policy


def test_the_hash_is_the_browsers_sha256_of_the_utf8_text():
    # From CSP3's example: alert('Hello, world.'); hashes to this value.
    assert (
        csp.source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_line_breaks_are_hashed_as_the_html_parser_leaves_them():
    crlf = PAGE.replace("\n", "\r\n")
    assert csp.scan(crlf)[0] == csp.scan(PAGE)[0]


def test_the_policy_is_strict_and_lists_each_directive_once():
    policy = csp.policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"])
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self' 'sha256-a' 'sha256-b'"
    assert directives["object-src"] == "'none'" and directives["form-action"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["worker-src"] == "'self'"
    assert "unsafe" not in policy and "frame-ancestors" not in policy  # a <meta> cannot carry it


def test_the_policy_goes_right_after_the_charset_and_applying_it_again_changes_nothing():
    secured = csp.secure(PAGE)
    head = secured.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="')
    assert secured.index("Content-Security-Policy") < secured.index("<script")
    assert csp.secure(secured) == secured
    # A page whose scripts changed after it was secured gets a fresh policy, not a second one.
    changed = csp.secure(secured.replace("location);", "location); // changed"))
    assert changed.count("Content-Security-Policy") == 1 and changed != secured


@pytest.mark.parametrize(
    ("markup", "named"),
    [
        ('<button onclick="go()">x</button>', "onclick"),
        ('<a href=" JavaScript:void(0)">x</a>', "javascript: link"),
        ('<p style="color: red">x</p>', "inline style"),
        ("<style>p {}</style>", "<style>"),
    ],
)
def test_markup_the_policy_would_block_fails_naming_its_line(markup, named):
    page = PAGE.replace("<body>", "<body>\n" + markup)
    with pytest.raises(ValueError, match=rf"line 14: .*{named}"):
        csp.secure(page)


def test_a_page_without_a_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        csp.secure("<p>fragment</p>")


def test_the_headers_file_sends_what_a_meta_policy_cannot():
    text = csp.headers_file()
    lines = text.splitlines()
    assert "/*" in lines
    headers = dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "camera=()" in headers["Permissions-Policy"]


def test_the_local_preview_allows_its_live_reload_script_and_nothing_else_changes():
    """mkdocs serve injects a <script> that differs on every request: no hash can allow it."""
    preview = csp.policy(["'sha256-a'"], live_reload=True)
    directives = dict(part.split(" ", 1) for part in preview.split("; "))
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    strict = dict(part.split(" ", 1) for part in csp.policy(["'sha256-a'"]).split("; "))
    assert {name: value for name, value in strict.items() if name != "script-src"} == {
        name: value for name, value in directives.items() if name != "script-src"
    }
    assert "unsafe-inline" not in csp.secure(PAGE) and "'unsafe-inline'" in csp.secure(PAGE, live_reload=True)


FAST_CASES = [
    PAGE,
    PAGE.replace("<script>", "<SCRIPT TYPE='Text/JavaScript'>", 1).replace("</script>", "</SCRIPT>", 1),
    "<head><script type=module>a()</script><script defer src=x.js></script><script>b()</script ></head>",
    "<head><script type=\"application/ld+json\">{}</script><script data-src='x'>c()</script></head>",
    "<head><meta charset=utf-8></head><body><p>Empty</p></body>",
]


@pytest.mark.parametrize("html", FAST_CASES, ids=range(len(FAST_CASES)))
def test_the_quick_reading_finds_what_the_html_parser_finds(html):
    assert csp.scan(html) == csp.scan_with_parser(html)
    assert not csp.suspect(html), "these cases must take the quick path"


@pytest.mark.parametrize(
    "html",
    [
        '<head><script>a()</script></head><body><a href="#" onclick="x()">x</a></body>',
        "<head></head><body><p>Write javascript: in the box</p></body>",
        '<head></head><body><p style="color: red">x</p></body>',
    ],
)
def test_a_page_with_anything_suspect_is_read_by_the_html_parser(html):
    assert csp.suspect(html)
    assert csp.scan(html) == csp.scan_with_parser(html)


@pytest.mark.parametrize(
    "markup",
    [
        '<a ONCLICK="x()">',
        "<p\tstyle='a'>",
        "<STYLE>p{}</STYLE>",
        '<a href="JavaScript:x()">',
        "<b\non-x = 1>",
        "<svg/onload=x()>",
        '<a href="x"onclick="y()">',
        "<p title='t'style='a'>",
    ],
)
def test_suspect_markup_is_found_in_any_case_and_spacing(markup):
    assert csp.suspect(f"<head></head><body>{markup}</body>")


def test_plain_text_with_on_and_style_in_words_is_not_suspect():
    assert not csp.suspect(
        '<head><meta content="x"></head><body><p>Based on taste: lifestyle=1, icon=2, bonus= 3</p></body>'
    )
