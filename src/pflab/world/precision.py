"""How many digits a number computed from rounded inputs may show.

A value given to ``d`` significant digits, such as ``4.87e12`` (three), stands for any
number within half a unit of its last digit: 4.865e12 … 4.875e12. A ratio ``a / b`` of
two such values therefore lies in

.. math::  \\left[\\frac{a - h_a}{b + h_b},\\ \\frac{a + h_a}{b - h_b}\\right],

where :math:`h` is the half-unit (:func:`half_unit`). :func:`ratio_interval` computes
that interval and :func:`shown_decimals` the number of decimals a share may show: the
position of the first significant digit of the interval's half-width (China's share of
world manufacturing value added in 2021: 4.87e12 / 1.60e13 = 30.44 %, interval
30.31–30.56 %, shown as 30.4 %), and never more than three significant digits in all.
"""

from __future__ import annotations

import math

__all__ = [
    "MAX_SIGNIFICANT",
    "format_interval",
    "format_percent",
    "half_unit",
    "ratio_interval",
    "shown_decimals",
]

#: No share is shown with more significant digits than this.
MAX_SIGNIFICANT = 3


def half_unit(value: float, digits: int | None) -> float:
    """Half a unit in the last significant digit of ``value`` (0 when unrounded).

    ``half_unit(4.87e12, 3)`` is 5e9; ``half_unit(x, None)`` is 0.
    """
    if digits is None or value == 0 or not math.isfinite(value):
        return 0.0
    exponent = int(f"{abs(value):.{digits - 1}e}".split("e")[1])
    return 0.5 * 10.0 ** (exponent - digits + 1)


def ratio_interval(
    numerator: float, numerator_half: float, denominator: float, denominator_half: float
) -> tuple[float, float]:
    """The lowest and highest ratio the rounded inputs allow (see the module docstring)."""
    low = (numerator - numerator_half) / (denominator + denominator_half)
    high = (numerator + numerator_half) / (denominator - denominator_half)
    return low, high


def shown_decimals(value: float, half_width: float, max_significant: int = MAX_SIGNIFICANT) -> int:
    """Decimals to show for ``value`` known to ± ``half_width``.

    The last shown digit is the first significant digit of ``half_width`` (30.44 ± 0.13
    → one decimal), and at most ``max_significant`` significant digits are shown (an
    exactly known 17.618 → 17.6). Never negative.
    """
    if value == 0 or not math.isfinite(value):
        return 0
    significant = max_significant - 1 - math.floor(math.log10(abs(value)))
    if half_width > 0:
        justified = -math.floor(math.log10(half_width))
        significant = min(significant, justified)
    decimals = max(0, significant)
    # 9.9996 at two decimals shows as 10.00: one significant digit too many
    if decimals > 0 and abs(round(value, decimals)) >= 10.0 ** (
        math.floor(math.log10(abs(value))) + 1
    ):
        decimals -= 1
    return decimals


def format_percent(value: float, decimals: int) -> str:
    """``30.4 %`` for (30.4375, 1)."""
    return f"{value:.{decimals}f} %"


def format_interval(low: float, high: float, decimals: int) -> str:
    """The interval at ``decimals``, rounded outward: ``30.3–30.6`` for (30.31, 30.56, 1)."""
    scale = 10.0**decimals
    lower = math.floor(low * scale) / scale
    upper = math.ceil(high * scale) / scale
    return f"{lower:.{decimals}f}–{upper:.{decimals}f}"
