"""Every block's build check over the Markdown sources, in one call for the ``on_config`` hook.

Each widget checks its own blocks (``<widget>/sources.py``, or the shared :func:`base.check_sources` for a
block that only follows the base's rules); this module lists them, so a new widget adds one line here. The
sources are read once per build (playbook/sources.py) however many checks look at them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from playbook.blocks import base, calculator
from playbook.blocks.checklist import sources as checklist_sources
from playbook.blocks.planner import sources as planner_sources


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """Every block problem of the documentation tree as ``docs/<code>/<page>:<line>: reason``."""
    return (
        checklist_sources.check(docs_dir, codes)
        + base.check_sources(docs_dir, codes, calculator.WIDGET)
        + planner_sources.check(docs_dir, codes)
    )
