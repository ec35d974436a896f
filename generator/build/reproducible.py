"""Reproducible builds: one build date per project state, so two builds of the same sources are byte-identical.

MkDocs writes the build date into every role site's sitemap (`<lastmod>` and
the gzip header of sitemap.xml.gz) and honours `SOURCE_DATE_EPOCH`
(https://reproducible-builds.org/specs/source-date-epoch/). journeys sets it
for the duration of a build, so role sites built on different machines (one CI
job per chunk of roles) and assembled equal one full build, file for file.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KEY = "SOURCE_DATE_EPOCH"
_INPUTS = ("journeys.yml", "mkdocs.yml", "content", "themes")


def source_date_epoch(root: Path) -> str:
    """The build date, in seconds since 1970: SOURCE_DATE_EPOCH when set; else the time of the
    project's last git commit; else the newest modification time of the project's own files."""
    given = os.environ.get(KEY, "").strip()
    if given.isdigit():
        return given
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30, check=False
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return str(_newest_mtime(root))


def _newest_mtime(root: Path) -> int:
    newest = 0.0
    for name in _INPUTS:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                newest = max(newest, file.stat().st_mtime)
            except OSError:
                continue
    return int(newest)


@contextmanager
def pinned_build_date(epoch: str) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH while the role sites build (worker processes inherit it), then restore it."""
    before = os.environ.get(KEY)
    os.environ[KEY] = epoch
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(KEY, None)
        else:
            os.environ[KEY] = before
