"""Arguments several commands share, so each is spelt and explained once."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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


def whole_number(what: str, low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` (to `high`), or a message naming `what` was expected."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, not {text!r}") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"expected {what} {bounds}, not {value}")
        return value

    return parse


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
