"""The MkDocs engine: MkDocs' public API only (`load_config`, `build`), strict, in this process.

Every warning MkDocs or a plugin logs is a failure; the messages go back to
the caller, which traces them to project files. A process that builds several
role sites compiles Material's templates once: the Jinja environment of each
build gets a bytecode cache (Jinja's public BytecodeCache), which checks every
template's source before reusing it: on disk in the cache folder the build is
given, for the next process too, else in memory.
"""

from __future__ import annotations

import logging
import shutil
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
    return " ".join(f"{p}=={version(p)}" for p in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "pygments"))


def warm_up() -> None:
    """Import what every build needs, once per worker process."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import pymdownx.superfences  # noqa: F401


_plugin = None


def _bytecode_plugin():  # type: ignore[no-untyped-def]
    """A programmatic plugin (never written into a config) that gives each build's Jinja environment
    the build's bytecode cache (`cache`, set per build), so Material's ~500 templates are compiled
    once, and leaves out theme files no page loads (source maps, other languages' search files)."""
    global _plugin
    if _plugin is None:
        from mkdocs.plugins import BasePlugin

        class SharedBytecode(BasePlugin):  # type: ignore[type-arg]
            cache = None

            def on_env(self, env, config, files):  # type: ignore[no-untyped-def]
                env.bytecode_cache = self.cache
                return env

            def on_files(self, files, config):  # type: ignore[no-untyped-def]
                """Theme files no page loads are not even copied."""
                langs = _search_langs(config)
                for file in [f for f in files if not f.is_documentation_page() and _unused(f.dest_uri, langs)]:
                    files.remove(file)
                return files

        _plugin = SharedBytecode()
    return _plugin


_in_memory = None


def _bytecode_cache(cache_dir: Path | None):  # type: ignore[no-untyped-def]
    """Compiled templates on disk in `cache_dir` (for the next process too: a one-role rebuild starts a
    fresh worker), or, given none (--no-cache), in memory for the next build in this process."""
    if cache_dir is not None:
        from generator.render.compiled import CompiledTemplates

        return CompiledTemplates(cache_dir / "jinja")
    global _in_memory
    if _in_memory is None:
        import jinja2

        class InMemory(jinja2.BytecodeCache):
            def __init__(self) -> None:
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                data = self.store.get(bucket.key)
                if data is not None:
                    bucket.bytecode_from_string(data)  # rejected by Jinja if the template's source changed

            def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                self.store[bucket.key] = bucket.bytecode_to_string()

        _in_memory = InMemory()
    return _in_memory


def _search_langs(config) -> list[str] | None:  # type: ignore[no-untyped-def]
    search = next((p for name, p in config.plugins.items() if name.endswith("search")), None)
    if search is None:
        return None
    return list(getattr(search, "config", {}).get("lang") or ["en"])


def _unused(rel: str, langs: list[str] | None) -> bool:
    """Whether a theme file (site-relative path) is never loaded: a source map, or a lunr file for a language
    the site's search does not use (Material's search worker loads exactly these by language)."""
    if rel.startswith(("assets/javascripts/", "assets/stylesheets/")) and rel.endswith(".map"):
        return True
    if langs is None or not rel.startswith("assets/javascripts/lunr/"):
        return False
    keep = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    keep |= {"tinyseg.js"} if "ja" in langs else set()
    keep |= {"wordcut.js"} if {"hi", "th"} & set(langs) else set()
    keep |= {"min/lunr.multi.min.js"} if len(langs) > 1 else set()
    if keep:
        keep.add("min/lunr.stemmer.support.min.js")
    return rel.removeprefix("assets/javascripts/lunr/") not in keep


def _slim(config, site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Remove what a published site never loads, should a theme have put it there after all."""
    langs = _search_langs(config)
    for folder in (site_dir / "assets" / "javascripts", site_dir / "assets" / "stylesheets"):
        for path in [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []:
            if _unused(path.relative_to(site_dir).as_posix(), langs):
                path.unlink()
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if lunr.is_dir() and not any(p.is_file() for p in lunr.rglob("*")):
        shutil.rmtree(lunr)


def build(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> list[str]:
    """Build one site; returns every warning or error message (empty: success). `cache_dir`, when
    given, keeps compiled templates for later processes."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    config = None
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        plugin = _bytecode_plugin()
        plugin.cache = _bytecode_cache(cache_dir)
        config.plugins["journeys/shared-bytecode"] = plugin
        mkdocs_build(config)
    except Abort:
        pass  # strict mode: the warnings collected say why
    except MkDocsException as err:
        collect.messages.append(str(err))
    except Exception as err:  # a plugin or extension failing must not show a traceback
        collect.messages.append(f"{type(err).__name__}: {err}")
    finally:
        logger.removeHandler(collect)
    if not collect.messages and config is not None:
        _slim(config, site_dir)
    return list(dict.fromkeys(collect.messages))
