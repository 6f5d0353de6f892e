"""``pflab tfp``: growth accounting by era, method and vintage."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pandas as pd
import typer

from pflab.accounting import (
    METHODS,
    EraTable,
    SensitivityTable,
    get_method,
    growth_accounting,
    parse_eras,
    sensitivity,
)
from pflab.cli import app
from pflab.cli._common import OutputFormat, console, emit_records, render_table, split_list
from pflab.data import load_pwt, read_pwt

__all__ = ["tfp"]

_ERA_COLUMNS = [
    ("economy", "Economy"),
    ("era", "Era"),
    ("covered", "Data years"),
    ("gdp", "GDP"),
    ("capital", "Capital"),
    ("employment", "Employment"),
    ("hours", "Hours"),
    ("human_capital", "Human cap."),
    ("tfp", "TFP"),
    ("rtfpna", "PWT rtfpna"),
]

_CSV_COLUMNS = [
    "economy", "country", "era", "first_year", "last_year", "years", "gdp", "capital",
    "employment", "hours", "human_capital", "tfp", "rtfpna", "method", "method_label",
    "vintage", "source",
]  # fmt: skip


class Capital(StrEnum):
    """Capital measure."""

    services = "services"
    stock = "stock"


@app.command()
def tfp(
    economy: str = typer.Argument(..., help="ISO code or name, e.g. CHN, China, PRC."),
    eras: str | None = typer.Option(
        None,
        "--eras",
        help="Comma-separated eras, e.g. 1979-2007,2008-2017,2018-latest "
        "[default: 1952-1977,1978-2007,2008-2017,2018-latest].",
    ),
    method: str = typer.Option(
        "pwt", "--method", "-m", help=f"Method preset: {', '.join(METHODS)}."
    ),
    vintage: str = typer.Option("11.0", "--vintage", help="Embedded PWT vintage: 11.0 or 10.01."),
    data: Path | None = typer.Option(
        None, "--data", help="Read this PWT file (.dta, .xlsx, .csv) instead of the embedded one."
    ),
    capital: Capital | None = typer.Option(None, "--capital", help="Override: capital measure."),
    capital_share: float | None = typer.Option(
        None, "--capital-share", help="Override: fixed capital share (0-1) instead of labsh."
    ),
    hours: bool | None = typer.Option(
        None, "--hours/--no-hours", help="Override: include average hours worked."
    ),
    human_capital: bool | None = typer.Option(
        None, "--hc/--no-hc", help="Override: include the human-capital index."
    ),
    compare: str | None = typer.Option(
        None, "--compare", help="Also measure these economies, e.g. JPN,KOR,USA."
    ),
    show_sensitivity: bool = typer.Option(
        False, "--sensitivity", help="TFP by era for every method × vintage, with the band."
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="table, or machine-readable csv / json."
    ),
    plot: Path | None = typer.Option(
        None, "--plot", help="Write a chart to this .html file (works offline)."
    ),
) -> None:
    """Measure TFP growth by era: output growth split into capital, labour, hours,
    human capital and TFP (percent per year)."""
    economies = [economy, *split_list(compare, "--compare")]
    era_list = parse_eras(eras)
    if show_sensitivity:
        bands = [sensitivity(e, era_list) for e in economies]
        _print_sensitivity(bands, fmt)
        if plot is not None:
            from pflab.report import sensitivity_figure, write_html

            for i, band in enumerate(bands):
                target = plot if i == 0 else plot.with_stem(f"{plot.stem}-{band.economy}")
                _wrote(write_html(sensitivity_figure(band), target))
        return

    pwt = read_pwt(data) if data is not None else load_pwt(vintage)
    chosen = get_method(
        method,
        capital=None if capital is None else capital.value,
        capital_share=capital_share,
        hours=hours,
        human_capital=human_capital,
    )
    results = [growth_accounting(e, method=chosen, data=pwt) for e in economies]
    table = EraTable.concat(r.eras(era_list) for r in results)
    if fmt is OutputFormat.table:
        shown = table.to_frame()
        shown["covered"] = [
            "none" if n == 0 else f"{a}–{b} ({n})"
            for a, b, n in zip(shown["first_year"], shown["last_year"], shown["years"], strict=True)
        ]
        columns = _ERA_COLUMNS if len(economies) > 1 else _ERA_COLUMNS[1:]
        render_table(
            shown,
            columns,
            title=f"Sources of GDP growth of {', '.join(r.country for r in results)}, percent "
            f"per year (method {table.provenance.method}, PWT {pwt.version})",
            notes=table.notes(),
        )
    else:
        emit_records(table.frame[_CSV_COLUMNS], fmt)
    if plot is not None:
        from pflab.report import era_contributions_figure, write_html

        _wrote(write_html(era_contributions_figure(table), plot))


def _wrote(path: Path) -> None:
    typer.echo(f"wrote {path}", err=True)


def _print_sensitivity(tables: list[SensitivityTable], fmt: OutputFormat) -> None:
    if fmt is not OutputFormat.table:
        emit_records(pd.concat([t.frame for t in tables], ignore_index=True), fmt)
        return
    for table in tables:
        wide = table.pivot().reset_index()
        eras = [c for c in wide.columns if c not in ("vintage", "method")]
        columns = [("vintage", "PWT"), ("method", "Method"), *((str(e), str(e)) for e in eras)]
        wide.columns = [str(c) for c in wide.columns]
        render_table(
            wide,
            columns,
            title=f"TFP growth of {table.country} ({table.economy}) by method and vintage, "
            "percent per year",
        )
        band = table.band().reset_index()
        render_table(
            band,
            [
                ("era", "Era"),
                ("min", "Lowest"),
                ("min_by", "from"),
                ("max", "Highest"),
                ("max_by", "from"),
                ("range", "Range (pp)"),
                ("pwt", "pwt, newest"),
            ],
            title="Band: how much the answer depends on method and data",
            notes=table.notes(),
        )
        console.print()
