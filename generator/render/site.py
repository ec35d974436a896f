"""Stage 4: render one role's site sources (Markdown pages, copied files, mkdocs.yml) from the model.

Rendering is pure: it returns the files as data. A role's sources depend only
on the project, the theme and the paths it is given, never on other builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator import __version__
from generator.model import Project, role_view
from generator.model.views import journey_data
from generator.render.compiled import CompiledTemplates
from generator.model.changes import RoleChanges
from generator.model.estimate import total_time
from generator.render.filters import FILTERS, GLOBALS
from generator.model.orgmap import org_map
from generator.render.linker import Linker, RootLinker, docs_path
from generator.theme import Theme

ASSETS_DIR = "assets/journeys"


@dataclass(frozen=True)
class SiteSources:
    role_id: str
    config: str  # the role's mkdocs.yml
    pages: dict[str, str]  # docs-relative path -> Markdown
    copies: dict[str, Path]  # docs-relative path -> file to copy (media, theme assets)
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)  # docs-relative page -> project files it shows


def make_env(theme: Theme, compiled: Path | None = None) -> Environment:
    """The templates' environment; `compiled`, when given, is a folder that keeps them compiled for the
    next build (Jinja's own cache: it recompiles a template whose source changed)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme.layers("templates")]),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False, default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # One environment serves one build: templates are read once, not checked on disk at every
        # include (thousands of times per build).
        auto_reload=False,
        bytecode_cache=CompiledTemplates(compiled) if compiled is not None else None,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    env.globals["version"] = __version__
    return env


def render_role(
    project: Project, role_id: str, env: Environment, theme: Theme, inherit: str, overrides: str,
    changes: RoleChanges | None = None, for_package: bool = False,
) -> SiteSources:
    """`changes`: what changed for this role since a git REF (`--changes-since`), for its What's new page;
    `for_package`: for an LMS package, whose file server maps no folder URL to index.html."""
    view = role_view(project, role_id)
    role = view.role
    pages: dict[str, str] = {}
    origins: dict[str, tuple[str, ...]] = {}

    def page(path: str, template: str, origin: tuple[str, ...], **context: object) -> None:
        linker = Linker(project, role_id, path, for_package)
        pages[path] = env.get_template(template).render(view=view, project=project, role=role, linker=linker, changes=changes, **context)
        origins[path] = origin

    # Where a page's text comes from, most likely first: build errors are traced back through these.
    shown = (role.source, *(wf.source for wf in view.workflows))
    page("index.md", "role-home.md.j2", shown)
    for wf in view.workflows:
        page(docs_path("workflow", wf.id), "workflow.md.j2", (wf.source, *wf.intro_source), workflow=wf)
    page(docs_path("impact", ""), "impact.md.j2", tuple(dict.fromkeys((*shown, *(wf.source for wf in project.workflows.values())))))
    page(docs_path("review", ""), "review.md.j2", shown)
    page(docs_path("outcomes", ""), "outcomes.md.j2", ("journeys.yml",))
    page("handout/index.md", "handout.md.j2", shown)
    if changes is not None:
        page("whats-new/index.md", "whats-new.md.j2", shown)
    for pid in role.pages:
        pg = project.pages[pid]
        page(docs_path("page", pid), "page.md.j2", (pg.source,), page=pg)

    copies = {docs_path("media", m): project_media(theme, m) for m in project.media}
    copies.update({f"{ASSETS_DIR}/{rel}": path for rel, path in theme.files("assets").items()})
    nav_first = [(project.pages[p].title, docs_path("page", p)) for p in role.first_pages]
    nav_pages = [(project.pages[p].title, docs_path("page", p)) for p in role.pages if p not in role.first_pages]
    config = env.get_template("mkdocs.yml.j2").render(
        view=view, journey=journey_data(view), project=project, role=role, inherit=inherit, overrides=overrides, nav_pages=nav_pages, nav_first=nav_first, changes=changes, for_package=for_package,
        site_url=f"{project.site_url.rstrip('/')}/{role_id}/" if project.site_url else None,
    )
    return SiteSources(role_id, config, pages, copies, origins)


def project_media(theme: Theme, rel: str) -> Path:
    return theme.project_root / "content" / "media" / rel


def render_portal(project: Project, env: Environment, built: frozenset[str]) -> str:
    roles = [(project.roles[rid], rid in built) for rid in project.published]
    times = {rid: total_time([project.workflows[w] for w in project.roles[rid].workflow_ids]) for rid in project.published}
    return env.get_template("portal.html.j2").render(project=project, roles=roles, times=times)


def render_not_found(project: Project, env: Environment) -> str:
    """The 404 page static hosts serve for any missing address: links absolute from site_url when set."""
    site_url = project.site_url.rstrip("/") + "/" if project.site_url else None
    roles = [project.roles[rid] for rid in project.published]
    return env.get_template("404.html.j2").render(project=project, roles=roles, site_url=site_url)


def render_root_pages(project: Project, env: Environment, built: frozenset[str]) -> dict[str, str]:
    """The pages at the output root, beside the role sites: path -> HTML. `built` holds the role sites present."""
    return {
        "index.html": render_portal(project, env, built),
        "map.html": render_map(project, env),
        "404.html": render_not_found(project, env),
    }


def render_map(project: Project, env: Environment) -> str:
    """The organisation map for leaders: every published role against every workflow, touches and outcomes."""
    return env.get_template("map.html.j2").render(project=project, map=org_map(project), linker=RootLinker(project))
