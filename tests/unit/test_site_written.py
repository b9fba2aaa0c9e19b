"""The site pass of the page policy skips the pages still as MkDocs wrote them, and only those."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from playbook import sources
from playbook.site import csp, hooks, written


def test_a_page_is_signed_at_the_next_page_event_and_counts_as_unchanged_until_rewritten(tmp_path):
    first, last = tmp_path / "first.html", tmp_path / "last.html"
    record = written.Written()
    record.note(first)
    first.write_text("<p>as written</p>", encoding="utf-8")  # MkDocs writes after on_post_page returns
    record.settle()  # the next page's on_post_page
    record.note(last)
    last.write_text("<p>the language's last page</p>", encoding="utf-8")
    assert record.unchanged(first) and record.unchanged(str(first))
    assert not record.unchanged(last), "a page no event signed after its writing is read again"
    first.write_text("<p>rewritten by someone else</p>", encoding="utf-8")  # another size
    assert not record.unchanged(first)
    first.write_text("<p>as written</p>", encoding="utf-8")
    stamp = first.stat()
    os.utime(first, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))  # same size, later time
    assert not record.unchanged(first)


def test_the_next_language_drops_the_last_page_unsigned(tmp_path):
    page = tmp_path / "last.html"
    record = written.Written()
    record.note(page)
    page.write_text("<p>written</p>", encoding="utf-8")
    record.abandon()  # on_config of the next language's build: post_build hooks ran in between
    record.settle()
    assert not record.unchanged(page) and record.files == {}


@pytest.fixture
def fresh_build():
    sources.forget_all()
    yield
    sources.forget_all()


PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><script>var a = 1;</script></head><body>"
    '<script id="__config" type="application/json">'
    '{"base": ".", "search": "assets/javascripts/workers/search.0123abcd.min.js"}</script></body></html>'
)


def test_the_site_pass_reads_what_no_page_event_signed_or_what_changed_since(
    tmp_path, monkeypatch, fresh_build
):
    """MkDocs' order: on_post_page of a page, its file written, on_post_page of the next page, … the last
    page, then the post_build hooks (one of which rewrites a page here), then the site pass."""
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", theme={"language": "nb"}, plugins={})
    hooks.written_pages().abandon()  # what on_config does for the written pages as a language build starts
    names = ["kept.html", "changed.html", "last.html"]
    for name in names:
        page = SimpleNamespace(
            url=name, file=SimpleNamespace(src_uri=name, abs_dest_path=str(tmp_path / name))
        )
        output = hooks.on_post_page(PAGE, page, config)
        (tmp_path / name).write_text(output, encoding="utf-8")  # _build_page writes it after the event
    changed = tmp_path / "changed.html"
    changed.write_text(changed.read_text(encoding="utf-8").replace("var a = 1;", "var a = 2;  "), "utf-8")
    (tmp_path / "404.html").write_text(PAGE, encoding="utf-8")  # written outside the page events
    kept = (tmp_path / "kept.html").read_text(encoding="utf-8")
    read = []
    real = hooks.content_security_policy
    monkeypatch.setattr(
        hooks, "content_security_policy", lambda html, name: read.append(name) or real(html, name)
    )
    hooks.secure_site(tmp_path)
    assert sorted(read) == ["404.html", "changed.html", "last.html"]
    assert csp.source_hash("var a = 2;  ") in changed.read_text(encoding="utf-8")
    assert (tmp_path / "kept.html").read_text(encoding="utf-8") == kept
