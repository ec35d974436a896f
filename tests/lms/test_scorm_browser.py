"""SCORM packages in a real headless Chromium, with scorm-again as the LMS.

The harness page (tests/lms/harness.html) plays the LMS: scorm-again's API in the top
window, the unzipped package's launch page in a frame, all served by a server that
returns 404 for folder URLs, as the object storage behind many LMSs does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.lms.conftest import HERE, copy_scorm_again, package, unzip

STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}


class Lms:
    """Drive the harness: launch, act inside the role site (two frames down), read what the LMS received."""

    def __init__(self, driver, base: str, version: str) -> None:  # type: ignore[no-untyped-def]
        self.driver = driver
        self.base = base
        self.version = version

    def open(self) -> None:
        self.driver.get(f"{self.base}harness.html?v={self.version}")

    def launch(self, suspend: str | None = None) -> None:
        self.top()
        self.driver.execute_script("lms.launch(arguments[0])", suspend)
        self.site()

    def top(self) -> None:
        self.driver.switch_to.default_content()

    def site(self) -> None:
        """Switch into the role site, once its page and journeys.js are ready."""
        from selenium.webdriver.support.ui import WebDriverWait

        def ready(d) -> bool:  # type: ignore[no-untyped-def]
            d.switch_to.default_content()
            try:
                d.switch_to.frame("sco")
                d.switch_to.frame("journeys-site")
            except Exception:
                return False
            return bool(d.execute_script("return document.readyState === 'complete' && !!window.journeys && !!window.journeys.score"))

        WebDriverWait(self.driver, 20).until(ready)

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def lms(self, script: str, *args: object) -> object:
        self.top()
        try:
            return self.driver.execute_script(script, *args)
        finally:
            self.site()

    def get(self, element: str) -> str:
        return str(self.lms("return lms.api.GetValue ? lms.api.GetValue(arguments[0]) : lms.api.LMSGetValue(arguments[0])", element))

    def learn_through_the_pages(self) -> None:
        """Open each workflow from the role home (links to index.html files) and press its button."""
        from selenium.webdriver.common.by import By

        workflows = self.js("return journeys.role.workflows")
        for wid in workflows:  # type: ignore[union-attr]
            link = self.driver.find_element(By.CSS_SELECTOR, f'[data-journeys-workflow="{wid}"] a')
            assert link.get_attribute("href").endswith(f"workflows/{wid}/index.html")
            self.navigate(link.click)
            self.driver.find_element(By.CSS_SELECTOR, ".journeys-learn button").click()
            assert self.js("return journeys.data.learned[arguments[0]]", wid)
            self.navigate(lambda: self.js("location.href = '../../index.html'"))
            assert self.js("return location.pathname").endswith("/pkg/index.html")  # type: ignore[union-attr]

    def navigate(self, action) -> None:  # type: ignore[no-untyped-def]
        """Do `action` in the site, then wait for the next page of the site to be ready."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.js("window.__before = true")
        action()
        self.site()
        WebDriverWait(self.driver, 20).until(lambda d: self.js("return !window.__before && !!window.journeys && !!window.journeys.score"))

    def answer_all(self, correct: bool = True) -> None:
        """Answer every quiz question (the quiz UI's 'answered' event, as the quiz emits it)."""
        self.js(
            "var ok = arguments[0];"
            "journeys.role.questions.forEach(function (key) {"
            "  journeys.update(function (s) { s.answers[key] = {response: [ok ? 0 : 1], correct: ok, day: journeys.dates.today()}; },"
            "    {type: 'answered', key: key, workflow: key.split('/')[0], question: key, correct: ok, response: ok ? 'The record list' : 'The settings'});"
            "});",
            correct,
        )


def serve_package(root: Path, zip_path: Path) -> None:
    copy_scorm_again(root)
    shutil.copyfile(HERE / "harness.html", root / "harness.html")
    unzip(zip_path, root / "pkg")


def severe(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_package_reports_progress_completion_score_and_resumes_from_suspend_data(version: str, lms_packages, file_server, driver) -> None:
    root, base = file_server
    serve_package(root, lms_packages[version]["learner"])
    lms = Lms(driver, base, version)
    lms.open()
    driver.get_log("browser")
    lms.launch()

    assert lms.get(STATUS[version]) == "incomplete"
    if version == "2004":
        assert float(lms.get("cmi.progress_measure")) == 0

    lms.learn_through_the_pages()
    if version == "2004":
        assert lms.get("cmi.completion_status") == "completed" and float(lms.get("cmi.progress_measure")) == 1
        assert lms.get("cmi.success_status") == "unknown"  # no question answered yet
    else:
        assert lms.get("cmi.core.lesson_status") == "completed"
    lms.answer_all(correct=True)
    if version == "2004":
        assert lms.get("cmi.success_status") == "passed"
        assert float(lms.get("cmi.score.scaled")) == 1 and lms.get("cmi.score.raw") == "100"
    else:
        assert lms.get("cmi.core.lesson_status") == "passed"  # 1.2: passed means completed and passed
        assert lms.get("cmi.core.score.raw") == "100"
    # One LMS session across every page the learner opened.
    assert lms.lms("return lms.count(arguments[0])", "LMSInitialize" if version == "1.2" else "Initialize") == 1
    assert lms.lms("return lms.failed()") == []

    # Close: exit is suspend, one Terminate; then relaunch with the browser's storage wiped.
    lms.top()
    driver.execute_script("lms.close()")
    cmi = driver.execute_script("return lms.cmi()")
    assert driver.execute_script("return lms.count(arguments[0])", "LMSFinish" if version == "1.2" else "Terminate") == 1
    assert (cmi["core"]["exit"] if version == "1.2" else cmi["exit"]) == "suspend"
    suspend = cmi["suspend_data"]
    assert suspend.startswith("j1|")
    driver.execute_script("localStorage.clear(); sessionStorage.clear()")

    lms.launch(suspend)
    learned = lms.js("return Object.keys(journeys.data.learned).sort()")
    assert learned == sorted(lms.js("return journeys.role.workflows"))  # type: ignore[arg-type]
    assert lms.js("return journeys.score()")["passed"] is True  # type: ignore[index]
    assert lms.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent") == "3"
    assert (lms.get("cmi.core.lesson_status") if version == "1.2" else lms.get("cmi.success_status")) == "passed"
    assert severe(driver) == []


def test_scorm_12_suspend_data_stays_within_4096_characters_for_a_big_role(copy_project, file_server, driver, tmp_path: Path) -> None:
    """50 workflows, 300 questions all answered, 150 review ticks: more than 4096 characters of state.
    scorm-again would take it all (it is lenient); the package keeps to the limit itself, dropping ticks first."""
    project = copy_project("lms")
    workflows = [f"w{i:02d}-step" for i in range(50)]
    role = project / "content" / "roles" / "learner.yml"
    role.write_text("title: Learner\nsummary: Many workflows.\njourney:\n  - title: All\n    workflows: [" + ", ".join(workflows) + "]\n")
    quiz = "".join(f"  - question: Question {q}?\n    choices:\n      - text: Right\n        correct: true\n      - text: Wrong\n" for q in range(6))
    for wid in workflows:
        (project / "content" / "workflows" / f"{wid}.yml").write_text(
            f"title: Step {wid}\nsummary: Do {wid}.\noutcomes: [clean-data]\ntasks:\n  - id: t\n    title: T\n    steps:\n      - Do it\n"
            "review:\n  - question: A?\n  - question: B?\n  - question: C?\nquiz:\n" + quiz
        )
    root, base = file_server
    serve_package(root, package(project, tmp_path / "out", "1.2", "learner")["learner"])
    lms = Lms(driver, base, "1.2")
    lms.open()
    lms.launch()
    lms.js(
        "journeys.update(function (s) { journeys.role.workflows.forEach(function (w, i) {"
        "  s.learned[w] = journeys.dates.addDays('2026-01-01', i);"
        "  [1, 2, 3].forEach(function (n) { s.ticks[w + '/review-' + n] = journeys.dates.addDays('2026-02-01', i + n); });"
        "}); }, {type: 'learned'});"
    )
    lms.answer_all(correct=True)
    full = lms.js("return JSON.stringify(journeys.data).length")
    suspend = lms.get("cmi.suspend_data")
    assert full > 4096 * 2 and len(suspend) <= 4096
    assert lms.get("cmi.core.lesson_status") == "passed"

    lms.top()
    driver.execute_script("lms.close(); localStorage.clear()")
    lms.launch(suspend)
    assert lms.js("return Object.keys(journeys.data.learned).length") == 50
    assert lms.js("return journeys.data.learned['w49-step']") == "2026-02-19"
    assert lms.js("return Object.keys(journeys.data.answers).length") == 300
    assert lms.js("return journeys.score().passed") is True


def test_scorm_2004_reports_failed_when_every_answer_is_wrong(lms_packages, file_server, driver) -> None:
    root, base = file_server
    serve_package(root, lms_packages["2004"]["learner"])
    lms = Lms(driver, base, "2004")
    lms.open()
    lms.launch()
    lms.js("journeys.update(function (s) { journeys.role.workflows.forEach(function (w) { s.learned[w] = journeys.dates.today(); }); }, {type: 'learned'})")
    lms.answer_all(correct=False)
    assert lms.get("cmi.completion_status") == "completed"
    assert lms.get("cmi.success_status") == "failed"
    assert lms.get("cmi.score.raw") == "0" and float(lms.get("cmi.score.scaled")) == 0


def test_suspend_data_round_trips_every_kind_of_state(lms_packages, file_server, driver) -> None:
    """Keys with the codec's separators, review-plan answers outside the role's questions, values that
    are not dates, and a part of the state a later feature adds: all come back as they were."""
    root, base = file_server
    serve_package(root, lms_packages["1.2"]["learner"])
    driver.get(f"{base}pkg/index.html")
    state = {
        "learned": {"log-record": "2026-11-20", "share-record": "2027-01-02"},
        "ticks": {"log-record/review-1": "2026-11-21", "mastery/1": "2026-11-22", "odd|key,=%*#": True},
        "answers": {
            "log-record/quiz-1": {"response": [0, 2], "correct": True, "day": "2026-11-23"},
            "fix-record/quiz-1@7": {"response": [1], "correct": False, "day": "2026-11-24"},
        },
        "seen": {"share-record": "2026-11-25"},
        "start": "2026-11-19",
        "mastered": None,
        "later": {"feature": [1, "two"]},
    }
    script = (
        "var s = document.createElement('script'); s.src = 'assets/journeys/lms/suspend.js';"
        "var done = arguments[arguments.length - 1], state = arguments[0];"
        "s.onload = function () { var e = journeysSuspend.encode(state, journeys.role, 4096);"
        "  done({text: e.text, back: journeysSuspend.decode(e.text, journeys.role), junk: journeysSuspend.decode('not ours', journeys.role)}); };"
        "document.head.appendChild(s);"
    )
    result = driver.execute_async_script(script, state)
    assert result["back"] == state
    assert result["junk"] is None
    assert len(result["text"]) < len(json.dumps(state)) / 1.5


def test_a_role_without_questions_reports_completion_only_and_works_outside_an_lms(lms_packages, file_server, driver) -> None:
    root, base = file_server
    serve_package(root, lms_packages["1.2"]["checker"])
    lms = Lms(driver, base, "1.2")
    lms.open()
    driver.get_log("browser")
    lms.launch()
    lms.learn_through_the_pages()
    assert lms.get("cmi.core.lesson_status") == "completed"
    assert lms.lms("return lms.cmi().core.score.raw") == ""
    # Without an LMS the launch page only shows the site, and the site works on its own.
    driver.switch_to.default_content()
    driver.get(f"{base}pkg/scorm-launch.html")
    driver.switch_to.frame("journeys-site")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.journeys && document.readyState === 'complete'"))
    assert driver.execute_script("return location.pathname").endswith("/pkg/index.html")
    driver.switch_to.default_content()
    assert severe(driver) == []
