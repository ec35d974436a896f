"""A tiny HTML tree from the standard library's parser, for tests that read built pages."""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RCDATA = {"title", "textarea"}  # browsers read tags inside these as text


class Node:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], parent: Node | None = None) -> None:
        self.tag = tag
        self.attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.children: list[Node | str] = []
        self.parent = parent

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, pred=None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes) and (pred is None or pred(n))
        ]

    def find(self, tag: str | None = None, cls: str | None = None, pred=None) -> Node | None:
        found = self.find_all(tag, cls, pred)
        return found[0] if found else None

    def raw_text(self) -> str:
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif "headerlink" not in child.classes and child.tag not in ("script", "style"):  # ¶ is not heading text
                out.append(child.raw_text())
        return "".join(out)

    def text(self) -> str:
        return " ".join(self.raw_text().split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        top = self.stack[-1]
        if top.tag in RCDATA:
            top.children.append(self.get_starttag_text() or "")
            return
        node = Node(tag, attrs, top)
        top.children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        top = self.stack[-1]
        if top.tag in RCDATA:
            top.children.append(self.get_starttag_text() or "")
            return
        top.children.append(Node(tag, attrs, top))

    def handle_endtag(self, tag):
        top = self.stack[-1]
        if top.tag in RCDATA and tag != top.tag:
            top.children.append(f"</{tag}>")
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@functools.lru_cache(maxsize=None)
def load(path: Path) -> Node:
    assert path.is_file(), f"missing page {path}"
    return parse(path.read_text(encoding="utf-8"))
