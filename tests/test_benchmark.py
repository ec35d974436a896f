"""The benchmark's machinery on a tiny project, for correctness only: never a timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks import handwritten, run, synthetic
from generator.pipeline import BuildOptions, build_project, check_project


def test_synthetic_project_checks_and_builds_and_its_edits_touch_what_they_say(tmp_path: Path) -> None:
    project = synthetic.make_project(tmp_path / "p", n_roles=2)
    model = check_project(project)
    assert len(model.published) == 2 and all(len(model.roles[r].workflow_ids) >= 19 for r in model.published)
    assert [r for r in model.published if synthetic.ONE_ROLE_WORKFLOW in model.roles[r].workflow_ids] == ["role-001"]
    assert all(synthetic.EVERY_ROLE_WORKFLOW in model.roles[r].workflow_ids for r in model.published)
    out = tmp_path / "out"
    build_project(project, BuildOptions(out=out))
    synthetic.edit_workflow(project, synthetic.ONE_ROLE_WORKFLOW, 1)
    report = build_project(project, BuildOptions(out=out))
    assert report.reused == ("role-000",)
    synthetic.edit_title(project, 1)
    assert build_project(project, BuildOptions(out=out)).reused == ()

    plain = synthetic.make_plain_site(project, tmp_path / "plain")
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(plain / "docs").as_posix() for p in (plain / "docs").rglob("*.md"))
    assert len(config["nav"]) == 2 and "role-000/workflows/wf-0000/index.md" in pages

    seconds, peak, cpu = run.measure([sys.executable, "-c", "x = bytearray(50_000_000)"])
    assert seconds > 0 and peak >= 50 and cpu > 0
    rows = [run.Row(1, run.PLAIN, [2.0], [90], 40.0, [2.0]), run.Row(1, "journeys full build", [1.0], [70], 20.0, [3.0]), run.Row(1, "no-op rebuild", [0.1], [50], None, [0.3])]
    text = run.table(rows)
    assert "0.50x" in text and "0.10x" in text and "1.50x" in text


def test_the_hand_written_site_has_each_page_once_and_builds_strict(tmp_path: Path) -> None:
    """The anchor: per role a home, one page per workflow, impact, review and outcomes; no handout, no quiz per interval."""
    project = synthetic.make_project(tmp_path / "p", n_roles=2)
    site = handwritten.make_handwritten_site(project, tmp_path / "hand")
    pages = sorted(p.relative_to(site / "docs").as_posix() for p in (site / "docs").rglob("*.md"))
    journeys = synthetic.journeys_of(2)
    assert len(pages) == 1 + sum(4 + len(ids) for ids in journeys.values())
    assert len([p for p in pages if p.startswith("role-001/workflows/")]) == len(journeys["role-001"])
    assert not any("handout" in p for p in pages)
    workflow = (site / "docs" / "role-000" / "workflows" / "wf-0000.md").read_text(encoding="utf-8")
    assert "*Why:*" in workflow and "If skipped" in workflow
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "role-001" / "review" / "index.html").is_file()


def test_peak_memory_sums_every_process_of_the_tree() -> None:
    """Workers count: two children holding 60 MB each at once weigh more than the largest one alone."""
    child = "import time; x = bytearray(60_000_000); time.sleep(1.5)"
    parent = f"import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', {child!r}]) for _ in range(2)]; [p.wait() for p in ps]"
    _, peak, _ = run.measure([sys.executable, "-c", parent])
    assert peak >= 120
