"""Time to learn: the designer's `minutes`, or an estimate from the workflow's own text.

The estimate reads every word a learner reads on the workflow page at about 200
words a minute, and adds time to try each step in the tool and to answer each
review question. It is shown marked "about", so it only needs to be honest in
size, not exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.model.types import Markdown, Workflow

WORDS_PER_MINUTE = 200
MINUTES_PER_STEP = 1.0  # trying the step in the tool
MINUTES_PER_QUESTION = 0.5  # answering in your own words first

_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class TimeToLearn:
    minutes: int
    estimated: bool  # True: at least part of it is journeys' estimate ("about")

    def __add__(self, other: TimeToLearn) -> TimeToLearn:
        return TimeToLearn(self.minutes + other.minutes, self.estimated or other.estimated)


NONE = TimeToLearn(0, False)


def _words(*texts: Markdown | None) -> int:
    return sum(len(_WORD.findall(t.text)) for t in texts if t is not None)


def estimate_minutes(workflow: Workflow) -> int:
    """Minutes to learn a workflow, estimated from what its page asks a learner to read and do."""
    steps = [s for t in workflow.tasks for s in t.steps]
    words = _words(workflow.summary, workflow.trigger, workflow.before, workflow.after, workflow.intro)
    words += sum(_words(s.do, s.why, *(x for i in s.impacts for x in (i.if_skipped, i.if_wrong))) for s in steps)
    words += sum(_words(t.done_when, *t.pitfalls) for t in workflow.tasks)
    words += sum(_words(r.question, r.answer) for r in workflow.review)
    words += sum(_words(q.question, *(x for c in q.choices for x in (c.text, c.why))) for q in workflow.quiz)
    reviews = len(workflow.review) + len(workflow.quiz)
    total = words / WORDS_PER_MINUTE + MINUTES_PER_STEP * len(steps) + MINUTES_PER_QUESTION * reviews
    return max(1, math.ceil(total))


def time_to_learn(workflow: Workflow) -> TimeToLearn:
    if workflow.minutes is not None:
        return TimeToLearn(int(workflow.minutes), False)
    return TimeToLearn(estimate_minutes(workflow), True)


def total_time(workflows: list[Workflow] | tuple[Workflow, ...]) -> TimeToLearn:
    return sum((time_to_learn(w) for w in workflows), NONE)
