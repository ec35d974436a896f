"""Hostile and broken input: each case is one bad file dropped into a copy of the
minimal project. Every one must end with exit 1, a clean `FILE:LINE:COL: error:`
line naming the file and no traceback. (How fast they are refused is measured in
benchmarks/hostile.py, not asserted here.)

Interrupted builds are at the end of the file."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import PROJECTS, REPO

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
) + "title: *i\n"


def _deep(n: int) -> str:
    return "title: " + "[" * n + "]" * n + "\n"


# (case name, file to write, its bytes, the start of the expected error line)
CASES = [
    ("alias bomb", "content/workflows/bomb.yml", ALIAS_BOMB.encode(), "content/workflows/bomb.yml:"),
    ("5000-deep nesting", "content/workflows/deep.yml", _deep(5000).encode(), "content/workflows/deep.yml:1:"),
    ("5000-deep block nesting", "content/workflows/deep2.yml", "".join(" " * i + "a:\n" for i in range(5000)).encode(), "content/workflows/deep2.yml:"),
    ("file over the size limit", "content/workflows/huge.yml", b"title: x\n" + b"# padding\n" * 120_000, "content/workflows/huge.yml:1:1: error: the file is"),
    ("Latin-1 file", "content/workflows/latin.yml", "title: Caf\xe9\n".encode("latin-1"), "content/workflows/latin.yml:1:11: error: the file is not UTF-8"),
    ("empty file", "content/workflows/empty.yml", b"", "content/workflows/empty.yml:1:1: error: the file is empty"),
    ("only a comment", "content/workflows/comment.yml", b"# nothing yet\n", "content/workflows/comment.yml:1:1: error: the file is empty"),
    ("tab indentation", "content/workflows/tabs.yml", b"title: x\n\tsummary: y\n", "content/workflows/tabs.yml:2:1: error: invalid YAML: a tab character"),
    ("binary junk", "content/workflows/junk.yml", bytes(range(256)) * 4, "content/workflows/junk.yml:1:1: error: the file holds NUL bytes"),
    ("control character", "content/pages/ctl.md", b"# Ctl\n\x1b[31m red\n", None),
    ("bad file name", "content/roles/Sales Rep.yml", b"title: x\n", "content/roles/Sales Rep.yml:1:1: error: the file name 'Sales Rep' is not a valid id"),
    ("uppercase twin", "content/roles/Rep.yml", b"title: x\n", "content/roles/Rep.yml:1:1: error: the file name 'Rep' is not a valid id"),
    ("dot file name", "content/workflows/a.b.yml", b"title: x\n", "content/workflows/a.b.yml:1:1: error: the file name 'a.b' is not a valid id"),
    ("Windows device name", "content/workflows/aux.yml", b"title: x\n", "content/workflows/aux.yml:1:1: error: 'aux' is a name Windows reserves"),
    (".yaml extension", "content/workflows/x.yaml", b"title: x\n", "content/workflows/x.yaml:1:1: error: unexpected file"),
    ("a document list", "content/workflows/list.yml", b"- a\n- b\n", "content/workflows/list.yml:1:1: error: a workflow must be a mapping"),
    ("two documents", "content/workflows/two.yml", b"title: a\n---\ntitle: b\n", "content/workflows/two.yml:2:1: error: invalid YAML"),
    ("script in a page", "content/pages/glossary.md", b"# Glossary\n\n<script>alert(1)</script>\n", "content/pages/glossary.md:3:1: error: <script> is not allowed"),
    ("iframe in a page", "content/pages/glossary.md", b"# Glossary\n\nSee <iframe src='https://x.example'></iframe>\n", "content/pages/glossary.md:3:5: error: <iframe> is not allowed"),
    ("event attribute", "content/pages/glossary.md", b"# Glossary\n\n<img src='a.png' onerror='alert(1)'>\n", "content/pages/glossary.md:3:18: error: the onerror= attribute is not allowed"),
    ("javascript link", "content/pages/glossary.md", b"# Glossary\n\n[x](javascript:alert(1))\n", "content/pages/glossary.md:3:5: error: 'javascript:' links are not allowed"),
    ("data link", "content/pages/glossary.md", b"# Glossary\n\n![x](data:image/png;base64,AAAA)\n", "content/pages/glossary.md:3:6: error: 'data:' links are not allowed"),
    ("link out of the project", "content/pages/glossary.md", b"# Glossary\n\n[x](../../../etc/passwd)\n", "content/pages/glossary.md:3:5: error: '../../../etc/passwd' points outside the project"),
]


@pytest.mark.parametrize("case, rel, data, expected", CASES, ids=[c[0] for c in CASES])
def test_hostile_file(case: str, rel: str, data: bytes, expected: str | None, copy_project, run_cli) -> None:
    root = copy_project("minimal")
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(data)
    result = run_cli("check", root)
    assert "Traceback" not in result.err
    if expected is None:  # accepted: a control character in Markdown is just text
        assert result.code == 0, result.err
        return
    assert result.code == 1, result.err
    assert any(line.startswith(expected) for line in result.error_lines), result.err


def test_bom_is_accepted(copy_project, run_cli) -> None:
    root = copy_project("minimal")
    path = root / "journeys.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_cli("check", root).code == 0


@pytest.mark.parametrize("rel", ["content/pages/secret.md", "content/workflows/secret.yml", "content/media/secret.png"])
def test_symlink_leaving_the_project_is_refused(rel: str, copy_project, run_cli, tmp_path: Path) -> None:
    root = copy_project("minimal")
    outside = tmp_path / "outside.txt"
    outside.write_text("title: secret\n")
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, root / rel)
    result = run_cli("check", root)
    assert result.code == 1
    assert f"{rel}:1:1: error: this file is a link to somewhere outside the project" in result.err


def test_unsafe_html_allowed_only_when_the_project_opts_in(copy_project, run_cli) -> None:
    root = copy_project("minimal")
    (root / "content/pages/glossary.md").write_text("# Glossary\n\n<iframe src='https://video.example/intro'></iframe>\n")
    assert run_cli("check", root).code == 1
    with (root / "journeys.yml").open("a") as f:
        f.write("allow_unsafe_html: true\n")
    assert run_cli("check", root).code == 0


# --- interrupted builds ------------------------------------------------------
#
# A build of a changed project is interrupted (Ctrl-C, SIGTERM, SIGKILL) at each point
# of its life. Afterwards OUT must be, file for file and byte for byte, either the whole
# old site or the whole new one, and the next build must clear every leftover.
# generator/publish/atomic.py has a test-only seam, JOURNEYS_TEST_PAUSE=<point>:<seconds>,
# that announces a point of the swap on stderr and waits there; JOURNEYS_TEST_SWAP=renames
# forces the portable two-rename swap used where the system has no atomic exchange.

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
SIGNAL_IDS = ["ctrl-c", "sigterm", "sigkill"]


def _tree(root: Path) -> dict[str, str]:
    """Every file under root, by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".journeys-"))


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The minimal project in two editions, and each one's site as a clean build writes it."""
    base = tmp_path_factory.mktemp("editions")
    old, new = base / "old-project", base / "new-project"
    shutil.copytree(PROJECTS / "minimal", old)
    shutil.copytree(PROJECTS / "minimal", new)
    config = new / "journeys.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("title: Minimal Academy", "title: Minimal Academy, second edition"), encoding="utf-8")
    assert main(["build", str(old), "-o", str(base / "old-site"), "-q"]) == 0
    assert main(["build", str(new), "-o", str(base / "new-site"), "-q"]) == 0
    trees = {"old": _tree(base / "old-site"), "new": _tree(base / "new-site")}
    assert trees["old"] != trees["new"] and set(trees["old"]) == set(trees["new"])
    return {"new_project": new, "old_site": base / "old-site", **trees}


def _start(project: Path, out: Path, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(project), "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **env},
    )


def _wait_for_pause(proc: subprocess.Popen[bytes], point: str) -> None:
    """Read the build's stderr until it announces the point (no clock involved)."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.decode(errors="replace").strip() == f"journeys-test: paused at {point}":
            return
    pytest.fail(f"the build ended (status {proc.wait()}) without reaching {point}")


def _interrupt(proc: subprocess.Popen[bytes], sig: int) -> bytes:
    proc.send_signal(sig)
    _, err = proc.communicate()
    assert proc.returncode != 0, "the build finished before it could be interrupted"
    assert b"Traceback" not in err, err.decode(errors="replace")
    return err


def _next_build_cleans_up(editions, out: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("build", editions["new_project"], "-o", out, "-q").code == 0
    assert _tree(out) == editions["new"]
    assert _leftovers(out.parent) == []


@pytest.fixture
def out(editions, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """OUT holding the old edition's site, exactly as `journeys build` wrote it."""
    folder = tmp_path / "parent" / "out"
    shutil.copytree(editions["old_site"], folder)
    assert _tree(folder) == editions["old"]
    return folder


@pytest.mark.parametrize("sig", SIGNALS, ids=SIGNAL_IDS)
def test_interrupt_during_the_build_keeps_the_old_site(sig: int, editions, out: Path, run_cli) -> None:
    # The pause before the swap only makes sure the build cannot finish first.
    proc = _start(editions["new_project"], out, JOURNEYS_TEST_PAUSE="before-swap:120")
    try:
        while proc.poll() is None and not _staged_page(out.parent):
            time.sleep(0.01)
        err = _interrupt(proc, sig)
    finally:
        proc.kill()
    if sig != signal.SIGKILL:
        assert b"interrupted" in err
    assert _tree(out) == editions["old"]
    if sig != signal.SIGKILL:  # an orderly stop cleans up after itself
        assert _leftovers(out.parent) == []
    _next_build_cleans_up(editions, out, run_cli)


def _staged_page(parent: Path) -> bool:
    """A page of the new site has been written in a staging folder."""
    try:
        return any(next(p.glob("out/*/index.html"), None) for p in parent.iterdir() if p.name.startswith(".journeys-staging-"))
    except OSError:  # the folder changed under our feet
        return False


@pytest.mark.parametrize("sig", SIGNALS, ids=SIGNAL_IDS)
@pytest.mark.parametrize("swap", ["exchange", "renames"])
def test_interrupt_just_before_the_swap_keeps_the_old_site(swap: str, sig: int, editions, out: Path, run_cli) -> None:
    proc = _start(editions["new_project"], out, JOURNEYS_TEST_PAUSE="before-swap:120", JOURNEYS_TEST_SWAP=swap)
    try:
        _wait_for_pause(proc, "before-swap")
        _interrupt(proc, sig)
    finally:
        proc.kill()
    assert _tree(out) == editions["old"]
    _next_build_cleans_up(editions, out, run_cli)


@pytest.mark.parametrize("sig", SIGNALS, ids=SIGNAL_IDS)
def test_interrupt_between_the_two_renames(sig: int, editions, out: Path, run_cli) -> None:
    """The portable swap: OUT is renamed away, then the new site renamed in. An interrupt
    between the two puts the old site back; a kill leaves it, whole, for the next run."""
    proc = _start(editions["new_project"], out, JOURNEYS_TEST_PAUSE="between-renames:120", JOURNEYS_TEST_SWAP="renames")
    try:
        _wait_for_pause(proc, "between-renames")
        assert not out.exists(), "the pause is really between the two renames"
        _interrupt(proc, sig)
    finally:
        proc.kill()
    if sig == signal.SIGKILL:
        [retired] = [p for p in out.parent.iterdir() if p.name.startswith(".journeys-retired-")]
        assert _tree(retired) == editions["old"]
    else:
        assert _tree(out) == editions["old"]
        assert _leftovers(out.parent) == []
    _next_build_cleans_up(editions, out, run_cli)


@pytest.mark.parametrize("sig", SIGNALS, ids=SIGNAL_IDS)
@pytest.mark.parametrize("swap", ["exchange", "renames"])
def test_interrupt_after_the_swap_keeps_the_new_site(swap: str, sig: int, editions, out: Path, run_cli) -> None:
    proc = _start(editions["new_project"], out, JOURNEYS_TEST_PAUSE="after-swap:120", JOURNEYS_TEST_SWAP=swap)
    try:
        _wait_for_pause(proc, "after-swap")
        assert _tree(out) == editions["new"], "the swap is done when the pause begins"
        _interrupt(proc, sig)
    finally:
        proc.kill()
    assert _tree(out) == editions["new"]
    if sig != signal.SIGKILL:
        assert _leftovers(out.parent) == []
    _next_build_cleans_up(editions, out, run_cli)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the atomic exchange is Linux's renameat2")
def test_swap_is_one_atomic_exchange_on_linux(editions, out: Path) -> None:
    """While the exchange path pauses before and after the swap, OUT is never missing:
    there is no point at which a kill could leave no site."""
    proc = _start(editions["new_project"], out, JOURNEYS_TEST_PAUSE="between-renames:120")
    try:
        assert proc.wait() == 0, "with the exchange there is no point between two renames"
    finally:
        proc.kill()
    assert _tree(out) == editions["new"]
    assert _leftovers(out.parent) == []


def _at_step(project: Path, out: Path, step: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.interrupt_at", str(out), str(step), "build", str(project), "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])},
    )


def test_a_kill_before_any_step_of_the_publish_leaves_a_whole_site(editions, out: Path, run_cli) -> None:
    """Whatever the publish does to OUT (renames, an exchange, deletes, copies), a SIGKILL
    before any of its steps leaves OUT the whole old site or the whole new one. The steps
    are found by tests/interrupt_at.py from Python's audit events, not from seams."""
    listing = _at_step(editions["new_project"], out, 0)
    _, err = listing.communicate()
    assert listing.returncode == 0, err.decode(errors="replace")
    steps = [line for line in err.decode().splitlines() if line.startswith("journeys-test: step ")]
    assert steps, "the publish changed OUT without any step being seen"
    for step in sorted({1, 2, len(steps) // 2, len(steps)} & set(range(1, len(steps) + 1))):
        shutil.rmtree(out)
        shutil.copytree(editions["old_site"], out)
        proc = _at_step(editions["new_project"], out, step)
        try:
            _wait_for_pause(proc, f"step {step}")
            _interrupt(proc, signal.SIGKILL)
        finally:
            proc.kill()
        assert _tree(out) in (editions["old"], editions["new"]), f"killed before {steps[step - 1]}: OUT is neither site"
        _next_build_cleans_up(editions, out, run_cli)
