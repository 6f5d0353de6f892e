"""What a measure returns, and the cache one evaluation shares.

A *measure* is a function ``measure(params, context) -> list[Measurement]``: one
:class:`Measurement` per source or vintage it reads (PWT 11.0 and PWT 10.01; MPD 2020 and
2023; an NBS and an OECD table …). A measurement without a value carries the reason it
cannot be made (a capability not installed, years the data do not cover) and becomes a
"not measurable yet" row; it is never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from pflab.provenance import Source

if TYPE_CHECKING:
    from pflab.accounting import SensitivityTable
    from pflab.data.iotables import IOTable
    from pflab.policy.structure import EconomyStructure

__all__ = ["Context", "Measure", "MeasureSpec", "Measurement", "Params", "TableRef"]


@dataclass(frozen=True)
class Measurement:
    """pflab's measurement of one claim from one source.

    Attributes
    ----------
    source
        The data source and vintage as a reader names it, e.g. ``"PWT 11.0"``,
        ``"World Bank WDI"``, ``"NBS input-output table 2020 (153 sectors)"``.
    period
        The years measured, e.g. ``"1979–2007"`` or ``"2021"``.
    value
        The measured value in ``unit`` (``None`` when it cannot be measured).
    unit
        E.g. ``"% a year"``, ``"%"``, ``"pp a year"``.
    shown
        The value as a reader should see it, with no more digits than the data hold.
    low, high
        A range around the value where one is known (rounded inputs, the method band,
        partial sectors); ``None`` otherwise.
    range_basis
        What ``low``–``high`` spans.
    reason
        Why there is no value (empty when there is one).
    notes
        Where the measure differs from the claim's wording, and caveats of the source.
    command
        The ``pflab`` command (or Python call) that reproduces the value.
    sources
        Cited sources behind the value.
    general_notes
        Caveats that belong in the ledger's notes once, not in every row (e.g. the
        PWT vintage caveat).
    """

    source: str
    period: str
    value: float | None
    unit: str
    shown: str = ""
    low: float | None = None
    high: float | None = None
    range_basis: str = ""
    reason: str = ""
    notes: tuple[str, ...] = ()
    command: str = ""
    sources: tuple[Source, ...] = ()
    general_notes: tuple[str, ...] = ()

    @classmethod
    def missing(
        cls, source: str, reason: str, *, period: str = "", unit: str = "", command: str = ""
    ) -> Measurement:
        """A measurement that cannot be made, with the reason."""
        return cls(
            source=source, period=period, value=None, unit=unit, reason=reason, command=command
        )


class Params(BaseModel):
    """Base of every measure's parameters: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TableRef(Params):
    """One embedded input–output table (see :func:`pflab.network.load_io`)."""

    source: str = "nbs"
    year: int
    sectors: int | None = None
    economy: str = "CHN"


@dataclass
class Context:
    """Caches shared by the measures of one evaluation (tables, structures, TFP bands).

    Attributes
    ----------
    tfp_eras
        Economy → every era the claims ask of it, so one sensitivity run serves them all.
    """

    tfp_eras: dict[str, list[str]] = field(default_factory=dict)
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def cached(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """The value under ``key``, made once."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def table(self, ref: TableRef) -> IOTable:
        """An embedded table (loaded once)."""
        from pflab.network import load_io

        key = ("io", ref.economy, ref.year, ref.source, ref.sectors)
        table: IOTable = self.cached(
            key, lambda: load_io(ref.economy, ref.year, source=ref.source, sectors=ref.sectors)
        )
        return table

    def structure(self, ref: TableRef) -> EconomyStructure:
        """:func:`pflab.policy.structure.table_structure` of a table (computed once)."""
        from pflab.policy.structure import table_structure

        key = ("structure", ref.economy, ref.year, ref.source, ref.sectors)
        result: EconomyStructure = self.cached(key, lambda: table_structure(self.table(ref)))
        return result

    def sensitivity(self, economy: str) -> SensitivityTable:
        """TFP by era for every method × series, over every era asked of ``economy``."""
        from pflab.accounting import sensitivity

        eras = self.tfp_eras.get(economy) or []
        key = ("tfp", economy, tuple(eras))
        result: SensitivityTable = self.cached(key, lambda: sensitivity(economy, eras or None))
        return result


#: A measure: parameters (validated) and the shared context → measurements.
Measure = Callable[[Any, Context], list["Measurement"]]


@dataclass(frozen=True)
class MeasureSpec:
    """A registered measure: its function, parameter model and what it measures."""

    function: Measure
    params: type[Params]
    description: str
