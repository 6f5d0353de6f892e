"""``pflab tfp``: growth accounting by era, method and data vintage.

An adapter: it parses options, checks output paths, calls :mod:`pflab.accounting` and
hands the one result to :func:`pflab.cli._common.emit`. Two modes:

- default: an :class:`~pflab.accounting.EraTable` of every economy asked for (``--compare``
  stacks them into one table, so CSV and JSON have one shape);
- ``--sensitivity``: one :class:`~pflab.accounting.SensitivityTable` over every method ×
  data series (several economies stacked); the method and data options do not apply.
- ``--vintage cip4``: China's aggregate from CIP 4.0
  (:class:`~pflab.accounting.cip_aggregate.CIPAggregate`), beside PWT 11.0;
- ``--by-industry``: CIP 4.0's industries, groups and reallocation terms adding up to
  the aggregate (:class:`~pflab.accounting.aggregate_industries.IndustryAggregation`),
  ``--basis va|go``.
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
    reject_options,
    split_list,
)

__all__ = ["tfp"]

#: The method presets of :data:`pflab.accounting.METHODS` (a test keeps this list equal).
METHOD_NAMES = ("pwt", "fixed-share", "bosworth-collins", "stock", "persons", "raw-labour")

#: Options of the single-method mode, which ``--sensitivity`` does not take.
_METHOD_OPTIONS = (
    "method",
    "vintage",
    "data",
    "capital",
    "capital_share",
    "hours",
    "human_capital",
)


#: Options that do not apply to CIP 4.0 (``--vintage cip4``, ``--by-industry``).
_NOT_CIP = (*_METHOD_OPTIONS[2:], "method", "compare", "sensitivity")


class Capital(StrEnum):
    """Capital measure."""

    services = "services"
    stock = "stock"


class Basis(StrEnum):
    """Basis of industry TFP in ``--by-industry``."""

    va = "va"
    go = "go"


@app.command(
    epilog="Examples: pflab tfp CHN --eras 1979-2007,2008-2017,2018-latest --compare JPN,USA ; "
    "pflab tfp CHN --sensitivity -f csv ; "
    "pflab tfp CHN --vintage cip4 --eras 1988-2007,2008-2017 ; "
    "pflab tfp CHN --by-industry --basis go --plot groups.html"
)
def tfp(
    economy: str = typer.Argument(..., help="ISO code or name, e.g. CHN, China, PRC."),
    eras: str | None = typer.Option(
        None,
        "--eras",
        help="Comma-separated eras, e.g. 1979-2007,2008-2017,2018-latest "
        "[default: 1952-1977,1978-2007,2008-2017,2018-latest].",
    ),
    method: str = typer.Option(
        "pwt", "--method", "-m", help=f"Method preset: {', '.join(METHOD_NAMES)}."
    ),
    vintage: str = typer.Option(
        "11.0",
        "--vintage",
        help="Embedded PWT vintage: 11.0 or 10.01; or cip4 for China's aggregate from CIP 4.0 "
        "(1988-2017, value-added basis).",
    ),
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
    sensitivity: bool = typer.Option(
        False,
        "--sensitivity",
        help="TFP by era for every method × data series, with the band over equal windows "
        "(takes none of the method or data options).",
    ),
    by_industry: bool = typer.Option(
        False,
        "--by-industry",
        help="China from CIP 4.0's 37 industries: contributions by industry group, "
        "reallocation of capital and labour, and Hulten's Domar-weighted sum, by era.",
    ),
    basis: Basis = typer.Option(
        Basis.va,
        "--basis",
        help="With --by-industry: va (value-added TFP, value-added weights) or go "
        "(gross-output TFP, Domar weights).",
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """Measure TFP growth by era: output growth split into capital, labour, hours,
    human capital and TFP (percent per year)."""
    check_plot(plot)
    check_out(out)
    if by_industry or vintage.strip().lower() == "cip4":
        _cip(economy, eras, by_industry, basis, vintage, fmt, plot, out)
        return
    _basis_needs_by_industry()
    economies = [economy, *split_list(compare, "compare")]
    if sensitivity:
        reject_options(_METHOD_OPTIONS, "--sensitivity")
    elif data is not None:
        reject_options(("vintage",), "--data")

    from pflab.accounting import parse_eras

    era_list = parse_eras(eras)
    if sensitivity:
        from pflab.accounting import SensitivityTable
        from pflab.accounting import sensitivity as measure

        bands = SensitivityTable.concat(measure(e, era_list) for e in economies)

        def band_figure() -> object:
            from pflab.report import sensitivity_figure

            return sensitivity_figure(bands)

        emit(bands, fmt, out=out, plot=plot, figure=band_figure)
        return

    from pflab.accounting import EraTable, get_method, growth_accounting
    from pflab.data import load_pwt, read_pwt

    chosen = get_method(
        method,
        capital=None if capital is None else capital.value,
        capital_share=capital_share,
        hours=hours,
        human_capital=human_capital,
    )
    pwt = read_pwt(data) if data is not None else load_pwt(vintage)
    table = EraTable.concat(
        growth_accounting(e, method=chosen, data=pwt).eras(era_list) for e in economies
    )

    def era_figure() -> object:
        from pflab.report import era_contributions_figure

        return era_contributions_figure(table)

    emit(table, fmt, out=out, plot=plot, figure=era_figure)


def _basis_needs_by_industry() -> None:
    if "basis" in explicit_options():
        from pflab.errors import ParameterError

        raise ParameterError("basis", "applies only with --by-industry")


def _cip(
    economy: str,
    eras: str | None,
    by_industry: bool,
    basis: Basis,
    vintage: str,
    fmt: OutputFormat,
    plot: Path | None,
    out: Path | None,
) -> None:
    """The CIP 4.0 modes: the aggregate era table, or the industry decomposition."""
    mode = "--by-industry" if by_industry else "--vintage cip4"
    reject_options(_NOT_CIP, mode)
    if by_industry and vintage.strip().lower() != "cip4":
        reject_options(("vintage",), mode)  # --by-industry is always CIP 4.0
    if by_industry:
        from pflab.accounting.aggregate_industries import aggregate_industries
        from pflab.data.cip import resolve_china

        resolve_china(economy)
        result = aggregate_industries(eras, basis=basis.value)

        def industry_figure() -> object:
            from pflab.report.industry import industry_contributions_figure

            return industry_contributions_figure(result)

        emit(result, fmt, out=out, plot=plot, figure=industry_figure)
        return
    _basis_needs_by_industry()
    from pflab.accounting.cip_aggregate import cip_aggregate

    aggregate = cip_aggregate(economy, eras)

    def aggregate_figure() -> object:
        from pflab.report.industry import cip_aggregate_figure

        return cip_aggregate_figure(aggregate)

    emit(aggregate, fmt, out=out, plot=plot, figure=aggregate_figure)
