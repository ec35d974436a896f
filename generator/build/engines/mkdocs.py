"""The MkDocs engine: MkDocs' public API only (`load_config`, `build`), strict, in this process.

Every warning MkDocs or a plugin logs is a failure; the messages go back to
the caller, which traces them to project files.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

NAME = "mkdocs"


class _Collect(logging.Handler):
    """Keeps every warning MkDocs or a plugin logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def versions() -> str:
    """What, besides the sources, decides this engine's output (part of the build cache key)."""
    return " ".join(f"{p}=={version(p)}" for p in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown"))


def build(config_file: Path, site_dir: Path) -> list[str]:
    """Build one site; returns every warning or error message (empty: success)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except Abort:
        pass  # strict mode: the warnings collected say why
    except MkDocsException as err:
        collect.messages.append(str(err))
    except Exception as err:  # a plugin or extension failing must not show a traceback
        collect.messages.append(f"{type(err).__name__}: {err}")
    finally:
        logger.removeHandler(collect)
    return list(dict.fromkeys(collect.messages))
