"""``pflab simulate``, ``pflab compare`` and ``pflab sensitivity``: the new-national-system
simulator from the command line."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import pandas as pd
import typer

from pflab.cli import app
from pflab.cli._common import OutputFormat, console, emit_records, render_table

if TYPE_CHECKING:
    from pflab.simulate import SimulationResult

# The simulator (and through it the network layer's analytics) is imported when a command
# runs, so that the rest of the command line starts without them.

__all__ = ["compare", "sensitivity_command", "simulate_command"]


class Backend(StrEnum):
    """Where chunks run."""

    local = "local"
    processes = "processes"
    dask = "dask"


class SensitivityMethod(StrEnum):
    """Sensitivity method."""

    sobol = "sobol"
    morris = "morris"
    prim = "prim"


_SCENARIOS = typer.Argument(
    ...,
    help="Built-in names (none, central, grants, guidance-funds, services-first) or "
    ".toml/.yaml scenario files.",
)


def _run_all(
    scenarios: list[str],
    draws: int,
    seed: int,
    backend: Backend,
    workers: int | None,
    scheduler: str | None,
    store: Path | None,
    chunk_size: int,
    fmt: OutputFormat,
) -> list[SimulationResult]:
    from pflab.simulate import simulate

    show = fmt is OutputFormat.table and console.is_terminal
    return [
        simulate(
            s,
            draws=draws,
            seed=seed,
            backend=backend.value,
            workers=workers,
            scheduler=scheduler,
            store=store,
            chunk_size=chunk_size,
            progress=show,
        )
        for s in scenarios
    ]


def _band(row: Mapping[Any, Any], metric: str, digits: int) -> str:
    return (
        f"{row[f'{metric}_p50']:.{digits}f} [{row[f'{metric}_p05']:.{digits}f}, "
        f"{row[f'{metric}_p95']:.{digits}f}]"
    )


def _headlines(results: list[SimulationResult]) -> pd.DataFrame:
    return pd.DataFrame([r.headline() for r in results])


def _notes(results: list[SimulationResult]) -> list[str]:
    first = results[0]
    return [
        "Median [5th, 95th percentile] over draws. Growth rates are average annual log "
        "growth over the window (e.g. 2024-2035 = 2023→2024 … 2034→2035), percent per year.",
        "'bought' = the scenario's path minus the same draw without the policy (same random "
        "numbers), percentage points per year.",
        f"{first.draws:,} draws per scenario, seed {first.seed}; sectors: "
        f"{first.labels.get('sectors', '')}; base year {first.scenario.base_year}.",
        *first.provenance.citation_lines(),
    ]


def _print_summary(results: list[SimulationResult], fmt: OutputFormat) -> None:
    frame = _headlines(results)
    if fmt is not OutputFormat.table:
        emit_records(frame, fmt)
        return
    shown = pd.DataFrame({"scenario": frame["scenario"]})
    w = str(frame["window"].iloc[0])
    shown["tfp"] = [_band(r, "tfp_growth", 2) for r in frame.to_dict("records")]
    shown["tfp_bought"] = [_band(r, "tfp_effect", 3) for r in frame.to_dict("records")]
    shown["gdp"] = [_band(r, "gdp_growth", 2) for r in frame.to_dict("records")]
    shown["gdp_bought"] = [_band(r, "gdp_effect", 3) for r in frame.to_dict("records")]
    columns = [
        ("scenario", "Scenario"),
        ("tfp", f"TFP growth {w}"),
        ("tfp_bought", "TFP growth bought"),
        ("gdp", f"GDP growth {w}"),
        ("gdp_bought", "GDP growth bought"),
    ]
    if "goal" in frame:
        shown["goal"] = [
            f"{r['goal_probability']:.2f} ({r['goal_probability_without_policy']:.2f})"
            for r in frame.to_dict("records")
        ]
        columns.append(("goal", f"P({frame['goal'].iloc[0]}) (without policy)"))
    if "manufacturing_share_p50" in frame:
        shown["manu"] = frame["manufacturing_share_p50"].astype(float)
        columns.append(("manu", f"Manufacturing % VA {w.split('-')[1]}"))
    render_table(shown, columns, title="What each scenario buys", notes=_notes(results))


def _plot(results: list[SimulationResult], plot: Path | None) -> None:
    if plot is None:
        return
    from pflab.report import write_html
    from pflab.report.simulate import fan_figure

    typer.echo(f"wrote {write_html(fan_figure(results), plot)}", err=True)


_DRAWS = typer.Option(10_000, "--draws", "-n", help="Monte Carlo draws per scenario.")
_SEED = typer.Option(
    0,
    "--seed",
    help="Seed; the same seed gives the same numbers (and common random numbers across scenarios).",
)
_BACKEND = typer.Option(Backend.local, "--backend", help="local, processes or dask.")
_WORKERS = typer.Option(None, "--workers", help="Worker processes [all cores].")
_SCHEDULER = typer.Option(
    None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."
)
_STORE = typer.Option(
    None, "--store", help="DuckDB file: commit each chunk, resume an interrupted run."
)
_CHUNK = typer.Option(4096, "--chunk-size", help="Draws per chunk.")
_FORMAT = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv, json.")
_PLOT = typer.Option(None, "--plot", help="Write fan charts to this .html file.")


@app.command("simulate")
def simulate_command(
    scenarios: list[str] = _SCENARIOS,
    draws: int = _DRAWS,
    seed: int = _SEED,
    backend: Backend = _BACKEND,
    workers: int | None = _WORKERS,
    scheduler: str | None = _SCHEDULER,
    store: Path | None = _STORE,
    chunk_size: int = _CHUNK,
    fmt: OutputFormat = _FORMAT,
    years: bool = typer.Option(False, "--years", help="Print every year's quantiles instead."),
    plot: Path | None = _PLOT,
) -> None:
    """Simulate scenarios: TFP and GDP to the horizon as probability distributions."""
    results = _run_all(scenarios, draws, seed, backend, workers, scheduler, store, chunk_size, fmt)
    if years:
        frame = pd.concat([r.to_frame() for r in results], ignore_index=True)
        if fmt is OutputFormat.table:
            part = frame[frame["metric"].isin(["tfp_growth", "gdp_growth", "gdp_per_capita"])]
            render_table(
                part,
                [
                    ("scenario", "Scenario"),
                    ("metric", "Metric"),
                    ("year", "Year"),
                    ("p05", "5%"),
                    ("p25", "25%"),
                    ("p50", "Median"),
                    ("p75", "75%"),
                    ("p95", "95%"),
                    ("unit", "Unit"),
                ],
                title="Quantiles by year",
                notes=_notes(results),
            )
        else:
            emit_records(frame, fmt)
    else:
        _print_summary(results, fmt)
    _plot(results, plot)


@app.command("compare")
def compare(
    scenarios: list[str] = _SCENARIOS,
    draws: int = _DRAWS,
    seed: int = _SEED,
    backend: Backend = _BACKEND,
    workers: int | None = _WORKERS,
    scheduler: str | None = _SCHEDULER,
    store: Path | None = _STORE,
    chunk_size: int = _CHUNK,
    fmt: OutputFormat = _FORMAT,
    plot: Path | None = _PLOT,
) -> None:
    """Put scenarios side by side: one column per scenario, with the difference from the
    first."""
    results = _run_all(scenarios, draws, seed, backend, workers, scheduler, store, chunk_size, fmt)
    frame = _headlines(results).set_index("scenario")
    keep = [c for c in frame.columns if c.endswith(("_p50", "_mean")) or c.startswith("goal_prob")]
    wide = frame[keep].T.astype(float)
    first = wide.columns[0]
    for name in wide.columns[1:]:
        wide[f"{name} − {first}"] = wide[name] - wide[first]
    wide.index.name = "metric"
    wide = wide.reset_index()
    if fmt is not OutputFormat.table:
        emit_records(wide, fmt)
    else:
        wide.columns = [str(c) for c in wide.columns]
        render_table(
            wide,
            [(c, c) for c in wide.columns],
            title=f"Scenarios side by side ({results[0].scenario.windows[0]}; % per year, "
            "probabilities as shares)",
            notes=_notes(results),
            number=lambda v: f"{v:.3f}",
        )
    _plot(results, plot)


@app.command("sensitivity")
def sensitivity_command(
    scenario: str = typer.Argument(..., help="Built-in name or scenario file."),
    output: str = typer.Option(
        "tfp_growth_2024_2035",
        "--output",
        "-o",
        help="Output to explain, e.g. tfp_growth_2024_2035, tfp_effect_2024_2035, "
        "gdp_per_capita_2035 or a goal name.",
    ),
    method: SensitivityMethod = typer.Option(
        SensitivityMethod.sobol, "--method", "-m", help="sobol, morris, or prim (discovery)."
    ),
    samples: int = typer.Option(
        256, "--samples", help="Sobol base sample (power of 2) or Morris trajectories."
    ),
    replications: int = typer.Option(4, "--replications", help="Noise paths per design row."),
    goal: str | None = typer.Option(None, "--goal", help="prim: the goal to explain."),
    above: float | None = typer.Option(None, "--above", help="prim: success = output above this."),
    draws: int = typer.Option(20_000, "--draws", help="prim: Monte Carlo draws."),
    seed: int = typer.Option(0, "--seed", help="Seed."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table, csv, json."
    ),
    plot: Path | None = typer.Option(None, "--plot", help="Write a bar chart to this .html file."),
) -> None:
    """Which assumptions decide an output (Sobol, Morris), or which parameter ranges lead
    to success (PRIM scenario discovery)."""
    if method is SensitivityMethod.prim:
        from pflab.simulate import discover

        box = discover(
            scenario,
            goal=goal,
            output=None if above is None else output,
            above=above,
            draws=draws,
            seed=seed,
        )
        if fmt is not OutputFormat.table:
            emit_records(box.to_frame(), fmt)
            return
        render_table(
            box.to_frame(),
            [
                ("parameter", "Parameter"),
                ("low", "Box low"),
                ("high", "Box high"),
                ("min", "Range min"),
                ("max", "Range max"),
            ],
            title=box.summary().splitlines()[0],
            number=lambda v: f"{v:.4g}",
            notes=[
                "PRIM peeling (Friedman and Fisher 1999): the densest box covering at least "
                "half of the successes."
            ],
        )
        return
    from pflab.simulate import sensitivity

    result = sensitivity(
        scenario,
        output,
        method=cast(Literal["sobol", "morris"], method.value),
        samples=samples,
        replications=replications,
        seed=seed,
    )
    if fmt is not OutputFormat.table:
        emit_records(result.to_frame(), fmt)
    else:
        cols = (
            [
                ("parameter", "Parameter"),
                ("distribution", "Distribution"),
                ("ST", "Total ST"),
                ("ST_conf", "±"),
                ("S1", "First-order S1"),
                ("S1_conf", "±"),
            ]
            if method is SensitivityMethod.sobol
            else [
                ("parameter", "Parameter"),
                ("distribution", "Distribution"),
                ("mu_star", "μ*"),
                ("mu_star_conf", "±"),
                ("sigma", "σ"),
            ]
        )
        render_table(
            result.to_frame(),
            cols,
            title=result.summary().splitlines()[0],
            notes=[
                result.provenance.description,
                "Most influential first. ± = 95% bootstrap half-width.",
            ],
            number=lambda v: f"{v:.3f}",
        )
    if plot is not None:
        from pflab.report import write_html
        from pflab.report.simulate import sensitivity_bars

        typer.echo(f"wrote {write_html(sensitivity_bars(result), plot)}", err=True)
