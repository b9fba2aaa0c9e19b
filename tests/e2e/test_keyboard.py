"""A keyboard reader on the calculator page: Tab reaches every control, in reading order, and always shows
where the focus is.

The walk presses Tab from the top of the page until the focus comes back round. At every stop it compares a
screenshot of the focused element (with room for an outline) against the same spot with the focus moved
away: no visible difference means a reader cannot see where they are (WCAG 2.4.7).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from playbook import languages

CALCULATOR_PAGE = "refunds.html"
CALCULATOR_ROOT = "[data-refund-calculator]"
# Transitions off: each screenshot shows the settled look, not a frame of a fade.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
MAX_STOPS = 400
OUTLINE_ROOM = 6  # px around the element, where an outline or a focus ring is drawn
# Every element under `scope` a reader can reach with Tab, in document order (what the tab order must follow):
# focusable, not disabled, rendered, and one radio button per group (the checked one, else the first).
TABBABLE = """(scope) => {
  const candidates = document.querySelectorAll(
    [ 'a[href]', 'button', 'input', 'select', 'textarea', 'summary', '[tabindex]' ]
      .map((tag) => `${scope} ${tag}`).join(', '));
  const groups = new Set();
  return [...candidates]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden')
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => {
      if (el.type !== 'radio') return true;
      const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
      const stop = group.find((radio) => radio.checked) || group[0];
      return stop === el && !groups.has(el.name) && groups.add(el.name);
    })
    .map((el) => window.__playbookKey(el));
}"""
# A stable name for an element: tag, id, name and value, href, and a number given at first sight (kept in a
# WeakMap, so elements the page adds or moves while we walk keep theirs).
DESCRIBE = """() => {
  const numbers = new WeakMap();
  let count = 0;
  window.__playbookKey = (el) => {
    if (!numbers.has(el)) numbers.set(el, ++count);
    const bits = [el.tagName.toLowerCase()];
    if (el.id) bits.push('#' + el.id);
    if (el.name) bits.push(`[name=${el.name}]`);
    if (el.type === 'radio') bits.push(`[value=${el.value}]`);
    if (el.getAttribute('href')) bits.push(`[href=${el.getAttribute('href')}]`);
    bits.push('@' + numbers.get(el));
    return bits.join('');
  };
}"""
ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  return {
    key: window.__playbookKey(el),
    className: String(el.className),
    inArticle: !!el.closest('article'),
    inCalculator: !!el.closest('[data-refund-calculator]'),
    positiveTabindex: el.tabIndex > 0,
  };
}"""


@dataclass
class Stop:
    key: str
    class_name: str
    in_article: bool
    in_calculator: bool
    positive_tabindex: bool
    visible_focus: bool


def focus_is_visible(page) -> bool:
    """Does the focused element look different from itself unfocused?"""
    box = page.evaluate(
        """() => {
          const r = document.activeElement.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        }"""
    )
    viewport = page.viewport_size
    x = max(0, box["x"] - OUTLINE_ROOM)
    y = max(0, box["y"] - OUTLINE_ROOM)
    right = min(viewport["width"], box["x"] + box["width"] + OUTLINE_ROOM)
    bottom = min(viewport["height"], box["y"] + box["height"] + OUTLINE_ROOM)
    if right - x < 1 or bottom - y < 1:
        return False
    clip = {"x": x, "y": y, "width": right - x, "height": bottom - y}
    focused = page.screenshot(clip=clip)
    # Move the focus away without scrolling, shoot the same spot, then put it back.
    page.evaluate(
        "() => { window.__playbookFocused = document.activeElement; document.activeElement.blur(); }"
    )
    unfocused = page.screenshot(clip=clip)
    page.evaluate("() => window.__playbookFocused.focus({ preventScroll: true, focusVisible: true })")
    return focused != unfocused


def tab_through(page) -> list[Stop]:
    page.evaluate(DESCRIBE)
    stops: list[Stop] = []
    seen: set[str] = set()
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None:
            if stops:
                break  # back at the document: the walk is complete
            continue
        if active["key"] in seen:
            break
        seen.add(active["key"])
        stops.append(
            Stop(
                active["key"],
                active["className"],
                active["inArticle"],
                active["inCalculator"],
                active["positiveTabindex"],
                focus_is_visible(page),
            )
        )
    else:
        pytest.fail(f"the focus never came back round after {MAX_STOPS} presses of Tab")
    return stops


@pytest.mark.parametrize("lang", languages.LANGUAGES, ids=lambda lang: lang.code)
def test_tab_reaches_every_control_of_the_calculator_page_in_order_with_visible_focus(page, base_url, lang):
    page.goto(base_url + lang.url_prefix + CALCULATOR_PAGE)
    page.wait_for_load_state("networkidle")
    # A constructed stylesheet, not a <style> element: the pages' policy (style-src 'self') refuses those.
    page.evaluate(
        "(rules) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(rules);"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }",
        NO_MOTION,
    )
    stops = tab_through(page)
    keys = [stop.key for stop in stops]

    assert stops and "md-skip" in stops[0].class_name.split(), (
        f"the first Tab should land on Material's skip link, got {keys[:1]}"
    )

    assert not [s.key for s in stops if s.positive_tabindex], "a positive tabindex breaks the reading order"

    expected = page.evaluate(TABBABLE, "article")
    reached = [stop.key for stop in stops if stop.in_article]
    missing = [key for key in expected if key not in reached]
    assert not missing, f"Tab never reaches: {missing}"
    assert reached == expected, "Tab order in the article differs from the reading order:\n" + "\n".join(
        f"  {a}  |  {b}" for a, b in zip(reached, expected, strict=False)
    )

    invisible = [stop.key for stop in stops if not stop.visible_focus]
    assert not invisible, f"focus is not visible on: {invisible}"

    if page.locator(CALCULATOR_ROOT).count():
        controls = page.evaluate(TABBABLE, CALCULATOR_ROOT)
        in_calculator = [stop.key for stop in stops if stop.in_calculator]
        assert controls and in_calculator == controls, (
            f"Tab through the refund calculator: reached {in_calculator}, expected {controls}"
        )
