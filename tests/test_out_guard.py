"""The guard against a dangerous OUT, on its own.

README: "OUT may not be the project, a parent of it, `content/` or `/`". A later check
also refuses a non-empty folder that journeys did not write, so each case here is one
that check would let through: the dangerous folder carries journeys' output marker (as
if an earlier, mistaken build had written it) or does not exist yet. Only the guard
stands between such an OUT and its replacement by a site.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.publish.atomic import MARKER


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir" for p in sorted(root.rglob("*"))}


CASES = {
    # name: (OUT relative to the project, put journeys' marker in it first)
    "project": (".", True),
    "project-via-dotdot": ("content/..", True),
    "project-parent": ("..", True),
    "content": ("content", True),
    "themes": ("themes", True),
    "new-folder-inside-content": ("content/site", False),
    "new-folder-deep-inside-content": ("content/media/out", False),
    "content-subfolder-with-marker": ("content/workflows", True),
}


@pytest.mark.parametrize("where", CASES)
def test_dangerous_out_is_refused_even_when_it_looks_like_journeys_output(where: str, copy_project, run_cli, tmp_path: Path) -> None:
    project = copy_project("minimal")
    (project / "themes").mkdir(exist_ok=True)
    (project / "content" / "media").mkdir(exist_ok=True)
    rel, marked = CASES[where]
    out = project / rel
    if marked:
        (out / MARKER).write_text("left by an earlier build\n", encoding="utf-8")
    else:
        assert not out.exists()
    before = snapshot(tmp_path)
    result = run_cli("build", project, "-o", out, "-q")
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert snapshot(tmp_path) == before, "nothing is deleted or written"


def test_home_folder_is_refused_even_when_it_looks_like_journeys_output(copy_project, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project("minimal")
    home = tmp_path / "home"
    home.mkdir()
    (home / MARKER).write_text("left by an earlier build\n", encoding="utf-8")
    (home / "notes.txt").write_text("someone's notes\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    before = snapshot(tmp_path)
    result = run_cli("build", project, "-o", home, "-q")
    assert result.code == 2, result.err
    assert snapshot(tmp_path) == before


def test_a_safe_out_next_to_the_project_is_used(copy_project, run_cli, tmp_path: Path) -> None:
    """The guard refuses only what it must: a fresh folder beside the project, or its site/, is fine."""
    project = copy_project("minimal")
    assert run_cli("build", project, "-o", tmp_path / "beside", "-q").code == 0
    assert run_cli("build", project, "-q").code == 0
    assert (project / "site" / "index.html").is_file()
