"""Data and assumptions: every simulator parameter with its evidence flag and source."""

from __future__ import annotations

from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["PARAMETERS"]


def _parameters(params: ReportParams, context: RunContext) -> Result:
    from pflab.simulate import parameter_table

    return parameter_table("central")


PARAMETERS = Computation(
    key="simulate/parameters",
    heading="Every model parameter with its source",
    fields=(),
    run=_parameters,
    requires=(Requirement("pflab.simulate", "parameter_table", "the parameter table"),),
    description="Every parameter of the central scenario as loaded (the other scenarios "
    "differ in their mechanism and targets: docs/simulate.md, 'Mechanisms'): its "
    "distribution, the bounds a scenario may not leave, and whether it is computed, "
    "cited, calibrated or a judgement, with its source (pflab.simulate.parameter_table, "
    "as pflab parameters prints it).",
)
