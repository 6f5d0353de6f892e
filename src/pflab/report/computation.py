"""A computation of the report: one library call, its charts, and what it needs.

A :class:`Computation` names one library function call (``run``: settings → a
:class:`pflab.result.Result`), the settings it reads (``fields``, the cache key and the
web form), the capabilities it needs (:class:`Requirement`) and how to chart the result
(``charts``). :func:`compute` turns it into a :class:`~pflab.report.content.Block`, or into
a :class:`~pflab.report.content.Missing` when a capability is absent, detected by import
and attribute (never by catching every exception: a bug in a present capability fails
loudly). The report, the web pages and the JSON API (``/api/v1/<key>``) all go through
these objects, so each computation is written once.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from pflab.provenance import Source
from pflab.report.content import Block, Chart, Missing
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["Computation", "Requirement", "RunContext", "compute", "no_charts"]


@dataclass(frozen=True)
class RunContext:
    """What a long computation may use besides its settings.

    Attributes
    ----------
    store
        Folder of the results store (the simulator keeps its runs there; ``None``: keep
        nothing).
    progress
        Called as ``progress(done, total)`` while the computation runs.
    cited
        ``(result title, source)`` pairs of the results computed before (the report's
        data section lists them beside the embedded datasets).
    """

    store: Path | None = None
    progress: Callable[[int, int], None] | None = None
    cited: tuple[tuple[str, Source], ...] = ()


@dataclass(frozen=True)
class Requirement:
    """A capability a computation needs: a module and a name in it.

    Attributes
    ----------
    module
        The module, e.g. ``"pflab.claims"``.
    attribute
        A name that module must define, e.g. ``"ledger"`` (empty: the module is enough).
    label
        What the capability is, in words (``"the claims ledger"``).
    """

    module: str
    attribute: str
    label: str

    def reason(self) -> str | None:
        """Why the capability is unavailable, or ``None`` when it is there.

        Only absence counts: a module that exists but fails to import raises, as any
        bug should. The answer is looked up once per process (modules do not come and
        go while it runs).
        """
        return _reason(self)

    def _lookup(self) -> str | None:
        parent = self.module.rpartition(".")[0]
        if parent and importlib.util.find_spec(parent) is None:
            return self._absent()
        if importlib.util.find_spec(self.module) is None:
            return self._absent()
        if self.attribute:
            value = getattr(importlib.import_module(self.module), self.attribute, None)
            # a submodule of the same name is not the function or class asked for
            if value is None or isinstance(value, ModuleType):
                return self._absent()
        return None

    def _absent(self) -> str:
        where = f"{self.module}.{self.attribute}" if self.attribute else self.module
        return f"not available yet: {self.label} ({where}) is not in this version of pflab"


@cache
def _reason(requirement: Requirement) -> str | None:
    return requirement._lookup()


def no_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    """The default chart maker: none (the result is shown as tables)."""
    del result, params
    return ()


@dataclass(frozen=True)
class Computation:
    """One library call of the report, with the settings it reads and its charts.

    Attributes
    ----------
    key
        Unique name, also the JSON API path (``"accounting/eras"``).
    heading
        Heading of its block.
    fields
        The :class:`~pflab.report.params.ReportParams` fields ``run`` reads.
    run
        Calls the library with the settings (and the :class:`RunContext`) and returns
        its result; it computes nothing itself.
    charts
        Builds the charts from the result.
    requires
        Capabilities needed; if one is missing the block says so instead of failing.
    background
        True for long computations (simulations) that the web app runs as jobs.
    """

    key: str
    heading: str
    fields: tuple[str, ...]
    run: Callable[[ReportParams, RunContext], Result]
    charts: Callable[[Result, ReportParams], tuple[Chart, ...]] = no_charts
    requires: tuple[Requirement, ...] = ()
    background: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        unknown = [f for f in self.fields if f not in ReportParams.model_fields]
        if unknown:
            raise ValueError(f"computation {self.key!r} reads unknown fields {unknown}")

    @property
    def slug(self) -> str:
        """The key with ``/`` replaced, for element ids and file names."""
        return self.key.replace("/", "-")

    def missing(self) -> Missing | None:
        """A :class:`Missing` when a required capability is absent, else ``None``."""
        for requirement in self.requires:
            reason = requirement.reason()
            if reason is not None:
                return Missing(self.key, self.heading, reason)
        return None

    def block(self, result: Result, params: ReportParams) -> Block:
        """The block of an already computed result (charts drawn now)."""
        return Block(self.key, self.heading, result, self.charts(result, params))

    def cache_key(self, params: ReportParams) -> tuple[object, ...]:
        """``(key, *values of the fields it reads)``: equal keys, equal results."""
        return (self.key, *params.subset(self.fields))


def compute(
    computation: Computation,
    params: ReportParams,
    *,
    cache: dict[tuple[object, ...], Result] | None = None,
    context: RunContext | None = None,
) -> Block | Missing:
    """Run one computation, or say why it cannot run.

    Parameters
    ----------
    computation
        What to run.
    params
        The settings.
    cache
        Results already computed, keyed by ``(key, *values of fields)``; filled in.
    context
        Store and progress for long computations.
    """
    missing = computation.missing()
    if missing is not None:
        return missing
    cache_key = computation.cache_key(params)
    result = cache.get(cache_key) if cache is not None else None
    if result is None:
        result = computation.run(params, context or RunContext())
        if cache is not None:
            cache[cache_key] = result
    return computation.block(result, params)
