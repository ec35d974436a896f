"""Role sites carry only what they load: no source maps, search language files only for the site's
language, and the bundled Mermaid runtime only in sites whose pages hold a ```mermaid block."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main
from tests.htmltree import load


def _scripts(page: Path) -> list[str]:
    return [s.attrs["src"] for s in load(page).find_all("script") if s.attrs.get("src")]


def test_mermaid_runtime_only_where_content_draws(copy_project, tmp_path: Path) -> None:
    root = copy_project("minimal")
    intro = root / "content" / "workflows" / "log-call.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n```mermaid\nflowchart LR\n  call --> forecast\n```\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    page = out / "rep" / "workflows" / "log-call" / "index.html"
    scripts = _scripts(page)
    local = [s for s in scripts if "mermaid" in s.lower()]
    assert local and not local[0].startswith(("http:", "https:", "//")), "the designer's diagram draws offline"
    assert (page.parent / local[0]).resolve().is_file()
    bundle = next(i for i, s in enumerate(scripts) if re.search(r"assets/javascripts/bundle\.", s))
    assert scripts.index(local[0]) < bundle, "Mermaid is loaded before Material's bundle looks for it"
    assert not [s for s in _scripts(out / "rep" / "index.html") if "mermaid" in s.lower()], "only pages with a diagram load it"
    assert not list((out / "manager").rglob("mermaid*.js")), "a site without a mermaid block carries no runtime"


def test_no_source_maps_or_unused_search_languages(copy_project, tmp_path: Path) -> None:
    root = copy_project("minimal")
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    for site in (out / "rep", out / "manager"):
        assert not list(site.rglob("*.map")), "no source maps"
        assert not list(site.rglob("lunr.*.min.js")), "an English site needs no lunr language files"
        assert list(site.rglob("search/search_index.json")), "search still works"


def test_search_keeps_the_sites_language(copy_project, tmp_path: Path) -> None:
    root = copy_project("minimal")
    (root / "mkdocs.yml").write_text("theme:\n  language: de\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    names = sorted(p.name for p in (out / "rep").rglob("lunr*.js"))
    assert "lunr.de.min.js" in names and "lunr.stemmer.support.min.js" in names
    assert "lunr.fr.min.js" not in names
