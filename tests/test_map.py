"""The organisation map (<out>/map.html) and adoption signals, read from a real build.

The expected numbers are written out by hand from tests/projects/orgmap, not
computed by the code under test: a workflow touches the roles that do it plus
the distinct roles and teams its steps affect.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import PROJECTS
from tests.htmltree import Node, load


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("orgmap") / "site"
    assert main(["build", str(PROJECTS / "orgmap"), "-o", str(out), "-q"]) == 0
    return out


def _table(site: Path, table_id: str) -> Node:
    table = load(site / "map.html").find("table", pred=lambda n: n.attrs.get("id") == table_id)
    assert table is not None, f"no table id={table_id}"
    return table


def _rows(table: Node) -> dict[str, list[Node]]:
    """Body rows by their header cell's text: the row's cells after it."""
    body = table.find("tbody")
    rows = {}
    for tr in body.find_all("tr"):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
        rows[cells[0].text()] = cells[1:]
    return rows


def test_portal_links_the_map(site: Path) -> None:
    links = [a.attrs["href"] for a in load(site / "index.html").find_all("a")]
    assert "map.html" in links


def test_roles_table_has_every_published_role_and_every_workflow(site: Path) -> None:
    table = _table(site, "roles")
    heads = [th.text() for th in table.find("thead").find_all("th")][1:]
    assert heads == ["Team Lead", "Operations Analyst"]  # published roles, portal order; the auditor has no site
    rows = _rows(table)
    assert set(rows) == {"Take in a request", "Close a request", "An orphan workflow", "Audit a closed request"}
    lead, ops = 0, 1
    assert rows["Take in a request"][lead].text() == "does it"
    assert rows["Take in a request"][ops].text() == "affected"
    assert rows["Close a request"][lead].text() == "does it, affected"
    assert rows["Close a request"][ops].text() == "does it"
    assert rows["An orphan workflow"][lead].text() == ""
    assert rows["An orphan workflow"][ops].text() == "affected"


@pytest.mark.parametrize(
    ("workflow", "doers", "touches"),
    [
        # 1 doer (lead) + ops, auditor (a role without a site), Finance (a team)
        ("Take in a request", "Team Lead", 4),
        # 2 doers + lead (its own step affects it: counted as affected too) + Board (a team)
        ("Close a request", "Team Lead, Operations Analyst", 4),
        # 0 doers + ops
        ("An orphan workflow", "nobody: in no journey", 1),
        # the auditor does it, though the auditor has no site; its steps affect nobody
        ("Audit a closed request", "Auditor (no site)", 1),
    ],
)
def test_touches_counts_doers_plus_distinct_affected(site: Path, workflow: str, doers: str, touches: int) -> None:
    row = _rows(_table(site, "touches"))[workflow]
    assert row[0].text() == doers
    assert int(row[2].text()) == touches


def test_touches_names_each_affected_party_with_its_step_count(site: Path) -> None:
    row = _rows(_table(site, "touches"))["Take in a request"]
    assert row[1].text() == "Operations Analyst (2), Auditor (no site) (1), Finance (team) (1)"


def test_each_outcome_lists_exactly_the_workflows_that_name_it(site: Path) -> None:
    rows = _rows(_table(site, "outcomes"))
    assert set(rows) == {"Requests answered fast", "Closed requests stay closed", "An outcome nothing serves yet"}

    def workflows(title: str) -> set[str]:
        return {li.text() for li in rows[title][1].find_all("li")}

    assert workflows("Requests answered fast") == {"Take in a request", "Close a request"}
    assert workflows("Closed requests stay closed") == {"Close a request", "Audit a closed request"}
    assert workflows("An outcome nothing serves yet") == set()
    speed = rows["Requests answered fast"]
    assert speed[0].text() == "90% within one day"
    assert speed[0].find("strong").text() == "one"  # the measure's Markdown is kept
    signals = [li.text() for li in speed[2].find_all("li")]
    assert signals == ["The Unassigned requests report is empty at 5 pm (Take in a request)", "Median first response under 4 hours (Take in a request)"]
    assert rows["Closed requests stay closed"][2].text() == "no signal yet"
    assert rows["Requests answered fast"][3].text() == "Team Lead, Operations Analyst"


def test_map_links_go_to_the_first_published_site_that_has_each_item(site: Path) -> None:
    page = load(site / "map.html")
    hrefs = {a.text(): a.attrs["href"] for a in page.find("table", pred=lambda n: n.attrs.get("id") == "touches").find_all("a")}
    assert hrefs == {"Take in a request": "lead/workflows/w-intake/", "Close a request": "lead/workflows/w-close/"}
    outcome_links = {a.text(): a.attrs["href"] for a in _table(site, "outcomes").find_all("a")}
    assert outcome_links["Requests answered fast"] == "lead/outcomes/#o-speed"
    assert outcome_links["Operations Analyst"] == "ops/"
    for href in [*hrefs.values(), "lead/outcomes/"]:
        assert (site / href.split("#")[0] / "index.html").is_file(), href


def test_handoff_picture_is_drawn_at_build_time(site: Path) -> None:
    rows = _rows(_table(site, "handoffs"))
    heads = [th.text() for th in _table(site, "handoffs").find("thead").find_all("th")][1:]
    # Lead's work: w-intake affects ops on 2 steps, auditor 1, Finance 1; w-close affects Board 1 (lead itself not counted).
    lead = dict(zip(heads, (c.text() for c in rows["Team Lead"])))
    assert lead["affects Operations Analyst"] == "2"
    assert lead["affects Finance (team)"] == "1"
    assert lead["affects Board (team)"] == "1"
    assert lead["affects Team Lead"] == "0"
    ops = dict(zip(heads, (c.text() for c in rows["Operations Analyst"])))
    assert ops["affects Team Lead"] == "1" and ops["affects Board (team)"] == "1"


def test_signals_show_on_the_workflow_page(site: Path) -> None:
    page = load(site / "lead" / "workflows" / "w-intake" / "index.html")
    heading = page.find("h2", pred=lambda n: n.attrs.get("id") == "signals")
    assert heading is not None and "How you will know it works" in heading.text()
    texts = page.text()
    assert "The Unassigned requests report is empty at 5 pm" in texts
    assert load(site / "lead" / "workflows" / "w-close" / "index.html").find("h2", pred=lambda n: n.attrs.get("id") == "signals") is None


def test_check_warns_about_an_outcome_whose_workflows_have_no_signals(run_cli) -> None:
    result = run_cli("check", PROJECTS / "orgmap", "--format", "json")
    assert result.code == 0
    warnings = [d for d in json.loads(result.out) if "signals" in d["message"]]
    assert [(d["file"], d["line"], d["col"], d["severity"]) for d in warnings] == [("journeys.yml", 7, 9, "warning")]
    assert "o-quality" in warnings[0]["message"]
    assert run_cli("check", PROJECTS / "orgmap", "--strict").code == 1
