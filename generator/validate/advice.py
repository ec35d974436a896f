"""Warnings: what the format allows but the workflow-first method advises against.

They never fail a build unless `--strict` is given. Each names the place to
change, like an error does, and says what to do about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.errors import Diagnostic, Pos
from generator.validate.quiz_advice import quiz_without_why
from generator.validate.records import Record, Val
from generator.validate.signal_advice import outcomes_without_signals

if TYPE_CHECKING:
    from generator.load import RawProject

MANY_STEPS = 3  # a task with this many steps and not one `why` reads like a click-list


def advise(raw: RawProject, config: Record, roles: dict[str, Record], workflows: dict[str, Record], published: tuple[str, ...]) -> Iterator[Diagnostic]:
    """Every warning for a valid project, severity 'warning'."""
    in_journeys = {w.value for rid in published if rid in roles for stage in roles[rid].get("journey", []) for w in stage.get("workflows", [])}
    yield from _roles(raw, roles)
    yield from _pages(raw, roles, published)
    yield from _outcomes(config, workflows)
    yield from outcomes_without_signals(config, workflows)
    yield from quiz_without_why(workflows)
    for wid, rec in workflows.items():
        rel = raw.workflows[wid].rel
        if wid not in in_journeys:
            yield _warn(rel, rec.pos, f"workflow '{wid}' is in no published role's journey, so no site shows it: add it to a stage's 'workflows' in a role file")
        yield from _workflow(rel, wid, rec, published)


def _warn(rel: str, pos: Pos, message: str) -> Diagnostic:
    return Diagnostic(Pos(rel, pos.line, pos.col), message, "warning")


def _roles(raw: RawProject, roles: dict[str, Record]) -> Iterator[Diagnostic]:
    for rid, rec in roles.items():
        if not rec.get("mastery"):
            yield _warn(raw.roles[rid].rel, rec.pos, f"role '{rid}' has no 'mastery' list: add a few lines on what mastery looks like, so learners can check themselves against it")


def _pages(raw: RawProject, roles: dict[str, Record], published: tuple[str, ...]) -> Iterator[Diagnostic]:
    included = {p.value for rid in published if rid in roles for p in roles[rid].get("pages", [])}
    included |= {p.value for rid in published if rid in roles for p in roles[rid].get("first_pages", [])}
    for pid, page in raw.pages.items():
        if pid not in included:
            yield Diagnostic(Pos(page.rel, 1, 1), f"page '{pid}' is in no published role's 'pages', so no site shows it: add it to a role's 'pages'", "warning")


def _outcomes(config: Record, workflows: dict[str, Record]) -> Iterator[Diagnostic]:
    served = {o.value for rec in workflows.values() for o in rec.get("outcomes", [])}
    for outcome in config.get("outcomes", []):
        oid: Val | None = outcome.get("id")
        if oid is not None and oid.value not in served:
            yield _warn("journeys.yml", outcome.pos, f"outcome '{oid.value}' is served by no workflow: list it in the 'outcomes' of the workflows that move it")


def _workflow(rel: str, wid: str, rec: Record, published: tuple[str, ...]) -> Iterator[Diagnostic]:
    impacts = 0
    for task in rec.get("tasks", []):
        steps = task.get("steps", [])
        whys = 0
        for step in steps:
            if not isinstance(step, Record):
                continue
            whys += "why" in step
            for impact in step.get("impacts", []):
                impacts += 1
                role: Val | None = impact.get("role")
                if role is not None and role.value not in published:
                    yield _warn(
                        rel,
                        role.pos,
                        f"the impact names role '{role.value}', which has no published site, so its people never see it: "
                        f"list '{role.value}' in 'roles' in journeys.yml, or write it as 'team: ...'",
                    )
        if len(steps) >= MANY_STEPS and not whys:
            task_id = task.text("id", "")
            yield _warn(
                rel,
                task.key_pos.get("steps", task.pos),
                f"task '{task_id}' has {len(steps)} steps and not one says why: give the steps that matter a 'why:' (write the step as '- do: ...' with 'why: ...' under it)",
            )
    review = rec.get("review", [])
    if not review:
        yield _warn(rel, rec.pos, f"workflow '{wid}' has no 'review' items: add a question or two (with answers) so learners can check what they recall")
    for item in review:
        if "answer" not in item:
            yield _warn(rel, item.pos, "this review question has no 'answer': learners cannot check what they recalled; add 'answer: ...' under the question")
    if not impacts:
        yield _warn(rel, rec.pos, f"no step of workflow '{wid}' has an impact: who depends on it downstream? add 'impacts:' (role or team, if_skipped / if_wrong) to those steps")
