"""Editor schemas: generated from the validator's fields, committed in sync, and agreeing with the validator.

Every sample file must be valid against its schema (a real JSON Schema
validator, `jsonschema`), and every mistake in the table below must be rejected
by both the validator (`journeys check`) and the schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.validate.jsonschema import DOCUMENTS, schema_texts

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
KIND_SCHEMA = {"journeys.yml": "journeys.schema.json", "roles": "role.schema.json", "workflows": "workflow.schema.json"}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _sample_files() -> list[tuple[Path, str]]:
    files = [(REPO / "journeys.yml", "journeys.schema.json")]
    files += [(p, "role.schema.json") for p in sorted((REPO / "content" / "roles").glob("*.yml"))]
    files += [(p, "workflow.schema.json") for p in sorted((REPO / "content" / "workflows").glob("*.yml"))]
    return files


def test_committed_schemas_are_in_sync(run_cli, tmp_path: Path) -> None:
    """`journeys schema` writes exactly the committed copies (regenerate with `journeys schema -o schemas`)."""
    assert run_cli("schema", "-o", tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(DOCUMENTS)
    for name, text in schema_texts().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `journeys schema -o schemas`"


@pytest.mark.parametrize("path,schema", _sample_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_sample_file_is_valid_and_names_its_schema(path: Path, schema: str) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), f"{path.name} lacks the schema line"
    target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert target == (SCHEMAS / schema).resolve()
    errors = [e.message for e in _validator(schema).iter_errors(yaml.safe_load(text))]
    assert errors == []


# (file in the minimal project, its new text, why the validator rejects it)
MISTAKES = [
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ncolour: red\ntasks:\n  - id: t\n    title: T\n    steps: [Do it]\n", "unknown field"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: t\n    title: T\n    stpes: [Do it]\n", "unknown nested field"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: t\n    title: T\n    steps: Do it\n", "wrong type: a list"),
    ("content/workflows/update-deal.yml", "title: [A]\nsummary: B\ntasks:\n  - id: t\n    title: T\n    steps: [Do it]\n", "wrong type: text"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\n", "missing field"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: Move_Stage\n    title: T\n    steps: [Do it]\n", "id pattern"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks: []\n", "at least one task"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\nminutes: 601\ntasks:\n  - id: t\n    title: T\n    steps: [Do it]\n", "minutes bound"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: t\n    title: T\n    steps:\n      - do: X\n        impacts:\n          - role: rep\n            team: Finance\n            if_wrong: Y\n", "role and team"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: t\n    title: T\n    steps:\n      - do: X\n        impacts:\n          - team: Finance\n", "no consequence"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: B\ntasks:\n  - id: t\n    title: T\n    steps: [Do it]\nquiz:\n  - question: Q\n    choices:\n      - text: only one\n        correct: true\n", "quiz needs 2 choices"),
    ("content/workflows/update-deal.yml", "title: A\nsummary: '  '\ntasks:\n  - id: t\n    title: T\n    steps: [Do it]\n", "blank text"),
    ("content/roles/manager.yml", "title: M\nsummary: S\njourney: []\n", "at least one stage"),
    ("content/roles/manager.yml", "title: M\nsummary: S\njourney:\n  - title: W\n    workflows: review-pipeline\n", "workflows as text"),
    ("content/roles/manager.yml", "title: M\nsummary: S\njourney:\n  - title: W\n    workflows: [review-pipeline, review-pipeline]\n", "duplicate workflow"),
    ("journeys.yml", "title: T\ntool: X\nreview:\n  intervals: [0, 3]\nroles: [rep, manager]\n", "interval below 1"),
    ("journeys.yml", "title: T\ntool: X\nreview:\n  intervals: [1, 366]\nroles: [rep, manager]\n", "interval above 365"),
    ("journeys.yml", "title: T\ntool: X\nreview:\n  weekends: sometimes\nroles: [rep, manager]\n", "boolean"),
    ("journeys.yml", "title: T\ntool: X\nengine: sphinx\nroles: [rep, manager]\n", "engine choice"),
    ("journeys.yml", "title: T\ntool: X\nquiz:\n  pass: 101\nroles: [rep, manager]\n", "pass mark bound"),
    ("journeys.yml", "title: T\ntool: X\nsite_url: academy.example.com\nroles: [rep, manager]\n", "url"),
    ("journeys.yml", "tool: X\nroles: [rep, manager]\n", "missing title"),
    ("journeys.yml", "title: T\ntool: X\nroles: [Rep]\n", "role id pattern"),
]


def _schema_for(rel: str) -> str:
    return KIND_SCHEMA[rel.split("/")[1] if rel.startswith("content/") else rel]


@pytest.mark.parametrize("rel,text,why", MISTAKES, ids=[m[2] for m in MISTAKES])
def test_schema_and_validator_reject_the_same_mistakes(rel: str, text: str, why: str, copy_project, run_cli) -> None:
    project = copy_project("minimal")
    (project / rel).write_text(text, encoding="utf-8")
    result = run_cli("check", project)
    assert result.code == 1 and any(line.startswith(rel + ":") for line in result.error_lines), result.err
    errors = list(_validator(_schema_for(rel)).iter_errors(yaml.safe_load(text)))
    assert errors, f"the schema accepts a mistake the validator rejects ({why})"


def test_the_minimal_project_passes_both(copy_project, run_cli) -> None:
    """The other side of the table: the files the mistakes were made in are valid as they stand."""
    project = copy_project("minimal")
    assert run_cli("check", project).code == 0
    for rel in ("journeys.yml", "content/roles/manager.yml", "content/workflows/update-deal.yml", "content/workflows/log-call.yml", "content/workflows/review-pipeline.yml"):
        assert list(_validator(_schema_for(rel)).iter_errors(yaml.safe_load((project / rel).read_text(encoding="utf-8")))) == []
