"""Run role builds in worker processes, one role at a time per worker, over the usable cores.

Each worker keeps its imports (the engine, its theme, Markdown) warm from one
role to the next. Ctrl-C and SIGTERM reach the parent, which stops every
worker before the exception unwinds (and the staging folder is removed); the
workers ignore Ctrl-C themselves and die with the parent if it is killed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from generator.errors import Diagnostic, Pos

if TYPE_CHECKING:
    from generator.build.progress import Progress
    from generator.build.roles import RoleBuild


def usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker(engines: tuple[str, ...]) -> None:
    """In each worker: leave Ctrl-C to the parent, die with it, and import the engines once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux): a killed parent takes its workers along
    except (OSError, AttributeError):
        pass
    from generator.build.engines import engine

    for name in engines:
        warm = getattr(engine(name), "warm_up", None)
        if warm is not None:
            warm()


def _work(job: RoleBuild) -> tuple[str, list[Diagnostic]]:
    from generator.build.roles import build_one

    try:
        return job.sources.role_id, build_one(job)
    except Exception as err:  # never a traceback from a worker: the build fails with the reason
        return job.sources.role_id, [Diagnostic(Pos("mkdocs.yml"), f"while building the {job.sources.role_id} site: {type(err).__name__}: {err}")]


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with the parent's imports; everything sent is picklable,
    # so spawn (the only method elsewhere) works too.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_jobs(jobs: Sequence[RoleBuild], workers: int, progress: Progress | None = None) -> Iterator[tuple[RoleBuild, list[Diagnostic]]]:
    """Build each job; yields (job, problems) as each finishes. One job or one worker: in this process."""
    by_role = {j.sources.role_id: j for j in jobs}
    if progress is not None:
        progress.start(list(by_role))
    count = min(workers, len(jobs))
    if count <= 1:
        from generator.build.roles import build_one

        for job in jobs:
            if progress is not None:
                progress.building(job.sources.role_id)
            found = build_one(job)
            if progress is not None:
                progress.done(job.sources.role_id)
            yield job, found
        if progress is not None:
            progress.finish()
        return
    engines = tuple(sorted({j.engine for j in jobs}))
    pool = _context().Pool(count, initializer=_init_worker, initargs=(engines,))
    try:
        results = pool.imap_unordered(_work, jobs, chunksize=1)
        if progress is not None:
            for rid in list(by_role)[:count]:
                progress.building(rid)
        pending = list(by_role)
        while pending:
            try:
                rid, found = results.next(timeout=0.25)
            except multiprocessing.TimeoutError:
                if progress is not None:
                    progress.tick()
                continue
            pending.remove(rid)
            if progress is not None:
                progress.done(rid)
                for nxt in pending[:count]:
                    progress.building(nxt)
            yield by_role[rid], found
        pool.close()
    finally:
        pool.terminate()  # after close: reaps idle workers; after an interrupt or error: stops busy ones
        pool.join()
        if progress is not None:
            progress.finish()
