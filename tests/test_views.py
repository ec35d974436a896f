"""A role's view (impacts both ways) is derived from an index built once per project. These tests
hold it to the plain reading it replaces: scan every other published role's journey, in portal order."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import synthetic
from generator.model.types import Project
from generator.model.views import ImpactEntry, _impacts, role_view
from generator.pipeline import check_project

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"


def plain_inbound(project: Project, role_id: str) -> dict[str, list[ImpactEntry]]:
    """The specification: each other role's workflows in portal and journey order, first time seen,
    with the steps that affect `role_id`; then the role's own workflows that affect itself."""
    found: dict[str, list[ImpactEntry]] = {}
    for other in project.published:
        for wid in project.roles[other].workflow_ids:
            if other == role_id or wid in found:
                continue
            hits = [e for e in _impacts(project, project.workflows[wid]) if e.impact.role == role_id]
            if hits:
                found[wid] = hits
    for wid in project.roles[role_id].workflow_ids:
        if wid not in found:
            own = [e for e in _impacts(project, project.workflows[wid]) if e.impact.role == role_id]
            if own:
                found[wid] = own
    return found


def _synthetic(tmp_path: Path) -> Path:
    """Each role lists workflows of the next role too: a role's journey holds, early, workflows that the
    others list later, so "where the others first list it" and "where anyone first lists it" differ."""
    return synthetic.make_project(tmp_path / "synthetic", n_roles=5)


@pytest.mark.parametrize("where", ["sample", "crosslinks", "orgmap", "synthetic"])
def test_inbound_impacts_follow_the_plain_reading(where: str, tmp_path: Path) -> None:
    root = REPO if where == "sample" else _synthetic(tmp_path) if where == "synthetic" else PROJECTS / where
    project = check_project(root)
    assert any(role_view(project, rid).inbound for rid in project.published), "the project has impacts between roles"
    for rid in project.published:
        view = role_view(project, rid)
        expected = plain_inbound(project, rid)
        assert [g.key for g in view.inbound] == list(expected), rid
        assert [list(g.entries) for g in view.inbound] == list(expected.values()), rid

