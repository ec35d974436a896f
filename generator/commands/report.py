"""`journeys report`: what each role's journey covers, in numbers, as a table or JSON."""

from __future__ import annotations

import argparse
import json

from generator.commands._common import project_arg, project_dir

HELP = "count what each role's journey covers: workflows, steps, whys, impacts, review items, minutes, warnings"
DESCRIPTION = (
    "Print, per published role and in all, the counts of workflows, tasks, steps, steps with a why, impacts given "
    "and received, review items, minutes and warnings: a terminal table, or JSON with --format json."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text: a table (default); json: one JSON object on standard output")


def table(header: list[str], rows: list[list[str]]) -> str:
    """Plain columns: the first left-aligned, numbers right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows[:-1]), rule, line(rows[-1])])


def run(args: argparse.Namespace) -> int:
    from generator.model.report import COLUMNS, coverage_report
    from generator.pipeline import check_project

    project = check_project(project_dir(args.project))
    report = coverage_report(project)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
        return 0
    header = ["role", *(label for _, label in COLUMNS)]
    rows = [[rid, *(str(getattr(c, key)) for key, _ in COLUMNS)] for rid, c in report.roles.items()]
    rows.append(["all", *(str(getattr(report.total, key)) for key, _ in COLUMNS)])
    print(table(header, rows))
    if report.total.estimated:
        n = report.total.estimated
        print(f"\nminutes hold journeys' estimate (about) for {n} workflow{'s' if n != 1 else ''} without 'minutes:'.")
    return 0
