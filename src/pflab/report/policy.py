"""Plotly figures for the policy registry (term tracker figures: pflab.report.terms)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Hashable, Mapping
from typing import Any

import plotly.graph_objects as go

from pflab.report.html import caption

__all__ = ["exposure_figure", "timeline_figure"]

_PALETTE = [
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
    "#b279a2", "#eeca3b", "#9d755d", "#ff9da6", "#79706e",
]  # fmt: skip

_MS_PER_DAY = 86_400_000


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(textwrap.wrap(html.escape(text), width))


def _bar_hover(row: Mapping[Hashable, Any]) -> str:
    name_zh = row["name_zh"] if isinstance(row["name_zh"], str) else "(Chinese name not confirmed)"
    evidence = "" if row["confidence"] == "confirmed" else f"<br>evidence: {row['confidence']}"
    return (
        f"<b>{html.escape(str(row['name_en']))}</b><br>{html.escape(name_zh)}"
        f"<br>{row['kind']}, {row['start_label']} → {row['end_label']}{evidence}"
        f"<br>{_wrap(str(row['description']))}"
    )


def _row_labels(frame: Any) -> tuple[list[str], dict[Any, str]]:
    """One row label per entry (the id added where two entries share a name), by id."""
    names = list(frame["name_en"])
    rows = [
        f"{n} ({i})  " if names.count(n) > 1 else f"{n}  "
        for n, i in zip(names, frame["id"], strict=True)
    ]
    return rows, dict(zip(frame["id"], rows, strict=True))


def _milestone_markers(stones: Any, label: dict[Any, str]) -> dict[str, Any]:
    """Diamonds on the dated milestones of the entries shown, with their events on hover."""
    return {
        "x": stones["date"].dt.strftime("%Y-%m-%d"),
        "y": [label[i] for i in stones["id"]],
        "mode": "markers",
        "marker": {"symbol": "diamond", "size": 7, "color": "black"},
        "name": "milestone",
        "hovertext": [
            f"{html.escape(str(d))}: {_wrap(str(e))}"
            for d, e in zip(stones["label"], stones["event"], strict=True)
        ],
        "hoverinfo": "text",
    }


def _lane_bars(part: Any, lane: int, label: dict[Any, str]) -> dict[str, Any]:
    """The horizontal bars of one programme family (one lane): start, duration, hover."""
    title = f"{part['family_title'].iloc[0]} · {part['family_title_zh'].iloc[0]}"
    return {
        "orientation": "h",
        "base": part["start"].dt.strftime("%Y-%m-%d"),
        "x": (part["end"] - part["start"]).dt.days.clip(lower=60) * _MS_PER_DAY,
        "y": [label[i] for i in part["id"]],
        "name": title,
        "marker": {
            "color": _PALETTE[lane % len(_PALETTE)],
            "pattern": {"shape": ["/" if o else "" for o in part["open_end"]]},
        },
        "hovertext": [_bar_hover(r) for r in part.to_dict(orient="records")],
        "hoverinfo": "text",
        "legendgroup": title,
    }


def timeline_figure(timeline: object) -> go.Figure:
    """A timeline of the registry: one bar per entry, coloured by family (lane), with
    arrows from each entry to its successors and diamonds on dated milestones.

    Parameters
    ----------
    timeline
        A :class:`pflab.policy.timeline.Timeline`.
    """
    from pflab.policy.timeline import Timeline

    assert isinstance(timeline, Timeline)
    frame = timeline.frame
    # one row per entry, grouped by lane, earliest lane at the top
    rows, label = _row_labels(frame)
    fig = go.Figure()
    for i, (_, part) in enumerate(frame.groupby("lane", sort=True)):
        fig.add_bar(**_lane_bars(part, i, label))
    if len(timeline.milestones):
        stones = timeline.milestones[timeline.milestones["id"].isin(label)]
        fig.add_scatter(**_milestone_markers(stones, label))
    ends = dict(zip(frame["id"], frame["end"], strict=True))
    starts = dict(zip(frame["id"], frame["start"], strict=True))
    for link in timeline.links.itertuples():
        tail = min(ends[link.source], max(starts[link.target], starts[link.source]))
        fig.add_annotation(
            x=starts[link.target].strftime("%Y-%m-%d"),
            y=label[link.target],
            ax=tail.strftime("%Y-%m-%d"),
            ay=label[link.source],
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowsize=1,
            arrowwidth=1,
            arrowcolor="rgba(80,80,80,0.55)",
            text="",
        )
    first = timeline.first_year
    fig.update_layout(
        title=f"China's technology and industrial policy programmes, {first}–{timeline.horizon}",
        barmode="overlay",
        xaxis={
            "type": "date",
            "range": [f"{first - 4}-01-01", f"{timeline.horizon + 2}-06-30"],
            "title": None,
        },
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": rows},
        height=max(500, 24 * len(frame) + 220),
        legend={"title": {"text": "Family (lane)"}},
        margin={"l": 20, "b": 140},
        annotations=[
            *fig.layout.annotations,
            caption(
                [
                    "Bars run from start (or announcement) to end; hatched bars are still in "
                    f"force or planned beyond {timeline.horizon}. Arrows point to successors; "
                    "diamonds mark milestones.",
                    *timeline.provenance.citation_lines(),
                ]
            ),
        ],
        template="plotly_white",
    )
    return fig


def exposure_figure(exposure: object) -> go.Figure:
    """Horizontal bars: each programme's share of value added (with its low-high range),
    gross output and employment, and the official figure where one exists.

    Parameters
    ----------
    exposure
        A :class:`pflab.policy.exposure.Exposure`.
    """
    from pflab.policy.exposure import Exposure

    assert isinstance(exposure, Exposure)
    frame = exposure.frame
    names = [f"{n}  " for n in frame["label"]]
    fig = go.Figure()
    fig.add_bar(
        orientation="h",
        y=names,
        x=frame["value_added_share"],
        name="value added (range of the shares)",
        error_x={
            "type": "data",
            "symmetric": False,
            "array": frame["value_added_high"] - frame["value_added_share"],
            "arrayminus": frame["value_added_share"] - frame["value_added_low"],
        },
        hovertemplate="%{y}: %{x:.1f}% of GDP<extra>value added</extra>",
    )
    for column, name in (
        ("gross_output_share", "gross output"),
        ("employment_share", "employment"),
    ):
        if frame[column].notna().any():
            fig.add_bar(
                orientation="h", y=names, x=frame[column], name=name,
                hovertemplate="%{y}: %{x:.1f}%<extra>" + name + "</extra>",
            )  # fmt: skip
    gdp = frame[frame["official_base"] == "gdp"]
    if len(gdp):
        fig.add_scatter(
            x=gdp["official_value"],
            y=[f"{n}  " for n in gdp["label"]],
            mode="markers",
            marker={"symbol": "diamond", "size": 10, "color": "black"},
            name="official figure, % of GDP (nearest year)",
            hovertext=[html.escape(str(t)) for t in gdp["official"]],
            hoverinfo="text",
        )
    fig.update_layout(
        title=exposure.title,
        barmode="group",
        xaxis={"title": "percent of the economy (value added: % of GDP)"},
        yaxis={"autorange": "reversed"},
        height=max(400, 60 * len(frame) + 220),
        margin={"b": 170},
        annotations=[caption([*exposure.notes, *exposure.provenance.citation_lines()])],
        template="plotly_white",
    )
    return fig


def timeline_panels(timeline: object, split: int = 1978) -> go.Figure:
    """The timeline on a broken time axis: 1861 to ``split`` in a narrow left panel, the
    reform era to the horizon in a wide right one, so the crowded recent decades stay
    legible; one row per entry, coloured by family, diamonds on dated milestones.

    Parameters
    ----------
    timeline
        A :class:`pflab.policy.timeline.Timeline`.
    split
        The year where the axis breaks (the right panel starts two years earlier, so an
        entry crossing the break shows in both).
    """
    from plotly.subplots import make_subplots

    from pflab.policy.timeline import Timeline

    assert isinstance(timeline, Timeline)
    frame = timeline.frame
    rows, label = _row_labels(frame)
    first, horizon = timeline.first_year, timeline.horizon
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.3, 0.7],
        horizontal_spacing=0.015,
        subplot_titles=[f"{first}–{split}", f"{split}–{horizon}"],
    )
    for i, (_, part) in enumerate(frame.groupby("lane", sort=True)):
        bars = _lane_bars(part, i, label)
        for col in (1, 2):
            fig.add_bar(**bars, showlegend=col == 1, row=1, col=col)
    if len(timeline.milestones):
        stones = timeline.milestones[timeline.milestones["id"].isin(label)]
        for col in (1, 2):
            fig.add_scatter(
                **_milestone_markers(stones, label),
                legendgroup="milestone",
                showlegend=col == 1,
                row=1,
                col=col,
            )
    fig.update_xaxes(
        type="date", range=[f"{first - 3}-01-01", f"{split}-12-31"], dtick="M240",
        tickformat="%Y", title_text="year", row=1, col=1,
    )  # fmt: skip
    fig.update_xaxes(
        type="date", range=[f"{split - 2}-01-01", f"{horizon + 1}-12-31"], dtick="M60",
        tickformat="%Y", title_text="year", row=1, col=2,
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=rows)
    fig.update_layout(
        title=f"China's technology and industrial policy programmes, {first}–{horizon}",
        barmode="overlay",
        height=max(520, 26 * len(frame) + 330),
        legend={"orientation": "h", "x": 0, "y": -0.06, "yanchor": "top", "title": {"text": ""}},
        margin={"l": 20, "b": 220},
        annotations=[
            *fig.layout.annotations,
            caption(
                [
                    f"The time axis breaks at {split}: the left panel compresses {first}–"
                    f"{split}. Bars run from start (or announcement) to end; hatched bars are "
                    f"still in force or planned beyond {horizon}; diamonds mark milestones.",
                    *timeline.provenance.citation_lines(),
                ]
            ),
        ],
        template="plotly_white",
    )
    return fig
