"""China by industry (CIP 4.0): which industries carried TFP growth, and do suppliers'
gains spill over to their users?"""

from __future__ import annotations

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["INDUSTRY", "SPILLOVERS"]


def _industries(params: ReportParams, context: RunContext) -> Result:
    from pflab.accounting import aggregate_industries

    return aggregate_industries()


def _industry_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.accounting import IndustryAggregation
    from pflab.report.industry import industry_contributions_figure

    assert isinstance(result, IndustryAggregation)
    return (
        chart(
            "industry-contributions",
            industry_contributions_figure(result),
            result,
            table="contributions",
            units="percentage points of aggregate TFP growth per year",
        ),
    )


def _spillovers(params: ReportParams, context: RunContext) -> Result:
    from pflab.accounting import spillovers

    return spillovers("CHN")


def _spillover_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.accounting import SpilloverTest
    from pflab.report.industry import spillover_figure

    assert isinstance(result, SpilloverTest)
    return (
        chart(
            "industry-spillovers",
            spillover_figure(result),
            result,
            table="panel",
            units="TFP growth, percent per year (industry and year effects removed)",
        ),
    )


INDUSTRY = Computation(
    key="industry/contributions",
    heading="Which industries carried China's TFP growth (CIP 4.0), and what did reallocation add?",
    fields=(),
    run=_industries,
    charts=_industry_charts,
    requires=(Requirement("pflab.accounting", "aggregate_industries", "CIP industry accounts"),),
    description="Industry TFP growth (value-added basis) weighted by value-added shares, "
    "by industry group and era, with the reallocation terms (Jorgenson aggregation).",
)

SPILLOVERS = Computation(
    key="industry/spillovers",
    heading="Do suppliers' TFP gains spill over to their users? (CIP 4.0)",
    fields=(),
    run=_spillovers,
    charts=_spillover_charts,
    requires=(Requirement("pflab.accounting", "spillovers", "the spillover estimate"),),
    description="A panel of CIP 4.0's industries: does an industry's TFP growth rise with "
    "its ICT suppliers' (input-share weighted, lagged a year), with industry and year "
    "effects and jackknife intervals?",
)
