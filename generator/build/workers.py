"""Run role builds in worker processes, one role at a time per worker, over the usable cores.

Each worker keeps its imports (the engine, its theme, Markdown) warm from one
role to the next. Ctrl-C and SIGTERM reach the parent, which stops every
worker before the exception unwinds (and the staging folder is removed); the
workers ignore Ctrl-C themselves and die with the parent if it is killed.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import queue
import signal
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.errors import BuildError, Diagnostic, Pos

if TYPE_CHECKING:
    from generator.build.progress import Progress
    from generator.build.roles import RoleBuild


def usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker(engines: tuple[str, ...], environ: dict[str, str], cwd: str) -> None:
    """In each worker: the parent's environment and folder as they are now (a fork server started
    earlier holds older ones), leave Ctrl-C to the parent, die with it, and import the engines once."""
    os.environ.clear()
    os.environ.update(environ)
    os.chdir(cwd)
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
    """fork starts a worker in milliseconds with the parent's imports, but is unsafe once the parent runs
    threads (`journeys serve`): then a fork server, else spawn. Everything sent to a worker is picklable."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Runner:
    """Builds role jobs as they are handed in, so the first roles build while later ones are still being
    rendered: in this process with one worker, else in a pool of `workers` processes started at the
    first job. Close it (it is a context manager) to stop every worker, finished or not."""

    def __init__(self, workers: int, progress: Progress | None = None) -> None:
        self.workers = max(1, workers)
        self.progress = progress
        self.pool: multiprocessing.pool.Pool | None = None
        self.pids: set[int] = set()
        self.results: queue.Queue[tuple[str, list[Diagnostic]]] = queue.Queue()
        self.jobs: dict[str, RoleBuild] = {}
        self.pending: list[str] = []
        self.done_here: list[tuple[RoleBuild, list[Diagnostic]]] = []
        if progress is not None:
            progress.start([])

    def submit(self, job: RoleBuild) -> None:
        rid = job.sources.role_id
        self.jobs[rid] = job
        if self.progress is not None:
            self.progress.add(rid)
        if self.workers == 1:
            from generator.build.roles import build_one

            if self.progress is not None:
                self.progress.building(rid)
            self.done_here.append((job, build_one(job)))
            if self.progress is not None:
                self.progress.done(rid)
            return
        if self.pool is None:
            self.pool = _context().Pool(self.workers, initializer=_init_worker, initargs=((job.engine,), dict(os.environ), os.getcwd()))
            self.pids = {p.pid for p in multiprocessing.active_children()}
        self.pending.append(rid)
        self.pool.apply_async(_work, (job,), callback=self.results.put)
        self._show()

    def _show(self) -> None:
        if self.progress is not None:
            for rid in self.pending[: self.workers]:
                self.progress.building(rid)

    def finished(self) -> Iterator[tuple[RoleBuild, list[Diagnostic]]]:
        """Every job's (job, problems), as each finishes; waits for the last."""
        yield from self.done_here
        while self.pending:
            try:
                rid, found = self.results.get(timeout=0.25)
            except queue.Empty:
                if self.progress is not None:
                    self.progress.tick()
                if not self.pids <= {p.pid for p in multiprocessing.active_children()}:
                    # A killed worker's job never reports back (the pool only replaces the process).
                    raise BuildError([Diagnostic(Pos("mkdocs.yml"), "a worker process building role sites stopped unexpectedly (out of memory?); try again, or with -j 1")])
                continue
            self.pending.remove(rid)
            if self.progress is not None:
                self.progress.done(rid)
            self._show()
            yield self.jobs[rid], found

    def close(self, finished: bool = False) -> None:
        """Let idle workers exit after a finished build; stop busy ones at once after an interrupt or error."""
        if self.pool is not None:
            if finished and not self.pending:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
            self.pool = None
        if self.progress is not None:
            self.progress.finish()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(finished=kind is None)
