"""The PDF step under `mkdocs serve`: started in the background, one at a time, stopped by the next save."""

from __future__ import annotations

import subprocess

from playbook.pdf import build as pdf


def test_a_new_save_stops_the_pdf_step_still_running(monkeypatch, tmp_path):
    started = []
    real_popen = subprocess.Popen

    def popen(command):
        started.append(command)
        return real_popen(["sleep", "30"])  # a step that is still running when the next save comes

    monkeypatch.setattr(pdf.subprocess, "Popen", popen)
    site, config = tmp_path / "site", tmp_path / "mkdocs.yml"
    first = pdf.start_in_background(site, config)
    second = pdf.start_in_background(site, config)
    try:
        assert first.poll() is not None, "the step of the previous save should have been stopped"
        assert second.poll() is None
        assert started[0][1:] == ["-m", "playbook.pdf", str(site), "--config", str(config), "--stale"]
    finally:
        pdf.stop_background()
    assert second.poll() is not None
