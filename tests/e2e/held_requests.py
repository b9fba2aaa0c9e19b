"""Requests a browser test watches or holds back: what the page has fetched of the site's own files, and
an on-demand part held (page.route) until the test lets it through, so the test can act while it is on its
way. Shared by the tests of the widgets' parts (the calculator's engine, the planner's texts and documents).
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect


def requested(page, *names: str) -> list[str]:
    """Addresses the page has requested so far whose file name starts with one of `names`."""
    return page.evaluate(
        """(names) => performance.getEntriesByType("resource").map((entry) => entry.name)
            .filter((address) => names.some((name) => address.split("/").pop().startsWith(name)))""",
        list(names),
    )


def part_requested(page, part: str) -> list[str]:
    """Addresses of a part's code (``part-<part>.js``) and strings (``strings-<part>.<code>.js``) so far."""
    return requested(page, f"part-{part}.", f"strings-{part}.")


def hold(page, pattern: str) -> list:
    """Hold every request to `pattern` (a Playwright URL glob) until :func:`release`; the held routes."""
    held: list = []
    page.route(pattern, lambda route: held.append(route))
    return held


def wait_held(page, held: list, what: str = "the part") -> None:
    """Wait until a held request has come (Playwright hands it over while the test waits), or fail."""
    for _ in range(100):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{what} was not requested")


def release(page, held: list, pattern: str) -> None:
    """Let the held requests go, and hold no more requests to `pattern`."""
    for route in held:
        route.continue_()
    page.unroute(pattern)


def expect_part_failed(
    root: Locator, state_attr: str, status_attr: str, retry_attr: str, message: str, label: str
) -> tuple[Locator, Locator]:
    """Expect the widget at `root` to say its part could not be fetched: the state `failed`, the status line
    (a live region) with `message`, and a visible retry button reading `label`. Returns (status, retry)."""
    expect(root).to_have_attribute(state_attr, "failed")
    status = root.locator(f"[{status_attr}]")
    expect(status).to_have_text(message)
    expect(status).to_have_attribute("role", "status")
    retry = root.locator(f"[{retry_attr}]")
    expect(retry).to_be_visible()
    expect(retry).to_have_text(label)
    return status, retry
