"""`journeys serve` as a real server on localhost, with real file edits.

The server runs in a subprocess (the real command line); the tests poll its
pages and its state endpoint with generous timeouts, never timing anything.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PATIENCE = 120.0  # seconds to wait for a build on a busy machine; a deadline, not a measurement


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def wait_for(condition: Callable[[], object], what: str) -> object:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def _ctrl_c_allowed() -> None:
    """A child of a background job starts with SIGINT ignored; a designer's terminal never does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Server:
    def __init__(self, project: Path, port: int, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(project), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=open(log, "w"), env=env, preexec_fn=_ctrl_c_allowed)

    def state(self) -> dict:
        return json.loads(get(self.base + "/__journeys__/state")[1])

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:
    root = tmp_path / "academy"
    assert run_cli("init", root).code == 0
    return root


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[Server]:
    srv = Server(project, free_port(), tmp_path / "serve.log")
    try:
        wait_for(lambda: srv.state()["generation"] >= 1, "the first build")
        yield srv
    finally:
        srv.stop()


def test_valid_edit_invalid_edit_and_fix(server: Server, project: Path) -> None:
    status, home = get(server.base + "/team-member/")
    assert status == 200 and "Team member" in home
    assert '<script src="/__journeys__/live.js" data-generation="1"></script>' in home
    assert get(server.base + "/")[0] == 200  # the portal
    assert get(server.base + "/__journeys__/live.js")[0] == 200

    role = project / "content/roles/team-member.yml"
    good = role.read_text(encoding="utf-8")
    role.write_text(good.replace("title: Team member", "title: Claims handler"), encoding="utf-8")
    wait_for(lambda: "Claims handler" in get(server.base + "/team-member/")[1], "the valid edit to appear")
    wait_for(lambda: server.state() == {"generation": 2, "errors": []}, "the new generation")

    # An invalid edit: the errors reach the state (and the terminal); the last good site stays served.
    role.write_text(good.replace("title: Team member", "titel: Team member"), encoding="utf-8")
    state = wait_for(lambda: (s := server.state())["errors"] and s, "the error to show")
    assert state["generation"] == 2
    assert {"file": "content/roles/team-member.yml", "line": 3, "col": 1, "severity": "error", "message": "unknown field 'titel' in a role (did you mean 'title'?)"} in state["errors"]
    assert "Claims handler" in get(server.base + "/team-member/")[1]
    wait_for(lambda: "content/roles/team-member.yml:3:1: error: unknown field 'titel'" in server.log.read_text(), "the error on stderr")

    # The fix recovers without a restart.
    role.write_text(good.replace("title: Team member", "title: Claims lead"), encoding="utf-8")
    wait_for(lambda: "Claims lead" in get(server.base + "/team-member/")[1], "the fix to appear")
    wait_for(lambda: server.state() == {"generation": 3, "errors": []}, "the errors to clear")
    assert (project / "site").exists() is False, "serve builds outside the project"
    assert server.stop() == 0
    assert "Traceback" not in server.log.read_text()


def test_built_files_do_not_carry_the_live_script(server: Server, project: Path, run_cli, tmp_path: Path) -> None:
    assert run_cli("build", project, "-o", tmp_path / "out", "-q").code == 0
    for page in (tmp_path / "out").rglob("*.html"):
        assert "__journeys__" not in page.read_text(encoding="utf-8"), page


def test_events_stream_tells_the_page_to_reload_and_shows_errors(server: Server, project: Path) -> None:
    """What the browser's EventSource reads: the state now, then a new generation after each good rebuild."""
    stream = urllib.request.urlopen(server.base + "/__journeys__/events", timeout=PATIENCE)

    def next_state() -> dict:
        deadline = time.monotonic() + PATIENCE  # heartbeats keep the stream alive: a missed rebuild must still end the test
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data: "):
                return json.loads(line[len("data: "):])
            if time.monotonic() > deadline:
                raise AssertionError(f"no new state within {PATIENCE:.0f} s")
        raise AssertionError("the event stream ended")

    assert next_state() == {"generation": 1, "errors": []}
    workflow = project / "content/workflows/first-workflow.yml"
    good = workflow.read_text(encoding="utf-8")
    assert "\n    title: Do the first part\n" in good
    workflow.write_text(good.replace("\n    title: Do the first part\n", "\n     title: Do the first part\n", 1), encoding="utf-8")
    state = next_state()
    assert state["generation"] == 1 and state["errors"] and state["errors"][0]["file"] == "content/workflows/first-workflow.yml"
    workflow.write_text(good.replace("Do the first part", "Do the first part well"), encoding="utf-8")
    assert next_state() == {"generation": 2, "errors": []}
    stream.close()


def test_a_port_in_use_fails_cleanly(project: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", str(project), "--port", str(port)],
            capture_output=True, text=True, timeout=PATIENCE, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert result.returncode == 2
    assert f"journeys: error: port {port} is in use by another program: stop that program, or choose another port with --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_project_invalid_from_the_start_waits_for_the_fix(project: Path, tmp_path: Path) -> None:
    role = project / "content/roles/team-member.yml"
    good = role.read_text(encoding="utf-8")
    role.write_text(good.replace("summary:", "sumary:"), encoding="utf-8")
    srv = Server(project, free_port(), tmp_path / "serve.log")
    try:
        state = wait_for(lambda: (s := srv.state())["errors"] and s, "the errors of the first build")
        assert state["generation"] == 0 and state["errors"][0]["file"] == "content/roles/team-member.yml"
        status, page = get(srv.base + "/team-member/")
        assert status == 200 and '<script src="/__journeys__/live.js" data-generation="0"></script>' in page
        role.write_text(good, encoding="utf-8")
        wait_for(lambda: srv.state() == {"generation": 1, "errors": []}, "the fix")
        assert "Team member" in get(srv.base + "/team-member/")[1]
    finally:
        assert srv.stop() == 0
    assert "Traceback" not in srv.log.read_text()


def test_an_unknown_role_is_a_usage_error(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", str(project), "--port", str(free_port()), "--role", "team-membr"],
        capture_output=True, text=True, timeout=PATIENCE, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "journeys: error: --role team-membr: no published role has this id (did you mean 'team-member'?)" in result.stderr
