"""The command line: the one place where errors become text and exit statuses.

Each command lives in `generator.commands.<name>` (its arguments and a thin
`run`); this module registers them, catches the one exception hierarchy and
prints diagnostics in the format asked for.

Exit status: 0 success, 1 invalid content or failed build, 2 bad command-line use.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence

from generator import __version__
from generator.commands import COMMANDS
from generator.diagnostics import emit
from generator.errors import BuildError, ContentError, JourneysError, UsageError

DESCRIPTION = """\
Turn role-based learning journeys written in YAML into one static website per
role, plus a portal page that links them.

A project folder holds journeys.yml and content/ (roles, workflows, pages,
media). Start one with `journeys init`, preview it with `journeys serve`, run
`journeys check` while you edit and `journeys build` to make the sites.
"""

EPILOG = """\
exit status: 0 success, 1 the content has errors or the build failed,
2 the command line is wrong.

Errors are printed one per line as FILE:LINE:COL: error: MESSAGE, with FILE
relative to the project folder, so editors can jump to them.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"journeys: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="journeys", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"journeys {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"generator.commands.{name}")
        command = sub.add_parser(
            name, help=module.HELP, description=module.DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so the staging folder is removed."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    fmt = getattr(args, "format", "text") or "text"
    try:
        return int(args.run(args))
    except (ContentError, BuildError) as err:
        emit(err.diagnostics, fmt)
        errors = [d for d in err.diagnostics if d.severity == "error"]
        kind = "error" if errors else "warning"
        counted = errors or err.diagnostics
        files = len({d.pos.file for d in counted})
        what = "the content" if isinstance(err, ContentError) else "the build"
        n = len(counted)
        strict = "" if errors else " and --strict is set"
        print(f"journeys: {n} {kind}{'s' if n != 1 else ''} in {what} ({files} file{'s' if files != 1 else ''}){strict}; nothing was written", file=sys.stderr)
        return 1
    except UsageError as err:
        print(f"journeys: error: {err}", file=sys.stderr)
        return 2
    except JourneysError as err:
        print(f"journeys: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("journeys: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"journeys: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
