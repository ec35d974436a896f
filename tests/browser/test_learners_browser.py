"""Issue 18 in a real headless Chromium: steps changed since a learner learned them, the review plan's
dates (start box, weekends, due again after a change), clearly unticked boxes, the handout printed to
PDF, and axe on the new pages."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.browser.conftest import CHROMIUM, Browser
from tests.hosting import serving
from tests.conftest import REPO
from tests.test_learners import _plain, _step_texts, _workflows, two_commits


def build(project: Path, out: Path, *extra: str) -> None:
    assert main(["build", str(project), "-o", str(out), "-q", *extra]) == 0


def learn(b: Browser, path: str) -> None:
    b.open(path)
    button = b.driver.find_element("css selector", ".journeys-learn button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def flagged(b: Browser) -> list[str]:
    return b.js("return [...document.querySelectorAll('[data-journeys-changed]')].map(e => e.dataset.journeysStep)")  # type: ignore[return-value]


def due(b: Browser) -> dict[str, tuple[str, str]]:
    return b.js(  # type: ignore[return-value]
        "return Object.fromEntries([...document.querySelectorAll('[data-journeys-interval]')].map(h => {"
        " const badge = h.querySelector('.journeys-due'); return [h.dataset.journeysWorkflow + '@' + h.dataset.journeysInterval,"
        " [badge.dataset.due, badge.dataset.state]]; }))"
    )


def test_a_changed_step_is_flagged_counted_and_due_for_review_today(browser: Browser, copy_project, tmp_path: Path) -> None:
    project = copy_project("minimal")
    config = project / "journeys.yml"
    config.write_text(config.read_text().replace("review:\n", "review:\n  weekends: true\n"))  # "today" holds on any day of the week
    out = tmp_path / "site"
    build(project, out)
    with serving(out) as base:
        b = Browser(browser.driver, base)
        b.open("rep/")
        b.clear_storage()
        learn(b, "rep/workflows/log-call/")
        learn(b, "rep/workflows/update-deal/")
        assert flagged(b) == []

        log = project / "content/workflows/log-call.yml"
        log.write_text(log.read_text().replace("- Type what the customer asked for", "- Type what the customer asked for, in their words"))
        build(project, out)

        b.open("rep/workflows/log-call/")
        assert flagged(b) == ["log-call/write-notes/1"]
        today = b.js("return journeys.dates.today()")
        note = b.js("const n = document.querySelector('.journeys-changes-note'); return {hidden: n.hidden, text: n.textContent}")
        assert note["hidden"] is False and "1 step of this workflow changed since you learned it" in note["text"]
        label = b.js("return [...document.querySelectorAll('.journeys-changed-label')].map(e => [e.textContent, e.getBoundingClientRect().height > 0])")
        assert label == [["Changed since you learned it", True]]
        assert b.js("return journeys.state().seen['log-call'].changedOn") == today

        assert b.driver.find_element("css selector", ".journeys-changes-note").is_displayed()

        b.open("rep/workflows/update-deal/")  # unchanged: no flag, no note
        assert flagged(b) == []
        assert b.js("return document.querySelector('.journeys-changes-note').hidden") is True
        assert not b.driver.find_element("css selector", ".journeys-changes-note").is_displayed()

        b.open("rep/")
        assert b.driver.find_element("css selector", ".journeys-changes-home").is_displayed()
        home = b.js("const h = document.querySelector('.journeys-changes-home'); return {hidden: h.hidden, count: h.querySelector('.journeys-changes-home__count').textContent, text: h.textContent}")
        assert home["hidden"] is False and home["count"] == "1" and "Log a call" in home["text"]

        b.open("rep/review/")
        dates = due(b)
        assert dates["log-call@1"] == [today, "today"]  # due again from the day the change was seen
        assert dates["log-call@3"] == [b.js("return journeys.dates.addDays(arguments[0], 2)", today), "upcoming"]  # then at the same spacing

        # Reading the changes clears the flags; the review stays due.
        b.open("rep/workflows/log-call/")
        b.driver.find_element("css selector", ".journeys-changes-note__ack").click()
        assert flagged(b) == []
        b.open("rep/")
        assert b.js("return document.querySelector('.journeys-changes-home').hidden") is True
        assert not b.driver.find_element("css selector", ".journeys-changes-home").is_displayed()
        b.open("rep/workflows/log-call/")
        assert not b.driver.find_element("css selector", ".journeys-changes-note").is_displayed()
        b.open("rep/review/")
        assert due(b)["log-call@1"] == [today, "today"]


def test_learned_before_fingerprints_were_kept_is_not_flagged(browser: Browser) -> None:
    browser.open("sales-rep/")
    browser.js("localStorage.setItem(journeys.key, arguments[0])", json.dumps({"learned": {"qualify-lead": "2026-01-05"}, "ticks": {}}))
    browser.open("sales-rep/workflows/qualify-lead/")
    assert flagged(browser) == []
    remembered = browser.js("return journeys.state().seen['qualify-lead']")
    steps = browser.js("return Object.fromEntries([...document.querySelectorAll('[data-journeys-step]')].map(e => [e.dataset.journeysStep, e.dataset.journeysFingerprint]))")
    assert remembered["steps"] == steps and remembered["changedOn"] is None


def test_weekend_reviews_move_to_monday_unless_the_team_works_weekends(browser: Browser, copy_project, tmp_path: Path) -> None:
    friday = {"learned": {"qualify-lead": "2026-01-09"}, "start": "2026-01-01", "ticks": {}}  # 9 Jan 2026 is a Friday
    browser.open("sales-rep/review/")
    browser.js("localStorage.setItem(journeys.key, arguments[0])", json.dumps(friday))
    browser.open("sales-rep/review/")
    dates = due(browser)
    assert dates["qualify-lead@1"][0] == "2026-01-12"  # Saturday -> Monday
    assert dates["qualify-lead@3"][0] == "2026-01-12"  # Monday stays
    assert all(datetime.date.fromisoformat(day).weekday() < 5 for day, _ in dates.values())
    starts = re.findall(r"DTSTART;VALUE=DATE:(\d{8})", browser.js("return journeys.calendar()").replace("\r\n ", ""))
    assert "20260112" in starts and all(datetime.datetime.strptime(d, "%Y%m%d").weekday() < 5 for d in starts)  # the .ics too

    project = copy_project("minimal")
    config = project / "journeys.yml"
    config.write_text(config.read_text().replace("review:\n", "review:\n  weekends: true\n"))
    build(project, tmp_path / "site")
    with serving(tmp_path / "site") as base:
        b = Browser(browser.driver, base)
        b.open("rep/review/")
        b.js("localStorage.setItem(journeys.key, arguments[0])", json.dumps({"learned": {"log-call": "2026-01-09"}, "ticks": {}}))
        b.open("rep/review/")
        assert due(b)["log-call@1"][0] == "2026-01-10"  # the team works weekends: Saturday it is
        assert "DTSTART;VALUE=DATE:20260110" in b.js("return journeys.calendar()").replace("\r\n ", "")


def test_start_date_box_shows_the_date_the_plan_counts_from(browser: Browser) -> None:
    browser.open("sales-rep/review/")
    browser.clear_storage()
    browser.open("sales-rep/review/")
    today = browser.js("return journeys.dates.today()")
    box = browser.driver.find_element("css selector", ".journeys-start")
    assert box.get_attribute("value") == today
    status = browser.js("return document.querySelector('.journeys-start-status').textContent")
    assert "You have not set a start date" in status and "today" in status
    browser.js("localStorage.setItem(journeys.key, arguments[0])", json.dumps({"start": "2026-01-05"}))
    browser.open("sales-rep/review/")
    assert browser.driver.find_element("css selector", ".journeys-start").get_attribute("value") == "2026-01-05"
    assert "Dates count from your start date" in browser.js("return document.querySelector('.journeys-start-status').textContent")
    browser.clear_storage()


def test_unticked_boxes_look_unticked(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    browser.open("sales-rep/")
    browser.clear_storage()
    browser.open("sales-rep/")
    style = (
        "return [...document.querySelectorAll('.task-list-item input[type=checkbox] + .task-list-indicator')].map(i => {"
        " const s = getComputedStyle(i, '::before'); return [s.maskImage || s.webkitMaskImage, s.borderTopWidth]; })"
    )
    boxes = browser.js(style)
    assert boxes and all(mask == "none" and width != "0px" for mask, width in boxes), boxes  # an empty ring, no tick
    first = browser.driver.find_elements("css selector", ".task-list-item input[type=checkbox]")[0]
    browser.js("arguments[0].click(); arguments[0].scrollIntoView({block: 'center'})", first)
    ticked = browser.js(style)
    assert ticked[0][0] != "none" and all(mask == "none" for mask, _ in ticked[1:])  # the ticked one shows its tick
    folder = Path(os.environ.get("JOURNEYS_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    browser.driver.save_screenshot(str(folder / "mastery-boxes.png"))
    browser.clear_storage()


def test_handout_prints_one_workflow_per_page_start(server: str, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        message = "needs pdftotext (poppler-utils): run tests/setup.sh"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    pdf = tmp_path / "handout.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={pdf}", server + "sales-rep/handout/"],
        check=True, capture_output=True, timeout=120,
    )
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    starts = [[line.strip() for line in p.splitlines() if line.strip()][:2] for p in pages]
    workflows = _workflows("sales-rep")
    stages = yaml.safe_load((REPO / "content/roles/sales-rep.yml").read_text())["journey"]
    # Every workflow starts a printed page: its stage line, then its title.
    opening = [lines[1] for lines in starts if re.match(r"stage \d+:", lines[0], re.IGNORECASE)]
    assert opening == [w["title"] for w in workflows]
    assert len(stages) >= 2 and len(pages) > len(workflows)
    squeezed = "".join(text.split())  # printed lines wrap, and code spans get padding: compare without whitespace
    for wf in workflows:
        assert "".join(wf["title"].split()) in squeezed
        for step in _step_texts(wf):
            assert "".join(_plain(step).split()) in squeezed, step
    assert "PrintorsaveasPDF" not in squeezed  # the button does not print


def test_print_button_prints(browser: Browser) -> None:
    browser.open("sales-rep/handout/")
    browser.js("window.__printed = 0; window.print = () => { window.__printed += 1; }")
    button = browser.driver.find_element("css selector", ".journeys-print")
    assert button.is_displayed()
    button.click()
    assert browser.js("return window.__printed") == 1


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project in a git repository, with a second commit, built with --changes-since the first."""
    root = tmp_path_factory.mktemp("changed")
    repo = root / "repo"
    shutil.copytree(REPO / "tests/projects/minimal", repo)
    two_commits(repo, repo)
    build(repo, root / "site", "--changes-since", "v1")
    return root / "site"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["rep/whats-new/", "manager/whats-new/", "rep/handout/", "rep/", "rep/workflows/log-call/"])
def test_new_pages_are_accessible(browser: Browser, changed_site: Path, path: str, scheme: str) -> None:
    with serving(changed_site) as base:
        b = Browser(browser.driver, base)
        b.driver.get_log("browser")
        b.open(path, scheme=scheme)
        if "workflows" in path or path == "rep/":
            # Show the change notices too: the workflow learned with an older fingerprint of one step.
            b.js("localStorage.setItem(journeys.key, arguments[0])", json.dumps(
                {"learned": {"log-call": "2026-01-05"}, "seen": {"log-call": {"steps": {"log-call/write-notes/1": "old"}}}}))
            b.open(path, scheme=scheme)
            assert b.js("return document.querySelectorAll('.journeys-changes-note:not([hidden]), .journeys-changes-home:not([hidden])').length") == 1
        assert b.console_errors() == []
        violations = b.axe()
        assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
        b.clear_storage()
