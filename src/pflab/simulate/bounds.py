"""Bounds on every scenario parameter, each with its reason.

A scenario whose distribution reaches outside a bound is refused when it is loaded, before
anything is computed, with one error naming the field, what was given, the bound and why
(``field 'budget.share_of_gdp': draws reach 5, outside [0, 0.1]: …``). For laws without
bounds (normal, log-normal) the range checked is from the 0.01 % to the 99.99 % quantile
(:data:`pflab.simulate.distributions.TAIL`); the rare draws beyond it are clipped to the
bounds when drawn (:func:`clip_to_bounds`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["BOUNDS", "check_bounds", "clip_to_bounds"]

_RATE = "a rate per year"

#: Dotted parameter name → (lowest, highest, why).
BOUNDS: dict[str, tuple[float, float, str]] = {
    "budget.share_of_gdp": (
        0.0,
        0.1,
        "a share of GDP; above 0.1 a year it would be nearly four times all of China's R&D "
        "spending (2.65% of GDP, 2023)",
    ),
    "budget.crowding_out": (0.0, 1.0, "a share of the state's money that displaces investment"),
    "mechanism.share_productive": (0.0, 1.0, "a share of the budget (1 − leakage)"),
    "mechanism.selection": (-1.0, 1.0, "a correlation"),
    "mechanism.lag": (1.0, 15.0, "years from spending to usable knowledge (at least 1)"),
    "mechanism.crowd_in": (0.0, 3.0, "private money per unit of public money; 0.88-0.93 observed"),
    "mechanism.rd_share": (0.0, 1.0, "a share of the effective money"),
    "mechanism.capital_efficiency": (
        0.0,
        1.5,
        "productive capital per yuan of state-directed capital formation",
    ),
    "tfp_trend_shift": (-0.05, 0.05, "a shift of the TFP trend, per year"),
    "labour_share": (0.2, 0.9, "a share of income"),
    "depreciation": (0.0, 0.2, _RATE),
    "investment_rate": (0.0, 0.9, "a share of GDP (capital-stock prices)"),
    "investment_rate_2050_ratio": (0.2, 2.0, "a ratio of investment rates"),
    "labour_growth": (-0.05, 0.05, _RATE),
    "human_capital_growth": (-0.02, 0.03, _RATE),
    "sector_noise_sd": (0.0, 0.2, "a standard deviation of annual sector TFP growth"),
    "sector_noise_correlation": (0.0, 1.0, "a correlation"),
    "substitution_elasticity": (0.01, 5.0, "an elasticity of substitution"),
    "rd_elasticity_high_tech": (0.0, 1.0, "an output elasticity of knowledge"),
    "rd_elasticity_manufacturing": (0.0, 1.0, "an output elasticity of knowledge"),
    "rd_elasticity_services": (0.0, 1.0, "an output elasticity of knowledge"),
    "rd_elasticity_primary": (0.0, 1.0, "an output elasticity of knowledge"),
    "return_dispersion": (0.0, 3.0, "a standard deviation of log returns"),
    "research_productivity_decline": (0.0, 0.3, _RATE),
    "knowledge_depreciation": (0.0, 0.6, _RATE),
    "knowledge_pool_share": (0.0, 1.0, "a share"),
    "baseline_rd_intensity": (0.0, 0.1, "R&D spending as a share of GDP"),
    "baseline_rd_growth": (-0.1, 0.3, _RATE),
    "absorptive_half": (0.0, 1.0, "an R&D intensity (R&D / value added)"),
    "breakthrough_probability": (0.0, 1.0, "a probability"),
    "breakthrough_tail": (0.1, 5.0, "a Pareto tail index"),
    "breakthrough_min": (1e-6, 1.0, "a jump in log sector TFP"),
    "breakthrough_cap": (1e-6, 2.0, "a jump in log sector TFP"),
    "breakthrough_max_probability": (0.0, 1.0, "a probability"),
    "allocation_concentration": (0.0, 10.0, "how strongly money follows the signal"),
}


def check_bounds(distributions: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` naming the first parameter whose draws leave its bounds.

    Also checks that the smallest breakthrough is below the cap, and that the baseline
    knowledge stock's steady state exists (``(1 − δ_R) e^{−(g_R − φ)} < 1``).
    """
    for name, dist in distributions.items():
        if name not in BOUNDS:
            continue
        lo, hi, why = BOUNDS[name]
        first, last = dist.support()
        if not (np.isfinite(first) and np.isfinite(last)):
            raise ValueError(f"field {name!r}: {dist.describe()} has non-finite values")
        if first < lo or last > hi:
            bad = first if first < lo else last
            raise ValueError(
                f"field {name!r}: {dist.describe()} reaches {bad:g}, outside "
                f"[{lo:g}, {hi:g}]: {why}"
            )
    zmin, zcap = distributions.get("breakthrough_min"), distributions.get("breakthrough_cap")
    if zmin is not None and zcap is not None and zmin.support()[1] >= zcap.support()[0]:
        raise ValueError(
            "field 'breakthrough_min': must stay below breakthrough_cap "
            f"({zmin.describe()} against {zcap.describe()})"
        )
    growth = distributions.get("baseline_rd_growth")
    decline = distributions.get("research_productivity_decline")
    dep = distributions.get("knowledge_depreciation")
    if growth is not None and decline is not None and dep is not None:
        worst = (1 - dep.support()[0]) * np.exp(decline.support()[1] - growth.support()[0])
        if worst >= 1:
            raise ValueError(
                "field 'baseline_rd_growth': with research_productivity_decline and "
                "knowledge_depreciation at their extremes the baseline knowledge stock has "
                "no steady state ((1 − δ_R)·e^(φ − g_R) must stay below 1)"
            )


def clip_to_bounds(name: str, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Clip draws of a parameter to its bounds (only tails beyond 0.01 % can reach them)."""
    if name not in BOUNDS:
        return values
    lo, hi, _ = BOUNDS[name]
    return np.clip(values, lo, hi)
