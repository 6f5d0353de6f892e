"""What a report section holds once computed: results, charts and what is missing.

The report (:mod:`pflab.report.build`) and the web app (:mod:`pflab.web`) render the same
objects: a :class:`SectionContent` is a list of :class:`Block` (one library result, the
charts drawn from it) and of :class:`Missing` (a capability not installed or not on this
version yet). Nothing here computes a number: every number comes from a
:class:`pflab.result.Result` that a library function returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pflab.result import Result

__all__ = ["Block", "Chart", "Missing", "Runnable", "SectionContent"]


@dataclass(frozen=True)
class Chart:
    """One chart and the table behind it.

    Attributes
    ----------
    key
        Unique name within the report, used for element ids and data file names
        (``productivity-eras``).
    title
        What the chart shows, in words.
    units
        The units of the plotted numbers, e.g. ``"percent per year (log points)"``.
    figure
        The plotly figure (from a per-capability module such as
        :mod:`pflab.report.accounting`).
    result
        The result the chart was drawn from.
    table
        The name of the result's table behind the chart (its CSV is offered beside it).
    notes
        Lines shown under the chart (conventions, what was left out).
    """

    key: str
    title: str
    units: str
    figure: Any
    result: Result
    table: str
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        missing = [name for name in ("key", "title", "units", "table") if not getattr(self, name)]
        if missing:
            raise ValueError(f"chart {self.key!r} has no {', '.join(missing)}")
        if self.table not in self.result.tables():
            raise ValueError(
                f"chart {self.key!r}: the result has no table {self.table!r} "
                f"(it has {', '.join(self.result.tables())})"
            )

    @property
    def sources(self) -> list[str]:
        """One line per cited source of the result (label and citation)."""
        lines = self.result.provenance.citation_lines()
        return lines or [f"pflab: {self.result.provenance.method}"]

    def csv(self) -> str:
        """The table behind the chart as CSV (full precision, stamped first line)."""
        return self.result.to_csv(self.table)


@dataclass(frozen=True)
class Block:
    """One computation's result inside a section, with the charts drawn from it.

    Attributes
    ----------
    key
        The computation's key, e.g. ``"accounting/eras"`` (also its API path).
    heading
        Heading shown above the block.
    result
        The library result.
    charts
        Charts drawn from the result (may be empty: the result is then shown as tables).
    """

    key: str
    heading: str
    result: Result
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Missing:
    """A part of a section that cannot be shown, and why (never a failure).

    Attributes
    ----------
    key
        The computation that was skipped.
    heading
        What would have been shown.
    reason
        Why not, e.g. ``"not available yet: the claims ledger (pflab.claims) is not
        installed in this version of pflab"``.
    """

    key: str
    heading: str
    reason: str


@dataclass(frozen=True)
class Runnable:
    """A long computation not run yet: the web app offers to run it as a background job.

    Attributes
    ----------
    key
        The computation.
    heading
        What it will show.
    description
        What it computes and with which settings (e.g. the draws).
    action
        The button's words, e.g. ``"the simulation"``.
    """

    key: str
    heading: str
    description: str
    action: str = "it"
    runnable: bool = True


@dataclass(frozen=True)
class SectionContent:
    """A computed section: its blocks in order, what is missing, and the settings used.

    Attributes
    ----------
    key
        The section's key (``productivity``).
    title
        The section heading (``Productivity``).
    question
        The question the section answers, one or two sentences.
    parts
        :class:`Block`, :class:`Missing` and :class:`Runnable` items in order.
    settings
        The parameter values the section was computed with (field → value).
    """

    key: str
    title: str
    question: str
    parts: tuple[Block | Missing | Runnable, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> list[Block]:
        """The computed blocks."""
        return [p for p in self.parts if isinstance(p, Block)]

    @property
    def missing(self) -> list[Missing]:
        """What could not be shown."""
        return [p for p in self.parts if isinstance(p, Missing)]

    @property
    def charts(self) -> list[Chart]:
        """Every chart of the section, in order."""
        return [c for b in self.blocks for c in b.charts]
