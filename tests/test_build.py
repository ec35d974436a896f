"""`journeys build` end to end: output layout, --role, refusals, atomic failure, cross-site links.

Builds tests/projects/crosslinks (two roles, alpha and beta, whose content links
across sites, to page fragments and to a media image).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import generator.pipeline
from generator.cli import main

PROJECTS = Path(__file__).resolve().parent / "projects"
CROSSLINKS = PROJECTS / "crosslinks"
LEFTOVERS = (".journeys-staging-", ".journeys-retired-")


# --------------------------------------------------------------------------- helpers


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (sha256) and folder under `folder`, by relative path."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(LEFTOVERS)] if folder.is_dir() else []


def build(project: Path, out: Path, *extra: str) -> None:
    assert main(["build", str(project), "-o", str(out), "-q", *extra]) == 0


class _Links(HTMLParser):
    """Collects ids, and href/src of <a>/<img> inside the page's <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, url, text placeholder)
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "article":
            self.depth += 1
        if self.depth and tag == "a" and a.get("href"):
            self.links.append(("a", a["href"], ""))
        if self.depth and tag == "img" and a.get("src"):
            self.links.append(("img", a["src"], a.get("alt") or ""))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


@functools.lru_cache(maxsize=None)
def page_links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def resolve(page: Path, href: str) -> tuple[Path, str]:
    url, _, fragment = href.partition("#")
    if not url:
        return page, fragment
    target = Path(os.path.normpath(page.parent / url.split("?")[0]))
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def is_external(href: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href)) or href.startswith("//")


def targets(page: Path, tag: str = "a") -> dict[Path, list[str]]:
    """Where each relative link (or image) in the page's content lands: file -> hrefs."""
    out: dict[Path, list[str]] = {}
    for t, href, _ in page_links(page).links:
        if t == tag and not is_external(href) and not href.startswith("#"):
            out.setdefault(resolve(page, href)[0], []).append(href)
    return out


def assert_lands(out: Path, page: Path, expected: Path, fragment: str | None = None, tag: str = "a") -> str:
    """Some link in `page` lands on `expected` (and the fragment's id exists there); returns its href."""
    hits = targets(page, tag).get(expected, [])
    if fragment is not None:
        hits = [h for h in hits if h.partition("#")[2] == fragment]
    assert hits, f"{page.relative_to(out)}: no {tag} to {expected.relative_to(out)}#{fragment or ''}; has {sorted(str(p.relative_to(out)) for p in targets(page, tag))}"
    for href in hits:
        assert not href.startswith("/"), f"{href}: links are relative, so the sites work from any folder"
        assert expected.is_file()
        if fragment:
            assert fragment in page_links(expected).ids, f"{expected.relative_to(out)} has no id {fragment!r}"
    return hits[0]


def content_pages(out: Path, roles: list[str]) -> list[Path]:
    return [p for rid in roles for p in sorted((out / rid).rglob("index.html")) if p.relative_to(out / rid).parts[0] not in ("assets", "search")]


# --------------------------------------------------------------------------- a full build, shared by the read-only tests


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crosslinks")
    project = root / "project"
    shutil.copytree(CROSSLINKS, project)
    out = root / "out"
    build(project, out)
    return out


def test_build_writes_portal_and_every_role_site(built: Path):
    assert (built / "index.html").is_file()
    for rid in ("alpha", "beta"):
        for rel in ("index.html", "impact/index.html", "review/index.html", "outcomes/index.html"):
            assert (built / rid / rel).is_file(), f"{rid}/{rel}"
    assert (built / "alpha/workflows/alpha-log/index.html").is_file()
    assert (built / "alpha/workflows/shared-step/index.html").is_file()
    assert (built / "beta/workflows/beta-check/index.html").is_file()
    assert (built / "beta/workflows/shared-step/index.html").is_file()
    assert not (built / "alpha/workflows/beta-check").exists(), "a role site holds only its own journey"
    assert (built / "alpha/pages/guide/index.html").is_file()
    assert not (built / "beta/pages").exists(), "beta includes no pages"
    assert not leftovers(built.parent)


def test_default_out_is_project_site(copy_project, run_cli):
    project = copy_project("crosslinks")
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.err
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "alpha" / "index.html").is_file()
    assert (project / "site" / "beta" / "index.html").is_file()
    assert not leftovers(project)


def test_nonexistent_project_is_a_usage_error(run_cli, tmp_path: Path):
    result = run_cli("build", tmp_path / "nope", "-o", tmp_path / "out")
    assert result.code == 2
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- --role


def test_role_builds_only_that_role_then_a_second_role_keeps_the_first(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    result = run_cli("build", project, "-o", out, "--role", "alpha", "-q")
    assert result.code == 0, result.err
    assert (out / "index.html").is_file(), "the portal is always written"
    assert (out / "alpha" / "index.html").is_file()
    assert not (out / "beta").exists(), "only the named role is built"
    alpha = snapshot(out / "alpha")

    result = run_cli("build", project, "-o", out, "--role", "beta", "-q")
    assert result.code == 0, result.err
    assert (out / "beta" / "index.html").is_file()
    assert snapshot(out / "alpha") == alpha, "the earlier alpha site is kept as it was"
    portal = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="alpha/' in portal and 'href="beta/' in portal
    assert not leftovers(tmp_path)


def test_role_rebuild_leaves_other_sites_untouched(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    beta = snapshot(out / "beta")
    role = project / "content" / "roles" / "alpha.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("You log the work", "You now log the work"), encoding="utf-8")
    wf = project / "content" / "workflows" / "beta-check.yml"
    wf.write_text(wf.read_text(encoding="utf-8").replace("Send back anything missing", "Send back everything missing"), encoding="utf-8")
    result = run_cli("build", project, "-o", out, "--role", "alpha", "-q")
    assert result.code == 0, result.err
    assert "You now log the work" in (out / "alpha" / "index.html").read_text(encoding="utf-8")
    assert snapshot(out / "beta") == beta, "beta was not rebuilt, so it still shows the old text"


def test_repeated_role_builds_each(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    result = run_cli("build", project, "-o", out, "--role", "beta", "--role", "alpha", "-q")
    assert result.code == 0, result.err
    assert (out / "alpha" / "index.html").is_file() and (out / "beta" / "index.html").is_file()


def test_unknown_role_is_a_usage_error_with_did_you_mean(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    result = run_cli("build", project, "-o", out, "--role", "alpah")
    assert result.code == 2
    assert "alpah" in result.err and "did you mean 'alpha'" in result.err
    assert "Traceback" not in result.err
    assert not out.exists(), "nothing is written"
    assert not leftovers(tmp_path)


def test_unknown_role_leaves_earlier_out_unchanged(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    before = snapshot(out)
    assert run_cli("build", project, "-o", out, "--role", "gamma").code == 2
    assert snapshot(out) == before


# --------------------------------------------------------------------------- a failed build changes nothing


def _break_anchor_in_page(project: Path) -> str:
    # A same-page #fragment is left as written by journeys: only MkDocs' strict build sees it.
    page = project / "content" / "pages" / "guide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nothing](#no-such-anchor).\n", encoding="utf-8")
    return "content/pages/guide.md"


def _break_anchor_in_intro(project: Path) -> str:
    intro = project / "content" / "workflows" / "alpha-log.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nAnd [a missing part](../pages/guide.md#not-a-heading).\n", encoding="utf-8")
    return "content/workflows/alpha-log.md"


def _break_link_to_missing_file(project: Path) -> str:
    page = project / "content" / "pages" / "guide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the other guide](other-guide.md).\n", encoding="utf-8")
    return "content/pages/guide.md"


def _break_unknown_workflow(project: Path) -> str:
    role = project / "content" / "roles" / "beta.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("[beta-check, shared-step]", "[beta-check, shared-stpe]"), encoding="utf-8")
    return "content/roles/beta.yml"


BREAKERS = {
    "anchor-missing-in-page (only MkDocs sees it)": _break_anchor_in_page,
    "anchor-missing-from-workflow-intro": _break_anchor_in_intro,
    "link-to-missing-file": _break_link_to_missing_file,
    "unknown-workflow-id": _break_unknown_workflow,
}


@pytest.mark.parametrize("breaker", list(BREAKERS))
@pytest.mark.parametrize("roles", [(), ("--role", "alpha")], ids=["all-roles", "one-role"])
def test_failed_build_leaves_earlier_out_identical(copy_project, run_cli, tmp_path: Path, breaker: str, roles: tuple[str, ...]):
    project = copy_project("crosslinks")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q").code == 0
    before = snapshot(out)
    source = BREAKERS[breaker](project)

    result = run_cli("build", project, "-o", out, "-q", *roles)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert any(line.startswith(f"{source}:") for line in result.error_lines), result.err
    assert snapshot(out) == before, "a failed build leaves the earlier OUT exactly as it was"
    assert not leftovers(tmp_path), "no staging folders are left behind"
    assert not leftovers(project)


@pytest.mark.parametrize("breaker", ["link-to-missing-file", "unknown-workflow-id"])
def test_content_error_names_the_file(copy_project, run_cli, tmp_path: Path, breaker: str):
    project = copy_project("crosslinks")
    source = BREAKERS[breaker](project)
    result = run_cli("build", project, "-o", tmp_path / "out", "-q")
    assert result.code == 1
    assert any(re.match(rf"{re.escape(source)}:\d+:\d+: error: ", line) for line in result.error_lines), result.err


@pytest.mark.parametrize("breaker", ["anchor-missing-in-page (only MkDocs sees it)", "anchor-missing-from-workflow-intro"])
def test_anchor_error_points_at_the_link(copy_project, run_cli, tmp_path: Path, breaker: str):
    project = copy_project("crosslinks")
    source = BREAKERS[breaker](project)
    line = len((project / source).read_text(encoding="utf-8").rstrip("\n").splitlines())  # the breaker appends the link
    result = run_cli("build", project, "-o", tmp_path / "out", "-q")
    assert result.code == 1
    assert any(re.match(rf"{re.escape(source)}:{line}:\d+: error: ", l) for l in result.error_lines), result.err


def test_failed_first_build_writes_no_out(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    _break_anchor_in_page(project)
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "-q").code == 1
    assert not out.exists()
    assert not leftovers(tmp_path)


# --------------------------------------------------------------------------- refused output folders


class _NoSwap:
    """Stands in for the publisher: reaching it means the dangerous OUT was not refused first."""

    def __init__(self, out: Path) -> None:
        pytest.fail(f"the build went on to write {out}")


@pytest.mark.parametrize("where", ["project-root", "project-root-via-dotdot", "project-parent", "content", "filesystem-root"])
def test_dangerous_out_is_refused(copy_project, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str):
    project = copy_project("crosslinks")
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("not journeys output\n", encoding="utf-8")
    out = {
        "project-root": project,
        "project-root-via-dotdot": project / "content" / "..",
        "project-parent": project.parent,
        "content": project / "content",
        "filesystem-root": Path(project.anchor),
    }[where]
    if where == "filesystem-root":
        monkeypatch.setattr(generator.pipeline, "OutputSwap", _NoSwap)
    before = snapshot(tmp_path)
    result = run_cli("build", project, "-o", out)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert snapshot(tmp_path) == before, "nothing is deleted or written"


def test_dot_out_from_inside_the_project_is_refused(copy_project, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = copy_project("crosslinks")
    monkeypatch.chdir(project)
    before = snapshot(tmp_path)
    assert run_cli("build", ".", "-o", ".").code == 2
    assert snapshot(tmp_path) == before


def test_foreign_non_empty_out_is_refused(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "mine"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "todo.txt").write_text("mine\n", encoding="utf-8")
    (out / "index.html").write_text("<p>my own site</p>\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_cli("build", project, "-o", out)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert snapshot(tmp_path) == before


def test_out_that_is_a_file_is_refused(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "out.html"
    out.write_text("x", encoding="utf-8")
    assert run_cli("build", project, "-o", out).code == 2
    assert out.read_text(encoding="utf-8") == "x"


def test_empty_out_folder_is_used(copy_project, run_cli, tmp_path: Path):
    project = copy_project("crosslinks")
    out = tmp_path / "empty"
    out.mkdir()
    assert run_cli("build", project, "-o", out, "-q").code == 0
    assert (out / "index.html").is_file()


def test_rebuild_into_journeys_out_is_allowed(built: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(CROSSLINKS, project)
    out = tmp_path / "out"
    build(project, out)
    build(project, out)
    assert (out / "alpha" / "index.html").is_file()
    assert not leftovers(tmp_path)


# --------------------------------------------------------------------------- cross-site links, fragments, media


def test_link_to_a_workflow_only_another_role_has(built: Path):
    page = built / "alpha" / "workflows" / "alpha-log" / "index.html"
    href = assert_lands(built, page, built / "beta" / "workflows" / "beta-check" / "index.html")
    assert href.startswith("../../../beta/workflows/beta-check/"), href
    home = built / "alpha" / "index.html"
    href = assert_lands(built, home, built / "beta" / "workflows" / "beta-check" / "index.html")
    assert href.startswith("../beta/workflows/beta-check/"), href


def test_link_to_another_sites_step_keeps_its_fragment(built: Path):
    page = built / "alpha" / "workflows" / "alpha-log" / "index.html"
    assert_lands(built, page, built / "beta" / "workflows" / "beta-check" / "index.html", "check-step-1")
    back = built / "beta" / "workflows" / "beta-check" / "index.html"
    assert_lands(built, back, built / "alpha" / "workflows" / "alpha-log" / "index.html", "create-step-2")


def test_link_to_a_page_with_fragment(built: Path):
    page = built / "alpha" / "workflows" / "alpha-log" / "index.html"
    assert_lands(built, page, built / "alpha" / "pages" / "guide" / "index.html", "naming-records")


def test_link_to_a_page_only_another_role_includes(built: Path):
    page = built / "beta" / "workflows" / "beta-check" / "index.html"
    href = assert_lands(built, page, built / "alpha" / "pages" / "guide" / "index.html", "naming-records")
    assert href.startswith("../../../alpha/pages/guide/"), href


def test_link_to_a_role(built: Path):
    page = built / "alpha" / "workflows" / "alpha-log" / "index.html"
    assert_lands(built, page, built / "beta" / "index.html")


def test_link_to_a_shared_workflow_stays_in_the_own_site(built: Path):
    page = built / "alpha" / "workflows" / "alpha-log" / "index.html"
    assert_lands(built, page, built / "alpha" / "workflows" / "shared-step" / "index.html")
    assert built / "beta" / "workflows" / "shared-step" / "index.html" not in targets(page)


def test_media_image_is_copied_and_linked(built: Path):
    source = (CROSSLINKS / "content" / "media" / "flow.svg").read_bytes()
    for page in (
        built / "alpha" / "workflows" / "alpha-log" / "index.html",  # in the .md introduction and a step's why
        built / "alpha" / "pages" / "guide" / "index.html",
    ):
        images = targets(page, "img")
        assert images, f"{page.relative_to(built)} shows the image"
        for target in images:
            assert target.is_file() and target.read_bytes() == source
            assert built / page.relative_to(built).parts[0] in target.parents, "the image is served from the page's own site"


def test_every_link_and_image_in_every_site_resolves(built: Path):
    for page in content_pages(built, ["alpha", "beta"]):
        for tag, href, _ in page_links(page).links:
            if is_external(href):
                continue
            target, fragment = resolve(page, href)
            assert built.resolve() in target.resolve().parents, f"{page.relative_to(built)}: {href} leaves OUT"
            assert target.is_file(), f"{page.relative_to(built)}: {href} -> missing {target}"
            if fragment and target.suffix == ".html":
                assert fragment in page_links(target).ids, f"{page.relative_to(built)}: {href}: no such id"
