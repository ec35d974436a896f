"""`journeys schema`: not built yet (see the issue that adds it)."""

from __future__ import annotations

import argparse

from generator.errors import UsageError

HELP = "(not available yet)"
DESCRIPTION = HELP


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise UsageError("'journeys schema' is not available in this version")
