"""`journeys serve`: preview the sites on 127.0.0.1, rebuilt and reloaded as the designer saves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands._common import project_arg, project_dir, roles_arg, whole_number

HELP = "preview the sites at http://127.0.0.1:8000/; rebuilds and reloads the page on every save"
DESCRIPTION = (
    "Build the portal and the role sites, serve them on 127.0.0.1 at / and /<role>/, and rebuild whenever a file "
    "of the project changes; the open page reloads itself. An edit with errors prints them (and shows them in the "
    "browser) while the last good site stays served. Ctrl-C stops."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--port", type=whole_number("a port number", 1, 65535), default=8000, metavar="N", help="the port on 127.0.0.1 (default: 8000)")
    roles_arg(parser, "preview only this role's site (repeat for several); rebuilds are faster")


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import BuildOptions, build_project
    from generator.serve import serve

    root = project_dir(args.project)
    roles = tuple(args.roles or ())

    def build(out: Path):
        return build_project(root, BuildOptions(out=out, roles=roles)).warnings

    try:
        serve(root, build, args.port)
    except KeyboardInterrupt:
        print("journeys: stopped serving", file=sys.stderr)
    return 0
