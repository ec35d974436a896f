"""A rebuild with nothing to do ends at once, and only then: any input edited, or OUT touched by
hand, or --no-cache, means a real build (OUT swapped anew)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def built(copy_project, run_cli, tmp_path: Path) -> tuple[Path, Path]:
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    return project, out


def _swapped(out: Path, before: int) -> bool:
    """A real build publishes by swapping in a new folder: OUT's inode changes."""
    return out.stat().st_ino != before


def test_nothing_changed_nothing_done(built, run_cli) -> None:
    project, out = built
    before = out.stat().st_ino
    result = run_cli("build", project, "-o", out)
    assert result.code == 0 and "2 unchanged" in result.out
    assert not _swapped(out, before)


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: (p / "content/pages/guide.md").write_text((p / "content/pages/guide.md").read_text() + "\nMore.\n"),
        lambda p: (p / "journeys.yml").write_text((p / "journeys.yml").read_text().replace("Crosslinks Academy", "Crosslinks Academy 2")),
        lambda p: (p / "content/media/flow.svg").write_bytes((p / "content/media/flow.svg").read_bytes() + b"\n"),
    ],
    ids=["a page", "journeys.yml", "a media file"],
)
def test_an_edited_input_rebuilds(built, run_cli, edit) -> None:
    project, out = built
    before = out.stat().st_ino
    edit(project)
    assert run_cli("build", project, "-o", out, "-q").code == 0
    assert _swapped(out, before)


def test_an_output_changed_by_hand_is_rebuilt(built, run_cli) -> None:
    project, out = built
    page = out / "alpha" / "index.html"
    original = page.read_bytes()
    page.unlink()
    assert run_cli("build", project, "-o", out, "-q").code == 0
    assert page.read_bytes() == original


def test_no_cache_always_builds_and_warnings_are_reported_on_a_no_op(built, run_cli) -> None:
    project, out = built
    before = out.stat().st_ino
    first = run_cli("build", project, "-o", out, "--format", "json")
    assert not _swapped(out, before)
    assert [d["severity"] for d in json.loads(first.out)] and all(d["severity"] == "warning" for d in json.loads(first.out))
    assert run_cli("build", project, "-o", out, "-q", "--strict").code == 1  # the warnings still count with --strict
    assert run_cli("build", project, "-o", out, "-q", "--no-cache").code == 0
    assert _swapped(out, before)
