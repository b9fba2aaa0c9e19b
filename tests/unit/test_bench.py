"""The benchmark's own pieces: the plain-Material configuration, the bigger playbook, the gzip server.

Nothing here is timed (timings belong to `make bench`); these only check that the benchmark compares what
it says it compares.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.request
from pathlib import Path

import bench

from playbook import languages

ROOT = Path(__file__).resolve().parents[2]


def project():
    return bench.load_config(ROOT / "mkdocs.yml")


def names(extensions) -> list[str]:
    return [entry if isinstance(entry, str) else next(iter(entry)) for entry in extensions]


def test_plain_material_keeps_theme_and_plugins_and_drops_everything_of_ours(tmp_path):
    config = project()
    plain = bench.plain_material_config(config, tmp_path)
    assert plain["theme"]["name"] == "material" and "custom_dir" not in plain["theme"]
    assert plain["theme"]["features"] == config["theme"]["features"]
    assert plain["plugins"] == config["plugins"]
    assert "hooks" not in plain and "extra_css" not in plain and "extra_javascript" not in plain
    ours = [name for name in names(config["markdown_extensions"]) if name.startswith("playbook")]
    assert ours, "the project is expected to use its own Markdown extensions"
    assert not [name for name in names(plain["markdown_extensions"]) if name.startswith("playbook")]
    assert [n for n in names(config["markdown_extensions"]) if n not in ours] == names(
        plain["markdown_extensions"]
    )
    assert plain["docs_dir"] == str(tmp_path)


def test_the_plain_configuration_builds_both_languages(tmp_path):
    config = bench.plain_material_config(project(), ROOT / "docs")
    config_file = bench.write_config(config, tmp_path / "plain.yml")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "--site-dir", str(site)]
    result = subprocess.run(
        command, env=bench.build_env("http://127.0.0.1:1/"), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    for lang in languages.LANGUAGES:
        page = (site / lang.url_prefix / "before.html").read_text(encoding="utf-8")
        assert "playbook.css" not in page and "data-widget" not in page
        assert "/// checklist" in page, "without our extension the block stays text"


def test_project_config_works_from_another_folder(tmp_path):
    config = bench.project_config(project(), ROOT, tmp_path / "docs", ["index.md"])
    assert all(Path(hook).is_absolute() and Path(hook).is_file() for hook in config["hooks"])
    assert Path(config["theme"]["custom_dir"]).is_dir()
    assert config["nav"] == ["index.md"] and config["docs_dir"] == str(tmp_path / "docs")


def test_copies_get_their_own_checklist_ids_and_keep_the_rest():
    text = "/// checklist | Title\n    id: before-call\n\n- [ ] Item {#reason}\n///\n"
    copied = bench.copy_text(text, 3)
    assert "    id: before-call-copy3\n" in copied
    assert "- [ ] Item {#reason}" in copied and "/// checklist | Title" in copied


def test_a_bigger_playbook_has_factor_times_the_pages_in_every_language(tmp_path):
    source = tmp_path / "docs"
    for lang in languages.LANGUAGES:
        (source / lang.code).mkdir(parents=True)
        for name in ("index.md", "before.md"):
            (source / lang.code / name).write_text(f"# {name}\n", encoding="utf-8")
    nav = bench.scaled_docs(source, tmp_path / "big", ["index.md", "before.md"], 3)
    assert nav == ["index.md", "index-2.md", "index-3.md", "before.md", "before-2.md", "before-3.md"]
    for lang in languages.LANGUAGES:
        assert sorted(p.name for p in (tmp_path / "big" / lang.code).glob("*.md")) == sorted(nav)


def test_the_server_sends_text_gzipped_to_whoever_accepts_it(tmp_path):
    body = "<!doctype html><p>" + "playbook " * 200
    (tmp_path / "index.html").write_text(body, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG not really")
    with bench.serving(tmp_path) as url:
        request = urllib.request.Request(url + "index.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == body
        with urllib.request.urlopen(url + "index.html") as response:
            assert response.headers["Content-Encoding"] is None and response.read().decode() == body
        request = urllib.request.Request(url + "image.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] is None


def test_own_assets_are_the_files_of_overrides():
    site_url = "http://127.0.0.1:1/"
    assert bench.is_own_asset(site_url + "assets/javascripts/playbook.js", site_url)
    assert bench.is_own_asset(site_url + "assets/stylesheets/playbook.css", site_url)
    import material

    bundles = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    material = next(bundles.glob("bundle.*.min.js"))
    assert not bench.is_own_asset(site_url + "assets/javascripts/" + material.name, site_url)
