"""The project as it was at a git commit, tag or branch (`journeys build --changes-since REF`).

git itself reads the history: `git archive` writes the project's folder at REF
into a temporary folder, which the ordinary loader then reads. The project may
be a subfolder of its repository.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from generator.errors import JourneysError, UsageError


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise JourneysError("--changes-since needs git, and git is not installed (or not on PATH)")
    return subprocess.run([git, *args], cwd=cwd, capture_output=True, check=False)


def project_at(root: Path, ref: str, dest: Path) -> Path:
    """Write the project folder as it was at `ref` into `dest`; returns the project's root there."""
    root = root.resolve()
    top = _git(["rev-parse", "--show-toplevel"], root)
    if top.returncode != 0:
        raise JourneysError(f"--changes-since {ref}: {root} is not in a git repository, so there is no earlier version to compare with")
    toplevel = Path(top.stdout.decode().strip()).resolve()
    prefix = root.relative_to(toplevel).as_posix()
    if ref.startswith("-") or _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], toplevel).returncode != 0:
        raise UsageError(f"--changes-since {ref}: no commit, tag or branch of {toplevel} has this name (try a tag, a branch or `git log --oneline`)")
    tree = f"{ref}:{prefix}" if prefix != "." else f"{ref}:"
    if _git(["cat-file", "-e", tree], toplevel).returncode != 0:
        raise JourneysError(f"--changes-since {ref}: the project folder {prefix} did not exist yet at {ref}")
    archive = _git(["archive", "--format=tar", tree], toplevel)
    if archive.returncode != 0:
        raise JourneysError(f"--changes-since {ref}: git could not read the project at {ref}: {archive.stderr.decode(errors='replace').strip()}")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            path = PurePosixPath(member.name)
            if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
                continue  # only plain files and folders inside the project (links are not followed)
            if hasattr(tarfile, "data_filter"):  # Python 3.12 (and 3.11.4): the safe extraction filter, explicitly
                tar.extract(member, dest, set_attrs=False, filter="data")
            else:
                tar.extract(member, dest, set_attrs=False)
    return dest
