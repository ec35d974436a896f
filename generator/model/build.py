"""Turn validated records into the immutable model, resolving every link once."""

from __future__ import annotations

import hashlib
import re

from generator.ids import step_anchor
from generator.validate import ValidProject
from generator.validate.records import Record, Val
from generator.validate.schema import PROJECT, QUIZ_SETTINGS, REVIEW_SETTINGS
from generator.model.types import (
    Choice,
    Impact,
    LinkSpan,
    Markdown,
    Outcome,
    Page,
    Project,
    Question,
    ReviewItem,
    Role,
    Stage,
    Step,
    Task,
    Workflow,
    Xapi,
)

_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


class _Builder:
    def __init__(self, valid: ValidProject) -> None:
        self.raw = valid.raw
        self.valid = valid

    def md(self, text: str, source: str) -> Markdown:
        """Markdown with the links validation already resolved."""
        spans = self.valid.links.get((source, text), ())
        return Markdown(text, tuple(LinkSpan(start, end, target) for start, end, target in spans))

    def opt(self, rec: Record, name: str, source: str) -> Markdown | None:
        val = rec.get(name)
        return None if val is None else self.md(val.value, source)

    def outcome(self, rec: Record) -> Outcome:
        return Outcome(rec.text("id"), rec.text("title"), self.opt(rec, "measure", "journeys.yml"))

    def role(self, rid: str, rec: Record) -> Role:
        src = self.raw.roles[rid].rel
        return Role(
            id=rid,
            title=rec.text("title"),
            summary=self.md(rec.text("summary"), src),
            mastery=tuple(self.md(v.value, src) for v in rec.get("mastery", [])),
            stages=tuple(Stage(s.text("title"), tuple(w.value for w in s.get("workflows", []))) for s in rec.get("journey", [])),
            pages=tuple(dict.fromkeys(p.value for p in (*rec.get("first_pages", []), *rec.get("pages", [])))),
            source=src,
            first_pages=tuple(p.value for p in rec.get("first_pages", [])),
        )

    def step(self, wid: str, task_id: str, number: int, item: Val | Record, src: str) -> Step:
        if isinstance(item, Val):
            do, why, impacts, step_id = item.value, None, [], None
        else:
            do, why, impacts, step_id = item.text("do"), item.text("why"), item.get("impacts", []), item.text("id")
        ident = step_id or str(number)
        fingerprint = hashlib.sha256(f"{do}\0{why or ''}".encode()).hexdigest()[:16]
        return Step(
            number=number,
            anchor=step_anchor(task_id, step_id, number),
            key=f"{wid}/{task_id}/{ident}",
            fingerprint=fingerprint,
            do=self.md(do, src),
            why=None if why is None else self.md(why, src),
            impacts=tuple(
                Impact(
                    role=i.text("role"),
                    team=i.text("team"),
                    if_skipped=self.opt(i, "if_skipped", src),
                    if_wrong=self.opt(i, "if_wrong", src),
                )
                for i in impacts
            ),
        )

    def workflow(self, wid: str, rec: Record) -> Workflow:
        src = self.raw.workflows[wid].rel
        intro = self.raw.intros.get(wid)
        tasks = tuple(
            Task(
                id=t.text("id"),
                title=t.text("title"),
                steps=tuple(self.step(wid, t.text("id"), n, item, src) for n, item in enumerate(t.get("steps", []), 1)),
                done_when=self.opt(t, "done_when", src),
                pitfalls=tuple(self.md(p.value, src) for p in t.get("pitfalls", [])),
            )
            for t in rec.get("tasks", [])
        )
        return Workflow(
            id=wid,
            title=rec.text("title"),
            summary=self.md(rec.text("summary"), src),
            outcomes=tuple(o.value for o in rec.get("outcomes", [])),
            trigger=self.opt(rec, "trigger", src),
            before=self.opt(rec, "before", src),
            after=self.opt(rec, "after", src),
            intro=None if intro is None else self.md(intro.text, intro.rel),
            tasks=tasks,
            review=tuple(
                ReviewItem(f"{wid}/review-{n}", self.md(r.text("question"), src), self.opt(r, "answer", src))
                for n, r in enumerate(rec.get("review", []), 1)
            ),
            source=src,
            intro_source=() if intro is None else (intro.rel,),
            minutes=rec.text("minutes"),
            signals=tuple(self.md(v.value, src) for v in rec.get("signals", [])),
            quiz=tuple(
                Question(
                    f"{wid}/quiz-{n}",
                    self.md(q.text("question"), src),
                    tuple(Choice(self.md(c.text("text"), src), bool(c.text("correct")), self.opt(c, "why", src)) for c in q.get("choices", [])),
                )
                for n, q in enumerate(rec.get("quiz", []), 1)
            ),
        )

    def page(self, pid: str) -> Page:
        page = self.raw.pages[pid]
        h1 = _H1.search(page.text)
        title = h1.group(1).strip() if h1 else pid.replace("-", " ").capitalize()
        return Page(pid, title, self.md(page.text, page.rel), page.rel)


def build_model(valid: ValidProject) -> Project:
    """The model of a validated project: pure, no I/O beyond what validation already read."""
    b = _Builder(valid)
    config = valid.config
    review = config.get("review")
    quiz = config.get("quiz")
    intervals = tuple(v.value for v in review.get("intervals")) if review and "intervals" in review else REVIEW_SETTINGS.default("intervals")
    return Project(
        title=config.text("title"),
        tool=config.text("tool"),
        organization=config.text("organization"),
        site_url=config.text("site_url"),
        intervals=intervals,
        outcomes={o.text("id"): b.outcome(o) for o in config.get("outcomes", [])},
        roles={rid: b.role(rid, rec) for rid, rec in sorted(valid.roles.items())},
        workflows={wid: b.workflow(wid, rec) for wid, rec in sorted(valid.workflows.items())},
        pages={pid: b.page(pid) for pid in sorted(valid.raw.pages)},
        media=tuple(sorted(m.split("/", 2)[2] for m in valid.raw.media)),
        published=valid.published,
        weekends=bool(review.text("weekends", REVIEW_SETTINGS.default("weekends")) if review else REVIEW_SETTINGS.default("weekends")),
        quiz_pass=quiz.text("pass", QUIZ_SETTINGS.default("pass")) if quiz else QUIZ_SETTINGS.default("pass"),
        engine=config.text("engine", PROJECT.default("engine")),
        xapi=Xapi(xapi.text("endpoint"), xapi.text("key")) if (xapi := config.get("xapi")) else None,
        allow_unsafe_html=bool(config.text("allow_unsafe_html", PROJECT.default("allow_unsafe_html"))),
        warnings=valid.warnings,
    )
