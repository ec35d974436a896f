"""`journeys schema`: write the JSON Schemas editors use to help while a designer types."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "write JSON Schemas for journeys.yml, roles and workflows (editor help)"
DESCRIPTION = (
    "Write journeys.schema.json, role.schema.json and workflow.schema.json (JSON Schema draft 2020-12) "
    "into DIR. Editors with a YAML extension use them to complete field names and flag mistakes as you type, "
    "when a file starts with a line like: # yaml-language-server: $schema=../../schemas/role.schema.json"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="DIR", default=".", help="where to write the schemas (default: the current folder)")


def run(args: argparse.Namespace) -> int:
    from generator.validate.jsonschema import write_schemas

    for path in write_schemas(Path(args.output)):
        print(f"journeys: wrote {path}")
    return 0
