"""Build role sites: each role's rendered sources, through one engine, into its own folder.

A role build depends only on its `RoleBuild` (sources, engine name, folders),
so role builds are independent units of work: they run in worker processes
(`generator.build.workers`), and a role whose inputs did not change is taken
from the build cache instead (`generator.build.cache`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.build.cache import BuildCache
from generator.build.diagnose import diagnostic
from generator.build.engines import engine
from generator.build.progress import Progress
from generator.build.sources import write_sources
from generator.errors import BuildError, Diagnostic, Pos
from generator.render.site import SiteSources


@dataclass(frozen=True)
class RoleBuild:
    """One unit of work: a role's sources, built by `engine` into `site_dir`, with `scratch` for its sources.

    Plain data, so it can be sent to a worker process. `key` is its build cache key ("" when not cached);
    `engine_cache` a folder where the engine may keep reusable work of its own (None: keep none)."""

    sources: SiteSources
    engine: str
    scratch: Path
    site_dir: Path
    project_root: Path
    key: str = ""
    engine_cache: Path | None = None


@dataclass(frozen=True)
class BuildOutcome:
    built: tuple[str, ...]  # role ids built now
    reused: tuple[str, ...]  # role ids taken unchanged from the cache


def build_one(job: RoleBuild) -> list[Diagnostic]:
    """Write the sources and build them; the problems found, traced to project files (empty: success)."""
    try:
        config_file = write_sources(job.sources, job.scratch)
        messages = engine(job.engine).build(config_file, job.site_dir, job.engine_cache)
    except OSError as err:  # a full disk or a vanished folder: say so, without a traceback
        return [Diagnostic(Pos("mkdocs.yml"), f"while building the {job.sources.role_id} site: {err}")]
    return [diagnostic(m, job.sources, job.project_root) for m in messages]


def build_roles(
    jobs: Iterable[RoleBuild],
    workers: int = 1,
    cache: BuildCache | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
    meanwhile: Callable[[], None] | None = None,
) -> BuildOutcome:
    """Build every job (taking unchanged ones from `cache` unless not `reuse`; storing new ones) with up to
    `workers` processes; `jobs` may be produced lazily, the first ones building while the next are made.
    `meanwhile` runs in this process once every job is handed out, while the workers build.
    Raise BuildError with every problem of every role when any fails."""
    from generator.build.workers import Runner

    reused: list[str] = []
    built: list[str] = []
    problems: list[Diagnostic] = []
    with Runner(workers, progress) as runner:  # leaving it, by success or interrupt, stops every worker
        for job in jobs:
            rid = job.sources.role_id
            if reuse and cache is not None and job.key and cache.fetch(rid, job.key, job.site_dir):
                reused.append(rid)
            else:
                built.append(rid)
                runner.submit(job)
        if meanwhile is not None:
            meanwhile()
        for job, found in runner.finished():
            problems += found
            if not found and cache is not None and job.key:
                cache.store(job.sources.role_id, job.key, job.site_dir)
    if problems:
        raise BuildError(problems)
    return BuildOutcome(tuple(built), tuple(reused))
