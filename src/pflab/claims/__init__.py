"""The essay's quantitative claims as data, evaluated on demand against pflab's measures.

- :func:`evaluate` — every claim of the claims file (``pflab/claims/claims.yaml``, or a
  user's) beside pflab's measurement by source and vintage, with a verdict (consistent,
  partly consistent, not supported, not measurable yet), the reason, notes where the
  measure differs from the claim's wording, and the command that reproduces it;
- :func:`load_claims` — the claims file, checked against the schema and the measures'
  parameters before anything is computed;
- :class:`Rule` — the verdict rules, fixed in the file before evaluation;
- :data:`MEASURES` — what a claim may be measured with.

This package sits above the analytics (accounting, world, network, policy) and below
the report and the command line, which show its result.
"""

from pflab.claims.base import Context, Measurement
from pflab.claims.ledger import ClaimsLedger, capabilities, evaluate, judge
from pflab.claims.measures import MEASURES
from pflab.claims.rules import (
    CONSISTENT,
    NOT_MEASURABLE,
    NOT_SUPPORTED,
    PARTLY,
    VERDICTS,
    Rule,
    Tolerance,
)
from pflab.claims.schema import Claim, ClaimsFile, MeasureRef, claims_path, load_claims

__all__ = [
    "CONSISTENT",
    "MEASURES",
    "NOT_MEASURABLE",
    "NOT_SUPPORTED",
    "PARTLY",
    "VERDICTS",
    "Claim",
    "ClaimsFile",
    "ClaimsLedger",
    "Context",
    "MeasureRef",
    "Measurement",
    "Rule",
    "Tolerance",
    "capabilities",
    "claims_path",
    "evaluate",
    "judge",
    "load_claims",
]
