"""Synthetic projects for the benchmark, and the equivalent plain MkDocs Material site.

At scale 1: 12 roles, 120 workflows, 20 workflows per journey (4 stages of 5),
4 tasks of 5 steps per workflow, an impact per step, 3 review items. Scale N
multiplies roles and workflows by N (journeys stay 20 workflows long), so the
number of pages grows N times.

Workflow `wf-0000` is in every role's journey; `wf-0010` is in role 1's only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ROLES_1X = 12
BLOCK = 10  # each role owns 10 workflows and borrows 9 of the next role's, plus wf-0000
TEAMS = ("Board", "Warehouse", "Legal")
ONE_ROLE_WORKFLOW = "wf-0010"
EVERY_ROLE_WORKFLOW = "wf-0000"

LOREM = (
    "Open the **record** and check every field against the *source document*; "
    "a value that differs is corrected before you go on, and the change is noted in the history"
)


def _rid(r: int) -> str:
    return f"role-{r:03d}"


def _wid(w: int) -> str:
    return f"wf-{w:04d}"


def _workflow(w: int, n_roles: int) -> dict:
    tasks = []
    for t in range(4):
        steps = []
        for s in range(5):
            k = t * 5 + s
            target = {"team": TEAMS[k % len(TEAMS)]} if k % 4 == 3 else {"role": _rid((w // BLOCK + 2 + k) % n_roles)}
            steps.append({
                "do": f"Step {k + 1} of workflow {w}: {LOREM}",
                "why": f"Reason {k + 1}: the next person relies on it, and a gap found late costs a day of rework",
                "impacts": [{**target, "if_skipped": f"Work stops at the handoff of step {k + 1} until someone repeats it", "if_wrong": "The error travels on and is found only at month end"}],
            })
        tasks.append({"id": f"task-{t + 1}", "title": f"Task {t + 1} of workflow {w}", "steps": steps, "done_when": "Every field is checked and the record is saved"})
    return {
        "title": f"Workflow {w}: keep the records right",
        "summary": f"What workflow **{w}** is for, in one sentence a new colleague understands.",
        "outcomes": ["accurate-records"],
        "trigger": "When a new record arrives in your queue",
        "tasks": tasks,
        "review": [{"question": f"Question {q + 1} about workflow {w}?", "answer": f"Answer {q + 1}: the *reason* given in step {q + 1}."} for q in range(3)],
    }


def journeys_of(n_roles: int) -> dict[str, list[str]]:
    """Each role's 20 workflows."""
    out = {}
    for r in range(n_roles):
        own = [r * BLOCK + i for i in range(BLOCK)]
        nxt = (r + 1) % n_roles
        borrowed = [nxt * BLOCK + i for i in range(1, BLOCK)]
        ids = [_wid(w) for w in own + borrowed]
        if EVERY_ROLE_WORKFLOW not in ids:
            ids.insert(0, EVERY_ROLE_WORKFLOW)
        out[_rid(r)] = ids
    return out


def make_project(dest: Path, scale: int = 1, n_roles: int | None = None) -> Path:
    """Write a synthetic project of `scale` times the 1x size into `dest` (or of `n_roles` roles: tests use 2)."""
    n_roles = n_roles or ROLES_1X * scale
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "workflows").mkdir(parents=True)
    (dest / "content" / "roles").mkdir(parents=True)
    journeys = journeys_of(n_roles)
    (dest / "journeys.yml").write_text(yaml.safe_dump({
        "title": "Synthetic Academy",
        "tool": "Acme ERP",
        "organization": "Benchmark Ltd",
        "review": {"intervals": [1, 3, 7, 14, 30]},
        "outcomes": [{"id": "accurate-records", "title": "Accurate records", "measure": "Fewer than **1%** of records corrected after month end"}],
        "roles": list(journeys),
    }, sort_keys=False), encoding="utf-8")
    for w in range(n_roles * BLOCK):
        (dest / "content" / "workflows" / f"{_wid(w)}.yml").write_text(yaml.safe_dump(_workflow(w, n_roles), sort_keys=False, width=200), encoding="utf-8")
    for r, (rid, ids) in enumerate(journeys.items()):
        stages = [{"title": f"Stage {s + 1}", "workflows": ids[s * 5 : s * 5 + 5]} for s in range((len(ids) + 4) // 5)]
        (dest / "content" / "roles" / f"{rid}.yml").write_text(yaml.safe_dump({
            "title": f"Role {r}",
            "summary": f"Role {r} keeps its part of the records right.",
            "mastery": ["You finish every workflow without help", "Your records need no correction at month end"],
            "journey": stages,
        }, sort_keys=False), encoding="utf-8")
    return dest


def edit_workflow(project: Path, wid: str, n: int) -> None:
    """Change one visible text of a workflow (a new text each call)."""
    path = project / "content" / "workflows" / f"{wid}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = f"Edited {n}: what this workflow is for."
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")


def edit_title(project: Path, n: int) -> None:
    path = project / "journeys.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = f"Synthetic Academy {n}"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def make_plain_site(project: Path, dest: Path) -> Path:
    """One plain MkDocs Material site holding every role site's pages (as `journeys build --keep-sources` writes
    them), under one navigation, with the same Markdown extensions and no journeys theme or scripts."""
    sources = dest.parent / f"{dest.name}-sources"
    scratch = dest.parent / f"{dest.name}-out"
    for p in (dest, sources, scratch):
        if p.exists():
            shutil.rmtree(p)
    subprocess.run([sys.executable, "-m", "generator", "build", str(project), "-o", str(scratch), "-q", "--no-cache", "--keep-sources", str(sources)],
                   check=True, cwd=ROOT, env=_env())
    base = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyLoader)
    nav = []
    (dest / "docs").mkdir(parents=True)
    for role_dir in sorted(p for p in sources.iterdir() if p.is_dir()):
        cfg = yaml.load((role_dir / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyLoader)
        docs = role_dir / "docs"
        for md in docs.rglob("*"):
            if md.is_file() and "assets" not in md.relative_to(docs).parts:
                target = dest / "docs" / role_dir.name / md.relative_to(docs)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(md, target)
        nav.append({cfg["site_name"]: _prefix(cfg["nav"], role_dir.name)})
    config = {
        "site_name": "Plain site",
        "theme": {k: v for k, v in base["theme"].items() if k != "custom_dir"},
        "plugins": base.get("plugins", ["search"]),
        "markdown_extensions": [e for e in base["markdown_extensions"] if not (isinstance(e, dict) and "pymdownx.superfences" in e)] + ["pymdownx.superfences"],
        "nav": nav,
    }
    (dest / "mkdocs.yml").write_text(json.dumps(config, indent=1), encoding="utf-8")
    shutil.rmtree(sources)
    shutil.rmtree(scratch)
    return dest


def _prefix(nav: list, prefix: str) -> list:
    out = []
    for item in nav:
        (title, value), = item.items() if isinstance(item, dict) else (("", item),)
        value = _prefix(value, prefix) if isinstance(value, list) else f"{prefix}/{value}"
        out.append({title: value} if title else value)
    return out


class _AnyLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files, ignoring !!python tags (the plain config drops them)."""


_AnyLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_AnyLoader.add_constructor("!ENV", lambda loader, node: None)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
