"""Plotly figures for growth accounting; each carries its data source and method."""

from __future__ import annotations

import plotly.graph_objects as go

from pflab.accounting.results import EraTable
from pflab.accounting.sensitivity import SensitivityTable
from pflab.report.html import caption

__all__ = ["era_contributions_figure", "sensitivity_figure"]

_CONTRIBUTIONS = (
    ("capital", "Capital", "#4c78a8"),
    ("employment", "Employment", "#f58518"),
    ("hours", "Hours", "#e45756"),
    ("human_capital", "Human capital", "#72b7b2"),
    ("tfp", "TFP", "#54a24b"),
)


def era_contributions_figure(table: EraTable) -> go.Figure:
    """Stacked contributions to GDP growth by era (and economy), with GDP as markers.

    Parameters
    ----------
    table
        An era table, possibly of several economies.
    """
    frame = table.frame
    several = frame["economy"].nunique() > 1
    x = [frame["economy"].tolist(), frame["era"].tolist()] if several else frame["era"].tolist()
    fig = go.Figure()
    for column, name, colour in _CONTRIBUTIONS:
        fig.add_bar(
            x=x,
            y=frame[column],
            name=name,
            marker_color=colour,
            hovertemplate="%{y:.2f}% per year<extra>" + name + "</extra>",
        )
    fig.add_scatter(
        x=x,
        y=frame["gdp"],
        name="GDP growth",
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": "black"},
        hovertemplate="%{y:.2f}% per year<extra>GDP</extra>",
    )
    economies = ", ".join(dict.fromkeys(frame["country"]))
    prov = table.provenance
    fig.update_layout(
        barmode="relative",
        title=f"Sources of growth: {economies} (method {prov.method}, "
        f"PWT {prov.parameters.get('vintage', '')})",
        yaxis_title="percent per year (log points)",
        legend={"orientation": "h", "y": 1.08},
        margin={"b": 150},
        annotations=[
            caption(
                [
                    "An era START–END averages annual log growth from START−1→START to END−1→END.",
                    *prov.citation_lines(),
                ]
            )
        ],
        template="plotly_white",
    )
    return fig


def sensitivity_figure(table: SensitivityTable) -> go.Figure:
    """TFP growth by era for every method, one marker per method and data series.

    The spread of markers in an era is the answer's dependence on method and data. Only
    rows in the band are drawn (each era's window covered in full); the caption lists
    the series left out.
    """
    frame = table.frame[table.frame["in_band"]].dropna(subset=["tfp"])
    several = frame["economy"].nunique() > 1
    fig = go.Figure()
    symbols = ["circle", "diamond", "square", "triangle-up"]
    for i, (series, part) in enumerate(frame.groupby("series", sort=False)):
        x = [part["economy"].tolist(), part["era"].tolist()] if several else part["era"]
        fig.add_scatter(
            x=x,
            y=part["tfp"],
            mode="markers",
            name=str(series),
            marker={"size": 9, "symbol": symbols[i % len(symbols)], "opacity": 0.75},
            text=part["method"],
            hovertemplate="%{text}<br>%{y:.2f}% per year<extra>" + str(series) + "</extra>",
        )
    band = table.band().reset_index()
    left_out = [
        f"{economy} {era}: {text}"
        for economy, era, text in zip(band["economy"], band["era"], band["excluded"], strict=True)
        if text != "none"
    ]
    fig.update_layout(
        title=f"TFP growth of {table.country}: every method × data series",
        yaxis_title="TFP growth, percent per year",
        margin={"b": 170},
        annotations=[
            caption(
                [
                    "Each marker is one method (capital services/stock, labour share/fixed share, "
                    "hours on/off, human capital on/off), averaged over the era's window.",
                    *(f"Left out (window not covered): {line}" for line in left_out),
                    *table.provenance.citation_lines()[:1],
                ]
            )
        ],
        template="plotly_white",
    )
    return fig
