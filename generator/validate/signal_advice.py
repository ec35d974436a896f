"""Warn where an outcome cannot be seen to move: none of the workflows that serve it lists `signals`.

Leaders judge adoption by what people do in the tool, not by logins; a
workflow's signals are what a manager can look at. An outcome that no workflow
serves at all is warned about elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.errors import Diagnostic
from generator.validate.records import Record


def outcomes_without_signals(config: Record, workflows: dict[str, Record]) -> Iterator[Diagnostic]:
    for outcome in config.get("outcomes", []):
        oid = outcome.get("id")
        if oid is None:
            continue
        serving = sorted(wid for wid, rec in workflows.items() if any(v.value == oid.value for v in rec.get("outcomes", [])))
        if serving and not any(workflows[wid].get("signals") for wid in serving):
            names = ", ".join(serving[:5]) + (", ..." if len(serving) > 5 else "")
            yield Diagnostic(
                oid.pos,
                f"no workflow that serves the outcome '{oid.value}' lists 'signals' ({names}): add to one of them what a manager "
                "can see in the tool when it is really done, so the organisation map can show how the outcome is tracked",
                "warning",
            )
