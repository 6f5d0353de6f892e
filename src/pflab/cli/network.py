"""``pflab network``: where a sector sits in a production network, and what a
productivity gain there does to aggregate TFP and GDP.

An adapter: it parses options, rejects those that do not apply to the chosen mode,
checks output paths, then calls one library function (:func:`pflab.network.position`,
:func:`pflab.network.shock_analysis` or :func:`pflab.data.iotables.io_catalog`) and
hands the result to :func:`~pflab.cli._common.emit`. The library is imported inside the
command so that ``pflab --help`` starts fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

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
    explicit_options,
    flag_for,
    reject_options,
)
from pflab.errors import ParameterError

__all__ = ["ELASTICITIES", "network"]

# Defaults of the nested-CES elasticities, written here so that the command line starts
# without the analytics (a test pins them to pflab.network.DEFAULT_ELASTICITIES).
ELASTICITIES = {"theta": 0.9, "sigma": 0.5, "epsilon": 0.001}


class Sort(StrEnum):
    """Column that orders the sector table."""

    domar = "domar"
    upstreamness = "upstreamness"
    imports = "imports"
    multiplier = "multiplier"


class FactorMode(StrEnum):
    """Factor mobility in the nested-CES network."""

    mobile = "mobile"
    specific = "specific"


_SORT_COLUMN = {
    "domar": "domar_weight",
    "upstreamness": "upstreamness",
    "imports": "import_total",
    "multiplier": "output_multiplier",
}

#: Options of each mode (Python names), for rejecting those that do not apply.
_TABLE = ("economy", "year", "source", "sectors")
_POSITION = ("top", "sort", "wedge")
_SHOCK = ("theta", "sigma", "epsilon", "factors")

_EXAMPLES = """Examples:

  pflab network CHN --year 2020 --shock electronic-components:10

  pflab network CHN --year 2020 --shock SEI:10

  pflab network CHN --year 2018 --sectors 42 --top 10 --wedge 0.2 --plot net.html

  pflab network JPN --source oecd --year 2018 -f csv

  pflab network --list"""


@app.command(epilog=_EXAMPLES)
def network(
    economy: str = typer.Argument("CHN", help="ISO code or name, e.g. CHN, JPN, KOR."),
    year: int = typer.Option(2020, "--year", "-y", help="Table year."),
    source: str = typer.Option(
        "nbs", "--source", help="nbs (China's own tables), oecd (CHN, JPN) or wiod (11 economies)."
    ),
    sectors: int | None = typer.Option(
        None, "--sectors", help="Sector count when a year has several tables (e.g. 153 or 42)."
    ),
    top: int = typer.Option(15, "--top", help="Sectors to show in the position table."),
    sort: Sort = typer.Option(Sort.domar, "--sort", help="Order the position table by this."),
    shocks: list[str] | None = typer.Option(
        None,
        "--shock",
        help="SECTORS:PCT productivity gain; SECTORS are table codes (094,095), isic:CODE, "
        "a group (electronic-components, manufacturing, services, …) or a policy programme "
        "(SEI, MIC2025, future-industries, semiconductors, …: sector i gains PCT × its "
        "share s_i, see pflab policy weights). Repeatable.",
    ),
    theta: float = typer.Option(
        ELASTICITIES["theta"], "--theta", help="Final-demand elasticity (with --shock)."
    ),
    sigma: float = typer.Option(
        ELASTICITIES["sigma"],
        "--sigma",
        help="Elasticity between value added and intermediates (with --shock).",
    ),
    epsilon: float = typer.Option(
        ELASTICITIES["epsilon"], "--epsilon", help="Elasticity among intermediates (with --shock)."
    ),
    factors: FactorMode = typer.Option(
        FactorMode.mobile,
        "--factors",
        help="mobile (long run) or specific (short run) factors (with --shock).",
    ),
    wedge: float | None = typer.Option(
        None,
        "--wedge",
        help="Add Liu's distortion centrality for this uniform input wedge, e.g. 0.2.",
    ),
    list_tables: bool = typer.Option(False, "--list", help="List the embedded tables."),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Domar weights, upstreamness and import content of each sector; with --shock, the
    aggregate TFP and GDP response to sector productivity gains, first and second order,
    with the reasoning."""
    check_plot(plot)
    check_out(out)
    if list_tables:
        reject_options((*_TABLE, *_POSITION, *_SHOCK, "shocks", "plot"), "--list")
        from pflab.data.iotables import io_catalog

        emit(io_catalog(), fmt, out=out)
        return
    if shocks:
        reject_options(_POSITION, "--shock")
    else:
        given = sorted(explicit_options() & set(_SHOCK))
        if given:
            flags = ", ".join(flag_for(name) for name in given)
            verb = "applies" if len(given) == 1 else "apply"
            raise ParameterError("shocks", f"{flags} {verb} only with --shock")
        if top < 1:
            raise ParameterError("top", f"{top}; expected a positive number of sectors")
    from pflab.data.iotables import load_io

    table = load_io(economy, year, source=source, sectors=sectors)
    if shocks:
        from pflab.network import shock_analysis
        from pflab.policy import programme_shocks

        analysis = shock_analysis(
            table,
            programme_shocks(shocks, table),
            theta=theta,
            sigma=sigma,
            epsilon=epsilon,
            factors=factors.value,
        )

        def shock_chart() -> object:
            from pflab.report.network import shock_figure

            return shock_figure(analysis)

        emit(analysis, fmt, out=out, plot=plot, figure=shock_chart)
        return
    from pflab.network import position

    result = position(table, wedge=wedge)
    column = _SORT_COLUMN[sort.value]
    if column not in result.frame.columns:
        raise ParameterError("sort", f"{sort.value}: {table.label} has no imported block")

    def position_chart() -> object:
        from pflab.report.network import position_figure

        return position_figure(result)

    emit(result.ranked(column, top), fmt, out=out, plot=plot, figure=position_chart)
