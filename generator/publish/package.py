"""Write an LMS package: a built role site plus its manifest and launch page, as one zip, replaced in one step."""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from pathlib import Path


# A web server's error page, with absolute links for its server: an LMS never shows it.
LEFT_OUT = frozenset({"404.html"})


def site_files(site: Path) -> list[str]:
    """Every file of a built site that goes into its package, as paths relative to it (POSIX), in a stable order."""
    return sorted(rel for p in site.rglob("*") if p.is_file() and (rel := p.relative_to(site).as_posix()) not in LEFT_OUT)


def write_package(site: Path, added: dict[str, str], target: Path, epoch: int) -> None:
    """Zip `site` with the `added` files at its root into `target`; an existing package is replaced only when done.
    Every entry is stamped with the build date (`epoch`, seconds), so the same sources make the same zip."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in added.items():  # imsmanifest.xml first: some LMSs look for it at the start
                zf.writestr(entry(name), text)
            for rel in site_files(site):
                if rel not in added:
                    zf.writestr(entry(rel), (site / rel).read_bytes())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the package from a web server's other users
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
