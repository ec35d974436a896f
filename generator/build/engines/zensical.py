"""The Zensical engine: the same mkdocs.yml and docs/, built by Zensical in a subprocess.

Zensical (the successor of Material for MkDocs) logs nothing through Python
logging and ends a strict build with a traceback, so it runs as a child
process whose output is read: colour codes stripped, each diagnostic turned
into a message in MkDocs' shape ("Doc file 'X' contains a link 'Y': ...")
that `generator.build.diagnose` traces to the project file. Any warning or a
non-zero exit is a failure.

Three differences are closed here rather than in the sources:
- Zensical refuses a `site_dir` outside the config's folder and writes the
  site even when the build fails, so it builds into a scratch folder beside
  the config, moved to `site_dir` only on success;
- Zensical's INHERIT appends lists where MkDocs replaces them, so the chain is
  resolved here with MkDocs' rules and Zensical reads one flat config;
- its cache lives beside the config and is removed, so a build depends on its
  inputs only.

Module-level functions only: workers call `build` in other processes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import yaml

from generator.build.config import Dumper, resolve_config

NAME = "zensical"

FLAT_CONFIG = ".journeys-zensical.yml"  # the resolved config Zensical reads, beside mkdocs.yml
SCRATCH_SITE = ".journeys-zensical-site"  # where Zensical writes, inside the config's folder
TIMEOUT = 900  # seconds: a build that takes longer is stuck

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_HEADER = re.compile(r"^(Warning|Error|error|warning):\s*(.*)$")
_WHERE = re.compile(r"\[\s*(.+?):(\d+):(\d+)\s*\]")
_SOURCE = re.compile(r"^\s*(\d+)\s*│ ?(.*)$")
_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Abort)):\s*(.*)$")
_DESTINATIONS = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:href|src)=[\"']([^\"']+)")
_STRICT_ABORT = "Aborted because --strict flag is set"


def versions() -> str:
    """What, besides the sources, decides this engine's output (part of the build cache key)."""
    found = []
    for package in ("zensical", "pymdown-extensions", "markdown"):
        try:
            found.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}==missing")
    return " ".join(found)


def missing() -> str | None:
    """Why this engine cannot run here, if it cannot: Zensical is an optional extra."""
    if find_spec("zensical") is None:
        return "the zensical engine is not installed: pip install 'journeys[zensical]' (or build with --engine mkdocs)"
    return None


def build(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> list[str]:
    """Build one site; returns every warning or error message (empty: success). Zensical keeps no
    cache between builds here (`cache_dir` is unused): each build starts from a clean scratch folder."""
    problem = missing()
    if problem:
        return [problem]
    try:
        return _build(config_file, site_dir)
    except Exception as err:  # whatever goes wrong is a message, never a traceback
        return [f"{type(err).__name__}: {' '.join(str(err).split())}"]


def _build(config_file: Path, site_dir: Path) -> list[str]:
    folder = config_file.parent
    flat, scratch, cache = folder / FLAT_CONFIG, folder / SCRATCH_SITE, folder / ".cache"
    try:
        _remove(scratch, cache)
        try:
            config = resolve_config(config_file)
        except (OSError, yaml.YAMLError, ValueError) as err:
            return [f"cannot read {config_file.name}: {' '.join(str(err).split())}"]
        config["site_dir"] = SCRATCH_SITE
        flat.write_text(yaml.dump(config, Dumper=Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            done = subprocess.run(
                [sys.executable, "-m", "zensical", "build", "--config-file", str(flat), "--strict", "--clean"],
                cwd=folder, capture_output=True, text=True, encoding="utf-8", errors="replace",
                env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}, timeout=TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired:
            return [f"Zensical did not finish within {TIMEOUT} seconds"]
        messages = parse_output(done.stdout + "\n" + done.stderr)
        if done.returncode != 0 and not messages:
            messages = [f"Zensical failed (exit status {done.returncode}): {_last_words(done.stdout + done.stderr)}"]
        if messages:
            return messages
        if not (scratch / "index.html").is_file():
            return ["Zensical reported success but wrote no index.html"]
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(scratch), str(site_dir))
        return []
    finally:
        flat.unlink(missing_ok=True)
        _remove(scratch, cache)


def _remove(*folders: Path) -> None:
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


# --- Reading Zensical's output ------------------------------------------------------------


def parse_output(text: str) -> list[str]:
    """Every diagnostic in Zensical's output, as a one-line message; tracebacks are left out."""
    lines = _ANSI.sub("", text).splitlines()
    messages: list[str] = []
    i = 0
    while i < len(lines):
        header = _HEADER.match(lines[i].strip())
        if not header:
            i += 1
            continue
        what = header.group(2).strip()
        block: list[str] = []
        i += 1
        while i < len(lines) and not _HEADER.match(lines[i].strip()) and not lines[i].startswith("Traceback"):
            block.append(lines[i])
            if lines[i].lstrip().startswith("─") and lines[i].rstrip().endswith("╯"):
                i += 1
                break
            i += 1
        messages.append(_message(what, block))
    return list(dict.fromkeys(messages))


def _message(what: str, block: list[str]) -> str:
    """One diagnostic block as "Doc file 'X' contains a link 'Y': what" (MkDocs' shape), or as it is."""
    where = next((m for m in map(_WHERE.search, block) if m), None)
    if where is None:
        return what
    doc, line, col = where.group(1), int(where.group(2)), int(where.group(3))
    link = _link_at(block, col)
    if link is None:
        return f"Doc file '{doc}' line {line}: {what}"
    return f"Doc file '{doc}' contains a link '{link}': {what}"


def _link_at(block: list[str], col: int) -> str | None:
    """The link destination under Zensical's marker: the whole one the column falls in, where it can be told."""
    for n, row in enumerate(block):
        source = _SOURCE.match(row)
        if not source:
            continue
        text, start = source.group(2), col - 1
        for found in _DESTINATIONS.finditer(text):
            group = 1 if found.group(1) is not None else 2
            if found.start(group) <= start < found.end(group):
                return found.group(group)
        marker = block[n + 1] if n + 1 < len(block) else ""
        bar = marker.find("│")
        run = re.match(r"[─┬┴┼]+", marker[bar + 2 + start :] if bar != -1 else "")
        if run and start < len(text):
            return text[start : start + len(run.group())]
        return None
    return None


def _last_words(text: str) -> str:
    """Why Zensical stopped, without its traceback: the exception's message, or its last line."""
    lines = [line.strip() for line in _ANSI.sub("", text).splitlines() if line.strip()]
    for line in reversed(lines):
        found = _EXCEPTION.match(line)
        if found and found.group(2) != _STRICT_ABORT:
            return found.group(2) or found.group(1)
    return lines[-1] if lines else "no output"
