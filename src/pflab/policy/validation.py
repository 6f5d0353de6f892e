"""The sector maps against every official aggregate pflab could find and cite.

For each figure of ``registry/maps/official_aggregates.csv`` (see
:mod:`pflab.policy.official`), :func:`validate_sector_maps` measures the programme on
China's NBS input-output table of the figure's year, or of the nearest year with a
table (both years are printed), with the finest sectors available, on the figure's own
base and measure:

.. math::

    \\text{pflab} = 100 \\cdot \\frac{\\sum_i s_i\\, m_i\\, b_i}{\\sum_i m_i\\, b_i},

:math:`s_i` the programme's share of sector :math:`i`, :math:`m_i` its value added or
gross output and :math:`b_i` 1 for the sectors in the base. A row is within tolerance
when pflab's central value is within :data:`TOLERANCE_PP` percentage points of the
figure (of GDP, or of the stated base); a row outside carries the explanation the data
file gives for the difference. The shares were fixed from their stated basis before
this comparison and are not fitted to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.data.concordance import sectors_for_group
from pflab.data.iotables import IOTable
from pflab.errors import DataValidationError
from pflab.network import load_io
from pflab.policy.official import OfficialFigure, base_mask, load_official_figures
from pflab.policy.registry import Registry, load_registry
from pflab.policy.sectormaps import SectorMaps, load_sector_maps
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.policy.weights import programme_weights
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View

__all__ = ["TOLERANCE_PP", "MapValidation", "nearest_table_year", "validate_sector_maps"]

#: Tolerance, in percentage points of the figure's base.
TOLERANCE_PP = 3.0

_NBS_YEARS = (2002, 2005, 2007, 2010, 2012, 2015, 2017, 2018, 2020)

_COLUMNS = {
    "id": "figure id (official_aggregates.csv)",
    "programme": "registry entry or sector group measured",
    "indicator": "what the official figure measures",
    "official_year": "year of the official figure",
    "official": "the official figure, % of its base",
    "comparator": "how the figure was stated (= exact, ~ about, > above, < below)",
    "base": "the aggregate it is a share of",
    "measure": "value added or gross output",
    "table_year": "year of the NBS input-output table pflab measures on",
    "table": "the table (economy, year, sectors)",
    "pflab": "pflab's share on the same base and measure, central shares, %",
    "pflab_low": "the same at the low end of the shares, %",
    "pflab_high": "the same at the high end of the shares, %",
    "difference": "pflab minus the official figure, percentage points",
    "within_tolerance": f"|difference| <= {TOLERANCE_PP:g} percentage points",
    "official_in_range": "the official figure lies between pflab's low and high",
    "explanation": "the cause of a difference beyond tolerance",
    "sources": "source keys of the official figure (registry/sources.yaml)",
}


@dataclass(frozen=True, kw_only=True)
class MapValidation(Result):
    """pflab's measures beside the official aggregates, one row per figure."""

    frame: pd.DataFrame
    tolerance: float

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"validation": self.frame.copy()}

    def views(self) -> list[View]:
        return [
            View(
                "validation",
                (
                    Column("id", "Figure"),
                    Column("official_year", "Year", "d"),
                    Column("official", "Official %", ".2f"),
                    Column("base", "Base"),
                    Column("table_year", "Table", "d"),
                    Column("pflab", "pflab %", ".2f"),
                    Column("pflab_low", "low", ".1f"),
                    Column("pflab_high", "high", ".1f"),
                    Column("difference", "Diff. pp", "+.2f"),
                    Column("within_tolerance", "Within"),
                ),
            )
        ]


def nearest_table_year(year: int) -> int:
    """The year of China's NBS input-output table nearest to ``year`` (the later on a tie)."""
    return min(_NBS_YEARS, key=lambda y: (abs(y - year), -y))


def _finest(year: int) -> IOTable:
    """China's NBS table of ``year`` with the most sectors."""
    from pflab.data.iotables.embedded import available_io

    listing = available_io()
    rows = listing[(listing["source"] == "nbs") & (listing["year"] == year)]
    return load_io("CHN", year, source="nbs", sectors=int(rows["sectors"].max()))


def _shares(
    figure: OfficialFigure, table: IOTable, reg: Registry, maps: SectorMaps
) -> dict[str, np.ndarray]:
    codes = [str(c) for c in table.codes]
    out: dict[str, np.ndarray] = {}
    if figure.group is not None:
        inside = set(sectors_for_group(table.scheme, figure.group))
        vec = np.array([1.0 if c in inside else 0.0 for c in codes])
        return {"share": vec, "low": vec, "high": vec}
    weights = programme_weights(figure.programme, table, registry=reg, maps=maps)
    for bound in ("share", "low", "high"):
        found = weights.shares(bound)
        out[bound] = np.array([found.get(c, 0.0) for c in codes])
    return out


def _source(reg: Registry, key: str) -> Source:
    ref = reg.sources[key]
    return Source(
        name=key,
        version=ref.date or "",
        citation=f"{ref.title} ({ref.publisher or ref.kind})",
        url=ref.url or "",
    )


def validate_sector_maps(
    *, registry: Registry | None = None, maps: SectorMaps | None = None
) -> MapValidation:
    """Compare each programme's measured size with every official figure (module docstring).

    Raises
    ------
    pflab.errors.DataValidationError
        If a figure outside tolerance has no explanation in the data file.
    """
    reg = registry or load_registry()
    sector_maps = maps or load_sector_maps()
    figures = load_official_figures(registry)
    rows = []
    tables: dict[int, IOTable] = {}
    for figure in figures:
        year = nearest_table_year(figure.year)
        table = tables.setdefault(year, _finest(year))
        mask = base_mask(table, figure.base)
        measure = (
            table.value_added if figure.measure == "value_added" else table.gross_output
        ).to_numpy(dtype=float) * mask
        vecs = _shares(figure, table, reg, sector_maps)
        values = {b: 100 * float(v @ measure) / float(measure.sum()) for b, v in vecs.items()}
        difference = values["share"] - figure.value
        within = abs(difference) <= TOLERANCE_PP
        if not within and not figure.explanation:
            raise DataValidationError(
                f"figure {figure.id!r}: pflab gives {values['share']:.2f} against "
                f"{figure.value:g}, outside {TOLERANCE_PP:g} points, and no explanation is "
                "given",
                path="official_aggregates.csv",
                column="explanation",
            )
        rows.append(
            {
                "id": figure.id,
                "programme": figure.programme,
                "indicator": figure.indicator,
                "official_year": figure.year,
                "official": figure.value,
                "comparator": figure.comparator,
                "base": figure.base,
                "measure": figure.measure,
                "table_year": year,
                "table": table.label,
                "pflab": values["share"],
                "pflab_low": values["low"],
                "pflab_high": values["high"],
                "difference": difference,
                "within_tolerance": within,
                "official_in_range": values["low"] <= figure.value <= values["high"],
                "explanation": None if within else figure.explanation,
                "sources": " ".join(figure.sources),
            }
        )
    frame = pd.DataFrame(rows, columns=list(_COLUMNS))
    cited = tuple(_source(reg, key) for key in dict.fromkeys(k for f in figures for k in f.sources))
    table_sources = tuple(t.source for t in tables.values())
    provenance = Provenance(
        method="sector maps against official aggregates",
        sources=(REGISTRY_SOURCE, *table_sources, *cited),
        parameters={"tolerance_pp": TOLERANCE_PP, "figures": [f.id for f in figures]},
        description="Each programme measured on China's NBS table nearest to the official "
        "figure's year, on the figure's base and measure.",
    )
    missed = [(str(r["id"]), str(r["explanation"])) for r in rows if not r["within_tolerance"]]
    notes = [
        f"Within: pflab's central value within {TOLERANCE_PP:g} percentage points of the "
        "official figure, on the same base (GDP, industrial or services value added, "
        "manufacturing output). Table: the NBS table of the figure's year or the nearest.",
        "The sector shares were fixed from their stated basis before this comparison; they "
        "are not fitted to it.",
    ]
    notes += [f"{fid}: {why}" for fid, why in missed]
    return MapValidation(
        title="Sector maps against official aggregates",
        provenance=provenance,
        notes=tuple(notes),
        columns=_COLUMNS,
        frame=frame,
        tolerance=TOLERANCE_PP,
    )
