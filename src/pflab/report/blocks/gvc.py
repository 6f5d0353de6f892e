"""Supply chains across borders: foreign value added and export dependence (WIOD 2013)."""

from __future__ import annotations

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["LOCALISATION", "YEARS"]

#: Years of the WIOD 2013 tables the report decomposes (five of the 17, to keep the
#: default report within its time budget; the API and ``pflab gvc`` take any).
YEARS = "1995,2000,2005,2008,2011"


def _localisation(params: ReportParams, context: RunContext) -> Result:
    from pflab.gvc import PEERS, localisation

    economies = list(dict.fromkeys([params.economy, *PEERS]))
    return localisation(economies, years=YEARS, progress=context.progress)


def _charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.gvc import Localisation
    from pflab.report.gvc import localisation_figure

    assert isinstance(result, Localisation)
    return (
        chart(
            "gvc-localisation",
            localisation_figure(result),
            result,
            table="economies",
            units="percent of gross exports; percent of manufacturing value added",
        ),
    )


LOCALISATION = Computation(
    key="gvc/localisation",
    heading="Foreign value added in exports and export dependence",
    fields=("economy",),
    run=_localisation,
    charts=_charts,
    requires=(Requirement("pflab.gvc", "localisation", "value-added trade measures"),),
    description="The foreign value-added share of gross exports and the share of "
    f"manufacturing value added absorbed abroad (WIOD 2013 world tables, {YEARS}).",
)
