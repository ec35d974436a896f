"""The whole pipeline, reading like a table of contents: load, validate, model, render, build, publish.

`check_project` and `build_project` are plain functions callable again and
again in one process (a live preview will call them on every change).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.build import build_site, write_sources
from generator.errors import BuildError, UsageError
from generator.ids import did_you_mean
from generator.load import load_project
from generator.model import Project, build_model
from generator.publish import OutputSwap, check_output_path
from generator.render.site import make_env, render_portal, render_role
from generator.theme import Theme, theme_for
from generator.validate import validate


@dataclass(frozen=True)
class BuildReport:
    out: Path
    built: tuple[str, ...]
    kept: tuple[str, ...]


def check_project(root: Path) -> Project:
    """Load, validate and model a project; raises ContentError listing every problem."""
    return build_model(validate(load_project(root)))


def select_roles(project: Project, wanted: list[str] | None) -> tuple[str, ...]:
    if not wanted:
        return project.published
    for rid in wanted:
        if rid not in project.published:
            unpublished = " (it has a role file but is not listed in 'roles' in journeys.yml)" if rid in project.roles else ""
            raise UsageError(f"--role {rid}: no published role has this id{unpublished}{did_you_mean(rid, project.published)}")
    return tuple(r for r in project.published if r in wanted)


def build_project(root: Path, out: Path | None = None, roles: list[str] | None = None) -> BuildReport:
    """Validate, then build the portal and the selected role sites, and publish them all at once."""
    out = (out if out is not None else root / "site").absolute()
    check_output_path(out, root)
    project = check_project(root)
    selected = select_roles(project, roles)
    theme = theme_for(root)
    env = make_env(theme)

    with OutputSwap(out) as stage:
        inherit = _base_config(theme, stage.scratch("base"))
        overrides = _merge_overrides(theme, stage.scratch("overrides"))
        sources = [render_role(project, rid, env, theme, inherit, str(overrides)) for rid in selected]

        problems = []
        for site in sources:
            config_file = write_sources(site, stage.scratch(f"roles/{site.role_id}"))
            try:
                build_site(site, config_file, stage.new / site.role_id, root)
            except BuildError as err:
                problems += err.diagnostics
        if problems:
            raise BuildError(problems)

        kept = _keep_previous_sites(project, selected, out, stage.new)
        built = frozenset(selected) | frozenset(kept)
        (stage.new / "index.html").write_text(render_portal(project, env, built), encoding="utf-8")
        (stage.new / ".nojekyll").write_text("", encoding="utf-8")
        stage.commit()
    return BuildReport(out, selected, kept)


def _base_config(theme: Theme, folder: Path) -> str:
    """The file each role's mkdocs.yml inherits: the project's own layered over journeys' default."""
    project_config = theme.project_config
    if project_config is None:
        return str(theme.base_config.resolve())
    text = project_config.read_text(encoding="utf-8-sig")
    if re.search(r"^INHERIT\s*:", text, re.MULTILINE):
        return str(project_config.resolve())  # the project manages its own chain
    layered = folder / "mkdocs.yml"
    header = f"# {project_config.name} of the project, layered over journeys' default base config.\nINHERIT: {json.dumps(str(theme.base_config.resolve()))}\n"
    body = re.sub(r"\A---[ \t]*\n", "", text)
    layered.write_text(header + body, encoding="utf-8")
    return str(layered)


def _merge_overrides(theme: Theme, folder: Path) -> Path:
    """Material overrides (custom_dir): the default theme's, with the project's files on top."""
    for rel, src in theme.files("overrides").items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return folder.resolve()


def _keep_previous_sites(project: Project, selected: tuple[str, ...], out: Path, new: Path) -> tuple[str, ...]:
    """With --role, the other role sites already in OUT stay as they were (hard links where possible)."""
    kept = []
    for rid in project.published:
        old = out / rid
        if rid in selected or not old.is_dir():
            continue
        shutil.copytree(old, new / rid, copy_function=_link_or_copy, symlinks=True)
        kept.append(rid)
    return tuple(kept)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
