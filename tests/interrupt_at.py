"""Run `journeys build` with an audit hook that stops before a file-system step of the publish.

    python -m tests.interrupt_at OUT STEP build PROJECT -o OUT

A "step" is any operation that changes OUT or a retired copy of it (rename, remove,
mkdir, rmtree, copy, a write, a link, a foreign call such as renameat2), seen through
Python's audit events, so no seam in the code under test is needed. STEP 0 lists the
steps on stderr; STEP k announces `journeys-test: paused at step k` and waits before
the k-th step, for tests/test_hostile.py to send a signal there.
"""

from __future__ import annotations

import os
import sys
import time

from generator.cli import main

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _targets(event: str, args: tuple) -> list[object]:  # type: ignore[type-arg]
    """The paths an event changes."""
    if event in ("os.rename", "os.link", "os.symlink"):
        return [args[0], args[1]] if event == "os.rename" else [args[1]]
    if event in ("os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.truncate"):
        return [args[0]]
    if event in ("shutil.copytree", "shutil.move", "shutil.copyfile"):
        return [args[1]]
    if event == "open" and isinstance(args[2], int) and args[2] & WRITE_FLAGS:
        return [args[0]]
    if event == "open" and isinstance(args[1], str) and set(args[1]) & set("wax+"):
        return [args[0]]
    return []


# Foreign functions that move folders: looking one up is the step just before the call
# (ctypes audits the lookup, not each call).
FOREIGN_MOVES = {"renameat2", "renamex_np", "MoveFileExW"}


def run(out: str, step: int, argv: list[str]) -> int:
    out = os.path.abspath(out)
    count = 0

    def touches_out(path: object) -> bool:
        if isinstance(path, int) or path is None:
            return False
        p = os.fsdecode(path)  # type: ignore[arg-type]
        if not os.path.isabs(p):
            return False  # relative to a dir_fd: inside a tree whose top-level step was counted
        return p == out or p.startswith(out + os.sep) or os.path.basename(p).startswith(".journeys-retired-")

    def hook(event: str, args: tuple) -> None:  # type: ignore[type-arg]
        nonlocal count
        try:
            targets = _targets(event, args)
        except (IndexError, TypeError):
            return
        foreign = event == "ctypes.dlsym" and len(args) > 1 and args[1] in FOREIGN_MOVES
        if foreign:
            targets = [f"{args[1]}()"]
        elif not any(touches_out(t) for t in targets):
            return
        count += 1
        if step == 0:
            print(f"journeys-test: step {count} {event} {[os.fsdecode(t) for t in targets]}", file=sys.stderr, flush=True)  # type: ignore[arg-type]
        elif count == step:
            print(f"journeys-test: paused at step {step}", file=sys.stderr, flush=True)
            time.sleep(120)

    sys.addaudithook(hook)
    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
