"""Live preview for designers: build, serve on 127.0.0.1, rebuild on every save, reload the open page.

The built files are never changed for the preview: the server adds one script
tag to HTML responses as it sends them. That script listens to a server-sent
event stream (/__journeys__/events) and reloads the page after a successful
rebuild, or lists the errors of a failed one over the last good site, which
stays served until the fix.
"""

from __future__ import annotations

import errno
import json
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.diagnostics import emit
from generator.errors import BuildError, ContentError, Diagnostic, JourneysError, Pos, UsageError
from generator.theme import default_root

PREFIX = "/__journeys__/"
HEARTBEAT_SECONDS = 15.0
IGNORED_PARTS = frozenset({"site", ".git", ".journeys-cache", ".journeys-serve", "node_modules", "__pycache__", "packages"})


@dataclass
class State:
    """What the browser needs to know: which build is current and what the last attempt got wrong."""

    generation: int = 0  # counts successful builds
    version: int = 0  # counts every change of state: what event streams wait for
    errors: list[Diagnostic] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    stopping: bool = False

    def as_json(self) -> str:
        with self.changed:
            errors = [{"file": d.pos.file, "line": d.pos.line, "col": d.pos.col, "severity": d.severity, "message": d.message} for d in self.errors]
            return json.dumps({"generation": self.generation, "errors": errors}, ensure_ascii=False)

    def succeeded(self) -> None:
        with self.changed:
            self.generation += 1
            self.version += 1
            self.errors = []
            self.changed.notify_all()

    def failed(self, errors: list[Diagnostic]) -> None:
        with self.changed:
            self.errors = list(errors)
            self.version += 1
            self.changed.notify_all()


class Preview:
    """One project being previewed: its output folder, its state, and how to rebuild it."""

    def __init__(self, root: Path, build: Callable[[Path], Iterable[Diagnostic]], out: Path, log: Callable[[str], None]) -> None:
        self.root = root
        self._build = build
        self.out = out
        self.state = State()
        self.log = log
        self._lock = threading.Lock()

    def rebuild(self, first: bool = False) -> bool:
        """Build into the served folder; on failure print the errors and keep the last good site.
        On the first build a wrong command line (an unknown --role) is raised: nothing is served then."""
        with self._lock:
            try:
                warnings = list(self._build(self.out))
            except (ContentError, BuildError) as err:
                emit(err.diagnostics, "text")
                self.log(f"journeys: {len(err.diagnostics)} problem(s); still serving the last good site. Fix the file and save.")
                self.state.failed(err.diagnostics)
                return False
            except (JourneysError, OSError) as err:  # e.g. a --role that no longer exists, a file moved mid-build
                if first and isinstance(err, UsageError):
                    raise
                text = str(err) if isinstance(err, JourneysError) else f"{err.strerror or err}: {err.filename or ''}".rstrip(": ")
                self.log(f"journeys: error: {text}")
                self.state.failed([Diagnostic(Pos("journeys.yml"), text)])
                return False
            if warnings:
                emit(warnings, "text")
            self.state.succeeded()
            return True


def _handler(preview: Preview, live_js: bytes, waiting: bytes) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        """Static files from the output folder, HTML with the live script added, plus the event stream."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(preview.out), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass  # the terminal is for the designer's errors, not for every request

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path.startswith(PREFIX):
                return self._internal(path[len(PREFIX):])
            target = Path(self.translate_path(path))
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                try:
                    html = target.read_bytes()
                except OSError:  # swapped away by a rebuild this very moment: the browser retries on reload
                    return self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "rebuilding")
                return self._send(self._inject(html), "text/html; charset=utf-8")
            if preview.state.generation == 0 and not target.exists() and (path.endswith("/") or path.endswith(".html")):
                return self._send(self._inject(waiting), "text/html; charset=utf-8")  # nothing built yet: wait for the fix here
            return super().do_GET()

        def _inject(self, html: bytes) -> bytes:
            tag = f'<script src="{PREFIX}live.js" data-generation="{preview.state.generation}"></script>'.encode()
            at = html.rfind(b"</body>")
            return html[:at] + tag + html[at:] if at != -1 else html + tag

        def _send(self, body: bytes, ctype: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _internal(self, name: str) -> None:
            if name == "live.js":
                return self._send(live_js, "text/javascript; charset=utf-8")
            if name == "state":
                return self._send(preview.state.as_json().encode(), "application/json")
            if name == "events":
                return self._events()
            self.send_error(HTTPStatus.NOT_FOUND)

        def _events(self) -> None:
            """Server-sent events: the state now, then again after every rebuild (a comment keeps it alive)."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            state = preview.state
            try:
                while not state.stopping:
                    with state.changed:  # reentrant: as_json takes it too
                        payload, seen = state.as_json(), state.version
                    self.wfile.write(f"event: state\ndata: {payload}\n\n".encode())
                    self.wfile.flush()
                    while True:
                        with state.changed:
                            if state.stopping or state.version != seen or state.changed.wait(HEARTBEAT_SECONDS):
                                break
                        self.wfile.write(b": still here\n\n")  # outside the lock: a slow client holds up no one
                        self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def _watch_filter(root: Path) -> Callable[[Any, str], bool]:
    resolved = root.resolve()

    def keep(change: Any, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(resolved).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] not in IGNORED_PARTS and not any(p.startswith(".") or p.endswith("~") for p in parts)

    return keep


def bind(port: int) -> ThreadingHTTPServer:
    """The listening socket, or a clear error naming the port."""
    ThreadingHTTPServer.allow_reuse_address = False
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), SimpleHTTPRequestHandler)
    except OSError as err:
        if err.errno in (errno.EADDRINUSE, errno.EACCES):
            why = "is in use by another program" if err.errno == errno.EADDRINUSE else "cannot be opened (not allowed)"
            raise UsageError(f"port {port} {why}: stop that program, or choose another port with --port {port + 1 if port < 65535 else 8000}") from None
        raise
    server.daemon_threads = True
    return server


def serve(root: Path, build: Callable[[Path], Iterable[Diagnostic]], port: int, log: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True)) -> None:
    """Serve until Ctrl-C (or SIGTERM): build once, then rebuild on every change under the project."""
    import watchfiles

    server = bind(port)
    scratch = Path(tempfile.mkdtemp(prefix="journeys-serve-"))
    stop = threading.Event()
    preview = Preview(root, build, scratch / "site", log)
    assets = default_root() / "themes" / "serve"
    server.RequestHandlerClass = _handler(preview, (assets / "live.js").read_bytes(), (assets / "waiting.html").read_bytes())
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    def watch() -> None:
        for changes in watchfiles.watch(root, watch_filter=_watch_filter(root), stop_event=stop, debounce=200, step=50, rust_timeout=1000, yield_on_timeout=False):
            names = sorted({Path(p).resolve().relative_to(root.resolve()).as_posix() for _, p in changes if Path(p).exists()}) or ["a file"]
            log(f"journeys: changed {', '.join(names[:3])}{' ...' if len(names) > 3 else ''}; rebuilding")
            if preview.rebuild():
                log(f"journeys: rebuilt; the open page reloads ({url})")

    # Watching starts before the first build: a file saved during it, or just after it, is seen (the
    # watcher takes a moment to start); the rebuilds it triggers wait for the first build to end.
    thread = threading.Thread(target=watch, name="journeys-watch", daemon=True)
    try:
        thread.start()
        log(f"journeys: building {root} ...")
        preview.rebuild(first=True)
        log(f"journeys: serving {url} (the portal; each role at {url}<role>/). Save a file to rebuild; Ctrl-C stops.")
        server.serve_forever(poll_interval=0.25)
    finally:
        stop.set()
        with preview.state.changed:
            preview.state.stopping = True
            preview.state.changed.notify_all()
        server.server_close()
        if thread.is_alive():
            thread.join(timeout=5)
        shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["Preview", "State", "bind", "serve"]
