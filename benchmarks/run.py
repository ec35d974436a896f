"""Build-speed benchmark: run it, read the ratios.

    python benchmarks/run.py [--repeat N]

Times `check` and `build` of the bundled sample, and of the sample scaled up
(the same workflows copied N times into larger roles), in this process. Reports
seconds and ratios: per-role build cost against a bare MkDocs build of one role's
generated sources, and how build time grows with content. Timings are never
asserted in tests; compare ratios between commits on the same machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import BuildOptions, build_project, check_project  # noqa: E402


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def scaled_copy(factor: int, dest: Path) -> Path:
    """The sample with every workflow copied `factor` times into each role's journey."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns("site", ".git", "tests", "generator", "benchmarks", "*.egg-info"))
    workflows = dest / "content" / "workflows"
    originals = sorted(p.stem for p in workflows.glob("*.yml"))
    for n in range(2, factor + 1):
        for wid in originals:
            shutil.copyfile(workflows / f"{wid}.yml", workflows / f"{wid}-{n}.yml")
    for role_file in (dest / "content" / "roles").glob("*.yml"):
        role = yaml.safe_load(role_file.read_text())
        for stage in role["journey"]:
            stage["workflows"] = stage["workflows"] + [f"{w}-{n}" for n in range(2, factor + 1) for w in stage["workflows"]]
        role_file.write_text(yaml.safe_dump(role, sort_keys=False))
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        rows = []
        for factor in (1, 4):
            project = ROOT if factor == 1 else scaled_copy(factor, tmp_path / f"x{factor}")
            out = tmp_path / f"out{factor}"
            model = check_project(project)
            n_roles, n_wf = len(model.published), sum(len(model.roles[r].workflow_ids) for r in model.published)
            t_check = timed(lambda: check_project(project), args.repeat)
            t_build = timed(lambda: build_project(project, BuildOptions(out=out)), args.repeat)
            t_role = timed(lambda: build_project(project, BuildOptions(out=out, roles=(model.published[0],))), args.repeat)
            rows.append((factor, n_roles, n_wf, t_check, t_build, t_role))
        base = rows[0]
        print(f"{'scale':>5} {'roles':>5} {'pages':>6} {'check s':>8} {'build s':>8} {'1 role s':>9} {'build/check':>11} {'vs x1':>6}")
        for factor, n_roles, n_wf, t_check, t_build, t_role in rows:
            print(f"{factor:>5} {n_roles:>5} {n_wf:>6} {t_check:>8.3f} {t_build:>8.3f} {t_role:>9.3f} {t_build / t_check:>11.1f} {t_build / base[4]:>6.2f}")
        print(f"\nbuild time per workflow page, x4 against x1: {(rows[1][4] / rows[1][2]) / (base[4] / base[2]):.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
