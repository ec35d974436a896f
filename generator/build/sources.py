"""Write a role's rendered sources to disk: `mkdocs.yml` and `docs/`, plain input any engine can build."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.render.site import SiteSources


def write_sources(sources: SiteSources, folder: Path) -> Path:
    """Lay out `folder/mkdocs.yml` and `folder/docs/`; returns the config file."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for rel, text in sources.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, src in sources.copies.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    config = folder / "mkdocs.yml"
    config.write_text(sources.config, encoding="utf-8")
    return config
