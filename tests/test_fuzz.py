"""Property-based tests: mutate the sample project the way hurried designers do and
check that `journeys check` always ends with exit 0 or 1, never a traceback, and
that every project it accepts also builds.

By default (and in CI) the run is derandomized: the same examples every time, so a
red run replays exactly. A long random campaign runs outside CI:

    JOURNEYS_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py

draws fresh inputs (5000 for `check`, a fifth of that for `build`); set
JOURNEYS_FUZZ_SEED=N as well to replay one campaign. A failure prints the smallest
input found and a `@reproduce_failure(...)` line that replays it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import REPO

FILES = sorted(
    [p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*") if p.is_file() and p.suffix in (".yml", ".md")]
    + ["journeys.yml"]
)
ORIGINAL = {rel: (REPO / rel).read_text(encoding="utf-8") for rel in FILES}

CAMPAIGN = int(os.environ.get("JOURNEYS_FUZZ_EXAMPLES") or 0)
SEED = os.environ.get("JOURNEYS_FUZZ_SEED")


def fuzz(examples: int):  # type: ignore[no-untyped-def]
    """Hypothesis settings: fixed examples unless a campaign is asked for."""
    campaign = CAMPAIGN > 0 or SEED is not None
    configured = settings(
        max_examples=max(1, CAMPAIGN * examples // 100) if CAMPAIGN else examples,
        derandomize=not campaign,
        database=None,  # nothing written next to the sources; replays use the seed or @reproduce_failure
        print_blob=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )

    def apply(test):  # type: ignore[no-untyped-def]
        test = configured(test)
        return seed(int(SEED))(test) if SEED is not None else test

    return apply


NASTY = st.sampled_from(["", "~", "[]", "{}", "- x", "no", "1.10", "2024-01-31", "'", '"', "&a", "*a", "!!binary", "<script>", "\t", "::", "[x](../nope.md)", "ünï", "\x00", "\x07", "a: b: c", "-1", "99999999999999999999"])


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, str]:
    rel = draw(st.sampled_from(FILES))
    lines = ORIGINAL[rel].split("\n")
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    op = draw(st.sampled_from(["delete", "duplicate", "retype", "rename", "truncate", "indent", "insert"]))
    line = lines[i]
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, line)
    elif op == "retype" and ":" in line:
        key = line.split(":", 1)[0]
        lines[i] = f"{key}: {draw(NASTY)}"
    elif op == "rename" and ":" in line:
        key, rest = line.split(":", 1)
        stripped = key.lstrip(" -")
        pos = draw(st.integers(0, max(0, len(stripped))))
        lines[i] = key[: len(key) - len(stripped)] + stripped[:pos] + draw(st.sampled_from(["x", "", "_", "S"])) + stripped[pos + 1 :] + ":" + rest
    elif op == "truncate":
        text = "\n".join(lines)
        return rel, text[: draw(st.integers(0, len(text)))]
    elif op == "indent":
        lines[i] = draw(st.sampled_from(["  ", " ", "\t"])) + line
    else:
        lines.insert(i, draw(NASTY))
    return rel, "\n".join(lines)


def _project(tmp: Path, rel: str, text: str) -> Path:
    root = tmp / "p"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copyfile(REPO / "journeys.yml", root / "journeys.yml")
    (root / rel).write_text(text, encoding="utf-8", errors="surrogateescape")
    return root


@fuzz(100)
@given(change=mutation())
def test_check_never_crashes(change: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, *change)
    code = main(["check", str(root), "-q"])
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert "Traceback" not in err
    if code == 1:
        assert all(line.startswith("journeys:") or ": error: " in line for line in err.splitlines()), err


@fuzz(20)
@given(change=mutation())
def test_every_accepted_project_builds(change: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, *change)
    if main(["check", str(root), "-q"]) != 0:
        return
    code = main(["build", str(root), "-q", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert (tmp_path / "out" / "index.html").is_file()
