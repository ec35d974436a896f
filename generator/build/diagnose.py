"""Trace an engine's complaint back to the project file (and line) the designer wrote.

Engines report problems in the generated docs; journeys knows which project
files each generated page shows (`SiteSources.origins`) and searches them for
the link's #fragment or file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Diagnostic, Pos
from generator.render.site import SiteSources

_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_LINK = re.compile(r"link '([^']*)'")


def _locate(root: Path, origins: tuple[str, ...], message: str) -> Pos:
    """Where in the source file the link MkDocs complains about was written, as near as can be told:
    journeys rewrote the link's path, but its #fragment (or its file name) is as the designer typed it."""
    link = _LINK.search(message)
    if link:
        path, _, fragment = link.group(1).partition("#")
        needles = [f"#{fragment}"] if fragment else []
        needles.append(path.rstrip("/").rsplit("/", 1)[-1])
        texts = {}
        for origin in origins:
            try:
                texts[origin] = (root / origin).read_text(encoding="utf-8-sig")
            except OSError:
                continue
        for needle in needles:
            for origin, text in texts.items():
                at = text.find(needle) if needle else -1
                if at != -1:
                    before = text[:at]
                    return Pos(origin, before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1)
    return Pos(origins[0])


def diagnostic(message: str, sources: SiteSources, root: Path) -> Diagnostic:
    """A MkDocs warning as an error naming the project file it came from, where that can be told."""
    found = _DOC_FILE.search(message)
    origins = sources.origins.get(found.group(1)) if found else None
    text = " ".join(message.split())
    if origins:
        return Diagnostic(_locate(root, origins, text), f"in the {sources.role_id} site: {text}")
    return Diagnostic(Pos("mkdocs.yml"), f"while building the {sources.role_id} site: {text}")
