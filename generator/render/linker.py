"""Turn link targets into URLs relative to the page being written.

A target in the role's own site becomes a relative `.md` link, which MkDocs
checks and converts; a target only another role's site has becomes a relative
URL into that site, next to this one under the output root. In an LMS package
(`for_package`) no other role's site sits next to this one and no folder URL
maps to its index.html: such a link goes to the published site (site_url in
journeys.yml); without site_url it stays relative, which works where the whole
output is served with index.html files but not from inside an LMS.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from generator.model.types import Markdown, Project
from generator.validate.links import Target

# Every page is an index.md in a folder of its own: any valid id, `index` included, gets the
# URL the format promises (<role>/workflows/<id>/), and every engine resolves relative links
# from the folder the page is served from (Zensical does so even for `impact.md`, MkDocs from
# the file), so one set of sources builds the same URLs and links on both.
_DOCS_PATH = {
    "workflow": "workflows/{ref}/index.md",
    "page": "pages/{ref}/index.md",
    "role": "index.md",
    "impact": "impact/index.md",
    "review": "review/index.md",
    "outcomes": "outcomes/index.md",
    "media": "media/{ref}",
}


def docs_path(kind: str, ref: str) -> str:
    return _DOCS_PATH[kind].format(ref=ref)


def url_dir(path: str) -> str:
    """The folder a docs page is served from, with directory URLs: `workflows/x.md` -> `workflows/x/`."""
    if not path.endswith(".md"):
        return posixpath.dirname(path)
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return posixpath.dirname(stem)
    return stem


class Linker:
    def __init__(self, project: Project, role_id: str, page: str, for_package: bool = False) -> None:
        self.project = project
        self.role_id = role_id
        self.page = page
        self.for_package = for_package

    def url(self, target: Target) -> str:
        site = self.project.site_for(target, self.role_id)
        fragment = f"#{target.fragment}" if target.fragment else ""
        if site is None:  # validation guarantees a site; keep the build going regardless
            return fragment or "#"
        path = quote(docs_path(target.kind, target.ref))
        if site == self.role_id:
            rel = posixpath.relpath(path, posixpath.dirname(self.page) or ".")
            return rel + fragment
        # Another role's site (media is in every site, so never here): a URL next to this site.
        there = posixpath.join(site, url_dir(path)).rstrip("/")  # a role's home: url_dir is ""
        if self.for_package and self.project.site_url:
            return f"{self.project.site_url.rstrip('/')}/{there}/{fragment}"
        # Without directory URLs a page is served from the folder its file is in (impact.md: impact.html).
        here = posixpath.join(self.role_id, posixpath.dirname(self.page) if self.for_package else url_dir(self.page))
        return posixpath.relpath(there, here) + "/" + fragment

    def rewrite(self, md: Markdown) -> str:
        """The Markdown text with every resolved link replaced by its URL from this page."""
        out: list[str] = []
        last = 0
        for span in md.links:
            out.append(md.text[last : span.start])
            out.append(self.url(span.target))
            last = span.end
        out.append(md.text[last:])
        return "".join(out)


class RootLinker(Linker):
    """Links from a page at the output root (the map): into the first published site that has the target."""

    def __init__(self, project: Project) -> None:
        super().__init__(project, "", "")

    def url(self, target: Target) -> str:
        fragment = f"#{target.fragment}" if target.fragment else ""
        # No site of its own: site_for then answers with the first published site that has the target.
        site = self.project.published[0] if target.kind == "media" else self.project.site_for(target, "")
        if site is None:
            return fragment or "#"
        folder = url_dir(quote(docs_path(target.kind, target.ref)))
        return posixpath.join(site, folder).rstrip("/") + ("" if target.kind == "media" else "/") + fragment
