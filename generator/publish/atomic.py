"""Build into a staging folder next to the output, then swap it in only when everything succeeded.

The staging folder sits beside OUT (same file system) so the swap is two
renames. A failed or interrupted build leaves OUT untouched; leftovers of an
interrupted run are cleared at the start of the next one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import UsageError

STAGING_PREFIX = ".journeys-staging-"
RETIRED_PREFIX = ".journeys-retired-"
MARKER = ".journeys-output"


def check_output_path(out: Path, project: Path) -> None:
    """Refuse output folders whose replacement would destroy the project or more."""
    out_r, proj_r = out.resolve(), project.resolve()
    forbidden = {proj_r, proj_r / "content", proj_r / "themes", Path(out_r.anchor)}
    if out_r in forbidden or out_r in proj_r.parents or (proj_r / "content") in out_r.parents:
        raise UsageError(f"refusing to write the output to {out}: it would replace the project or its content; choose a separate folder such as {project / 'site'}")
    if out_r == Path.home().resolve():
        raise UsageError(f"refusing to write the output to your home folder {out}")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(f"refusing to replace {out}: it is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"refusing to replace {out}: it is not empty and was not written by journeys; remove it or choose another folder")


def _sweep(parent: Path, name: str) -> None:
    """Remove leftovers of earlier interrupted runs for this output; restore a lost output."""
    if not parent.is_dir():
        return
    retired = sorted(p for p in parent.iterdir() if p.name.startswith(f"{RETIRED_PREFIX}{name}-"))
    if retired and not (parent / name).exists():
        # Interrupted between the two renames: the retired folder is the last good output.
        os.replace(retired[-1], parent / name)
        retired = retired[:-1]
    for p in [*retired, *(p for p in parent.iterdir() if p.name.startswith(f"{STAGING_PREFIX}{name}-"))]:
        shutil.rmtree(p, ignore_errors=True)


class OutputSwap:
    """`with OutputSwap(out) as stage:` build into `stage.new`; call `stage.commit()` to publish."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parent = out.parent
        self.work: Path | None = None

    def __enter__(self) -> OutputSwap:
        self.parent.mkdir(parents=True, exist_ok=True)
        _sweep(self.parent, self.out.name)
        self.work = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{self.out.name}-", dir=self.parent))
        self.new.mkdir()
        return self

    @property
    def new(self) -> Path:
        assert self.work is not None
        return self.work / "out"

    def scratch(self, name: str) -> Path:
        """A folder for intermediate files, removed with the staging folder."""
        assert self.work is not None
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def commit(self) -> None:
        """Swap the new output into place: two renames, then the old one is deleted."""
        (self.new / MARKER).write_text("This folder is written by `journeys build` and replaced whole on every build.\n", encoding="utf-8")
        retired = None
        if self.out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f"{RETIRED_PREFIX}{self.out.name}-", dir=self.parent))
            os.rmdir(retired)
            os.replace(self.out, retired)
        os.replace(self.new, self.out)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def __exit__(self, *exc: object) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
