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


def test_media_names_with_spaces_and_markdown_among_media(copy_project, run_cli, tmp_path: Path) -> None:
    root = copy_project("minimal")
    media = root / "content/media/screen shots"
    media.mkdir(parents=True)
    (media / "queue 1.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    (root / "content/media/notes.md").write_text("# Notes kept with the images\n")
    intro = root / "content/workflows/log-call.md"
    intro.write_text(intro.read_text() + "\n![The queue](../media/screen%20shots/queue%201.svg)\n")
    out = tmp_path / "out"
    result = run_cli("build", root, "-o", out)
    assert result.code == 0, result.err
    page = (out / "rep/workflows/log-call/index.html").read_text()
    assert 'src="../../media/screen%20shots/queue%201.svg"' in page
    assert (out / "rep/media/screen shots/queue 1.svg").is_file()
