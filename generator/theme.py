"""Where the default theme, templates and base MkDocs config live, and how a project overrides them.

The repository root is the embedded default project: in a source checkout or
editable install its `themes/` and `mkdocs.yml` are read in place; a wheel
carries copies under `generator/_default/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def default_root() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "_default"
    return packaged if (packaged / "themes").is_dir() else here.parent


@dataclass(frozen=True)
class Theme:
    """The folders to search, project first, then the default."""

    project_root: Path
    default: Path

    def layers(self, sub: str) -> list[Path]:
        """Existing `themes/<sub>` folders, highest priority first."""
        dirs = [self.project_root / "themes" / sub, self.default / "themes" / sub]
        seen: list[Path] = []
        for d in dirs:
            if d.is_dir() and d.resolve() not in [s.resolve() for s in seen]:
                seen.append(d)
        return seen

    def files(self, sub: str) -> dict[str, Path]:
        """Every file under `themes/<sub>`, merged across layers: a project file replaces the default of the same path."""
        merged: dict[str, Path] = {}
        for layer in reversed(self.layers(sub)):
            merged.update(_files_in(layer))
        return merged

    def engine_files(self, sub: str, engine: str) -> dict[str, Path]:
        """Like `files`, with `themes/<sub>-<engine>/` over `themes/<sub>/` in each layer: what fits one
        site builder only (a Material partial Zensical renders differently) is given to that one only."""
        merged: dict[str, Path] = {}
        for root in (self.default, self.project_root):
            for folder in (root / "themes" / sub, root / "themes" / f"{sub}-{engine}"):
                if folder.is_dir():
                    merged.update(_files_in(folder))
        return merged

    @property
    def base_config(self) -> Path:
        return self.default / "mkdocs.yml"

    @property
    def project_config(self) -> Path | None:
        path = self.project_root / "mkdocs.yml"
        if not path.is_file() or path.resolve() == self.base_config.resolve():
            return None
        return path


def _files_in(folder: Path) -> dict[str, Path]:
    """Every file under `folder` but hidden ones, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def theme_for(project_root: Path) -> Theme:
    return Theme(project_root, default_root())
