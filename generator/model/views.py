"""What one role's site shows, derived from the project once: impacts both ways,
outcomes served and the review schedule. A role's view depends only on the
project, so a role site builds without the others."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.model.estimate import NONE, TimeToLearn, time_to_learn
from generator.model.types import Impact, Outcome, Project, ReviewItem, Role, Step, Task, Workflow


@dataclass(frozen=True)
class ImpactEntry:
    impact: Impact
    workflow: Workflow
    task: Task
    step: Step
    done_by: tuple[str, ...]  # published roles whose journey holds the workflow


@dataclass(frozen=True)
class ImpactGroup:
    key: str  # role id or team name
    title: str  # what to call the group
    is_role: bool
    entries: tuple[ImpactEntry, ...]


@dataclass(frozen=True)
class ReviewDue:
    workflow: Workflow
    learned_day: int  # the workflow's place in the journey: day 1, 2, ... in stage order
    items: tuple[ReviewItem, ...]


@dataclass(frozen=True)
class ReviewRound:
    interval: int  # days after a workflow is learned
    due: tuple[ReviewDue, ...]


@dataclass(frozen=True)
class OutcomeServed:
    outcome: Outcome
    workflows: tuple[Workflow, ...]


@dataclass(frozen=True)
class RoleView:
    project: Project
    role: Role
    workflows: tuple[Workflow, ...]  # journey order
    outbound: tuple[ImpactGroup, ...]  # who depends on you
    inbound: tuple[ImpactGroup, ...]  # what reaches you, grouped by the workflow it comes from
    inbound_by_role: tuple[tuple[str, int], ...]  # (other role id, steps of its work that reach you), for the diagram
    outcomes: tuple[OutcomeServed, ...]
    review: tuple[ReviewRound, ...]
    time: dict[str, TimeToLearn] = field(default_factory=dict)  # per workflow of the journey
    stage_time: tuple[TimeToLearn, ...] = ()  # per stage, in journey order
    total_time: TimeToLearn = NONE  # the whole journey
    fingerprints: dict[str, dict[str, str]] = field(default_factory=dict)  # workflow -> step key -> fingerprint


def _impacts(project: Project, workflow: Workflow, done_by: tuple[str, ...] | None = None) -> list[ImpactEntry]:
    """`done_by`: the published roles doing the workflow, when the caller knows them already."""
    done_by = project.roles_doing(workflow.id) if done_by is None else done_by
    return [
        ImpactEntry(impact, workflow, task, step, done_by)
        for task in workflow.tasks
        for step in task.steps
        for impact in step.impacts
    ]


class _ImpactIndex:
    """Every workflow's impact entries and which of them reach each role, derived once per project:
    without it each role's view scans every role's workflows, quadratic in the number of roles."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._entries: dict[str, tuple[ImpactEntry, ...]] = {}
        self.appears: dict[str, list[tuple[int, str]]] = {}  # workflow -> (place in the portal's journeys, role)
        self.reaching: dict[str, dict[str, list[ImpactEntry]]] = {}  # affected role -> workflow -> entries
        place = 0
        for rid in project.published:
            for wid in project.roles[rid].workflow_ids:
                self.appears.setdefault(wid, []).append((place, rid))
                place += 1
        for wid in self.appears:
            for entry in self.entries(wid):
                if entry.impact.role is not None:
                    self.reaching.setdefault(entry.impact.role, {}).setdefault(wid, []).append(entry)

    def entries(self, workflow_id: str) -> tuple[ImpactEntry, ...]:
        found = self._entries.get(workflow_id)
        if found is None:
            doers = tuple(dict.fromkeys(rid for _, rid in self.appears.get(workflow_id, ())))  # roles_doing, from the index
            found = self._entries[workflow_id] = tuple(_impacts(self.project, self.project.workflows[workflow_id], doers))
        return found

    def inbound(self, role_id: str) -> dict[str, list[ImpactEntry]]:
        """Workflows of other published roles whose steps affect `role_id`, in the order they first
        appear in those roles' journeys (portal order), each with the entries that reach it."""
        reaching = self.reaching.get(role_id, {})
        places = {wid: place for wid in reaching if (place := next((n for n, rid in self.appears[wid] if rid != role_id), None)) is not None}
        return {wid: reaching[wid] for wid in sorted(places, key=places.__getitem__)}


def _index(project: Project) -> _ImpactIndex:
    index = project._derived.get("impacts")
    if not isinstance(index, _ImpactIndex):
        index = project._derived["impacts"] = _ImpactIndex(project)
    return index


def _group(project: Project, entries: list[ImpactEntry]) -> tuple[ImpactGroup, ...]:
    groups: dict[tuple[bool, str], list[ImpactEntry]] = {}
    for entry in entries:
        key = (entry.impact.role is not None, entry.impact.role or entry.impact.team or "")
        groups.setdefault(key, []).append(entry)
    order = {rid: n for n, rid in enumerate(project.published)}

    def sort_key(item: tuple[tuple[bool, str], list[ImpactEntry]]) -> tuple[int, int, str]:
        (is_role, key), _ = item
        return (0 if is_role else 1, order.get(key, len(order)), key.lower())

    return tuple(
        ImpactGroup(key, project.roles[key].title if is_role else key, is_role, tuple(items))
        for (is_role, key), items in sorted(groups.items(), key=sort_key)
    )


def role_view(project: Project, role_id: str) -> RoleView:
    role = project.roles[role_id]
    workflows = tuple(project.workflows[w] for w in role.workflow_ids)

    index = _index(project)
    outbound = [e for wf in workflows for e in index.entries(wf.id) if e.impact.role != role_id]
    inbound_by_wf = index.inbound(role_id)
    # A role's own workflow that affects the role itself is shown as reaching it too.
    for wf in workflows:
        if wf.id not in inbound_by_wf:
            own = [e for e in index.entries(wf.id) if e.impact.role == role_id]
            if own:
                inbound_by_wf[wf.id] = own
    inbound = tuple(
        ImpactGroup(wid, project.workflows[wid].title, False, tuple(items)) for wid, items in inbound_by_wf.items()
    )

    by_role: dict[str, int] = {}
    for group in inbound:
        for rid in group.entries[0].done_by:
            if rid != role_id:
                by_role[rid] = by_role.get(rid, 0) + len(group.entries)

    served: dict[str, list[Workflow]] = {}
    for wf in workflows:
        for oid in wf.outcomes:
            served.setdefault(oid, []).append(wf)
    outcomes = tuple(OutcomeServed(o, tuple(served[o.id])) for o in project.outcomes.values() if o.id in served)

    learned = {wf.id: day for day, wf in enumerate(workflows, 1)}
    review = tuple(
        ReviewRound(
            interval,
            tuple(ReviewDue(wf, learned[wf.id], wf.review) for wf in workflows if wf.review or wf.quiz),
        )
        for interval in project.intervals
    )
    time = {wf.id: time_to_learn(wf) for wf in workflows}
    stage_time = tuple(sum((time[w] for w in stage.workflows), NONE) for stage in role.stages)
    fingerprints = {wf.id: {s.key: s.fingerprint for t in wf.tasks for s in t.steps} for wf in workflows}
    return RoleView(
        project, role, workflows, _group(project, outbound), inbound, tuple(by_role.items()), outcomes, review,
        time, stage_time, sum(time.values(), NONE), fingerprints,
    )


def questions_in(workflows: Iterable[Workflow]) -> int:
    """How many graded questions these workflows ask, each once (review-plan attempts are not questions of their own)."""
    return sum(len(wf.quiz) for wf in workflows)


def quiz_questions(view: RoleView) -> int:
    """How many graded questions the role's journey asks: what its score counts, for `journeys report`."""
    return questions_in(view.workflows)


def journey_data(view: RoleView) -> dict[str, object]:
    """The journey as the browser side reads it (`journeys.role` on every page of the role site, and
    the LMS launch page): one definition for both."""
    return {
        "role": view.role.id,
        "title": view.role.title,
        "workflows": list(view.role.workflow_ids),
        "questions": [q.key for wf in view.workflows for q in wf.quiz],
        "pass": view.project.quiz_pass,
    }


def role_files(project: Project, role_id: str) -> tuple[str, ...]:
    """The content files (project-relative) a role's own pages come from: its role file, its
    journey's workflows (with their intros) and its pages. Not every file its site reads (others'
    impacts reach it too); enough to tell which role sites a designer's last save most likely touched."""
    role = project.roles[role_id]
    files = [role.source]
    for wid in role.workflow_ids:
        workflow = project.workflows[wid]
        files += [workflow.source, *workflow.intro_source]
    files += [project.pages[pid].source for pid in role.pages if pid in project.pages]
    return tuple(dict.fromkeys(files))
