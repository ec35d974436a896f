"""Stage 5: build each role site with MkDocs in strict mode."""

from generator.build.mkdocs_site import build_site, write_sources

__all__ = ["build_site", "write_sources"]
