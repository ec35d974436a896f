"""Warnings on graded questions: a question that never says why teaches only right or wrong.

Feedback is what turns a scenario question into a lesson about what happens
downstream; a question none of whose choices has a `why` is allowed, but advised against.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.errors import Diagnostic
from generator.validate.records import Record


def quiz_without_why(workflows: dict[str, Record]) -> Iterator[Diagnostic]:
    """One warning per quiz question in which no choice has a `why`, at its `question:` key."""
    for rec in workflows.values():
        for question in rec.get("quiz", []):
            if not any(choice.get("why") for choice in question.get("choices", [])):
                pos = question.key_pos.get("question", question.pos)
                yield Diagnostic(
                    pos,
                    "this quiz question gives no feedback: add a 'why' to its choices (at least the right one), "
                    "saying what happens downstream, so a learner learns from the answer",
                    "warning",
                )
