"""Text fields appear literally everywhere; Markdown fields render as Markdown.

tests/projects/escaping holds text fields (journeys title, tool, organization,
role / stage / workflow / task / outcome titles, team names) made of
`<b>bold?</b> & # * _ `code` [x](y) :smile: 1. "quotes"`, and Markdown fields
holding **md-bold**, *md-em*, `md-code` and [md-link](...). The spec: *text*
fields "appear literally, whatever characters they hold" and *md* fields are
inline Markdown.

"Literally" is checked on the parsed HTML: the visible text equals the YAML
string, no <b>, <code> or <a href="y"> element is made from it, and it is never
cut short (every `bold?` sits in the whole `CORE` sequence). That holds for the
page content, the <title>, the navigation, the header, the portal and the
Mermaid source on the impact page.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main

PROJECT = Path(__file__).resolve().parent / "projects" / "escaping"
CORE = '<b>bold?</b> & # * _ `code` [x](y) :smile:'


from tests.htmltree import Node, load


def article(doc: Node) -> Node:
    found = doc.find("article")
    assert found is not None
    return found


def headings(node: Node) -> list[Node]:
    return node.find_all(pred=lambda n: re.fullmatch(r"h[1-6]", n.tag) is not None)


# --------------------------------------------------------------------------- literal-text checks


INLINE = {"b", "strong", "em", "i", "code", "a", "kbd", "mark", "del", "s", "sup", "sub", "u", "span"}
FIELD = CORE + ' 1. "quotes"'


def injected(scope: Node) -> list[str]:
    """Elements that could only have come from reading a text field as Markdown or HTML:
    an inline element holding a piece of a text field, a link to `y`, an emoji, a list from `1. `."""
    bad = []
    for n in scope.iter():
        t = n.text()
        if n.tag in INLINE and t and t in FIELD and t.strip() not in ("", "1", "."):
            bad.append(f"<{n.tag}>{t}</{n.tag}>")
        if n.tag == "a" and n.attrs.get("href") == "y":
            bad.append('<a href="y">')
        if n.tag == "li" and t.startswith('"quotes"'):
            bad.append("a list made from '1. \"quotes\"'")
        if (n.tag == "img" and "smile" in n.attrs.get("alt", "") + n.attrs.get("title", "")) or "twemoji" in n.classes:
            bad.append("emoji from :smile:")
    return bad


def cut_short(text: str) -> list[str]:
    """Occurrences of `bold?` that are not inside the complete literal CORE sequence."""
    problems = []
    for m in re.finditer(re.escape("bold?"), text):
        start = m.start() - 3
        if text[start : start + len(CORE)] != CORE:
            problems.append(text[max(0, start - 20) : start + len(CORE) + 10])
    return problems


def assert_literal(scope: Node, where: str) -> None:
    assert not injected(scope), f"{where}: markup made from a text field: {injected(scope)}"
    assert not cut_short(scope.text()), f"{where}: text field not shown literally: {cut_short(scope.text())}"


def attrs_literal(scope: Node) -> list[str]:
    """Attribute values holding a text field must hold it whole (a stray quote cuts them short)."""
    problems = []
    for n in scope.iter():
        for key, value in n.attrs.items():
            if "bold?" in value and cut_short(value):
                problems.append(f"<{n.tag} {key}={value!r}>")
        if any(k in ("code", "[x](y)", '"quotes"', "quotes", "quotes\"", ":smile:", "smile:") for k in n.attrs):
            problems.append(f"<{n.tag}> has attributes made from text: {sorted(n.attrs)}")
    return problems


# --------------------------------------------------------------------------- project data and the build


def _yaml(rel: str):
    return yaml.safe_load((PROJECT / rel).read_text(encoding="utf-8"))


CONFIG = _yaml("journeys.yml")
ROLES = {rid: _yaml(f"content/roles/{rid}.yml") for rid in CONFIG["roles"]}
WORKFLOWS = {p.stem: _yaml(f"content/workflows/{p.name}") for p in sorted((PROJECT / "content" / "workflows").glob("*.yml"))}
TITLE = CONFIG["title"]
OUTCOMES = {o["id"]: o for o in CONFIG["outcomes"]}
TEAM = WORKFLOWS["nasty"]["tasks"][0]["steps"][1]["impacts"][1]["team"]


def test_fixture_is_nasty():
    texts = [TITLE, CONFIG["tool"], CONFIG["organization"], TEAM, *(o["title"] for o in OUTCOMES.values())]
    texts += [r["title"] for r in ROLES.values()] + [s["title"] for r in ROLES.values() for s in r["journey"]]
    texts += [w["title"] for w in WORKFLOWS.values()] + [t["title"] for w in WORKFLOWS.values() for t in w["tasks"]]
    for text in texts:
        assert CORE in text and '"quotes"' in text and "1. " in text, text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("escaping") / "site"
    assert main(["build", str(PROJECT), "-o", str(out), "-q"]) == 0
    return out


def role_pages(out: Path) -> list[Path]:
    return sorted(p for rid in ROLES for p in (out / rid).rglob("*.html") if p.relative_to(out / rid).parts[0] not in ("assets", "search"))


# --------------------------------------------------------------------------- portal


def test_portal_shows_text_fields_literally(site: Path):
    doc = load(site / "index.html")
    assert doc.find("title").text() == TITLE
    assert doc.find("h1").text() == TITLE
    body = doc.find("body")
    assert CONFIG["tool"] in body.text() and CONFIG["organization"] in body.text()
    for rid, role in ROLES.items():
        links = [a for a in body.find_all("a") if a.attrs.get("href", "").rstrip("/") == rid]
        assert [a.text() for a in links] == [role["title"]]
    assert_literal(doc, "portal")
    assert not attrs_literal(doc)


# --------------------------------------------------------------------------- <title>


@pytest.mark.parametrize("rid", list(ROLES))
def test_title_element_is_literal(site: Path, rid: str):
    for page in role_pages(site):
        if page.relative_to(site).parts[0] != rid:
            continue
        title = load(page).find("title")
        assert title is not None
        text = title.text()
        assert TITLE in text and ROLES[rid]["title"] in text, f"{page.relative_to(site)}: {text!r}"
        assert not cut_short(text), f"{page.relative_to(site)}: {text!r}"
    for wid in (w for s in ROLES[rid]["journey"] for w in s["workflows"]):
        assert WORKFLOWS[wid]["title"] in load(site / rid / "workflows" / wid / "index.html").find("title").text()


# --------------------------------------------------------------------------- page content


def test_every_page_content_is_literal(site: Path):
    for page in role_pages(site):
        assert_literal(article(load(page)), str(page.relative_to(site)))


@pytest.mark.parametrize("rid", list(ROLES))
def test_role_home_headings(site: Path, rid: str):
    body = article(load(site / rid / "index.html"))
    role = ROLES[rid]
    assert body.find("h1").text() == role["title"]
    texts = [h.text() for h in headings(body)]
    for n, stage in enumerate(role["journey"], 1):
        assert f"{n}. {stage['title']}" in texts
        for wid in stage["workflows"]:
            assert WORKFLOWS[wid]["title"] in [a.text() for a in body.find_all("a")]


@pytest.mark.parametrize("rid,wid", [("writer", "nasty"), ("reader", "reading")])
def test_workflow_page_headings_and_callouts(site: Path, rid: str, wid: str):
    body = article(load(site / rid / "workflows" / wid / "index.html"))
    wf = WORKFLOWS[wid]
    assert body.find("h1").text() == wf["title"]
    texts = [h.text() for h in headings(body)]
    for n, task in enumerate(wf["tasks"], 1):
        assert f"{n}. {task['title']}" in texts
    names = []
    for task in wf["tasks"]:
        for step in task["steps"]:
            for impact in (step.get("impacts") or []) if isinstance(step, dict) else []:
                names.append(ROLES[impact["role"]]["title"] if impact.get("role") else impact["team"])
    assert names
    # each impact callout's title names the role or team, ending with the exact name
    titles = [n.text() for n in body.iter() if any("title" in c for c in n.classes) or n.tag == "summary"]
    for name in names:
        assert any(t == name or t.endswith(" " + name) for t in titles), f"a callout titled with {name!r}; titles: {titles}"


def test_impact_pages_name_roles_teams_workflows_and_tasks(site: Path):
    writer = article(load(site / "writer" / "impact" / "index.html"))
    texts = [h.text() for h in headings(writer)]
    assert ROLES["reader"]["title"] in texts, "outbound group for the reader role"
    assert any(t.startswith(TEAM) for t in texts), "outbound group for the team"
    nasty, task = WORKFLOWS["nasty"], WORKFLOWS["nasty"]["tasks"][0]
    assert any(nasty["title"] in a.text() and task["title"] in a.text() for a in writer.find_all("a"))
    assert any(WORKFLOWS["reading"]["title"] in h.text() for h in headings(writer)), "inbound from the reader's workflow"
    assert ROLES["reader"]["title"] in writer.text()
    reader = article(load(site / "reader" / "impact" / "index.html"))
    assert any(WORKFLOWS["nasty"]["title"] in h.text() for h in headings(reader))
    assert ROLES["writer"]["title"] in reader.text()


@pytest.mark.parametrize("rid", list(ROLES))
def test_outcomes_page(site: Path, rid: str):
    body = article(load(site / rid / "outcomes" / "index.html"))
    texts = [h.text() for h in headings(body)]
    served = {o for s in ROLES[rid]["journey"] for w in s["workflows"] for o in WORKFLOWS[w].get("outcomes") or []}
    for oid in served:
        assert OUTCOMES[oid]["title"] in texts
    assert CONFIG["organization"] in body.text() and CONFIG["tool"] in body.text()


@pytest.mark.parametrize("rid", list(ROLES))
def test_review_page(site: Path, rid: str):
    body = article(load(site / rid / "review" / "index.html"))
    for s in ROLES[rid]["journey"]:
        for wid in s["workflows"]:
            if WORKFLOWS[wid].get("review"):
                assert WORKFLOWS[wid]["title"] in [h.text() for h in headings(body)]


# --------------------------------------------------------------------------- navigation, header, footer


def test_table_of_contents_is_literal(site: Path):
    for page in role_pages(site):
        doc = load(page)
        for toc in doc.find_all("nav", cls="md-nav--secondary"):
            assert_literal(toc, f"{page.relative_to(site)} table of contents")
    toc = load(site / "writer" / "workflows" / "nasty" / "index.html").find("nav", cls="md-nav--secondary")
    assert f"1. {WORKFLOWS['nasty']['tasks'][0]['title']}" in [a.text() for a in toc.find_all("a")]


@pytest.mark.parametrize("rid", list(ROLES))
def test_nav_is_literal(site: Path, rid: str):
    doc = load(site / rid / "index.html")
    nav = doc.find("nav", cls="md-nav--primary")
    assert nav is not None
    labels = [n.text() for n in nav.iter() if n.tag in ("a", "label", "span") and n.text()]
    for stage in ROLES[rid]["journey"]:
        assert stage["title"] in labels, "stage title as a nav section"
        for wid in stage["workflows"]:
            assert WORKFLOWS[wid]["title"] in labels, "workflow title as a nav entry"
    assert_literal(nav, f"{rid} nav")


@pytest.mark.parametrize("rid", list(ROLES))
def test_header_is_literal(site: Path, rid: str):
    page = site / rid / "workflows" / ("nasty" if rid == "writer" else "reading") / "index.html"
    doc = load(page)
    header = doc.find("header", cls="md-header")
    assert header is not None
    assert TITLE in header.text() and ROLES[rid]["title"] in header.text()
    assert_literal(header, f"{rid} header")
    assert not attrs_literal(header), attrs_literal(header)


def test_no_markup_from_text_fields_anywhere(site: Path):
    problems = {}
    for page in [site / "index.html", *role_pages(site)]:
        doc = load(page)
        found = injected(doc) + attrs_literal(doc) + cut_short(doc.find("body").text())
        if found:
            problems[str(page.relative_to(site))] = found[:3]
    assert not problems, problems


# --------------------------------------------------------------------------- handoff diagram


@pytest.mark.parametrize("rid", list(ROLES))
def test_handoff_diagram_text_is_literal(site: Path, rid: str):
    body = article(load(site / rid / "impact" / "index.html"))
    svg = body.find("svg", pred=lambda n: n.attrs.get("role") == "img")
    assert svg is not None
    # A box's title may wrap over several <text> lines, always at a space.
    labels = " ".join(t.text() for t in svg.find_all("text"))
    other = "reader" if rid == "writer" else "writer"
    for name in (ROLES[rid]["title"], ROLES[other]["title"], TEAM):
        assert " ".join(name.split()) in labels, f"the diagram names {name!r}; labels: {labels}"
        assert " ".join(name.split()) in svg.find("title").text() + " " + svg.find("desc").text()
    assert not cut_short(labels), f"label cut short or mangled: {labels!r}"


# --------------------------------------------------------------------------- Markdown fields


MD_FIELDS = {
    "writer/index.html": ["Rolesummary", "Mastery", "Summary"],
    "reader/index.html": ["Readersummary"],
    "writer/workflows/nasty/index.html": [
        "Summary", "Trigger", "Before", "After", "Stepone", "Steptwo", "Why", "Skipped", "Wrong", "Done", "Pitfall", "Question", "Answer",
    ],
    "writer/impact/index.html": ["Steptwo", "Skipped", "Wrong"],
    "reader/impact/index.html": ["Steptwo", "Skipped"],
    "writer/review/index.html": ["Question"],
    "writer/outcomes/index.html": ["Measure"],
    "reader/outcomes/index.html": ["Measure"],
}
BLOCKS = ("p", "li", "summary", "td", "dd", "div")


@pytest.mark.parametrize("page,marker", [(p, m) for p, ms in MD_FIELDS.items() for m in ms])
def test_markdown_fields_render(site: Path, page: str, marker: str):
    path = site / page
    body = article(load(path))
    needle = f"{marker} with md-bold"
    hits = [n for n in body.iter() if n.tag in BLOCKS and n.text().startswith(needle)]
    hits = [n for n in hits if not any(m is not n and m.tag in BLOCKS and m.text().startswith(needle) for m in n.iter())]
    if not hits:  # a label ("If skipped:", "Why it matters:") may precede the field inside the block
        hits = [n for n in body.iter() if n.tag in BLOCKS and needle in n.text()]
        hits = [n for n in hits if not any(m is not n and m.tag in BLOCKS and needle in m.text() for m in n.iter())]
    assert hits, f"{page}: no element shows the {marker} field"
    for el in hits:
        assert [n.text() for n in el.find_all("strong") if n.text() == "md-bold"], f"{page} {marker}: **md-bold** -> <strong>"
        assert [n.text() for n in el.find_all("em") if n.text() == "md-em"], f"{page} {marker}: *md-em* -> <em>"
        assert [n.text() for n in el.find_all("code") if n.text() == "md-code"], f"{page} {marker}: `md-code` -> <code>"
        rest = el.text().replace(CORE, "")
        assert "**" not in rest and "`" not in rest
        links = [a for a in el.find_all("a") if a.text() == "md-link"]
        assert links, f"{page} {marker}: [md-link](...) -> <a>"
        href = links[0].attrs["href"]
        if not re.match(r"^https?:", href):
            url = href.split("#")[0]
            target = Path(os.path.normpath(path.parent / url))
            target = target / "index.html" if url.endswith("/") or target.is_dir() else target
            assert target.is_file(), f"{page} {marker}: {href} -> {target}"


@pytest.mark.parametrize("rid", list(ROLES))
def test_search_index_holds_text_fields_as_text(site: Path, rid: str):
    """Material's search shows index titles and text as HTML: a text field must be escaped there too."""
    import json

    index = json.loads((site / rid / "search" / "search_index.json").read_text(encoding="utf-8"))
    raw = json.dumps(index, ensure_ascii=False)
    assert "<b>" not in raw, "a text field became markup in the search index"
    titles = [doc["title"] for doc in index["docs"]]
    nasty = WORKFLOWS["nasty"]["title"]
    if any(w == "nasty" for stage in ROLES[rid]["journey"] for w in stage["workflows"]):
        assert html.escape(nasty, quote=False) in " ".join(titles) or html.escape(nasty) in " ".join(titles)
