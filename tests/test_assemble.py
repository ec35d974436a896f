"""`journeys plan` and `journeys assemble`: role sites built apart, put together, equal one full build.

Also what that rests on: builds are reproducible (one build date per project
state), `--site-url`, and the 404 page at the output root.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.parts import plan_chunks
from tests.htmltree import parse

REPO = Path(__file__).resolve().parent.parent
CROSSLINKS = Path(__file__).resolve().parent / "projects" / "crosslinks"
SAMPLE_ROLES = ["sales-rep", "sales-manager", "customer-success", "finance", "sales-ops"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (sha256) by relative path: what 'equal file for file' compares."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(a: Path, b: Path) -> list[str]:
    sa, sb = snapshot(a), snapshot(b)
    return sorted(k for k in sa.keys() | sb.keys() if sa.get(k) != sb.get(k))


@pytest.fixture(autouse=True)
def _no_given_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def sample(copy_project) -> Path:
    return copy_project("sample")


# --------------------------------------------------------------------------- plan


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 400), size=st.integers(1, 50), most=st.integers(1, 30))
def test_chunks_hold_every_role_exactly_once(n: int, size: int, most: int) -> None:
    roles = [f"r{i}" for i in range(n)]
    chunks = plan_chunks(roles, size, most)
    assert [r for c in chunks for r in c] == roles  # each once, portal order kept
    assert all(chunks), "no empty chunk (an empty CI job)"
    assert len(chunks) <= most
    if n:
        assert len(chunks) == min(most, -(-n // size))
        assert max(map(len, chunks)) - min(map(len, chunks)) <= 1
    if n <= size:
        assert len(chunks) <= 1  # up to the threshold: one job builds everything


def test_plan_prints_the_published_roles_and_their_chunks(run_cli) -> None:
    result = run_cli("plan", REPO, "--chunk-size", "2")
    assert result.code == 0, result.err
    plan = json.loads(result.out)
    assert plan["roles"] == SAMPLE_ROLES
    assert [r for c in plan["chunks"] for r in c] == SAMPLE_ROLES
    assert len(plan["chunks"]) == 3

    single = json.loads(run_cli("plan", REPO).out)
    assert single == {"roles": SAMPLE_ROLES, "chunks": [SAMPLE_ROLES]}


def test_plan_of_an_invalid_project_fails_with_the_errors(run_cli, copy_project) -> None:
    project = copy_project("crosslinks")
    (project / "journeys.yml").write_text((project / "journeys.yml").read_text() + "colour: blue\n")
    result = run_cli("plan", project)
    assert result.code == 1
    assert result.out == ""  # CI reads standard output as JSON: nothing half-written there
    assert any(line.startswith("journeys.yml:") and "colour" in line for line in result.error_lines)


def test_plan_refuses_a_chunk_size_of_zero(run_cli) -> None:
    assert run_cli("plan", REPO, "--chunk-size", "0").code == 2


# --------------------------------------------------------------------------- assemble


def build_parts(run_cli, project: Path, parts_dir: Path, chunks: list[list[str]], *extra: str) -> list[Path]:
    parts = []
    for i, chunk in enumerate(chunks):
        part = parts_dir / f"part-{i}"
        args = [a for rid in chunk for a in ("--role", rid)]
        result = run_cli("build", project, *args, "-o", part, "-q", *extra)
        assert result.code == 0, result.err
        parts.append(part)
    return parts


def test_assembled_output_equals_one_full_build_file_for_file(run_cli, sample: Path, tmp_path: Path) -> None:
    chunks = json.loads(run_cli("plan", sample, "--chunk-size", "2").out)["chunks"]
    parts = build_parts(run_cli, sample, tmp_path / "parts", chunks)
    assembled = tmp_path / "assembled"
    result = run_cli("assemble", sample, *[a for p in parts for a in ("--from", p)], "-o", assembled)
    assert result.code == 0, result.err
    assert "assembled 5 role site(s) from 3 part(s)" in result.out

    full = tmp_path / "full"
    assert run_cli("build", sample, "-o", full, "-q").code == 0
    assert differences(assembled, full) == []
    # What is compared: every role site with its search index and sitemap, the root pages, the marker.
    files = snapshot(full)
    for rid in SAMPLE_ROLES:
        assert {f"{rid}/index.html", f"{rid}/sitemap.xml", f"{rid}/sitemap.xml.gz", f"{rid}/search/search_index.json"} <= files.keys()
    assert {"index.html", "404.html", ".nojekyll", ".journeys-output"} <= files.keys()


def test_assembled_equals_full_build_with_a_site_url_from_ci(run_cli, copy_project, tmp_path: Path) -> None:
    project = copy_project("crosslinks")
    url = ("--site-url", "https://org.github.io/academy")
    parts = build_parts(run_cli, project, tmp_path / "parts", [["beta"], ["alpha"]], *url)
    assembled, full = tmp_path / "assembled", tmp_path / "full"
    assert run_cli("assemble", project, "--from", parts[0], "--from", parts[1], "-o", assembled, "-q", *url).code == 0
    assert run_cli("build", project, "-o", full, "-q", *url).code == 0
    assert differences(assembled, full) == []
    assert "https://org.github.io/academy/alpha/" in (full / "alpha" / "sitemap.xml").read_text()


def test_assemble_refuses_a_missing_or_doubled_role_and_leaves_out_as_it_was(run_cli, copy_project, tmp_path: Path) -> None:
    project = copy_project("crosslinks")
    a, b = build_parts(run_cli, project, tmp_path / "parts", [["alpha"], ["beta"]])
    out = tmp_path / "site"
    assert run_cli("assemble", project, "--from", a, "--from", b, "-o", out, "-q").code == 0
    before = snapshot(out)

    missing = run_cli("assemble", project, "--from", a, "-o", out)
    assert missing.code == 2
    assert "no part holds the site of beta" in missing.err and "--role beta" in missing.err

    doubled = run_cli("assemble", project, "--from", a, "--from", b, "--from", a, "-o", out)
    assert doubled.code == 2
    assert "'alpha' is in two parts" in doubled.err

    stranger = tmp_path / "stranger"
    shutil.copytree(b, stranger)
    (stranger / "gamma").mkdir()
    (stranger / "gamma" / "index.html").write_text("<p>not ours</p>")
    foreign = run_cli("assemble", project, "--from", a, "--from", stranger, "-o", out)
    assert foreign.code == 2
    assert "gamma/ is not the site of a published role" in foreign.err

    nothing = run_cli("assemble", project, "--from", a, "--from", tmp_path / "no-such-part", "-o", out)
    assert nothing.code == 2 and "no such folder" in nothing.err

    assert snapshot(out) == before
    assert "Traceback" not in missing.err + doubled.err + foreign.err + nothing.err


def test_assemble_needs_a_part(run_cli) -> None:
    assert run_cli("assemble", REPO).code == 2


# --------------------------------------------------------------------------- reproducible builds


def build_dates(site: Path, role: str) -> set[str]:
    """The dates MkDocs wrote into a role's sitemap (with a site_url), and the gzip header's day."""
    import datetime
    import gzip

    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / role / "sitemap.xml").read_text()))
    with gzip.open(site / role / "sitemap.xml.gz") as gz:
        gz.read()
        dates.add(datetime.datetime.fromtimestamp(gz.mtime, datetime.timezone.utc).strftime("%Y-%m-%d"))  # type: ignore[attr-defined]
    return dates


def test_the_build_date_is_the_sources_date_not_today(run_cli, copy_project, tmp_path: Path) -> None:
    """Outside git, the build date is the newest project file's; so parts built on different
    machines (or days) from the same sources agree. SOURCE_DATE_EPOCH, when given, wins."""
    project = copy_project("crosslinks")
    day = 981158400  # 2001-02-03 00:00 UTC
    for p in [project, *project.rglob("*")]:
        os.utime(p, (day, day))
    out = tmp_path / "site"
    assert run_cli("build", project, "-o", out, "-q", "--site-url", "https://x.example/").code == 0
    assert build_dates(out, "alpha") == {"2001-02-03"}
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored after the build

    os.environ["SOURCE_DATE_EPOCH"] = "1262304000"  # 2010-01-01
    try:
        # --no-cache: a role site taken from the cache keeps the date of the build that made it
        assert run_cli("build", project, "-o", out, "-q", "--no-cache", "--site-url", "https://x.example/").code == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert build_dates(out, "beta") == {"2010-01-01"}


def test_in_git_the_build_date_is_the_last_commits(run_cli, copy_project, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    import subprocess

    project = copy_project("crosslinks")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2003-04-05T12:00:00Z", "GIT_COMMITTER_DATE": "2003-04-05T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "sources"]):
        subprocess.run(["git", "-C", str(project), *cmd], check=True, env=env, capture_output=True)
    out = tmp_path / "site"
    assert run_cli("build", project, "-o", out, "-q", "--site-url", "https://x.example/").code == 0
    assert build_dates(out, "alpha") == {"2003-04-05"}


# --------------------------------------------------------------------------- --site-url and the 404 page


def links_of(page: Path) -> list[str]:
    return [a.attrs.get("href", "") for a in parse(page.read_text(encoding="utf-8")).find_all("a")]


def test_site_url_is_used_when_journeys_yml_sets_none(run_cli, copy_project, tmp_path: Path) -> None:
    project = copy_project("crosslinks")
    out = tmp_path / "site"
    assert run_cli("build", project, "-o", out, "-q", "--site-url", "https://org.github.io/repo").code == 0
    assert links_of(out / "404.html") == ["https://org.github.io/repo/", "https://org.github.io/repo/alpha/", "https://org.github.io/repo/beta/"]
    assert '<link rel="canonical" href="https://org.github.io/repo/beta/">' in (out / "beta" / "index.html").read_text()


def test_journeys_yml_site_url_wins_over_the_option(run_cli, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("build", sample, "-o", out, "-q", "--role", "finance", "--site-url", "https://org.github.io/repo/").code == 0
    assert links_of(out / "404.html")[:2] == ["https://academy.northwind.example/crm/", "https://academy.northwind.example/crm/sales-rep/"]


def test_a_site_url_that_is_no_address_is_refused(run_cli, copy_project, tmp_path: Path) -> None:
    result = run_cli("build", copy_project("crosslinks"), "-o", tmp_path / "site", "--site-url", "org.github.io/repo")
    assert result.code == 2
    assert "--site-url org.github.io/repo: expected an http:// or https:// address" in result.err
    assert not (tmp_path / "site").exists()


def test_404_page_without_site_url_links_from_the_root_and_finds_it_by_script(run_cli, copy_project, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("build", copy_project("crosslinks"), "-o", out, "-q").code == 0
    page = out / "404.html"
    assert links_of(page) == ["./", "alpha/", "beta/"]
    html = page.read_text()
    assert "<script>" in html and '["alpha", "beta"]' in html  # the roles the script looks for in the address
    assert "http" not in re.sub(r'(content|href)="[^"]*"|xmlns=\S+', "", html.split("<style>")[0])  # loads nothing from elsewhere


def test_404_page_shows_text_fields_literally(run_cli, tmp_path: Path) -> None:
    """Titles are plain text: on the 404 page too, `<b>`, `&` and quotes show as typed."""
    import yaml

    from tests.htmltree import load

    project = Path(__file__).resolve().parent / "projects" / "escaping"
    config = yaml.safe_load((project / "journeys.yml").read_text(encoding="utf-8"))
    out = tmp_path / "site"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    doc = load(out / "404.html")
    assert doc.find("title").text() == f"Page not found - {config['title']}"
    assert config["title"] in doc.find("body").text()
    titles = [yaml.safe_load((project / "content" / "roles" / f"{rid}.yml").read_text(encoding="utf-8"))["title"] for rid in config["roles"]]
    assert [a.text() for a in doc.find("main").find_all("a")] == ["All roles", *titles]
    assert not [n for n in doc.find("body").iter() if isinstance(n, type(doc)) and n.tag in ("b", "i", "script", "img") and n.parent.tag != "head"]
