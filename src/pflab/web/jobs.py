"""Background jobs: one job-runner process owns the results store.

DuckDB allows a single writer, so every long computation (a simulation) runs in one
process, started by the web app, that alone opens the store folder. The web process
sends it requests (run, cancel, stop) over a queue and reads its events (state,
progress, result) from another; :class:`JobManager` keeps the jobs' state for the API
and puts each finished result in the app's :class:`~pflab.web.cache.ResultCache`, so the
scenario page draws it like any other result.

Jobs run one at a time in arrival order. Cancelling a queued job drops it; cancelling a
running one stops it at its next progress report (each simulated chunk). A known error
(:class:`pflab.errors.PflabError`) ends the job with its message; any other error ends it
with "internal error" (the traceback goes to the server's log, never to the client).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
import traceback
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pflab.errors import PflabError
from pflab.report.computation import Computation, RunContext
from pflab.report.params import ReportParams
from pflab.web.cache import ResultCache

__all__ = ["Job", "JobManager", "JobQueueFullError", "JobState"]

log = logging.getLogger("pflab.web")

#: Job states, in the order a job passes through them.
JobState = str
QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
FINAL = (DONE, FAILED, CANCELLED)


class JobQueueFullError(Exception):
    """Raised when the operator's bound on queued and running jobs is reached."""


@dataclass
class Job:
    """One background computation as the API reports it."""

    id: str
    computation: str
    params: dict[str, Any]
    state: JobState = QUEUED
    done: int = 0
    total: int = 0
    message: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The job's state (the result itself is at ``/api/v1/jobs/{id}/result``)."""
        return {
            "id": self.id,
            "computation": self.computation,
            "params": dict(self.params),
            "state": self.state,
            "progress": {"done": self.done, "total": self.total},
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
        }


class _CancelledError(Exception):
    """Raised inside the runner by the progress callback of a cancelled job."""


def _runner_main(store: str, requests: Any, events: Any) -> None:
    """The job-runner process: owns ``store``, runs jobs one at a time."""
    from pflab.report.sections import computation

    store_dir = Path(store)
    store_dir.mkdir(parents=True, exist_ok=True)
    pending: deque[tuple[str, str, dict[str, Any]]] = deque()
    cancelled: set[str] = set()
    arrived = threading.Condition()
    stopping = threading.Event()

    def read_requests() -> None:
        while True:
            request = requests.get()
            with arrived:
                if request is None:
                    stopping.set()
                elif request[0] == "run":
                    pending.append(request[1:])
                elif request[0] == "cancel":
                    cancelled.add(request[1])
                arrived.notify_all()
            if request is None:
                return

    threading.Thread(target=read_requests, daemon=True).start()
    while True:
        with arrived:
            while not pending and not stopping.is_set():
                arrived.wait()
            if stopping.is_set():
                return
            job_id, key, values = pending.popleft()
        if job_id in cancelled:
            events.put(("state", job_id, CANCELLED, "cancelled before it started"))
            continue
        events.put(("state", job_id, RUNNING, ""))

        def progress(done: int, total: int, job_id: str = job_id) -> None:
            if job_id in cancelled or stopping.is_set():
                raise _CancelledError
            events.put(("progress", job_id, done, total))

        try:
            comp = computation(key)
            params = ReportParams(**values)
            missing = comp.missing()
            if missing is not None:
                events.put(("state", job_id, FAILED, missing.reason))
                continue
            result = comp.run(params, RunContext(store=store_dir, progress=progress))
        except _CancelledError:
            events.put(("state", job_id, CANCELLED, "cancelled while running"))
        except PflabError as exc:
            events.put(("state", job_id, FAILED, str(exc)))
        except Exception:
            traceback.print_exc()
            events.put(("state", job_id, FAILED, "internal error (see the server log)"))
        else:
            events.put(("result", job_id, result))


class JobManager:
    """Starts the job-runner process and keeps the state of every job.

    Parameters
    ----------
    store
        The store folder the runner owns.
    cache
        Where finished results go (keyed like page computations).
    max_jobs
        Largest number of queued or running jobs.
    keep
        Finished jobs remembered (oldest forgotten first).
    """

    def __init__(self, store: Path, cache: ResultCache, *, max_jobs: int = 20, keep: int = 500):
        self._store = store
        self._cache = cache
        self._max_jobs = max_jobs
        self._keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._computations: dict[str, tuple[Computation, ReportParams]] = {}
        self._lock = threading.Lock()
        context = multiprocessing.get_context("spawn")
        self._requests: Any = context.Queue()
        self._events: Any = context.Queue()
        self._process = context.Process(
            target=_runner_main,
            args=(str(store), self._requests, self._events),
            name="pflab-job-runner",
            daemon=True,
        )
        self._listener = threading.Thread(target=self._listen, name="pflab-jobs", daemon=True)
        self._stopped = threading.Event()

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        """Start the runner process and the thread that reads its events."""
        self._process.start()
        self._listener.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the runner to stop after its current step; end it if it does not."""
        self._stopped.set()
        self._requests.put(None)
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout)
        self._listener.join(timeout)

    @property
    def alive(self) -> bool:
        """Whether the runner process is running."""
        return self._process.is_alive()

    # -- requests --------------------------------------------------------------------

    def submit(self, comp: Computation, params: ReportParams) -> Job:
        """Queue a computation; return its job.

        Raises
        ------
        JobQueueFullError
            If :attr:`max_jobs` jobs are already queued or running.
        """
        with self._lock:
            active = sum(1 for j in self._jobs.values() if j.state not in FINAL)
            if active >= self._max_jobs:
                raise JobQueueFullError(f"{active} jobs are queued or running (the limit)")
            job = Job(id=uuid.uuid4().hex, computation=comp.key, params=params.model_dump())
            self._jobs[job.id] = job
            self._computations[job.id] = (comp, params)
            self._forget_old()
        self._requests.put(("run", job.id, comp.key, params.model_dump()))
        return job

    def cancel(self, job_id: str) -> Job | None:
        """Ask for a job to stop; ``None`` if there is no such job."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            if job.state not in FINAL:
                job.message = "cancelling"
        self._requests.put(("cancel", job_id))
        return self.get(job_id)

    def get(self, job_id: str) -> Job | None:
        """A copy of the job's state, or ``None``."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else Job(**vars(job))

    def result_key(self, job_id: str) -> tuple[object, ...] | None:
        """The cache key of a job's result."""
        with self._lock:
            found = self._computations.get(job_id)
        return None if found is None else found[0].cache_key(found[1])

    def jobs(self) -> list[Job]:
        """Every remembered job, newest first."""
        with self._lock:
            return [Job(**vars(j)) for j in reversed(self._jobs.values())]

    # -- events ----------------------------------------------------------------------

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state in FINAL]
        for key in finished[: max(0, len(self._jobs) - self._keep)]:
            self._jobs.pop(key, None)
            self._computations.pop(key, None)

    def _listen(self) -> None:
        while not self._stopped.is_set():
            try:
                event = self._events.get(timeout=0.5)
            except queue.Empty:
                if not self._process.is_alive() and not self._stopped.is_set():
                    self._fail_all("the job runner stopped")
                    return
                continue
            self._apply(event)

    def _apply(self, event: tuple[Any, ...]) -> None:
        kind, job_id = event[0], event[1]
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            if kind == "progress":
                job.done, job.total = int(event[2]), int(event[3])
            elif kind == "state":
                job.state, job.message = event[2], event[3]
                if job.state in FINAL:
                    job.finished = time.time()
            elif kind == "result":
                comp, params = self._computations[job_id]
                self._cache.put(comp.cache_key(params), event[2])
                job.state, job.message, job.finished = DONE, "", time.time()
                job.done = max(job.done, job.total)

    def _fail_all(self, message: str) -> None:
        log.error("pflab job runner stopped; %s", message)
        with self._lock:
            for job in self._jobs.values():
                if job.state not in FINAL:
                    job.state, job.message, job.finished = FAILED, message, time.time()
