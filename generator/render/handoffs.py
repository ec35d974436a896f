"""The impact page's handoff diagram, laid out at build time: coordinates as data, drawn by a template.

One narrow column (320 units wide, the width of a phone) so that, scaled to
the page, labels never shrink below their size in the template: "you" on top,
then the roles whose steps reach you, the roles that work both ways, and the
roles and teams your steps reach, each a box joined to a line down from "you".
A role on both sides is shown once, in "both ways". Titles wrap, never cut.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.model import Project
from generator.model.views import RoleView

WIDTH = 320
SPINE_X = 14  # the line down from "you"
BOX_X = 34
LABEL_SIZE = 14  # px in the template, at scale 1
NOTE_SIZE = 12
LINE = 18  # label line height
PAD = 10
CHARS_PER_LINE = int((WIDTH - BOX_X - 2 * PAD) / (LABEL_SIZE * 0.6))  # a generous average glyph width
NOTE_CHARS_PER_LINE = int((WIDTH - BOX_X - 2 * PAD) / (NOTE_SIZE * 0.6))
NOTE_LINE = NOTE_SIZE + 4


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]  # the title, wrapped
    notes: tuple[str, ...]  # how many steps go which way, wrapped
    kind: str  # "you", "in", "both" or "out"

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Group:
    title: str
    y: float  # baseline of the group's heading
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class HandoffDiagram:
    width: int
    height: float
    you: Box
    groups: tuple[Group, ...]
    spine: tuple[float, float, float]  # x, top, bottom
    title: str  # for assistive technology: what the picture is
    description: str  # and what it says, in words

    label_size = LABEL_SIZE
    note_size = NOTE_SIZE
    line = LINE
    note_line = NOTE_LINE
    pad = PAD


def _steps(n: int, verb: str) -> str:
    """'1 step reaches', '2 steps reach'."""
    return f"{n} step {verb}es" if n == 1 else f"{n} steps {verb}"


def _box(y: float, title: str, note: str, kind: str, x: float = BOX_X) -> Box:
    lines = tuple(textwrap.wrap(" ".join(title.split()), CHARS_PER_LINE, break_long_words=True) or [""])
    notes = tuple(textwrap.wrap(note, NOTE_CHARS_PER_LINE))
    height = PAD + LINE * len(lines) + NOTE_LINE * len(notes) + PAD - 4
    return Box(x, y, WIDTH - x, height, lines, notes, kind)


def handoff_diagram(view: RoleView, project: Project) -> HandoffDiagram | None:
    """The diagram for `view`'s impact page; None when nothing crosses the role's borders."""
    reach_you = dict(view.inbound_by_role)
    reach_them = [(g.key, g.title + ("" if g.is_role else " (team)"), g.is_role, len(g.entries)) for g in view.outbound]
    both_ids = {key for key, _, is_role, _ in reach_them if is_role and key in reach_you}
    if not reach_you and not reach_them:
        return None

    rows: list[tuple[str, list[tuple[str, str]]]] = [
        ("Their steps reach you", [(project.roles[rid].title, f"{_steps(n, 'reach')} you") for rid, n in reach_you.items() if rid not in both_ids]),
        ("Both ways", [(title, f"{_steps(reach_you[key], 'reach')} you; {_steps(n, 'go')} from you to them") for key, title, _, n in reach_them if key in both_ids]),
        ("Your steps reach them", [(title, f"{_steps(n, 'go')} from you to them") for key, title, _, n in reach_them if key not in both_ids]),
    ]
    kinds = {"Their steps reach you": "in", "Both ways": "both", "Your steps reach them": "out"}
    you = _box(0, f"{view.role.title} (you)", "", "you", x=0)
    y = you.height + 10
    groups = []
    for heading, entries in rows:
        if not entries:
            continue
        y += LABEL_SIZE + 8
        heading_y = y
        y += 8
        boxes = []
        for title, note in entries:
            box = _box(y, title, note, kinds[heading])
            boxes.append(box)
            y += box.height + 8
        groups.append(Group(heading, heading_y, tuple(boxes)))
    last = groups[-1].boxes[-1]
    words = "; ".join(f"{g.title}: " + ", ".join(f"{' '.join(b.lines)} ({' '.join(b.notes)})" for b in g.boxes) for g in groups)
    return HandoffDiagram(
        WIDTH, y, you, tuple(groups), (SPINE_X, you.height, last.middle),
        f"Handoffs of {view.role.title}",
        words + ".",
    )
