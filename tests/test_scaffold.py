"""`journeys init` and `journeys new`: every scaffold builds, never overwrites, refuses invalid ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.validate.jsonschema import schema_texts
from tests.htmltree import parse

REPO = Path(__file__).resolve().parent.parent
SCHEMA_OF = {"journeys.yml": "journeys.schema.json", "roles": "role.schema.json", "workflows": "workflow.schema.json"}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _assert_schema_lines_resolve(project: Path) -> None:
    """Every YAML file names its schema by a relative path that exists, and is valid against it."""
    for path in [project / "journeys.yml", *project.glob("content/*/*.yml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        kind = "journeys.yml" if path.name == "journeys.yml" else path.parent.name
        assert target == (project / "schemas" / SCHEMA_OF[kind]).resolve()
        validator = jsonschema.Draft202012Validator(json.loads(target.read_text(encoding="utf-8")))
        assert list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))) == [], path


def test_init_builds_at_once_without_warnings(run_cli, tmp_path: Path) -> None:
    project = tmp_path / "academy"
    made = run_cli("init", project)
    assert made.code == 0, made.err
    for rel in ("journeys.yml", "content/roles/team-member.yml", "content/workflows/first-workflow.yml", "content/pages/getting-started.md", "README.md", ".gitignore"):
        assert (project / rel).is_file(), rel
    assert {"site/", ".journeys-cache/"} <= set((project / ".gitignore").read_text().split())
    assert {p.name: p.read_text(encoding="utf-8") for p in (project / "schemas").iterdir()} == schema_texts()
    shipped = REPO / ".github" / "workflows"
    assert {p.name: p.read_bytes() for p in (project / ".github" / "workflows").glob("*.yml")} == {p.name: p.read_bytes() for p in shipped.glob("*.yml")}
    _assert_schema_lines_resolve(project)

    check = run_cli("check", project)
    assert check.code == 0 and ": warning: " not in check.err, check.err
    out = tmp_path / "site"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    home = parse((out / "team-member" / "index.html").read_text(encoding="utf-8"))
    assert home.find("h1").text() == "Team member"
    assert (out / "team-member/workflows/first-workflow/index.html").is_file()
    assert (out / "team-member/pages/getting-started/index.html").is_file()
    # first_pages: Getting started comes before the journey in the navigation
    nav = [a.text() for a in home.find_all("a", cls="md-nav__link")]
    assert nav.index("Getting started") < nav.index("First workflow"), nav


def test_init_refuses_a_folder_with_files(run_cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", tmp_path)
    assert result.code == 2 and "not an empty folder" in result.err and "Traceback" not in result.err
    assert _files(tmp_path) == {"notes.txt": b"mine"}


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:
    root = tmp_path / "academy"
    assert run_cli("init", root).code == 0
    return root


@pytest.mark.parametrize("kind,ident,rel", [("role", "sales-rep", "content/roles/sales-rep.yml"), ("workflow", "close-deal", "content/workflows/close-deal.yml"), ("page", "glossary", "content/pages/glossary.md")])
def test_every_new_file_builds(kind: str, ident: str, rel: str, project: Path, run_cli, tmp_path: Path) -> None:
    result = run_cli("new", kind, ident, project)
    assert result.code == 0, result.err
    assert "next" in result.out
    text = (project / rel).read_text(encoding="utf-8")
    assert text.count("\n# ") + text.count("  # ") + text.count("<!--") >= 1, "a commented starting file"
    _assert_schema_lines_resolve(project)
    assert run_cli("build", project, "-o", tmp_path / "out", "-q").code == 0
    if kind == "role":
        assert (tmp_path / "out" / ident / "index.html").is_file()


def test_new_files_in_a_new_role_build_together(project: Path, run_cli, tmp_path: Path) -> None:
    """The designer's path: a workflow, then a role whose journey starts with it; both build and the role shows it."""
    assert run_cli("new", "workflow", "approve-expense", project).code == 0
    assert run_cli("new", "role", "approver", project).code == 0
    check = run_cli("check", project)
    assert check.code == 0 and ": warning: " not in check.err, check.err
    assert run_cli("build", project, "-o", tmp_path / "out", "-q").code == 0
    assert (tmp_path / "out/approver/workflows/approve-expense/index.html").is_file()


@pytest.mark.parametrize("ident", ["Sales_Rep", "sales rep", "a" * 64, "con", "x/../../y"])
def test_new_refuses_an_invalid_id_writing_nothing(ident: str, project: Path, run_cli) -> None:
    before = _files(project)
    result = run_cli("new", "workflow", ident, project)
    assert result.code == 2 and "is not a valid id" in result.err and "Traceback" not in result.err
    assert _files(project) == before


@pytest.mark.parametrize("kind,ident", [("role", "team-member"), ("workflow", "first-workflow"), ("page", "getting-started"), ("workflow", "First-Workflow")])
def test_new_never_overwrites(kind: str, ident: str, project: Path, run_cli) -> None:
    before = _files(project)
    result = run_cli("new", kind, ident, project)
    assert result.code == 2 and "Traceback" not in result.err
    assert _files(project) == before


def test_new_outside_a_project_is_refused(run_cli, tmp_path: Path) -> None:
    result = run_cli("new", "page", "faq", tmp_path)
    assert result.code == 2 and "journeys.yml" in result.err
    assert _files(tmp_path) == {}


def test_scaffolds_name_every_field_with_its_purpose_from_the_schema(project: Path, run_cli) -> None:
    """Each YAML scaffold writes or comments out every field of its file, each with the purpose the
    schema gives it, and the defaults it writes are the schema's: a field added to the schema shows
    up here without a template being touched."""
    from generator.validate.fieldref import yaml_value
    from generator.validate.schema import PROJECT, REVIEW_SETTINGS, ROLE, WORKFLOW

    assert run_cli("new", "workflow", "close-deal", project).code == 0
    assert run_cli("new", "role", "sales-rep", project).code == 0
    files = {"journeys.yml": PROJECT, "content/roles/team-member.yml": ROLE, "content/roles/sales-rep.yml": ROLE, "content/workflows/first-workflow.yml": WORKFLOW, "content/workflows/close-deal.yml": WORKFLOW}
    for rel, schema in files.items():
        text = (project / rel).read_text(encoding="utf-8")
        keys = set(re.findall(r"^(?:# )?([a-z_]+):", text, re.MULTILINE))
        assert [f.name for f in schema.fields if f.name not in keys] == [], rel
        assert [f.name for f in schema.fields if f.doc not in text and f.name != "summary"] == [], rel
    journeys_yml = (project / "journeys.yml").read_text(encoding="utf-8")
    assert f"intervals: {yaml_value(REVIEW_SETTINGS.default('intervals'))}" in journeys_yml
    assert f"# engine: {PROJECT.default('engine')}" in journeys_yml
