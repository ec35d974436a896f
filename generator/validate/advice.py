"""Warnings: what the format allows but the workflow-first method advises against.

They never fail a build unless `--strict` is given. Each names the place to
change, like an error does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.errors import Diagnostic
from generator.validate.quiz_advice import quiz_without_why
from generator.validate.records import Record
from generator.validate.signal_advice import outcomes_without_signals

if TYPE_CHECKING:
    from generator.load import RawProject


def advise(raw: RawProject, config: Record, roles: dict[str, Record], workflows: dict[str, Record], published: tuple[str, ...]) -> Iterator[Diagnostic]:
    """Every warning for a valid project, severity 'warning'."""
    yield from outcomes_without_signals(config, workflows)
    yield from quiz_without_why(workflows)
