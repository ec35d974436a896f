"""A static host on 127.0.0.1 that serves a built output under a path prefix, as GitHub Pages does
for project sites (https://ORG.github.io/REPO/): the output at PREFIX, a folder without its slash
redirected, and the output's 404.html (status 404) for any missing address, at any depth."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from a folder, without a log line per request."""

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler, path: str = "/") -> Iterator[str]:
    """`folder` served by `handler` at a free port of 127.0.0.1 until the block ends; yields the URL of `path`."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{path}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _Handler(QuietHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if route + "/" == self.prefix:
            return self.directory  # /repo: a folder without its slash, redirected to /repo/
        if not route.startswith(self.prefix):
            return os.path.join(self.directory, ".journeys-not-here")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def hosted(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:PORT{prefix}; yields that URL (ending in /).
    The folder is read on each request, so it may be built after the server starts (with its URL)."""
    assert prefix.startswith("/") and prefix.endswith("/")
    with serving(folder, type("Handler", (_Handler,), {"prefix": prefix}), prefix) as url:
        yield url
