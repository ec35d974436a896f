"""Site builders. An engine is a module with NAME, `versions()` and
`build(config_file, site_dir, cache_dir=None) -> messages`; `cache_dir`, when given, is a folder
of the build cache the engine may keep its own reusable work in (MkDocs: compiled templates).

The engine is one input of a role build, like its sources: workers and the
cache treat every engine alike.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from generator.errors import JourneysError


def engine(name: str) -> ModuleType:
    return importlib.import_module(f"generator.build.engines.{name}")


def require_engine(name: str) -> None:
    """Fail before anything is built when an engine lacks what it runs on (an optional extra)."""
    missing = getattr(engine(name), "missing", None)
    problem = missing() if missing else None
    if problem:
        raise JourneysError(problem)
