"""Write a role's rendered sources to disk: `mkdocs.yml` and `docs/`, plain input any engine can build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.build.config import copy_self_contained
from generator.render.site import ASSETS_DIR, SiteSources

# The bundled Mermaid runtime (3.5 MB) goes only into sites whose pages hold a ```mermaid block.
MERMAID_RUNTIME = f"{ASSETS_DIR}/vendor/mermaid"
_MERMAID_FENCE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?mermaid\b", re.MULTILINE)


def uses_mermaid(sources: SiteSources) -> bool:
    return any(_MERMAID_FENCE.search(text) for text in sources.pages.values())


def needed_copies(sources: SiteSources) -> dict[str, Path]:
    """The files to copy into docs/: all of `sources.copies` but runtimes no page of this site uses."""
    if uses_mermaid(sources):
        return sources.copies
    return {rel: src for rel, src in sources.copies.items() if not rel.startswith(MERMAID_RUNTIME)}


def write_sources(sources: SiteSources, folder: Path) -> Path:
    """Lay out `folder/mkdocs.yml` and `folder/docs/`; returns the config file."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for rel, text in sources.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, src in needed_copies(sources).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    config = folder / "mkdocs.yml"
    config.write_text(sources.config, encoding="utf-8")
    return config


def keep_sources(folder: Path, target: Path) -> None:
    """Copy the sources laid out in `folder` to `target`: docs/ and a mkdocs.yml that builds there, on its
    own (`mkdocs build`, `zensical build`), with the configs it inherits and the theme overrides beside it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(folder / "docs", target / "docs")
    copy_self_contained(folder / "mkdocs.yml", target)
