"""Check YAML nodes against the schema: types, required and unknown fields, ids, lists.

Every problem is collected; checking goes on past it, so a designer sees every
mistake in the project in one run.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Diagnostic, Pos
from generator.ids import ID_RULE, closest, is_valid_id
from generator.load.nodes import Mapping, Node, Scalar, Sequence
from generator.validate.records import Record, Val
from generator.validate.schema import EitherType, Field, FieldType, Kind, ListType, ObjectType, ScalarType, Schema


_URL = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?")


def _is_url(text: str) -> bool:
    """An address MkDocs accepts as site_url: http(s), a host, no spaces."""
    try:
        return _URL.fullmatch(text) is not None and bool(urlsplit(text).netloc)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


@dataclass
class Reference:
    """An id that must name something that exists; checked once everything is loaded."""

    kind: str
    val: Val


@dataclass
class ShapeChecker:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def error(self, pos: Pos, message: str) -> None:
        self.diagnostics.append(Diagnostic(pos, message))

    def document(self, node: Node | None, schema: Schema) -> Record | None:
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self.error(node.pos, f"{schema.name} must be a mapping of fields (like 'title: ...'), not {_kind(node)}")
            return None
        return self.record(node, schema)

    def record(self, node: Mapping, schema: Schema) -> Record:
        rec = Record(node.pos)
        misspelt: set[str] = set()  # fields an unknown key probably meant: not reported missing as well
        for key, value in node.entries:
            spec = schema.by_name.get(key.text)
            if spec is None:
                meant = closest(key.text, schema.by_name)
                hint = f" (did you mean '{meant}'?)" if meant else ""
                if meant:
                    misspelt.add(meant)
                allowed = "" if hint else f"; {schema.name} takes: {', '.join(schema.by_name)}"
                self.error(key.pos, f"unknown field '{key.text}' in {schema.name}{hint}{allowed}")
                continue
            rec.key_pos[key.text] = key.pos
            if isinstance(value, Scalar) and value.is_null:
                if spec.required:
                    self.error(value.pos if value.text else key.pos, f"'{key.text}' is empty: {schema.name} needs it ({spec.doc})")
                continue
            checked = self.value(value, spec.type, spec)
            if checked is not None:
                rec.values[key.text] = checked
        for spec in schema.fields:
            if spec.required and spec.name not in rec.key_pos and spec.name not in misspelt:
                self.error(node.pos, f"{schema.name} is missing the required field '{spec.name}': {spec.doc}")
        for group in schema.exactly_one_of:
            given = [name for name in group if name in rec.key_pos]
            if len(given) > 1:
                names = " and ".join(f"'{n}'" for n in given)
                self.error(rec.key_pos[given[1]], f"{schema.name} names both {names}: give exactly one of them")
            elif not given:
                names = " or ".join(f"'{n}'" for n in group)
                self.error(node.pos, f"{schema.name} names neither {' nor '.join(repr(n) for n in group)}: give exactly one of them")
        for group in schema.at_least_one_of:
            if not any(name in rec.key_pos for name in group):
                names = " or ".join(f"'{n}'" for n in group)
                self.error(node.pos, f"{schema.name} needs at least one of {names}")
        return rec

    def value(self, node: Node, spec_type: FieldType, spec: Field) -> Any:
        if isinstance(spec_type, ScalarType):
            return self.scalar(node, spec_type, spec)
        if isinstance(spec_type, ObjectType):
            if not isinstance(node, Mapping):
                self.error(node.pos, f"'{spec.name}' must be {spec_type.schema.name} (a mapping of fields), not {_kind(node)}")
                return None
            return self.record(node, spec_type.schema)
        if isinstance(spec_type, EitherType):
            if isinstance(node, Mapping):
                return self.record(node, spec_type.mapping.schema)
            return self.scalar(node, spec_type.scalar, spec)
        return self.list(node, spec_type, spec)

    def scalar(self, node: Node, spec_type: ScalarType, spec: Field) -> Val | None:
        kind = spec_type.kind
        if not isinstance(node, Scalar):
            self.error(node.pos, f"'{spec.name}' must be {kind.value}, not {_kind(node)}")
            return None
        if node.is_null:
            self.error(node.pos, f"'{spec.name}' has an empty item: expected {kind.value}")
            return None
        if kind is Kind.ID:
            if not is_valid_id(node.text):
                where = "" if spec.name == "id" else f" in '{spec.name}'"
                self.error(node.pos, f"'{node.text}'{where} is not a valid id: use {ID_RULE}")
                return None
            val = Val(node.text, node)
            if spec_type.ref:
                self.references.append(Reference(spec_type.ref, val))
            return val
        if kind is Kind.BOOL:
            if node.style is None and node.text in ("true", "false"):
                return Val(node.text == "true", node)
            self.error(node.pos, f"'{spec.name}' takes true or false, not '{node.text}'")
            return None
        if kind is Kind.CHOICE:
            if node.text not in spec_type.choices:
                meant = closest(node.text, spec_type.choices)
                hint = f" (did you mean '{meant}'?)" if meant else ""
                self.error(node.pos, f"'{spec.name}' takes one of {', '.join(spec_type.choices)}, not '{node.text}'{hint}")
                return None
            return Val(node.text, node)
        if kind is Kind.URL:
            if not _is_url(node.text):
                self.error(node.pos, f"'{spec.name}' must be a full http:// or https:// address, like https://academy.example.com/, not '{node.text}'")
                return None
            return Val(node.text, node)
        if kind is Kind.INT:
            text = node.text.strip()
            number = int(text) if node.style is None and text.isdigit() and len(text) < 10 else None
            low, high = spec_type.minimum, spec_type.maximum
            if number is None or (low is not None and number < low) or (high is not None and number > high):
                self.error(node.pos, f"'{spec.name}' takes whole numbers from {low} to {high}, not '{node.text}'")
                return None
            return Val(number, node)
        if not node.text.strip():
            self.error(node.pos, f"'{spec.name}' is blank: write {kind.value}")
            return None
        return Val(node.text, node)

    def list(self, node: Node, spec_type: ListType, spec: Field) -> list[Any] | None:
        if not isinstance(node, Sequence):
            example = f" (write [{node.text}])" if isinstance(node, Scalar) and isinstance(spec_type.item, ScalarType) else ""
            self.error(node.pos, f"'{spec.name}' must be a list of {spec_type.item_name}s, not {_kind(node)}{example}")
            return None
        if len(node) < spec_type.min_items:
            self.error(node.pos, f"'{spec.name}' needs at least {spec_type.min_items} {spec_type.item_name}{'s' if spec_type.min_items > 1 else ''}, not {len(node)}")
        if spec_type.max_items is not None and len(node) > spec_type.max_items:
            self.error(node.items[spec_type.max_items].pos, f"'{spec.name}' takes at most {spec_type.max_items} {spec_type.item_name}s, not {len(node)}")
        items: list[Any] = []
        seen: dict[Any, Pos] = {}
        previous: Val | None = None
        for item in node:
            checked = self.value(item, spec_type.item, spec)
            if checked is None:
                continue
            items.append(checked)
            key = _unique_key(checked, spec_type)
            if key is not None:
                if key.value in seen:
                    what = f"{spec_type.item_name} id" if spec_type.unique_by else spec_type.item_name
                    self.error(key.pos, f"duplicate {what} '{key.value}' in '{spec.name}' (first at line {seen[key.value].line})")
                else:
                    seen[key.value] = key.pos
            if spec_type.increasing and isinstance(checked, Val):
                if previous is not None and checked.value <= previous.value:
                    self.error(checked.pos, f"'{spec.name}' must be strictly increasing: {checked.value} comes after {previous.value}")
                previous = checked
        known = spec_type.item.schema.by_name if isinstance(spec_type.item, ObjectType) else {}
        if spec_type.require_any and len(items) == len(node) and not _any_true(node, items, spec_type.require_any, known):
            name = spec_type.require_any
            self.error(node.pos, f"no {spec_type.item_name} in '{spec.name}' is marked '{name}: true': add '{name}: true' to at least one")
        return items


def _any_true(node: Sequence, items: list[Any], name: str, known: dict[str, Field]) -> bool:
    """Whether some item has `name: true`, or may have meant to: wrote `name` with a value, or an
    unknown field, already reported (one mistake, one error)."""
    for item_node, item in zip(node, items):
        if not isinstance(item, Record) or not isinstance(item_node, Mapping):
            return True
        if any(key not in known for key in item_node.keys()):
            return True
        val = item.get(name)
        written = item_node.get(name)
        failed = val is None and name in item.key_pos and not (isinstance(written, Scalar) and written.is_null)
        if (val is not None and val.value is True) or failed:
            return True
    return False


def _unique_key(checked: Any, spec_type: ListType) -> Val | None:
    if spec_type.unique and isinstance(checked, Val):
        return checked
    if spec_type.unique_by and isinstance(checked, Record):
        return checked.get(spec_type.unique_by)
    return None


def _kind(node: Node) -> str:
    return "nothing" if isinstance(node, Scalar) and node.is_null else ("text" if isinstance(node, Scalar) else node.kind)

