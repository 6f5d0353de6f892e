"""Computations whose capability is not in pflab yet (the parameter table; temporary module)."""

from __future__ import annotations

from pflab.report.blocks.sources import SOURCES
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = [
    "PARAMETERS",
    "SOURCES",
]


def _unwired(params: ReportParams, context: RunContext) -> Result:
    raise NotImplementedError("this computation is wired when its capability lands")


def _pending(
    key: str, heading: str, requirement: Requirement, fields: tuple[str, ...] = ()
) -> Computation:
    return Computation(
        key=key, heading=heading, fields=fields, run=_unwired, requires=(requirement,)
    )


PARAMETERS = _pending(
    "simulate/parameters",
    "Every model parameter with its source",
    Requirement("pflab.simulate", "parameter_table", "the parameter table"),
)
