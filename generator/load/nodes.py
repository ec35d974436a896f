"""YAML parsed into nodes that remember where every key and value was written.

Values are never converted: a text field keeps exactly what the designer typed
(`No`, `2024-01-31` and `1.10` stay texts); the validator decides what each
field means.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import Pos

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class Scalar:
    pos: Pos
    text: str
    style: str | None = None  # None (plain), '"', "'", '|' or '>'
    raw: str = ""  # the scalar as written in the file, from its first character (quote, '|' ...)

    @property
    def is_null(self) -> bool:
        return self.style is None and self.text in NULL_WORDS

    @property
    def kind(self) -> str:
        return "nothing" if self.is_null else "text"

    def locate(self, offset: int) -> Pos:
        """The file position of character `offset` of the text.

        YAML folds lines and resolves escapes, so the text is found again in the
        source: the same word, at the same occurrence, within the scalar as written.
        """
        word = self.text[offset:].split(None, 1)[0][:80] if self.text[offset:].strip() else ""
        if word:
            nth = self.text.count(word, 0, offset)
            at = -1
            for _ in range(nth + 1):
                at = self.raw.find(word, at + 1)
                if at == -1:
                    break
            if at != -1:
                before = self.raw[:at]
                lines = before.count("\n")
                col = at - (before.rfind("\n") + 1) + (self.pos.col if lines == 0 else 1)
                return Pos(self.pos.file, self.pos.line + lines, col)
        return self.pos


@dataclass(frozen=True)
class Sequence:
    pos: Pos
    items: tuple[Node, ...]

    kind = "a list"

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Mapping:
    pos: Pos
    entries: tuple[tuple[Scalar, Node], ...]
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    kind = "a mapping"

    def __post_init__(self) -> None:
        for i, (key, _) in enumerate(self.entries):
            self._index.setdefault(key.text, i)

    def get(self, name: str) -> Node | None:
        i = self._index.get(name)
        return None if i is None else self.entries[i][1]

    def key(self, name: str) -> Scalar | None:
        i = self._index.get(name)
        return None if i is None else self.entries[i][0]

    def keys(self) -> list[str]:
        return [k.text for k, _ in self.entries]


Node = Scalar | Sequence | Mapping
