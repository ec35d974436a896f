"""Content errors: every mistake a designer can make, reported as `FILE:LINE:COL: error: MESSAGE`.

Each case in tests/projects/errors/<case>/ holds only the files that differ from
tests/projects/minimal/ (see the README there); the test copies minimal, lays the
case over it and runs `journeys check`.

Expected LINE:COL were read off the case files themselves (1-based, at the
offending key or value), not copied from the tool. An expected line that ends
with "…" is matched by prefix: used where the position is the point and the
exact wording is still open. Where the tool disagrees with an expectation, fix the
tool: no case is marked xfail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECTS = Path(__file__).resolve().parent / "projects"
ERRORS = PROJECTS / "errors"

R = "content/roles/"
W = "content/workflows/"
ID_RULE = "use lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters"
CONTENT_ERROR = re.compile(r"^[^\s:]+:\d+:\d+: error: ")
NO_SUCH_REVIEW = "'review-pipelin.yml' points to content/workflows/review-pipelin.yml, which does not exist (did you mean 'review-pipeline'?)"

# case -> every error line `journeys check` must print (order free); [] means the project is valid.
CASES: dict[str, list[str]] = {
    # unknown keys
    "unknown-key-near-miss": [
        # `sumary` is reported once, as a misspelling of `summary`, not also as a missing `summary`.
        f"{W}update-deal.yml:2:1: error: unknown field 'sumary' in a workflow (did you mean 'summary'?)",
    ],
    "unknown-key-far-miss": [
        f"{R}manager.yml:3:1: error: unknown field 'colour' in a role; a role takes: title, summary, mastery, journey, pages, first_pages",
    ],
    "unknown-key-nested": [
        f"{W}review-pipeline.yml:11:13: error: unknown field 'if_skiped' in an impact (did you mean 'if_skipped'?)",
    ],
    # unknown ids
    "unknown-role": [
        "journeys.yml:9:14: error: unknown role 'manger' (did you mean 'manager'?): no such role in content/roles/",
    ],
    "unknown-workflow": [
        f"{R}rep.yml:7:17: error: unknown workflow 'log-cal' (did you mean 'log-call'?): no such workflow in content/workflows/",
    ],
    "unknown-outcome": [
        f"{W}update-deal.yml:3:12: error: unknown outcome 'clean-dta' (did you mean 'clean-data'?): no such outcome in journeys.yml's outcomes",
    ],
    "unknown-page": [
        f"{R}rep.yml:10:9: error: unknown page 'glosary' (did you mean 'glossary'?): no such page in content/pages/",
        # with the typo, no published role includes the glossary any more, so log-call.md's link to it is broken too
        f"{W}log-call.md:3:54: error: '../pages/glossary.md' links to the page 'glossary', which no published role site includes: add it to a published role's 'pages'",
    ],
    "unknown-impact-role": [
        f"{W}log-call.yml:12:19: error: unknown role 'manger' (did you mean 'manager'?): no such role in content/roles/",
    ],
    # duplicates
    "duplicate-key": [
        f"{W}log-call.yml:3:1: error: duplicate key 'title' (first given at line 1)",
    ],
    "duplicate-task-id": [
        f"{W}log-call.yml:14:9: error: duplicate task id 'open-account' in 'tasks' (first at line 5)",
    ],
    "duplicate-outcome-id": [
        "journeys.yml:9:9: error: duplicate outcome id 'clean-data' in 'outcomes' (first at line 6)",
    ],
    "workflow-twice-in-role": [
        f"{R}rep.yml:9:30: error: workflow 'log-call' is already in this role's journey (line 7); a workflow appears at most once per role",
    ],
    "workflow-twice-in-stage": [
        f"{R}rep.yml:7:27: error: …",  # one mistake, one line (either wording)
    ],
    # ids and file names
    "invalid-task-id": [
        f"{W}update-deal.yml:4:9: error: 'Move_Stage' is not a valid id: {ID_RULE}",
    ],
    "invalid-file-name": [
        f"{R}Sales_Rep.yml:1:1: error: the file name 'Sales_Rep' is not a valid id: {ID_RULE}",
    ],
    "yaml-extension": [
        f"{R}trainer.yaml:1:1: error: unexpected file: content/roles/ holds only .yml files (rename it to .yml)",
    ],
    # wrong types
    "title-as-list": [
        f"{W}update-deal.yml:1:8: error: 'title' must be plain text, not a list…",
    ],
    "steps-as-mapping": [
        f"{W}update-deal.yml:7:7: error: 'steps' must be a list of steps, not a mapping",
    ],
    "workflows-as-scalar": [
        f"{R}manager.yml:5:16: error: 'workflows' must be a list of workflows, not text (write [review-pipeline])",
    ],
    "document-not-mapping": [
        f"{R}manager.yml:1:1: error: a role must be a mapping of fields (like 'title: ...'), not a list",
    ],
    # missing or empty required fields
    "missing-role-summary": [
        f"{R}manager.yml:1:1: error: a role is missing the required field 'summary': one or two sentences on what this role owns",
    ],
    "empty-role-summary": [
        f"{R}manager.yml:2:1: error: 'summary' is empty: a role needs it (one or two sentences on what this role owns)",
    ],
    "null-title": [
        f"{R}manager.yml:1:8: error: 'title' is empty: a role needs it (the role's name)",
    ],
    "missing-workflow-tasks": [
        f"{W}update-deal.yml:1:1: error: a workflow is missing the required field 'tasks': tasks in order",
    ],
    "missing-task-steps": [
        f"{W}update-deal.yml:4:5: error: a task is missing the required field 'steps': steps in order",
    ],
    "missing-step-do": [
        f"{W}review-pipeline.yml:7:9: error: a step is missing the required field 'do': what to do, in the tool's words",
    ],
    # impacts
    "impact-role-and-team": [
        f"{W}review-pipeline.yml:10:13: error: an impact names both 'role' and 'team': give exactly one of them",
    ],
    "impact-neither-role-nor-team": [
        f"{W}review-pipeline.yml:9:13: error: an impact names neither 'role' nor 'team': give exactly one of them",
    ],
    "impact-no-consequence": [
        f"{W}review-pipeline.yml:9:13: error: an impact needs at least one of 'if_skipped' or 'if_wrong'",
    ],
    # review intervals
    "intervals-not-increasing": [
        "journeys.yml:4:21: error: 'intervals' must be strictly increasing: 3 comes after 7",
    ],
    "intervals-out-of-range": [
        "journeys.yml:4:15: error: 'intervals' takes whole numbers from 1 to 365, not '0'",
        "journeys.yml:4:21: error: 'intervals' takes whole numbers from 1 to 365, not '366'",
    ],
    # files that are not valid YAML
    "yaml-syntax-error": [
        f"{W}update-deal.yml:5:26: error: invalid YAML…",
    ],
    "yaml-unclosed-quote": [
        f"{W}update-deal.yml:2:10: error: invalid YAML…",
    ],
    "yaml-tab": [
        f"{W}update-deal.yml:7:1: error: invalid YAML: a tab character: YAML indentation must use spaces, not tabs",
    ],
    "control-character": [
        f"{W}update-deal.yml:1:21: error: …",
    ],
    "empty-file": [
        f"{W}update-deal.yml:1:1: error: the file is empty",
    ],
    # indentation slips say so, and which column the line should start at (read off the files: 1-based)
    "yaml-indent-why": [
        # `why:` one space right of `do:` (column 9): YAML's own words would suggest quoting
        f"{W}update-deal.yml:8:10: error: invalid YAML: an indentation slip: this line starts at column 10, but here a line must start at column 9 (like the lines above it); move it 1 space further left, using spaces (or, if it continues the text above, put the whole text in quotes)",
    ],
    "yaml-indent-key": [
        # `steps:` one space left of `title:` (column 5): YAML's own words are "expected <block end>"
        f"{W}update-deal.yml:6:4: error: invalid YAML: an indentation slip: this line starts at column 4, but here a line must start at column 5 (like the lines above it); move it 1 space further right, using spaces",
    ],
    # a missing colon is reported on the line that lacks it, not the next one
    "yaml-missing-colon": [
        f"{W}update-deal.yml:8:5: error: invalid YAML: a ':' is missing after 'done_when' on this line: write 'done_when: ...'",
    ],
    # a role file that cannot be read causes no false error elsewhere: review-pipeline links to
    # log-call, which only the broken role includes
    "yaml-tab-in-role-no-false-errors": [
        f"{R}rep.yml:7:1: error: invalid YAML: a tab character: YAML indentation must use spaces, not tabs",
    ],
    # an unreadable journeys.yml causes no "unknown outcome" in the workflows that name its outcomes
    "yaml-tab-in-config-no-false-errors": [
        "journeys.yml:4:1: error: invalid YAML: a tab character: YAML indentation must use spaces, not tabs",
    ],
    # workflow introductions
    "orphan-intro": [
        f"{W}close-deal.md:1:1: error: this introduction has no workflow: there is no content/workflows/close-deal.yml",
    ],
    "orphan-intro-typo": [
        f"{W}update-deals.md:1:1: error: this introduction has no workflow: there is no content/workflows/update-deals.yml (did you mean 'update-deal'?)",
    ],
    # links
    "link-missing-file": [
        f"{W}log-call.md:3:54: error: '../pages/glosary.md' points to content/pages/glosary.md, which does not exist (did you mean 'glossary'?)",
    ],
    "site-url-not-a-url": [
        "journeys.yml:3:11: error: 'site_url' must be a full http:// or https:// address, like https://academy.example.com/, not 'academy.example.com'",
    ],
    "link-anchor-on-empty-page": [
        f"{W}log-call.md:3:20: error: '../pages/glossary.md#account' names '#account', which is no heading or anchor of that page; it has no headings or anchors",
    ],
    # A file that does not exist is an error even in a workflow no role publishes yet.
    "link-missing-in-unpublished-workflow": [
        f"{W}draft.yml:2:30: error: '../pages/old-guide.md' points to content/pages/old-guide.md, which does not exist",
    ],
    "link-anchor-far-miss": [
        # no anchor is close to '#pricing': no "did you mean" to an unrelated one, but the list to choose from
        f"{W}log-call.md:3:34: error: 'log-call.yml#pricing' names '#pricing', which is no heading or anchor of that workflow; its anchors are: "
        "#before-and-after, #check-yourself, #done-with-this-workflow, #open-account, #open-account-step-1, #open-account-step-2, #step-by-step, #write-notes, #write-notes-step-1",
    ],
    "link-missing-anchor": [
        f"{W}log-call.md:3:54: error: '../pages/glossary.md#acount' names '#acount', which is no heading or anchor of that page; its anchors are: #glossary",
        f"{W}log-call.md:4:34: error: 'log-call.yml#open-acount' names '#open-acount', which is no heading or anchor of that workflow (did you mean 'open-account'?)",
    ],
    "link-javascript": [
        f"{W}log-call.md:3:54: error: 'javascript:' links are not allowed: use http:, https: or mailto:, or a relative link to a project file",
    ],
    "link-unpublished-page": [
        f"{W}log-call.md:4:27: error: '../pages/faq.md' links to the page 'faq', which no published role site includes: add it to a published role's 'pages'",
    ],
    "link-unpublished-workflow": [
        f"{W}update-deal.yml:7:73: error: 'review-pipeline.yml' links to the workflow 'review-pipeline', which no published role site includes: add it to a published role's journey",
    ],
    "link-in-yaml-fields": [
        f"{W}update-deal.yml:2:54: error: '../pages/glossay.md' points to content/pages/glossay.md, which does not exist (did you mean 'glossary'?)",
        f"{W}update-deal.yml:5:23: error: '../media/old-sheet.xlsx' points to content/media/old-sheet.xlsx, which does not exist",
        f"{W}update-deal.yml:10:47: error: {NO_SUCH_REVIEW}",
    ],
    "link-in-folded-block": [
        f"{W}update-deal.yml:5:20: error: {NO_SUCH_REVIEW}",
    ],
    "link-in-multiline-plain": [
        f"{W}update-deal.yml:3:19: error: {NO_SUCH_REVIEW}",
    ],
    "link-in-escaped-quotes": [
        f"{W}update-deal.yml:2:50: error: {NO_SUCH_REVIEW}",
    ],
    # one mistake in each of four files: all reported in one run
    "several": [
        "journeys.yml:3:1: error: unknown field 'organisation' in journeys.yml (did you mean 'organization'?)",
        f"{R}rep.yml:7:17: error: unknown workflow 'log-cal' (did you mean 'log-call'?): no such workflow in content/workflows/",
        f"{W}review-pipeline.yml:7:9: error: a step is missing the required field 'do': what to do, in the tool's words",
        f"{W}update-deal.yml:6:12: error: 'steps' must be a list of steps, not text",
    ],
    # text fields keep what was typed: No, yes, 2024-01-31, 0x1F, 1.10, 1.0, Off are all valid text
    "text-literal": [],
    # graded questions (quiz): one mistake, one error, at the offending key, value or list
    "quiz-one-choice": [
        f"{W}update-deal.yml:11:7: error: 'choices' needs at least 2 choices, not 1",
    ],
    "quiz-nine-choices": [
        f"{W}update-deal.yml:20:9: error: 'choices' takes at most 8 choices, not 9",
    ],
    "quiz-no-correct-choice": [
        f"{W}update-deal.yml:11:7: error: no choice in 'choices' is marked 'correct: true': add 'correct: true' to at least one",
    ],
    "quiz-unknown-field-question": [
        f"{W}update-deal.yml:10:5: error: unknown field 'hint' in a quiz question; a quiz question takes: question, choices",
    ],
    "quiz-unknown-field-choice": [
        # the misspelt 'correct' is not also reported as "no correct choice"
        f"{W}update-deal.yml:13:9: error: unknown field 'correctt' in a quiz choice (did you mean 'correct'?)",
    ],
    "quiz-correct-yes": [
        f"{W}update-deal.yml:13:18: error: 'correct' takes true or false, not 'yes'",
    ],
    "quiz-missing-choices": [
        f"{W}update-deal.yml:9:5: error: a quiz question is missing the required field 'choices': 2 to 8 choices, at least one of them correct",
    ],
    "quiz-not-a-list": [
        f"{W}update-deal.yml:9:3: error: 'quiz' must be a list of questions, not a mapping",
    ],
    "quiz-choices-as-text": [
        f"{W}update-deal.yml:10:14: error: 'choices' must be a list of choices, not text",
    ],
    "quiz-pass-zero": [
        "journeys.yml:11:9: error: 'pass' takes whole numbers from 1 to 100, not '0'",
    ],
    "quiz-pass-over-100": [
        "journeys.yml:11:9: error: 'pass' takes whole numbers from 1 to 100, not '101'",
    ],
}

def _params() -> list:
    return [pytest.param(case, lines, id=case) for case, lines in CASES.items()]


@pytest.fixture
def case_project(copy_project):
    """case_project("duplicate-key") -> a temp copy of minimal with that case's files laid over it."""

    def make(case: str) -> Path:
        project = copy_project("minimal")
        shutil.copytree(ERRORS / case, project, dirs_exist_ok=True)
        return project

    return make


def _matched(expected: list[str], actual: list[str]) -> tuple[list[str], list[str]]:
    """Both lists, sorted, with each actual line that matches a prefix expectation ("…") replaced by it."""
    rest = list(actual)
    normal = []
    for exp in expected:
        if exp.endswith("…"):
            hit = next((a for a in rest if a.startswith(exp[:-1])), None)
            if hit is not None:
                rest.remove(hit)
                normal.append(exp)
    return sorted(expected), sorted(normal + rest)


def _assert_clean_stderr(err: str) -> None:
    assert "Traceback" not in err
    for line in err.splitlines():
        assert ": error: " in line or ": warning: " in line or line.startswith("journeys: "), f"stray stderr line: {line!r}"


@pytest.mark.parametrize("case, expected", _params())
def test_check_reports(case: str, expected: list[str], case_project, run_cli) -> None:
    run = run_cli("check", case_project(case))
    _assert_clean_stderr(run.err)
    want, got = _matched(expected, run.error_lines)
    assert got == want, run.err
    assert run.code == (1 if expected else 0), run.err
    if expected:
        n = len(expected)
        assert f"journeys: {n} error{'s' if n != 1 else ''} in the content" in run.err


def test_every_case_folder_has_expectations() -> None:
    folders = {p.name for p in ERRORS.iterdir() if p.is_dir()}
    assert folders == set(CASES)


def test_minimal_project_is_valid(run_cli) -> None:
    run = run_cli("check", PROJECTS / "minimal")
    assert run.code == 0, run.err
    assert run.err == ""
    from generator.pipeline import check_project

    project = check_project(PROJECTS / "minimal")
    assert project.published == ("rep", "manager")
    assert sorted(project.workflows) == ["log-call", "review-pipeline", "update-deal"]
    assert list(project.pages) == ["glossary"]
    assert project.workflows["log-call"].intro is not None
    assert project.intervals == (1, 3, 7)


def test_text_fields_are_kept_literally(case_project) -> None:
    from generator.pipeline import check_project

    project = check_project(case_project("text-literal"))
    assert project.workflows["log-call"].title == "No"
    assert project.workflows["log-call"].tasks[0].title == "yes"
    assert project.workflows["update-deal"].title == "2024-01-31"
    assert project.workflows["update-deal"].tasks[0].title == "0x1F"
    assert project.workflows["update-deal"].tasks[0].steps[0].do.text == "1.0"
    assert project.workflows["review-pipeline"].title == "1.10"
    assert project.workflows["review-pipeline"].tasks[0].steps[0].impacts[0].team == "Off"


def test_several_mistakes_in_several_files_in_one_run(case_project, run_cli) -> None:
    run = run_cli("check", case_project("several"))
    assert run.code == 1
    files = {line.split(":", 1)[0] for line in run.error_lines}
    assert files == {"journeys.yml", f"{R}rep.yml", f"{W}review-pipeline.yml", f"{W}update-deal.yml"}
    assert "journeys: 4 errors in the content (4 files); nothing was written" in run.err


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            found[path.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns)
    return found


@pytest.mark.parametrize("case", ["minimal", "several"])
def test_check_writes_nothing(case: str, case_project, copy_project, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project("minimal") if case == "minimal" else case_project(case)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = _snapshot(project)
    run = run_cli("check", project)
    assert run.code == (0 if case == "minimal" else 1), run.err
    assert not (project / "site").exists()
    assert _snapshot(project) == before
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", "--bogus", "{minimal}"], id="unknown-option"),
        pytest.param(["check", "{missing}"], id="missing-project"),
        pytest.param(["check", "{file}"], id="project-is-a-file"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param([], id="no-command"),
    ],
)
def test_bad_usage_exits_2(args: list[str], run_cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a project\n", encoding="utf-8")
    paths = {"minimal": str(PROJECTS / "minimal"), "missing": str(tmp_path / "no-such-project"), "file": str(tmp_path / "notes.txt")}
    run = run_cli(*[a.format(**paths) for a in args])
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    assert run.err.strip(), "a usage error must say what is wrong"
    assert not [line for line in run.err.splitlines() if CONTENT_ERROR.match(line)]  # usage errors are not content errors


def test_real_command_exit_statuses(case_project, tmp_path: Path) -> None:
    """The installed entry point, in a real process: statuses and no traceback."""

    def journeys(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True)

    ok = journeys("check", PROJECTS / "minimal")
    assert (ok.returncode, ok.stderr) == (0, "")
    bad = journeys("check", case_project("several"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len([line for line in bad.stderr.splitlines() if ": error: " in line and not line.startswith("journeys:")]) == 4
    usage = journeys("check", tmp_path / "no-such-project")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


PATHOLOGICAL_PAGE = "](" * 50_000 + "\n"  # 100 KB of half-links: a regex that backtracks would take minutes


def test_text_field_as_list_does_not_suggest_a_list(case_project, run_cli) -> None:
    run = run_cli("check", case_project("title-as-list"))
    [line] = run.error_lines
    assert line.startswith(f"{W}update-deal.yml:1:8: error: 'title' must be plain text, not a list")
    assert "separate lines" not in line


def test_colon_in_text_suggests_quoting(case_project, run_cli) -> None:
    run = run_cli("check", case_project("yaml-syntax-error"))
    [line] = run.error_lines
    assert "quote" in line


def test_check_copes_with_a_pathological_page(copy_project) -> None:
    """How fast is measured in benchmarks/hostile.py; here only that it ends cleanly."""
    project = copy_project("minimal")
    (project / "content" / "pages" / "glossary.md").write_text("# Glossary\n\n" + PATHOLOGICAL_PAGE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", str(project)], capture_output=True, text=True)
    assert done.returncode in (0, 1)
    assert "Traceback" not in done.stderr
