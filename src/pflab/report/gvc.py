"""Figures for value-added trade: foreign value added by source country (one year and
over time), decomposition terms by partner, and localisation across economies. Each
figure names its method and data source under the plot."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pflab.gvc.decompose import GROUPS
from pflab.gvc.results import ExportDecomposition, GVCPath, Localisation, ValueAddedOrigin
from pflab.provenance import Provenance
from pflab.report.html import caption

__all__ = ["localisation_figure", "origin_figure", "partner_figure", "path_figure"]

_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
    "#7b4173", "#3182bd",
)  # fmt: skip


def _source_lines(provenance: Provenance, *lines: str) -> list[str]:
    return [*lines, *(line[:160] for line in provenance.citation_lines())]


def _layout(fig: go.Figure, title: str, x: str, y: str, notes: list[str]) -> go.Figure:
    fig.update_layout(
        title=title,
        xaxis_title=x,
        yaxis_title=y,
        template="plotly_white",
        margin={"b": 150},
        annotations=[caption(notes)],
    )
    return fig


def origin_figure(result: ValueAddedOrigin, top: int = 12) -> go.Figure:
    """Foreign value added in the exports by source country (bars, percent of exports)."""
    sources = result.sources.head(top)
    fig = go.Figure(
        go.Bar(
            x=[f"{code} {name}" for code, name in zip(sources.index, sources["name"], strict=True)],
            y=sources["share"],
            marker_color=_PALETTE[0],
            hovertemplate="%{x}<br>%{y:.2f} % of gross exports<extra></extra>",
        )
    )
    share = result.fva_share
    return _layout(
        fig,
        f"{result.title}: foreign value added {share:.1f} % of gross exports",
        "source country of the value added",
        "foreign value added, % of gross exports",
        _source_lines(
            result.provenance,
            "Leontief decomposition diag(v) B diag(e) (Hummels, Ishii and Yi 2001; Koopman, "
            "Wang and Wei 2014); the largest sources shown.",
        ),
    )


def path_figure(result: GVCPath) -> go.Figure:
    """Shares year by year: for ``hiy`` a stacked area of foreign value added by source
    country, otherwise the terms (stacked, percent of gross exports)."""
    frame = result.path
    columns = [c for c in frame.columns if c.endswith("_share")]
    if result.method == "hiy":
        columns = [c for c in columns if c != "fva_share"]
    fig = go.Figure()
    for i, column in enumerate(columns):
        fig.add_scatter(
            x=frame["year"],
            y=frame[column],
            name=column.removesuffix("_share"),
            mode="lines",
            stackgroup="one",
            line={"width": 0.5, "color": _PALETTE[i % len(_PALETTE)]},
            hovertemplate="%{x}: %{y:.2f} %<extra>" + column.removesuffix("_share") + "</extra>",
        )
    what = (
        "foreign value added by source country"
        if result.method == "hiy"
        else f"{result.method.upper()} terms"
    )
    return _layout(
        fig,
        result.title,
        "year",
        f"{what}, % of gross exports",
        _source_lines(result.provenance, f"Stacked: {what}; the stack's height is their total."),
    )


def partner_figure(result: ExportDecomposition, top: int = 12) -> go.Figure:
    """Stacked bars of the decomposition terms for the largest partners (percent of the
    exports to each partner)."""
    partners = result.by_partner.head(top)
    perspective = "source_" if "sink" in result.terms.columns else ""
    names = [t for members in GROUPS[result.method].values() for t in members]
    fig = go.Figure()
    for i, term in enumerate(names):
        share = 100.0 * partners[f"{perspective}{term}"] / partners["gross_exports"]
        fig.add_bar(
            x=list(partners.index),
            y=share,
            name=term,
            marker_color=_PALETTE[i % len(_PALETTE)],
            hovertemplate="%{x}: %{y:.2f} %<extra>" + term + "</extra>",
        )
    fig.update_layout(barmode="stack")
    view = " (source-based)" if perspective else ""
    return _layout(
        fig,
        result.title,
        "importing country (largest first)",
        f"share of the exports to each partner{view}, %",
        _source_lines(
            result.provenance,
            "Each bar sums to 100 % of the gross exports to that partner.",
        ),
    )


def localisation_figure(result: Localisation) -> go.Figure:
    """Three panels over time, one line per economy: foreign value added in gross exports,
    in the sector's exports, and the share of manufacturing value added absorbed abroad."""
    frame = result.economies
    sector = ", ".join(result.sector)
    panels = (
        ("fva_share", "FVA, % of gross exports"),
        ("sector_fva_share", f"FVA, % of {sector} exports"),
        ("manufacturing_abroad_share", "Mfg value added absorbed abroad, %"),
    )
    fig = make_subplots(rows=1, cols=3, subplot_titles=[p[1] for p in panels])
    economies = list(dict.fromkeys(frame["economy"]))
    for i, economy in enumerate(economies):
        rows: pd.DataFrame = frame[frame["economy"] == economy]
        for j, (column, _) in enumerate(panels, start=1):
            fig.add_scatter(
                x=rows["year"],
                y=rows[column],
                name=economy,
                legendgroup=economy,
                showlegend=j == 1,
                mode="lines",
                line={"color": _PALETTE[i % len(_PALETTE)], "width": 3 if i == 0 else 1.5},
                row=1,
                col=j,
                hovertemplate=f"{economy} %{{x}}: %{{y:.1f}} %<extra></extra>",
            )
    fig.update_layout(
        title=result.title,
        template="plotly_white",
        margin={"b": 150},
        annotations=[
            *fig.layout.annotations,
            caption(
                _source_lines(
                    result.provenance,
                    "FVA: foreign content of gross exports, Σ_t≠s V_t B_ts e; absorbed abroad: "
                    "value added of manufacturing industries in foreign final demand.",
                )
            ),
        ],
    )
    for j in range(1, 4):
        fig.update_xaxes(title_text="year", row=1, col=j)
        fig.update_yaxes(title_text="percent", row=1, col=j)
    return fig
