"""Hostile and broken input: each case is one bad file dropped into a copy of the
minimal project. Every one must end with exit 1, a clean `FILE:LINE:COL: error:`
line naming the file, no traceback, and bounded time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    start = time.perf_counter()
    result = run_cli("check", root)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in result.err
    assert elapsed < 20, f"{case} took {elapsed:.1f}s"  # a hang guard, not a benchmark
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


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "sigkill"])
def test_interrupted_build_keeps_the_previous_output(sig: int, copy_project, run_cli, tmp_path: Path) -> None:
    root = copy_project("minimal")
    out = tmp_path / "out"
    assert run_cli("build", root, "-o", out, "-q").code == 0
    before = _tree(out)
    # --no-cache: a rebuild of an unchanged project reuses every role site and ends before it can be interrupted.
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", str(root), "-o", str(out), "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Interrupt once the build has started writing its staging folder.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(p.name.startswith(".journeys-staging-") for p in tmp_path.iterdir()):
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, "the build finished before it could be interrupted"
    assert b"Traceback" not in err
    assert _tree(out) == before
    if sig != signal.SIGKILL:  # an orderly stop cleans up after itself
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".journeys-")]
    # The next run clears whatever a killed one left and succeeds.
    assert run_cli("build", root, "-o", out, "-q").code == 0
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".journeys-")]
