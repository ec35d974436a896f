"""Say which role sites are building, on a terminal, once a build has taken longer than a second.

One status line on standard error, rewritten in place and cleared at the end,
so nothing of it stays in the terminal's scrollback or reaches a log file (the
caller creates a Progress only for a terminal and never with -q).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the first line: quick builds stay silent


class Progress:
    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream or sys.stderr
        self.delay = delay
        self.began = time.monotonic()
        self.total = 0
        self.finished = 0
        self.active: list[str] = []
        self.shown = False

    def start(self, role_ids: list[str]) -> None:
        self.total = len(role_ids)
        self.finished = 0
        self.active = []

    def add(self, role_id: str) -> None:
        """One more role site to build (the total grows while roles are still being rendered)."""
        self.total += 1

    def building(self, role_id: str) -> None:
        if role_id not in self.active:
            self.active.append(role_id)
        self.tick()

    def done(self, role_id: str) -> None:
        if role_id in self.active:
            self.active.remove(role_id)
        self.finished += 1
        self.tick()

    def tick(self) -> None:
        if time.monotonic() - self.began < self.delay or not self.total:
            return
        line = f"journeys: {self.finished}/{self.total} role sites done"
        if self.active:
            line += f"; building {', '.join(self.active)}"
        width = 120
        try:
            import shutil

            width = shutil.get_terminal_size().columns
        except (OSError, ValueError):
            pass
        line = line[: max(20, width - 1)]
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
