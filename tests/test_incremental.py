"""Incremental builds: a rebuild reuses the role sites whose inputs did not change, and its output is,
file for file, what a clean build of the same project writes. Each kind of input is changed once."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.cache import CACHE_DIR
from generator.pipeline import BuildOptions, BuildReport, build_project

ALL = ("sales-rep", "sales-manager", "customer-success", "finance", "sales-ops")


def tree(root: Path) -> dict[str, str]:
    """Every file under root with the hash of its content."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer holds {old!r}: update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


# (change, roles that must be rebuilt (others must be reused); None: not asserted)
CHANGES: dict[str, tuple[Callable[[Path], None], tuple[str, ...] | None]] = {
    "a workflow of one role": (_replace("content/workflows/qualify-lead.yml", "summary: ", "summary: Edited. "), ("sales-rep",)),
    "a workflow of several roles": (_replace("content/workflows/log-opportunity.yml", "summary: ", "summary: Edited. "), ("sales-rep", "sales-manager", "sales-ops")),
    "journeys.yml": (_replace("journeys.yml", "title: Northwind CRM Academy", "title: Northwind CRM Academy 2"), ALL),
    "a page": (_append("content/pages/glossary.md", "\nOne more line.\n"), ALL),
    "a media file": (_append("content/media/pipeline-stages.svg", "\n<!-- edited -->\n"), None),
    "a template": (_replace("themes/templates/review.md.j2", "\n", "\n{# edited #}Edited review page.\n\n"), ALL),
    "mkdocs.yml": (_replace("mkdocs.yml", "primary: indigo", "primary: teal"), ALL),
    "a theme asset": (_append("themes/assets/journeys.css", "\n/* edited */\n"), ALL),
    "a theme override": (_append("themes/overrides/journeys-base.html", "\n{# edited #}\n"), ALL),
    # Changes what the template prints: a compiled template kept on disk from the first build must not be reused.
    "a theme override's output": (_replace("themes/overrides/journeys-base.html", "<title>{{ config.site_name }}</title>", "<title>{{ config.site_name }} (edited)</title>"), ALL),
}


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs dates its sitemap with the build day; pin it so builds either side of midnight compare."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")


def _build(root: Path, out: Path, cache: bool = True, jobs: int | None = None) -> BuildReport:
    return build_project(root, BuildOptions(out=out, cache=cache, jobs=jobs))


@pytest.mark.parametrize("kind", list(CHANGES))
def test_incremental_build_equals_clean_build(kind: str, copy_project, tmp_path: Path, fixed_date: None) -> None:
    root = copy_project("sample")
    first = _build(root, tmp_path / "out")
    assert set(first.built) == set(ALL) and first.reused == ()
    change, rebuilt = CHANGES[kind]
    change(root)
    incremental = _build(root, tmp_path / "out")
    clean = _build(root, tmp_path / "clean", cache=False)
    assert clean.reused == ()
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    if rebuilt is not None:
        assert set(ALL) - set(incremental.reused) == set(rebuilt), f"rebuilt {sorted(set(ALL) - set(incremental.reused))}"


def test_no_op_rebuild_reuses_every_site_and_changes_nothing(copy_project, tmp_path: Path, fixed_date: None) -> None:
    root = copy_project("sample")
    _build(root, tmp_path / "out")
    before = tree(tmp_path / "out")
    again = _build(root, tmp_path / "out")
    assert set(again.reused) == set(ALL)
    assert tree(tmp_path / "out") == before
    assert (root / CACHE_DIR / ".gitignore").is_file(), "the cache ignores itself in git"
    kept = build_project(root, BuildOptions(out=tmp_path / "out", keep_sources=tmp_path / "sources"))
    assert set(kept.reused) == set(ALL)
    assert all((tmp_path / "sources" / rid / "docs" / "index.md").is_file() and (tmp_path / "sources" / rid / "mkdocs.yml").is_file() for rid in ALL), "--keep-sources writes the sources of reused sites too"


def test_one_worker_and_several_build_the_same(copy_project, tmp_path: Path, fixed_date: None) -> None:
    root = copy_project("sample")
    _build(root, tmp_path / "one", cache=False, jobs=1)
    _build(root, tmp_path / "two", cache=False, jobs=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_workers_start_safely_beside_threads(copy_project, tmp_path: Path, fixed_date: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process running threads (the live preview's server) gets workers that are not forks of it, and
    they work in its current folder and environment (a fork server keeps those of when it started)."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        root = copy_project("minimal")
        _build(root, tmp_path / "first", cache=False, jobs=2)  # starts the fork server here
        monkeypatch.chdir(tmp_path)
        _build(Path("minimal"), tmp_path / "threaded", cache=False, jobs=2)
    finally:
        stop.set()
        thread.join()
    _build(root, tmp_path / "plain", cache=False, jobs=1)
    assert tree(tmp_path / "threaded") == tree(tmp_path / "plain")


def test_damaged_cache_entry_is_not_reused(copy_project, tmp_path: Path, fixed_date: None) -> None:
    """An entry without its completion mark (an interrupted store) is rebuilt, never half reused."""
    root = copy_project("sample")
    _build(root, tmp_path / "out")
    for mark in (root / CACHE_DIR / "sites").glob("sales-rep-*/.journeys-entry"):
        mark.unlink()
    again = _build(root, tmp_path / "again")  # another OUT: the first is up to date, so its rebuild does nothing
    assert "sales-rep" not in again.reused and len(again.reused) == len(ALL) - 1
    clean = _build(root, tmp_path / "clean", cache=False)
    assert tree(tmp_path / "again") == tree(tmp_path / "clean") and clean.reused == ()


def _pids_naming(text: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if text.encode() in (proc / "cmdline").read_bytes():
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_interrupt_stops_every_worker(sig: int, copy_project, tmp_path: Path) -> None:
    """Workers stop with the build, whether it is stopped in order or killed outright."""
    root = copy_project("sample")
    out = tmp_path / "out-workers"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", str(root), "-o", str(out), "-j", "2", "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".journeys-staging-*/roles/*/docs")):
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and b"Traceback" not in err
    deadline = time.monotonic() + 10
    while _pids_naming(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pids_naming(str(out)) == [], "no worker outlives the build"
    assert not out.exists()
    if sig != signal.SIGKILL:
        assert not list(tmp_path.glob(".journeys-*"))


def test_the_role_site_edited_last_is_rendered_and_built_first(copy_project, tmp_path: Path, fixed_date: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one edit, the one role site it touches starts building before the others are rendered
    (they come from the cache), so the rebuild waits for one site build, not for every render first."""
    import generator.pipeline

    root = copy_project("sample")
    _build(root, tmp_path / "out")
    _replace("content/workflows/invoice-setup.yml", "summary: ", "summary: Edited. ")(root)  # finance's alone; last but one in the portal
    later = time.time() + 60
    os.utime(root / "content/workflows/invoice-setup.yml", (later, later))
    rendered: list[str] = []
    render = generator.pipeline.render_role

    def recording(project, rid, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(rid)
        return render(project, rid, *args, **kwargs)

    monkeypatch.setattr(generator.pipeline, "render_role", recording)
    again = _build(root, tmp_path / "out")
    assert rendered[0] == "finance" and sorted(rendered) == sorted(ALL)
    assert set(again.reused) == set(ALL) - {"finance"} and again.built == ALL, "the report keeps the portal's order"


def test_newest_first_orders_by_the_newest_file_and_keeps_ties_in_order(tmp_path: Path) -> None:
    from generator.build.schedule import newest_first

    for name, age in (("a.yml", 30), ("b.yml", 20), ("c.yml", 10)):
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (1_700_000_000 - age, 1_700_000_000 - age))
    files = {"old": ["a.yml"], "tie-1": ["missing.yml"], "new": ["a.yml", "c.yml"], "mid": ["b.yml"], "tie-2": []}
    assert newest_first(files, tmp_path) == ["new", "mid", "old", "tie-1", "tie-2"]


def test_compiled_templates_are_kept_for_the_next_process_per_engine_version(copy_project, tmp_path: Path, fixed_date: None) -> None:
    """A one-role rebuild runs in a fresh worker: Material's templates, compiled once, come from the cache
    folder; a folder left by another version of the engine is removed."""
    root = copy_project("sample")
    stale = root / CACHE_DIR / "engines" / "mkdocs-000000000000"
    (stale / "jinja").mkdir(parents=True)
    _build(root, tmp_path / "out")
    folders = list((root / CACHE_DIR / "engines").iterdir())
    assert not stale.exists() and len(folders) == 1 and folders[0].name.startswith("mkdocs-")
    assert (folders[0] / "jinja" / f"__jinja2_{hashlib.sha1(b'base.html').hexdigest()}.cache").is_file(), "Material's base.html, compiled"


def test_damaged_compiled_templates_are_compiled_again(copy_project, tmp_path: Path, fixed_date: None) -> None:
    """Compiled templates kept in the cache (journeys' own and the engine's) that a crash or a disk
    damaged cost a compile, never a wrong page or a traceback."""
    root = copy_project("sample")
    _build(root, tmp_path / "first")
    damaged = [p for folder in (root / CACHE_DIR / "templates", root / CACHE_DIR / "engines") for p in folder.rglob("*") if p.is_file()]
    assert len(damaged) > 20, "journeys' and Material's compiled templates"
    for i, path in enumerate(damaged):
        path.write_bytes(b"" if i % 2 else path.read_bytes()[:40] + b"\x00garbage")
    _replace("content/workflows/qualify-lead.yml", "summary: ", "summary: Edited. ")(root)
    _build(root, tmp_path / "again")
    _build(root, tmp_path / "clean", cache=False)
    assert tree(tmp_path / "again") == tree(tmp_path / "clean")
