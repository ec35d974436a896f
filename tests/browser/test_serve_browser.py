"""`journeys serve` in a real headless Chromium: the open page reloads after a save, shows the
errors of an invalid edit over the last good page, and recovers after the fix."""

from __future__ import annotations

from pathlib import Path

from tests.test_serve import Server, free_port, wait_for


def test_open_page_reloads_shows_errors_and_recovers(browser, run_cli, tmp_path: Path) -> None:
    project = tmp_path / "academy"
    assert run_cli("init", project).code == 0
    srv = Server(project, free_port(), tmp_path / "serve.log")
    driver = browser.driver
    try:
        wait_for(lambda: srv.state()["generation"] >= 1, "the first build")
        driver.get(srv.base + "/team-member/workflows/first-workflow/")
        wait_for(lambda: driver.execute_script("return document.readyState") == "complete", "the page")
        h1 = "return document.querySelector('article h1, .md-content h1').textContent"
        assert "First workflow" in driver.execute_script(h1)
        driver.execute_script("window.__notReloaded = true")

        workflow = project / "content/workflows/first-workflow.yml"
        good = workflow.read_text(encoding="utf-8")
        workflow.write_text(good.replace("title: First workflow", "title: Approve an expense"), encoding="utf-8")
        wait_for(lambda: "Approve an expense" in (driver.execute_script(h1) or ""), "the page to reload with the edit")
        assert driver.execute_script("return window.__notReloaded === undefined"), "a real reload"

        # An invalid edit: the overlay lists FILE:LINE:COL over the last good page.
        workflow.write_text(good.replace("title: First workflow", "titel: First workflow"), encoding="utf-8")
        overlay = "const o = document.getElementById('journeys-serve-errors'); return o ? o.textContent : ''"
        text = wait_for(lambda: driver.execute_script(overlay), "the error overlay")
        assert "content/workflows/first-workflow.yml:5:1: error: unknown field 'titel' in a workflow (did you mean 'title'?)" in text
        assert "Approve an expense" in driver.execute_script(h1)

        # The fix: the overlay goes and the page shows the fixed text, without restarting the server.
        workflow.write_text(good.replace("title: First workflow", "title: Approve a claim"), encoding="utf-8")
        wait_for(lambda: "Approve a claim" in (driver.execute_script(h1) or ""), "the fix to show")
        assert driver.execute_script(overlay) == ""
        assert [e for e in browser.console_errors() if "__journeys__" in e] == []
    finally:
        assert srv.stop() == 0
