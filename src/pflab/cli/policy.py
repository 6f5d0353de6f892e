"""``pflab policy``: the registry of China's technology and industrial policies.

``list`` filters the registry, ``show`` prints one entry, ``timeline`` lays it out from
1861 to 2024, ``weights`` gives a programme's share of each sector of a table,
``exposure`` measures the programmes in an input-output table and ``validate`` compares
the sector maps with the official aggregates. Each calls one library function and hands
the result to :func:`pflab.cli._common.emit`.
"""

from __future__ import annotations

from pathlib import Path

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    PLOT,
    OutputFormat,
    PflabTyper,
    check_out,
    check_plot,
    emit,
    split_list,
)

__all__ = ["policy_app"]

policy_app = PflabTyper(
    name="policy",
    help="China's technology and industrial policy programmes, 1861-2024, as data.",
    no_args_is_help=True,
)
app.add_typer(policy_app, name="policy")

_KINDS = "strategy, plan, programme, list, fund or institution"


@policy_app.command(
    "list",
    epilog="Example: pflab policy list --active-in 2015 --sector C26 --kind fund",
)
def list_(
    active_in: int | None = typer.Option(None, "--active-in", help="In force in this year."),
    sector: str | None = typer.Option(
        None, "--sector", help="Targets this ISIC Rev.4 code: C, 26, 2610 or C26."
    ),
    kind: str | None = typer.Option(None, "--kind", help=f"One of {_KINDS}."),
    family: str | None = typer.Option(None, "--family", help="One family (registry file)."),
    top: bool = typer.Option(False, "--top", help="Only entries without a parent."),
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """List registry entries, optionally filtered."""
    check_out(out)
    from pflab.policy import list_programmes

    result = list_programmes(active_in=active_in, sector=sector, kind=kind, family=family, top=top)
    emit(result, fmt, out=out)


@policy_app.command("show", epilog="Example: pflab policy show MIC2025 --format json")
def show(
    name: str = typer.Argument(..., help="Id, alias or name, e.g. MIC2025, 863, 新质生产力."),
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """Show one entry: names, dates, links, sectors, sector-map shares, targets with their
    outcomes, facts, documents and sources (CSV: the fields table; JSON and --out: all)."""
    check_out(out)
    from pflab.policy import show_programme

    emit(show_programme(name), fmt, out=out)


@policy_app.command("timeline", epilog="Example: pflab policy timeline --plot timeline.html")
def timeline(
    horizon: int = typer.Option(2024, "--horizon", help="Last year drawn."),
    children: bool = typer.Option(False, "--children", help="Also draw sub-entries."),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """The registry in time, by family, with links between successors (1861-2024)."""
    check_plot(plot)
    check_out(out)
    from pflab.policy import build_timeline

    result = build_timeline(horizon=horizon, children=children)

    def figure() -> object:
        from pflab.report.policy import timeline_figure

        return timeline_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)


@policy_app.command(
    "weights",
    epilog="Example: pflab policy weights SEI --year 2020 --sectors 42 --format csv",
)
def weights(
    programme: str = typer.Argument(..., help="Id, alias or name, e.g. SEI, future-industries."),
    economy: str = typer.Option("CHN", "--economy", help="Economy of the input-output table."),
    year: int = typer.Option(2020, "--year", "-y", help="Table year."),
    source: str = typer.Option("nbs", "--source", help="nbs (China's own tables), oecd or wiod."),
    sectors: int | None = typer.Option(
        None, "--sectors", help="Sector count when a year has several tables (e.g. 153 or 42)."
    ),
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """A programme's share of each sector of a table, with its low-high range and the basis
    of each share: the weights `pflab network --shock PROGRAMME:PCT` and `exposure` use."""
    check_out(out)
    from pflab.network import load_io
    from pflab.policy import programme_weights

    table = load_io(economy, year, source=source, sectors=sectors)
    emit(programme_weights(programme, table), fmt, out=out)


@policy_app.command("exposure", epilog="Example: pflab policy exposure CHN --year 2020")
def exposure(
    economy: str = typer.Argument("CHN", help="Economy of the input-output table."),
    year: int = typer.Option(2020, "--year", "-y", help="Table year."),
    source: str = typer.Option("nbs", "--source", help="nbs (China's own tables), oecd or wiod."),
    sectors: int | None = typer.Option(
        None, "--sectors", help="Sector count when a year has several tables (e.g. 153 or 42)."
    ),
    programmes: str | None = typer.Option(
        None,
        "--programmes",
        help="Comma-separated ids or aliases [default: every top-level entry with a sector map].",
    ),
    children: bool = typer.Option(False, "--children", help="Also each programme's sub-entries."),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Share of value added, gross output and employment and the Domar weight of each
    programme's activities in an input-output table, with the official figure beside it."""
    check_plot(plot)
    check_out(out)
    chosen = split_list(programmes, "programmes") or None
    from pflab.policy import economy_exposure

    result = economy_exposure(
        economy, year, source=source, sectors=sectors, programmes=chosen, children=children
    )

    def figure() -> object:
        from pflab.report.policy import exposure_figure

        return exposure_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)


@policy_app.command("validate", epilog="Example: pflab policy validate --format csv")
def validate(
    fmt: OutputFormat = FORMAT,
    out: Path | None = OUT,
) -> None:
    """The sector maps against every official aggregate found: strategic emerging
    industries, high-tech manufacturing, digital economy, patent-intensive industries."""
    check_out(out)
    from pflab.policy import validate_sector_maps

    emit(validate_sector_maps(), fmt, out=out)
