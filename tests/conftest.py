"""Shared fixtures: one build of the site per test session, a local HTTP server, and Debian's Chromium.

The site is built exactly as `make build` builds it, into a temporary folder; the server binds 127.0.0.1
only, and every browser page fails its test on a console error or a request to any other host.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import static_host

from built import build_site, copy_project

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium")
# Flags for a root, headless, offline machine: no sandbox (root), no background calls to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def _server(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """A server on 127.0.0.1 for the site folder, bound before the build: the build needs its URL.

    It answers like a static host: a missing path gets status 404 and the language's not-found page
    (tests/static_host.py).
    """
    site_dir = tmp_path_factory.mktemp("build") / "site"
    with static_host.serve(site_dir) as url:
        yield site_dir, url


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's sources that a test may change or break."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def site(_server) -> Path:
    """The built site, once per test session, built for the address it is served from (site_url)."""
    site_dir, url = _server
    build_site(site_dir, {"PLAYBOOK_SITE_URL": url})
    return site_dir


@pytest.fixture(scope="session")
def base_url(_server, site) -> str:
    """http://127.0.0.1:<port>/ serving the built site."""
    return _server[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise AssertionError(f"no Chromium at {CHROMIUM}: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageWatch:
    """What a page did that a reader would not want: console errors, uncaught errors, foreign requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught error: {text}" for text in self.page_errors]
            + [f"request to another host: {url}" for url in self.foreign_requests]
        )


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def context(browser, request):
    """A fresh browser context (own storage) per test."""
    ctx = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url, watch, request):
    """A page that fails the test on console errors, uncaught errors and requests leaving the local server."""
    local = urlsplit(base_url).netloc
    new_page = context.new_page()
    new_page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(msg.text))
    new_page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

    def on_request(req):
        parts = urlsplit(req.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.netloc != local:
            watch.foreign_requests.append(req.url)

    new_page.on("request", on_request)
    yield new_page
    if not request.node.get_closest_marker("allow_console_errors"):
        assert not watch.problems(), "\n".join(watch.problems())
