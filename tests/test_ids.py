"""Any id the format allows gets the URL the format promises, `index` included."""

from __future__ import annotations

from pathlib import Path


def _rename(root: Path, old: str, new: str, files: list[str]) -> None:
    for rel in files:
        path = root / rel
        path.write_text(path.read_text().replace(old, new))


def test_index_as_workflow_and_page_id(copy_project, run_cli, tmp_path: Path) -> None:
    root = copy_project("minimal")
    wf = root / "content/workflows"
    (wf / "log-call.yml").rename(wf / "index.yml")
    (wf / "log-call.md").rename(wf / "index.md")
    (root / "content/pages/glossary.md").rename(root / "content/pages/index.md")
    _rename(root, "log-call", "index", ["content/roles/rep.yml"])
    _rename(root, "glossary", "index", ["content/roles/rep.yml", "content/workflows/index.md"])
    out = tmp_path / "out"
    result = run_cli("build", root, "-o", out)
    assert result.code == 0, result.err
    workflow = out / "rep/workflows/index/index.html"
    page = out / "rep/pages/index/index.html"
    assert workflow.is_file() and page.is_file()
    # The workflow's introduction links to the page, by the page's own URL.
    assert 'href="../../pages/index/"' in workflow.read_text()
    assert (out / "rep/index.html").read_text().count('href="workflows/index/"') >= 1
