"""Live-preview latency: from saving a one-workflow edit to the page's reload signal.

    python benchmarks/serve_latency.py [--repeat N]

Starts the real `journeys serve` on a copy of the bundled sample, listens to
its event stream as the browser does, then repeatedly saves a one-word change
to one workflow and times the moment the new generation (the reload event)
arrives, plus fetching the reloaded page. Prints one row; `measure()` returns
the numbers for benchmarks/run.py. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = "content/workflows/update-stage.yml"
ROLE_PAGE = "/sales-rep/workflows/update-stage/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(repeat: int = 3) -> dict[str, float]:
    """Median seconds: save -> reload event, and save -> reloaded page received."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "sample"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns("site", ".git", "tests", "generator", "benchmarks", "*.egg-info", "__pycache__", ".journeys-*"))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(project), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            deadline = time.monotonic() + 600
            while True:
                try:
                    with urllib.request.urlopen(base + "/__journeys__/state", timeout=5) as r:
                        if json.loads(r.read())["generation"] >= 1:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("journeys serve did not come up")
                time.sleep(0.1)
            stream = urllib.request.urlopen(base + "/__journeys__/events", timeout=600)

            def next_state() -> dict:
                for raw in stream:
                    line = raw.decode("utf-8")
                    if line.startswith("data: "):
                        return json.loads(line[6:])
                raise SystemExit("the event stream ended")

            generation = next_state()["generation"]
            path = project / WORKFLOW
            original = path.read_text(encoding="utf-8")
            to_event, to_page = [], []
            for n in range(repeat):
                marker = f"Revised {n}"
                started = time.perf_counter()
                path.write_text(original.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
                while (state := next_state())["generation"] == generation and not state["errors"]:
                    pass
                generation = state["generation"]
                to_event.append(time.perf_counter() - started)
                with urllib.request.urlopen(base + ROLE_PAGE, timeout=60) as r:
                    assert marker in r.read().decode("utf-8"), "the reloaded page lacks the edit"
                to_page.append(time.perf_counter() - started)
            stream.close()
            return {"event": statistics.median(to_event), "page": statistics.median(to_page), "repeat": repeat}
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = measure(args.repeat)
    print(f"{'serve: one-workflow edit':<28} {'save->reload s':>14} {'save->page s':>12} {'runs':>5}")
    print(f"{'sample, all roles':<28} {result['event']:>14.3f} {result['page']:>12.3f} {result['repeat']:>5}")


if __name__ == "__main__":
    main()
