"""Figures for industry growth accounts (CIP 4.0): contributions by group, spillovers."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from pflab.accounting.aggregate_industries import IndustryAggregation
from pflab.accounting.cip_aggregate import CIPAggregate
from pflab.accounting.spillovers import SpilloverTest
from pflab.provenance import Provenance
from pflab.report.html import caption

__all__ = ["cip_aggregate_figure", "industry_contributions_figure", "spillover_figure"]

_GROUP_COLOURS = (
    "#e45756",  # ICT producing
    "#4c78a8",  # other manufacturing
    "#9d755d",  # mining and utilities
    "#f58518",  # construction and real estate
    "#72b7b2",  # market services
    "#b279a2",  # non-market services
    "#54a24b",  # agriculture
)
_REALLOCATION_COLOURS = ("#bab0ac", "#79706e")


def _wrap(text: str, width: int = 120) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _sources(provenance: Provenance) -> list[str]:
    """One wrapped line per cited source, for a caption."""
    return [piece for line in provenance.citation_lines() for piece in _wrap(line)]


def industry_contributions_figure(result: IndustryAggregation) -> go.Figure:
    """Stacked contributions to aggregate TFP growth by industry group and era.

    Bars stack the seven groups' weighted TFP growth and (value-added basis) the two
    reallocation terms, so that they add up to aggregate TFP growth (black diamond); the
    Domar-weighted sum of gross-output TFP (Hulten) is the open circle.
    """
    frame = result.contributions
    eras = result.era_labels
    fig = go.Figure()
    groups = frame[frame["kind"] == "group"]
    for (_, row), colour in zip(groups.iterrows(), _GROUP_COLOURS, strict=False):
        fig.add_bar(
            x=eras,
            y=[row[e] for e in eras],
            name=str(row["item"]),
            marker_color=colour,
            hovertemplate="%{y:+.2f} pp per year<extra>" + str(row["item"]) + "</extra>",
        )
    if result.basis == "va":
        parts = frame[frame["kind"] == "reallocation"]
        for (_, row), colour in zip(parts.iterrows(), _REALLOCATION_COLOURS, strict=False):
            fig.add_bar(
                x=eras,
                y=[row[e] for e in eras],
                name=str(row["item"]),
                marker={"color": colour, "pattern": {"shape": "/"}},
                hovertemplate="%{y:+.2f} pp per year<extra>" + str(row["item"]) + "</extra>",
            )
    for kind, name, marker in (
        ("aggregate", "Aggregate TFP (value-added basis)", {"symbol": "diamond", "size": 13,
                                                             "color": "black"}),
        ("hulten" if result.basis == "va" else "sum", "Hulten: Domar-weighted sum",
         {"symbol": "circle-open", "size": 13, "color": "black", "line": {"width": 2}}),
    ):  # fmt: skip
        row = frame[frame["kind"] == kind].iloc[0]
        fig.add_scatter(
            x=eras,
            y=[row[e] for e in eras],
            name=name,
            mode="markers",
            marker=marker,
            hovertemplate="%{y:+.2f}% per year<extra>" + name + "</extra>",
        )
    basis = "value-added" if result.basis == "va" else "gross-output (Domar-weighted)"
    fig.update_layout(
        barmode="relative",
        title=f"Where China's TFP growth came from, by industry group ({basis} basis, CIP 4.0)",
        xaxis_title="era (growth years)",
        yaxis_title="contribution to aggregate TFP growth, percentage points per year",
        legend={"orientation": "h", "y": -0.12},
        margin={"b": 230},
        annotations=[
            caption(
                [
                    "Bars add up to aggregate TFP growth (diamond) with the reallocation of "
                    "capital and labour; the circle is Hulten's Domar-weighted sum.",
                    "An era START–END averages annual log growth from START−1→START to END−1→END.",
                    *_sources(result.provenance),
                ]
            )
            | {"y": -0.32}
        ],
        template="plotly_white",
    )
    return fig


def spillover_figure(result: SpilloverTest) -> go.Figure:
    """Supplier against own TFP growth, net of industry and year effects.

    Each point is one downstream industry-year: the x axis is its exposure to the
    group's TFP growth (input-share weighted, lagged) and the y axis its own gross-output
    TFP growth, both after removing industry and year effects and the other suppliers'
    TFP growth (Frisch-Waugh-Lovell), so the line's slope is the regression's β.
    """
    panel = result.panel
    estimate = result.estimate.iloc[0]
    x = panel["supplier_partial"].to_numpy(dtype="float64")
    y = panel["own_partial"].to_numpy(dtype="float64")
    beta = float(result.models.iloc[0]["coefficient"])
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=y,
        mode="markers",
        name="industry-year",
        marker={"size": 6, "opacity": 0.55, "color": "#4c78a8"},
        text=[
            f"{a} (CIP {c}), {t}"
            for a, c, t in zip(panel["acronym"], panel["code"], panel["year"], strict=True)
        ],
        hovertemplate="%{text}<br>supplier %{x:.3f} pp, own %{y:.2f} pp<extra></extra>",
    )
    line_x = np.array([x.min(), x.max()])
    fig.add_scatter(
        x=line_x,
        y=beta * line_x,
        mode="lines",
        name=f"slope β = {beta:+.2f}",
        line={"color": "#e45756", "width": 2},
    )
    fig.update_layout(
        title=f"Do {estimate['supplier_group']} suppliers' TFP gains spill over? (CIP 4.0)",
        xaxis_title=f"{estimate['supplier_group']} suppliers' TFP growth a year earlier, "
        "input-share weighted, net of effects (percentage points)",
        yaxis_title="own TFP growth, gross-output basis, net of effects (percentage points)",
        margin={"b": 220},
        annotations=[
            caption(
                [
                    *_wrap(str(estimate["statement"])),
                    "Both axes net of industry and year effects and of the other suppliers' "
                    "TFP growth; not causal (docs/industry.md).",
                    *_sources(result.provenance),
                ]
            )
            | {"y": -0.2}
        ],
        template="plotly_white",
    )
    return fig


def cip_aggregate_figure(result: CIPAggregate) -> go.Figure:
    """CIP 4.0's sources of value-added growth by era, with PWT 11.0's TFP beside it.

    Bars stack the contributions of capital, hours, labour quality and TFP, which add up
    to value-added growth (black diamond); the open circle is PWT 11.0's TFP growth over
    the same years (method ``pwt``).
    """
    frame = result.eras_table
    eras = frame["era"].tolist()
    fig = go.Figure()
    for column, name, colour in (
        ("capital", "Capital", "#4c78a8"),
        ("hours", "Hours", "#e45756"),
        ("labour_quality", "Labour quality", "#72b7b2"),
        ("tfp", "TFP (CIP 4.0)", "#54a24b"),
    ):
        fig.add_bar(
            x=eras,
            y=frame[column],
            name=name,
            marker_color=colour,
            hovertemplate="%{y:+.2f}% per year<extra>" + name + "</extra>",
        )
    fig.add_scatter(
        x=eras,
        y=frame["va"],
        name="Value-added growth",
        mode="markers",
        marker={"symbol": "diamond", "size": 12, "color": "black"},
        hovertemplate="%{y:.2f}% per year<extra>value added</extra>",
    )
    fig.add_scatter(
        x=result.vs_pwt["era"],
        y=result.vs_pwt["pwt_tfp"],
        name="TFP, PWT 11.0 (official GDP)",
        mode="markers",
        marker={"symbol": "circle-open", "size": 12, "color": "#54a24b", "line": {"width": 2}},
        hovertemplate="%{y:+.2f}% per year<extra>PWT 11.0 TFP</extra>",
    )
    fig.update_layout(
        barmode="relative",
        title="Sources of China's value-added growth, CIP 4.0 (TFP of PWT 11.0 beside it)",
        xaxis_title="era (growth years)",
        yaxis_title="percent per year (log points)",
        legend={"orientation": "h", "y": 1.08},
        margin={"b": 190},
        annotations=[
            caption(
                [
                    "An era START–END averages annual log growth from START−1→START to "
                    "END−1→END. CIP's value added is Wu's adjusted series, not official GDP.",
                    *_sources(result.provenance),
                ]
            )
        ],
        template="plotly_white",
    )
    return fig
