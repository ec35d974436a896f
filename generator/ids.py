"""The id rule shared by every stage: ids become URL path segments."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
ID_RULE = "lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters"


# Names Windows reserves for devices: a file called so cannot be checked out there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})


def is_valid_id(value: str) -> bool:
    return ID_PATTERN.fullmatch(value) is not None


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a near miss most likely meant (difflib, then a case-only difference)."""
    pool = list(candidates)
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return close[0]
    return {c.lower(): c for c in pool}.get(word.lower())


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when none is close."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def step_anchor(task_id: str, step_id: str | None, number: int) -> str:
    """The HTML id of a step on its workflow page: `<task>-<step-id>`, or `<task>-step-<n>`."""
    return f"{task_id}-{step_id}" if step_id else f"{task_id}-step-{number}"
