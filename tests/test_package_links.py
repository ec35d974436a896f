"""Links in a SCORM package that leave it (to another role's published site) are well-formed URLs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tests.conftest import REPO

HREF = re.compile(r'href="(https?://[^"]+)"')


def test_links_to_other_role_sites_have_no_empty_path_segment(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "packages"
    assert run_cli("package", REPO, "--role", "sales-rep", "-o", out, "-q").code == 0
    with zipfile.ZipFile(out / "sales-rep-scorm-2004.zip") as package:
        impact = package.read("impact/index.html").decode("utf-8")
    links = [u for u in HREF.findall(impact) if u.startswith("https://academy.northwind.example/crm/")]
    assert any(u == "https://academy.northwind.example/crm/customer-success/" for u in links), links
    assert [u for u in links if "//" in u.split("://", 1)[1]] == []
