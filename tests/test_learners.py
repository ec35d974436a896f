"""Issue 18 for learners, in the built HTML: time to learn, the handout, What's new from git history,
and the wording fixes (review plan, portal cards, "Affects you", answers without a model answer)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.model.estimate import estimate_minutes
from generator.pipeline import check_project
from tests.conftest import REPO
from tests.htmltree import load


def text_of(path: Path) -> str:
    doc = load(path)
    return (doc.find("article") or doc).text()


def _workflows(role: str) -> list[dict]:
    spec = yaml.safe_load((REPO / f"content/roles/{role}.yml").read_text())
    ids = [w for stage in spec["journey"] for w in stage["workflows"]]
    return [yaml.safe_load((REPO / f"content/workflows/{w}.yml").read_text()) | {"id": w} for w in ids]


def _step_texts(workflow: dict) -> list[str]:
    return [s if isinstance(s, str) else s["do"] for t in workflow["tasks"] for s in t["steps"]]


def _plain(markdown_text: str) -> str:
    markdown_text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return " ".join(markdown_text.replace("**", "").replace("*", "").replace("`", "").split())


# --- Time to learn -------------------------------------------------------------------------------


def test_minutes_show_as_given_and_estimates_say_about(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    wf = project / "content/workflows/log-call.yml"
    wf.write_text(wf.read_text() + "minutes: 20\n")
    out = project / "site"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    assert "Time to learn: 20 min" in text_of(out / "rep/workflows/log-call/index.html")
    assert "Time to learn: about" not in text_of(out / "rep/workflows/log-call/index.html")
    estimated = check_project(project).workflows["update-deal"]
    assert f"Time to learn: about {estimate_minutes(estimated)} min" in text_of(out / "rep/workflows/update-deal/index.html")
    home = text_of(out / "rep/index.html")
    total = 20 + estimate_minutes(estimated)
    assert f"Time to learn it all: about {total} min" in home  # one estimate makes the whole an estimate
    assert "Time to learn: 20 min" in home and f"Time to learn: about {estimate_minutes(estimated)} min" in home  # per stage
    portal = load(out / "index.html").text()
    assert f"about {total} min to learn" in portal


def test_estimate_grows_with_what_there_is_to_read() -> None:
    project = check_project(REPO)
    short = min(project.workflows.values(), key=lambda w: len(str(w)))
    long = max(project.workflows.values(), key=lambda w: len(str(w)))
    assert 1 <= estimate_minutes(short) <= estimate_minutes(long) < 120


# --- Handout ----------------------------------------------------------------------------------------


def test_handout_holds_every_workflow_step_and_answer_visible(sample_site: Path) -> None:
    for role in ("sales-rep", "sales-manager"):
        page = sample_site / role / "handout/index.html"
        doc = load(page)
        body = (doc.find("article") or doc).text()
        sections = doc.find_all("section", cls="journeys-handout-workflow")
        workflows = _workflows(role)
        assert [s.attrs["data-journeys-workflow"] for s in sections] == [w["id"] for w in workflows]  # stage order
        for wf in workflows:
            assert wf["title"] in body
            for step in _step_texts(wf):
                assert _plain(step) in body
            for item in wf.get("review", []):
                assert _plain(item["question"]).split("\n")[0][:40] in body
                if item.get("answer"):
                    assert _plain(item["answer"])[:60] in body
        assert not doc.find_all("details"), "answers are visible, not collapsed"
        assert doc.find("button", cls="journeys-print").text() == "Print or save as PDF"


# --- Confusions -------------------------------------------------------------------------------------


def test_review_plan_speaks_in_dates_not_journey_days(sample_site: Path) -> None:
    doc = load(sample_site / "sales-rep/review/index.html")
    text = doc.text()
    assert "journey day" not in text.lower()
    assert "after you mark it learned" in text
    assert "Saturday or Sunday moves to the Monday after" in text
    assert doc.find(cls="journeys-review").attrs["data-journeys-weekends"] == "false"
    assert doc.find(cls="journeys-start-status") is not None


def test_weekends_true_keeps_every_day(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    config = project / "journeys.yml"
    config.write_text(config.read_text().replace("review:\n", "review:\n  weekends: true\n"))
    assert run_cli("build", project, "-o", project / "site", "-q").code == 0
    doc = load(project / "site/rep/review/index.html")
    assert doc.find(cls="journeys-review").attrs["data-journeys-weekends"] == "true"
    assert "Saturday" not in doc.text()


def test_portal_cards_keep_bold_and_escape_html(copy_project, run_cli) -> None:
    project = copy_project("minimal")
    role = project / "content/roles/rep.yml"
    role.write_text(role.read_text().replace("summary: You log every customer call.", "summary: You log **every** call <u>now</u> in *real* time."))
    assert run_cli("build", project, "-o", project / "site", "-q").code == 0
    html = (project / "site/index.html").read_text()
    card = load(project / "site/index.html").find("li", cls="portal-card")
    assert card.find("strong").text() == "every" and card.find("em").text() == "real"
    assert "<u>" not in html and "&lt;u&gt;now&lt;/u&gt;" in html  # a designer's HTML shows as text on the portal


def test_an_impact_on_the_reader_says_you(sample_site: Path) -> None:
    # log-opportunity is in both journeys; some of its steps affect the Sales Manager.
    own = text_of(sample_site / "sales-manager/workflows/log-opportunity/index.html")
    assert "Affects you" in own and "Affects Sales Manager" not in own
    other = text_of(sample_site / "sales-rep/workflows/log-opportunity/index.html")
    assert "Affects Sales Manager" in other and "Affects you" not in other
    handout = text_of(sample_site / "sales-manager/handout/index.html")
    assert "Affects you" in handout and "Affects Sales Manager" not in handout


def test_no_model_answer_never_sends_a_manager_to_their_manager(copy_project, run_cli) -> None:
    # The sample answers every question; a copy leaves one of the manager's open (check warns, the build goes on).
    project = copy_project("sample")
    workflow = project / "content/workflows/pipeline-hygiene.yml"
    text = workflow.read_text(encoding="utf-8")
    answer = "    answer: A single large stale deal distorts the forecast more than many small ones.\n"
    assert answer in text
    workflow.write_text(text.replace(answer, ""), encoding="utf-8")
    assert run_cli("build", project, "-q").code == 0
    site = project / "site"
    for role in ("sales-manager", "sales-rep"):
        for page in (site / role).rglob("index.html"):
            assert "talk it through with your manager" not in page.read_text().lower(), page
    assert "No model answer here" in text_of(site / "sales-manager/workflows/pipeline-hygiene/index.html")


def test_fingerprints_are_data_for_the_role_home(sample_site: Path) -> None:
    import json

    doc = load(sample_site / "sales-rep/index.html")
    data = json.loads(doc.find("script", pred=lambda n: n.attrs.get("id") == "journeys-role").raw_text())
    workflow = load(sample_site / "sales-rep/workflows/qualify-lead/index.html")
    steps = {n.attrs["data-journeys-step"]: n.attrs["data-journeys-fingerprint"] for n in workflow.find_all(pred=lambda n: "data-journeys-step" in n.attrs)}
    assert data["fingerprints"]["qualify-lead"] == steps
    assert set(data["fingerprints"]) == {w["id"] for w in _workflows("sales-rep")}


# --- What's new since a git REF ---------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}).stdout.strip()


def two_commits(repo: Path, project: Path) -> str:
    """A real repository holding the project in a subfolder: the first commit as is, then one with changes.
    Returns the first commit's id."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "tag", "v1")
    log = project / "content/workflows/log-call.yml"
    text = log.read_text()
    text = text.replace("- Type what the customer asked for", "- Type what the customer asked for, in their words")  # step changed
    text = text.replace("            if_skipped: The manager cannot see the call", "            if_skipped: The manager cannot coach on the call")  # impact on manager changed
    text = text.replace("    answer: On the account timeline.", "    answer: On the account timeline, newest first.")  # review answer changed
    log.write_text(text)
    deal = project / "content/workflows/update-deal.yml"
    deal.write_text(deal.read_text() + "      - Check the close date\n")  # step added
    git(repo, "commit", "-q", "-am", "second")
    return first


def whats_new(out: Path, role: str) -> dict[str, list[str]]:
    doc = load(out / role / "whats-new/index.html")
    art = doc.find("article") or doc
    found: dict[str, list[str]] = {}
    current = ""
    for node in art.iter():
        if node.tag == "h2":
            current = node.text()
        elif node.tag == "li" and current and node.parent is not None and node.parent.parent is art:
            found.setdefault(current, []).append(node.text())
    return found


def test_changes_since_lists_exactly_what_changed_per_role(tmp_path: Path, copy_project, run_cli) -> None:
    repo = tmp_path / "repo"
    project = copy_project("minimal")
    repo.mkdir()
    project.rename(repo / "academy")  # the project is a subfolder of its repository
    project = repo / "academy"
    two_commits(repo, project)
    out = tmp_path / "site"
    run = run_cli("build", project, "-o", out, "-q", "--changes-since", "v1")
    assert run.code == 0, run.err

    rep = whats_new(out, "rep")
    assert sorted(rep) == ["Impacts", "Review questions", "Steps"]
    assert len(rep["Steps"]) == 2
    assert any(s.startswith("Changed: Log a call, Write the notes, step 1: Type what the customer asked for, in their words") for s in rep["Steps"])
    assert any(s.startswith("Added: Update a deal, Move the stage, step 2: Check the close date") for s in rep["Steps"])
    assert rep["Impacts"] == ["Changed: Log a call, step 2 affects Sales Manager. If skipped: The manager cannot coach on the call"]
    assert rep["Review questions"] == ["Changed: Log a call: Where does a logged call appear?"]
    # Each item links to where it now stands.
    doc = load(out / "rep/whats-new/index.html")
    hrefs = [a.attrs["href"] for a in (doc.find("article") or doc).find_all("a") if "headerlink" not in a.classes]
    assert "../workflows/log-call/#write-notes-step-1" in hrefs and "../workflows/update-deal/#move-stage-step-2" in hrefs
    assert "What's new since v1" in text_of(out / "rep/index.html")

    # The manager's site shows the impact on the manager (its impact page), nothing of the rep's own steps.
    manager = whats_new(out, "manager")
    assert manager == {"Impacts": ["Changed: Log a call, step 2 affects you. If skipped: The manager cannot coach on the call"]}
    links = [a.attrs["href"] for a in load(out / "manager/whats-new/index.html").find("article").find_all("a") if "headerlink" not in a.classes]
    assert links == ["../../rep/workflows/log-call/#open-account-step-2"]  # in the rep's site, where the workflow is


def test_changes_since_a_role_it_does_not_touch_lists_nothing(tmp_path: Path, copy_project, run_cli) -> None:
    repo = copy_project("minimal")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    deal = repo / "content/workflows/update-deal.yml"
    deal.write_text(deal.read_text().replace("Choose the next stage and **Save**", "Choose the next stage, then **Save**"))
    git(repo, "commit", "-q", "-am", "second")
    out = tmp_path / "site"
    assert run_cli("build", repo, "-o", out, "-q", "--changes-since", "HEAD~1").code == 0
    assert whats_new(out, "manager") == {}
    assert "Nothing your site shows changed since HEAD~1." in text_of(out / "manager/whats-new/index.html")
    assert "What's new since" not in text_of(out / "manager/index.html")  # the home links it only when it lists anything
    assert whats_new(out, "rep") == {"Steps": ["Changed: Update a deal, Move the stage, step 1: Choose the next stage, then Save"]}


@pytest.mark.parametrize("case", ["not a repository", "unknown ref", "option-like ref"])
def test_changes_since_errors_are_clear(tmp_path: Path, copy_project, run_cli, case: str) -> None:
    project = copy_project("minimal")
    if case != "not a repository":
        git(project, "init", "-q", "-b", "main")
        git(project, "add", "-A")
        git(project, "commit", "-q", "-m", "first")
    ref = {"not a repository": "HEAD", "unknown ref": "v9.9", "option-like ref": "--output=/tmp/x"}[case]
    run = run_cli("build", project, "-o", tmp_path / "site", f"--changes-since={ref}")
    assert run.code in (1, 2)
    assert "Traceback" not in run.err
    assert run.err.startswith(f"journeys: error: --changes-since {ref}: ")
    assert ("not in a git repository" if case == "not a repository" else "no commit, tag or branch") in run.err
    assert not (tmp_path / "site").exists()


def test_changes_since_an_invalid_old_version_is_a_clear_error(tmp_path: Path, copy_project, run_cli) -> None:
    project = copy_project("minimal")
    config = project / "journeys.yml"
    good = config.read_text()
    config.write_text(good.replace("title: Minimal Academy\n", ""))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "broken")
    config.write_text(good)
    git(project, "commit", "-q", "-am", "fixed")
    run = run_cli("build", project, "-o", tmp_path / "site", "--changes-since", "HEAD~1")
    assert run.code == 1 and "Traceback" not in run.err
    assert "the project at HEAD~1 does not pass `journeys check`" in run.err and "journeys.yml" in run.err
