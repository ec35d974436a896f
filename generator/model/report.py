"""Coverage counts per role and in all: what a journey covers, for `journeys report`.

Counted from the model, so the report says what the sites show. "All" counts
each workflow once, however many roles learn it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from generator.model.estimate import time_to_learn
from generator.model.types import Project
from generator.model.views import questions_in

COLUMNS: tuple[tuple[str, str], ...] = (
    ("workflows", "workflows"),
    ("tasks", "tasks"),
    ("steps", "steps"),
    ("steps_with_why", "with why"),
    ("impacts_given", "impacts given"),
    ("impacts_received", "received"),
    ("review_items", "review items"),
    ("questions", "questions"),
    ("without_signals", "no signals"),
    ("minutes", "minutes"),
    ("warnings", "warnings"),
)


@dataclass(frozen=True)
class Coverage:
    workflows: int
    tasks: int
    steps: int
    steps_with_why: int
    impacts_given: int
    impacts_received: int
    review_items: int
    questions: int  # graded quiz questions (each once; review-plan attempts are not counted again)
    without_signals: int  # workflows that list no adoption signal
    minutes: int  # time to learn: the designers' `minutes:`, else journeys' estimate
    warnings: int
    estimated: int  # workflows whose minutes are journeys' estimate (no `minutes:`)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    roles: dict[str, Coverage]  # published roles, portal order
    total: Coverage

    def as_dict(self) -> dict[str, object]:
        return {"roles": {rid: c.as_dict() for rid, c in self.roles.items()}, "all": self.total.as_dict()}


def _coverage(project: Project, workflow_ids: list[str], received: int, files: set[str]) -> Coverage:
    wfs = [project.workflows[w] for w in workflow_ids]
    steps = [s for wf in wfs for t in wf.tasks for s in t.steps]
    times = [time_to_learn(wf) for wf in wfs]
    return Coverage(
        workflows=len(wfs),
        tasks=sum(len(wf.tasks) for wf in wfs),
        steps=len(steps),
        steps_with_why=sum(1 for s in steps if s.why),
        impacts_given=sum(len(s.impacts) for s in steps),
        impacts_received=received,
        review_items=sum(len(wf.review) for wf in wfs),
        questions=questions_in(wfs),
        without_signals=sum(1 for wf in wfs if not wf.signals),
        minutes=sum(t.minutes for t in times),
        warnings=sum(1 for d in project.warnings if d.pos.file in files),
        estimated=sum(1 for t in times if t.estimated),
    )


def coverage_report(project: Project) -> Report:
    """Per published role (portal order) and in all (each workflow once)."""
    shown = list(dict.fromkeys(w for rid in project.published for w in project.roles[rid].workflow_ids))
    impacts = [i for w in shown for t in project.workflows[w].tasks for s in t.steps for i in s.impacts]
    roles = {}
    for rid in project.published:
        role = project.roles[rid]
        ids = list(role.workflow_ids)
        files = {role.source, *(project.workflows[w].source for w in ids)}
        roles[rid] = _coverage(project, ids, sum(1 for i in impacts if i.role == rid), files)
    total = _coverage(project, shown, sum(1 for i in impacts if i.role is not None), set())
    total = Coverage(**{**total.as_dict(), "warnings": len(project.warnings)})
    return Report(roles, total)
