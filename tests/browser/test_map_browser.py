"""The organisation map in a real headless Chromium: offline, accessible, sortable, readable on a phone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_is_offline_quiet_and_accessible(browser, scheme: str) -> None:
    browser.requests()
    browser.driver.get_log("browser")
    browser.open("map.html", scheme=scheme)
    assert browser.foreign_requests() == []
    assert browser.console_errors() == []
    violations = browser.axe()
    assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_map_reads_at_phone_width(browser) -> None:
    """At 375 px the page itself never scrolls sideways (wide tables scroll in their own region) and no text is tiny."""
    browser.open("map.html", width=375, height=800)
    assert browser.js("return document.documentElement.scrollWidth <= window.innerWidth")
    smallest = browser.js(
        "return Math.min(...Array.from(document.querySelectorAll('main td, main th, main p')).map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    assert smallest >= 12
    shots = os.environ.get("JOURNEYS_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(Path(shots) / "map-phone.png"))


def test_touches_table_sorts_by_count(browser) -> None:
    browser.open("map.html")
    counts = "return Array.from(document.querySelectorAll('#touches tbody td[data-value]')).map(td => +td.dataset.value)"
    button = browser.driver.find_element("css selector", "#touches thead th[data-sort=number] button")
    button.click()
    ascending = browser.js(counts)
    assert ascending == sorted(ascending)
    button.click()
    descending = browser.js(counts)
    assert descending == sorted(descending, reverse=True)
    assert browser.js("return document.querySelector('#touches thead th[data-sort=number]').getAttribute('aria-sort')") == "descending"
