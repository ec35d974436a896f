"""JSON Schemas (draft 2020-12) for editors, generated from the validator's own field definitions.

Editors (VS Code's YAML extension, JetBrains, ...) read these to complete field
names and flag mistakes while a designer types. They are derived from
`generator.validate.schema`, so the schema and the validator cannot drift apart.
Rules a schema cannot express (ids that must exist, links) stay the validator's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.ids import ID_PATTERN
from generator.validate.schema import PROJECT, ROLE, WORKFLOW, EitherType, Field, FieldType, Kind, ListType, ObjectType, ScalarType, Schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# file name -> (the document's schema, its title for editors)
DOCUMENTS: dict[str, tuple[Schema, str]] = {
    "journeys.schema.json": (PROJECT, "journeys.yml: the project's settings"),
    "role.schema.json": (ROLE, "content/roles/<id>.yml: one role"),
    "workflow.schema.json": (WORKFLOW, "content/workflows/<id>.yml: one workflow"),
}


def _scalar(spec: ScalarType, doc: str) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind is Kind.INT:
        out = {"type": "integer"}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    elif kind is Kind.BOOL:
        out = {"type": "boolean"}
    elif kind is Kind.ID:
        out = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
    elif kind is Kind.CHOICE:
        out = {"enum": list(spec.choices)}
    elif kind is Kind.URL:
        out = {"type": "string", "pattern": r"^https?://[^\s/?#]+([/?#]\S*)?$"}
    else:  # TEXT, MD, BLOCK: any non-blank text (YAML may read `No` or `1.10` as other types; the validator keeps what was typed)
        out = {"type": ["string", "number", "boolean"], "pattern": r"\S"}
    if doc:
        out["description"] = doc
    return out


def _type(spec: FieldType, doc: str = "") -> dict[str, Any]:
    if isinstance(spec, ScalarType):
        return _scalar(spec, doc)
    if isinstance(spec, ObjectType):
        return _object(spec.schema, doc)
    if isinstance(spec, EitherType):
        out: dict[str, Any] = {"oneOf": [_scalar(spec.scalar, ""), _object(spec.mapping.schema, "")]}
        if doc:
            out["description"] = doc
        return out
    return _list(spec, doc)


def _list(spec: ListType, doc: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": _type(spec.item)}
    if spec.min_items:
        out["minItems"] = spec.min_items
    if spec.max_items is not None:
        out["maxItems"] = spec.max_items
    if spec.unique:
        out["uniqueItems"] = True
    require_any = getattr(spec, "require_any", None)  # "at least one item has this field true"
    if require_any:
        out["contains"] = {"type": "object", "required": [require_any], "properties": {require_any: {"const": True}}}
    notes = []
    if spec.increasing:
        notes.append("strictly increasing")
    if spec.unique_by:
        notes.append(f"each {spec.item_name}'s '{spec.unique_by}' unique in the list")
    text = "; ".join(filter(None, [doc, *notes]))
    if text:
        out["description"] = text
    return out


def _property(spec: Field) -> dict[str, Any]:
    """One field, with its default (JSON Schema's `default`, which editors offer) or, when leaving
    it out means a behaviour, that behaviour in its description."""
    doc = f"{spec.doc} (left out: {spec.default_doc})" if spec.default_doc else spec.doc
    out = _type(spec.type, doc)
    if spec.default is not None:
        out["default"] = list(spec.default) if isinstance(spec.default, tuple) else spec.default
    return out


def _object(schema: Schema, doc: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _property(f) for f in schema.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in schema.fields if f.required]
    if required:
        out["required"] = required
    rules: list[dict[str, Any]] = []
    for group in schema.exactly_one_of:
        rules.append({"oneOf": [{"required": [name]} for name in group]})
    for group in schema.at_least_one_of:
        rules.append({"anyOf": [{"required": [name]} for name in group]})
    if len(rules) == 1:
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    if doc:
        out["description"] = doc
    return out


def document_schema(name: str) -> dict[str, Any]:
    """The whole JSON Schema for one of DOCUMENTS."""
    schema, title = DOCUMENTS[name]
    body = _object(schema, "")
    return {"$schema": DRAFT, "$id": f"https://journeys.example/schemas/{name}", "title": title, **body}


def schema_texts() -> dict[str, str]:
    """File name -> the JSON text to write (stable: sorted keys are not used, field order is the format's)."""
    return {name: json.dumps(document_schema(name), indent=2, ensure_ascii=False) + "\n" for name in DOCUMENTS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
