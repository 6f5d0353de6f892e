"""``pflab report``: the answers in one place, as a self-contained folder.

An adapter: it checks the output folder, builds the settings
(:class:`pflab.report.params.ReportParams`), calls :func:`pflab.report.build.build_report`
with a progress bar and prints what was written.
"""

from __future__ import annotations

from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import FORMAT, OutputFormat, check_out, emit, progress_callback, wrote

__all__ = ["report"]


@app.command(
    epilog="Examples: pflab report ; pflab report CHN --out chn-report ; "
    "pflab report China --peers JPN,KOR,USA,DEU --draws 5000 --seed 1"
)
def report(
    economy: str = typer.Argument("CHN", help="Economy: ISO code, name or alias."),
    out: Path = typer.Option(
        Path("pflab-report"), "--out", help="Folder to write index.html and data/ into."
    ),
    peers: str | None = typer.Option(None, "--peers", help="Peers, ISO codes: JPN,KOR,USA."),
    eras: str | None = typer.Option(
        None, "--eras", help="Eras, e.g. 1979-2007,2008-2017,2018-latest (default: standard)."
    ),
    method: str | None = typer.Option(None, "--method", help="Growth-accounting method."),
    vintage: str | None = typer.Option(None, "--vintage", help="PWT vintage: 11.0 or 10.01."),
    year: int | None = typer.Option(None, "--year", help="Input-output table year."),
    programme: str | None = typer.Option(None, "--programme", help="Programme id to focus on."),
    shock: float | None = typer.Option(None, "--shock", help="Productivity gain, percent."),
    scenarios: str | None = typer.Option(None, "--scenarios", help="Scenarios, comma-separated."),
    draws: int | None = typer.Option(None, "--draws", help="Monte Carlo draws per scenario."),
    sobol: int | None = typer.Option(None, "--sobol", help="Sobol base sample size N (2^k)."),
    origins: str | None = typer.Option(None, "--origins", help="Hindcast origin years."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed."),
    fmt: OutputFormat = FORMAT,
) -> None:
    """Write the pflab report: the claims, productivity, the strategy, spillovers and
    supply chains, scenarios, and the data and assumptions, with a CSV behind every chart."""
    check_out(out)
    from pflab.report.build import build_report
    from pflab.report.params import make_params

    params = make_params(
        economy=economy, peers=peers, eras=eras, method=method, vintage=vintage, year=year,
        programme=programme, shock=shock, scenarios=scenarios, draws=draws, sobol=sobol,
        origins=origins, seed=seed,
    )  # fmt: skip
    with progress_callback("Building the report") as progress:
        summary = build_report(params, out, progress=progress)
    emit(summary, fmt)
    wrote(summary.folder / "index.html")
