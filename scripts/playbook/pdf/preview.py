"""PNG pictures of the first pages of each language's PDF, for a person to look at.

    python -m playbook.pdf.preview SITE_DIR OUT_DIR [--pages 4] [--dpi 60]

writes ``OUT_DIR/playbook-<code>-<page>.png`` with poppler's ``pdftoppm`` (Debian's poppler-utils, which
``make pdf-tools`` installs). ``make pdf-preview`` builds the site and runs it into build/pdf-preview/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from playbook import languages
from playbook.pdf import build as pdf


class PreviewError(Exception):
    pass


def render_pages(pdf_file: Path, out_dir: Path, pages: int = 4, dpi: int = 60) -> list[Path]:
    """Render pages 1..`pages` of `pdf_file` to PNG files in `out_dir`; return them in page order."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise PreviewError("pdftoppm is missing: run `make pdf-tools` (Debian package poppler-utils)")
    if not pdf_file.is_file():
        raise PreviewError(f"{pdf_file}: no such PDF; run `make build` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / pdf_file.stem
    for old in out_dir.glob(f"{pdf_file.stem}-*.png"):
        old.unlink()
    command = [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf_file), str(prefix)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PreviewError(f"pdftoppm failed on {pdf_file}: {result.stderr.strip()}")
    return sorted(out_dir.glob(f"{pdf_file.stem}-*.png"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m playbook.pdf.preview", description="PDF pages as PNG")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--pages", type=int, default=4, help="how many pages from the start (default 4)")
    parser.add_argument("--dpi", type=int, default=60, help="resolution (default 60)")
    args = parser.parse_args(argv)
    try:
        for lang in languages.LANGUAGES:
            for png in render_pages(pdf.pdf_path(args.site_dir, lang), args.out_dir, args.pages, args.dpi):
                print(png)
    except PreviewError as error:
        print(f"PDF preview failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
