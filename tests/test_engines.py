"""Engines: the same journeys built by MkDocs and by Zensical, side by side.

Both engines build the same generated sources (every page an `index.md` in a
folder of its own); these tests read both outputs and compare them: the URL
table, each page's text, links and ids, the search entries, the inherited
config. A broken link fails a Zensical build as cleanly as a MkDocs one, and
`--keep-sources` leaves sources that build on their own.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build.engines import zensical as zensical_engine
from generator.pipeline import check_project
from tests.conftest import PROJECTS, REPO, require_zensical
from tests.htmltree import load
from tests.test_build import leftovers, snapshot

ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def crosslinks_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from generator.cli import main

    require_zensical()
    sites = {}
    for engine in ENGINES:
        out = tmp_path_factory.mktemp(f"crosslinks-{engine}") / "site"
        assert main(["build", str(PROJECTS / "crosslinks"), "-o", str(out), "-q", "--engine", engine]) == 0
        sites[engine] = out
    return sites


@pytest.fixture(params=["sample", "crosslinks"])
def built(request: pytest.FixtureRequest) -> tuple[Path, dict[str, Path]]:
    """(project, {engine: its output}) for the sample and for the cross-role project."""
    if request.param == "sample":
        return REPO, {"mkdocs": request.getfixturevalue("sample_site"), "zensical": request.getfixturevalue("zensical_site")}
    return PROJECTS / "crosslinks", request.getfixturevalue("crosslinks_sites")


def _pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


def _url_table(project: Path) -> list[str]:
    """Every page path the format's URL table promises for this project."""
    model = check_project(project)
    paths = ["index.html"]
    for rid in model.published:
        role = model.roles[rid]
        paths += [f"{rid}/{page}index.html" for page in ("", "impact/", "review/", "outcomes/")]
        paths += [f"{rid}/workflows/{wid}/index.html" for stage in role.stages for wid in stage.workflows]
        paths += [f"{rid}/pages/{pid}/index.html" for pid in role.pages]
    return sorted(set(paths))


def test_both_engines_publish_the_url_table(built):
    project, sites = built
    table = _url_table(project)
    for engine, out in sites.items():
        assert set(table) <= set(_pages(out)), f"{engine} lacks pages of the URL table"
    assert _pages(sites["mkdocs"]) == _pages(sites["zensical"]), "the same HTML pages, at the same paths"


def _content(page: Path) -> tuple[str, list[str], set[str]]:
    """What a learner reads on a page: its article's text, its links, its ids (Zensical adds a skip target)."""
    article = load(page).find("article")
    assert article is not None, page
    links = [a.attrs["href"] for a in article.find_all("a") if "href" in a.attrs]
    ids = {n.attrs["id"] for n in article.iter() if "id" in n.attrs} - {"__skip"}
    return article.text(), links, ids


def test_every_page_shows_the_same_text_links_and_ids(built):
    project, sites = built
    for rel in _url_table(project):
        if rel == "index.html":  # the portal is journeys' own page, whatever the engine
            assert (sites["mkdocs"] / rel).read_text(encoding="utf-8") == (sites["zensical"] / rel).read_text(encoding="utf-8")
            continue
        assert _content(sites["mkdocs"] / rel) == _content(sites["zensical"] / rel), rel


def test_key_texts_of_each_page_kind_on_both(built):
    project, sites = built
    model = check_project(project)
    rid = model.published[0]
    role = model.roles[rid]
    wid = role.stages[0].workflows[0]
    workflow = model.workflows[wid]
    expected = {
        f"{rid}/index.html": [role.title, workflow.title],
        f"{rid}/workflows/{wid}/index.html": [workflow.title, workflow.tasks[0].title, "Step by step"],
        f"{rid}/impact/index.html": ["Your impact"],
        f"{rid}/review/index.html": ["Your review plan", workflow.title],
        f"{rid}/outcomes/index.html": ["outcomes"],
    }
    for pid in role.pages:
        expected[f"{rid}/pages/{pid}/index.html"] = [model.pages[pid].title]
    for engine, out in sites.items():
        for rel, texts in expected.items():
            shown = load(out / rel).find("article").text()
            for text in texts:
                assert text in shown, f"{engine}: {rel} lacks {text!r}"
        title = load(out / f"{rid}/index.html").find("title").text()
        assert not title.startswith("Home"), f"{engine}: the home page's <title> is the site's name: {title}"


def test_search_indexes_hold_the_same_entries(built):
    """MkDocs writes search/search_index.json, Zensical search.json: different files, the same entries."""
    project, sites = built
    for rid in check_project(project).published:
        mkdocs = json.loads((sites["mkdocs"] / rid / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        zensical = json.loads((sites["zensical"] / rid / "search.json").read_text(encoding="utf-8"))["items"]
        assert sorted(d["location"] for d in mkdocs) == sorted(i["location"] for i in zensical), rid


def test_search_leaves_out_the_handout_on_both(built):
    """The handout repeats every workflow page: a search hit opens the workflow page, not the long print page."""
    project, sites = built
    for rid in check_project(project).published:
        mkdocs = json.loads((sites["mkdocs"] / rid / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        zensical = json.loads((sites["zensical"] / rid / "search.json").read_text(encoding="utf-8"))["items"]
        for engine, locations in (("mkdocs", [d["location"] for d in mkdocs]), ("zensical", [i["location"] for i in zensical])):
            assert any(loc.startswith("workflows/") for loc in locations), f"{engine}: {rid} has workflow entries"
            assert not [loc for loc in locations if loc.startswith("handout/")], f"{engine}: {rid}'s handout is in search"
        assert (sites["mkdocs"] / rid / "handout/index.html").is_file()


def _features(page: Path) -> list[str]:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert config, page
    return json.loads(config.group(1))["features"]


def test_a_projects_list_replaces_the_default_on_both(copy_project, run_cli, tmp_path: Path):
    """MkDocs' INHERIT replaces lists; Zensical's would append them: the engine resolves the chain as MkDocs does."""
    require_zensical()
    project = copy_project("crosslinks")
    (project / "mkdocs.yml").write_text("theme:\n  features:\n    - navigation.tabs\n", encoding="utf-8")
    for engine in ENGINES:
        out = tmp_path / engine
        assert run_cli("build", project, "-o", out, "-q", "--engine", engine).code == 0
        assert _features(out / "alpha/index.html") == ["navigation.tabs"], engine


def test_engine_from_journeys_yml_and_the_option_overrides_it(copy_project, run_cli, tmp_path: Path):
    require_zensical()
    project = copy_project("crosslinks")
    config = project / "journeys.yml"
    config.write_text(config.read_text(encoding="utf-8") + "engine: zensical\n", encoding="utf-8")
    assert run_cli("build", project, "-o", tmp_path / "a", "-q").code == 0
    assert (tmp_path / "a/alpha/search.json").is_file() and not (tmp_path / "a/alpha/search").exists()
    assert run_cli("build", project, "-o", tmp_path / "b", "-q", "--engine", "mkdocs").code == 0
    assert (tmp_path / "b/alpha/search/search_index.json").is_file() and not (tmp_path / "b/alpha/search.json").exists()


def test_broken_link_fails_the_zensical_build_at_its_line_and_keeps_the_earlier_out(copy_project, run_cli, tmp_path: Path):
    require_zensical()
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q", "--engine", "zensical").code == 0
    before = snapshot(out)
    page = project / "content/pages/guide.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nSee [nothing](#no-such-anchor).\n"
    page.write_text(text, encoding="utf-8")
    line = len(text.splitlines())  # a same-page #fragment: journeys leaves it to the engine

    result = run_cli("build", project, "-o", out, "--engine", "zensical")
    assert result.code == 1
    assert "Traceback" not in result.err and "\x1b[" not in result.err and "--strict" not in result.err, result.err
    assert any(re.match(rf"content/pages/guide\.md:{line}:\d+: error: .*'#no-such-anchor'.*anchor does not exist", l) for l in result.error_lines), result.err
    assert snapshot(out) == before, "a failed build leaves the earlier OUT exactly as it was"
    assert not leftovers(tmp_path) and not leftovers(project)


# Zensical 0.0.73's own words (standard error of a strict build with two broken links), colours and all.
_OUTPUT = (
    "Build started\n"
    "\x1b[33mWarning:\x1b[0m page does not exist\n"
    "     \x1b[38;5;246m╭─\x1b[0m\x1b[38;5;246m[\x1b[0m workflows/a/index.md:3:9 \x1b[38;5;246m]\x1b[0m\n"
    "     \x1b[38;5;246m│\x1b[0m\n"
    " \x1b[38;5;246m3 │\x1b[0m \x1b[38;5;249mSee [x](\x1b[0m\x1b[33m../nope/index.md\x1b[0m\x1b[38;5;249m) and [y](#gone)\x1b[0m\n"
    " \x1b[38;5;240m  │\x1b[0m         \x1b[33m────────┬───────\x1b[0m  \n"
    " \x1b[38;5;240m  │\x1b[0m                 \x1b[33m╰─────────\x1b[0m page does not exist\n"
    "\x1b[38;5;246m───╯\x1b[0m\n"
    "\x1b[33mWarning:\x1b[0m anchor does not exist\n"
    "     \x1b[38;5;246m╭─\x1b[0m\x1b[38;5;246m[\x1b[0m workflows/a/index.md:3:36 \x1b[38;5;246m]\x1b[0m\n"
    "     \x1b[38;5;246m│\x1b[0m\n"
    " \x1b[38;5;246m3 │\x1b[0m See [x](../nope/index.md) and [y](#gone)\n"
    " \x1b[38;5;240m  │\x1b[0m                                    \x1b[33m──┬─\x1b[0m\n"
    "\x1b[38;5;246m───╯\x1b[0m\n"
    "2 issues found\n"
    "Traceback (most recent call last):\n"
    '  File "zensical/main.py", line 81, in execute_build\n'
    "RuntimeError: Aborted because --strict flag is set\n"
)


def test_zensical_output_becomes_messages_in_mkdocs_shape():
    assert zensical_engine.parse_output(_OUTPUT) == [
        "Doc file 'workflows/a/index.md' contains a link '../nope/index.md': page does not exist",
        "Doc file 'workflows/a/index.md' contains a link '#gone': anchor does not exist",
    ]
    assert zensical_engine.parse_output("Build started\nNo issues found\nBuild finished in 0.30s\n") == []
    assert zensical_engine.parse_output("Error: site_dir must be within project root\n") == ["site_dir must be within project root"]
    crash = 'Traceback (most recent call last):\n  File "x", line 1\nRuntimeError: undefined value (in main.html:14)\n'
    assert zensical_engine._last_words(crash) == "undefined value (in main.html:14)"


def test_kept_sources_build_on_their_own_with_mkdocs(copy_project, run_cli, tmp_path: Path):
    """`--keep-sources DIR` leaves DIR/<role>/docs and mkdocs.yml that `mkdocs build` builds there, unchanged,
    after journeys' staging folder is gone: what they inherit is copied beside them."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = copy_project("crosslinks")
    (project / "mkdocs.yml").write_text("theme:\n  features:\n    - navigation.tabs\n", encoding="utf-8")  # a chain of two
    out, kept = tmp_path / "out", tmp_path / "kept"
    assert run_cli("build", project, "-o", out, "-q", "--keep-sources", kept).code == 0
    assert sorted(p.name for p in kept.iterdir()) == sorted(check_project(project).published)
    moved = tmp_path / "elsewhere"
    shutil.move(str(kept / "alpha"), moved)  # nothing in it names where it was written
    assert (moved / "mkdocs.yml").is_file() and (moved / "docs/index.md").is_file()
    assert str(tmp_path) not in (moved / "mkdocs.yml").read_text(encoding="utf-8")
    assert not leftovers(tmp_path)

    mkdocs_build(load_config(config_file=str(moved / "mkdocs.yml"), strict=True))
    for rel in ("index.html", "impact/index.html", "workflows/alpha-log/index.html"):
        assert _content(moved / "site" / rel) == _content(out / "alpha" / rel), rel
    assert _features(moved / "site/index.html") == ["navigation.tabs"]


def test_kept_sources_build_with_zensical(copy_project, run_cli, tmp_path: Path):
    require_zensical()
    project = copy_project("crosslinks")
    kept = tmp_path / "kept"
    assert run_cli("build", project, "-o", tmp_path / "out", "-q", "--engine", "zensical", "--keep-sources", kept).code == 0
    assert zensical_engine.build(kept / "beta/mkdocs.yml", tmp_path / "beta-site") == []
    assert _content(tmp_path / "beta-site/index.html") == _content(tmp_path / "out/beta/index.html")
    assert sorted(p.name for p in (kept / "beta").iterdir()) == ["docs", "inherit", "mkdocs.yml", "overrides"], "the engine leaves nothing behind"


def test_a_missing_engine_fails_before_anything_is_written(copy_project, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(zensical_engine, "find_spec", lambda name: None)  # as if the extra were not installed
    project = copy_project("crosslinks")
    result = run_cli("build", project, "-o", tmp_path / "out", "--engine", "zensical")
    assert result.code == 1
    assert result.err.count("pip install 'journeys[zensical]'") == 1, result.err  # said once, not once a role
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists() and not leftovers(tmp_path)
