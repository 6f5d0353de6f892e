"""Figures for the simulator: fan charts of outcome distributions, sensitivity bars, the
PRIM peeling trajectory."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pflab.report.html import caption
from pflab.simulate.discovery import PrimBox
from pflab.simulate.hindcast import Backtest
from pflab.simulate.results import SimulationResult
from pflab.simulate.sensitivity_analysis import SensitivityResult

__all__ = [
    "COLOURS",
    "FAN_METRICS",
    "backtest_figure",
    "fan_figure",
    "prim_figure",
    "rgba",
    "sensitivity_bars",
]

#: Metrics shown by :func:`fan_figure`: (metric, panel title).
FAN_METRICS: tuple[tuple[str, str], ...] = (
    ("tfp_growth", "TFP growth, % per year"),
    ("tfp_effect", "TFP level gained from the policy, %"),
    ("gdp_growth", "GDP growth, % per year"),
    ("gdp_per_capita", "GDP per capita, 2021 US$"),
    ("manufacturing_share", "Manufacturing, % of value added"),
    ("gdp_effect", "GDP level gained from the policy, %"),
)

#: One colour per scenario, in run order (the report's figures share them).
COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d")


def rgba(hex_colour: str, alpha: float) -> str:
    """``#rrggbb`` with an opacity, as plotly's ``rgba(r,g,b,a)``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def fan_figure(result: SimulationResult) -> go.Figure:
    """Fan charts (5–95 % and 25–75 % bands, median line) for every scenario of a run.

    Parameters
    ----------
    result
        A simulation result; each of its scenarios gets its own colour in every panel.
    """
    fig = make_subplots(
        rows=3, cols=2, subplot_titles=[t for _, t in FAN_METRICS], vertical_spacing=0.09
    )
    for k, name in enumerate(result.names):
        colour = COLOURS[k % len(COLOURS)]
        for i, (metric, _) in enumerate(FAN_METRICS):
            fan = result.fan(metric, name)
            row, col = i // 2 + 1, i % 2 + 1
            x = list(fan.index)
            for lo, hi, alpha in (("p05", "p95", 0.15), ("p25", "p75", 0.3)):
                fig.add_scatter(
                    x=x + x[::-1],
                    y=list(fan[hi]) + list(fan[lo])[::-1],
                    fill="toself",
                    fillcolor=rgba(colour, alpha),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=name,
                    row=row,
                    col=col,
                )
            fig.add_scatter(
                x=x,
                y=fan["p50"],
                mode="lines",
                line={"color": colour, "width": 2},
                name=name,
                legendgroup=name,
                showlegend=i == 0,
                hovertemplate=f"{name}<br>%{{x}}: %{{y:.3g}} (median)<extra></extra>",
                row=row,
                col=col,
            )
    notes = [
        "Bands: 5–95% (light) and 25–75% (dark) of draws; line: median. "
        f"{result.draws:,} draws per scenario, seed {result.seed} (common random numbers).",
        f"Sectors: {result.labels.get('sectors', '')}; base year {result.scenario.base_year}.",
        *result.provenance.citation_lines(),
    ]
    fig.update_layout(
        title="Simulated outcomes by scenario (pflab simulate)",
        height=1000,
        margin={"b": 170},
        annotations=[*fig.layout.annotations, caption(notes)],
        template="plotly_white",
        legend={"orientation": "h", "y": 1.05},
    )
    fig.layout.annotations[-1].update(y=-0.1)
    return fig


def sensitivity_bars(result: SensitivityResult, top: int = 15) -> go.Figure:
    """Horizontal bars of total and first-order Sobol indices (or Morris μ*)."""
    table = result.table.head(top).iloc[::-1]
    fig = go.Figure()
    if result.method == "sobol":
        fig.add_bar(
            y=table["parameter"],
            x=table["ST"],
            orientation="h",
            name="total (ST)",
            error_x={"array": table["ST_conf"]},
            marker_color="#4c78a8",
        )
        fig.add_bar(
            y=table["parameter"],
            x=table["S1"],
            orientation="h",
            name="first order (S1)",
            error_x={"array": table["S1_conf"]},
            marker_color="#f58518",
        )
        xtitle = "Sobol index (share of output variance)"
    else:
        fig.add_bar(
            y=table["parameter"],
            x=table["mu_star"],
            orientation="h",
            name="μ*",
            error_x={"array": table["mu_star_conf"]},
            marker_color="#4c78a8",
        )
        xtitle = f"Morris μ* (units of {result.output})"
    fig.update_layout(
        title=f"What decides {result.output}? ({result.method}, {result.evaluations:,} runs)",
        xaxis_title=xtitle,
        barmode="group",
        template="plotly_white",
        height=max(400, 28 * len(table) + 150),
        margin={"l": 230, "b": 120},
        annotations=[caption([result.provenance.description])],
    )
    return fig


def prim_figure(box: PrimBox) -> go.Figure:
    """The PRIM peeling trajectory: density against coverage, the chosen box marked."""
    traj = box.trajectory
    fig = go.Figure()
    fig.add_scatter(
        x=traj["coverage"],
        y=traj["density"],
        mode="lines+markers",
        marker={
            "color": traj["mass"],
            "colorscale": "Viridis",
            "showscale": True,
            "colorbar": {"title": "mass"},
        },
        name="peeling steps",
        hovertemplate="coverage %{x:.2f}<br>density %{y:.2f}<extra></extra>",
    )
    fig.add_scatter(
        x=[box.coverage],
        y=[box.density],
        mode="markers",
        marker={"size": 14, "symbol": "star", "color": "#e45756"},
        name="reported box",
    )
    fig.update_layout(
        title=f"PRIM peeling trajectory: {box.target or 'success'}",
        xaxis_title="coverage (share of all successes inside the box)",
        yaxis_title="density (share of successes inside the box)",
        template="plotly_white",
        margin={"b": 120},
        annotations=[caption([*box.notes, *box.provenance.citation_lines()])],
    )
    return fig


def backtest_figure(result: Backtest) -> go.Figure:
    """Hindcast scores: the PIT histogram (flat if calibrated) and CRPS by origin."""
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=["PIT histogram (flat if the bands are calibrated)", "Mean CRPS by origin"],
    )
    for k, (variable, label) in enumerate(
        (("tfp_growth", "TFP growth"), ("gdp_growth", "GDP growth"))
    ):
        colour = COLOURS[k]
        fig.add_bar(
            x=result.pit["bin"],
            y=result.pit[variable],
            name=label,
            marker_color=colour,
            row=1,
            col=1,
        )
        part = result.by_origin[result.by_origin["variable"] == variable]
        fig.add_scatter(
            x=part["origin"],
            y=part["crps_model"],
            mode="lines+markers",
            name=f"{label}: model",
            line={"color": colour},
            row=1,
            col=2,
        )
        fig.add_scatter(
            x=part["origin"],
            y=part["crps_naive"],
            mode="lines+markers",
            name=f"{label}: naive",
            line={"color": colour, "dash": "dot"},
            row=1,
            col=2,
        )
    fig.update_xaxes(
        title_text="PIT bin (share of draws at or below the realised value)", row=1, col=1
    )
    fig.update_yaxes(title_text="realised annual values", row=1, col=1)
    fig.update_xaxes(title_text="origin year", row=1, col=2)
    fig.update_yaxes(title_text="CRPS, percentage points (lower is better)", row=1, col=2)
    fig.update_layout(
        title=result.title,
        template="plotly_white",
        barmode="group",
        margin={"b": 160},
        annotations=[
            *fig.layout.annotations,
            caption([*result.notes[:1], *result.provenance.citation_lines()[:1]]),
        ],
    )
    return fig
