"""Build role sites: each role's rendered sources, through one engine, into its own folder.

A role build depends only on its `SiteSources`, the engine and the files they
name, so role builds are independent units of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.diagnose import diagnostic
from generator.build.engines import engine
from generator.build.sources import write_sources
from generator.errors import BuildError, Diagnostic
from generator.render.site import SiteSources


@dataclass(frozen=True)
class RoleBuild:
    """One unit of work: a role's sources, built by `engine` into `site_dir`, with `scratch` for its sources."""

    sources: SiteSources
    engine: str
    scratch: Path
    site_dir: Path
    project_root: Path


@dataclass(frozen=True)
class BuildOutcome:
    built: tuple[str, ...]  # role ids built now
    reused: tuple[str, ...]  # role ids taken unchanged from the cache


def build_one(job: RoleBuild) -> list[Diagnostic]:
    """Write the sources and build them; the problems found, traced to project files (empty: success)."""
    config_file = write_sources(job.sources, job.scratch)
    messages = engine(job.engine).build(config_file, job.site_dir)
    return [diagnostic(m, job.sources, job.project_root) for m in messages]


def build_roles(jobs: Sequence[RoleBuild]) -> BuildOutcome:
    """Build every job; raise BuildError with every problem of every role when any fails."""
    problems: list[Diagnostic] = []
    for job in jobs:
        problems += build_one(job)
    if problems:
        raise BuildError(problems)
    return BuildOutcome(tuple(j.sources.role_id for j in jobs), ())
