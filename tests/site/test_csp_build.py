"""The page policy on the built site: the quick reading of each page agrees with the HTML parser's."""

from __future__ import annotations

from playbook.site import csp


def test_every_built_page_is_read_the_same_by_the_quick_path_and_the_parser(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30
    quick = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert csp.scan(html) == csp.scan_with_parser(html), path.relative_to(site)
        quick += not csp.suspect(html)
    assert quick >= len(pages) // 2, "most pages should take the quick path, or the build pays for the parser"
