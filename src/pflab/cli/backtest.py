"""``pflab backtest``: hindcast a scenario's baseline from past origins and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    PLOT,
    OutputFormat,
    check_out,
    check_plot,
    emit,
    split_list,
)
from pflab.errors import ParameterError

__all__ = ["backtest_command"]

_ORIGINS = "1995,2000,2005,2008,2012"


@app.command(
    "backtest",
    epilog="Example: pflab backtest none --origins 1995,2000,2005,2008,2012 --format json",
)
def backtest_command(
    scenario: str = typer.Argument("none", help="Built-in name or scenario file."),
    origins: str = typer.Option(
        _ORIGINS, "--origins", help="Comma-separated origin years (1995 on)."
    ),
    draws: int = typer.Option(2000, "--draws", "-n", help="Monte Carlo draws per origin."),
    seed: int = typer.Option(0, "--seed", help="Seed."),
    volatility: str = typer.Option(
        "origin",
        "--volatility",
        help="origin: noise and trend uncertainty calibrated on the 15 years to each origin; "
        "scenario: the scenario's own (calibrated on 2008-2023).",
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Calibrate on data up to each origin, simulate to the last PWT year, and score the
    realised TFP and GDP growth: band coverage, CRPS against a naive forecast, PIT."""
    check_plot(plot)
    check_out(out)
    years = []
    for item in split_list(origins, "origins"):
        if not item.isdigit():
            raise ParameterError("origins", f"{item!r} is not a year; expected e.g. {_ORIGINS}")
        years.append(int(item))
    from pflab.simulate import backtest

    result = backtest(scenario, years, draws=draws, seed=seed, volatility=volatility)

    def figure() -> Any:
        from pflab.report.simulate import backtest_figure

        return backtest_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)
