"""Find and read every file of a project as the format lays them out.

The loader checks what it must to read safely (names, sizes, encodings,
symlinks that leave the project) and leaves every rule about meaning to the
validator.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Diagnostic, Pos
from generator.ids import ID_RULE, WINDOWS_RESERVED, did_you_mean, is_valid_id
from generator.load.nodes import Node
from generator.load.yaml_reader import parse_yaml

MAX_FILE_BYTES = 1_048_576
CONFIG_FILE = "journeys.yml"


@dataclass(frozen=True)
class SourceDoc:
    """One YAML file: its path relative to the project and its root node (None if empty or unreadable)."""

    rel: str
    root: Node | None


@dataclass(frozen=True)
class TextFile:
    rel: str
    text: str


@dataclass(frozen=True)
class RawProject:
    root: Path
    config: SourceDoc | None
    roles: dict[str, SourceDoc]
    workflows: dict[str, SourceDoc]
    intros: dict[str, TextFile]
    pages: dict[str, TextFile]
    media: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file() and _inside(self.root, self.root / rel)


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def error(self, rel: str, message: str, line: int = 1, col: int = 1) -> None:
        self.diagnostics.append(Diagnostic(Pos(rel, line, col), message))

    def read_text(self, rel: str) -> str | None:
        path = self.root / rel
        if path.is_symlink() and not _inside(self.root, path):
            self.error(rel, "this file is a link to somewhere outside the project; copy the file in instead")
            return None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.error(rel, f"the file is {size:,} bytes; files over {MAX_FILE_BYTES:,} bytes are refused")
                return None
            data = path.read_bytes()
        except OSError as err:
            self.error(rel, f"cannot read the file: {err.strerror or err}")
            return None
        if b"\x00" in data:
            self.error(rel, "the file holds NUL bytes: it looks binary, not text")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            before = data[: err.start].decode("utf-8-sig", errors="replace")
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            self.error(rel, f"the file is not UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8", line, col)
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def read_yaml(self, rel: str) -> SourceDoc:
        text = self.read_text(rel)
        if text is None:
            return SourceDoc(rel, None)
        root, problems = parse_yaml(rel, text)
        self.diagnostics.extend(problems)
        if root is None and not problems:
            self.error(rel, "the file is empty")
        return SourceDoc(rel, root)

    def listing(self, folder: str) -> list[str]:
        """Names in a content folder, sorted; hidden files are ignored."""
        path = self.root / folder
        if not path.is_dir():
            return []
        return sorted(name for name in os.listdir(path) if not name.startswith("."))

    def by_id(self, folder: str, suffixes: tuple[str, ...], what: str) -> dict[str, dict[str, str]]:
        """{suffix: {id: rel}} for files named <id><suffix>; reports every other name."""
        found: dict[str, dict[str, str]] = {s: {} for s in suffixes}
        lowered: dict[tuple[str, str], str] = {}
        for name in self.listing(folder):
            rel = f"{folder}/{name}"
            if (self.root / rel).is_dir():
                self.error(rel, f"unexpected folder: {folder}/ holds only {what} files")
                continue
            suffix = next((s for s in suffixes if name.endswith(s)), None)
            if suffix is None:
                hint = " (rename it to .yml)" if name.endswith(".yaml") else ""
                self.error(rel, f"unexpected file: {folder}/ holds only {' and '.join(suffixes)} files{hint}")
                continue
            stem = name[: -len(suffix)]
            if not is_valid_id(stem):
                self.error(rel, f"the file name '{stem}' is not a valid id: use {ID_RULE}")
                continue
            if stem in WINDOWS_RESERVED:
                self.error(rel, f"'{stem}' is a name Windows reserves for a device: designers on Windows could not check this file out; choose another id")
                continue
            if (suffix, stem.lower()) in lowered:
                self.error(rel, f"'{stem}' differs only by case from '{lowered[(suffix, stem.lower())]}'")
                continue
            lowered[(suffix, stem.lower())] = stem
            found[suffix][stem] = rel
        return found

    def media(self) -> frozenset[str]:
        base = self.root / "content" / "media"
        files: set[str] = set()
        if not base.is_dir():
            return frozenset()
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                rel = path.relative_to(self.root).as_posix()
                if path.is_symlink() and not _inside(self.root, path):
                    self.error(rel, "this file is a link to somewhere outside the project; copy the file in instead")
                    continue
                files.add(rel)
        return frozenset(files)


def load_project(root: Path) -> RawProject:
    """Read everything under `root`; problems are collected, never raised."""
    reader = _Reader(root)
    config = reader.read_yaml(CONFIG_FILE) if (root / CONFIG_FILE).is_file() else None
    if config is None:
        reader.error(CONFIG_FILE, f"no {CONFIG_FILE} in {root}: every project needs one (title and tool at least)")
    roles = {i: reader.read_yaml(rel) for i, rel in reader.by_id("content/roles", (".yml",), "role")[".yml"].items()}
    wf_files = reader.by_id("content/workflows", (".yml", ".md"), "workflow")
    workflows = {i: reader.read_yaml(rel) for i, rel in wf_files[".yml"].items()}
    intros: dict[str, TextFile] = {}
    for wid, rel in wf_files[".md"].items():
        if wid not in workflows:
            reader.error(rel, f"this introduction has no workflow: there is no content/workflows/{wid}.yml{did_you_mean(wid, workflows)}")
            continue
        text = reader.read_text(rel)
        if text is not None:
            intros[wid] = TextFile(rel, text)
    pages: dict[str, TextFile] = {}
    for pid, rel in reader.by_id("content/pages", (".md",), "page")[".md"].items():
        text = reader.read_text(rel)
        if text is not None:
            pages[pid] = TextFile(rel, text)
    if not roles and not (root / "content" / "roles").is_dir():
        reader.error("content/roles", "no content/roles/ folder: a project needs at least one role")
    return RawProject(
        root=root,
        config=config,
        roles=roles,
        workflows=workflows,
        intros=intros,
        pages=pages,
        media=reader.media(),
        diagnostics=tuple(reader.diagnostics),
    )
