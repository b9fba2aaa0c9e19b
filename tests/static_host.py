"""A local server that answers like a static host (Netlify, Cloudflare Pages, GitHub Pages, nginx).

``python -m http.server`` answers a missing path with its own error page. Static hosts answer it with
status 404 and the site's not-found page: under ``/en/`` the English one (``en/404.html``, routed by the
``_redirects`` file the build writes, or an nginx ``error_page`` per prefix), elsewhere ``404.html``.
This server does the same, for a site served at the root or below a path (``/playbook/``), on 127.0.0.1
only.
"""

from __future__ import annotations

import functools
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playbook import languages


def not_found_page(path: str, mount: str = "/") -> str:
    """The not-found page (below the site root) a host serves for a missing URL ``path``."""
    inside = path[len(mount) :] if path.startswith(mount) else ""
    for lang in languages.LANGUAGES:
        if lang.url_prefix and inside.startswith(lang.url_prefix):
            return f"{lang.url_prefix}404.html"
    return "404.html"


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``mount``; a missing path gets status 404 and the right not-found page."""

    mount = "/"

    def __init__(self, *args, mount: str = "/", **kwargs):
        self.mount = mount
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        pass

    def translate_path(self, path: str) -> str:
        clean = posixpath.normpath(unquote(urlsplit(path).path))
        if path.split("?", 1)[0].endswith("/"):
            clean += "/"
        if not (clean + "/").startswith(self.mount):
            return str(Path(self.directory) / ".outside-the-mount" / "none")  # never exists
        return super().translate_path("/" + clean[len(self.mount) :].lstrip("/"))

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / not_found_page(urlsplit(self.path).path, self.mount)
        body = page.read_bytes() if page.is_file() else b"404 Not Found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path, mount: str = "/") -> Iterator[str]:
    """Serve ``directory`` at ``http://127.0.0.1:<port><mount>``; yields that URL."""
    handler = functools.partial(StaticHostHandler, directory=str(directory), mount=mount)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
