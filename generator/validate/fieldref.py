"""The field definitions as rows people read: path, kind in words, required, default, purpose.

The field sections of reference/journeys-format.md, the docs' format page and
the comments of the scaffolds (`journeys init`, `journeys new`) are all made
from these rows, so none of them names a field, a bound or a default by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.validate.jsonschema import DOCUMENTS
from generator.validate.schema import EitherType, Field, FieldType, Kind, ListType, ObjectType, ScalarType, Schema

# The words the contract uses for each kind of scalar (reference/journeys-format.md, "Text").
_WORDS = {Kind.TEXT: "text", Kind.MD: "md", Kind.BLOCK: "md block", Kind.ID: "id", Kind.INT: "whole number", Kind.BOOL: "true or false", Kind.URL: "http(s) address", Kind.CHOICE: "one of"}


@dataclass(frozen=True)
class FieldRow:
    path: str  # e.g. "review.intervals", "tasks[].steps[].do"
    kind: str  # e.g. "list of whole numbers 1..365, at least 1, strictly increasing"
    required: bool
    default: str  # the value, or the behaviour, when left out ("" when neither)
    doc: str
    depth: int  # 0 for a field at the top of its file

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]


def yaml_value(value: Any) -> str:
    """A default as it would be written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return str(value)


def default_text(spec: Field) -> str:
    return yaml_value(spec.default) if spec.default is not None else spec.default_doc


def _scalar(spec: ScalarType) -> str:
    words = _WORDS[spec.kind]
    if spec.kind is Kind.ID and spec.ref:
        words = f"{'an' if spec.ref[0] in 'aeiou' else 'a'} {spec.ref} id"
    if spec.kind is Kind.CHOICE:
        return "one of " + ", ".join(spec.choices)
    if spec.minimum is not None or spec.maximum is not None:
        low = "" if spec.minimum is None else str(spec.minimum)
        high = "" if spec.maximum is None else str(spec.maximum)
        words += f" {low}..{high}" if high else f", at least {low}"
    return words


def _plural(words: str) -> str:
    """'a role id' -> 'role ids', 'whole number 1..365' -> 'whole numbers 1..365', 'mapping: ...' -> 'mappings: ...'."""
    for one, many in (("whole number", "whole numbers"), ("mapping", "mappings"), ("md block", "md blocks"), ("md", "md texts"), ("text", "texts")):
        if words.startswith(one):
            return many + words[len(one):]
    head, _, rest = words.partition(" ")
    if head in ("a", "an") and rest.endswith(" id"):
        return rest + "s"
    return words


def kind_text(spec: FieldType) -> str:
    """What a field holds, in the contract's words."""
    if isinstance(spec, ScalarType):
        return _scalar(spec)
    if isinstance(spec, ObjectType):
        return _mapping(spec.schema)
    if isinstance(spec, EitherType):
        return f"{_scalar(spec.scalar)}, or {_mapping(spec.mapping.schema)}"
    rules = []
    if spec.min_items:
        rules.append(f"at least {spec.min_items}")
    if spec.max_items is not None:
        rules.append(f"at most {spec.max_items}")
    if spec.unique:
        rules.append("no repeats")
    if spec.increasing:
        rules.append("strictly increasing")
    if spec.unique_by:
        rules.append(f"each {spec.unique_by} unique")
    if spec.require_any:
        rules.append(f"at least one with {spec.require_any}: true")
    if isinstance(spec.item, EitherType):
        item = f"{spec.item_name}s, each {_scalar(spec.item.scalar)} or a {_mapping(spec.item.mapping.schema)}"
    else:
        item = _plural(kind_text(spec.item))
    return f"list of {item}" + (" (" + ", ".join(rules) + ")" if rules else "")


def _mapping(schema: Schema) -> str:
    rules = [f"exactly one of {', '.join(group)}" for group in schema.exactly_one_of]
    rules += [f"at least one of {', '.join(group)}" for group in schema.at_least_one_of]
    return "mapping" + (": " + "; ".join(rules) if rules else "")


def _inner(spec: FieldType) -> Schema | None:
    """The mapping a field's value (or each of its items) holds, if any."""
    if isinstance(spec, ListType):
        spec = spec.item
    if isinstance(spec, ObjectType):
        return spec.schema
    if isinstance(spec, EitherType):
        return spec.mapping.schema
    return None


def rows(schema: Schema, prefix: str = "", depth: int = 0) -> list[FieldRow]:
    """Every field of `schema` and, below each, the fields of the mappings it holds."""
    out = []
    for spec in schema.fields:
        path = prefix + spec.name
        out.append(FieldRow(path, kind_text(spec.type), spec.required, default_text(spec), spec.doc, depth))
        inner = _inner(spec.type)
        if inner is not None:
            mark = "[]" if isinstance(spec.type, ListType) else ""
            out.extend(rows(inner, f"{path}{mark}.", depth + 1))
    return out


def document_rows() -> dict[str, list[FieldRow]]:
    """File -> its rows: "journeys.yml", "content/roles/<id>.yml", "content/workflows/<id>.yml"."""
    files = {"journeys.schema.json": "journeys.yml", "role.schema.json": "content/roles/<id>.yml", "workflow.schema.json": "content/workflows/<id>.yml"}
    return {files[name]: rows(schema) for name, (schema, _title) in DOCUMENTS.items()}


def default_note(spec: Field) -> str:
    """"default: 80", or "left out: <the behaviour>", or "" when leaving it out means nothing more."""
    if spec.default is not None:
        return f"default: {yaml_value(spec.default)}"
    return f"left out: {spec.default_doc}" if spec.default_doc else ""


def comment(spec: Field) -> str:
    """A field's purpose, and its default, as a scaffold's comment says it."""
    note = default_note(spec)
    return spec.doc + (f" ({note})" if note else "")


def field_at(schema: Schema, path: str) -> Field:
    """The field at a dotted path such as "review.intervals" or "tasks[].steps[].why"."""
    head, _, rest = path.partition(".")
    spec = schema.by_name[head.removesuffix("[]")]
    if not rest:
        return spec
    inner = _inner(spec.type)
    if inner is None:
        raise KeyError(path)
    return field_at(inner, rest)


def example(spec: Field) -> str:
    """What to write after `name:` in a commented-out line: the default when there is one."""
    return yaml_value(spec.default) if spec.default is not None else ""
