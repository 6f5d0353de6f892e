"""Productivity: growth accounting by era against peers, the method band, the vintages."""

from __future__ import annotations

from pflab.report.charts import chart
from pflab.report.computation import Computation, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["ERAS", "SENSITIVITY", "VINTAGES"]


def _eras(params: ReportParams, context: RunContext) -> Result:
    from pflab.accounting import EraTable, growth_accounting

    tables = []
    seen: set[str] = set()
    for economy in [params.economy, *params.peer_list]:
        result = growth_accounting(economy, method=params.method, vintage=params.vintage)
        if result.economy not in seen:
            seen.add(result.economy)
            tables.append(result.eras(params.era_spec))
    return EraTable.concat(tables)


def _era_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.accounting import EraTable
    from pflab.report.accounting import era_contributions_figure

    assert isinstance(result, EraTable)
    figure = era_contributions_figure(result)
    return (
        chart(
            "accounting-eras",
            figure,
            result,
            table="eras",
            units="percent per year (100 × log difference)",
        ),
    )


def _sensitivity(params: ReportParams, context: RunContext) -> Result:
    from pflab.accounting import sensitivity

    return sensitivity(params.economy, params.era_spec)


def _sensitivity_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.accounting import SensitivityTable
    from pflab.report.accounting import sensitivity_figure

    assert isinstance(result, SensitivityTable)
    return (
        chart(
            "accounting-sensitivity",
            sensitivity_figure(result),
            result,
            table="tfp",
            units="TFP growth, percent per year",
        ),
    )


def _vintages(params: ReportParams, context: RunContext) -> Result:
    from pflab.accounting import vintage_comparison

    return vintage_comparison(params.economy)


ERAS = Computation(
    key="accounting/eras",
    heading="Sources of growth by era, against peers",
    fields=("economy", "peers", "eras", "method", "vintage"),
    run=_eras,
    charts=_era_charts,
    description="Growth accounting on the Penn World Table: GDP growth split into "
    "capital, labour, hours, human capital and TFP, averaged over eras.",
)

SENSITIVITY = Computation(
    key="accounting/sensitivity",
    heading="How much the answer depends on method and data",
    fields=("economy", "eras"),
    run=_sensitivity,
    charts=_sensitivity_charts,
    description="TFP growth by era under every method and both PWT vintages; the band "
    "compares equal windows.",
)

VINTAGES = Computation(
    key="accounting/vintages",
    heading="Do the two PWT vintages agree?",
    fields=("economy",),
    run=_vintages,
    description="GDP and TFP growth of the economy in PWT 11.0 and 10.01 by era.",
)
