"""`journeys assemble`: put role sites built apart (one CI job per chunk) together with the root pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands._common import format_args, project_arg, project_dir, quiet_arg, site_url_arg
from generator.diagnostics import emit

HELP = "merge role sites built apart (journeys build --role ... -o PART) into one output"
DESCRIPTION = (
    "Check the project, then put the role sites of every PART (each the output of "
    "`journeys build --role ... -o PART`) into OUT with the portal and the other root pages. "
    "Every published role must be in exactly one part. The result equals one full "
    "`journeys build PROJECT -o OUT`, file for file; as with build, OUT changes only when all went well."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--from", dest="parts", action="append", required=True, metavar="PART", help="the output of one `journeys build --role ... -o PART` (repeat for each)")
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write the whole output (default: site/ inside PROJECT)")
    site_url_arg(parser)
    format_args(parser)
    quiet_arg(parser)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import AssembleOptions, assemble_project

    root = project_dir(args.project)
    options = AssembleOptions(
        parts=tuple(Path(p) for p in args.parts),
        out=Path(args.output) if args.output else None,
        site_url=args.site_url,
        strict=args.strict,
    )
    report = assemble_project(root, options)
    emit(list(report.warnings), args.format)  # nothing in text or github when there are none; json: the array
    if not args.quiet and args.format == "text":
        print(f"journeys: assembled {len(report.built)} role site(s) from {len(options.parts)} part(s) into {report.out}; open {report.out / 'index.html'}")
    return 0
