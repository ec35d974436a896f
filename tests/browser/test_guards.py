"""Browser behaviour the README promises, tested so that breaking it fails a test.

Only what a learner sees is read (buttons, counts, what is visible), never how
journeys' scripts store it, so these tests hold whatever the scripts look like.
"""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import REPO

ROLES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "content" / "roles").glob("*.yml"))}


def _workflows(rid: str) -> list[str]:
    return [w for stage in ROLES[rid]["journey"] for w in stage["workflows"]]


SHARED = "log-opportunity"
HOLDERS = [rid for rid in ROLES if SHARED in _workflows(rid)]


def _learned_count(browser, rid: str) -> str:
    browser.open(f"{rid}/")
    return browser.js("return document.querySelector('[data-journeys-progress=all] .journeys-progress__count').textContent")


def _pressed(browser, rid: str, wid: str) -> str:
    browser.open(f"{rid}/workflows/{wid}/")
    return browser.driver.find_element("css selector", ".journeys-learn button").get_attribute("aria-pressed")


def test_progress_is_kept_per_role_site_even_for_a_shared_workflow(browser) -> None:
    """Two role sites share a workflow: learning it in one does not mark it in the other."""
    assert len(HOLDERS) >= 2, f"the sample needs a workflow in two role journeys; {SHARED} is in {HOLDERS}"
    first, others = HOLDERS[0], HOLDERS[1:]
    for rid in HOLDERS:
        browser.open(f"{rid}/")
        browser.clear_storage()
    assert _pressed(browser, first, SHARED) == "false"
    browser.driver.find_element("css selector", ".journeys-learn button").click()
    assert _pressed(browser, first, SHARED) == "true"
    assert _learned_count(browser, first) == "1"
    for rid in others:
        assert _pressed(browser, rid, SHARED) == "false", f"{rid} shows {SHARED} learned in {first}'s site"
        assert _learned_count(browser, rid) == "0", f"{rid} counts progress made in {first}'s site"
    # and the other way round: learning it in the second site leaves the first as it was
    assert _pressed(browser, others[0], SHARED) == "false"
    browser.driver.find_element("css selector", ".journeys-learn button").click()
    assert _learned_count(browser, others[0]) == "1"
    assert _learned_count(browser, first) == "1"
    assert _pressed(browser, first, SHARED) == "true"


def _answers_visible(browser) -> list[dict]:
    return browser.js(
        "return [...document.querySelectorAll('.journeys-question')].map(q => {"
        "  const a = [...q.children].find(c => c.tagName !== 'SUMMARY');"
        "  const r = a.getBoundingClientRect();"
        "  return {visible: a.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true, opacityProperty: true}),"
        "          text: a.innerText.trim().length, height: r.height, open: q.open};"
        "})"
    )


def test_printed_workflow_shows_every_answer_that_the_screen_hides(browser) -> None:
    browser.open("sales-rep/workflows/handoff-to-cs/")
    on_screen = _answers_visible(browser)
    assert on_screen, "the workflow has review questions"
    assert not any(a["visible"] for a in on_screen), f"answers start hidden on screen: {on_screen}"
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = _answers_visible(browser)
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert all(a["visible"] and a["text"] > 0 and a["height"] > 0 for a in printed), f"every answer is printed: {printed}"
    assert not any(a["open"] for a in printed), "printing shows the answers without opening them on screen"
