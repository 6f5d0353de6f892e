"""Plotly figures for the term tracker: heat map, Party-vs-State timeline, co-occurrence
network.

Chinese labels need a font with CJK glyphs; every figure asks for
:data:`CJK_FONTS` in order, so the browser picks the first one installed.
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pflab.report.html import caption

__all__ = ["CJK_FONTS", "cooccurrence_figure", "terms_heatmap", "terms_timeline_figure"]

#: Font families tried in order for Chinese labels.
CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

_CORPUS_STYLE = {
    "congress": {"color": "#c0392b", "symbol": "diamond", "size": 11, "dash": "dot"},
    "gwr": {"color": "#2c6fad", "symbol": "circle", "size": 6, "dash": "solid"},
}
_OTHER_COLOURS = ["#54a24b", "#b279a2", "#f58518", "#9d755d"]


def _source_lines(provenance: Any) -> list[str]:
    return [html.escape(line) for line in provenance.citation_lines()]


def terms_heatmap(counts: Any, *, value: str = "substring") -> go.Figure:
    """A heat map of term occurrences by year (columns) and term (rows).

    Parameters
    ----------
    counts
        A :class:`pflab.policy.terms.TermCounts`.
    value
        The count column to colour by (``substring``, ``tokens`` or ``per_10k``).
    """
    frame = counts.by_year()
    table = frame.pivot_table(index="term", columns="year", values=value, aggfunc="sum")
    terms = [t.zh for t in counts.glossary]
    english = {t.zh: t.en for t in counts.glossary}
    table = table.reindex(terms)
    unit = "per 10,000 characters" if value == "per_10k" else "occurrences"
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=[str(c) for c in table.columns],
            y=[f"{t}  {html.escape(english.get(t, ''))}" for t in table.index],
            colorscale="Blues",
            colorbar={"title": {"text": unit}},
            hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Strategic terms by year: {html.escape(counts.label or counts.corpus)}",
        xaxis={
            "type": "category",
            "title": "document year (years without a document are not shown)",
        },
        yaxis={"autorange": "reversed", "title": "term"},
        height=max(420, 28 * len(terms) + 260),
        margin={"b": 160},
        font={"family": CJK_FONTS},
        annotations=[caption([f"Colour: {unit}.", *_source_lines(counts.provenance)])],
        template="plotly_white",
    )
    return fig


def terms_timeline_figure(comparison: Any) -> go.Figure:
    """Both corpora on one time axis: occurrences per 10,000 characters by year, one
    panel per term; the first appearance in each corpus is marked.

    Parameters
    ----------
    comparison
        A :class:`pflab.policy.terms.TermComparison`.
    """
    yearly = comparison.by_year()
    glossary = comparison.counts[0].glossary
    terms = [t for t in glossary if yearly.loc[yearly["term"] == t.zh, "substring"].sum() > 0]
    terms = terms or list(glossary)[:1]
    first = comparison.first_years().set_index("term")
    fig = make_subplots(
        rows=len(terms),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.06, 0.5 / max(len(terms), 1)),
        subplot_titles=[f"{t.zh}  {html.escape(t.en)}" for t in terms],
    )
    for i, term in enumerate(terms, start=1):
        for j, counts in enumerate(comparison.counts):
            style = _CORPUS_STYLE.get(
                counts.corpus,
                {"color": _OTHER_COLOURS[j % 4], "symbol": "square", "size": 7, "dash": "dash"},
            )
            part = yearly[(yearly["corpus"] == counts.corpus) & (yearly["term"] == term.zh)]
            name = html.escape(counts.label or counts.corpus)
            fig.add_scatter(
                x=part["year"],
                y=part["per_10k"],
                mode="lines+markers",
                name=name,
                legendgroup=counts.corpus,
                showlegend=i == 1,
                line={"color": style["color"], "dash": style["dash"], "width": 1.5},
                marker={"color": style["color"], "symbol": style["symbol"], "size": style["size"]},
                hovertemplate=f"{name} %{{x}}<br>%{{y:.2f}} per 10,000 characters"
                "<br>%{customdata} times<extra></extra>",
                customdata=part["substring"],
                row=i,
                col=1,
            )
            year = first.loc[term.zh, f"first_{counts.corpus}"]
            if year is not pd.NA and not (isinstance(year, float) and math.isnan(year)):
                fig.add_vline(
                    x=int(year),
                    line={"color": style["color"], "dash": "dot", "width": 1},
                    row=i,
                    col=1,
                )
        fig.update_yaxes(title_text="per 10k chars", row=i, col=1, rangemode="tozero")
    fig.update_xaxes(title_text="year", row=len(terms), col=1)
    lines = [
        "Dotted vertical lines: first appearance in each corpus (documents left out of "
        "comparisons excluded). Congress reports: one every five years; work reports: annual.",
        *[html.escape(c) for c in comparison.notes if c.startswith("Caveat")],
        *_source_lines(comparison.provenance),
    ]
    fig.update_layout(
        title=html.escape(comparison.title),
        height=max(420, 220 * len(terms) + 260),
        margin={"b": 60 + 16 * len(lines)},
        font={"family": CJK_FONTS},
        legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        annotations=[
            *fig.layout.annotations,
            {**caption(lines), "y": -0.04 - 0.3 / max(len(terms), 1)},
        ],
        template="plotly_white",
    )
    return fig


def cooccurrence_figure(result: Any, *, top: int = 8) -> go.Figure:
    """A small network per period: the focus term in the centre, its most frequent
    companions around it, edge width and label by the paragraphs they share.

    Parameters
    ----------
    result
        A :class:`pflab.policy.terms.Cooccurrence`.
    top
        Companions shown per period.
    """
    pooled = result.pooled(top)
    periods = list(dict.fromkeys(pooled["period"])) or ["(none)"]
    cols = min(len(periods), 3)
    rows = math.ceil(len(periods) / cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[str(p) for p in periods],
        horizontal_spacing=0.04,
        vertical_spacing=0.08,
    )
    most = max(int(pooled["paragraphs"].max()) if len(pooled) else 1, 1)
    for k, period in enumerate(periods):
        r, c = k // cols + 1, k % cols + 1
        part = pooled[pooled["period"] == period].reset_index(drop=True)
        n = len(part)
        xs = [math.cos(2 * math.pi * i / max(n, 1)) for i in range(n)]
        ys = [math.sin(2 * math.pi * i / max(n, 1)) for i in range(n)]
        for x, y, row in zip(xs, ys, part.itertuples(), strict=True):
            fig.add_scatter(
                x=[0, x],
                y=[0, y],
                mode="lines",
                line={"width": 1 + 7 * row.paragraphs / most, "color": "rgba(44,111,173,0.5)"},
                hoverinfo="skip",
                showlegend=False,
                row=r,
                col=c,
            )
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=[f"{z} ({p})" for z, p in zip(part["companion"], part["paragraphs"], strict=True)],
            textposition="top center",
            marker={"size": 9, "color": "#2c6fad"},
            hovertext=[
                f"{z} {html.escape(str(e))}: {p} paragraphs ({s:.0%})"
                for z, e, p, s in zip(
                    part["companion"],
                    part["companion_en"],
                    part["paragraphs"],
                    part["share"],
                    strict=True,
                )
            ],
            hoverinfo="text",
            showlegend=False,
            row=r,
            col=c,
        )
        fig.add_scatter(
            x=[0],
            y=[0],
            mode="markers+text",
            text=[result.term.zh],
            textposition="bottom center",
            marker={"size": 16, "color": "#c0392b"},
            hoverinfo="text",
            hovertext=[html.escape(result.term.zh)],
            showlegend=False,
            row=r,
            col=c,
        )
    fig.update_xaxes(visible=False, range=[-1.6, 1.6])
    fig.update_yaxes(visible=False, range=[-1.4, 1.5])
    fig.update_layout(
        title=html.escape(result.title) + " (paragraphs shared, by period)",
        height=380 * rows + 200,
        margin={"b": 150},
        font={"family": CJK_FONTS},
        annotations=[
            *fig.layout.annotations,
            caption(
                [
                    f"Labels: companion (paragraphs shared with {html.escape(result.term.zh)}); "
                    "edge width grows with the paragraphs shared; corpora pooled.",
                    *_source_lines(result.provenance),
                ]
            ),
        ],
        template="plotly_white",
    )
    return fig
