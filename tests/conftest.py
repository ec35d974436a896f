"""Shared helpers: run the real CLI in-process and build real projects into temp folders."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": error: " in line and not line.startswith("journeys:")]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """run_cli("check", path) -> Run(code, stdout, stderr), through the real entry point."""

    def run(*args: str | Path) -> Run:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit:  # argparse usage errors
            code = int(exit.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def copy_project(tmp_path: Path):
    """copy_project("minimal") -> a fresh copy of tests/projects/minimal (or REPO for "sample")."""

    def copy(name: str) -> Path:
        src = REPO if name == "sample" else PROJECTS / name
        dest = tmp_path / name
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("site", ".git", "tests", "generator", "benchmarks", "*.egg-info", "__pycache__", ".pytest_cache", ".journeys-cache"))
        return dest

    return copy


def require_zensical() -> None:
    """The Zensical engine is an optional extra: skip without it, except in CI (tests/setup.sh installs it)."""
    import importlib.util
    import os

    if importlib.util.find_spec("zensical") is None:
        message = "the zensical engine is not installed: pip install -e '.[zensical]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample built once for the session by the Zensical engine."""
    require_zensical()
    out = tmp_path_factory.mktemp("sample-zensical") / "site"
    assert main(["build", str(REPO), "-o", str(out), "-q", "--engine", "zensical"]) == 0
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample built once for the session; tests read its HTML."""
    out = tmp_path_factory.mktemp("sample") / "site"
    assert main(["build", str(REPO), "-o", str(out), "-q"]) == 0
    return out
