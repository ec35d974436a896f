"""The HTML of every page kind in the spec's URL table, checked against the bundled sample.

Expectations are derived from the sample's YAML (read with yaml.safe_load), not
hard-coded, so the sample can change without these tests changing. The HTML is
parsed with the standard library only (a tiny tree builder below).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DEFAULT_INTERVALS = [1, 3, 7, 14, 30]


from tests.htmltree import Node, load


def article(doc: Node) -> Node:
    """The page's own content (Material puts it in article.md-content__inner)."""
    return doc.find("article") or doc


def title_of(doc: Node) -> str:
    node = doc.find("title")
    return node.text() if node else ""


def headings(node: Node) -> list[Node]:
    return node.find_all(pred=lambda n: re.fullmatch(r"h[1-6]", n.tag) is not None)


def section(root: Node, heading: Node) -> list[Node]:
    """Every node after `heading` (document order) up to the next heading of the same or a higher level."""
    level = int(heading.tag[1])
    nodes = list(root.iter())
    start = nodes.index(heading)
    out = []
    for n in nodes[start + 1 :]:
        if re.fullmatch(r"h[1-6]", n.tag) and int(n.tag[1]) <= level:
            break
        if heading not in n.ancestors():
            out.append(n)
    return out


def heading_named(root: Node, words: str) -> Node:
    for h in headings(root):
        if words.lower() in h.text().lower():
            return h
    raise AssertionError(f"no heading containing {words!r}; headings: {[h.text() for h in headings(root)]}")


def resolve(out: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a relative href from `page` (a built .html file) points at, and its fragment."""
    url, _, fragment = href.partition("#")
    url = url.split("?", 1)[0]
    if not url:
        return page, fragment
    target = Path(os.path.normpath(page.parent / url))
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def is_external(href: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href)) or href.startswith("//")


def check_link(out: Path, page: Path, href: str) -> Node | None:
    """Assert a relative link from `page` lands on an existing file inside OUT (and element, with a fragment)."""
    target, fragment = resolve(out, page, href)
    assert out.resolve() in target.resolve().parents, f"{page}: {href!r} leaves the output folder"
    assert target.is_file(), f"{page.relative_to(out)}: link {href!r} -> {target} does not exist"
    if fragment and target.suffix == ".html":
        hit = load(target).find(pred=lambda n: n.attrs.get("id") == fragment)
        assert hit is not None, f"{page.relative_to(out)}: link {href!r}: no id={fragment!r} in {target.relative_to(out)}"
        return hit
    return None


def mermaid_source(node: Node) -> str:
    """A Mermaid block's text with Mermaid's own entity codes (#60; etc.) decoded."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), node.raw_text())


# --------------------------------------------------------------------------- the sample's YAML


def md_plain(text: str) -> str:
    """Roughly the visible text of an inline Markdown string: no emphasis marks, code ticks or link targets."""
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = s.replace("**", "").replace("`", "")
    s = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"\1", s)
    return " ".join(s.split())


def _load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CONFIG = _load_yaml(REPO / "journeys.yml")
ROLES = {p.stem: _load_yaml(p) for p in sorted((CONTENT / "roles").glob("*.yml"))}
WORKFLOWS = {p.stem: _load_yaml(p) for p in sorted((CONTENT / "workflows").glob("*.yml"))}
PUBLISHED = list(CONFIG.get("roles") or sorted(ROLES))
INTERVALS = list((CONFIG.get("review") or {}).get("intervals") or DEFAULT_INTERVALS)


def role_workflows(rid: str) -> list[str]:
    return [w for stage in ROLES[rid]["journey"] for w in stage["workflows"]]


def steps_of(wid: str):
    """(task, step number, step as a dict with do/why/impacts)."""
    for task in WORKFLOWS[wid]["tasks"]:
        for n, step in enumerate(task["steps"], 1):
            yield task, n, (step if isinstance(step, dict) else {"do": step})


def who(impact: dict) -> str:
    return ROLES[impact["role"]]["title"] if impact.get("role") else impact["team"]


ROLE_WF = [(rid, wid) for rid in PUBLISHED for wid in role_workflows(rid)]
ROLE_PAGES = [(rid, pid) for rid in PUBLISHED for pid in [*(ROLES[rid].get("first_pages") or []), *(ROLES[rid].get("pages") or [])]]


def content_pages(out: Path) -> list[Path]:
    """Every page a learner reads (not search, 404 or theme assets)."""
    pages = [out / "index.html"]
    for rid in PUBLISHED:
        for p in sorted((out / rid).rglob("index.html")):
            rel = p.relative_to(out / rid).parts
            if rel[0] in ("assets", "search"):
                continue
            pages.append(p)
    return pages


# --------------------------------------------------------------------------- portal


def test_portal_links_every_published_role_in_order(sample_site: Path):
    portal = sample_site / "index.html"
    doc = load(portal)
    assert CONFIG["title"] in title_of(doc)
    assert CONFIG["title"] in doc.find("body").text()
    role_links = []
    for a in doc.find_all("a"):
        href = a.attrs.get("href", "")
        for rid in PUBLISHED:
            if href.rstrip("/").removesuffix("/index.html").rstrip("/") == rid:
                role_links.append((rid, a))
    seen = list(dict.fromkeys(rid for rid, _ in role_links))
    assert seen == PUBLISHED, "the portal links every published role, in journeys.yml order"
    for rid, a in role_links:
        check_link(sample_site, portal, a.attrs["href"])
    for rid in PUBLISHED:
        texts = [a.text() for r, a in role_links if r == rid]
        assert ROLES[rid]["title"] in texts, f"the card for {rid} names the role by its title"


def test_portal_has_one_card_per_role(sample_site: Path):
    doc = load(sample_site / "index.html")
    for rid in PUBLISHED:
        cards = [li for li in doc.find_all("li") if any(a.attrs.get("href") in (f"{rid}/", f"{rid}/index.html") for a in li.find_all("a"))]
        assert len(cards) == 1, f"one card for {rid}"
        assert ROLES[rid]["title"] in cards[0].text()


# --------------------------------------------------------------------------- role home


@pytest.mark.parametrize("rid", PUBLISHED)
def test_role_home(sample_site: Path, rid: str):
    page = sample_site / rid / "index.html"
    doc = load(page)
    body = article(doc)
    role = ROLES[rid]
    text = body.text()
    assert body.find("h1").text() == role["title"]
    assert role["title"] in title_of(doc)
    assert md_plain(role["summary"]) in text
    for stage in role["journey"]:
        assert any(stage["title"] in h.text() for h in headings(body)), f"stage heading {stage['title']!r}"
    targets = set()
    for a in body.find_all("a"):
        href = a.attrs.get("href", "")
        if href and not is_external(href):
            check_link(sample_site, page, href)
            targets.add(resolve(sample_site, page, href)[0])
    for wid in role_workflows(rid):
        assert sample_site / rid / "workflows" / wid / "index.html" in targets, f"role home links to workflow {wid}"
        assert any(a.text() == WORKFLOWS[wid]["title"] for a in body.find_all("a"))


@pytest.mark.parametrize("rid", PUBLISHED)
def test_role_home_stages_in_journey_order(sample_site: Path, rid: str):
    text = article(load(sample_site / rid / "index.html")).text()
    positions = []
    for stage in ROLES[rid]["journey"]:
        positions.append(text.index(stage["title"]))
        for wid in stage["workflows"]:
            positions.append(text.index(WORKFLOWS[wid]["title"], positions[-1]))
    assert positions == sorted(positions)


@pytest.mark.parametrize("rid", PUBLISHED)
def test_role_home_progress(sample_site: Path, rid: str):
    body = article(load(sample_site / rid / "index.html"))
    total = len(role_workflows(rid))
    progress = [n for n in body.iter() if any(c.startswith("journeys-progress") for c in n.classes)]
    assert progress, "the role home shows the learner's progress"
    assert any(re.search(rf"\bof {total}\b", n.text()) for n in progress), f"progress counts out of {total} workflows"


@pytest.mark.parametrize("rid", [r for r in PUBLISHED if ROLES[r].get("mastery")])
def test_role_home_mastery_checklist(sample_site: Path, rid: str):
    body = article(load(sample_site / rid / "index.html"))
    items = [li for li in body.find_all("li") if li.find("input", pred=lambda n: n.attrs.get("type") == "checkbox")]
    for item in ROLES[rid]["mastery"]:
        assert any(md_plain(item) in li.text() for li in items), f"mastery item {item!r} is a checklist item"


# --------------------------------------------------------------------------- workflow pages


def test_every_workflow_page_exists(sample_site: Path):
    for rid, wid in ROLE_WF:
        assert (sample_site / rid / "workflows" / wid / "index.html").is_file()


def test_update_stage_has_an_intro():
    # the sample must keep exercising the .md introduction
    assert (CONTENT / "workflows" / "update-stage.md").is_file()


def _intro_marker(wid: str) -> str | None:
    path = CONTENT / "workflows" / f"{wid}.md"
    if not path.is_file():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return md_plain(line.lstrip("#").strip())
    return None


@pytest.mark.parametrize("rid,wid", ROLE_WF)
def test_workflow_page_shows_everything_in_order(sample_site: Path, rid: str, wid: str):
    doc = load(sample_site / rid / "workflows" / wid / "index.html")
    body = article(doc)
    wf = WORKFLOWS[wid]
    text = body.text()
    assert body.find("h1").text() == wf["title"]
    assert wf["title"] in title_of(doc)
    sequence = [("summary", md_plain(wf["summary"]))]
    if wf.get("trigger"):
        sequence.append(("trigger", md_plain(wf["trigger"])))
    intro = _intro_marker(wid)
    if intro:
        sequence.append(("introduction", intro))
    for key in ("before", "after"):
        if wf.get(key):
            sequence.append((key, md_plain(wf[key].strip().splitlines()[0])))
    for task in wf["tasks"]:
        sequence.append((f"task {task['id']}", task["title"]))
        if task.get("done_when"):
            sequence.append((f"done_when of {task['id']}", md_plain(task["done_when"])))
        for pitfall in task.get("pitfalls") or []:
            sequence.append((f"pitfall of {task['id']}", md_plain(pitfall)))
    for item in wf.get("review") or []:
        sequence.append(("review question", md_plain(item["question"])))
    pos = 0
    for what, snippet in sequence:
        found = text.find(snippet, pos)
        assert found >= 0, f"{wid}: {what} {snippet!r} missing or out of order"
        pos = found + len(snippet)


@pytest.mark.parametrize("rid,wid", ROLE_WF)
def test_workflow_tasks_have_numbered_steps_with_why_and_impacts(sample_site: Path, rid: str, wid: str):
    body = article(load(sample_site / rid / "workflows" / wid / "index.html"))
    nodes = list(body.iter())
    for task in WORKFLOWS[wid]["tasks"]:
        heading = next(h for h in headings(body) if task["title"] in h.text())
        ol = next(n for n in nodes[nodes.index(heading) :] if n.tag == "ol")
        items = [c for c in ol.children if isinstance(c, Node) and c.tag == "li"]
        assert len(items) == len(task["steps"]), f"{wid}/{task['id']}: one <li> per step, in an <ol>"
        for li, raw in zip(items, task["steps"]):
            step = raw if isinstance(raw, dict) else {"do": raw}
            assert md_plain(step["do"]) in li.text()
            if step.get("why"):
                assert md_plain(step["why"]) in li.text(), "the step's why is shown with it"
            for impact in step.get("impacts") or []:
                name = "Affects you" if impact.get("role") == rid else who(impact)  # on its own site, the reader is "you"
                consequences = [md_plain(impact[k]) for k in ("if_skipped", "if_wrong") if impact.get(k)]
                callouts = [
                    n
                    for n in li.iter()
                    if n is not li and n.tag in ("div", "aside", "details", "section", "blockquote")
                    and name in n.text() and all(c in n.text() for c in consequences)
                ]
                assert callouts, f"{wid}/{task['id']}: a callout naming {name!r} with {consequences}"


@pytest.mark.parametrize("rid,wid", [(r, w) for r, w in ROLE_WF if WORKFLOWS[w].get("review")])
def test_workflow_review_answers_hidden_in_details(sample_site: Path, rid: str, wid: str):
    body = article(load(sample_site / rid / "workflows" / wid / "index.html"))
    details = body.find_all("details")
    for item in WORKFLOWS[wid]["review"]:
        question = md_plain(item["question"])
        hits = [d for d in details if d.find("summary") and question in d.find("summary").text()]
        assert len(hits) == 1, f"{wid}: the question {question!r} is the summary of one <details>"
        d = hits[0]
        assert "open" not in d.attrs, "answers are hidden until asked for"
        if item.get("answer"):
            answer = md_plain(item["answer"].strip().splitlines()[0])
            assert answer in d.text()
            assert answer not in d.find("summary").text()


def test_step_anchors_are_unique_per_page(sample_site: Path):
    for rid, wid in ROLE_WF:
        ids = [n.attrs["id"] for n in load(sample_site / rid / "workflows" / wid / "index.html").iter() if "id" in n.attrs]
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{rid}/{wid}: duplicate ids {dupes}"


# --------------------------------------------------------------------------- impact page


def _outbound(rid: str) -> dict[str, list[tuple[str, dict, int, dict, dict]]]:
    groups: dict[str, list] = {}
    for wid in role_workflows(rid):
        for task, n, step in steps_of(wid):
            for impact in step.get("impacts") or []:
                if impact.get("role") == rid:
                    continue
                groups.setdefault(who(impact), []).append((wid, task, n, step, impact))
    return groups


def _inbound(rid: str) -> list[tuple[str, dict, int, dict, dict]]:
    seen, out = set(), []
    for other in PUBLISHED:
        if other == rid:
            continue
        for wid in role_workflows(other):
            if wid in seen:
                continue
            seen.add(wid)
            for task, n, step in steps_of(wid):
                for impact in step.get("impacts") or []:
                    if impact.get("role") == rid:
                        out.append((wid, task, n, step, impact))
    return out


def _step_links(out: Path, page: Path, nodes: list[Node]) -> list[tuple[str, Node, Node]]:
    """(workflow id, link, the <li> of the step its fragment lands on) for each workflow+step link."""
    found = []
    for a in [n for n in nodes if n.tag == "a"]:
        href = a.attrs.get("href", "")
        if not href or is_external(href) or "#" not in href:
            continue
        target, _ = resolve(out, page, href)
        m = re.search(r"/workflows/([a-z0-9-]+)/index\.html$", target.as_posix())
        if not m:
            continue
        hit = check_link(out, page, href)
        li = next((n for n in [hit, *hit.ancestors()] if n.tag == "li"), None)
        assert li is not None, f"{href}: the anchor sits in a step (<li>)"
        found.append((m.group(1), a, li))
    return found


@pytest.mark.parametrize("rid", PUBLISHED)
def test_impact_page_who_depends_on_you(sample_site: Path, rid: str):
    page = sample_site / rid / "impact" / "index.html"
    body = article(load(page))
    outbound = _outbound(rid)
    heading = heading_named(body, "depends on you")
    nodes = section(body, heading)
    text = " ".join(n.text() for n in nodes if n.tag in ("h2", "h3", "h4", "li", "p"))
    group_headings = [n for n in nodes if re.fullmatch(r"h[2-6]", n.tag)]
    links = _step_links(sample_site, page, nodes)
    for name, entries in outbound.items():
        assert any(name in h.text() for h in group_headings), f"a group for {name!r}"
        for wid, task, n, step, impact in entries:
            for key in ("if_skipped", "if_wrong"):
                if impact.get(key):
                    assert md_plain(impact[key]) in text
            assert any(w == wid and md_plain(step["do"]) in li.text() for w, _, li in links), (
                f"a link to {wid} step {task['id']}#{n} that lands on that step"
            )


@pytest.mark.parametrize("rid", PUBLISHED)
def test_impact_page_what_reaches_you(sample_site: Path, rid: str):
    page = sample_site / rid / "impact" / "index.html"
    body = article(load(page))
    heading = heading_named(body, "What reaches you")
    nodes = section(body, heading)
    text = " ".join(n.text() for n in nodes if n.tag in ("h3", "h4", "li", "p"))
    links = _step_links(sample_site, page, nodes)
    inbound = _inbound(rid)
    for wid, task, n, step, impact in inbound:
        for key in ("if_skipped", "if_wrong"):
            if impact.get(key):
                assert md_plain(impact[key]) in text
        assert any(w == wid and md_plain(step["do"]) in li.text() for w, _, li in links), (
            f"{rid}: what reaches you from {wid} step {task['id']}#{n} links to that step"
        )
    assert inbound or "no other" in " ".join(n.text().lower() for n in nodes if n.tag == "p")


def test_sample_has_inbound_impacts_for_every_role():
    # keeps the "what reaches you" tests meaningful
    assert all(_inbound(rid) for rid in PUBLISHED)


def handoff_svg(body: Node) -> Node | None:
    """The impact page's handoff diagram: inline SVG drawn at build time."""
    return body.find("svg", pred=lambda n: n.attrs.get("role") == "img")


@pytest.mark.parametrize("rid", PUBLISHED)
def test_impact_page_diagram_names_roles(sample_site: Path, rid: str):
    body = article(load(sample_site / rid / "impact" / "index.html"))
    svg = handoff_svg(body)
    assert svg is not None, "an inline SVG diagram of the handoffs"
    assert svg.find("title") is not None and svg.find("desc") is not None, "a name and a description for assistive technology"
    assert set(svg.attrs["aria-labelledby"].split()) == {svg.find("title").attrs["id"], svg.find("desc").attrs["id"]}
    labels = [t.text() for t in svg.find_all("text")]
    expected = set(_outbound(rid))
    for wid, *_ in _inbound(rid):
        expected |= {ROLES[r]["title"] for r in PUBLISHED if r != rid and wid in role_workflows(r)}
    assert f"{ROLES[rid]['title']} (you)" in labels
    described = svg.find("desc").text()
    for name in expected:
        boxes = [label for label in labels if label in (name, f"{name} (team)")]
        assert len(boxes) == 1, f"the diagram names {name!r} once (a role on both sides is shown once); labels: {labels}"
        assert name in described


def test_impact_diagram_needs_no_script(sample_site: Path):
    """No diagram runtime: the drawing is in the page, so no site without a ```mermaid block carries Mermaid."""
    for rid in PUBLISHED:
        page = sample_site / rid / "impact" / "index.html"
        scripts = [s.attrs["src"] for s in load(page).find_all("script") if s.attrs.get("src")]
        assert not [s for s in scripts if "mermaid" in s.lower()], f"{rid}/impact loads no Mermaid"
        assert not list((sample_site / rid).rglob("mermaid*.js")), f"{rid} carries no Mermaid runtime"


# --------------------------------------------------------------------------- review page


def _review_sections(body: Node) -> dict[int, list[Node]]:
    sections = {}
    for h in headings(body):
        m = re.match(r"^(\d+) days? ", h.text())
        if m and h.tag == "h2":
            sections[int(m.group(1))] = section(body, h)
    return sections


@pytest.mark.parametrize("rid", PUBLISHED)
def test_review_plan_one_section_per_interval_with_checklists(sample_site: Path, rid: str):
    body = article(load(sample_site / rid / "review" / "index.html"))
    sections = _review_sections(body)
    assert list(sections) == INTERVALS, "one section per interval, in order"
    questions = [md_plain(q["question"]) for wid in role_workflows(rid) for q in WORKFLOWS[wid].get("review") or []]
    assert questions
    for interval, nodes in sections.items():
        boxes = [n for n in nodes if n.tag == "li" and n.find("input", pred=lambda i: i.attrs.get("type") == "checkbox")]
        for q in questions:
            assert any(q in li.text() for li in boxes), f"{interval} days: {q!r} is a checklist item"


@pytest.mark.parametrize("rid", PUBLISHED)
def test_review_plan_follows_journey_order(sample_site: Path, rid: str):
    body = article(load(sample_site / rid / "review" / "index.html"))
    order = [WORKFLOWS[w]["title"] for w in role_workflows(rid) if WORKFLOWS[w].get("review")]
    for interval, nodes in _review_sections(body).items():
        shown = [n.text() for n in nodes if re.fullmatch(r"h[3-6]", n.tag) and n.text() in order]
        assert shown == order, f"{interval} days: the workflows due, in the order they are learned"


@pytest.mark.parametrize("rid", PUBLISHED)
def test_review_plan_links_each_workflow(sample_site: Path, rid: str):
    page = sample_site / rid / "review" / "index.html"
    body = article(load(page))
    targets = {resolve(sample_site, page, a.attrs["href"])[0] for a in body.find_all("a") if a.attrs.get("href") and not is_external(a.attrs["href"])}
    for wid in role_workflows(rid):
        if WORKFLOWS[wid].get("review"):
            assert sample_site / rid / "workflows" / wid / "index.html" in targets


# That ticks persist is checked in a real browser: tests/browser/test_browser.py
# (test_review_ticks_persist_across_reload, test_review_tick_works_from_the_keyboard).


# --------------------------------------------------------------------------- outcomes page


def _served(rid: str) -> list[str]:
    ids = []
    for wid in role_workflows(rid):
        ids += WORKFLOWS[wid].get("outcomes") or []
    return list(dict.fromkeys(ids))


@pytest.mark.parametrize("rid", PUBLISHED)
def test_outcomes_page_lists_served_outcomes_with_measures(sample_site: Path, rid: str):
    page = sample_site / rid / "outcomes" / "index.html"
    body = article(load(page))
    served = set(_served(rid))
    heads = [h.text() for h in headings(body)]
    for outcome in CONFIG.get("outcomes") or []:
        if outcome["id"] in served:
            assert outcome["title"] in heads
            if outcome.get("measure"):
                h = next(h for h in headings(body) if h.text() == outcome["title"])
                assert md_plain(outcome["measure"]) in " ".join(n.text() for n in section(body, h) if n.tag == "p")
            for wid in role_workflows(rid):
                if outcome["id"] in (WORKFLOWS[wid].get("outcomes") or []):
                    h = next(h for h in headings(body) if h.text() == outcome["title"])
                    links = [a for a in section(body, h) if a.tag == "a"]
                    assert any(resolve(sample_site, page, a.attrs["href"])[0] == sample_site / rid / "workflows" / wid / "index.html" for a in links)
        else:
            assert outcome["title"] not in heads, f"{rid} does not serve {outcome['id']}"


def test_some_role_serves_only_some_outcomes():
    all_ids = {o["id"] for o in CONFIG.get("outcomes") or []}
    assert any(set(_served(rid)) < all_ids for rid in PUBLISHED)


# --------------------------------------------------------------------------- free-form pages


@pytest.mark.parametrize("rid,pid", ROLE_PAGES)
def test_included_pages(sample_site: Path, rid: str, pid: str):
    page = sample_site / rid / "pages" / pid / "index.html"
    body = article(load(page))
    source = (CONTENT / "pages" / f"{pid}.md").read_text(encoding="utf-8")
    h1 = re.search(r"^#\s+(.+?)\s*#*\s*$", source, re.MULTILINE)
    if h1:
        assert body.find("h1").text() == h1.group(1)
    for line in re.findall(r"^##\s+(.+?)\s*$", source, re.MULTILINE):
        assert any(h.text() == md_plain(line) for h in headings(body))


def test_pages_not_included_are_not_built(sample_site: Path):
    for rid in PUBLISHED:
        included = set(ROLES[rid].get("pages") or []) | set(ROLES[rid].get("first_pages") or [])
        built = {p.name for p in (sample_site / rid / "pages").iterdir()} if (sample_site / rid / "pages").is_dir() else set()
        assert built == included


# --------------------------------------------------------------------------- whole site


def test_every_content_link_and_image_resolves(sample_site: Path):
    for page in content_pages(sample_site):
        doc = load(page)
        for n in article(doc).iter():
            ref = n.attrs.get("href") if n.tag == "a" else n.attrs.get("src") if n.tag == "img" else None
            if ref and not is_external(ref):
                check_link(sample_site, page, ref)


def test_nothing_loads_from_another_host(sample_site: Path):
    """Intranet sites: no script, stylesheet, image or frame from another host."""
    for page in [*content_pages(sample_site), *(sample_site / rid / "404.html" for rid in PUBLISHED)]:
        for n in load(page).iter():
            refs = []
            if n.tag in ("script", "img", "iframe", "source", "video", "audio", "embed"):
                refs.append(n.attrs.get("src", ""))
            if n.tag == "link" and set(n.attrs.get("rel", "").split()) & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
                refs.append(n.attrs.get("href", ""))
            for ref in refs:
                assert not re.match(r"^(https?:)?//", ref), f"{page.relative_to(sample_site)} loads {ref}"


def test_stylesheets_import_nothing_from_another_host(sample_site: Path):
    page = sample_site / PUBLISHED[0] / "index.html"
    sheets = [n.attrs["href"] for n in load(page).find_all("link") if "stylesheet" in n.attrs.get("rel", "").split()]
    assert sheets
    for href in sheets:
        assert not is_external(href)
        css = resolve(sample_site, page, href)[0].read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"(@import|url\()\s*[\"']?\s*(https?:)?//", css), f"{href} pulls from another host"


def test_role_sites_live_under_site_url(sample_site: Path):
    site_url = CONFIG.get("site_url")
    if not site_url:
        pytest.skip("the sample sets no site_url")
    for rid in PUBLISHED:
        canonical = load(sample_site / rid / "index.html").find("link", pred=lambda n: n.attrs.get("rel") == "canonical")
        assert canonical is not None and canonical.attrs["href"] == site_url.rstrip("/") + f"/{rid}/"


def test_nav_lists_stages_workflows_and_fixed_pages(sample_site: Path):
    for rid in PUBLISHED:
        doc = load(sample_site / rid / "index.html")
        nav = doc.find("nav", cls="md-nav--primary")
        assert nav is not None
        text = nav.text()
        for stage in ROLES[rid]["journey"]:
            assert stage["title"] in text
            for wid in stage["workflows"]:
                assert WORKFLOWS[wid]["title"] in text
