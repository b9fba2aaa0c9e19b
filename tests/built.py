"""Building the site for tests, and reading what a build produced."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playbook import languages

ROOT = Path(__file__).resolve().parent.parent


def build_site(site_dir: Path, extra_env: dict | None = None) -> None:
    """Build the whole site (both languages) into `site_dir` as `make build` does: mkdocs, then the PDFs."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_PDF": "0", **(extra_env or {})}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    command = [sys.executable, "-m", "playbook.pdf", str(site_dir), "--config", str(ROOT / "mkdocs.yml")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"PDF step failed:\n{result.stdout}\n{result.stderr}")


def copy_project(target: Path) -> Path:
    """A copy of the project's sources in ``target`` that a test may change or break (scripts/ is linked)."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "scripts").symlink_to(ROOT / "scripts")
    return target


def build_project(project: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build`` of a project copy, in a minimal environment; the result, failed or not.

    The copy's ``playbook`` package is its ``scripts/`` (PYTHONPATH): the one the tests import, also in a git
    worktree whose virtual environment names another checkout's package."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")],
        cwd=project,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(project / "scripts"),
            **env,
        },
        capture_output=True,
        text=True,
    )


def site_pages(site_dir: Path, lang: languages.Language) -> set[str]:
    """HTML pages of one language, relative to that language's root (404.html excluded)."""
    root = site_dir / lang.url_prefix
    others = {other.code for other in languages.LANGUAGES if other.url_prefix}
    found = set()
    for path in root.rglob("*.html"):
        relative = path.relative_to(root)
        if relative.parts[0] in others or relative.parts[0] in {"assets", "search"}:
            continue
        if relative.name == "404.html":
            continue
        found.add(relative.as_posix())
    return found
