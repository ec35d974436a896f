"""What changed for one role between two versions of a project (`journeys build --changes-since REF`).

Both versions are models; this compares them among what the role's site shows:
the workflows of its journey (their own text, their steps by stable key, the
impacts of those steps and their review items by key) and the impacts on the
role from other roles' workflows. Pure: no git, no files.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.types import Impact, Project, ReviewItem, Step, Workflow

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class WorkflowChange:
    status: str
    workflow: Workflow  # the current one; the old one when removed


@dataclass(frozen=True)
class StepChange:
    status: str
    workflow: Workflow  # the current workflow
    step: Step  # the current step; the old one when removed
    task_title: str


@dataclass(frozen=True)
class ImpactChange:
    status: str
    workflow: Workflow
    step: Step  # the current step
    impact: Impact  # the current impact; the old one when removed
    on_you: bool  # an impact on this role from another role's workflow


@dataclass(frozen=True)
class ReviewChange:
    status: str
    workflow: Workflow
    item: ReviewItem  # the current item; the old one when removed


@dataclass(frozen=True)
class RoleChanges:
    ref: str  # the git REF compared with, as the designer wrote it
    workflows: tuple[WorkflowChange, ...] = ()
    steps: tuple[StepChange, ...] = ()
    impacts: tuple[ImpactChange, ...] = ()
    reviews: tuple[ReviewChange, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.workflows or self.steps or self.impacts or self.reviews)


def _text(md: object) -> str:
    return getattr(md, "text", "") if md is not None else ""


def _own_text(wf: Workflow) -> tuple[object, ...]:
    """What a workflow page shows of the workflow itself, apart from its steps and review."""
    return (
        wf.title, _text(wf.summary), _text(wf.trigger), _text(wf.before), _text(wf.after), _text(wf.intro), wf.minutes,
        tuple(_text(s) for s in wf.signals), tuple((t.id, t.title, _text(t.done_when), tuple(_text(p) for p in t.pitfalls)) for t in wf.tasks),
    )


def _steps(wf: Workflow) -> dict[str, tuple[Step, str]]:
    return {s.key: (s, t.title) for t in wf.tasks for s in t.steps}


def _impacts(step: Step) -> dict[tuple[str, str], Impact]:
    return {("role", i.role) if i.role else ("team", i.team or ""): i for i in step.impacts}


def _impact_text(i: Impact) -> tuple[str, str]:
    return (_text(i.if_skipped), _text(i.if_wrong))


def _diff(old: dict, new: dict) -> list[tuple[str, str]]:
    """(status, key) for keys added, removed or whose values differ; new order, then removed in old order."""
    out = [(ADDED if k not in old else CHANGED, k) for k in new if k not in old or old[k] != new[k]]
    return out + [(REMOVED, k) for k in old if k not in new]


def role_changes(old: Project, new: Project, role_id: str, ref: str) -> RoleChanges:
    """What changed since `old` among what `role_id`'s site (in `new`) shows."""
    role = new.roles[role_id]
    now = [new.workflows[w] for w in role.workflow_ids]
    before_ids = old.roles[role_id].workflow_ids if role_id in old.roles else ()
    before = {w: old.workflows[w] for w in before_ids if w in old.workflows}
    workflows: list[WorkflowChange] = []
    steps: list[StepChange] = []
    impacts: list[ImpactChange] = []
    reviews: list[ReviewChange] = []

    for wf in now:
        prev = before.get(wf.id)
        if prev is None:
            workflows.append(WorkflowChange(ADDED, wf))
            continue
        if _own_text(prev) != _own_text(wf):
            workflows.append(WorkflowChange(CHANGED, wf))
        old_steps, new_steps = _steps(prev), _steps(wf)
        for status, key in _diff({k: v[0].fingerprint for k, v in old_steps.items()}, {k: v[0].fingerprint for k, v in new_steps.items()}):
            step, task = (old_steps if status == REMOVED else new_steps)[key]
            steps.append(StepChange(status, wf, step, task))
        for key, (step, _) in new_steps.items():
            if key in old_steps:
                impacts.extend(_impact_changes(wf, old_steps[key][0], step, None, False))
        old_items = {r.key: r for r in prev.review}
        new_items = {r.key: r for r in wf.review}
        for status, key in _diff({k: _review_text(r) for k, r in old_items.items()}, {k: _review_text(r) for k, r in new_items.items()}):
            reviews.append(ReviewChange(status, wf, (old_items if status == REMOVED else new_items)[key]))
    mine = {wf.id for wf in now}
    for wid in before:
        if wid not in mine:
            workflows.append(WorkflowChange(REMOVED, before[wid]))

    # Impacts on this role from other roles' workflows, as its impact page shows them.
    inbound_new = _inbound(new, role_id, mine)
    inbound_old = _inbound(old, role_id, set(before))
    for wid in dict.fromkeys((*inbound_new, *inbound_old)):
        wf_new = new.workflows.get(wid) if wid in inbound_new else None
        wf_old = old.workflows.get(wid) if wid in inbound_old else None
        old_steps = {k: v[0] for k, v in _steps(wf_old).items()} if wf_old else {}
        new_steps = {k: v[0] for k, v in _steps(wf_new).items()} if wf_new else {}
        for key in dict.fromkeys((*new_steps, *old_steps)):
            impacts.extend(_impact_changes(wf_new or wf_old, old_steps.get(key), new_steps.get(key), role_id, True))  # type: ignore[arg-type]
    return RoleChanges(ref, tuple(workflows), tuple(steps), tuple(impacts), tuple(reviews))


def _review_text(item: ReviewItem) -> tuple[str, str]:
    return (item.question.text, _text(item.answer))


def _inbound(project: Project, role_id: str, mine: set[str]) -> list[str]:
    """Other published roles' workflows (not in this role's journey), in portal order."""
    out: dict[str, None] = {}
    for rid in project.published:
        if rid != role_id:
            out.update((w, None) for w in project.roles[rid].workflow_ids if w not in mine)
    return list(out)


def _impact_changes(wf: Workflow, old: Step | None, new: Step | None, only_on: str | None, on_you: bool) -> list[ImpactChange]:
    """Impacts of one step added, changed or removed; `only_on`: keep impacts on this role only."""
    before = {k: i for k, i in (_impacts(old) if old else {}).items() if only_on is None or i.role == only_on}
    after = {k: i for k, i in (_impacts(new) if new else {}).items() if only_on is None or i.role == only_on}
    out = []
    for status, key in _diff({k: _impact_text(i) for k, i in before.items()}, {k: _impact_text(i) for k, i in after.items()}):
        step = new if status != REMOVED and new else old
        out.append(ImpactChange(status, wf, step, (before if status == REMOVED else after)[key], on_you))  # type: ignore[arg-type]
    return out
