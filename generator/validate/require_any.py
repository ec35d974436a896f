"""ListType.require_any in JSON Schema terms, for the schema generator (`journeys schema`).

Kept apart so the generator calls one small function: a list whose items must
include one with `<field>: true` becomes draft 2020-12 `contains`.
"""

from __future__ import annotations

from typing import Any

from generator.validate.schema import ListType


def require_any_json(list_type: ListType) -> dict[str, Any]:
    """The JSON Schema keywords to merge into an array schema for `list_type`; {} when it has no such rule."""
    name = list_type.require_any
    if not name:
        return {}
    return {"contains": {"type": "object", "required": [name], "properties": {name: {"const": True}}}}
