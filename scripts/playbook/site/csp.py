"""A strict Content Security Policy for every built page, computed from the page itself.

Readers type contract sums, client names and reasons into the site, and the calculator reads its state back
from the address, so a script injected into a page would see all of it. Each page therefore carries its own
policy as ``<meta http-equiv="Content-Security-Policy">``, placed right after ``<meta charset>`` and so before
any script or stylesheet: scripts run only from the site itself and from the inline ``<script>`` elements
the build wrote, each allowed by the SHA-256 hash of its exact text (Material's ``__md_scope``/``__md_get``
partial and its tab-restoring snippet, and whatever inline script a later Material release adds: every
executable inline script found in the page is hashed). ``'unsafe-inline'`` and ``'unsafe-eval'`` never
appear for scripts.

The directives (:data:`DIRECTIVES`; sources: CSP Level 3, https://www.w3.org/TR/CSP3/):

- ``default-src 'self'``: anything not named below comes from the site only.
- ``script-src 'self' 'sha256-…'``: the site's own script files plus this page's inline scripts.
- ``style-src 'self'``: no ``'unsafe-inline'`` for styles either. The built pages carry no ``style``
  attribute and no ``<style>`` element; Material's bundle sets styles through the CSSOM
  (``element.style.setProperty``), which a policy does not restrict. A page that gains a ``style``
  attribute fails the build (:func:`check`).
- ``img-src 'self' data:``: Material's icons are ``data:`` SVGs in its stylesheet.
- ``connect-src 'self'``: the search index and the sitemaps that the language switch reads.
- ``worker-src 'self'``: the search worker is a same-origin file (playbook-search.js wrapping Material's
  worker), not a ``blob:``.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'none'`` (no form of the site is ever
  submitted: Material's search form and the widgets' forms are handled by script).

``frame-ancestors`` (and HSTS, ``nosniff``, the referrer policy) cannot be delivered by a ``<meta>``: a
browser ignores ``frame-ancestors`` there and says so in the console. They go into the ``_headers`` file
(:data:`HEADERS_FILE`, :func:`headers_file`) for hosts that read one; the README shows the same for nginx
and Apache.

A page the policy would break fails the build instead: inline event handler attributes (``onclick=``),
``javascript:`` links and ``style`` attributes would all be refused by the browser (:func:`check`).

Everything here is a pure function of the page's text: applying it twice gives the same page, so the hook
may run on every language build and on every ``mkdocs serve`` rebuild.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),  # plus the page's inline script hashes
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("worker-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'none'",)),
)
"""The policy every page carries, in order; ``script-src`` gets the page's hashes appended."""

HEADER_ONLY = ("frame-ancestors 'none'",)
"""Directives a ``<meta>`` policy cannot carry, sent as a response header by the host."""

HEADERS_FILE = "_headers"
"""Netlify's and Cloudflare Pages' file of response headers, at the site root."""

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", "; ".join(HEADER_ONLY)),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
"""Response headers for every path. The header's ``Content-Security-Policy`` holds only what a ``<meta>``
cannot: a browser enforces both policies, so the page's own stays in force. ``no-referrer``: the site links
to Lovdata, Skatteetaten and others, and a calculator address carries the reader's figures."""

EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
"""``<script type>`` values a browser runs (HTML, "prepare the script element"), so a policy must allow;
any other type (``application/json``: the page configuration and Material's ``__config``) is a data block."""

META_NAME = "Content-Security-Policy"
_META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
"""The policy this module writes (always in this form), found by its literal start: fast on large pages."""
_CHARSET_RE = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD_RE = re.compile(r"<head(\s[^>]*)?>", re.I)


class _Scan(HTMLParser):
    """Collects inline scripts and the markup a strict policy refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._inline: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=…> is an inline event handler")
            elif name == "style":
                self.problems.append(f"line {line}: <{tag} style=…> is an inline style")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"line {line}: <{tag} {name}={value!r}> is a javascript: link")
        if tag == "style":
            self.problems.append(f"line {line}: a <style> element")
        if tag == "script" and "src" not in values:
            kind = (values.get("type") or "").strip().lower()
            if kind in EXECUTABLE_TYPES:
                self._inline = []

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline.append(data)

    def handle_entityref(self, name: str) -> None:  # never inside a script: its text is raw
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            self.scripts.append("".join(self._inline))
            self._inline = None


_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.I | re.S)
_SRC_RE = re.compile(r"(?:^|\s)src(?:\s*=|\s|$)", re.I)
_TYPE_RE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_ATTRIBUTE_RES = (re.compile(rb"on[\w-]*\s*="), re.compile(rb"style\s*="))
"""An event handler or style attribute, from its name on; it counts after white space (``data-on=`` and
``component=`` do not). Two expressions, each starting with a literal, which the engine searches for fast
(one expression of alternatives is tried at every position)."""
_SPACE = frozenset(b" \t\n\r\f/\"'")
"""What may stand before an attribute name: HTML white space, and what browsers also accept there (``/``,
a closing quote)."""


def suspect(html: str) -> bool:
    """Whether ``html`` may hold markup the policy refuses: an ``on…=`` or ``style=`` attribute, a ``<style>``
    element or a ``javascript:`` address, in any case. A page without any has none, and its scripts are read
    by :data:`_SCRIPT_RE` alone; a page with one (which may be harmless text, such as a code sample) is read
    by the HTML parser, which decides and names the line. Searches the page's UTF-8 bytes, lower-cased as
    ASCII (as HTML compares names): some six times faster on a large page than one case-blind expression
    over the text, and its cost follows the page's few ``…on…=`` (``content=``), not its every ``on``."""
    low = html.encode("utf-8", "surrogatepass").lower()
    if b"javascript:" in low or b"<style" in low:
        return True
    for attribute in _ATTRIBUTE_RES:
        for match in attribute.finditer(low):
            start = match.start()
            if start and low[start - 1] in _SPACE:
                return True
    return False


def without_policy(html: str) -> str:
    """``html`` without the policy ``<meta>`` this module wrote, and the white space before it."""
    if META_NAME not in html:  # a page as MkDocs rendered it: nothing to take out
        return html
    kept, position = [], 0
    for match in _META_RE.finditer(html):
        start = match.start()
        while start > position and html[start - 1].isspace():
            start -= 1
        kept.append(html[position:start])
        position = match.end()
    kept.append(html[position:])
    return "".join(kept)


def scan(html: str) -> tuple[list[str], list[str]]:
    """The page's executable inline scripts (their text as the browser sees it) and what the policy refuses.

    In: a whole HTML page. Out: (scripts, problems); a problem names its line. The text is taken raw, as a
    browser takes a script's text, with line breaks normalised as the HTML parser does (CR LF and CR to LF).

    The build runs this on every page, so a page with nothing suspect (:func:`suspect`, the usual case)
    is read with regular expressions, a few milliseconds for a large page; the HTML parser
    (:func:`scan_with_parser`), some ten times slower, reads the others. A site test holds the two to the
    same answer on every built page.
    """
    if "\r" in html:
        html = html.replace("\r\n", "\n").replace("\r", "\n")
    if suspect(html):
        return scan_with_parser(html)
    scripts = []
    for match in _SCRIPT_RE.finditer(html):
        attributes, text = match.groups()
        if _SRC_RE.search(attributes):
            continue
        kind = _TYPE_RE.search(attributes)
        value = next((group for group in kind.groups() if group is not None), "") if kind else ""
        if value.strip().lower() in EXECUTABLE_TYPES:
            scripts.append(text)
    return scripts, []


def scan_with_parser(html: str) -> tuple[list[str], list[str]]:
    """:func:`scan` by Python's HTML parser: the reference, and the reader of pages with suspect markup."""
    parser = _Scan()
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.scripts, parser.problems


def source_hash(text: str) -> str:
    """The CSP source expression allowing an inline script with exactly ``text``: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


LIVE_RELOAD = "'unsafe-inline'"
"""What ``mkdocs serve`` adds to script-src instead of hashes: its server puts a live-reload ``<script>`` into
every page it serves, different on each request (it holds the build's time), so no hash can allow it.
Only the local preview gets this; a built site never does."""


def policy(script_hashes: list[str] | tuple[str, ...] = (), live_reload: bool = False) -> str:
    """The page policy: :data:`DIRECTIVES` with ``script_hashes`` (sorted, once each) added to script-src,
    or, for ``mkdocs serve``'s preview (``live_reload``), :data:`LIVE_RELOAD` (a browser ignores
    ``'unsafe-inline'`` next to a hash, so the preview carries no hashes)."""
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src":
            sources = (*sources, LIVE_RELOAD) if live_reload else (*sources, *sorted(set(script_hashes)))
        parts.append(" ".join((name, *sources)))
    return "; ".join(parts)


def check(html: str) -> list[str]:
    """What in ``html`` a strict policy would make the browser refuse (an empty list when nothing)."""
    return scan(html)[1]


def secure(html: str, live_reload: bool = False) -> str:
    """``html`` with its own policy as the first element after ``<meta charset>`` (or after ``<head>``).

    Any policy ``<meta>`` already there is replaced, so applying this twice gives the same page. Raises
    ValueError naming the line when the page holds markup the policy refuses or has no ``<head>``.
    ``live_reload``: the policy of ``mkdocs serve``'s preview (:func:`policy`).
    """
    html = without_policy(html)
    scripts, problems = scan(html)
    if problems:
        raise ValueError("markup a strict Content Security Policy blocks:\n  " + "\n  ".join(problems))
    content = policy([source_hash(script) for script in scripts], live_reload)
    meta = f'\n    <meta http-equiv="{META_NAME}" content="{content}">'
    anchor = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if anchor is None:
        raise ValueError("no <head> to put the Content Security Policy in")
    return html[: anchor.end()] + meta + html[anchor.end() :]


def headers_file() -> str:
    """The ``_headers`` file (Netlify, Cloudflare Pages): :data:`SECURITY_HEADERS` for every path."""
    lines = [
        "# Response headers for hosts that read a _headers file (Netlify, Cloudflare Pages). Written by the",
        "# build (scripts/playbook/site/csp.py); each page carries its own script policy in a <meta> tag.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    return "\n".join(lines) + "\n"
