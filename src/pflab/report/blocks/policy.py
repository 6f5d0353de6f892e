"""The strategy: the programme timeline 1861-2024 and the size of each programme's
sectors beside the official figures."""

from __future__ import annotations

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["EXPOSURE", "TIMELINE"]


def _timeline(params: ReportParams, context: RunContext) -> Result:
    from pflab.policy import build_timeline

    return build_timeline()


def _timeline_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.policy import Timeline
    from pflab.report.policy import timeline_panels

    assert isinstance(result, Timeline)
    return (
        chart(
            "policy-timeline",
            timeline_panels(result),
            result,
            table="entries",
            units="years (bars from start to end; diamonds: milestones)",
        ),
    )


def _exposure(params: ReportParams, context: RunContext) -> Result:
    from pflab.policy import economy_exposure

    programmes = [params.programme] if params.programme else None
    return economy_exposure("CHN", params.year, programmes=programmes)


def _exposure_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.policy import Exposure
    from pflab.report.policy import exposure_figure

    assert isinstance(result, Exposure)
    return (
        chart(
            "policy-exposure",
            exposure_figure(result),
            result,
            table="exposure",
            units="percent of China's value added (GDP), gross output and employment",
        ),
    )


TIMELINE = Computation(
    key="policy/timeline",
    heading="China's technology and industrial programmes, 1861-2024",
    fields=(),
    run=_timeline,
    charts=_timeline_charts,
    requires=(Requirement("pflab.policy", "build_timeline", "the programme timeline"),),
    description="Every top-level entry of the policy registry by family, with successors "
    "and dated milestones.",
)

EXPOSURE = Computation(
    key="policy/exposure",
    heading="How large are each programme's sectors? Beside the official figures",
    fields=("year", "programme"),
    run=_exposure,
    charts=_exposure_charts,
    requires=(Requirement("pflab.policy", "programme_weights", "official-calibrated sector maps"),),
    description="Each programme's share of value added, gross output and employment in "
    "China's input-output table (sector maps with partial shares and their range), with "
    "the nearest official figure.",
)
