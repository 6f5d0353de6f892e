"""The app's state and the one path from settings to results: :class:`Service`.

Pages, the JSON API and jobs all ask the :class:`Service`: it validates the draws against
the operator's bound, runs a computation in a worker thread with the time limit, keeps
the result in the cache, and assembles a section's content (background computations
come from finished jobs or are offered as :class:`~pflab.report.content.Runnable`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import HTTPException

from pflab.report.computation import Computation, RunContext
from pflab.report.content import Block, Missing, Runnable, SectionContent
from pflab.report.params import FIELD_LABELS, ReportParams
from pflab.report.sections import Section
from pflab.result import Result
from pflab.web.cache import Cache, ResultCache
from pflab.web.jobs import JobManager
from pflab.web.settings import WebSettings

__all__ = ["Service", "TooManyDrawsError"]

T = TypeVar("T")


class TooManyDrawsError(ValueError):
    """More draws than the operator allows per request."""

    def __init__(self, draws: int, bound: int) -> None:
        super().__init__(
            f"{draws} draws is more than this server allows ({bound}); the operator can "
            "raise the bound with pflab serve --max-draws"
        )


class Service:
    """Settings, caches and the job manager of one app.

    Parameters
    ----------
    settings
        The operator's settings.
    """

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.results: ResultCache = Cache(512)
        self.pages: Cache[bytes] = Cache(512)
        self.jobs: JobManager | None = None

    def start(self) -> None:
        """Create the store folder and start the job runner (if enabled)."""
        self.settings.store.mkdir(parents=True, exist_ok=True)
        if self.settings.jobs:
            self.jobs = JobManager(
                self.settings.store, self.results, max_jobs=self.settings.max_jobs
            )
            self.jobs.start()

    def stop(self) -> None:
        """Stop the job runner."""
        if self.jobs is not None:
            self.jobs.stop()
            self.jobs = None

    # -- settings --------------------------------------------------------------------

    def check_draws(self, params: ReportParams) -> None:
        """Refuse more draws than the operator allows.

        Raises
        ------
        TooManyDrawsError
        """
        if params.draws > self.settings.max_draws:
            raise TooManyDrawsError(params.draws, self.settings.max_draws)

    # -- computing -------------------------------------------------------------------

    async def in_thread(self, function: Callable[[], T]) -> T:
        """Run ``function`` in a worker thread; 503 after the operator's time limit.

        The thread is left to finish (its result still reaches the cache); the client
        is told to try again.
        """
        try:
            with anyio.fail_after(self.settings.timeout):
                return await anyio.to_thread.run_sync(function, abandon_on_cancel=True)
        except TimeoutError:
            raise HTTPException(
                503,
                f"the computation took longer than {self.settings.timeout:g} s; it goes on "
                "in the background, so try again shortly",
            ) from None

    def result(self, comp: Computation, params: ReportParams) -> Result:
        """The computation's result (computed once per setting, then cached)."""
        return self.results.get_or_compute(
            comp.cache_key(params), lambda: comp.run(params, RunContext())
        )

    def stored(self, comp: Computation, params: ReportParams) -> Result | None:
        """A background computation's result if a finished job left it in the cache."""
        return self.results.get(comp.cache_key(params))

    def content(self, item: Section, params: ReportParams) -> SectionContent:
        """A section's content: computed blocks, finished jobs, runnable jobs, missing."""
        parts: list[Block | Missing | Runnable] = []
        for comp in item.computations:
            missing = comp.missing()
            if missing is not None:
                parts.append(missing)
            elif comp.background:
                result = self.stored(comp, params)
                if result is None:
                    used = ", ".join(
                        f"{FIELD_LABELS[f].lower()} {getattr(params, f)}" for f in comp.fields
                    )
                    parts.append(
                        Runnable(
                            comp.key,
                            comp.heading,
                            f"{comp.description} Runs as a background job ({used}).",
                            action=comp.heading[0].lower() + comp.heading[1:],
                        )
                    )
                else:
                    parts.append(comp.block(result, params))
            else:
                parts.append(comp.block(self.result(comp, params), params))
        settings: dict[str, Any] = {f: getattr(params, f) for f in item.fields}
        return SectionContent(item.key, item.title, item.question, tuple(parts), settings)
