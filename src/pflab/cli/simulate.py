"""``pflab simulate``, ``pflab compare`` and ``pflab sensitivity``: the new-national-system
simulator from the command line (an adapter over :mod:`pflab.simulate`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    PLOT,
    OutputFormat,
    check_out,
    check_plot,
    console,
    emit,
    progress_callback,
    reject_options,
)
from pflab.simulate.names import BACKENDS, BASELINES, BUILTIN_SCENARIOS, SENSITIVITY_METHODS

__all__ = ["compare_command", "sensitivity_command", "simulate_command"]

# Choices derived once from the library's names (pflab.simulate.names loads no numpy).
Backend = StrEnum("Backend", {name: name for name in BACKENDS})  # type: ignore[misc]
Method = StrEnum("Method", {name: name for name in SENSITIVITY_METHODS})  # type: ignore[misc]
BaselineChoice = StrEnum("BaselineChoice", {name: name for name in BASELINES})  # type: ignore[misc]

_SCENARIOS = typer.Argument(
    ...,
    help=f"Built-in names ({', '.join(BUILTIN_SCENARIOS)}) or .toml/.yaml scenario files.",
)
_DRAWS = typer.Option(10_000, "--draws", "-n", help="Monte Carlo draws per scenario.")
_SEED = typer.Option(
    0,
    "--seed",
    help="Seed; the same seed gives the same numbers, and scenarios run together share "
    "their random numbers.",
)
_BACKEND = typer.Option("local", "--backend", help="local, processes or dask.")
_WORKERS = typer.Option(None, "--workers", help="Worker processes (processes, dask) [all cores].")
_SCHEDULER = typer.Option(
    None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."
)
_STORE = typer.Option(
    None, "--store", help="DuckDB file: commit each chunk; the same command again resumes."
)
_CHUNK = typer.Option(4096, "--chunk-size", help="Draws per chunk (part of a run's identity).")
_BASELINE = typer.Option(
    None,
    "--baseline",
    help="TFP trend for every scenario: consensus (IMF and Conference Board projections), "
    "pwt-trend (PWT 11.0, 2009-2023), adjusted (CIP 4.0, 2003-2017) or adjusted-pwt10 "
    "(PWT 10.01, 2005-2019) [the scenario's].",
)


def _run(
    function: Callable[..., Any],
    label: str,
    scenarios: list[str],
    options: dict[str, Any],
    store: Path | None,
    fmt: OutputFormat,
    plot: Path | None,
    out: Path | None,
) -> Any:
    """Check the options and output paths, then run ``function`` with a store (if any)
    and a progress bar; everything is checked before any computing."""
    check_plot(plot)
    check_out(out)
    backend = options["backend"]
    if backend != "dask":
        reject_options(["scheduler"], f"--backend {backend}")
    if backend == "local":
        reject_options(["workers"], "--backend local")
    if store is not None:
        from pflab.files import check_output_path

        check_output_path(store, "store", suffixes=(".duckdb", ".db"))
    show = fmt is OutputFormat.table and console.is_terminal
    with contextlib.ExitStack() as stack:
        sink = None
        if store is not None:
            from pflab.store import RunStore

            sink = stack.enter_context(RunStore(store))
        progress = stack.enter_context(progress_callback(label, show))
        return function(scenarios, store=sink, progress=progress, **options)


def _run_options(
    draws: int,
    seed: int,
    backend: str,
    workers: int | None,
    scheduler: str | None,
    chunk_size: int,
    baseline: str | None,
) -> dict[str, Any]:
    return {
        "draws": draws,
        "seed": seed,
        "backend": str(backend),
        "workers": workers,
        "scheduler": scheduler,
        "chunk_size": chunk_size,
        "baseline": None if baseline is None else str(baseline),
    }


def _fans(result: Any) -> Callable[[], Any]:
    def figure() -> Any:
        from pflab.report.simulate import fan_figure

        return fan_figure(result)

    return figure


@app.command(
    "simulate",
    epilog="Example: pflab simulate none central grants --draws 20000 --plot fans.html",
)
def simulate_command(
    scenarios: list[str] = _SCENARIOS,
    draws: int = _DRAWS,
    seed: int = _SEED,
    backend: Backend = _BACKEND,
    workers: int | None = _WORKERS,
    scheduler: str | None = _SCHEDULER,
    store: Path | None = _STORE,
    chunk_size: int = _CHUNK,
    baseline: BaselineChoice | None = _BASELINE,
    years: bool = typer.Option(False, "--years", help="Every year's quantiles instead."),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Simulate scenarios together: TFP and GDP to the horizon as distributions."""
    from pflab.simulate import simulate

    options = _run_options(draws, seed, backend, workers, scheduler, chunk_size, baseline)
    result = _run(simulate, "simulating (chunks)", scenarios, options, store, fmt, plot, out)
    emit(result.by_year() if years else result, fmt, out=out, plot=plot, figure=_fans(result))


@app.command(
    "compare",
    epilog="Example: pflab compare none central services-first --draws 20000 -f csv",
)
def compare_command(
    scenarios: list[str] = _SCENARIOS,
    draws: int = _DRAWS,
    seed: int = _SEED,
    backend: Backend = _BACKEND,
    workers: int | None = _WORKERS,
    scheduler: str | None = _SCHEDULER,
    store: Path | None = _STORE,
    chunk_size: int = _CHUNK,
    baseline: BaselineChoice | None = _BASELINE,
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Compare scenarios with the first: medians and bands of paired differences."""
    from pflab.simulate import compare

    options = _run_options(draws, seed, backend, workers, scheduler, chunk_size, baseline)
    result = _run(compare, "comparing (chunks)", scenarios, options, store, fmt, plot, out)
    emit(result, fmt, out=out, plot=plot, figure=_fans(result.results))


_PRIM_ONLY = ("goal", "above", "draws")
_INDEX_ONLY = ("samples", "replications")


@app.command(
    "sensitivity",
    epilog="Example: pflab sensitivity central --output tfp_effect_2024_2035 --samples 256",
)
def sensitivity_command(
    scenario: str = typer.Argument(..., help="Built-in name or scenario file."),
    output: str = typer.Option(
        "tfp_growth_2024_2035",
        "--output",
        "-o",
        help="Output to explain, e.g. tfp_growth_2024_2035, tfp_effect_2024_2035, "
        "gdp_per_capita_2035 or a goal name (prim: with --above).",
    ),
    method: Method = typer.Option("sobol", "--method", "-m", help="sobol, morris or prim."),
    samples: int = typer.Option(
        256, "--samples", help="Sobol base sample (power of 2) or Morris trajectories."
    ),
    replications: int = typer.Option(4, "--replications", help="Noise paths per design row."),
    goal: str | None = typer.Option(None, "--goal", help="prim: the goal to explain."),
    above: float | None = typer.Option(None, "--above", help="prim: success = output above this."),
    draws: int = typer.Option(20_000, "--draws", help="prim: Monte Carlo draws."),
    seed: int = typer.Option(0, "--seed", help="Seed of the design and the noise."),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Which assumptions decide an output (Sobol, Morris), or which parameter ranges lead
    to success (PRIM scenario discovery)."""
    check_plot(plot)
    check_out(out)
    chosen = str(method)
    if chosen == "prim":
        reject_options(_INDEX_ONLY, "--method prim")
        if above is None:
            reject_options(["output"], "--method prim without --above")
        from pflab.simulate import discover

        box = discover(
            scenario,
            goal=goal,
            output=None if above is None else output,
            above=above,
            draws=draws,
            seed=seed,
        )

        def prim_chart() -> Any:
            from pflab.report.simulate import prim_figure

            return prim_figure(box)

        emit(box, fmt, out=out, plot=plot, figure=prim_chart)
        return
    reject_options(_PRIM_ONLY, f"--method {chosen}")
    from pflab.simulate import sensitivity

    result = sensitivity(
        scenario,
        output,
        method=cast(Any, chosen),
        samples=samples,
        replications=replications,
        seed=seed,
    )

    def bars() -> Any:
        from pflab.report.simulate import sensitivity_bars

        return sensitivity_bars(result)

    emit(result, fmt, out=out, plot=plot, figure=bars)
