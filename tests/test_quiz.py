"""Graded questions (quiz): the model, the warning, the JSON Schema rule, and the pages without JavaScript.

tests/projects/quiz/ is an overlay on tests/projects/minimal/ (like the error cases):
update-deal gets three questions (a single choice, a multiple choice, one without any
`why`) and journeys.yml a pass mark of 50. Browser behaviour is in tests/browser/test_quiz.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.htmltree import Node, load

PROJECTS = Path(__file__).resolve().parent / "projects"
ERRORS = PROJECTS / "errors"
W = "content/workflows/"
NO_WHY = "this quiz question gives no feedback: add a 'why' to its choices (at least the right one), saying what happens downstream, so a learner learns from the answer"


@pytest.fixture
def quiz_project(copy_project) -> Path:
    project = copy_project("minimal")
    shutil.copytree(PROJECTS / "quiz", project, dirs_exist_ok=True)
    (project / "README.md").unlink()
    return project


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("quiz") / "project"
    shutil.copytree(PROJECTS / "minimal", project)
    shutil.copytree(PROJECTS / "quiz", project, dirs_exist_ok=True)
    out = project.parent / "site"
    assert main(["build", str(project), "-o", str(out), "-q"]) == 0
    return out


def test_model_keys_choices_and_pass_mark(quiz_project: Path) -> None:
    from generator.pipeline import check_project

    project = check_project(quiz_project)
    quiz = project.workflows["update-deal"].quiz
    assert [q.key for q in quiz] == ["update-deal/quiz-1", "update-deal/quiz-2", "update-deal/quiz-3"]
    assert [q.multiple for q in quiz] == [False, True, False]
    assert [c.correct for c in quiz[1].choices] == [True, True, False]
    assert quiz[0].choices[1].why.text == "Budget and timing are not confirmed"
    assert quiz[1].choices[1].why is None
    assert project.quiz_pass == 50


def test_quiz_questions_counts_each_question_once_per_role(quiz_project: Path) -> None:
    from generator.model.views import questions_in, quiz_questions, role_view
    from generator.pipeline import check_project

    project = check_project(quiz_project)
    assert quiz_questions(role_view(project, "rep")) == 3
    assert questions_in(project.workflows.values()) == 3
    assert quiz_questions(role_view(project, "manager")) == 0
    # Every review round asks the quiz again, even for a workflow with no review items.
    rounds = role_view(project, "rep").review
    assert [r.interval for r in rounds] == [1, 3, 7]
    assert all("update-deal" in [d.workflow.id for d in r.due] for r in rounds)


def test_question_without_why_is_a_warning_at_its_question(quiz_project: Path, run_cli) -> None:
    run = run_cli("check", quiz_project)
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if ": warning: " in line and "quiz question" in line]  # other advice may apply too
    # The third question (line 24, `question:` at column 5) has no why; the second has one on a choice.
    assert warnings == [f"{W}update-deal.yml:24:5: warning: {NO_WHY}"]
    assert run_cli("check", "--strict", quiz_project).code == 1


def test_sample_quizzes_give_feedback_and_build_without_warnings(run_cli) -> None:
    from tests.conftest import REPO

    run = run_cli("check", REPO)
    assert run.code == 0 and "warning" not in run.err, run.err


def _array_schema(extra: dict) -> dict:
    item = {"type": "object", "properties": {"text": {"type": "string"}, "correct": {"type": "boolean"}}, "required": ["text"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": item, "minItems": 2, "maxItems": 8, **extra}


def test_require_any_becomes_json_schema_contains() -> None:
    import jsonschema

    from generator.validate.require_any import require_any_json
    from generator.validate.schema import QUESTION, ListType, MD

    choices = QUESTION.by_name["choices"].type
    assert isinstance(choices, ListType) and choices.require_any == "correct"
    assert require_any_json(ListType(MD)) == {}
    validator = jsonschema.Draft202012Validator(_array_schema(require_any_json(choices)))
    assert validator.is_valid([{"text": "a"}, {"text": "b", "correct": True}])
    assert validator.is_valid([{"text": "a", "correct": True}, {"text": "b", "correct": True}])
    assert not validator.is_valid([{"text": "a"}, {"text": "b", "correct": False}])
    assert not validator.is_valid([{"text": "a"}, {"text": "b"}])


# The error cases an editor's schema must also reject (`journeys schema`, written by its own issue).
SCHEMA_CASES = ["quiz-one-choice", "quiz-nine-choices", "quiz-no-correct-choice", "quiz-unknown-field-question",
                "quiz-unknown-field-choice", "quiz-correct-yes", "quiz-missing-choices", "quiz-not-a-list", "quiz-choices-as-text"]


def _yaml_1_2(text: str) -> object:
    """YAML as an editor's language server reads it (YAML 1.2 core: `yes` is text, not true)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf"))
    return yaml.load(text, Loader=Loader)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("schema")
    assert main(["schema", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def workflow_schema(schemas: Path) -> dict:
    return json.loads((schemas / "workflow.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ["quiz-pass-zero", "quiz-pass-over-100"])
def test_schema_rejects_a_pass_mark_out_of_range(schemas: Path, case: str) -> None:
    import jsonschema

    schema = json.loads((schemas / "journeys.schema.json").read_text(encoding="utf-8"))
    doc = _yaml_1_2((ERRORS / case / "journeys.yml").read_text(encoding="utf-8"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(doc)
    doc["quiz"]["pass"] = 80
    assert jsonschema.Draft202012Validator(schema).is_valid(doc)


def test_schema_accepts_a_valid_quiz(workflow_schema: dict) -> None:
    import jsonschema

    doc = _yaml_1_2((PROJECTS / "quiz/content/workflows/update-deal.yml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(workflow_schema).validate(doc)


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_schema_rejects_the_quiz_error_cases(workflow_schema: dict, case: str) -> None:
    import jsonschema

    doc = _yaml_1_2((ERRORS / case / "content/workflows/update-deal.yml").read_text(encoding="utf-8"))
    assert not jsonschema.Draft202012Validator(workflow_schema).is_valid(doc)


def _quizzes(page: Node) -> list[Node]:
    return page.find_all(pred=lambda n: "data-journeys-quiz" in n.attrs)


def test_workflow_page_quiz_reads_as_a_list_without_javascript(quiz_site: Path) -> None:
    page = load(quiz_site / "rep/workflows/update-deal/index.html")
    quizzes = _quizzes(page)
    assert [q.attrs["data-journeys-quiz"] for q in quizzes] == ["update-deal/quiz-1", "update-deal/quiz-2", "update-deal/quiz-3"]
    for quiz, kind, right in zip(quizzes, ["radio", "checkbox", "radio"], [["Qualify"], ["Customer Success", "Finance"], ["Close date"]]):
        fieldset = quiz.find("fieldset")
        assert fieldset is not None and fieldset.find("legend") is not None
        inputs = fieldset.find_all("input")
        assert {i.attrs["type"] for i in inputs} == {kind}
        assert all("hidden" in i.attrs and "disabled" in i.attrs for i in inputs), "inputs appear only with JavaScript"
        assert len({i.attrs["name"] for i in inputs}) == 1
        # The choices are a plain list; the right ones are disclosed in a closed <details>.
        assert quiz.find("ul", "journeys-quiz__choices") is not None
        details = quiz.find("details")
        assert details is not None and "open" not in details.attrs and details.find("summary") is not None
        assert [li.find("p").text() if li.find("p") else li.text() for li in details.find_all("li")] == right
        assert "data-journeys-result" not in quiz.attrs
        button = quiz.find("button", "journeys-quiz__check")
        assert button is not None and "hidden" in button.parent.attrs
        assert quiz.find(pred=lambda n: n.attrs.get("aria-live") == "polite") is not None


def test_quiz_comes_after_the_steps(quiz_site: Path) -> None:
    html = (quiz_site / "rep/workflows/update-deal/index.html").read_text(encoding="utf-8")
    body = html[html.index('<article'):]
    assert body.index('id="step-by-step"') < body.index("data-journeys-quiz") < body.index('id="done-with-this-workflow"')


def test_review_plan_asks_again_with_a_key_per_interval(quiz_site: Path) -> None:
    page = load(quiz_site / "rep/review/index.html")
    keys = [q.attrs["data-journeys-quiz"] for q in _quizzes(page)]
    assert keys == [f"update-deal/quiz-{n}@{i}" for i in (1, 3, 7) for n in (1, 2, 3)]
    names = [i.attrs["name"] for i in page.find_all("input") if "journeys-quiz__input" in i.classes]
    assert len(set(names)) == len(keys), "each attempt is its own radio group"


def test_role_home_score_and_questions_for_the_browser(quiz_site: Path) -> None:
    home = load(quiz_site / "rep/index.html")
    score = home.find(pred=lambda n: "data-journeys-score" in n.attrs)
    assert score is not None and "hidden" in score.attrs
    assert "0 of 3 questions answered right." in score.text()
    assert "passes at 50% right" in score.text()
    role = json.loads(home.find("script", pred=lambda n: n.attrs.get("id") == "journeys-role").raw_text())
    assert role["questions"] == ["update-deal/quiz-1", "update-deal/quiz-2", "update-deal/quiz-3"] and role["pass"] == 50
    manager = load(quiz_site / "manager/index.html")
    assert manager.find(pred=lambda n: "data-journeys-score" in n.attrs) is None


def test_links_in_quiz_feedback_lead_to_the_page_from_both_pages(quiz_site: Path) -> None:
    """A `why` names the source file; it is rewritten for the workflow page and for the review plan."""
    for page, href in [("rep/workflows/update-deal/index.html", "../../pages/glossary/"), ("rep/review/index.html", "../pages/glossary/")]:
        html = load(quiz_site / page)
        links = [a.attrs["href"] for q in _quizzes(html) for a in q.find_all("a")]
        assert links and set(links) == {href}, page
