"""`journeys package`: every published role site (or the named ones) as a SCORM package for an LMS."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands._common import format_args, project_arg, project_dir, quiet_arg, roles_arg
from generator.diagnostics import emit
from generator.render.package import SCORM_VERSIONS
from generator.validate.schema import ENGINES, PROJECT

HELP = "write each role site as a SCORM package (zip) for an LMS"
DESCRIPTION = (
    "Build every published role site (or the named ones) and write each as a SCORM package, "
    "<role>-scorm-<version>.zip, into DIR. In an LMS a package reports progress, completion, the quiz score "
    "and passed or failed, and keeps the learner's progress in the LMS."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--scorm", choices=SCORM_VERSIONS, default="2004", help="the SCORM version your LMS takes (default: 2004, i.e. 2004 4th edition)")
    roles_arg(parser, "package only this role (repeat for several)")
    parser.add_argument("--engine", choices=ENGINES, help=f"the site builder (default: engine in journeys.yml, else {PROJECT.default('engine')})")
    parser.add_argument("-o", "--output", metavar="DIR", help="where to write the packages (default: packages/ inside PROJECT)")
    format_args(parser)
    quiet_arg(parser)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import PackageOptions, package_project

    root = project_dir(args.project)
    options = PackageOptions(
        out=Path(args.output) if args.output else None,
        roles=tuple(args.roles or ()),
        scorm=args.scorm,
        engine=args.engine,
        strict=args.strict,
    )
    report = package_project(root, options)
    emit(list(report.warnings), args.format)  # nothing in text or github when there are none; json: the array
    if not args.quiet and args.format == "text":
        for path in report.packages:
            print(f"journeys: wrote {path}")
    return 0
