"""Every HTML file the build ships parses as HTML5 without a single parse error, and keeps its ids unique.

html5lib implements the WHATWG parsing algorithm and reports every place where a browser has to recover
(a stray end tag, an unclosed element, a missing doctype, a bad attribute); a page that needs no recovery
renders the same in every browser and is read the same by assistive technology.
"""

from __future__ import annotations

from collections import Counter

import html5lib

CLEAN = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
    '<body><main><h1 id="a">Title</h1><p>Text <a href="#a">link</a></p></main></body></html>'
)


def html_problems(text: str) -> list[str]:
    """Parse errors (with line and column), a missing doctype, <html lang> or <title>, and repeated ids."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(text)
    problems = [
        f"line {line}, column {column}: {code}" + (f" {details}" if details else "")
        for (line, column), code, details in parser.errors
    ]
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("does not start with <!doctype html>")
    if not document.get("lang"):
        problems.append("<html> has no lang")
    if len(document.findall("./head/title")) != 1:
        problems.append("needs exactly one <title> in <head>")
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    problems += [f"id {value!r} is used {count} times" for value, count in sorted(ids.items()) if count > 1]
    return problems


def test_every_html_file_parses_without_errors(site):
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 16, f"only {len(files)} HTML files built"
    found = {}
    for path in files:
        problems = html_problems(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems[:5]
    assert not found, "\n".join(f"{name}:\n  " + "\n  ".join(problems) for name, problems in found.items())


def test_a_clean_page_passes():
    assert html_problems(CLEAN) == []


def test_the_check_catches_what_browsers_repair():
    assert any("end-tag" in p for p in html_problems(CLEAN.replace("</main>", "</div></main>")))
    assert any("doctype" in p for p in html_problems(CLEAN.replace("<!doctype html>", "")))
    assert any("duplicate-attribute" in p for p in html_problems(CLEAN.replace('id="a"', 'id="a" id="b"')))
    assert html_problems(CLEAN.replace("<main>", '<main><p id="a">twice</p>')) == ["id 'a' is used 2 times"]
    assert html_problems(CLEAN.replace(' lang="en"', "")) == ["<html> has no lang"]
    assert html_problems(CLEAN.replace("<title>t</title>", "")) == ["needs exactly one <title> in <head>"]


def test_a_block_inside_a_paragraph_is_reported_with_its_place():
    problems = html_problems(CLEAN.replace("<p>", "<p><div>"))
    assert problems and all(p.startswith("line 1, column ") for p in problems)
