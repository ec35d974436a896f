"""The build cache: a role site is reused when nothing it is built from has changed.

A role build reads its rendered sources (config, pages, copied files), the
files its config names outside them (base config, theme overrides), the engine
and the generator. The cache key is a hash of all of their CONTENTS, with the
staging folder's path (new on every build) written as a placeholder, so the
key is the same whenever the inputs are. Nothing here knows any engine: the
engine is one more input, through its NAME and `versions()`.

Entries live in `<project>/.journeys-cache/sites/<role>-<key>/`; the latest
entries per role are kept. Sites are hard-linked in and out (copied where the
file system refuses), so reuse costs no copying.
"""

from __future__ import annotations

import hashlib
import re
import os
import shutil
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import generator
from generator.build.engines import engine
from generator.build.sources import needed_copies
from generator.render.site import SiteSources

CACHE_DIR = ".journeys-cache"
KEEP_PER_ROLE = 2  # the latest entries of each role (undoing an edit finds the site before it)
_DONE = ".journeys-entry"


@lru_cache(maxsize=None)
def generator_fingerprint() -> str:
    """The generator's version and its own code: a changed generator never reuses what an older one built."""
    digest = hashlib.sha256(generator.__version__.encode())
    package = Path(generator.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _engine_versions(name: str) -> str:
    return engine(name).versions()


def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def tree_digest(folder: Path) -> str:
    """Names and contents of every file under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + _file_digest(path))
    return digest.hexdigest()


def role_key(sources: SiteSources, engine_name: str, scratch_root: Path, extra: Iterable[tuple[str, str]] = ()) -> str:
    """The cache key of one role build. `scratch_root` (the staging folder) is replaced by a placeholder
    wherever the config names it; `extra` names the other inputs by (label, content digest)."""
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    part("generator", generator_fingerprint().encode())
    part("engine", f"{engine_name} {_engine_versions(engine_name)}".encode())
    part("role", sources.role_id.encode())
    part("config", sources.config.replace(str(scratch_root), "<staging>").encode())
    for rel in sorted(sources.pages):
        part(f"page {rel}", sources.pages[rel].encode())
    for rel, src in sorted(needed_copies(sources).items()):
        part(f"copy {rel}", _file_digest(src))
    for label, value in sorted(extra):
        part(label, value.encode())
    return digest.hexdigest()[:32]


def link_tree(src: Path, dst: Path) -> None:
    """`dst` as a copy of `src` made of hard links where the file system allows, copies elsewhere."""
    shutil.copytree(src, dst, copy_function=_link_or_copy, symlinks=True, dirs_exist_ok=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class BuildCache:
    """Built role sites by key, in `folder`. Every failure to read or write it only costs a rebuild."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sites = folder / "sites"

    def engine_folder(self, engine_name: str) -> Path:
        """Where `engine_name` keeps reusable work of its own (compiled templates), per version of it."""
        version = hashlib.sha256(_engine_versions(engine_name).encode()).hexdigest()[:12]
        return self._versioned("engines", engine_name, version)

    def templates_folder(self) -> Path:
        """Where journeys' own templates are kept compiled, per Jinja version."""
        import jinja2

        return self._versioned("templates", "jinja", jinja2.__version__)

    def _versioned(self, group: str, name: str, version: str) -> Path:
        """`<cache>/<group>/<name>-<version>/`, made; the folders of other versions of `name` are removed,
        so an upgrade starts afresh and leaves nothing behind."""
        folder = self.folder / group / f"{name}-{version}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _ignore_me(self.folder)
            for other in folder.parent.glob(f"{name}-*"):
                if other.name != folder.name:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass  # unwritable: writes into it fail quietly too, and templates are compiled again
        return folder

    def _entry(self, role_id: str, key: str) -> Path:
        return self.sites / f"{role_id}-{key}"

    def fetch(self, role_id: str, key: str, site_dir: Path) -> bool:
        """Put the cached site for `key` at `site_dir`; False when there is none."""
        entry = self._entry(role_id, key)
        if not (entry / _DONE).is_file():
            return False
        try:
            link_tree(entry / "site", site_dir)
        except OSError:
            shutil.rmtree(site_dir, ignore_errors=True)
            return False
        try:
            os.utime(entry / _DONE)  # the most recently used entries are kept longest
        except OSError:
            pass
        return True

    def store(self, role_id: str, key: str, site_dir: Path) -> None:
        """Keep a just-built site for later builds; drop this role's older entries beyond KEEP_PER_ROLE."""
        entry = self._entry(role_id, key)
        try:
            self.sites.mkdir(parents=True, exist_ok=True)
            _ignore_me(self.folder)
            if not (entry / _DONE).is_file():
                tmp = Path(tempfile.mkdtemp(prefix=".new-", dir=self.sites))
                link_tree(site_dir, tmp / "site")
                (tmp / _DONE).write_text(key + "\n", encoding="utf-8")
                shutil.rmtree(entry, ignore_errors=True)
                os.replace(tmp, entry)
            self._prune(role_id)
        except OSError:
            pass  # a read-only project or a full disk: the build itself succeeded

    def _prune(self, role_id: str) -> None:
        prefix = f"{role_id}-"
        mine = [p for p in self.sites.iterdir() if p.name.startswith(prefix) and len(p.name) == len(prefix) + 32]
        mine.sort(key=lambda p: (p / _DONE).stat().st_mtime if (p / _DONE).exists() else 0, reverse=True)
        for old in mine[KEEP_PER_ROLE:]:
            shutil.rmtree(old, ignore_errors=True)
        for stale in self.sites.glob(".new-*"):  # left by an interrupted run
            if not stale.samefile(self.sites):
                shutil.rmtree(stale, ignore_errors=True)


def _ignore_me(folder: Path) -> None:
    """A .gitignore inside the cache, so it is ignored even in projects whose own .gitignore does not say so."""
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# journeys' build cache: safe to delete.\n*\n", encoding="utf-8")


def config_digest(config: Path, staging: Path) -> str:
    """The contents of a role's inherited config and of every config it INHERITs in turn, with the
    staging folder's path (new on every build) written as a placeholder."""
    digest = hashlib.sha256()
    seen: set[Path] = set()
    while config not in seen and config.is_file():
        seen.add(config)
        text = config.read_text(encoding="utf-8-sig")
        digest.update(config.name.encode() + b"\0" + text.replace(str(staging), "<staging>").encode() + b"\0")
        parent = re.search(r"^INHERIT\s*:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", text, re.MULTILINE)
        if not parent:
            break
        config = (config.parent / parent.group(1)).resolve()
    return digest.hexdigest()
