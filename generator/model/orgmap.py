"""The organisation map, for leaders: who touches each process, across every published role.

Everything here is derived from the model once, as data; the template
(themes/templates/map.html.j2) only lays it out. Counts follow one rule, so a
reader can check them: a workflow touches the roles that do it plus the
distinct roles and teams its steps affect.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.types import Markdown, Project, Workflow


@dataclass(frozen=True)
class Party:
    """A role (with or without a site) or a team that has no site."""

    key: str  # role id, or "team:<name>"
    title: str
    is_role: bool
    site: str | None  # the role's own site id, when it is published


@dataclass(frozen=True)
class Affected:
    party: Party
    steps: int  # steps of the workflow whose impacts name this party


@dataclass(frozen=True)
class Touch:
    workflow: Workflow
    site: str | None  # first published site that shows the workflow
    doers: tuple[Party, ...]  # roles whose journey holds it: published ones in portal order, then the others
    affected: tuple[Affected, ...]  # distinct roles and teams its steps affect

    @property
    def count(self) -> int:
        return len(self.doers) + len(self.affected)


@dataclass(frozen=True)
class OutcomeRow:
    id: str
    title: str
    measure: Markdown | None
    site: str | None  # first published site whose outcomes page lists it
    workflows: tuple[Touch, ...]  # the workflows that name it
    signals: tuple[tuple[Workflow, Markdown], ...]  # each signal with the workflow it belongs to
    roles: tuple[Party, ...]  # published roles that do those workflows


@dataclass(frozen=True)
class HandoffCell:
    count: int  # impacts from the row role's workflows on the column party
    shade: int  # 0 (none) .. 4 (most), for the picture


@dataclass(frozen=True)
class OrgMap:
    roles: tuple[Party, ...]  # published roles, portal order
    teams: tuple[Party, ...]  # teams named by impacts, which have no site
    touches: tuple[Touch, ...]  # every workflow, by title
    cells: dict[tuple[str, str], str]  # (role id, workflow id) -> "does" | "affected" | "both"
    outcomes: tuple[OutcomeRow, ...]
    targets: tuple[Party, ...]  # columns of the handoff picture: roles, then teams
    handoffs: dict[tuple[str, str], HandoffCell]  # (doing role id, target key) -> cell
    most: int  # the largest handoff count


def org_map(project: Project) -> OrgMap:
    roles = tuple(Party(rid, project.roles[rid].title, True, rid) for rid in project.published)

    def party(role: str | None, team: str | None) -> Party:
        if role is not None:
            return Party(role, project.roles[role].title, True, role if role in project.published else None)
        return Party(f"team:{team}", team or "", False, None)

    order = {rid: n for n, rid in enumerate(project.published)}

    def rank(p: Party) -> tuple[int, int, str]:
        """Published roles in portal order, then roles without a site, then teams, each by title."""
        return (0 if p.site else 1 if p.is_role else 2, order.get(p.key, 0), p.title.lower())

    def first_site(workflow_id: str) -> str | None:
        doers = project.roles_doing(workflow_id)
        return doers[0] if doers else None

    touches: list[Touch] = []
    cells: dict[tuple[str, str], str] = {}
    teams: dict[str, Party] = {}
    for wf in sorted(project.workflows.values(), key=lambda w: (w.title.lower(), w.id)):
        counts: dict[str, int] = {}
        parties: dict[str, Party] = {}
        for task in wf.tasks:
            for step in task.steps:
                for key, who in {(p := party(i.role, i.team)).key: p for i in step.impacts}.items():
                    parties[key] = who
                    counts[key] = counts.get(key, 0) + 1
                    if not who.is_role:
                        teams.setdefault(key, who)
        unpublished = tuple(r for r in sorted(project.roles) if r not in order and wf.id in project.roles[r].workflow_ids)
        doers = tuple(party(r, None) for r in (*project.roles_doing(wf.id), *unpublished))
        affected = tuple(Affected(parties[k], counts[k]) for k in sorted(parties, key=lambda k: rank(parties[k])))
        touches.append(Touch(wf, first_site(wf.id), doers, affected))
        for d in doers:
            if d.site:
                cells[(d.key, wf.id)] = "does"
        for a in affected:
            if a.party.is_role and a.party.key in project.published:
                cells[(a.party.key, wf.id)] = "both" if cells.get((a.party.key, wf.id)) == "does" else "affected"

    by_id = {t.workflow.id: t for t in touches}
    outcomes = []
    for outcome in project.outcomes.values():
        serving = tuple(by_id[w] for w in sorted(by_id, key=lambda w: by_id[w].workflow.title.lower()) if outcome.id in by_id[w].workflow.outcomes)
        site = next((rid for rid in project.published if any(outcome.id in project.workflows[w].outcomes for w in project.roles[rid].workflow_ids)), None)
        doing = {d.key: d for t in serving for d in t.doers if d.site}
        outcomes.append(
            OutcomeRow(
                outcome.id,
                outcome.title,
                outcome.measure,
                site,
                serving,
                tuple((t.workflow, s) for t in serving for s in t.workflow.signals),
                tuple(r for r in roles if r.key in doing),
            )
        )

    targets = (*roles, *(p for p in sorted(teams.values(), key=lambda p: p.title.lower())))
    handoffs: dict[tuple[str, str], HandoffCell] = {}
    raw: dict[tuple[str, str], int] = {}
    for t in touches:
        for d in (d for d in t.doers if d.site):
            for a in t.affected:
                if a.party.key != d.key:
                    raw[(d.key, a.party.key)] = raw.get((d.key, a.party.key), 0) + a.steps
    most = max(raw.values(), default=0)
    for key, count in raw.items():
        handoffs[key] = HandoffCell(count, min(4, 1 + (3 * (count - 1)) // max(most - 1, 1)) if most > 1 else 4)
    return OrgMap(roles, tuple(teams.values()), tuple(touches), cells, tuple(outcomes), targets, handoffs, most)
