"""The strategy in words: the slogans through the work reports and the Party Congresses."""

from __future__ import annotations

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["KEY_TERMS", "TERMS", "TERMS_COMPARED"]

#: The essay's own slogans, compared across the Party's and the State's documents (the
#: heat map shows every term of the glossary).
KEY_TERMS = ("新质生产力", "未来产业", "新型举国体制", "全要素生产率", "自主创新", "科技自立自强")

_TERMS = Requirement("pflab.policy.terms", "load_counts", "the term tracker's embedded counts")


def _counts(params: ReportParams, context: RunContext) -> Result:
    from pflab.policy.terms import load_counts

    return load_counts("gwr")


def _heatmap(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.policy.terms import TermCounts
    from pflab.report.terms import terms_heatmap

    assert isinstance(result, TermCounts)
    return (
        chart(
            "terms-gwr",
            terms_heatmap(result),
            result,
            table="by_year",
            units="occurrences of each term in the year's Government Work Report",
        ),
    )


def _compared(params: ReportParams, context: RunContext) -> Result:
    from pflab.policy.terms import compare_counts, load_counts

    return compare_counts(
        [load_counts("congress").select(KEY_TERMS), load_counts("gwr").select(KEY_TERMS)]
    )


def _timeline(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.policy.terms import TermComparison
    from pflab.report.terms import terms_timeline_figure

    assert isinstance(result, TermComparison)
    return (
        chart(
            "terms-party-state",
            terms_timeline_figure(result),
            result,
            table="by_year",
            units="occurrences per 10,000 characters of the document",
        ),
    )


TERMS = Computation(
    key="policy/terms",
    heading="The slogans in the Government Work Reports, 1954-2025",
    fields=(),
    run=_counts,
    charts=_heatmap,
    requires=(_TERMS,),
    description="How often each strategic term appears in each year's Government Work "
    "Report (embedded counts; the texts are not shipped).",
)

TERMS_COMPARED = Computation(
    key="policy/terms-compared",
    heading="Party first, State after? The same terms in the Party Congress reports",
    fields=(),
    run=_compared,
    charts=_timeline,
    requires=(Requirement("pflab.policy.terms", "compare_counts", "the Party-State comparison"),),
    description="Six of the essay's terms per 10,000 characters in the Party Congress "
    "reports and the Government Work Reports, with the year each first appears.",
)
