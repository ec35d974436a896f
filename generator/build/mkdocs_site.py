"""Write a role's sources to disk and build them with MkDocs' public API, strictly.

Only `mkdocs.config.load_config` and `mkdocs.commands.build.build` are used:
the on-disk `mkdocs.yml` and `docs/` are all another builder needs too.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from generator.errors import BuildError, Diagnostic, Pos
from generator.render.site import SiteSources

_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_LINK = re.compile(r"link '([^']*)'")


class _Collect(logging.Handler):
    """Keeps every warning MkDocs or a plugin logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


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


def _diagnostic(message: str, sources: SiteSources, root: Path) -> Diagnostic:
    """A MkDocs warning as an error naming the project file it came from, where that can be told."""
    found = _DOC_FILE.search(message)
    origins = sources.origins.get(found.group(1)) if found else None
    text = " ".join(message.split())
    if origins:
        return Diagnostic(_locate(root, origins, text), f"in the {sources.role_id} site: {text}")
    return Diagnostic(Pos("mkdocs.yml"), f"while building the {sources.role_id} site: {text}")


def build_site(sources: SiteSources, config_file: Path, site_dir: Path, root: Path) -> None:
    """Build one role site into `site_dir`; any MkDocs warning or error raises BuildError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
    except Abort:
        pass  # strict mode: the warnings collected say why
    except MkDocsException as err:
        collect.messages.append(str(err))
    except Exception as err:  # a plugin or extension failing must not show a traceback
        collect.messages.append(f"{type(err).__name__}: {err}")
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise BuildError([_diagnostic(m, sources, root) for m in dict.fromkeys(collect.messages)])
