"""A build split across machines: which roles each part builds (`plan`), and putting the parts together (`assemble`).

Each part is the output of `journeys build --role ... -o PART`. Only its role
folders are taken; the pages at the output root (portal, 404, map) are
rendered again for the whole project, so the assembled folder equals one full
build.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Sequence
from pathlib import Path

from generator.errors import UsageError

DEFAULT_CHUNK_SIZE = 10  # roles per CI job; a project with this many roles or fewer builds in one job
DEFAULT_MAX_CHUNKS = 20  # GitHub's free plans run 20 jobs at a time


def plan_chunks(roles: Sequence[str], chunk_size: int = DEFAULT_CHUNK_SIZE, max_chunks: int = DEFAULT_MAX_CHUNKS) -> list[list[str]]:
    """Split the roles, in portal order, into as few contiguous chunks as `chunk_size` allows
    (at most `max_chunks`; chunks then grow), sizes differing by one at most. Every role is in exactly one."""
    if not roles:
        return []
    count = min(max_chunks, math.ceil(len(roles) / chunk_size))
    return [list(roles[len(roles) * i // count : len(roles) * (i + 1) // count]) for i in range(count)]


def collect_parts(parts: Sequence[Path], published: Sequence[str]) -> dict[str, Path]:
    """Find each published role's site among the parts: role id -> its folder. Any role missing,
    present twice, or a folder that is no published role, is an error naming the part."""
    found: dict[str, Path] = {}
    for part in parts:
        if not part.is_dir():
            raise UsageError(f"--from {part}: no such folder (expected the output of `journeys build --role ... -o {part}`)")
        for child in sorted(part.iterdir()):
            if child.name.startswith(".") or not child.is_dir():
                continue  # the part's own root pages and marker; rendered again for the whole project
            rid = child.name
            if rid not in published:
                raise UsageError(f"--from {part}: the folder {rid}/ is not the site of a published role of this project (published: {', '.join(published)})")
            if not (child / "index.html").is_file():
                raise UsageError(f"--from {part}: {rid}/ holds no index.html; it is not a built role site")
            if rid in found:
                raise UsageError(f"role {rid!r} is in two parts, {found[rid].parent} and {part}: build each role in exactly one part")
            found[rid] = child
    missing = [rid for rid in published if rid not in found]
    if missing:
        roles = " ".join(f"--role {rid}" for rid in missing)
        raise UsageError(f"no part holds the site of {', '.join(missing)}: build it with `journeys build {roles} -o PART` and add --from PART")
    return found


def copy_sites(found: dict[str, Path], new: Path) -> None:
    """Copy each role site into the new output, as it was built."""
    for rid, folder in found.items():
        shutil.copytree(folder, new / rid, symlinks=False)
