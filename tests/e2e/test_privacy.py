"""Nothing a reader does leaves the page: every page of both languages, used as a reader uses it, makes no
request to any host but the site's own, logs no console error, and neither reads nor writes a cookie.

The test watches the whole browser context (pages and their workers) on its own, independent of the
`page` fixture's watch, and spies on ``document.cookie`` from before any script of the page runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from playbook import languages

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES
PAGES = sorted(path.stem + ".html" for path in (ROOT / "docs" / languages.DEFAULT.code).glob("*.md"))
SEARCH_TERM = {"nb": "kontrakt", "en": "contract"}
# Installed before any script of a page: records every read and write of document.cookie.
COOKIE_SPY = """(() => {
  const spy = (window.__cookieUses = []);
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { spy.push('read'); return native.get.call(this); },
    set(value) { spy.push('write ' + String(value).split('=')[0]); return native.set.call(this, value); },
  });
})();"""


@dataclass
class Leaks:
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.requests]
            + [f"console error: {text}" for text in self.console]
            + [f"cookie use: {use}" for use in self.cookies]
        )


@pytest.fixture
def watched(browser, base_url):
    """A fresh context whose every page and worker is watched; yields (page, leaks)."""
    local = urlsplit(base_url).netloc
    leaks = Leaks()
    context = browser.new_context(locale="nb-NO")
    context.add_init_script(script=COOKIE_SPY)

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme not in {"data", "blob", "about"} and parts.netloc != local:
            leaks.requests.append(request.url)

    context.on("request", on_request)
    # A request for another host is recorded above, then stopped here before it reaches the network.
    context.route(
        "**/*",
        lambda route: route.continue_() if urlsplit(route.request.url).netloc == local else route.abort(),
    )
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and leaks.console.append(message.text))
    page.on("pageerror", lambda error: leaks.console.append(f"uncaught {error}"))
    page.on(
        "worker",
        lambda worker: worker.on("console", lambda m: m.type == "error" and leaks.console.append(m.text)),
    )
    yield page, leaks
    context.close()


def use_like_a_reader(page) -> None:
    """Tick a checklist item and type into a calculator field, where the page has them."""
    box = page.locator("[data-checklist] input[type=checkbox]")
    if box.count():
        box.first.check()
    field_ = page.locator(
        "[data-refund-calculator] input[inputmode], [data-refund-calculator] input[type=text]"
    )
    if field_.count():
        field_.first.fill("12 500")
        field_.first.press("Tab")


def assert_no_cookies(page, where: str, leaks: Leaks) -> None:
    leaks.cookies += [f"{where}: {use}" for use in page.evaluate("() => window.__cookieUses")]
    stored = page.evaluate(
        "() => Object.getOwnPropertyDescriptor(Document.prototype, 'cookie').get.call(document)"
    )
    # The spy's own read above is not the page's: it happens after the page's uses were collected.
    if stored:
        leaks.cookies.append(f"{where}: document.cookie holds {stored!r}")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_every_page_used_keeps_everything_on_the_site(watched, base_url, lang):
    page, leaks = watched
    for name in PAGES:
        where = lang.url_prefix + name
        response = page.goto(base_url + where)
        assert response and response.status == 200, where
        assert "set-cookie" not in response.headers, where
        page.wait_for_load_state("networkidle")
        use_like_a_reader(page)
        page.wait_for_load_state("networkidle")
        assert_no_cookies(page, where, leaks)

    # Search, which loads its index and a worker.
    page.goto(base_url + lang.url_prefix + "index.html")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially(SEARCH_TERM[lang.code], delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert_no_cookies(page, lang.url_prefix + "index.html with search", leaks)

    assert page.context.cookies() == [], "the browser holds cookies for the site"
    assert not leaks.all(), "\n".join(leaks.all())


def test_the_watch_sees_a_cookie_and_a_foreign_request(watched, base_url):
    """The checks above can fail: a page that sets a cookie and asks another host is caught."""
    page, leaks = watched
    page.goto(base_url + "index.html")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { document.cookie = 'tracker=1'; }")
    assert_no_cookies(page, "index.html", leaks)
    # The pages' own policy (connect-src 'self') refuses a request to another host before it is made, so
    # the request is made from a file of the site that carries no policy.
    page.goto(base_url + "sitemap.xml")
    page.evaluate("() => fetch('http://tracker.invalid/pixel.gif', { mode: 'no-cors' }).catch(() => {})")
    assert any("write tracker" in use for use in leaks.cookies)
    assert any("tracker=1" in use for use in leaks.cookies)
    assert page.context.cookies(), "context.cookies() should see the cookie"
    assert leaks.requests == ["http://tracker.invalid/pixel.gif"]
