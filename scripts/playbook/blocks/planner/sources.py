"""The planner's blocks read from the Markdown sources, with line numbers: the build's check before any page
renders (``playbook.blocks.check``, from the ``on_config`` hook).

Pure functions over ``docs/<code>/*.md``, read once per build through :mod:`playbook.sources` and scanned with
the blocks' shared scanner (:func:`playbook.blocks.base.source_blocks`): both blocks follow the base's rules
(no title or options, once per page, closed, a planner with a body); every ``/// conversation-templates``
block parses, with every template the planner needs and only known placeholders; a page with a planner has
its templates and the other way round; and every language has the planner on the same page. Messages read
``docs/<code>/<page>:<line>: reason``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from playbook.blocks import base, planner
from playbook.site import parity


def page_problems(markdown_text: str) -> tuple[bool, list[tuple[int, str]]]:
    """Whether the page holds a planner, and its problems as (line, reason), in line order."""
    found = base.source_blocks(markdown_text, (planner.NAME, planner.TEMPLATES_NAME))
    problems = base.source_problems(markdown_text, planner.WIDGET, found)
    problems += base.source_problems(markdown_text, planner.TEMPLATES_WIDGET, found)
    planners = [b for b in found if b.name == planner.NAME]
    templates = [b for b in found if b.name == planner.TEMPLATES_NAME]
    for block in templates:
        if not block.closed:
            continue
        _templates, found_problems = planner.parse_templates(block.text)
        for problem in found_problems:
            line = block.line if problem.line == 0 else block.body_line + problem.line - 1
            problems.append((line, problem.reason))
    if planners and not templates:
        problems.append((planners[0].line, planner.WITHOUT_TEMPLATES))
    if templates and not planners:
        problems.append((templates[0].line, planner.WITHOUT_PLANNER))
    return bool(planners), sorted(problems, key=lambda problem: problem[0])


def check(docs_dir: Path, codes: Sequence[str]) -> list[str]:
    """Every planner problem of the documentation tree as ``docs/<code>/<page>:<line>: reason``."""
    problems: list[str] = []
    for page, scanned in parity.twins(docs_dir, codes, page_problems):
        for code, (_has_planner, found) in scanned.items():
            problems += [f"docs/{code}/{page}:{line}: {reason}" for line, reason in found]
        having = [code for code, (has_planner, _found) in scanned.items() if has_planner]
        if having and len(having) != len(codes):
            for code in codes:
                if code not in having:
                    problems.append(
                        f"docs/{code}/{page}:1: the page has no '/// conversation-planner', but "
                        f"docs/{having[0]}/{page} has one; every language needs the planner on the same page"
                    )
    return problems
