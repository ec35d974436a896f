"""Parse one YAML file into `nodes`, turning every YAML problem into a Diagnostic.

A `yaml.SafeLoader` subclass composes the node graph without constructing
Python objects, so nothing is ever executed or coerced. Nesting depth and alias
expansion are bounded so hostile files cost bounded time and memory.

Where PyYAML has libyaml, its C composer (about 14x faster, with the same
line and column marks) composes files that a cheap scan proves shallow; the
C composer recurses without a limit and crashes on very deep nesting, so any
doubt, and every problem it finds, goes to the pure-Python composer, which
gives the one set of error messages.
"""

from __future__ import annotations

import re

import yaml

from generator.errors import Diagnostic, Pos
from generator.load.nodes import Mapping, Node, Scalar, Sequence

MAX_DEPTH = 64
MAX_NODES = 100_000


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        self.mark = mark
        self.message = message


class _Loader(yaml.SafeLoader):
    """Composes nodes only, refusing documents nested deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(self.peek_event().start_mark, f"the YAML is nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CLoader = getattr(yaml, "CSafeLoader", None)
C_DEPTH_LIMIT = 2_000  # far below where libyaml's recursion crashes (about 50,000 levels)
_PREFIX = re.compile(r"^[ \t?-]*", re.MULTILINE)  # indentation and block indicators: where a nested block starts


def _surely_shallow(text: str) -> bool:
    """True only when the document cannot nest deeper than C_DEPTH_LIMIT: a block collection's start column
    bounds its block nesting (each level indents, or is one '- '/'? ' further, or is a sequence at its key's
    indentation: at most 2 levels per column), and every flow level needs a '[' or '{'."""
    flow = text.count("[") + text.count("{")
    if flow >= C_DEPTH_LIMIT:
        return False
    widest = max((m.end() - m.start() for m in _PREFIX.finditer(text)), default=0)
    return flow + 2 * (widest + 2) + 64 < C_DEPTH_LIMIT


def _depth(root: yaml.Node) -> int:
    """The nesting depth of a composed document (iteratively: the document may be deep)."""
    deepest, stack = 0, [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        stack.extend((child, level + 1) for child in children)
    return deepest


def _compose_fast(text: str) -> yaml.Node | None | bool:
    """The document composed by libyaml; False when the pure-Python composer must do it (no libyaml, a file
    not surely shallow, too deep, or any problem: the Python composer reports problems, always alike)."""
    if _CLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text) or not _surely_shallow(text):
        return False
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    if root is not None and _depth(root) > MAX_DEPTH:
        return False
    return root


def _friendly(problem: str) -> str:
    if "'\\t'" in problem:
        return "a tab character: YAML indentation must use spaces, not tabs"
    if problem == "mapping values are not allowed here":
        return "a ': ' where YAML does not expect a new field; if it is part of a text, put the whole text in quotes"
    return problem


def _pos(rel: str, mark: yaml.Mark | None) -> Pos:
    if mark is None:
        return Pos(rel, 1, 1)
    return Pos(rel, mark.line + 1, mark.column + 1)


class _Converter:
    def __init__(self, rel: str, lines: list[str]) -> None:
        self.rel = rel
        self.lines = lines
        self.count = 0
        self.diagnostics: list[Diagnostic] = []

    def convert(self, node: yaml.Node) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(node.start_mark, f"the YAML expands to more than {MAX_NODES} values (are anchors and aliases multiplying it?)")
        pos = _pos(self.rel, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pos)
        if isinstance(node, yaml.SequenceNode):
            return Sequence(pos, tuple(self.convert(item) for item in node.value))
        entries: list[tuple[Scalar, Node]] = []
        seen: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.append(Diagnostic(_pos(self.rel, key_node.start_mark), "a key must be a plain name, not a list or mapping"))
                continue
            key = self.scalar(key_node, _pos(self.rel, key_node.start_mark))
            if key.text == "<<":
                self.diagnostics.append(Diagnostic(key.pos, "merge keys ('<<') are not supported; write the fields out"))
                continue
            if key.text in seen:
                first = seen[key.text]
                self.diagnostics.append(Diagnostic(key.pos, f"duplicate key '{key.text}' (first given at line {first.line})"))
                continue
            seen[key.text] = key.pos
            entries.append((key, self.convert(value_node)))
        return Mapping(pos, tuple(entries))

    def scalar(self, node: yaml.ScalarNode, pos: Pos) -> Scalar:
        start, end = node.start_mark, node.end_mark
        if start.line == end.line:
            raw = self.lines[start.line][start.column : end.column] if start.line < len(self.lines) else ""
        else:
            raw = "\n".join([self.lines[start.line][start.column :], *self.lines[start.line + 1 : end.line], self.lines[end.line][: end.column] if end.line < len(self.lines) else ""])
        return Scalar(pos, node.value, node.style or None, raw)  # libyaml writes plain style as ''


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _columns(line: str) -> tuple[list[int], list[int]]:
    """Where fields (keys) and list dashes start on a line: `    - do: x` has a dash at 4 and a key at 6 (0-based)."""
    col = len(line) - len(line.lstrip(" "))
    dashes = []
    while line[col:col + 2] in ("- ", "-") and col < len(line):
        dashes.append(col)
        col += 2
        while col < len(line) and line[col] == " ":
            col += 1
    return ([col] if col < len(line) else []), dashes


def _indentation_slip(rel: str, lines: list[str], index: int, text_alternative: bool) -> Diagnostic | None:
    """An error caused by a line indented to no column the lines above allow: say so, and which column to use."""
    if index >= len(lines) or not _content(lines[index]) or "\t" in lines[index]:
        return None
    line = lines[index]
    actual = len(line) - len(line.lstrip(" "))
    starts_item = line.lstrip(" ").startswith("-")
    siblings: list[int] = []
    ancestors: list[int] = []
    floor: int | None = None
    for above in reversed(lines[:index]):
        if not _content(above) or "\t" in above:
            continue
        keys, dashes = _columns(above)
        indent = len(above) - len(above.lstrip(" "))
        preferred = dashes + keys if starts_item else keys  # a field never starts where only a dash may
        if floor is None:
            siblings, floor = preferred, indent
        elif indent < floor:
            ancestors += preferred
            floor = indent
        if floor == 0:
            break
    allowed = siblings + ancestors
    if not allowed or actual in allowed:
        return None
    should = min(allowed, key=lambda c: abs(c - actual))  # stable: siblings, and keys (or dashes for an item), first
    where = "further right" if should > actual else "further left"
    message = (
        f"invalid YAML: an indentation slip: this line starts at column {actual + 1}, but here a line must start at column {should + 1} "
        f"(like the lines above it); move it {abs(should - actual)} space{'s' if abs(should - actual) != 1 else ''} {where}, using spaces"
    )
    if text_alternative:
        message += " (or, if it continues the text above, put the whole text in quotes)"
    return Diagnostic(Pos(rel, index + 1, actual + 1), message)


def _missing_colon(rel: str, lines: list[str], mark: yaml.Mark) -> Diagnostic:
    """YAML notices a missing ':' only on a later line; the mistake is on the line where the key began."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    words = line[mark.column:].split()
    name = words[0] if words else "name"
    return Diagnostic(Pos(rel, mark.line + 1, mark.column + 1), f"invalid YAML: a ':' is missing after '{name}' on this line: write '{name}: ...'")


def parse_yaml(rel: str, text: str) -> tuple[Node | None, list[Diagnostic]]:
    """The document's root node (None when the file holds no document) and every problem found."""
    loader: _Loader | None = None
    try:
        root = _compose_fast(text)
        if root is False:
            loader = _Loader(text)  # the reader rejects control characters already here
            root = loader.get_single_node()
        if root is None:
            return None, []
        converter = _Converter(rel, text.splitlines())
        return converter.convert(root), converter.diagnostics
    except _Refused as refused:
        return None, [Diagnostic(_pos(rel, refused.mark), refused.message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        if err.context_mark is not None and problem.startswith("found unexpected end of stream"):
            mark = err.context_mark  # an unclosed quote or bracket: point at where it opened
        message = f"invalid YAML: {_friendly(problem)}"
        if err.context and err.problem and "expected a single document" not in err.context and "'\\t'" not in err.problem:
            message += f" ({err.context}" + (f" at line {err.context_mark.line + 1}" if err.context_mark else "") + ")"
        lines = text.splitlines()
        if "could not find expected ':'" in problem and err.context_mark is not None and "simple key" in (err.context or ""):
            return None, [_missing_colon(rel, lines, err.context_mark)]
        if mark is not None and (problem == "mapping values are not allowed here" or problem.startswith("expected <block end>")):
            slip = _indentation_slip(rel, lines, mark.line, text_alternative=problem.startswith("mapping values"))
            if slip is not None:
                return None, [slip]
        return None, [Diagnostic(_pos(rel, mark), message)]
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        line = before.count("\n") + 1
        col = err.position - (before.rfind("\n") + 1) + 1
        return None, [Diagnostic(Pos(rel, line, col), f"the file holds a character YAML does not allow (#x{err.character:04x}); is it a binary file?")]
    except yaml.YAMLError as err:  # any other parser complaint, still without a traceback
        return None, [Diagnostic(Pos(rel, 1, 1), f"invalid YAML: {err}")]
    except RecursionError:
        return None, [Diagnostic(Pos(rel, 1, 1), "the YAML is nested too deeply")]
    finally:
        if loader is not None:
            loader.dispose()
