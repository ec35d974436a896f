"""Render the files an LMS package adds to a built role site: its manifest and the SCO's launch page.

The XML and HTML are templates (themes/templates/scorm/); this module only gathers their data.
"""

from __future__ import annotations

from urllib.parse import quote

from jinja2 import Environment

from generator.model import Project, role_view
from generator.model.views import journey_data

SCORM_VERSIONS: tuple[str, ...] = ("1.2", "2004")
LAUNCH_PAGE = "scorm-launch.html"
MANIFEST = "imsmanifest.xml"


def render_package_files(project: Project, role_id: str, env: Environment, version: str, site_files: list[str]) -> dict[str, str]:
    """`imsmanifest.xml` and the launch page for one role's package; `site_files`: the built site's files, relative."""
    journey = journey_data(role_view(project, role_id))
    title = f"{project.title}: {journey['title']}"
    xml = env.overlay(autoescape=True)  # every value in the manifests is XML-escaped
    manifest = xml.get_template(f"scorm/imsmanifest-{version}.xml.j2").render(
        identifier=f"journeys-{role_id}",
        title=title,
        launch=LAUNCH_PAGE,
        files=[quote(f) for f in sorted({*site_files, LAUNCH_PAGE})],
        questions=journey["questions"],
        pass_mark=project.quiz_pass,
    )
    launch = env.get_template("scorm/launch.html.j2").render(version=version, title=title, journey=journey)
    return {MANIFEST: manifest, LAUNCH_PAGE: launch}
