"""Golden pairs for the Markdown extensions: <case>.md in, <case>.html out, in tests/unit/golden/<name>/.

After an intended change to an extension's output, regenerate its expected files with
``PLAYBOOK_REGEN_GOLDEN=1 .venv/bin/pytest tests/unit/test_<name>.py`` and review the diff in git.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent / "unit" / "golden"
REGENERATE = os.environ.get("PLAYBOOK_REGEN_GOLDEN") == "1"


def cases(name: str) -> list[str]:
    """The case names of one extension's golden folder."""
    return sorted(path.stem for path in (ROOT / name).glob("*.md"))


def check(name: str, case: str, render: Callable[[str], str]) -> None:
    """Render ``<case>.md`` and compare it with ``<case>.html``; fail with a unified diff when they differ."""
    folder = ROOT / name
    source = (folder / f"{case}.md").read_text(encoding="utf-8")
    expected_path = folder / f"{case}.html"
    actual = render(source) + "\n"
    if REGENERATE:
        expected_path.write_text(actual, encoding="utf-8")
    if not expected_path.exists():
        pytest.fail(f"{expected_path} is missing; create it with PLAYBOOK_REGEN_GOLDEN=1")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{case}.html (expected)",
            tofile=f"{case}.md (rendered)",
        )
        pytest.fail(
            "rendered HTML differs from the golden file (PLAYBOOK_REGEN_GOLDEN=1 regenerates it):\n"
            + "".join(diff)
        )
