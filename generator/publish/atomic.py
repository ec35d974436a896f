"""Build into a staging folder next to the output, then swap it in only when everything succeeded.

The staging folder sits beside OUT (same file system). On Linux the swap is one
atomic exchange of the two folders (renameat2 RENAME_EXCHANGE): whenever the
process dies, OUT is the whole old site or the whole new one. Elsewhere it is two
renames; an interrupt between them puts the old OUT back, and a kill between them
leaves it under a `.journeys-retired-` name that the next run restores. Either way
leftovers of an interrupted run are cleared at the start of the next one.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
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


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot (then rename twice)."""
    if not sys.platform.startswith("linux") or os.environ.get("JOURNEYS_TEST_SWAP") == "renames":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # an old kernel or a file system without exchange
    raise OSError(code, os.strerror(code), str(b))


def _test_pause(point: str) -> None:
    """Test-only seam, unset in real use: JOURNEYS_TEST_PAUSE=<point>:<seconds> announces the
    point on stderr and sleeps there, so tests/test_hostile.py can land a signal exactly at
    'before-swap', 'between-renames' or 'after-swap'."""
    wanted, _, seconds = os.environ.get("JOURNEYS_TEST_PAUSE", "").partition(":")
    if wanted == point:
        print(f"journeys-test: paused at {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 60))


class OutputSwap:
    """`with OutputSwap(out) as stage:` build into `stage.new`; call `stage.commit()` to publish."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parent = out.parent
        self.work: Path | None = None
        self.retired: Path | None = None

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
        """Swap the new output into place in one step where possible; the old one is deleted on exit."""
        (self.new / MARKER).write_text("This folder is written by `journeys build` and replaced whole on every build.\n", encoding="utf-8")
        _test_pause("before-swap")
        if not self.out.exists():
            os.replace(self.new, self.out)
        elif not _exchange(self.new, self.out):  # exchanged: the old output sits in the staging folder
            self.retired = Path(tempfile.mkdtemp(prefix=f"{RETIRED_PREFIX}{self.out.name}-", dir=self.parent))
            os.rmdir(self.retired)
            os.replace(self.out, self.retired)
            try:
                _test_pause("between-renames")
                os.replace(self.new, self.out)
            except BaseException:
                if not self.out.exists():  # put the old output back
                    os.replace(self.retired, self.out)
                    self.retired = None
                raise
        _test_pause("after-swap")

    def __exit__(self, *exc: object) -> None:
        for folder in (self.retired, self.work):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
