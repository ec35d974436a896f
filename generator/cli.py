"""The command line: the one place where errors become text and exit statuses.

Exit status: 0 success, 1 invalid content or failed build, 2 bad command-line use.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import BuildError, ContentError, JourneysError, UsageError

DESCRIPTION = """\
Turn role-based learning journeys written in YAML into one static website per
role, plus a portal page that links them.

A project folder holds journeys.yml and content/ (roles, workflows, pages,
media). Run `journeys check` while you edit, `journeys build` to make the sites.
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

    build = sub.add_parser(
        "build",
        help="check the project, then build the portal and every role site",
        description="Check the project, then build the portal and every published role site into OUT. "
        "Nothing in OUT changes unless every site builds.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("project", nargs="?", default=".", metavar="PROJECT", help="the project folder (default: the current folder)")
    build.add_argument("-o", "--output", metavar="OUT", help="where to write the sites (default: site/ inside PROJECT)")
    build.add_argument("--role", action="append", metavar="ID", dest="roles", help="build only this role's site (repeat for several); other role sites already in OUT are kept")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")

    check = sub.add_parser(
        "check",
        help="check the project and report every error; writes nothing",
        description="Check every file of the project and report every error at once. Writes nothing.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("project", nargs="?", default=".", metavar="PROJECT", help="the project folder (default: the current folder)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return parser


def _project_dir(arg: str) -> Path:
    path = Path(arg)
    if not path.is_dir():
        raise UsageError(f"{arg}: no such project folder")
    return path


def _run(args: argparse.Namespace) -> int:
    from generator.pipeline import build_project, check_project

    root = _project_dir(args.project)
    if args.command == "check":
        project = check_project(root)
        if not args.quiet:
            print(f"journeys: {root}: OK: {len(project.published)} role sites, {len(project.workflows)} workflows, {len(project.pages)} pages")
        return 0
    out = Path(args.output) if args.output else None
    report = build_project(root, out, args.roles)
    if not args.quiet:
        kept = f" (kept {', '.join(report.kept)} from the previous build)" if report.kept else ""
        print(f"journeys: built {len(report.built)} role site(s) into {report.out}{kept}; open {report.out / 'index.html'}")
    return 0


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
    try:
        return _run(args)
    except (ContentError, BuildError) as err:
        for diagnostic in err.diagnostics:
            print(diagnostic, file=sys.stderr)
        files = len({d.pos.file for d in err.diagnostics})
        what = "the content" if isinstance(err, ContentError) else "the build"
        n = len(err.diagnostics)
        print(f"journeys: {n} error{'s' if n != 1 else ''} in {what} ({files} file{'s' if files != 1 else ''}); nothing was written", file=sys.stderr)
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
