"""How diagnostics look: GNU text on standard error, GitHub annotations or one JSON array on standard output.

Stages report `Diagnostic` values; only this module turns them into text, so
every command and every output format says the same thing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from generator.errors import Diagnostic

FORMATS = ("text", "github", "json")


def _github_escape(value: str, prop: bool = False) -> str:
    """GitHub's workflow-command escaping (data, and property values which also escape ':' and ',')."""
    out = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        out = out.replace(":", "%3A").replace(",", "%2C")
    return out


def github_line(d: Diagnostic) -> str:
    level = "warning" if d.severity == "warning" else "error"
    return f"::{level} file={_github_escape(d.pos.file, True)},line={d.pos.line},col={d.pos.col}::{_github_escape(d.message)}"


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps(
        [{"file": d.pos.file, "line": d.pos.line, "col": d.pos.col, "severity": d.severity, "message": d.message} for d in diagnostics],
        ensure_ascii=False,
        indent=2,
    )


def emit(diagnostics: list[Diagnostic], fmt: str) -> None:
    """Print diagnostics in the chosen format (json prints the array even when it is empty)."""
    if fmt == "json":
        print(as_json(diagnostics))
    elif fmt == "github":
        for d in diagnostics:
            print(github_line(d))
    else:
        for d in diagnostics:
            print(d, file=sys.stderr)
