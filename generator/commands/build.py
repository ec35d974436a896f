"""`journeys build`: check, then build the portal and the role sites, and publish them all at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands._common import format_args, project_arg, project_dir, quiet_arg, roles_arg, site_url_arg, whole_number
from generator.diagnostics import emit
from generator.validate.schema import ENGINES, PROJECT

HELP = "check the project, then build the portal and every role site"
DESCRIPTION = "Check the project, then build the portal and every published role site into OUT. Nothing in OUT changes unless every site builds."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write the sites (default: site/ inside PROJECT)")
    roles_arg(parser, "build only this role's site (repeat for several); other role sites already in OUT are kept")
    parser.add_argument("-j", "--jobs", type=whole_number("a whole number of worker processes"), metavar="N", help="build with N worker processes (default: the usable CPU count)")
    parser.add_argument("--no-cache", action="store_true", help="build every role site from scratch, ignoring the build cache")
    parser.add_argument("--engine", choices=ENGINES, help=f"the site builder (default: engine in journeys.yml, else {PROJECT.default('engine')})")
    parser.add_argument("--changes-since", metavar="REF", help="add a What's new page to every role site: what changed since this git commit, tag or branch")
    parser.add_argument("--keep-sources", metavar="DIR", help="leave each role's generated docs/ and mkdocs.yml in DIR/<role>/")
    site_url_arg(parser)
    format_args(parser)
    quiet_arg(parser)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import BuildOptions, build_project

    root = project_dir(args.project)
    options = BuildOptions(
        out=Path(args.output) if args.output else None,
        roles=tuple(args.roles or ()),
        jobs=args.jobs,
        cache=not args.no_cache,
        engine=args.engine,
        changes_since=args.changes_since,
        keep_sources=Path(args.keep_sources) if args.keep_sources else None,
        strict=args.strict,
        show_progress=not args.quiet and args.format == "text" and sys.stderr.isatty(),
        site_url=args.site_url,
    )
    report = build_project(root, options)
    emit(list(report.warnings), args.format)  # nothing in text or github when there are none; json: the array
    if not args.quiet and args.format == "text":
        kept = f" (kept {', '.join(report.kept)} from the previous build)" if report.kept else ""
        reused = f", {len(report.reused)} unchanged" if report.reused else ""
        print(f"journeys: built {len(report.built)} role site(s){reused} into {report.out}{kept}; open {report.out / 'index.html'}")
    return 0
