"""The claims: the essay's quantitative claims beside pflab's measurements (the ledger)."""

from __future__ import annotations

from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["CLAIMS"]


def _ledger(params: ReportParams, context: RunContext) -> Result:
    from pflab.claims import evaluate

    return evaluate()


CLAIMS = Computation(
    key="claims/ledger",
    heading="The essay's claims beside pflab's measurements",
    fields=(),
    run=_ledger,
    requires=(Requirement("pflab.claims", "evaluate", "the claims ledger"),),
    description="Each quantitative claim of the essay (pflab's shipped claims file, about "
    "China) beside pflab's measurement by source and vintage, the verdict under the rule "
    "fixed in the claims file, the reason, and the command that reproduces the value "
    "(pflab.claims.evaluate, as pflab claims prints it).",
)
