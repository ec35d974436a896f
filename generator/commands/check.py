"""`journeys check`: validate and report every problem; writes nothing."""

from __future__ import annotations

import argparse

from generator.commands._common import format_args, project_arg, project_dir, quiet_arg
from generator.diagnostics import emit

HELP = "check the project and report every error and warning; writes nothing"
DESCRIPTION = "Check every file of the project and report every error (and warning) at once. Writes nothing."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    format_args(parser)
    quiet_arg(parser)


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import check_project

    root = project_dir(args.project)
    project = check_project(root)
    warnings = list(project.warnings)
    emit(warnings, args.format)  # nothing in text or github when there are none; json: the array
    if warnings and args.strict:
        print(f"journeys: {len(warnings)} warning(s) and --strict: failing", file=__import__("sys").stderr)
        return 1
    if not args.quiet and args.format == "text":
        extra = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
        print(f"journeys: {root}: OK: {len(project.published)} role sites, {len(project.workflows)} workflows, {len(project.pages)} pages{extra}")
    return 0
