"""Compiled Jinja templates kept on disk between builds and processes.

One class serves journeys' own templates (render) and Material's (the MkDocs
engine, whose fresh worker would otherwise compile them again for a one-role
rebuild). It is Jinja's own `FileSystemBytecodeCache` with two changes:
entries are named by template name, not file path (a role's theme overrides
sit in a new staging folder every build), and a damaged, unreadable or
unwritable entry only costs compiling the template again. Jinja itself
rejects an entry whose template source changed (its checksum) or that
another Python wrote; callers put the Jinja or engine version in the folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(FileSystemBytecodeCache):
    def __init__(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # every write fails quietly below
        super().__init__(str(folder))

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only project or a full disk
            pass
