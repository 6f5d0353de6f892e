"""Figures for the simulator: fan charts of outcome distributions and sensitivity bars."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pflab.report.html import caption
from pflab.simulate.results import SimulationResult
from pflab.simulate.sensitivity import SensitivityResult

__all__ = ["FAN_METRICS", "fan_figure", "sensitivity_bars"]

#: Metrics shown by :func:`fan_figure`: (metric, panel title).
FAN_METRICS: tuple[tuple[str, str], ...] = (
    ("tfp_growth", "TFP growth, % per year"),
    ("tfp_effect", "TFP level gained from the policy, %"),
    ("gdp_growth", "GDP growth, % per year"),
    ("gdp_per_capita", "GDP per capita, 2021 US$"),
    ("manufacturing_share", "Manufacturing, % of value added"),
    ("gdp_effect", "GDP level gained from the policy, %"),
)

_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d")


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def fan_figure(results: Sequence[SimulationResult]) -> go.Figure:
    """Fan charts (5–95 % and 25–75 % bands, median line) for one or more scenarios.

    Parameters
    ----------
    results
        Simulation results; each scenario gets its own colour in every panel.
    """
    fig = make_subplots(
        rows=3, cols=2, subplot_titles=[t for _, t in FAN_METRICS], vertical_spacing=0.09
    )
    for k, result in enumerate(results):
        colour = _COLOURS[k % len(_COLOURS)]
        for i, (metric, _) in enumerate(FAN_METRICS):
            fan = result.fan(metric)
            row, col = i // 2 + 1, i % 2 + 1
            x = list(fan.index)
            for lo, hi, alpha in (("p05", "p95", 0.15), ("p25", "p75", 0.3)):
                fig.add_scatter(
                    x=x + x[::-1],
                    y=list(fan[hi]) + list(fan[lo])[::-1],
                    fill="toself",
                    fillcolor=_rgba(colour, alpha),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=result.name,
                    row=row,
                    col=col,
                )
            fig.add_scatter(
                x=x,
                y=fan["p50"],
                mode="lines",
                line={"color": colour, "width": 2},
                name=result.name,
                legendgroup=result.name,
                showlegend=i == 0,
                hovertemplate=f"{result.name}<br>%{{x}}: %{{y:.3g}} (median)<extra></extra>",
                row=row,
                col=col,
            )
    first = results[0]
    notes = [
        "Bands: 5–95% (light) and 25–75% (dark) of draws; line: median. "
        + ", ".join(f"{r.name}: {r.draws:,} draws, seed {r.seed}" for r in results),
        f"Sectors: {first.labels.get('sectors', '')}; base year {first.scenario.base_year}.",
        *first.provenance.citation_lines(),
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
