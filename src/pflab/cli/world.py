"""``pflab world``: an economy's share of world manufacturing value added or exports."""

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
    split_list,
)

__all__ = ["world"]


class Measure(StrEnum):
    """What the share is of."""

    mva = "mva"
    exports = "exports"


@app.command(
    epilog="Example: pflab world CHN --measure exports --product MA --years 2000-2018 "
    "--compare USA,DEU,JPN,KOR --plot exports.html"
)
def world(
    economy: str = typer.Argument(..., help="ISO code or name, e.g. CHN, China, HKG."),
    measure: Measure = typer.Option(
        Measure.mva,
        "--measure",
        "-m",
        help="mva: manufacturing value added, current US$ (World Bank WDI, 1960-2021); "
        "exports: merchandise exports of a WTO product group (1990, 1995, ..., 2015, 2018).",
    ),
    product: str | None = typer.Option(
        None,
        "--product",
        "-p",
        help="With --measure exports: WTO product group code or name, e.g. MA "
        "(Manufactures, the default), MAMTOF (office and telecom equipment), MAMTOTIC "
        "(integrated circuits), MACH (chemicals), MAMTAU (automotive products).",
    ),
    years: str | None = typer.Option(
        None, "--years", help="Years, e.g. 2000-2021, 2010, 2000,2010,2018 [default: all]."
    ),
    compare: str | None = typer.Option(
        None, "--compare", help="Also these economies, e.g. USA,DEU,JPN,KOR."
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Share of world manufacturing value added (WDI) or of world exports by WTO product
    group (percent), shown with no more digits than the data hold."""
    plot = check_plot(plot)
    out = check_out(out)
    # --product with --measure mva is rejected by world_share (before any computing)
    from pflab.world import world_share

    economies = [economy, *split_list(compare, "compare")]
    result = world_share(economies, measure.value, product=product, years=years)

    def figure() -> object:
        from pflab.report.world import world_share_figure

        return world_share_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)
