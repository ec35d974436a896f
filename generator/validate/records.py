"""What the shape checker hands on: typed values that still know where they were written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import Pos
from generator.load.nodes import Scalar


@dataclass(frozen=True)
class Val:
    """A checked scalar: its value (str, or int for numbers) and the node it came from."""

    value: Any
    node: Scalar

    @property
    def pos(self) -> Pos:
        return self.node.pos


@dataclass
class Record:
    """A checked mapping. Only fields that passed their check are present."""

    pos: Pos
    values: dict[str, Any] = field(default_factory=dict)
    key_pos: dict[str, Pos] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def text(self, name: str, default: str | None = None) -> str | None:
        val = self.values.get(name)
        return default if val is None else val.value

    def __contains__(self, name: str) -> bool:
        return name in self.values
