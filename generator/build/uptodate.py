"""A rebuild with nothing to do: when nothing a build reads has changed since it last wrote OUT,
and OUT is as that build left it, the build is done before it starts (as make and ninja do).

The record of each OUT (in the build cache) holds a digest of every input: the project's
journeys.yml, mkdocs.yml, content/ and themes/, journeys' own default theme and code, the
site builders' versions, the build date and the options; and a digest of OUT's files as
written. Any difference, or no record, means a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.build.cache import generator_fingerprint

RECORD = "outputs.json"
_PROJECT_INPUTS = ("journeys.yml", "mkdocs.yml", "content", "themes")
_BUILDERS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "zensical")


@dataclass(frozen=True)
class Done:
    """What the build that wrote OUT reported: its role sites and its warnings."""

    roles: tuple[str, ...]
    warnings: tuple[tuple[str, int, int, str], ...]  # file, line, col, message


def _versions() -> str:
    found = []
    for name in _BUILDERS:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return " ".join(found)


def _add_tree(digest: hashlib._Hash, base: Path, rel: str) -> None:
    path = base / rel
    if path.is_file():
        digest.update(f"{rel}\0".encode() + path.read_bytes() + b"\0")
    elif path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(f"{child.relative_to(base).as_posix()}\0".encode() + child.read_bytes() + b"\0")
    else:
        digest.update(f"{rel} absent\0".encode())


def inputs_digest(root: Path, default_root: Path, settings: str) -> str:
    """Everything a build reads, and how it was asked for (`settings`: the options and the build date)."""
    digest = hashlib.sha256(f"{generator_fingerprint()}\0{_versions()}\0{settings}\0".encode())
    for rel in _PROJECT_INPUTS:
        _add_tree(digest, root, rel)
    if default_root.resolve() != root.resolve():
        for rel in ("mkdocs.yml", "themes"):
            _add_tree(digest, default_root, f"{rel}")
    return digest.hexdigest()


def output_digest(out: Path) -> str:
    """OUT's files as they stand: names, sizes and modification times (a change by hand shows)."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            stat = os.stat(path)
            digest.update(f"{os.path.relpath(path, out)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _read(cache: Path) -> dict[str, dict]:
    try:
        return json.loads((cache / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def up_to_date(cache: Path, out: Path, inputs: str) -> Done | None:
    """What the last build of OUT reported, when OUT is still exactly what it wrote from these inputs."""
    entry = _read(cache).get(str(out))
    if not entry or entry.get("inputs") != inputs or not out.is_dir():
        return None
    if entry.get("output") != output_digest(out):
        return None
    return Done(tuple(entry["roles"]), tuple(tuple(w) for w in entry["warnings"]))  # type: ignore[misc]


def remember(cache: Path, out: Path, inputs: str, done: Done) -> None:
    """Record a finished build of OUT; failing to write the record only costs a real build next time."""
    try:
        records = _read(cache)
        records[str(out)] = {"inputs": inputs, "output": output_digest(out), "roles": list(done.roles), "warnings": [list(w) for w in done.warnings]}
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{RECORD}.tmp"
        tmp.write_text(json.dumps(records, indent=1), encoding="utf-8")
        os.replace(tmp, cache / RECORD)
    except OSError:
        pass
