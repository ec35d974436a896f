"""The #fragments a link may name on a page or a workflow, known before anything is built.

Page headings are slugified by Python-Markdown's toc extension, as MkDocs does
with its default settings; explicit `{ #id }` and HTML ids count too.
"""

from __future__ import annotations

import re

import markdown

from generator.ids import step_anchor
from generator.validate.records import Record

_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_EXTENSIONS = ["toc", "attr_list", "md_in_html", "def_list", "tables", "admonition", "footnotes", "abbr"]

# Headings of the default workflow template, which a designer may link to too.
WORKFLOW_HEADINGS = frozenset({"before-and-after", "step-by-step", "check-yourself", "done-with-this-workflow"})


def markdown_anchors(text: str) -> frozenset[str] | None:
    """The ids a Markdown text will have; None when it cannot be told (the build reports that page)."""
    try:
        html = markdown.Markdown(extensions=_EXTENSIONS).convert(text)
    except Exception:
        return None
    return frozenset(_ID.findall(html))


def workflow_anchors(rec: Record, intro: str | None) -> frozenset[str]:
    found = set(WORKFLOW_HEADINGS)
    for task in rec.get("tasks", []):
        task_id = task.text("id")
        if not task_id:
            continue
        found.add(task_id)
        for number, step in enumerate(task.get("steps", []), 1):
            step_id = step.text("id") if isinstance(step, Record) else None
            found.add(step_anchor(task_id, step_id, number))
    if intro is not None:
        found |= markdown_anchors(intro) or frozenset()
    return frozenset(found)
