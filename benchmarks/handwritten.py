"""The site a training team would write by hand for the same teaching content: the benchmark's anchor.

One MkDocs Material site, written once from the project's YAML the way a team
writes Markdown by hand: a portal page, and for each role a home page (summary,
journey by stage, mastery), one page per workflow of its journey (summary,
trigger, tasks with numbered steps, each step's why and impacts), an impact
page (who depends on you, what reaches you), a review page (each interval's
questions, answers folded) and an outcomes page. Each thing is written once:
no printable handout, no quiz repeated per interval, no diagram, no scripts.

It uses the same Material theme and the usual Markdown extensions (admonition,
details, attr_list), as a team starting from Material's own documentation would.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import yaml

INTERVALS = [1, 3, 7, 14, 30]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _workflow_page(wid: str, wf: dict, role_titles: dict[str, str]) -> str:
    lines = [f"# {wf['title']}", "", wf["summary"], ""]
    if wf.get("trigger"):
        lines += [f"**When:** {wf['trigger']}", ""]
    for task in wf["tasks"]:
        lines += [f"## {task['title']}", ""]
        for n, step in enumerate(task["steps"], 1):
            step = step if isinstance(step, dict) else {"do": step}
            lines.append(f"{n}. {step['do']}")
            if step.get("why"):
                lines.append(f"    *Why:* {step['why']}")
            for impact in step.get("impacts", []):
                who = role_titles.get(impact.get("role", ""), impact.get("team") or impact.get("role"))
                lines += ["", f"    !!! warning \"Affects {who}\"", ""]
                if impact.get("if_skipped"):
                    lines.append(f"        If skipped: {impact['if_skipped']}")
                if impact.get("if_wrong"):
                    lines.append(f"        If wrong: {impact['if_wrong']}")
            lines.append("")
        if task.get("done_when"):
            lines += [f"**Done when:** {task['done_when']}", ""]
    if wf.get("review"):
        lines += ["## Check yourself", ""]
        for item in wf["review"]:
            lines += [f"??? question \"{item['question']}\"", "", f"    {item.get('answer', '')}", ""]
    return "\n".join(lines)


def make_handwritten_site(project: Path, dest: Path) -> Path:
    """Write the hand-written equivalent of `project`'s role sites into `dest` (mkdocs.yml and docs/)."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    settings = _load(project / "journeys.yml")
    roles = {p.stem: _load(p) for p in sorted((project / "content" / "roles").glob("*.yml"))}
    workflows = {p.stem: _load(p) for p in sorted((project / "content" / "workflows").glob("*.yml"))}
    order = settings.get("roles") or sorted(roles)
    titles = {rid: roles[rid]["title"] for rid in roles}
    doers: dict[str, list[str]] = defaultdict(list)
    for rid in order:
        for stage in roles[rid].get("journey", []):
            for wid in stage["workflows"]:
                doers[wid].append(rid)

    portal = [f"# {settings['title']}", "", f"Learning journeys for {settings['tool']}.", ""]
    portal += [f"- [{titles[rid]}]({rid}/index.md)" for rid in order]
    (docs / "index.md").write_text("\n".join(portal) + "\n", encoding="utf-8")
    nav: list = [{"Home": "index.md"}]
    for rid in order:
        role = roles[rid]
        folder = docs / rid
        (folder / "workflows").mkdir(parents=True)
        journey = [w for stage in role["journey"] for w in stage["workflows"]]
        home = [f"# {role['title']}", "", role["summary"], "", "## Your journey", ""]
        for stage in role["journey"]:
            home += [f"### {stage['title']}", ""] + [f"- [{workflows[w]['title']}](workflows/{w}.md)" for w in stage["workflows"]] + [""]
        if role.get("mastery"):
            home += ["## What mastery looks like", ""] + [f"- {m}" for m in role["mastery"]] + [""]
        (folder / "index.md").write_text("\n".join(home), encoding="utf-8")
        for wid in journey:
            (folder / "workflows" / f"{wid}.md").write_text(_workflow_page(wid, workflows[wid], titles), encoding="utf-8")

        gives: dict[str, list[str]] = defaultdict(list)
        receives: list[str] = []
        for wid in journey:
            for task in workflows[wid]["tasks"]:
                for step in task["steps"]:
                    for impact in (step.get("impacts", []) if isinstance(step, dict) else []):
                        who = titles.get(impact.get("role", ""), impact.get("team") or impact.get("role"))
                        gives[who].append(f"- [{workflows[wid]['title']}](workflows/{wid}.md): {impact.get('if_skipped') or impact.get('if_wrong')}")
        for wid, wf in workflows.items():
            if rid in doers[wid]:
                continue
            for task in wf["tasks"]:
                for step in task["steps"]:
                    for impact in (step.get("impacts", []) if isinstance(step, dict) else []):
                        if impact.get("role") == rid and doers[wid]:
                            receives.append(f"- {wf['title']} ({titles[doers[wid][0]]}): {impact.get('if_skipped') or impact.get('if_wrong')}")
        impact_page = ["# Your impact", "", "## Who depends on you", ""]
        for who, items in gives.items():
            impact_page += [f"### {who}", ""] + items + [""]
        impact_page += ["## What reaches you", ""] + receives
        (folder / "impact.md").write_text("\n".join(impact_page) + "\n", encoding="utf-8")

        intervals = settings.get("review", {}).get("intervals", INTERVALS)
        days = ", ".join(str(d) for d in intervals)
        review = ["# Review plan", "", f"Go through each workflow's questions {days} days after you learn it.", ""]
        for wid in journey:
            review += [f"## {workflows[wid]['title']}", ""]
            for item in workflows[wid].get("review", []):
                review += [f"??? question \"{item['question']}\"", "", f"    {item.get('answer', '')}", ""]
        (folder / "review.md").write_text("\n".join(review), encoding="utf-8")

        outcomes = ["# Business outcomes", ""]
        for outcome in settings.get("outcomes", []):
            served = [w for w in journey if outcome["id"] in workflows[w].get("outcomes", [])]
            outcomes += [f"## {outcome['title']}", "", outcome.get("measure", ""), ""] + [f"- [{workflows[w]['title']}](workflows/{w}.md)" for w in served] + [""]
        (folder / "outcomes.md").write_text("\n".join(outcomes), encoding="utf-8")

        nav.append({role["title"]: [
            {"Home": f"{rid}/index.md"},
            {"Workflows": [{workflows[w]["title"]: f"{rid}/workflows/{w}.md"} for w in journey]},
            {"Your impact": f"{rid}/impact.md"},
            {"Review plan": f"{rid}/review.md"},
            {"Outcomes": f"{rid}/outcomes.md"},
        ]})
    config = {
        "site_name": settings["title"],
        "theme": {"name": "material", "font": False, "features": ["navigation.footer", "search.highlight"]},
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "pymdownx.details", "pymdownx.superfences"],
        "nav": nav,
    }
    (dest / "mkdocs.yml").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return dest
