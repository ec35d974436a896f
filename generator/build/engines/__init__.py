"""Site builders. An engine is a module with NAME, `versions()` and `build(config_file, site_dir) -> messages`.

The engine is one input of a role build, like its sources: workers and the
cache treat every engine alike.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def engine(name: str) -> ModuleType:
    return importlib.import_module(f"generator.build.engines.{name}")
