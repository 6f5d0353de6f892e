"""Plotly figures for production networks; each carries its data source and method."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from pflab.network.results import SectorResult
from pflab.network.shocks import ShockAnalysis
from pflab.report.html import caption

__all__ = ["position_figure", "shock_figure"]


def position_figure(result: SectorResult) -> go.Figure:
    """Each sector by upstreamness (x) and Domar weight (y); size = total import content.

    Parameters
    ----------
    result
        The sector position table of :func:`pflab.network.position` (every sector is
        plotted; sectors whose upstreamness is undefined are left out and counted).
    """
    frame = result.frame
    shown = frame[np.isfinite(frame["upstreamness"].to_numpy(dtype="float64"))]
    has_imports = "import_total" in shown.columns
    marker: dict[str, object] = {"size": 9}
    lines = []
    if has_imports:
        imports = shown["import_total"].to_numpy(dtype="float64")
        marker = {
            "size": 6.0 + 40.0 * imports / max(float(imports.max(initial=0.0)), 1e-9),
            "color": imports,
            "colorscale": "Viridis",
            "showscale": True,
            "colorbar": {"title": "import<br>content"},
        }
        lines.append("Marker size and colour: imports embodied per unit of final demand (m'L).")
    if len(shown) < len(frame):
        lines.append(f"{len(frame) - len(shown)} sectors without defined upstreamness not shown.")
    fig = go.Figure()
    fig.add_scatter(
        x=shown["upstreamness"],
        y=shown["domar_weight"],
        mode="markers",
        marker=marker,
        text=[f"{code} {name}" for code, name in zip(shown.index, shown["name"], strict=True)],
        hovertemplate="%{text}<br>upstreamness %{x:.2f}<br>Domar weight %{y:.4f}<extra></extra>",
    )
    fig.update_layout(
        title=result.title,
        xaxis_title="upstreamness (average stages to final use, Antràs et al. 2012)",
        yaxis_title="Domar weight (gross output / GDP)",
        margin={"b": 150},
        annotations=[caption([*lines, *result.provenance.citation_lines()])],
        template="plotly_white",
    )
    return fig


def shock_figure(analysis: ShockAnalysis) -> go.Figure:
    """Aggregate TFP and GDP response to the shocks: first order, second order, exact, long run."""
    agg = analysis.aggregate
    labels = {
        "tfp_first_order": "TFP, first order (Hulten)",
        "tfp_second_order": "TFP, second order (Baqaee–Farhi)",
        "tfp_exact": "TFP, exact CES network",
        "gdp_short_run": "GDP, capital fixed",
        "gdp_long_run": "GDP, long run",
    }
    shown = agg.loc[[k for k in labels if k in agg.index]]
    fig = go.Figure()
    fig.add_bar(
        x=[labels[k] for k in shown.index],
        y=shown["value_pct"],
        marker_color=["#4c78a8", "#72b7b2", "#54a24b", "#f58518", "#e45756"][: len(shown)],
        hovertemplate="%{x}: %{y:.4f}%<extra></extra>",
    )
    shocks = ", ".join(
        f"{code} {str(row['name'])[:30]} +{row['shock_pct']:.3g}%"
        for code, row in analysis.sectors.head(12).iterrows()
    )
    if len(analysis.sectors) > 12:
        shocks += f" and {len(analysis.sectors) - 12} more sectors"
    params = analysis.provenance.parameters
    fig.update_layout(
        title=f"Aggregate response to productivity shocks, {analysis.table}",
        xaxis_title="measure",
        yaxis_title="percent (100 × log change)",
        margin={"b": 170},
        annotations=[
            caption(
                [
                    f"Shocks: {shocks}",
                    f"Elasticities θ={params['theta']}, σ={params['sigma']}, "
                    f"ε={params['epsilon']}; factors {params['factors']}.",
                    *analysis.provenance.citation_lines(),
                ]
            )
        ],
        template="plotly_white",
    )
    return fig
