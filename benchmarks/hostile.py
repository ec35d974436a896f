"""Hostile-input benchmark: how long `check` takes to refuse (or accept) each bad file.

    python benchmarks/hostile.py

The tests (tests/test_hostile.py, tests/test_loader.py, tests/test_errors.py) only
check that these inputs end cleanly; how fast they do is measured here, because a
wall-clock limit in a test fails at random on a loaded machine. The report gives
seconds and the ratio to checking the untouched minimal project: a case that grows
from tenths of a second to seconds is a regression (a backtracking regex, an
unbounded alias expansion).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main  # noqa: E402
from tests.test_errors import PATHOLOGICAL_PAGE  # noqa: E402
from tests.test_hostile import CASES  # noqa: E402

MINIMAL = ROOT / "tests" / "projects" / "minimal"


def time_check(project: Path, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            main(["check", str(project), "-q"])
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main_() -> None:
    cases = [(name, rel, data) for name, rel, data, _ in CASES]
    cases.append(("100 KB of half-links", "content/pages/glossary.md", ("# Glossary\n\n" + PATHOLOGICAL_PAGE).encode()))
    with tempfile.TemporaryDirectory() as tmp:
        base = time_check(MINIMAL)
        print(f"{'minimal project':32} {base:7.3f} s   1.0x")
        for name, rel, data in cases:
            project = Path(tmp) / "p"
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(MINIMAL, project)
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_bytes(data)
            seconds = time_check(project)
            print(f"{name:32} {seconds:7.3f} s {seconds / base:6.1f}x")


if __name__ == "__main__":
    main_()
