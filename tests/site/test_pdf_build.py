"""How the PDF step runs: after `mkdocs build` (make build), from the hook under `mkdocs serve` (make serve,
live reload included), and how it fails: with the reason, and without leaving an old PDF behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pypdf import PdfReader

from playbook import languages
from playbook.pdf import build as pdf

ROOT = Path(__file__).resolve().parents[2]
LANGS = languages.LANGUAGES


def run(project: Path, *command: str, pdf_flag: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", pdf.HOOK_FLAG: pdf_flag}
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=project, env=env, capture_output=True, text=True
    )


def mkdocs_build(project: Path, pdf_flag: str = "0") -> subprocess.CompletedProcess:
    return run(project, "mkdocs", "build", "--clean", "--site-dir", str(project / "site"), pdf_flag=pdf_flag)


def pdf_step(project: Path) -> subprocess.CompletedProcess:
    return run(project, "playbook.pdf", str(project / "site"), "--config", str(project / "mkdocs.yml"))


def break_pdf_css(root: Path) -> None:
    sheet = root / "assets" / "stylesheets" / "pdf.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nh2 { colour: red; }\n", encoding="utf-8")


def test_the_hook_makes_each_languages_pdf_when_asked(project):
    result = mkdocs_build(project, pdf_flag="1")
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        reader = PdfReader(pdf.pdf_path(project / "site", lang))
        assert reader.metadata.title == lang.site_name
        assert len(reader.pages) > 5


def test_without_the_flag_mkdocs_alone_writes_no_pdf(project):
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / pdf.PDF_DIR).exists()


def test_a_failing_pdf_step_says_why_and_leaves_no_old_pdf(project):
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    for lang in LANGS:
        stale = pdf.pdf_path(site, lang)
        stale.parent.mkdir(parents=True, exist_ok=True)
        stale.write_bytes(b"%PDF-1.7 from an earlier build")
    break_pdf_css(site)
    result = pdf_step(project)
    assert result.returncode == 1
    assert "PDF step failed" in result.stderr and "colour" in result.stderr
    assert list((site / pdf.PDF_DIR).iterdir()) == []


def test_a_failing_pdf_step_fails_the_hook_build_too(project):
    break_pdf_css(project / "overrides")
    result = mkdocs_build(project, pdf_flag="1")
    assert result.returncode != 0
    assert "colour" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def wait_for(check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    return None


def pdf_text(data: bytes, path: Path) -> str:
    path.write_bytes(data)
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_serve_serves_the_pdfs_and_remakes_them_on_live_reload(project, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", pdf.HOOK_FLAG: "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        en = languages.by_code("en")
        url = base + pdf.site_link(en)
        first = wait_for(lambda: fetch(url), 120)
        assert first and first.startswith(b"%PDF-"), "mkdocs serve did not serve the PDF"
        marker = "Live reload reaches the PDF too."
        page = project / "docs" / "en" / "summary.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")

        def remade():
            data = fetch(url)
            return data if data and data != first and marker in pdf_text(data, tmp_path / "en.pdf") else None

        assert wait_for(remade, 120), "the PDF was not made again after a change"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
