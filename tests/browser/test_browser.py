"""Learners' view, in a real headless Chromium: offline, accessible, and remembering progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

# The tests of progress, review and search run on the sample as each engine built it.
ON_EVERY_ENGINE = pytest.mark.parametrize("browser", ["mkdocs", "zensical"], indirect=True)

PAGE_KINDS = {
    "portal": "",
    "role home": "sales-rep/",
    "workflow": "sales-rep/workflows/handoff-to-cs/",
    "workflow with a multiple-choice quiz": "sales-rep/workflows/update-stage/",
    "impact": "sales-rep/impact/",
    "review": "sales-rep/review/",
    "outcomes": "sales-rep/outcomes/",
    "free page": "sales-rep/pages/glossary/",
    "handout": "sales-rep/handout/",
}


# Both colour schemes on MkDocs' build; Zensical's build in the light one (its dark one passed too when tried).
@pytest.mark.parametrize(("browser", "scheme"), [("mkdocs", "light"), ("mkdocs", "dark"), ("zensical", "light")], indirect=["browser"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_is_offline_quiet_and_accessible(browser, kind: str, scheme: str) -> None:
    browser.requests()  # drop earlier log entries
    browser.driver.get_log("browser")
    browser.open(PAGE_KINDS[kind], scheme=scheme)
    if kind == "impact":
        _wait_for_diagram(browser)
    assert browser.foreign_requests() == []
    assert browser.console_errors() == []
    violations = browser.axe()
    assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def _wait_for(browser, script: str, timeout: float = 20) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser.driver, timeout).until(lambda d: d.execute_script(script))


DIAGRAM_TEXT = "return Array.from(document.querySelectorAll('.journeys-handoffs svg text')).map(t => t.textContent).join(' ')"


def _wait_for_diagram(browser) -> str:
    """The impact page's handoff diagram is inline SVG, in the page as built: no script draws it."""
    return browser.js(DIAGRAM_TEXT)


def test_impact_diagram_is_drawn_offline_naming_the_roles(browser) -> None:
    browser.open("sales-rep/impact/")
    svg_text = _wait_for_diagram(browser)
    roles = {rid: yaml.safe_load((REPO / f"content/roles/{rid}.yml").read_text())["title"] for rid in ("sales-rep", "finance")}
    for title in roles.values():
        assert title in svg_text
    assert browser.foreign_requests() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_impact_diagram_is_readable_on_a_phone(browser, scheme: str) -> None:
    """At 375 px the labels stay at least 12 px high and inside the page, in either colour scheme."""
    browser.open("sales-rep/impact/", width=375, height=800, scheme=scheme)
    sizes = browser.js(
        "const svg = document.querySelector('.journeys-handoffs svg');"
        "const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
        "return {scale: scale, right: svg.getBoundingClientRect().right, page: document.documentElement.clientWidth,"
        " smallest: Math.min(...Array.from(svg.querySelectorAll('text')).map(t => parseFloat(t.getAttribute('font-size')) * scale)),"
        " colours: Array.from(svg.querySelectorAll('text')).map(t => getComputedStyle(t).fill),"
        " text: getComputedStyle(svg.closest('article') || document.body).color}"
    )
    assert sizes["smallest"] >= 12, sizes
    assert sizes["right"] <= sizes["page"], sizes
    assert set(sizes["colours"]) == {sizes["text"]}, "labels take the page's text colour (currentColor)"


@ON_EVERY_ENGINE
def test_marking_learned_persists_and_counts_on_the_role_home(browser) -> None:
    browser.open("sales-rep/")
    browser.clear_storage()
    browser.open("sales-rep/workflows/qualify-lead/")
    button = browser.driver.find_element("css selector", ".journeys-learn button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    browser.open("sales-rep/workflows/qualify-lead/")
    button = browser.driver.find_element("css selector", ".journeys-learn button")
    assert button.get_attribute("aria-pressed") == "true"
    assert "Learned on" in browser.js("return document.querySelector('.journeys-learn__status').textContent")

    browser.open("sales-rep/")
    overall = browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent")
    stages = browser.js("return [...document.querySelectorAll('[data-journeys-progress=stage] .journeys-progress__count')].map(e => e.textContent)")
    assert overall == "1"
    assert stages[0] == "1" and set(stages[1:]) == {"0"}
    # Another role's site keeps its own progress.
    browser.open("finance/")
    assert browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent") == "0"

    # Undo with the keyboard.
    browser.open("sales-rep/workflows/qualify-lead/")
    from selenium.webdriver.common.keys import Keys

    button = browser.driver.find_element("css selector", ".journeys-learn button")
    button.send_keys(Keys.SPACE)
    browser.open("sales-rep/")
    assert browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent") == "0"


@ON_EVERY_ENGINE
def test_review_ticks_persist_across_reload(browser) -> None:
    browser.open("sales-rep/review/")
    browser.clear_storage()
    browser.open("sales-rep/review/")
    boxes = browser.driver.find_elements("css selector", ".journeys-review input[type=checkbox]")
    assert len(boxes) > 5
    assert not boxes[2].get_attribute("disabled")
    browser.js("arguments[0].click()", boxes[2])
    browser.open("sales-rep/review/")
    checked = browser.js("return [...document.querySelectorAll('.journeys-review input[type=checkbox]')].map(b => b.checked)")
    assert checked[2] is True and checked.count(True) == 1


def _set_state(browser, state: dict) -> None:
    import json

    browser.js("localStorage.setItem(window.journeys.key, arguments[0])", json.dumps(state))


@ON_EVERY_ENGINE
def test_review_dates_follow_the_learned_day(browser) -> None:
    browser.open("sales-rep/review/")
    _set_state(browser, {"learned": {"qualify-lead": "2026-01-10"}, "start": "2026-01-01", "ticks": {}})
    browser.open("sales-rep/review/")
    due = browser.js(
        "return Object.fromEntries([...document.querySelectorAll('[data-journeys-interval]')].map("
        "h => [h.dataset.journeysWorkflow + '@' + h.dataset.journeysInterval, h.querySelector('.journeys-due').dataset.due]))"
    )
    # Learned on 10 January: reviews 1, 3, 7, 14 and 30 days later; 11 January is a Sunday, so Monday.
    assert due["qualify-lead@1"] == "2026-01-12"
    assert due["qualify-lead@3"] == "2026-01-13"
    assert due["qualify-lead@30"] == "2026-02-09"
    # Not yet learned: the start date, then one workflow a day in journey order (log-opportunity is second).
    assert due["log-opportunity@7"] == "2026-01-09"
    states = browser.js("return [...document.querySelectorAll('.journeys-due')].map(b => b.dataset.state)")
    assert set(states) <= {"overdue", "today", "upcoming", "done"}


def test_calendar_download_is_valid_icalendar(browser) -> None:
    browser.open("sales-rep/review/")
    _set_state(browser, {"learned": {"qualify-lead": "2026-01-10"}, "start": "2026-01-01", "ticks": {}})
    browser.open("sales-rep/review/")
    ics = browser.js("return window.journeys.calendar()")
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert ics.endswith("END:VCALENDAR\r\n")
    lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "\n" not in ics.replace("\r\n", "")
    sections = browser.js("return document.querySelectorAll('[data-journeys-interval]').length")
    assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT") == sections
    unfolded = ics.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20260113" in unfolded
    uids = re.findall(r"^UID:(.+)$", unfolded, re.MULTILINE)
    assert len(uids) == len(set(uids)) == sections
    stamps = [line for line in unfolded.split("\r\n") if line.startswith("DTSTAMP:")]
    assert len(stamps) == sections and all(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", s) for s in stamps)


@ON_EVERY_ENGINE
def test_search_finds_a_step(browser) -> None:
    browser.open("sales-rep/")
    words = "loading dock"  # words of one step of the handoff workflow
    if browser.engine == "zensical":  # its own search: a button opens a dialog in a shadow root
        browser.driver.find_element("css selector", ".md-search__button").click()
        find = "[...document.querySelectorAll('body > div')].find(e => e.shadowRoot && e.shadowRoot.querySelector('dialog'))"
        _wait_for(browser, f"return !!{find}")
        host = browser.js(f"return {find}")
        host.shadow_root.find_element("css selector", "input[role=combobox]").send_keys(words)
        _wait_for(browser, f"return {find}.shadowRoot.querySelectorAll('[role=listbox] [role=option]').length > 0")
        results = browser.js(f"return {find}.shadowRoot.querySelector('[role=listbox]').textContent")
    else:
        field = browser.driver.find_element("css selector", "input.md-search__input")
        field.click()
        field.send_keys(words)
        _wait_for(browser, "return document.querySelectorAll('.md-search-result__item').length > 0")
        results = browser.js("return document.querySelector('.md-search-result').textContent")
    assert "Hand a won deal to Customer Success" in results


def test_answers_hidden_until_asked_and_work_without_javascript(sample_site: Path) -> None:
    html = (sample_site / "sales-rep/workflows/handoff-to-cs/index.html").read_text()
    questions = re.findall(r'<details class="question journeys-question"[^>]*>\s*<summary>', html)
    assert questions, "review questions are <details> with a <summary>: they open without JavaScript"
    assert not [q for q in questions if re.search(r"\sopen[\s>=]", q)], "answers start hidden"


SCREENS = {"desktop": (1280, 900), "phone": (375, 812)}


@pytest.mark.parametrize("size", SCREENS)
def test_screenshots_of_every_page_kind(browser, size: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Writes screenshots to $JOURNEYS_SCREENSHOTS (or a temp folder) for a person to look at;
    asserts the page does not scroll sideways on a phone."""
    import os

    folder = Path(os.environ.get("JOURNEYS_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    width, height = SCREENS[size]
    for kind, path in PAGE_KINDS.items():
        browser.open(path, width, height)
        browser.driver.save_screenshot(str(folder / f"{kind.replace(' ', '-')}-{size}.png"))
        overflow = browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{kind} scrolls sideways by {overflow}px at {width}px"


@ON_EVERY_ENGINE
def test_review_tick_works_from_the_keyboard(browser) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.open("sales-rep/review/")
    browser.clear_storage()
    browser.open("sales-rep/review/")
    box = browser.driver.find_elements("css selector", ".journeys-review input[type=checkbox]")[0]
    browser.js("arguments[0].focus()", box)
    box.send_keys(Keys.SPACE)
    browser.open("sales-rep/review/")
    assert browser.js("return document.querySelector('.journeys-review input[type=checkbox]').checked") is True


def test_print_shows_answers_and_hides_navigation(browser) -> None:
    browser.open("sales-rep/workflows/handoff-to-cs/")
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.js(
            "const a = document.querySelector('.journeys-question > p');"
            "return {answer: a.getBoundingClientRect().height,"
            " nav: getComputedStyle(document.querySelector('.md-sidebar--primary')).display,"
            " header: getComputedStyle(document.querySelector('.md-header')).display,"
            " button: getComputedStyle(document.querySelector('.journeys-learn')).display}"
        )
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown["answer"] > 0
    assert shown["nav"] == shown["header"] == shown["button"] == "none"


def test_reset_forgets_progress_after_confirmation(browser) -> None:
    browser.open("sales-rep/")
    _set_state(browser, {"learned": {"qualify-lead": "2026-01-10"}, "start": "2026-01-01", "ticks": {"mastery/1": "2026-01-10"}})
    browser.open("sales-rep/")
    assert browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent") == "1"
    browser.driver.find_element("css selector", ".journeys-progress .journeys-reset").click()
    browser.driver.switch_to.alert.accept()
    state = browser.js("return window.journeys.state()")
    assert (state["learned"], state["ticks"], state["start"]) == ({}, {}, None)
    browser.open("sales-rep/")
    assert browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent") == "0"
