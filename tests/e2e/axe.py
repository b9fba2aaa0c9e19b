"""axe-core in a Playwright page: the WCAG 2.2 A and AA rules, with a readable failure.

Any browser test can call :func:`assert_no_axe_violations` on the page in whatever state it has brought the
page to (a ticked checklist, a calculator showing an error, a reset form)::

    from axe import assert_no_axe_violations

    assert_no_axe_violations(page, "en/refunds.html after an invalid amount")

axe-core comes from node_modules (pinned in package.json) and is injected as an inline script, so the page
makes no request for it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 added no level-A rule that axe tags separately).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def settle(page, timeout_ms: int = 2000) -> None:
    """Wait for running CSS transitions and animations to end, so axe sees the colours a reader ends up
    with rather than a frame halfway through a fade (which reads as poor contrast)."""
    page.evaluate(
        """(timeout) => Promise.race([
            Promise.all(document.getAnimations()
                .filter((a) => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
                .map((a) => a.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, timeout)),
        ])""",
        timeout_ms,
    )


def axe_violations(page, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations (empty when it found none)."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `npm ci` (make test does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the pages' policy refuses an inline script it has no hash for.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    settle(page)
    result = page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "),
                    summary: n.failureSummary,
                })),
            }));
        }""",
        list(tags),
    )
    return result


def format_violations(violations: list[dict], limit: int = 5) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:limit]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
        if len(violation["nodes"]) > limit:
            lines.append(f"    … and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, context_label: str, tags: tuple[str, ...] = WCAG_TAGS) -> None:
    """Fail, naming `context_label` and every offending element, if axe finds a WCAG A/AA violation."""
    violations = axe_violations(page, tags)
    assert not violations, f"axe found WCAG violations on {context_label}:\n{format_violations(violations)}"
