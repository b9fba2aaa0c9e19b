"""The site pass of the page policy skips the pages still as MkDocs wrote them, and only those."""

from __future__ import annotations

import os

import pytest

from playbook import sources
from playbook.site import csp, hooks, written


def test_a_page_noted_then_written_is_unchanged_until_something_rewrites_it(tmp_path):
    page = tmp_path / "page.html"
    record = written.Written()
    record.note(page)
    page.write_text("<p>as written</p>", encoding="utf-8")  # MkDocs writes after on_post_page
    record.settle()
    assert record.unchanged(page) and record.unchanged(str(page))
    page.write_text("<p>rewritten by someone else</p>", encoding="utf-8")  # another size
    assert not record.unchanged(page)
    page.write_text("<p>as written</p>", encoding="utf-8")
    stamp = page.stat()
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))  # same size, later time
    assert not record.unchanged(page)


def test_only_noted_and_written_files_count(tmp_path):
    record = written.Written()
    record.note(tmp_path / "never-written.html")
    other = tmp_path / "other.html"
    other.write_text("<p>written outside the page events</p>", encoding="utf-8")
    assert not record.unchanged(tmp_path / "never-written.html") and not record.unchanged(other)
    assert record.pending == [] and record.files == {}


@pytest.fixture
def fresh_build():
    sources.forget_all()
    yield
    sources.forget_all()


def test_the_site_pass_reads_only_what_changed_after_its_page_event(tmp_path, monkeypatch, fresh_build):
    page = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<script>var a = 1;</script></head><body></body></html>"
    )
    kept, changed, outside = tmp_path / "kept.html", tmp_path / "changed.html", tmp_path / "404.html"
    for path in (kept, changed):
        hooks.written_pages().note(path)
        path.write_text(csp.secure(page), encoding="utf-8")
    hooks.written_pages().settle()
    changed.write_text(csp.secure(page).replace("var a = 1;", "var a = 2;  "), encoding="utf-8")
    outside.write_text(page, encoding="utf-8")
    read = []
    real = hooks.content_security_policy
    monkeypatch.setattr(
        hooks, "content_security_policy", lambda html, name: read.append(name) or real(html, name)
    )
    hooks.secure_site(tmp_path)
    assert sorted(read) == ["404.html", "changed.html"]
    # The rewritten script got its own hash; the page that stayed as written is left as it was.
    assert csp.source_hash("var a = 2;  ") in changed.read_text(encoding="utf-8")
    assert csp.source_hash("var a = 1;") in outside.read_text(encoding="utf-8")
    assert kept.read_text(encoding="utf-8") == csp.secure(page)
