"""Arguments several commands share, so each is spelt and explained once."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.diagnostics import FORMATS
from generator.errors import UsageError


def project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", nargs="?", default=".", metavar="PROJECT", help="the project folder (default: the current folder)")


def format_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="text: FILE:LINE:COL lines on standard error (default); github: GitHub Actions annotations; json: one JSON array on standard output")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors: any warning exits 1")


def quiet_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")


def roles_arg(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--role", action="append", metavar="ID", dest="roles", help=help)


def project_dir(arg: str) -> Path:
    path = Path(arg)
    if not path.is_dir():
        raise UsageError(f"{arg}: no such project folder")
    return path


def site_url_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-url", metavar="URL",
        help="the address OUT is published at (e.g. https://org.github.io/repo/), used when journeys.yml sets no site_url; journeys.yml's own wins",
    )
