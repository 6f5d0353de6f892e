"""Spillovers and supply chains: the sector position table and programme shocks.

The shock comparison applies the same productivity gain to each programme's sectors in
turn (:func:`pflab.policy.programme_shock`: sector i gains ``pct × s_i``, ``s_i`` the
programme's share of the sector) and to all of services, one
:func:`pflab.network.shock_analysis` each, and stacks the aggregate responses side by
side in :class:`ShockComparison`; the numbers are the library's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pflab.provenance import Provenance
from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Column, Result, View

__all__ = ["POSITION", "PROGRAMMES", "SERVICES", "SHOCKS", "ShockComparison"]

#: Programmes shocked in turn (registry ids; one of each family, duplicates left out).
PROGRAMMES = (
    "sei_2010",
    "mic2025",
    "ic_outline_2014",
    "future_industries_2024",
    "ht_mfg_class_2017",
    "digital_economy_class_2021",
)

#: The comparison set: every service sector, whole (a sector group of the concordance).
SERVICES = "services"

_MEASURES = {
    "tfp_first_order": "TFP, first order (Hulten)",
    "tfp_exact": "TFP, exact CES network",
    "gdp_long_run": "GDP, long run",
}


def _table(params: ReportParams) -> object:
    from pflab.network import load_io

    return load_io("CHN", params.year, source="nbs")


def _position(params: ReportParams, context: RunContext) -> Result:
    from pflab.network import position

    return position(_table(params))  # type: ignore[arg-type]


def _position_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.network import SectorResult
    from pflab.report.network import position_figure

    assert isinstance(result, SectorResult)
    return (
        chart(
            "network-position",
            position_figure(result),
            result,
            table="sectors",
            units="upstreamness in production stages; Domar weight as a share of GDP",
        ),
    )


@dataclass(frozen=True, kw_only=True)
class ShockComparison(Result):
    """The aggregate responses of several shock analyses, one column per set shocked.

    Attributes
    ----------
    frame
        One row per set × measure: ``set``, ``measure``, ``label``, ``value_pct``.
    analyses
        The library's results, in order.
    """

    frame: pd.DataFrame
    analyses: tuple[Result, ...]

    def tables(self) -> dict[str, pd.DataFrame]:
        """``effects``: one row per set shocked and measure."""
        return {"effects": self.frame.copy()}

    def views(self) -> list[View]:
        """Set, measure and value."""
        return [
            View(
                "effects",
                [
                    Column("set", "Sectors shocked"),
                    Column("label", "Measure"),
                    Column("value_pct", "Percent", "+.3f"),
                ],
            )
        ]

    @classmethod
    def stack(
        cls, labels: Sequence[str], analyses: Sequence[Result], pct: float
    ) -> ShockComparison:
        """Stack the ``aggregate`` tables of shock analyses, labelled by set."""
        rows = []
        for label, analysis in zip(labels, analyses, strict=True):
            aggregate = analysis.tables()["aggregate"]
            for measure, name in _MEASURES.items():
                if measure in aggregate.index:
                    rows.append(
                        {
                            "set": label,
                            "measure": measure,
                            "label": name,
                            "value_pct": float(aggregate["value_pct"].loc[measure]),
                        }
                    )
        first = analyses[0].provenance
        sources = tuple(dict.fromkeys(s for a in analyses for s in a.provenance.sources))
        notes = tuple(dict.fromkeys(n for a in analyses for n in a.notes))
        return cls(
            title=f"A {pct:g} % productivity gain in each programme's sectors, or in services",
            provenance=Provenance(
                method=first.method,
                sources=sources,
                parameters={**first.parameters, "groups": list(labels), "shock_pct": pct},
                description=first.description,
            ),
            notes=(
                f"Each set gets a {pct:g} % productivity gain (a sector partly in a "
                "programme gains in proportion to the programme's share of it), the others "
                "none; the sets are shocked one at a time, not together.",
                *notes,
            ),
            columns={
                "set": "programme (pflab.policy.programme_shock) or sector group shocked",
                "measure": "aggregate measure (pflab.network.shock_analysis)",
                "label": "the measure in words",
                "value_pct": "aggregate response, percent (100 × log change)",
            },
            frame=pd.DataFrame.from_records(rows, columns=["set", "measure", "label", "value_pct"]),
            analyses=tuple(analyses),
        )


def _shocks(params: ReportParams, context: RunContext) -> Result:
    from pflab.network import shock_analysis
    from pflab.policy import programme_shock

    table: Any = _table(params)
    labels: list[str] = []
    analyses: list[Result] = []
    for programme in [params.programme] if params.programme else PROGRAMMES:
        shock = programme_shock(programme, params.shock, table)
        labels.append(shock.label)
        analyses.append(shock_analysis(table, [shock]))
    labels.append(f"{SERVICES} (every service sector)")
    analyses.append(shock_analysis(table, [f"{SERVICES}:{params.shock:g}"]))
    return ShockComparison.stack(labels, analyses, params.shock)


def _shock_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    import plotly.graph_objects as go

    assert isinstance(result, ShockComparison)
    frame = result.frame
    figure = go.Figure()
    colours = ("#4c78a8", "#54a24b", "#e45756")
    for colour, (measure, name) in zip(colours, _MEASURES.items(), strict=True):
        part = frame[frame["measure"] == measure]
        figure.add_bar(
            x=part["set"],
            y=part["value_pct"],
            name=name,
            marker_color=colour,
            hovertemplate="%{x}: %{y:.3f}%<extra>" + name + "</extra>",
        )
    figure.update_layout(
        title=result.title,
        barmode="group",
        xaxis_title="the sectors given the productivity gain",
        yaxis_title="aggregate response, percent",
        legend={"orientation": "h", "y": 1.1},
        template="plotly_white",
    )
    return (
        chart(
            "network-shocks",
            figure,
            result,
            table="effects",
            units="percent (100 × log change of aggregate TFP or GDP)",
        ),
    )


_NETWORK = Requirement("pflab.network", "position", "the sector position table")

POSITION = Computation(
    key="network/position",
    heading="Domar weights, upstreamness and import content",
    fields=("year",),
    run=_position,
    charts=_position_charts,
    requires=(_NETWORK,),
    description="Each sector of China's input-output table by size (Domar weight), stage "
    "(upstreamness) and imports embodied along its supply chain.",
)

SHOCKS = Computation(
    key="network/shocks",
    heading="A productivity gain in each programme's sectors vs in services",
    fields=("year", "programme", "shock"),
    run=_shocks,
    charts=_shock_charts,
    requires=(Requirement("pflab.policy", "programme_shock", "programme shocks"),),
    description="Aggregate TFP and GDP response to the same productivity gain in each "
    "programme's sectors (weighted by the programme's share of each sector) or in services.",
)
