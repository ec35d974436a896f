"""Learning records against a real LRS: Ralph 5.1 on localhost, with a write-only key for the site
and a separate read-only key for the test, and CORS open to the test site's exact origin only."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.browser.conftest import requested_urls
from tests.hosting import serving
from tests.lms.conftest import HERE, LMS_PROJECT, require

# Ralph lives in a virtual environment of its own (tests/setup.sh makes it): it pins an older click.
RALPH_PYTHON = HERE / ".ralph-venv" / "bin" / "python"

SITE = "https://academy.lms.example/learner/"  # the published site: activity ids and the learner's homePage
VERB = "http://adlnet.gov/expapi/verbs/"
WRITER = ("site", "site-secret")
READER = ("report", "report-secret")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def basic(user: tuple[str, str]) -> str:
    return base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()


class Ralph:
    """Ralph in a subprocess: started, stopped and started again on the same port and data."""

    def __init__(self, folder: Path, origin: str) -> None:
        import bcrypt

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.folder = folder
        agent = {"mbox": "mailto:academy@lrs.example", "objectType": "Agent"}  # both keys act for the academy
        users = [
            {"username": name, "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode(), "scopes": [scope], "agent": agent}
            for (name, password), scope in ((WRITER, "statements/write"), (READER, "statements/read"))
        ]
        (folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")
        self.env = {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder),
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",
            "RALPH_LRS_RESTRICT_BY_SCOPES": "true",
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps([origin]),
            "RALPH_APP_DIR": str(folder / "app"),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import requests

        log = open(self.folder / "ralph.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.process = subprocess.Popen([str(RALPH_PYTHON), str(HERE / "ralph_lrs.py"), str(self.port)], env=self.env, stdout=log, stderr=log, cwd=self.folder)
        for _ in range(600):
            if self.process.poll() is not None:
                raise AssertionError("Ralph stopped: " + (self.folder / "ralph.log").read_text(errors="replace")[-2000:])
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError("Ralph did not start in 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def statements(self, user: tuple[str, str] = READER) -> list[dict]:
        """Every stored statement (Ralph 5.1's fs backend cannot filter by verb or activity: filter in Python)."""
        import requests

        response = requests.get(self.url + "statements?limit=1000", auth=user, headers={"X-Experience-API-Version": "1.0.3"}, timeout=10)
        response.raise_for_status()
        return response.json()["statements"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Ralph]]:
    """(site base URL, running Ralph): the LMS project built twice, with `xapi` (with/) and without (without/)."""
    require(RALPH_PYTHON, modules=("requests", "bcrypt"))
    www = tmp_path_factory.mktemp("www")
    with serving(www) as base:
        ralph = Ralph(tmp_path_factory.mktemp("ralph"), base.rstrip("/"))
        for name, xapi in (("with", True), ("without", False)):
            project = tmp_path_factory.mktemp("project") / "lms"
            shutil.copytree(LMS_PROJECT, project)
            if xapi:
                with open(project / "journeys.yml", "a", encoding="utf-8") as f:
                    f.write(f"xapi:\n  endpoint: {ralph.url}\n  key: {basic(WRITER)}\n")
            assert main(["build", str(project), "-o", str(www / name), "-q"]) == 0
        ralph.start()
        try:
            yield base, ralph
        finally:
            ralph.stop()


class Page:
    def __init__(self, driver, base: str) -> None:  # type: ignore[no-untyped-def]
        self.driver = driver
        self.base = base

    def open(self, path: str) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver.get(self.base + path)
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete' && !!window.journeys"))

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def fresh(self, site: str) -> None:
        """A new learner: storage wiped, then the role home loaded again so no page holds the old state."""
        self.open(f"{site}/learner/index.html")
        self.js("localStorage.clear(); sessionStorage.clear()")
        self.open(f"{site}/learner/index.html")

    def queue(self) -> list[dict]:
        return self.js("return JSON.parse(localStorage.getItem(journeys.key + ':xapi:queue') || '[]')")  # type: ignore[return-value]

    def wait_sent(self) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 30).until(lambda d: self.queue() == [])

    def learn(self) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".journeys-learn button").click()

    def answer(self, key: str, correct: bool, response: str) -> None:
        """The quiz's 'answered' event, as the quiz UI emits it (journeys.update with the answer)."""
        self.js(
            "var a = arguments;"
            "journeys.update(function (s) { s.answers[a[0]] = {response: [a[1] ? 0 : 1], correct: a[1], day: journeys.dates.today()}; },"
            "  {type: 'answered', key: a[0], workflow: a[0].split('/')[0], question: 'Where do you start?', correct: a[1], response: a[2]});",
            key, correct, response,
        )

    def severe(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def requested(self) -> list[str]:
        return requested_urls(self.driver)


def mine(statements: list[dict], verb: str, object_id: str) -> list[dict]:
    return [s for s in statements if s["verb"]["id"] == VERB + verb and s["object"]["id"] == object_id]


def test_learning_and_answering_store_completed_and_answered_statements(setup, driver) -> None:
    base, ralph = setup
    page = Page(driver, base)
    page.fresh("with")
    page.open("with/learner/workflows/log-record/")
    page.learn()
    page.answer("log-record/quiz-1", True, "The record list")
    page.wait_sent()
    learner = page.js("return JSON.parse(localStorage.getItem(journeys.key + ':xapi:learner'))")

    stored = [s for s in ralph.statements() if s["actor"].get("account", {}).get("name") == learner]
    workflow = SITE + "workflows/log-record/"
    (experienced,) = mine(stored, "experienced", workflow)
    (completed,) = mine(stored, "completed", workflow)
    (answered,) = mine(stored, "answered", workflow + "#log-record%2Fquiz-1")
    assert completed["actor"]["account"] == {"homePage": SITE, "name": learner}
    assert completed["object"]["definition"]["name"]["en-US"] == experienced["object"]["definition"]["name"]["en-US"] != ""
    assert completed["context"]["contextActivities"]["parent"][0]["id"] == SITE
    assert answered["result"] == {"success": True, "response": "The record list"}
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert len({s["id"] for s in stored}) == len(stored) == 3
    assert page.severe() == []

    # The site's key writes and nothing more: it cannot read what learners sent.
    import requests

    assert requests.get(ralph.url + "statements", auth=WRITER, headers={"X-Experience-API-Version": "1.0.3"}, timeout=10).status_code in (401, 403)


def test_with_the_lrs_down_the_page_works_and_records_arrive_once_later(setup, driver) -> None:
    base, ralph = setup
    page = Page(driver, base)
    page.fresh("with")
    driver.get_log("browser")
    ralph.stop()
    try:
        page.open("with/learner/workflows/fix-record/")
        page.learn()
        page.answer("fix-record/quiz-1", False, "The settings")
        assert page.js("return document.querySelector('.journeys-learn__status').textContent").startswith("Learned on")
        page.open("with/learner/workflows/fix-record/")  # a reload: the queue is still there
        queued = page.queue()
        assert [item["statement"]["verb"]["display"]["en-US"] for item in queued] == ["experienced", "completed", "answered", "experienced"]
        assert page.js("return journeys.data.learned['fix-record']")
        # Nothing broke: the only console errors are Chromium's own reports of the refused
        # connections to the LRS (it logs every failed request; a page cannot silence them).
        errors = page.severe()
        assert all(ralph.url in e and "net::ERR_CONNECTION_REFUSED" in e for e in errors), errors
    finally:
        ralph.start()
    # No reload: the retry timer or the "online" event (what the browser says when the network is back) sends them.
    page.js("window.dispatchEvent(new Event('online'))")
    page.wait_sent()
    page.open("with/learner/index.html")  # the next page load sends nothing again
    page.wait_sent()
    ids = [item["statement"]["id"] for item in queued]
    stored = ralph.statements()
    assert sorted(s["id"] for s in stored if s["id"] in ids) == sorted(ids)  # each arrived, once
    (answered,) = mine(stored, "answered", SITE + "workflows/fix-record/#fix-record%2Fquiz-1")
    assert answered["result"] == {"success": False, "response": "The settings"}
    assert len(mine(stored, "completed", SITE + "workflows/fix-record/")) == 1


def test_a_launch_with_endpoint_auth_and_actor_sends_as_that_learner(setup, driver) -> None:
    base, ralph = setup
    page = Page(driver, base)
    page.fresh("with")
    actor = json.dumps({"name": ["Ada Lovelace"], "mbox": ["mailto:ada@lms.example"]})
    from urllib.parse import urlencode

    query = urlencode({"endpoint": ralph.url, "auth": "Basic " + basic(WRITER), "actor": actor, "registration": "6f1b7d2e-0c1e-4b8e-9a51-2f6f0a3c9d10"})
    page.open(f"with/learner/workflows/share-record/?{query}")
    assert "auth=" not in driver.current_url  # the credentials leave the address bar
    page.learn()
    page.wait_sent()
    (completed,) = mine(ralph.statements(), "completed", SITE + "workflows/share-record/")
    assert completed["actor"]["mbox"] == "mailto:ada@lms.example" and completed["actor"]["name"] == "Ada Lovelace"
    assert completed["context"]["registration"] == "6f1b7d2e-0c1e-4b8e-9a51-2f6f0a3c9d10"


def test_mastering_the_journey_is_recorded(setup, driver) -> None:
    base, ralph = setup
    page = Page(driver, base)
    page.fresh("with")
    page.js(
        "journeys.role.questions.forEach(function (k) { journeys.update(function (s) { s.answers[k] = {response: [0], correct: true}; }); });"
        "journeys.update(function (s) { s.learned['log-record'] = s.learned['fix-record'] = journeys.dates.today(); });"
    )
    page.open("with/learner/workflows/share-record/")
    page.learn()
    page.wait_sent()
    learner = page.js("return JSON.parse(localStorage.getItem(journeys.key + ':xapi:learner'))")
    (mastered,) = [s for s in mine(ralph.statements(), "mastered", SITE) if s["actor"].get("account", {}).get("name") == learner]
    assert mastered["result"]["success"] is True and mastered["result"]["score"] == {"scaled": 1, "raw": 3, "min": 0, "max": 3}


def test_without_xapi_nothing_is_sent(setup, driver) -> None:
    base, ralph = setup
    page = Page(driver, base)
    before = len(ralph.statements())
    page.fresh("without")
    assert "Learning records" not in page.js("return document.body.textContent")
    driver.get_log("performance")
    page.open("without/learner/workflows/log-record/")
    page.learn()
    page.answer("log-record/quiz-1", True, "The record list")
    page.open("without/learner/index.html")
    assert [u for u in page.requested() if f":{ralph.port}" in u] == []
    assert page.js("return Object.keys(localStorage).filter(function (k) { return k.indexOf(':xapi:') >= 0; })") == []
    assert len(ralph.statements()) == before
    page.open("with/learner/index.html")
    assert "learning record store at 127.0.0.1:" in page.js("return document.querySelector('.journeys-records').textContent")
