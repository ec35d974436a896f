"""Build progress: one status line on a terminal after a second, cleared at the end; nothing otherwise."""

from __future__ import annotations

import io
from pathlib import Path

from generator.build.progress import Progress
from generator.pipeline import BuildOptions, build_project


def test_progress_names_the_sites_building_and_counts_the_done() -> None:
    stream = io.StringIO()
    progress = Progress(stream, delay=0)
    progress.start(["a", "b", "c"])
    progress.building("a")
    progress.building("b")
    progress.done("a")
    assert "1/3 role sites done; building b" in stream.getvalue().rsplit("\r", 1)[-1]
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[K"), "the line is cleared at the end"


def test_a_quick_build_says_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(stream, delay=3600)
    progress.start(["a"])
    progress.building("a")
    progress.done("a")
    progress.finish()
    assert stream.getvalue() == ""


def test_progress_during_a_real_build_with_workers(copy_project, tmp_path: Path, monkeypatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("generator.pipeline.Progress", lambda: Progress(stream, delay=0))
    build_project(copy_project("minimal"), BuildOptions(out=tmp_path / "out", jobs=2, show_progress=True, cache=False))
    assert "2/2 role sites done" in stream.getvalue()


def test_no_progress_when_not_a_terminal(copy_project, run_cli, tmp_path: Path) -> None:
    # pytest's captured stderr is no terminal: the build prints only its summary line.
    result = run_cli("build", copy_project("minimal"), "-o", tmp_path / "out")
    assert result.code == 0 and "role sites done" not in result.err and "\x1b" not in result.err
