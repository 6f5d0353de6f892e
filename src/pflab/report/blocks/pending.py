"""Computations whose capability is being built on other branches (temporary module)."""

from __future__ import annotations

from pflab.report.blocks.sources import SOURCES
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = [
    "BACKTEST",
    "CLAIMS",
    "EXPOSURE",
    "INDUSTRY",
    "PARAMETERS",
    "SIMULATION",
    "SOBOL",
    "SOURCES",
    "SPILLOVERS",
    "TIMELINE",
]


def _unwired(params: ReportParams, context: RunContext) -> Result:
    raise NotImplementedError("this computation is wired when its capability lands")


def _pending(
    key: str, heading: str, requirement: Requirement, fields: tuple[str, ...] = ()
) -> Computation:
    return Computation(
        key=key, heading=heading, fields=fields, run=_unwired, requires=(requirement,)
    )


CLAIMS = _pending(
    "claims/ledger",
    "The essay's claims beside pflab's measurements",
    Requirement("pflab.claims", "", "the claims ledger"),
)
INDUSTRY = _pending(
    "industry/contributions",
    "Industry contributions and reallocation (CIP 4.0)",
    Requirement("pflab.accounting.industry", "", "CIP industry accounts"),
)
TIMELINE = _pending(
    "policy/timeline",
    "Programmes 1861-2024",
    Requirement("pflab.policy", "build_timeline", "the programme timeline"),
)
EXPOSURE = _pending(
    "policy/exposure",
    "Size of each programme's sectors beside official figures",
    Requirement("pflab.policy", "programme_weights", "official-calibrated sector maps"),
)
SPILLOVERS = _pending(
    "industry/spillovers",
    "Do suppliers' TFP gains spill over?",
    Requirement("pflab.accounting.spillovers", "spillovers", "the spillover estimate"),
)
SIMULATION = _pending(
    "simulate/scenarios",
    "Fan charts to 2050 and goal probabilities",
    Requirement("pflab.simulate", "compare", "scenario comparison on the result protocol"),
)
SOBOL = _pending(
    "simulate/sensitivity",
    "Which assumptions decide the answer",
    Requirement(
        "pflab.simulate.sensitivity_analysis", "sensitivity", "Sobol indices on the result protocol"
    ),
)
BACKTEST = _pending(
    "simulate/backtest",
    "The hindcast score",
    Requirement("pflab.simulate", "backtest", "the hindcast"),
)
PARAMETERS = _pending(
    "simulate/parameters",
    "Every model parameter with its source",
    Requirement("pflab.simulate", "parameter_table", "the parameter table"),
)
