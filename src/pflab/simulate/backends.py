"""Execution backends: where chunks run.

* ``local`` — in this process, one chunk after another;
* ``processes`` — a pool of local worker processes (default: one per core);
* ``dask`` — a Dask distributed cluster (``scheduler="tcp://host:port"``), or a local
  cluster started for the run when no address is given.

Every backend runs the same pure function on the same tasks, so results are identical;
only the order in which chunks finish differs, and the engine's merge does not depend on
it. Worker processes are started with one BLAS thread each, so that ``n`` workers use
``n`` cores.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, TypeVar

from pflab.errors import ParameterError
from pflab.simulate.names import BACKENDS, Backend

__all__ = ["BACKENDS", "Backend", "execute"]

T = TypeVar("T")
R = TypeVar("R")

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _single_threaded_children() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in _THREAD_VARS}
    os.environ.update({k: "1" for k in _THREAD_VARS})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _local(fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
    for task in tasks:
        yield fn(task)


def _processes(fn: Callable[[T], R], tasks: Sequence[T], workers: int) -> Iterator[R]:
    with _single_threaded_children():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    try:
        pending: set[Future[R]] = set()
        queue = list(tasks)
        # keep a bounded window of submitted tasks so results stream back in order of work
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                pending.add(pool.submit(fn, queue.pop(0)))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(
    fn: Callable[[T], R], tasks: Sequence[T], workers: int, scheduler: str | None
) -> Iterator[R]:
    from distributed import Client, LocalCluster, as_completed

    cluster: Any = None
    if scheduler is None:
        with _single_threaded_children():
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ParameterError(
                "scheduler", f"cannot reach the Dask scheduler at {scheduler}: {exc}"
            ) from None
    try:
        futures = client.map(fn, list(tasks), pure=False)
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def execute(
    fn: Callable[[T], R],
    tasks: Sequence[T],
    *,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[R]:
    """Run ``fn`` on every task with the chosen backend; yield results as they finish.

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown backend, a bad worker count, or an unreachable scheduler.
    """
    if backend not in BACKENDS:
        raise ParameterError("backend", f"{backend!r}; choose one of {', '.join(BACKENDS)}")
    if workers is not None and workers < 1:
        raise ParameterError("workers", f"{workers}; expected at least 1")
    if scheduler is not None and backend != "dask":
        raise ParameterError("scheduler", "only the dask backend takes a scheduler address")
    n = workers or os.cpu_count() or 1
    if backend == "local" or not tasks:
        return _local(fn, tasks)
    if backend == "processes":
        return _processes(fn, tasks, n)
    return _dask(fn, tasks, n, scheduler)
