"""`journeys init`: start a new project that builds at once."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "start a new project in DIR (a new or empty folder)"
DESCRIPTION = (
    "Write a small project into DIR that `journeys build DIR` builds at once: journeys.yml, one role, one workflow, "
    "one page, a .gitignore, a README for the designers and the JSON Schemas editors use."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="the folder for the new project (created if missing; must be empty)")
    parser.add_argument("--title", default="Our Academy", help="the academy's name (default: Our Academy)")
    parser.add_argument("--tool", default="Our Tool", help="the product being adopted (default: Our Tool)")


def run(args: argparse.Namespace) -> int:
    from generator.scaffold import init_project

    dest = Path(args.dir)
    written = init_project(dest, args.title, args.tool)
    for path in written:
        print(f"journeys: wrote {path}")
    print(f"journeys: a new project in {dest}. Next: `journeys serve {dest}` to preview it, then edit the files under {dest / 'content'}")
    return 0
