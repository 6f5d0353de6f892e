"""Plotly figures for production networks; each carries its data source and method."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pflab.network.shocks import ShockAnalysis
from pflab.provenance import Provenance
from pflab.report.html import caption

__all__ = ["position_figure", "shock_figure"]


def position_figure(frame: pd.DataFrame, title: str, provenance: Provenance) -> go.Figure:
    """Each sector by upstreamness (x) and Domar weight (y); size = total import content.

    Parameters
    ----------
    frame
        One row per sector with ``name``, ``domar_weight``, ``upstreamness`` and
        ``import_total`` (as built by ``pflab network``).
    title
        Figure title.
    provenance
        Method and sources, printed under the plot.
    """
    imports = frame["import_total"].fillna(0.0).to_numpy()
    size = 6.0 + 40.0 * imports / max(float(np.nanmax(imports)), 1e-9)
    fig = go.Figure()
    fig.add_scatter(
        x=frame["upstreamness"],
        y=frame["domar_weight"],
        mode="markers",
        marker={
            "size": size,
            "color": imports,
            "colorscale": "Viridis",
            "showscale": True,
            "colorbar": {"title": "import<br>content"},
        },
        text=[f"{code} {name}" for code, name in zip(frame.index, frame["name"], strict=True)],
        hovertemplate="%{text}<br>upstreamness %{x:.2f}<br>Domar weight %{y:.4f}<extra></extra>",
    )
    fig.update_layout(
        title=title,
        xaxis_title="upstreamness (average stages to final use, Antràs et al. 2012)",
        yaxis_title="Domar weight (gross output / GDP)",
        margin={"b": 150},
        annotations=[
            caption(
                [
                    "Marker size and colour: imports embodied per unit of final demand (m'L).",
                    *provenance.citation_lines(),
                ]
            )
        ],
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
        f"{code} {row['name'][:30]} +{row['shock_pct']:.3g}%"
        for code, row in analysis.sectors.iterrows()
    )
    params = analysis.provenance.parameters
    fig.update_layout(
        title=f"Aggregate response to productivity shocks, {analysis.table}",
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
