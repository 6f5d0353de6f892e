"""Scenarios: fan charts to 2050 and goal probabilities, Sobol indices, the hindcast.

The simulator's computations are long, so the web app runs them as background jobs
(``background=True``) in the process that owns the store; the report runs them inline
with the report's draws, Sobol sample size and hindcast origins. The fan charts put each
scenario in its own panel, so no band hides another.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["BACKTEST", "FAN_METRICS", "SIMULATION", "SOBOL"]

#: Metrics of the fan charts: (metric, row title with units).
FAN_METRICS = (
    ("tfp_growth", "TFP growth, % per year"),
    ("tfp_effect", "TFP gained from the policy, %"),
    ("gdp_per_capita", "GDP per head, 2021 US$"),
)

#: The output whose Sobol indices the report shows: what the policy buys by 2035.
SOBOL_OUTPUT = "tfp_effect_2024_2035"

#: Replications (noise paths) averaged per Sobol design row in the report.
SOBOL_REPLICATIONS = 2


@contextmanager
def _store(context: RunContext) -> Iterator[Any]:
    """The run store in the context's folder (``None`` without one); closed after."""
    if context.store is None:
        yield None
        return
    from pflab.store import RunStore

    store = RunStore(context.store / "runs.duckdb")
    try:
        yield store
    finally:
        store.close()


def _simulate(params: ReportParams, context: RunContext) -> Result:
    from pflab.simulate import simulate

    with _store(context) as store:
        return simulate(
            params.scenario_list,
            draws=params.draws,
            seed=params.seed,
            store=store,
            progress=context.progress,
        )


def fan_panels(result: Any) -> Any:
    """One panel per scenario (columns) and metric (rows), shared y axis per row."""
    from plotly.subplots import make_subplots

    from pflab.report.simulate import COLOURS, rgba

    names = list(result.names)
    fig = make_subplots(
        rows=len(FAN_METRICS),
        cols=len(names),
        shared_yaxes="rows",
        shared_xaxes=True,
        horizontal_spacing=0.02,
        vertical_spacing=0.08,
        column_titles=names,
    )
    for col, name in enumerate(names, start=1):
        colour = COLOURS[(col - 1) % len(COLOURS)]
        for row, (metric, _) in enumerate(FAN_METRICS, start=1):
            fan = result.fan(metric, name)
            x = [int(v) for v in fan.index]
            for lo, hi, alpha, label in (
                ("p05", "p95", 0.18, "5–95 %"),
                ("p25", "p75", 0.4, "25–75 %"),
            ):
                fig.add_scatter(
                    x=x + x[::-1],
                    y=list(fan[hi]) + list(fan[lo])[::-1],
                    fill="toself",
                    fillcolor=rgba(colour, alpha),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{label} of draws",
                    showlegend=col == 1 and row == 1,
                    legendgroup=label,
                    row=row,
                    col=col,
                )
            fig.add_scatter(
                x=x,
                y=list(fan["p50"]),
                mode="lines",
                line={"color": colour, "width": 2},
                name="median",
                showlegend=col == 1 and row == 1,
                legendgroup="median",
                hovertemplate=f"{name}<br>%{{x}}: %{{y:.3g}} (median)<extra></extra>",
                row=row,
                col=col,
            )
    for row, (_, title) in enumerate(FAN_METRICS, start=1):
        fig.update_yaxes(title_text=title, row=row, col=1)
    for col in range(1, len(names) + 1):
        fig.update_xaxes(title_text="year", row=len(FAN_METRICS), col=col)
    fig.update_layout(
        title=f"Simulated TFP growth, TFP gained and GDP per head to {int(x[-1])}, "
        "one panel per scenario",
        height=280 * len(FAN_METRICS) + 160,
        margin={"t": 90},
        legend={"orientation": "h", "y": 0.99, "yanchor": "top", "x": 0, "yref": "container"},
        template="plotly_white",
    )
    return fig


def goals_figure(result: Any) -> Any:
    """Probability of each goal by scenario, with ±1.96 Monte Carlo standard errors."""
    import plotly.graph_objects as go

    from pflab.report.simulate import COLOURS

    goals = result.goals
    fig = go.Figure()
    for k, (goal, part) in enumerate(goals.groupby("goal", sort=False)):
        fig.add_bar(
            x=part["scenario"],
            y=part["probability"],
            error_y={"type": "data", "array": 1.96 * part["se"]},
            name=str(goal),
            marker_color=COLOURS[k % len(COLOURS)],
            hovertemplate="%{x}: %{y:.3f}<extra>" + str(goal) + "</extra>",
        )
    fig.update_layout(
        title="Probability of reaching each goal, by scenario: "
        + "; ".join(str(g) for g in dict.fromkeys(goals["goal"])),
        showlegend=True,
        barmode="group",
        xaxis_title="scenario",
        yaxis={"title": "probability (share of draws)", "range": [0, 1]},
        legend={"orientation": "h", "y": 1.1, "x": 0},
        template="plotly_white",
    )
    return fig


def _simulation_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.simulate import SimulationResult

    assert isinstance(result, SimulationResult)
    charts = [
        chart(
            "simulate-fans",
            fan_panels(result),
            result,
            table="yearly",
            units="TFP growth in % per year; TFP gained in % of the no-policy level; "
            "GDP per head in 2021 US$ (PWT units)",
        )
    ]
    if len(result.goals):
        charts.append(
            chart(
                "simulate-goals",
                goals_figure(result),
                result,
                table="goals",
                units="probability (share of draws); whiskers ±1.96 Monte Carlo standard errors",
            )
        )
    return tuple(charts)


def _focus(params: ReportParams) -> str:
    """The scenario the Sobol indices are computed for: central if asked, else the first
    scenario with a policy, else the first."""
    names = params.scenario_list
    if "central" in names:
        return "central"
    return next((n for n in names if n != "none"), names[0])


def _sobol(params: ReportParams, context: RunContext) -> Result:
    from pflab.simulate import sensitivity

    return sensitivity(
        _focus(params),
        SOBOL_OUTPUT,
        samples=params.sobol,
        replications=SOBOL_REPLICATIONS,
        seed=params.seed,
    )


def _sobol_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.report.simulate import sensitivity_bars
    from pflab.simulate import SensitivityResult

    assert isinstance(result, SensitivityResult)
    return (
        chart(
            "simulate-sobol",
            sensitivity_bars(result),
            result,
            table="indices",
            units="Sobol index: share of the output's variance (bars: 95 % intervals)",
        ),
    )


def _backtest(params: ReportParams, context: RunContext) -> Result:
    from pflab.simulate import backtest

    return backtest("none", params.origin_list, draws=params.draws, seed=params.seed)


def _backtest_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.report.simulate import backtest_figure
    from pflab.simulate import Backtest

    assert isinstance(result, Backtest)
    return (
        chart(
            "simulate-backtest",
            backtest_figure(result),
            result,
            table="by_origin",
            units="PIT: count of realised years per bin; CRPS in percentage points",
        ),
    )


#: The simulator on the result protocol, with its hindcast (issue 9 and 11).
_SIMULATOR = Requirement("pflab.simulate", "backtest", "the simulator on the result protocol")

SIMULATION = Computation(
    key="simulate/scenarios",
    heading="Fan charts to 2050 and the probability of each goal",
    fields=("scenarios", "draws", "seed"),
    run=_simulate,
    charts=_simulation_charts,
    requires=(
        Requirement("pflab.simulate", "compare", "scenario comparison on the result protocol"),
    ),
    background=True,
    description="Monte Carlo projections of TFP, GDP and GDP per head under each scenario "
    "(common random numbers, so differences between scenarios are paired).",
)

SOBOL = Computation(
    key="simulate/sensitivity",
    heading="Which assumptions decide what the policy buys by 2035",
    fields=("scenarios", "sobol", "seed"),
    run=_sobol,
    charts=_sobol_charts,
    requires=(_SIMULATOR,),
    background=True,
    description=f"Sobol indices of the TFP gained from the policy 2024-2035 ({SOBOL_OUTPUT}) "
    f"in the central scenario (base "
    f"sample N, {SOBOL_REPLICATIONS} noise paths per design row).",
)  # fmt: skip

BACKTEST = Computation(
    key="simulate/backtest",
    heading="The hindcast: would the model have covered what happened?",
    fields=("origins", "draws", "seed"),
    run=_backtest,
    charts=_backtest_charts,
    requires=(_SIMULATOR,),
    background=True,
    description="The no-policy baseline simulated from past origins and scored against "
    "realised TFP and GDP growth (coverage, CRPS against a naive forecast, PIT).",
)
