"""Golden output: the Markdown sources and mkdocs.yml generated for tests/projects/crosslinks.

Like Pelican's functional tests, the render stage's output (not MkDocs' HTML) is
compared file by file with a committed copy in tests/golden/crosslinks/. A
template or renderer change that alters what designers' content turns into
shows up here as a readable diff.

To accept an intended change, regenerate the committed copy and review the diff:

    JOURNEYS_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/

Rendering runs in-process (check_project, make_env, render_role) with fixed
placeholder paths for the inherited base config and the theme overrides, so the
output does not depend on the machine or the checkout's location.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from generator.pipeline import check_project, make_env, render_role, theme_for
from generator.theme import default_root

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS / "projects" / "crosslinks"
GOLDEN = TESTS / "golden" / "crosslinks"
REGEN = os.environ.get("JOURNEYS_REGEN_GOLDEN", "") not in ("", "0")

INHERIT = "/JOURNEYS/DEFAULT/mkdocs.yml"  # placeholder for the base config each role inherits
OVERRIDES = "/JOURNEYS/OVERRIDES"  # placeholder for the merged theme overrides folder


def _origin(path: Path) -> str:
    """A copied file's source, machine-independent."""
    path = path.resolve()
    for label, root in (("project", PROJECT.resolve()), ("default", default_root().resolve())):
        if root in path.parents:
            return f"{label}:{path.relative_to(root).as_posix()}"
    return f"elsewhere:{path.name}"


def render_sources(project_root: Path) -> dict[str, str]:
    """Every generated source of every published role: `<role>/docs/<page>.md`, `<role>/mkdocs.yml`, `<role>/media.txt`."""
    project = check_project(project_root)
    theme = theme_for(project_root)
    env = make_env(theme)
    files: dict[str, str] = {}
    for rid in project.published:
        site = render_role(project, rid, env, theme, INHERIT, OVERRIDES)
        for rel, text in site.pages.items():
            files[f"{rid}/docs/{rel}"] = text
        files[f"{rid}/mkdocs.yml"] = site.config
        # content files copied into the site (theme assets are left out: they are not generated)
        media = sorted(f"{rel} <- {_origin(src)}" for rel, src in site.copies.items() if _origin(src).startswith("project:"))
        files[f"{rid}/media.txt"] = "".join(line + "\n" for line in media)
    return files


def read_golden() -> dict[str, str]:
    if not GOLDEN.is_dir():
        return {}
    return {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


def write_golden(files: dict[str, str]) -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for rel, text in files.items():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_sources(PROJECT)


def test_golden_sources(rendered: dict[str, str]):
    if REGEN:
        write_golden(rendered)
    golden = read_golden()
    assert golden, f"no golden files in {GOLDEN}; create them with JOURNEYS_REGEN_GOLDEN=1 python -m pytest {Path(__file__).name}"
    hint = "\nIf the change is intended: JOURNEYS_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py, then review git diff tests/golden/"
    missing, extra = sorted(set(golden) - set(rendered)), sorted(set(rendered) - set(golden))
    assert not missing and not extra, f"files no longer generated: {missing}; new files: {extra}{hint}"
    diffs = []
    for rel in sorted(golden):
        if golden[rel] != rendered[rel]:
            diffs.append("".join(difflib.unified_diff(
                golden[rel].splitlines(keepends=True), rendered[rel].splitlines(keepends=True), f"golden/{rel}", f"rendered/{rel}",
            )))
    assert not diffs, "generated sources differ from tests/golden/crosslinks:\n" + "\n".join(diffs) + hint


def test_rendering_is_deterministic(rendered: dict[str, str]):
    assert render_sources(PROJECT) == rendered


def test_sources_are_machine_independent(rendered: dict[str, str]):
    for needle in (str(PROJECT), str(TESTS.parent), str(Path.home()), str(default_root())):
        for rel, text in rendered.items():
            assert needle not in text, f"{rel} holds the local path {needle}"


def test_golden_covers_the_crosslinks(rendered: dict[str, str]):
    """The committed sources show the cross-site, fragment and media links resolved at render time."""
    alpha_log = rendered["alpha/docs/workflows/alpha-log/index.md"]
    assert "../../../beta/workflows/beta-check/#check-step-1" in alpha_log
    assert "../../media/flow.svg" in alpha_log
    assert "../../pages/guide/index.md#naming-records" in alpha_log
    beta_check = rendered["beta/docs/workflows/beta-check/index.md"]
    assert "../../../alpha/pages/guide/#naming-records" in beta_check
    assert "alpha/docs/pages/guide/index.md" in rendered and "beta/docs/pages/guide/index.md" not in rendered
    assert "media/flow.svg <- project:content/media/flow.svg" in rendered["alpha/media.txt"]
    assert f"INHERIT: \"{INHERIT}\"" in rendered["alpha/mkdocs.yml"]
