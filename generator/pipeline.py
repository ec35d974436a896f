"""The whole pipeline, reading like a table of contents: load, validate, model, render, build, publish.

`check_project` and `build_project` are plain functions callable again and
again in one process (`journeys serve` calls them on every change). Every
command is a thin caller of these.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.build import RoleBuild, build_roles, write_sources
from generator.build.cache import CACHE_DIR, BuildCache, role_key, tree_digest
from generator.build.progress import Progress
from generator.build.workers import usable_cpus
from generator.errors import ContentError, Diagnostic, UsageError
from generator.ids import did_you_mean
from generator.load import load_project
from generator.model import Project, build_model
from generator.publish import OutputSwap, check_output_path
from generator.render.site import SiteSources, make_env, render_role, render_root_pages
from generator.theme import Theme, theme_for
from generator.validate import validate


@dataclass(frozen=True)
class BuildOptions:
    """Everything `journeys build` can be asked for; the defaults are a plain full build into PROJECT/site."""

    out: Path | None = None  # default: PROJECT/site
    roles: tuple[str, ...] = ()  # empty: every published role
    jobs: int | None = None  # worker processes; None: the usable CPU count
    cache: bool = True  # reuse role sites whose inputs did not change
    engine: str | None = None  # None: journeys.yml's engine (default mkdocs)
    changes_since: str | None = None  # a git REF: add What's new pages
    keep_sources: Path | None = None  # leave each role's docs/ and mkdocs.yml here
    strict: bool = False  # warnings fail the build
    show_progress: bool = False  # say which role sites are building (a terminal only)


@dataclass(frozen=True)
class BuildReport:
    out: Path
    built: tuple[str, ...]  # role sites in this build (built now or reused from the cache)
    kept: tuple[str, ...]  # role sites kept from the previous OUT (with --role)
    reused: tuple[str, ...] = ()  # role sites whose inputs had not changed
    warnings: tuple[Diagnostic, ...] = ()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of small objects that all live on, and CPython's cycle collector
    would scan them again and again as they are made (two thirds of `check` at 16x): pause it meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_project(root: Path) -> Project:
    """Load, validate and model a project; raises ContentError listing every problem."""
    with _collector_paused():
        return build_model(validate(load_project(root)))


def select_roles(project: Project, wanted: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if not wanted:
        return project.published
    for rid in wanted:
        if rid not in project.published:
            unpublished = " (it has a role file but is not listed in 'roles' in journeys.yml)" if rid in project.roles else ""
            raise UsageError(f"--role {rid}: no published role has this id{unpublished}{did_you_mean(rid, project.published)}")
    return tuple(r for r in project.published if r in wanted)


def build_project(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Validate, then build the portal and the selected role sites, and publish them all at once."""
    options = options or BuildOptions()
    out = (options.out if options.out is not None else root / "site").absolute()
    check_output_path(out, root)
    project = check_project(root)
    gc.freeze()  # the model lives to the end of the build: later collections need not scan it
    try:
        return _build(root, out, project, options)
    finally:
        gc.unfreeze()


def _build(root: Path, out: Path, project: Project, options: BuildOptions) -> BuildReport:
    if options.strict and project.warnings:
        raise ContentError(list(project.warnings))
    selected = select_roles(project, options.roles)
    engine = options.engine or project.engine
    theme = theme_for(root)
    env = make_env(theme)

    with OutputSwap(out) as stage:
        inherit = _base_config(theme, stage.scratch("base"))
        overrides = _merge_overrides(theme, stage.scratch("overrides"))
        staging = stage.new.parent
        shared = (("base config", _config_digest(Path(inherit), staging)), ("overrides", tree_digest(overrides)))
        sources: list[SiteSources] = []

        def jobs() -> Iterator[RoleBuild]:
            """Rendered one by one: the first role sites build while the next are rendered."""
            for rid in selected:
                site = render_role(project, rid, env, theme, inherit, str(overrides))
                if options.keep_sources is not None:  # else let each role's sources go once built
                    sources.append(site)
                yield RoleBuild(site, engine, stage.scratch(f"roles/{rid}"), stage.new / rid, root, role_key(site, engine, staging, shared))

        outcome = build_roles(
            jobs(),
            workers=options.jobs or usable_cpus(),
            cache=BuildCache(root / CACHE_DIR),
            reuse=options.cache,  # --no-cache builds every role, and still refreshes the cache
            progress=Progress() if options.show_progress else None,
        )
        if options.keep_sources is not None:
            _keep_sources(sources, stage, options.keep_sources)

        kept = _keep_previous_sites(project, selected, out, stage.new)
        present = frozenset(selected) | frozenset(kept)
        for rel, html in render_root_pages(project, env, present).items():
            (stage.new / rel).write_text(html, encoding="utf-8")
        (stage.new / ".nojekyll").write_text("", encoding="utf-8")
        stage.commit()
    return BuildReport(out, selected, kept, outcome.reused, project.warnings)


def _config_digest(config: Path, staging: Path) -> str:
    """The contents of a role's inherited config and of every config it INHERITs in turn, with the
    staging folder's path (new on every build) written as a placeholder."""
    import hashlib

    digest = hashlib.sha256()
    seen: set[Path] = set()
    while config not in seen and config.is_file():
        seen.add(config)
        text = config.read_text(encoding="utf-8-sig")
        digest.update(config.name.encode() + b"\0" + text.replace(str(staging), "<staging>").encode() + b"\0")
        parent = re.search(r"^INHERIT\s*:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", text, re.MULTILINE)
        if not parent:
            break
        config = (config.parent / parent.group(1)).resolve()
    return digest.hexdigest()


def _keep_sources(sources: list[SiteSources], stage: OutputSwap, folder: Path) -> None:
    """Write each role's generated docs/ and mkdocs.yml to `folder`, for another builder to try
    (also for role sites taken from the build cache, whose sources were never written)."""
    for site in sources:
        target = folder / site.role_id
        if target.exists():
            shutil.rmtree(target)
        write_sources(site, target)


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
