"""Find the links in Markdown and resolve each to what it names.

Designers link to source files (`../pages/glossary.md`, `triage.yml`); a link
resolves to a `Target` (a workflow, page, role or media file) that the renderer
later turns into a URL for whichever site shows it.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from generator.ids import did_you_mean, is_valid_id

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_INLINE = re.compile(r"\]\(\s*")
_REFDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*", re.MULTILINE)
_HTML_ATTR = re.compile(r"<[a-zA-Z][^<>]{0,2000}?\s(?:href|src)\s*=\s*([\"'])", re.DOTALL)
MAX_DESTINATION = 2048  # longer is not a link a designer wrote; bounds the scan on hostile text
MAX_PARENS = 32  # CommonMark's own limit on nested parentheses in a destination
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class FoundLink:
    start: int  # offset of the destination in the text
    end: int
    dest: str


@dataclass(frozen=True)
class Target:
    """What a relative link names. `kind` is workflow, page, role or media; `ref` its id or media path."""

    kind: str
    ref: str
    fragment: str = ""


def _code_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _FENCE.search(text, pos)
        if not m:
            break
        fence = m.group(1)
        close = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.MULTILINE)
        line_end = text.find("\n", m.end())
        c = close.search(text, line_end + 1) if line_end != -1 else None
        end = c.end() if c else len(text)
        ranges.append((m.start(), end))
        pos = end
    for m in _CODE_SPAN.finditer(text):
        ranges.append((m.start(), m.end()))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _in(ranges: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _destination(text: str, i: int) -> tuple[int, int] | None:
    """Bounds of a link destination starting at i (CommonMark: <...> or balanced parentheses)."""
    if i < len(text) and text[i] == "<":
        j = text.find(">", i)
        return None if j == -1 else (i + 1, j)
    depth, j, stop = 0, i, min(len(text), i + MAX_DESTINATION)
    while j < stop:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch.isspace():
            break
        if ch == "(":
            depth += 1
            if depth > MAX_PARENS:
                return None
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return None if j == stop and stop < len(text) else (i, j)


def scan(text: str) -> list[FoundLink]:
    """Every link, image and HTML href/src destination outside code, in text order."""
    if "]" not in text and "<" not in text:  # most texts: no link can start anywhere
        return []
    code = _code_ranges(text)
    found: list[FoundLink] = []
    for pattern in (_INLINE, _REFDEF):
        for m in pattern.finditer(text):
            if _in(code, m.start()):
                continue
            bounds = _destination(text, m.end())
            if bounds and bounds[1] > bounds[0]:
                found.append(FoundLink(bounds[0], bounds[1], text[bounds[0] : bounds[1]]))
    for m in _HTML_ATTR.finditer(text):
        if _in(code, m.start()):
            continue
        end = text.find(m.group(1), m.end())
        if end != -1:
            found.append(FoundLink(m.end(), end, text[m.end() : end]))
    return sorted(found, key=lambda link: link.start)


_UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset)\b", re.IGNORECASE)
_EVENT_ATTR = re.compile(r"<[a-zA-Z][^<>]{0,2000}?\s(on[a-zA-Z]+)\s*=", re.IGNORECASE)


def unsafe_html(text: str) -> list[tuple[int, str]]:
    """(offset, what) for raw HTML that would run code in a learner's browser, outside code."""
    if "<" not in text:
        return []
    code = _code_ranges(text)
    found = [(m.start(), f"<{m.group(1).lower()}>") for m in _UNSAFE_TAG.finditer(text) if not _in(code, m.start())]
    found += [(m.start(1), f"the {m.group(1).lower()}= attribute") for m in _EVENT_ATTR.finditer(text) if not _in(code, m.start())]
    return sorted(found)


@dataclass(frozen=True)
class Resolution:
    target: Target | None = None  # None: leave the link exactly as written
    error: str | None = None


def resolve(dest: str, source_rel: str, exists: Callable[[str], bool], known: dict[str, list[str]]) -> Resolution:
    """What `dest`, written in the project file `source_rel`, points at.

    `exists(rel)` says whether a project file exists; `known` lists the ids of
    each kind for did-you-mean hints.
    """
    if dest.startswith("#"):
        return Resolution()
    scheme = _SCHEME.match(dest)
    if scheme:
        if scheme.group(1).lower() in SAFE_SCHEMES:
            return Resolution()
        return Resolution(error=f"'{scheme.group(1)}:' links are not allowed: use http:, https: or mailto:, or a relative link to a project file")
    if dest.startswith("//"):
        return Resolution(error=f"'{dest}' leaves out the scheme: write the full https: address")
    path, _, fragment = dest.partition("#")
    path = unquote(path.split("?", 1)[0])
    if path.startswith("/"):
        return Resolution(error=f"'{dest}' is an absolute path: link to the source file relative to this one, e.g. ../pages/glossary.md")
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), path))
    if rel.startswith("../") or rel == "..":
        return Resolution(error=f"'{dest}' points outside the project")
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "content" and parts[1] == "media":
        if exists(rel):
            return Resolution(Target("media", "/".join(parts[2:]), fragment))
        return Resolution(error=f"'{dest}' points to {rel}, which does not exist")
    if len(parts) == 3 and parts[0] == "content":
        folder, name = parts[1], parts[2]
        stem, dot, suffix = name.rpartition(".")
        kinds = {("workflows", "yml"): "workflow", ("workflows", "md"): "workflow", ("pages", "md"): "page", ("roles", "yml"): "role"}
        kind = kinds.get((folder, suffix))
        if kind and dot and is_valid_id(stem):
            if exists(rel):
                return Resolution(Target(kind, stem, fragment))
            hint = did_you_mean(stem, known.get(kind, []))
            return Resolution(error=f"'{dest}' points to {rel}, which does not exist{hint}")
    if not exists(rel):
        return Resolution(error=f"'{dest}' points to {rel}, which does not exist")
    return Resolution(error=f"'{dest}' points to {rel}: links may name workflows (.yml or .md), pages, roles or files in content/media/")
