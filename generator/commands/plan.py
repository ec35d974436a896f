"""`journeys plan`: the roles to build, split into chunks, one CI job each (the job matrix)."""

from __future__ import annotations

import argparse
import json

from generator.commands._common import project_arg, project_dir, whole_number
from generator.publish.parts import DEFAULT_CHUNK_SIZE, DEFAULT_MAX_CHUNKS

HELP = "print the published roles split into chunks, one build job each (JSON)"
DESCRIPTION = (
    "Check the project, then print a JSON object: 'roles', the published role ids in portal order, and "
    "'chunks', lists of role ids that together hold each of them exactly once. Build each chunk with "
    "`journeys build --role ID... -o PART` (one CI job a chunk), then put them together with `journeys assemble`. "
    "A project with no more roles than --chunk-size gets one chunk: one job builds it all."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    project_arg(parser)
    parser.add_argument("--chunk-size", type=whole_number("a whole number"), default=DEFAULT_CHUNK_SIZE, metavar="N", help=f"roles per chunk (default {DEFAULT_CHUNK_SIZE}); with N roles or fewer there is one chunk")
    parser.add_argument("--max-chunks", type=whole_number("a whole number"), default=DEFAULT_MAX_CHUNKS, metavar="N", help=f"at most N chunks (default {DEFAULT_MAX_CHUNKS}); chunks grow beyond --chunk-size to stay within it")


def run(args: argparse.Namespace) -> int:
    from generator.pipeline import plan_project

    # Standard output holds the JSON alone (CI reads it); errors go to standard error as FILE:LINE:COL lines.
    plan = plan_project(project_dir(args.project), args.chunk_size, args.max_chunks)
    print(json.dumps({"roles": list(plan.roles), "chunks": [list(c) for c in plan.chunks]}))
    return 0
