"""`journeys report`: coverage per role and in all, counted by hand from tests/projects/minimal."""

from __future__ import annotations

import json

from generator.model.estimate import estimate_minutes
from generator.pipeline import check_project


def _counts(workflows, tasks, steps, why, given, received, review, minutes, warnings, estimated, questions=0, without_signals=0):
    return {
        "workflows": workflows, "tasks": tasks, "steps": steps, "steps_with_why": why, "impacts_given": given,
        "impacts_received": received, "review_items": review, "questions": questions, "without_signals": without_signals,
        "minutes": minutes, "warnings": warnings, "estimated": estimated,
    }


def test_json_counts(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    for wid, minutes in (("update-deal", 15), ("log-call", 10)):
        path = project / f"content/workflows/{wid}.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"minutes: {minutes}\n", encoding="utf-8")
    # review-pipeline gives no minutes: journeys' estimate counts for it
    about = estimate_minutes(check_project(project).workflows["review-pipeline"])
    result = run_cli("report", project, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "roles": {
            # log-call (2 tasks, 3 steps, 1 why, 1 impact on manager, 1 review item)
            # + update-deal (1 task, 1 step with an impact on manager, 1 review item, 15 minutes)
            # log-call lists signals, update-deal none
            "rep": _counts(2, 3, 4, 1, 2, 0, 2, 25, 0, 0, without_signals=1),
            # review-pipeline (1 step with an impact on a team, 1 review item); both of rep's impacts reach the manager
            "manager": _counts(1, 1, 1, 0, 1, 2, 1, about, 0, 1, without_signals=1),
        },
        "all": _counts(3, 4, 5, 1, 3, 2, 3, 25 + about, 0, 1, without_signals=2),
    }


def test_text_table(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    (project / "content/roles/manager.yml").write_text("title: M\nsummary: S\njourney:\n  - title: W\n    workflows: [review-pipeline]\n", encoding="utf-8")
    result = run_cli("report", project)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["role", "workflows", "tasks", "steps", "with", "why", "impacts", "given", "received", "review", "items", "questions", "no", "signals", "minutes", "warnings"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if line and not line.startswith("-") and line.split()[0] in ("rep", "manager", "all")}
    model = check_project(project)
    rep, manager = (sum(estimate_minutes(model.workflows[w]) for w in ids) for ids in (("log-call", "update-deal"), ("review-pipeline",)))
    assert rows == {
        "rep": f"2 3 4 1 2 0 2 0 1 {rep} 0".split(),
        "manager": f"1 1 1 0 1 2 1 0 1 {manager} 1".split(),
        "all": f"3 4 5 1 3 2 3 0 2 {rep + manager} 1".split(),
    }
    assert "minutes hold journeys' estimate (about) for 3 workflows without 'minutes:'" in result.out


def test_invalid_project_reports_errors_not_counts(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    (project / "content/roles/rep.yml").write_text("title: Rep\n", encoding="utf-8")
    result = run_cli("report", project)
    assert result.code == 1 and "content/roles/rep.yml:1:1: error: " in result.err and result.out == ""


def test_questions_and_workflows_without_signals_are_counted(copy_project, run_cli) -> None:
    """A quiz of two questions on update-deal; signals added to it: the counts follow, per role and in all."""
    project = copy_project("minimal")
    path = project / "content/workflows/update-deal.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "signals:\n  - Deals move stage with the exit criteria filled in\n"
        + "quiz:\n"
        + "".join(f"  - question: Q{n}?\n    choices:\n      - text: A\n        correct: true\n        why: Because.\n      - text: B\n" for n in (1, 2)),
        encoding="utf-8",
    )
    data = json.loads(run_cli("report", project, "--format", "json").out)
    assert (data["roles"]["rep"]["questions"], data["roles"]["rep"]["without_signals"]) == (2, 0)
    assert (data["roles"]["manager"]["questions"], data["roles"]["manager"]["without_signals"]) == (0, 1)
    assert (data["all"]["questions"], data["all"]["without_signals"]) == (2, 1)
