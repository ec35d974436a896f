"""One exception hierarchy for the whole pipeline.

Every stage reports problems as `Diagnostic` values (data, not text) so that the
CLI, and later `check --format json|github`, decide how they look. Exceptions
are caught once, at the CLI boundary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a project file: path relative to the project, 1-based line and column."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    pos: Pos
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity}: {self.message}"


class JourneysError(Exception):
    """Base of every error the CLI turns into a message instead of a traceback."""

    exit_code = 1


class UsageError(JourneysError):
    """The command line itself is wrong (exit status 2)."""

    exit_code = 2


class ContentError(JourneysError):
    """The project's content is invalid; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__(f"{len(self.diagnostics)} error(s) in the content")


class BuildError(JourneysError):
    """MkDocs (or writing the output) failed; diagnostics name the source files."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(f"{len(self.diagnostics)} error(s) while building")
