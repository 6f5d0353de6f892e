"""Figures for world shares and the long-run record.

Every chart has a title, axis titles with units and a source line. Long-run charts
cite the country sources as the Maddison Project's citation policy requires when its
data are shown graphically, and leave gaps in a series as gaps (no line is drawn
across a year without an estimate).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from pflab.report.html import caption
from pflab.world import PERIODS, CatchUp, LongRunRecord, RelativeIncome, WorldShares

__all__ = ["history_figure", "relative_income_figure", "world_share_figure"]

_COLOURS = ["#4c78a8", "#e45756", "#54a24b", "#f58518", "#72b7b2", "#b279a2", "#9d755d"]


def _wrap(lines: list[str], width: int = 150) -> list[str]:
    return [piece for line in lines for piece in textwrap.wrap(line, width) or [""]]


def world_share_figure(result: WorldShares) -> go.Figure:
    """Shares of the world total by year, one line per economy.

    Where the inputs were rounded (WDI values ≥ 1e11 at three significant digits) each
    point carries an error bar spanning the range the lost digits allow.
    """
    frame = result.frame
    fig = go.Figure()
    for i, (economy, part) in enumerate(frame.groupby("economy", sort=False)):
        part = part.sort_values("year")
        colour = _COLOURS[i % len(_COLOURS)]
        rounded = part["interval"] != ""
        fig.add_scatter(
            x=part["year"],
            y=part["value"],
            mode="lines+markers",
            name=f"{part['country'].iloc[0]} ({economy})",
            line={"color": colour},
            marker={"size": 7},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (part["high"] - part["value"]).where(rounded, 0.0),
                "arrayminus": (part["value"] - part["low"]).where(rounded, 0.0),
                "visible": bool(rounded.any()),
                "thickness": 1,
                "width": 3,
            },
            text=part["text"],
            hovertemplate="%{x}: %{text}<extra>" + str(economy) + "</extra>",
        )
    if result.measure == "mva":
        what = "percent of world manufacturing value added (current US$)"
        lines = [
            "Error bars: the range the file's 3-significant-digit values allow. "
            "World = the World Bank's World aggregate.",
        ]
    else:
        product = str(frame["product_name"].iloc[0])
        what = f"percent of world exports of {product} (current US$)"
        lines = [
            "WTO data exist for 1990, 1995, 2000, 2005, 2010, 2015 and 2018 only; lines join "
            "those years. World = the WTO's world total.",
        ]
    if any("Hong Kong" in n for n in result.notes):
        lines.append("Hong Kong and Macao report separately; their figures are not in China's.")
    lines += [f"Source: {line}" for line in result.provenance.citation_lines()]
    fig.update_layout(
        title=result.title,
        xaxis_title="year",
        yaxis_title=what,
        yaxis={"rangemode": "tozero"},
        legend={"orientation": "h", "y": 1.08},
        margin={"b": 170},
        annotations=[caption(_wrap(lines))],
        template="plotly_white",
    )
    return fig


def _source_lines(sources: pd.DataFrame, citation: str) -> list[str]:
    lines = [f"Source: {citation}"]
    if not sources.empty:
        cited = "; ".join(
            f"{economy}: {', '.join(dict.fromkeys(part['short']))}"
            for economy, part in sources.groupby("economy", sort=False)
        )
        lines.append(f"Country sources (MPD citation policy): {cited}.")
    return _wrap(lines)


def _full_years(part: pd.DataFrame, column: str) -> pd.DataFrame:
    """The series on every year from its first to its last, ``NaN`` where none (a gap)."""
    years = range(int(part["year"].min()), int(part["year"].max()) + 1)
    return part.set_index("year")[[column]].reindex(years).rename_axis("year").reset_index()


def _add_series(fig: go.Figure, frame: pd.DataFrame, hover: str) -> None:
    """One line per economy over every year, broken where there is no value."""
    for i, (economy, part) in enumerate(frame.groupby("economy", sort=False)):
        full = _full_years(part, "value")
        fig.add_scatter(
            x=full["year"],
            y=full["value"],
            mode="lines+markers",
            connectgaps=False,
            name=f"{part['country'].iloc[0]} ({economy})",
            line={"color": _COLOURS[i % len(_COLOURS)]},
            marker={"size": 5},
            hovertemplate="%{x}: " + hover + "<extra>" + str(economy) + "</extra>",
        )


def history_figure(result: LongRunRecord) -> go.Figure:
    """GDP per head by year on a log scale (population when GDP per head is not asked)."""
    frame = result.frame
    variable = "gdppc" if (frame["variable"] == "gdppc").any() else "pop"
    data = frame[frame["variable"] == variable]
    fig = go.Figure()
    _add_series(fig, data, "%{y:,.0f}")
    unit = (
        "GDP per head, 2011 international $ (PPP), log scale"
        if variable == "gdppc"
        else "population, thousands, log scale"
    )
    source = result.provenance.sources[0]
    lines = [
        "Gaps are left empty: a dot without a line is a benchmark year with no estimate in "
        "the years around it. Nothing is interpolated.",
        *_source_lines(result.sources, f"{source.label}: {source.citation}"),
    ]
    params = result.provenance.parameters
    names = "; ".join(dict.fromkeys(data["country"]))
    what = "GDP per head" if variable == "gdppc" else "Population"
    fig.update_layout(
        title=f"{what}, {names}, {params.get('start')}–{params.get('end')} (MPD {result.vintage})",
        xaxis_title="year",
        yaxis_title=unit,
        yaxis_type="log",
        legend={"orientation": "h", "y": 1.08},
        margin={"b": 190},
        annotations=[caption(_wrap(lines))],
        template="plotly_white",
    )
    return fig


def relative_income_figure(result: RelativeIncome | CatchUp) -> go.Figure:
    """GDP per head as a percent of the reference, with historical periods shaded.

    For a :class:`~pflab.world.CatchUp` the catch-up levels are drawn as dotted lines,
    so the Meiji-vs-Qing comparison and the later East Asian catch-ups sit on one chart.
    """
    relative = result.relative if isinstance(result, CatchUp) else result.frame
    fig = go.Figure()
    _add_series(fig, relative, "%{y:.1f} %")
    source = result.provenance.sources[0]
    lines = [
        "Gaps are left empty (no estimate for the economy or the reference); nothing is "
        "interpolated. The leader is the highest GDP per head of the named set each year, "
        "not the world maximum.",
        *_source_lines(result.sources, f"{source.label}: {source.citation}"),
    ]
    fig.update_layout(
        title=f"GDP per head relative to {result.reference_label}, "
        f"{int(relative['year'].min())}–{int(relative['year'].max())} (MPD {result.vintage})",
        xaxis_title="year",
        yaxis_title="percent of the reference's GDP per head (2011 int. $, PPP)",
        yaxis={"rangemode": "tozero"},
        legend={"orientation": "h", "y": 1.12},
        margin={"b": 190, "t": 120},
        template="plotly_white",
    )
    fig.add_annotation(**caption(_wrap(lines)))
    # shapes and their labels after the layout, so that nothing replaces them
    first, last = int(relative["year"].min()), int(relative["year"].max())
    for i, (name, start, end) in enumerate(PERIODS):
        stop = last if end is None else end
        if start > last or stop < first:
            continue
        fig.add_vrect(
            x0=max(start, first),
            x1=min(stop, last),
            fillcolor="#bbbbbb",
            opacity=0.18,
            line_width=0,
            annotation_text=name,
            # overlapping periods (1861-95, 1868-1912) are labelled at opposite edges
            annotation_position="top right" if i % 2 else "top left",
            annotation_font_size=10,
        )
    if isinstance(result, CatchUp):
        for level in result.levels:
            fig.add_hline(
                y=level, line_dash="dot", line_color="#888", line_width=1,
                annotation_text=f"{level:g} %", annotation_position="right",
            )  # fmt: skip
    return fig
