"""Verdict rules: how a measurement is judged against a claim, fixed before evaluation.

A rule turns a claim into two intervals of the measured value, the *consistent* one and
the wider *partly consistent* one; a value outside both is *not supported*, and a claim
pflab cannot measure (yet) is *not measurable yet*. The relations:

- ``about`` X ("about 30 %"): consistent within ±c of X, partly within ±p, where c and p
  are the tolerance, relative to \\|X\\| (default c = 10 %, p = 25 %) or, with
  ``absolute: true``, in the claim's unit (needed for "close to zero");
- ``over`` X ("over 3 %"): consistent at or above X, partly within p below X;
- ``under`` X: the mirror image;
- ``at_least`` (a claim without a number, read as thresholds): consistent at or above
  the ``consistent`` threshold, partly at or above the ``partly`` threshold.

The intervals are closed. The rule is written in the claims file before pflab measures
anything, and the ledger prints it beside each verdict.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "CONSISTENT",
    "NOT_MEASURABLE",
    "NOT_SUPPORTED",
    "PARTLY",
    "VERDICTS",
    "Rule",
    "Tolerance",
    "format_number",
]

CONSISTENT = "consistent"
PARTLY = "partly consistent"
NOT_SUPPORTED = "not supported"
NOT_MEASURABLE = "not measurable yet"

#: The verdicts, from agreement to none.
VERDICTS: tuple[str, ...] = (CONSISTENT, PARTLY, NOT_SUPPORTED, NOT_MEASURABLE)

Interval = tuple[float, float]


def format_number(value: float) -> str:
    """A bound as text: ``3``, ``2.25``, ``-0.5``, ``∞``."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.4g}"
    return text.replace("-", "−")


class Tolerance(BaseModel):
    """How far from the claim's number a value may be.

    Attributes
    ----------
    consistent, partly
        Half-widths of the consistent and the partly consistent interval: fractions of
        \\|number\\| (relative) or amounts in the claim's unit (``absolute: true``).
    absolute
        Whether the half-widths are amounts rather than fractions.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    consistent: Annotated[float, Field(ge=0)] = 0.10
    partly: Annotated[float, Field(ge=0)] = 0.25
    absolute: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Tolerance:
        if self.partly < self.consistent:
            raise ValueError(
                f"partly ({self.partly}) must be at least consistent ({self.consistent})"
            )
        return self


class Rule(BaseModel):
    """A claim's verdict rule (see the module docstring).

    Attributes
    ----------
    relation
        ``about``, ``over``, ``under`` or ``at_least``.
    number
        The claim's number (``about``, ``over``, ``under``).
    tolerance
        For ``about``, ``over``, ``under`` (default ±10 % consistent, ±25 % partly).
    consistent, partly
        For ``at_least``: the thresholds.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    relation: Literal["about", "over", "under", "at_least"]
    number: float | None = None
    tolerance: Tolerance = Tolerance()
    consistent: float | None = None
    partly: float | None = None

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if self.relation == "at_least":
            if self.consistent is None or self.partly is None:
                raise ValueError("at_least needs both thresholds, consistent and partly")
            if self.partly > self.consistent:
                raise ValueError(
                    f"the partly threshold ({self.partly}) is above the consistent one "
                    f"({self.consistent})"
                )
            if self.number is not None:
                raise ValueError("at_least takes thresholds, not a number")
            return self
        if self.number is None:
            raise ValueError(f"{self.relation} needs the claim's number")
        if self.consistent is not None or self.partly is not None:
            raise ValueError(f"{self.relation} takes a tolerance, not thresholds")
        if self.number == 0 and not self.tolerance.absolute:
            raise ValueError("a claim of zero needs an absolute tolerance (absolute: true)")
        return self

    def _half(self, fraction: float) -> float:
        assert self.number is not None
        return fraction if self.tolerance.absolute else fraction * abs(self.number)

    def intervals(self) -> tuple[Interval, Interval]:
        """The consistent and the partly consistent interval (closed; may be unbounded)."""
        inf = math.inf
        if self.relation == "at_least":
            assert self.consistent is not None and self.partly is not None
            return (self.consistent, inf), (self.partly, inf)
        assert self.number is not None
        x = self.number
        c, p = self._half(self.tolerance.consistent), self._half(self.tolerance.partly)
        if self.relation == "about":
            return (x - c, x + c), (x - p, x + p)
        if self.relation == "over":
            return (x, inf), (x - p, inf)
        return (-inf, x), (-inf, x + p)

    def verdict(self, value: float) -> str:
        """The verdict for a measured value.

        Raises
        ------
        ValueError
            If ``value`` is not a finite number (a missing value is "not measurable yet",
            decided before a rule is applied).
        """
        if not math.isfinite(value):
            raise ValueError(f"cannot judge {value!r}; a verdict needs a finite value")
        (c_lo, c_hi), (p_lo, p_hi) = self.intervals()
        if c_lo <= value <= c_hi:
            return CONSISTENT
        if p_lo <= value <= p_hi:
            return PARTLY
        return NOT_SUPPORTED

    def describe(self) -> str:
        """The rule as text, e.g. ``"consistent 27–33; partly 22.5–37.5"``."""

        def span(interval: Interval) -> str:
            lo, hi = interval
            if math.isinf(hi):
                return f"≥ {format_number(lo)}"
            if math.isinf(lo):
                return f"≤ {format_number(hi)}"
            return f"{format_number(lo)} to {format_number(hi)}"

        consistent, partly = self.intervals()
        return f"consistent {span(consistent)}; partly {span(partly)}; else not supported"
