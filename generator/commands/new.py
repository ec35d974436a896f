"""`journeys new`: one commented starting file for a role, a workflow or a page."""

from __future__ import annotations

import argparse

from generator.commands._common import project_arg, project_dir

HELP = "start a new role, workflow or page file from a commented template"
DESCRIPTION = (
    "Write content/roles/ID.yml, content/workflows/ID.yml or content/pages/ID.md: a commented starting file "
    "that builds. Never overwrites a file; refuses an id that is not lowercase letters, digits and '-'."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=("role", "workflow", "page"), help="what to start")
    parser.add_argument("id", metavar="ID", help="its id: the file name, lowercase letters, digits and '-'")
    project_arg(parser)


def run(args: argparse.Namespace) -> int:
    from generator.scaffold import new_file, next_steps

    root = project_dir(args.project)
    for path in new_file(root, args.kind, args.id):
        print(f"journeys: wrote {path}")
    published_all = "\nroles:" not in "\n" + (root / "journeys.yml").read_text(encoding="utf-8")
    print(f"journeys: next, {next_steps(args.kind, args.id, published_all)}")
    return 0
