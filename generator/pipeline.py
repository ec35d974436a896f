"""The whole pipeline, reading like a table of contents: load, validate, model, render, build, publish.

`check_project` and `build_project` are plain functions callable again and
again in one process (`journeys serve` calls them on every change). Every
command is a thin caller of these.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment

from generator.build import RoleBuild, build_roles, write_sources
from generator.build.cache import CACHE_DIR, BuildCache, config_digest, link_tree, role_key, tree_digest
from generator.build.engines import require_engine
from generator.build.sources import keep_sources
from generator.build.progress import Progress
from generator.build.uptodate import Done, inputs_digest, remember, up_to_date
from generator.build.reproducible import pinned_build_date, source_date_epoch
from generator.build.schedule import newest_first
from generator.build.workers import usable_cpus
from generator.errors import ContentError, Diagnostic, JourneysError, Pos, UsageError
from generator.ids import did_you_mean
from generator.load import load_project
from generator.load.git import project_at
from generator.model import Project, build_model
from generator.model.changes import RoleChanges, role_changes
from generator.model.views import role_files
from generator.publish import OutputSwap, check_output_path, collect_parts, copy_sites, plan_chunks
from generator.publish.parts import DEFAULT_CHUNK_SIZE, DEFAULT_MAX_CHUNKS
from generator.publish.package import site_files, write_package
from generator.render.package import render_package_files
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
    site_url: str | None = None  # where OUT is published, used when journeys.yml sets no site_url
    for_package: bool = False  # role sites for an LMS package: links name index.html files (no folder URLs)


@dataclass(frozen=True)
class BuildReport:
    out: Path
    built: tuple[str, ...]  # role sites in this build (built now or reused from the cache)
    kept: tuple[str, ...]  # role sites kept from the previous OUT (with --role)
    reused: tuple[str, ...] = ()  # role sites whose inputs had not changed
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class PackageOptions:
    """What `journeys package` can be asked for: SCORM packages of the role sites, for an LMS."""

    out: Path | None = None  # default: PROJECT/packages
    roles: tuple[str, ...] = ()  # empty: every published role
    scorm: str = "2004"  # "1.2" or "2004"
    engine: str | None = None
    strict: bool = False


@dataclass(frozen=True)
class PackageReport:
    out: Path
    packages: tuple[Path, ...]
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


def build_project(root: Path, options: BuildOptions | None = None, checked: Project | None = None) -> BuildReport:
    """Validate, then build the portal and the selected role sites, and publish them all at once.
    `checked`: the project as `check_project` returned it, when the caller validated it already."""
    options = options or BuildOptions()
    out = (options.out if options.out is not None else root / "site").absolute()
    check_output_path(out, root)
    cache = root / CACHE_DIR
    build_date = source_date_epoch(root)  # asks git once: the record's key and the sitemaps' date
    inputs = _inputs(root, options, build_date) if _may_skip(options) else None
    done = up_to_date(cache, out, inputs) if inputs else None
    if done is not None:  # nothing it reads changed, and OUT is as the last build left it
        warnings = tuple(Diagnostic(Pos(*w[:3]), w[3], "warning") for w in done.warnings)
        if options.strict and warnings:
            raise ContentError(list(warnings))
        return BuildReport(out, done.roles, (), done.roles, warnings)
    project = with_site_url(checked if checked is not None else check_project(root), options.site_url)
    gc.freeze()  # the model lives to the end of the build: later collections need not scan it
    try:
        report = _build(root, out, project, options, build_date)
    finally:
        gc.unfreeze()
    if inputs:
        remember(cache, out, inputs, Done(report.built, tuple((d.pos.file, d.pos.line, d.pos.col, d.message) for d in report.warnings)))
    return report


def _may_skip(options: BuildOptions) -> bool:
    """Whether an up-to-date OUT may end the build at once: not when the cache is refused, nor when the
    build reads more than the project's files (a git REF) or writes elsewhere (kept sources)."""
    return options.cache and options.changes_since is None and options.keep_sources is None


def _inputs(root: Path, options: BuildOptions, build_date: str) -> str:
    settings = repr((options.roles, options.engine, options.site_url, options.for_package, options.strict, build_date))
    return inputs_digest(root, theme_for(root).default, settings)


def _build(root: Path, out: Path, project: Project, options: BuildOptions, build_date: str) -> BuildReport:
    if options.strict and project.warnings:
        raise ContentError(list(project.warnings))
    selected = select_roles(project, options.roles)
    engine = options.engine or project.engine
    require_engine(engine)
    theme = theme_for(root)
    cache = BuildCache(root / CACHE_DIR)
    env = make_env(theme, cache.templates_folder() if options.cache else None)
    changes = changes_since(root, project, options.changes_since, selected) if options.changes_since else {}

    with OutputSwap(out) as stage:
        inherit = _base_config(theme, stage.scratch("base"))
        overrides = _merge_overrides(theme, stage.scratch("overrides"), engine)
        staging = stage.new.parent
        # Not the build date: a role site taken from the cache keeps the sitemap date of the build that
        # made it, which is when that site last changed (else every edit would rebuild every role).
        shared = (("base config", config_digest(Path(inherit), staging)), ("overrides", tree_digest(overrides)))
        sources: list[SiteSources] = []
        engine_cache = cache.engine_folder(engine) if options.cache else None

        def jobs() -> Iterator[RoleBuild]:
            """Rendered one by one, those edited last first: the first role sites build while the next are rendered."""
            for rid in newest_first({rid: role_files(project, rid) for rid in selected}, root):
                site = render_role(project, rid, env, theme, inherit, str(overrides), changes.get(rid), for_package=options.for_package)
                if options.keep_sources is not None:  # else let each role's sources go once built
                    sources.append(site)
                key = role_key(site, engine, staging, shared)
                yield RoleBuild(site, engine, stage.scratch(f"roles/{rid}"), stage.new / rid, root, key, engine_cache)

        kept: tuple[str, ...] = ()

        def root_pages() -> None:
            """While the workers build: the other role sites (--role) and the pages at the root."""
            nonlocal kept
            kept = _keep_previous_sites(project, selected, out, stage.new)
            _write_root_pages(project, env, frozenset(selected) | frozenset(kept), stage.new)

        with pinned_build_date(build_date):
            outcome = build_roles(
                jobs(),
                workers=options.jobs or usable_cpus(),
                cache=cache,
                reuse=options.cache,  # --no-cache builds every role, and still refreshes the cache
                progress=Progress() if options.show_progress else None,
                meanwhile=root_pages,
            )
        if options.keep_sources is not None:
            _keep_sources(sources, stage, options.keep_sources)
        stage.commit()
    return BuildReport(out, selected, kept, outcome.reused, project.warnings)


def with_site_url(project: Project, site_url: str | None) -> Project:
    """The project published at `site_url` (`--site-url`), unless journeys.yml sets its own:
    the designers' address (a custom domain, say) wins over the one CI passes."""
    if not site_url:
        return project
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in site_url):
        raise UsageError(f"--site-url {site_url}: expected an http:// or https:// address such as https://org.github.io/repo/")
    if project.site_url:
        return project
    return dataclasses.replace(project, site_url=site_url.rstrip("/") + "/")


def _write_root_pages(project: Project, env: Environment, present: frozenset[str], new: Path) -> None:
    """The pages at the output root (portal, 404, ...) and the marker that tells GitHub Pages not to run Jekyll."""
    for rel, html in render_root_pages(project, env, present).items():
        (new / rel).write_text(html, encoding="utf-8")
    (new / ".nojekyll").write_text("", encoding="utf-8")


@dataclass(frozen=True)
class Plan:
    roles: tuple[str, ...]  # published roles, portal order
    chunks: tuple[tuple[str, ...], ...]  # one CI job each; together every role exactly once


def plan_project(root: Path, chunk_size: int = DEFAULT_CHUNK_SIZE, max_chunks: int = DEFAULT_MAX_CHUNKS) -> Plan:
    """Validate, then split the published roles into chunks, one build job each."""
    project = check_project(root)
    chunks = plan_chunks(project.published, chunk_size, max_chunks)
    return Plan(tuple(project.published), tuple(tuple(c) for c in chunks))


@dataclass(frozen=True)
class AssembleOptions:
    parts: tuple[Path, ...]  # outputs of `journeys build --role ... -o PART`
    out: Path | None = None  # default: PROJECT/site
    site_url: str | None = None  # as for build: used when journeys.yml sets none
    strict: bool = False


def assemble_project(root: Path, options: AssembleOptions) -> BuildReport:
    """Validate, then put the role sites of the parts and the root pages into OUT at once:
    the same folder one full `build_project` writes, file for file."""
    out = (options.out if options.out is not None else root / "site").absolute()
    check_output_path(out, root)
    for part in options.parts:
        if part.absolute() == out or out in part.absolute().parents:
            raise UsageError(f"--from {part}: a part cannot be inside the output {out}, which is replaced")
    project = with_site_url(check_project(root), options.site_url)
    if options.strict and project.warnings:
        raise ContentError(list(project.warnings))
    found = collect_parts(options.parts, project.published)
    env = make_env(theme_for(root))
    with OutputSwap(out) as stage:
        copy_sites(found, stage.new)
        _write_root_pages(project, env, frozenset(found), stage.new)
        stage.commit()
    return BuildReport(out, tuple(found), (), (), project.warnings)


def changes_since(root: Path, project: Project, ref: str, roles: tuple[str, ...]) -> dict[str, RoleChanges]:
    """What changed for each of `roles` since the git REF: the project is read at REF with git,
    then checked and modelled like any project. A version at REF that does not pass `journeys check`
    is an error naming its first problem: choose a REF where the project was valid."""
    with tempfile.TemporaryDirectory(prefix="journeys-changes-") as folder:
        old_root = project_at(root, ref, Path(folder) / "project")
        try:
            old = check_project(old_root)
        except ContentError as err:
            first = err.diagnostics[0]
            raise JourneysError(
                f"--changes-since {ref}: the project at {ref} does not pass `journeys check` "
                f"({len(err.diagnostics)} problem(s), the first {first}); choose a later REF"
            ) from None
    return {rid: role_changes(old, project, rid, ref) for rid in roles}


def package_project(root: Path, options: PackageOptions) -> PackageReport:
    """Build the selected role sites for packaging (links to files, no folder URLs), then zip each as a SCORM package."""
    out = (options.out if options.out is not None else root / "packages").absolute()
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to write packages into {out}: it is not a folder")
    inside = [d for d in (root / "content", root / "themes") if d.resolve() == out.resolve() or d.resolve() in out.resolve().parents]
    if inside:
        raise UsageError(f"refusing to write packages into {out}: it is inside the project's {inside[0].name}/; choose a folder such as {root / 'packages'}")
    project = check_project(root)
    selected = select_roles(project, options.roles)
    env = make_env(theme_for(root))
    written = []
    with tempfile.TemporaryDirectory(prefix="journeys-package-") as scratch:
        sites = Path(scratch) / "site"
        build = BuildOptions(out=sites, roles=selected, cache=False, engine=options.engine, strict=options.strict, for_package=True)
        report = build_project(root, build, checked=project)
        date = int(source_date_epoch(root))  # asks git once, not once per package
        for rid in selected:
            added = render_package_files(project, rid, env, options.scorm, site_files(sites / rid))
            target = out / f"{rid}-scorm-{options.scorm}.zip"
            write_package(sites / rid, added, target, date)
            written.append(target)
    return PackageReport(out, tuple(written), report.warnings)


def _keep_sources(sources: list[SiteSources], stage: OutputSwap, folder: Path) -> None:
    """Each role's generated docs/ and mkdocs.yml, self-contained in folder/<role>/, for another builder to try
    (written anew: a role taken from the cache had no sources written)."""
    for site in sources:
        written = stage.scratch(f"kept/{site.role_id}")
        write_sources(site, written)
        keep_sources(written, folder / site.role_id)


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


def _merge_overrides(theme: Theme, folder: Path, engine: str) -> Path:
    """Material overrides (custom_dir): the default theme's, with the project's files on top; files
    in `themes/overrides-<engine>/` only for that engine."""
    for rel, src in theme.engine_files("overrides", engine).items():
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
        link_tree(old, new / rid)
        kept.append(rid)
    return tuple(kept)
