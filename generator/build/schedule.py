"""In which order role sites are handed to the workers: those edited last first.

A rebuild after one edit builds one role site; every other site is taken from
the cache, but only once each role has been rendered and its key computed.
Handing the sites whose own files changed most recently out first lets the one
real build start at once instead of after every other role is rendered. The
order never changes the output, only how soon the slowest part begins.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path


def newest_first(files: Mapping[str, Iterable[str]], root: Path) -> list[str]:
    """The keys of `files` (role id -> project-relative paths), the one holding the most recently
    modified file first; ties (and unreadable files) keep the given order."""

    def newest(paths: Iterable[str]) -> float:
        times = [0.0]
        for rel in paths:
            try:
                times.append(os.stat(root / rel).st_mtime)
            except OSError:
                pass
        return max(times)

    order = list(files)
    stamp = {rid: newest(paths) for rid, paths in files.items()}
    return sorted(order, key=lambda rid: -stamp[rid])
