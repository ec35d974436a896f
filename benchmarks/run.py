"""Build-speed benchmark: journeys against the MkDocs Material site a team would write by hand.

    python benchmarks/run.py            # 1x, 4x and 16x synthetic projects (15 to 40 minutes)
    python benchmarks/run.py --quick    # a smoke run: 1x, one run of each
    python benchmarks/run.py --repeat 5 --scales 1 4

For each scale it generates a synthetic project (benchmarks/synthetic.py: at
1x 12 roles, 120 workflows, 20 workflows per journey) and the site a team
would write by hand for the same teaching content (benchmarks/handwritten.py:
per role a home, one page per workflow, an impact, a review and an outcomes
page, each written once), then measures, each in its own subprocess, as
medians of paired runs (the hand-written build and journeys alternate, so both
see the same machine load): a full build (no cache), rebuilds after editing a
workflow of one role, a workflow of every role and journeys.yml's title, a
no-op rebuild, `check`, peak memory (the parent and every worker together,
sampled) and the output size. It prints seconds and ratios against the
hand-written site ("vs plain") and against journeys' own full build.

`--sources-site` adds the earlier anchor as a second row, labelled for what it
is: one MkDocs site built from journeys' own generated sources (every page
journeys writes, handouts and per-interval quizzes included).

Timings are never asserted in tests; compare ratios on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import handwritten, synthetic  # noqa: E402

PLAIN = "hand-written MkDocs site"  # the anchor: what a team would write by hand
SOURCES = "MkDocs of journeys' sources"  # the earlier anchor, every page journeys writes


@dataclass
class Row:
    """One line of the table: medians over the runs, and what they are compared with."""

    scale: int
    name: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    size_mb: float | None = None
    cpu: list[float] = field(default_factory=list)  # user + system seconds of every process

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), "NO_MKDOCS_2_WARNING": "1"}


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """Run `cmd` in a fresh subprocess; (wall seconds, peak of the summed RSS in MB of the command and all its
    descendants, sampled every 20 ms, CPU seconds of all its processes: on a machine others share, CPU time is
    the steadier measure)."""
    probe = subprocess.run([sys.executable, __file__, "--probe", "--", *cmd], capture_output=True, text=True, env=_env(), cwd=ROOT)
    if probe.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{probe.stderr}")
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    return result["seconds"], result["peak_mb"], result["cpu"]


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and every descendant, read from /proc (Linux)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * _PAGE
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total


def _probe(cmd: list[str]) -> None:
    """The measuring subprocess: times one command and samples the summed memory of its whole process tree."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            sys.stderr.write(err.read())
            raise SystemExit(proc.returncode)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = max(peak / 2**20, usage.ru_maxrss / 1024)  # a run shorter than one sample still has its largest process
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "cpu": usage.ru_utime + usage.ru_stime}))


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def journeys(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "generator", *map(str, args)]


def extra_rows(project: Path, out: Path, scale: int, repeat: int) -> list[Row]:
    """More rows, once (at 1x): the live preview's time from saving a one-workflow edit to the reloaded
    page, measured on the bundled sample by benchmarks/serve_latency.py (a real `journeys serve`)."""
    if scale != 1:
        return []
    from benchmarks import serve_latency

    latency = serve_latency.measure(repeat)
    return [Row(scale, "serve: save to reloaded page", [latency["page"]], [], None, [])]


def bench_scale(scale: int, repeat: int, work: Path, plain: bool, log: Callable[[str], None], every_edit: bool = True, sources_site: bool = False) -> list[Row]:
    project = synthetic.make_project(work / f"project-{scale}x", scale)
    out = work / f"out-{scale}x"
    names = (PLAIN, SOURCES, "journeys full build", "edit a workflow of one role", "edit a workflow of every role", "edit journeys.yml title", "no-op rebuild", "journeys check")
    rows = {name: Row(scale, name) for name in names}
    anchors = {}
    if plain:
        anchors[PLAIN] = handwritten.make_handwritten_site(project, work / f"plain-{scale}x")
        if sources_site:
            anchors[SOURCES] = synthetic.make_plain_site(project, work / f"sources-{scale}x")
    build = journeys("build", project, "-o", out, "-q")

    def run(name: str, cmd: list[str], before: Callable[[], None] | None = None) -> None:
        if before is not None:
            before()
        seconds, peak, cpu = measure(cmd)
        rows[name].seconds.append(seconds)
        rows[name].peak_mb.append(peak)
        rows[name].cpu.append(cpu)
        log(f"  {scale}x {name}: {seconds:.2f} s, {cpu:.2f} CPU s, {peak:.0f} MB")

    def clean() -> None:
        shutil.rmtree(project / ".journeys-cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)

    def anchor_builds() -> None:
        for name, site in anchors.items():
            target = site.parent / f"{site.name}-out"
            shutil.rmtree(target, ignore_errors=True)
            run(name, [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(target)])

    for i in range(repeat):
        # Paired: the anchors and journeys' full build one after the other, in alternating order.
        if i % 2 == 0:
            anchor_builds()
        run("journeys full build", build, clean)
        if i % 2 == 1:
            anchor_builds()
        run("edit a workflow of one role", build, lambda: synthetic.edit_workflow(project, synthetic.ONE_ROLE_WORKFLOW, i))
        if every_edit:  # both rebuild every role: a full build again
            run("edit a workflow of every role", build, lambda: synthetic.edit_workflow(project, synthetic.EVERY_ROLE_WORKFLOW, i))
            run("edit journeys.yml title", build, lambda: synthetic.edit_title(project, i))
        run("no-op rebuild", build)
        run("journeys check", journeys("check", project, "-q"))
    rows["journeys full build"].size_mb = size_mb(out)
    for name, site in anchors.items():
        rows[name].size_mb = size_mb(site.parent / f"{site.name}-out")
    result = [r for r in rows.values() if r.seconds]
    result += extra_rows(project, out, scale, repeat)
    return result


def table(rows: list[Row]) -> str:
    lines = [f"{'scale':>5}  {'measurement':<32} {'median s':>9} {'vs plain':>9} {'vs full':>8} {'CPU s':>7} {'vs plain':>9} {'vs full':>8} {'peak MB':>8} {'output MB':>10}  runs"]
    by_scale: dict[int, dict[str, Row]] = {}
    for r in rows:
        by_scale.setdefault(r.scale, {})[r.name] = r
    for scale, named in by_scale.items():
        plain = named.get(PLAIN)
        full = named.get("journeys full build")
        for r in named.values():
            vs_plain = f"{r.median / plain.median:.2f}x" if plain and plain.median and r is not plain else ""
            anchor = r.name in (PLAIN, SOURCES)
            vs_full = f"{r.median / full.median:.2f}x" if full and r is not full and not anchor else ""
            cpu_plain = f"{r.cpu_median / plain.cpu_median:.2f}x" if plain and plain.cpu and r.cpu and r is not plain else ""
            cpu_full = f"{r.cpu_median / full.cpu_median:.2f}x" if full and full.cpu and r.cpu and r is not full and not anchor else ""
            cpu = f"{r.cpu_median:.2f}" if r.cpu else ""
            size = f"{r.size_mb:.1f}" if r.size_mb is not None else ""
            peak = f"{max(r.peak_mb):.0f}" if r.peak_mb else ""
            lines.append(f"{scale:>4}x  {r.name:<32} {r.median:>9.2f} {vs_plain:>9} {vs_full:>8} {cpu:>7} {cpu_plain:>9} {cpu_full:>8} {peak:>8} {size:>10}  {len(r.seconds)}")
    base = by_scale.get(1, {})
    for scale, named in by_scale.items():
        if scale == 1 or not base:
            continue
        for name in ("journeys full build", "journeys check"):
            if name in named and name in base:
                lines.append(f"{scale}x {name} / 1x: {named[name].median / base[name].median:.2f}x wall, {named[name].cpu_median / base[name].cpu_median:.2f}x CPU (linear: {scale}x)")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--probe":
        _probe(sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1x only, one run of each")
    parser.add_argument("--repeat", type=int, default=3, help="paired runs at 1x (default 3); larger scales run once unless --repeat-large")
    parser.add_argument("--repeat-large", type=int, default=1)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--plain-max-scale", type=int, default=4, help="skip the hand-written site above this scale")
    parser.add_argument("--sources-site", action="store_true", help="also build one MkDocs site of journeys' own generated sources (the earlier anchor; hours at 16x)")
    parser.add_argument("--every-edit-max-scale", type=int, default=4, help="above this scale, skip the edits that rebuild every role (each costs a full build)")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args()
    scales = [1] if args.quick else args.scales
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="journeys-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows: list[Row] = []
        for scale in scales:
            repeat = 1 if args.quick else (args.repeat if scale == 1 else args.repeat_large)
            rows += bench_scale(scale, repeat, work, plain=scale <= args.plain_max_scale, log=lambda m: print(m, file=sys.stderr, flush=True), every_edit=scale <= args.every_edit_max_scale, sources_site=args.sources_site)
    print(f"\njourneys benchmark, {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), load average {os.getloadavg()[0]:.1f}, {time.monotonic() - started:.0f} s\n")
    print(table(rows))


if __name__ == "__main__":
    main()
