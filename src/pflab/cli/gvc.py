"""``pflab gvc``: where the value added in an economy's exports comes from and goes to
(world input–output tables, WIOD 2013 embedded for 1995–2011)."""

from __future__ import annotations

from enum import StrEnum
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
    current_context,
    emit,
    explicit_options,
    progress_callback,
    reject_options,
    split_list,
)
from pflab.errors import ParameterError

__all__ = ["gvc"]


class Method(StrEnum):
    """Decomposition of gross exports."""

    hiy = "hiy"
    kww = "kww"
    wwz = "wwz"
    borin_mancini = "borin-mancini"


@app.command(
    epilog="Example: pflab gvc CHN --year 2011 --sector c14   |   "
    "pflab gvc CHN --sector c14 --years 1995-2011 --plot fva.html   |   "
    "pflab gvc CHN --method wwz --partner JPN   |   "
    "pflab gvc CHN --years 1995-2011 --compare JPN,KOR,TWN,DEU,USA"
)
def gvc(
    economy: str = typer.Argument("CHN", help="Exporter: a region code or name, e.g. CHN."),
    year: int = typer.Option(2011, "--year", "-y", help="Table year (WIOD 2013: 1995-2011)."),
    sector: str | None = typer.Option(
        None,
        "--sector",
        help="Exporting sectors: codes (c14), ISIC Rev.4 codes (26) or groups "
        "(electronics, manufacturing); comma-separated. Default: all.",
    ),
    partner: str | None = typer.Option(
        None, "--partner", help="Only the exports to this importer, e.g. JPN."
    ),
    method: Method = typer.Option(
        Method.hiy,
        "--method",
        "-m",
        help="hiy: value-added origin by source country (Leontief, HIY, DVX, VAX); "
        "kww: Koopman-Wang-Wei 9 terms; wwz: Wang-Wei-Zhu 16 terms; "
        "borin-mancini: source- and sink-based.",
    ),
    years: str | None = typer.Option(
        None, "--years", help="The path year by year instead of one year, e.g. 1995-2011."
    ),
    compare: str | None = typer.Option(
        None,
        "--compare",
        help="With --years: also these economies (localisation and export dependence), "
        "e.g. JPN,KOR,TWN,DEU,USA.",
    ),
    data: Path | None = typer.Option(
        None,
        "--data",
        help="Read this world table instead of the embedded WIOD 2013 one: WIOD 2013 "
        "(.RData), WIOD 2016 (.RData or .csv) or OECD ICIO (.csv).",
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Value added in gross exports: domestic and foreign (by source country), and the
    WWZ, KWW and Borin-Mancini decompositions, for one year or 1995-2011."""
    check_plot(plot)
    check_out(out)
    ctx = current_context()
    given = explicit_options(ctx)
    if compare is not None and years is None:
        raise ParameterError("compare", "needs --years (a path over years)")
    if years is not None:
        reject_options(["year", "data"], "--years", ctx)
        if compare is not None:
            reject_options(["method", "partner"], "--compare", ctx)
    show = fmt is OutputFormat.table
    figure: Any
    if years is not None and compare is not None:
        from pflab.gvc import localisation
        from pflab.report.gvc import localisation_figure

        economies = [economy, *split_list(compare, "compare")]
        with progress_callback("Years", show) as progress:
            result: Any = localisation(
                economies, years=years, sector=sector or "c14", progress=progress
            )

        def figure() -> Any:
            return localisation_figure(result)

    elif years is not None:
        from pflab.gvc import path
        from pflab.report.gvc import path_figure

        with progress_callback("Years", show) as progress:
            result = path(
                economy,
                years=years,
                method=method.value,
                sectors=sector,
                partner=partner,
                progress=progress,
            )

        def figure() -> Any:
            return path_figure(result)

    else:
        table: Any = year
        if data is not None:
            from pflab.gvc import read_world_table

            if "year" in given:
                raise ParameterError("year", "comes from the --data file; leave it out")
            table = read_world_table(data)
        if method is Method.hiy:
            from pflab.gvc import value_added_origin
            from pflab.report.gvc import origin_figure

            result = value_added_origin(table, economy, sectors=sector, partner=partner)

            def figure() -> Any:
                return origin_figure(result)

        else:
            from pflab.gvc import decompose
            from pflab.report.gvc import partner_figure

            with progress_callback("Decomposing", show) as progress:
                result = decompose(
                    table,
                    method.value,
                    exporters=economy,
                    sectors=sector,
                    partners=partner,
                    progress=progress,
                )

            def figure() -> Any:
                return partner_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)
