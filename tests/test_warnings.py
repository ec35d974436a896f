"""Warnings (the workflow-first method's advice), the three output formats and --strict.

Each warning kind is planted once in a copy of tests/projects/minimal made
warning-free first; the expected FILE:LINE:COL is read off the planted file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main

R = "content/roles/"
W = "content/workflows/"

CLEAN = {
    # minimal, with what the method asks for: a mastery list, review items and impacts everywhere
    f"{R}manager.yml": "title: Sales Manager\nsummary: You keep the pipeline honest.\nmastery:\n  - You coach from the pipeline\njourney:\n  - title: Week 1\n    workflows: [review-pipeline]\n",
    f"{W}review-pipeline.yml": (
        "title: Review the pipeline\nsummary: Check every open deal once a week.\noutcomes: [clean-data]\ntasks:\n  - id: filter\n    title: Filter open deals\n    steps:\n"
        "      - do: Open the **Pipeline** view\n        impacts:\n          - team: Finance\n            if_wrong: Finance forecasts from stale numbers\n"
        "review:\n  - question: Which view?\n    answer: Pipeline.\n"
    ),
    f"{W}update-deal.yml": (
        "title: Update a deal\nsummary: Keep the stage and amount current.\ntasks:\n  - id: move-stage\n    title: Move the stage\n    steps:\n"
        "      - do: Choose the next stage and **Save**\n        impacts:\n          - team: Sales Ops\n            if_skipped: The forecast is wrong\n"
        "review:\n  - question: When?\n    answer: After every call.\n"
    ),
}


@pytest.fixture
def clean(copy_project) -> Path:
    project = copy_project("minimal")
    for rel, text in CLEAN.items():
        (project / rel).write_text(text, encoding="utf-8")
    return project


def _warnings(run) -> list[str]:
    return [line for line in run.err.splitlines() if ": warning: " in line]


def test_the_clean_project_and_the_sample_have_no_warnings(clean: Path, run_cli) -> None:
    result = run_cli("check", clean)
    assert result.code == 0 and _warnings(result) == [], result.err
    sample = run_cli("check", Path(__file__).resolve().parent.parent)
    # The sample is what designers copy: it draws no advice (and CI's `check --strict` passes on it).
    assert sample.code == 0 and _warnings(sample) == [], sample.err


# name -> (files to write over the clean project, the one warning expected)
KINDS = {
    "workflow in no journey": (
        {f"{W}draft.yml": "title: Draft\nsummary: Not ready.\noutcomes: [clean-data]\ntasks:\n  - id: t\n    title: T\n    steps:\n      - do: X\n        impacts:\n          - team: Finance\n            if_wrong: Y\nreview:\n  - question: Q\n    answer: A\n"},
        f"{W}draft.yml:1:1: warning: workflow 'draft' is in no published role's journey, so no site shows it: add it to a stage's 'workflows' in a role file",
    ),
    "impact on a role without a site": (
        {
            "journeys.yml": "title: Minimal Academy\ntool: Acme CRM\noutcomes:\n  - id: clean-data\n    title: Clean customer data\nroles: [rep]\n",
            f"{R}rep.yml": "title: Sales Rep\nsummary: You log every customer call.\nmastery:\n  - You log a call within one hour\njourney:\n  - title: Week 1\n    workflows: [log-call, update-deal, review-pipeline]\npages: [glossary]\n",
        },
        f"{W}log-call.yml:12:19: warning: the impact names role 'manager', which has no published site, so its people never see it: list 'manager' in 'roles' in journeys.yml, or write it as 'team: ...'",
    ),
    "task of three steps without a why": (
        {f"{W}update-deal.yml": CLEAN[f"{W}update-deal.yml"].replace("    steps:\n", "    steps:\n      - Open the deal\n      - Find the stage field\n", 1).replace("        impacts:", "        impacts:", 1)},
        f"{W}update-deal.yml:6:5: warning: task 'move-stage' has 3 steps and not one says why: give the steps that matter a 'why:' (write the step as '- do: ...' with 'why: ...' under it)",
    ),
    "workflow without review items": (
        {f"{W}update-deal.yml": CLEAN[f"{W}update-deal.yml"].split("review:")[0]},
        f"{W}update-deal.yml:1:1: warning: workflow 'update-deal' has no 'review' items: add a question or two (with answers) so learners can check what they recall",
    ),
    "workflow without any impact": (
        {f"{W}update-deal.yml": "title: Update a deal\nsummary: Keep it current.\ntasks:\n  - id: move-stage\n    title: Move the stage\n    steps:\n      - Choose the next stage\nreview:\n  - question: When?\n    answer: Always.\n"},
        f"{W}update-deal.yml:1:1: warning: no step of workflow 'update-deal' has an impact: who depends on it downstream? add 'impacts:' (role or team, if_skipped / if_wrong) to those steps",
    ),
    "review item without an answer": (
        {f"{W}update-deal.yml": CLEAN[f"{W}update-deal.yml"] + "  - question: Who needs the stage?\n"},
        f"{W}update-deal.yml:14:5: warning: this review question has no 'answer': learners cannot check what they recalled; add 'answer: ...' under the question",
    ),
    "role without mastery": (
        {f"{R}manager.yml": "title: Sales Manager\nsummary: You keep the pipeline honest.\njourney:\n  - title: Week 1\n    workflows: [review-pipeline]\n"},
        f"{R}manager.yml:1:1: warning: role 'manager' has no 'mastery' list: add a few lines on what mastery looks like, so learners can check themselves against it",
    ),
    "outcome no workflow serves": (
        {"journeys.yml": "title: Minimal Academy\ntool: Acme CRM\noutcomes:\n  - id: clean-data\n    title: Clean customer data\n  - id: fast-replies\n    title: Fast replies\nroles: [rep, manager]\n"},
        "journeys.yml:6:5: warning: outcome 'fast-replies' is served by no workflow: list it in the 'outcomes' of the workflows that move it",
    ),
    "page no role includes": (
        {"content/pages/faq.md": "# FAQ\n\nAsk us.\n"},
        "content/pages/faq.md:1:1: warning: page 'faq' is in no published role's 'pages', so no site shows it: add it to a role's 'pages'",
    ),
}


@pytest.mark.parametrize("files,expected", KINDS.values(), ids=list(KINDS))
def test_each_warning_kind_at_its_place(files: dict[str, str], expected: str, clean: Path, run_cli) -> None:
    for rel, text in files.items():
        (clean / rel).write_text(text, encoding="utf-8")
    result = run_cli("check", clean)
    assert result.code == 0, result.err
    assert _warnings(result) == [expected]
    assert "1 warning" in result.out
    strict = run_cli("check", clean, "--strict")
    assert strict.code == 1 and expected in strict.err


@pytest.fixture
def warned(clean: Path) -> Path:
    (clean / "content/pages/faq.md").write_text("# FAQ\n", encoding="utf-8")
    return clean


def test_strict_fails_build_and_writes_nothing(warned: Path, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plain = run_cli("build", warned, "-o", out, "-q")
    assert plain.code == 0 and "content/pages/faq.md:1:1: warning: " in plain.err
    (out / "marker").write_text("earlier build", encoding="utf-8")
    strict = run_cli("build", warned, "-o", out, "--strict")
    assert strict.code == 1 and "content/pages/faq.md:1:1: warning: " in strict.err and "--strict" in strict.err
    assert (out / "marker").read_text(encoding="utf-8") == "earlier build"


@pytest.mark.parametrize("command", ["check", "build"])
def test_json_format(command: str, warned: Path, run_cli, tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "out")] if command == "build" else []
    ok = run_cli(command, warned, "--format", "json", *extra)
    assert ok.code == 0
    assert json.loads(ok.out) == [{"file": "content/pages/faq.md", "line": 1, "col": 1, "severity": "warning", "message": "page 'faq' is in no published role's 'pages', so no site shows it: add it to a role's 'pages'"}]
    (warned / f"{R}manager.yml").write_text("title: Sales Manager\nsumary: x\njourney:\n  - title: W\n    workflows: [review-pipeline]\n", encoding="utf-8")
    bad = run_cli(command, warned, "--format", "json", *extra)
    assert bad.code == 1
    items = json.loads(bad.out)
    assert items == [{"file": f"{R}manager.yml", "line": 2, "col": 1, "severity": "error", "message": "unknown field 'sumary' in a role (did you mean 'summary'?)"}]


def test_json_format_is_an_empty_array_when_all_is_well(clean: Path, run_cli) -> None:
    result = run_cli("check", clean, "--format", "json")
    assert result.code == 0 and json.loads(result.out) == []


@pytest.mark.parametrize("command", ["check", "build"])
def test_github_format(command: str, warned: Path, run_cli, tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "out")] if command == "build" else []
    ok = run_cli(command, warned, "--format", "github", *extra)
    assert ok.code == 0
    assert ok.out.splitlines() == ["::warning file=content/pages/faq.md,line=1,col=1::page 'faq' is in no published role's 'pages', so no site shows it: add it to a role's 'pages'"]
    (warned / f"{W}update-deal.yml").write_text("title: [x]\nsummary: y\ntasks:\n  - id: t\n    title: T\n    steps: [a]\n", encoding="utf-8")
    bad = run_cli(command, warned, "--format", "github", *extra)
    assert bad.code == 1
    assert [line for line in bad.out.splitlines() if line.startswith("::error ")] == [f"::error file={W}update-deal.yml,line=1,col=8::'title' must be plain text, not a list"]


def test_text_format_is_gnu_on_stderr(warned: Path, run_cli) -> None:
    result = run_cli("check", warned, "--format", "text")
    assert result.out.startswith("journeys: ") and "warning" not in result.out.split("OK")[0]
    assert _warnings(result) == ["content/pages/faq.md:1:1: warning: page 'faq' is in no published role's 'pages', so no site shows it: add it to a role's 'pages'"]
