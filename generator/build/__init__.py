"""Stage 5: build each role site with its engine, strictly."""

from generator.build.roles import BuildOutcome, RoleBuild, build_roles
from generator.build.sources import write_sources

__all__ = ["BuildOutcome", "RoleBuild", "build_roles", "write_sources"]
