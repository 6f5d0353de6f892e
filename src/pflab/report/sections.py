"""The report's sections, as data.

Each :class:`Section` is a heading, the question it answers and an ordered list of
:class:`~pflab.report.computation.Computation` objects (library calls with their charts).
:data:`SECTIONS` is the report: *The claims*, *Productivity*, *The strategy*,
*Spillovers and supply chains*, *Scenarios*, *Data and assumptions*. The self-contained
report (:func:`pflab.report.build.build_report`) and the web app's pages render the same
sections through :func:`build_section`; a computation whose capability is not in this
version of pflab shows up as "not available yet" instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pflab.errors import LookupFailedError
from pflab.report.blocks import (
    accounting,
    claims,
    gvc,
    industry,
    network,
    parameters,
    policy,
    simulate,
    sources,
    terms,
    world,
)
from pflab.report.computation import Computation, RunContext, compute
from pflab.report.content import SectionContent
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["COMPUTATIONS", "SECTIONS", "Section", "build_section", "computation", "section"]


@dataclass(frozen=True)
class Section:
    """One section of the report and of the web app (a page).

    Attributes
    ----------
    key
        URL-safe name (``productivity``).
    title
        Heading (``Productivity``).
    question
        The question it answers, shown under the heading.
    computations
        Its library calls, in order.
    """

    key: str
    title: str
    question: str
    computations: tuple[Computation, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Settings read by any of its computations, in the model's order."""
        used = {f for c in self.computations for f in c.fields}
        return tuple(f for f in ReportParams.model_fields if f in used)


SECTIONS: tuple[Section, ...] = (
    Section(
        key="claims",
        title="The claims",
        question="Which of the essay's quantitative claims hold, measured on which source "
        "and vintage?",
        computations=(claims.CLAIMS, world.MVA_SHARES, world.EXPORT_SHARES, world.CATCH_UP),
    ),
    Section(
        key="productivity",
        title="Productivity",
        question="Is total factor productivity rising, by which measure, and against whom?",
        computations=(
            accounting.ERAS,
            accounting.SENSITIVITY,
            accounting.VINTAGES,
            industry.INDUSTRY,
        ),
    ),
    Section(
        key="strategy",
        title="The strategy",
        question="What are China's technology programmes since 1861, and how large are the "
        "sectors they target?",
        computations=(policy.TIMELINE, policy.EXPOSURE, terms.TERMS, terms.TERMS_COMPARED),
    ),
    Section(
        key="spillovers",
        title="Spillovers and supply chains",
        question="Can gains in the targeted sectors spill over to the rest of the economy, "
        "and how dependent are their supply chains on imports?",
        computations=(network.POSITION, network.SHOCKS, industry.SPILLOVERS, gvc.LOCALISATION),
    ),
    Section(
        key="scenarios",
        title="Scenarios",
        question="What could the new national system deliver by 2035 and 2050, and which "
        "assumptions decide the answer?",
        computations=(simulate.SIMULATION, simulate.SOBOL, simulate.BACKTEST),
    ),
    Section(
        key="data",
        title="Data and assumptions",
        question="Which sources, vintages and parameters does every number rest on?",
        computations=(sources.SOURCES, parameters.PARAMETERS),
    ),
)

#: Every computation by key (the JSON API serves each at ``/api/v1/<key>``).
COMPUTATIONS: dict[str, Computation] = {c.key: c for s in SECTIONS for c in s.computations}


def section(key: str) -> Section:
    """The section called ``key``.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown key (listing the known ones).
    """
    for item in SECTIONS:
        if item.key == key:
            return item
    raise LookupFailedError("section", key, [s.key for s in SECTIONS])


def computation(key: str) -> Computation:
    """The computation called ``key`` (e.g. ``"accounting/eras"``).

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown key.
    """
    if key not in COMPUTATIONS:
        raise LookupFailedError("computation", key, list(COMPUTATIONS))
    return COMPUTATIONS[key]


def build_section(
    item: Section,
    params: ReportParams,
    *,
    cache: dict[tuple[object, ...], Result] | None = None,
    step: Callable[[str], None] | None = None,
    skip_background: bool = False,
    context: RunContext | None = None,
) -> SectionContent:
    """Compute a section: every computation's block, or why it is missing.

    Parameters
    ----------
    item
        The section.
    params
        The settings.
    cache
        Results already computed (shared across sections of one report).
    step
        Called with the computation's key after each one (progress).
    skip_background
        Leave out background computations (the web app runs those as jobs).
    context
        Store and progress for long computations.
    """
    parts = []
    for comp in item.computations:
        if skip_background and comp.background:
            continue
        parts.append(compute(comp, params, cache=cache, context=context))
        if step is not None:
            step(comp.key)
    settings = {f: getattr(params, f) for f in item.fields}
    return SectionContent(item.key, item.title, item.question, tuple(parts), settings)
