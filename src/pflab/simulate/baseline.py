"""The no-policy TFP trend: consensus-calibrated, PWT 11.0's own, or a low-TFP view.

Three baselines (the scenario's ``[baseline] kind``; docs/simulate.md, "Baseline"):

* ``consensus`` — the trend ``g_t`` for which the median over draws of no-policy GDP
  growth equals the consensus path year by year: for 2025–2029 the average of the IMF's
  2024 Article IV path (5.0 % in 2024, 4.5 % in 2025 falling linearly to 3.3 % in 2029)
  and the Conference Board's average for 2025–29 (4.1 %); the Conference Board's 3.8 %
  for 2030–34 and 3.5 % for 2035–39; after 2039 the trend stays at its 2039 value;
* ``pwt-trend`` — the mean TFP residual of the model's own production function on PWT
  11.0 (capital stock ``rnna``, persons × hours × human capital, Törnqvist labour share)
  over the ``window`` years to the base year;
* ``adjusted`` — a low-TFP view: the mean of CIP 4.0's aggregate TFP growth (the Total
  row, value-added basis, Wu's adjusted output with quality-adjusted capital and labour)
  over the ``window`` years to CIP's last year, 2017 (2003–2017 by default);
* ``adjusted-pwt10`` — the earlier low-TFP view: the model's own residual on PWT 10.01,
  whose China GDP is the Wu-adjusted series, over its last ``window`` years.

The calibration of ``consensus`` is exact for the model without sector noise: GDP growth
in year ``t`` is ``g_t + c_{dt}`` where ``c_{dt} = u_d + (1−α_d) Δln K_{dt} +
α_d (g_{L,d} + g_{h,d})`` is known once the earlier years are set, so
``g_t = ln(1 + target_t) − median_d c_{dt}``, year by year, on a fixed sample of the
scenario's parameter draws. Sector noise, a symmetric random walk, is left out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from pflab.errors import DataNotFoundError, ParameterError
from pflab.provenance import Source
from pflab.simulate.macro import MacroBase, investment_path
from pflab.simulate.streams import Streams

__all__ = [
    "CALIBRATION_DRAWS",
    "CONFERENCE_BOARD",
    "CONSENSUS_SOURCES",
    "IMF_2024",
    "Trend",
    "cip_trend",
    "consensus_targets",
    "pwt_trend",
    "tfp_trend",
]

#: IMF, People's Republic of China: 2024 Article IV Consultation (May 2024): real GDP
#: growth, percent change as a fraction (4.5 % in 2025 falling linearly to 3.3 % in 2029).
IMF_2024: dict[int, float] = {2025: 0.045, 2026: 0.042, 2027: 0.039, 2028: 0.036, 2029: 0.033}
#: The Conference Board, Global Economic Outlook (December 2024): China's potential growth,
#: period averages.
CONFERENCE_BOARD: dict[tuple[int, int], float] = {
    (2025, 2029): 0.041,
    (2030, 2034): 0.038,
    (2035, 2039): 0.035,
}

CONSENSUS_SOURCES = (
    Source(
        name="IMF Article IV",
        version="2024",
        citation="International Monetary Fund (2024), People's Republic of China: 2024 "
        "Article IV Consultation, May 2024: growth 5.0% (2024), 4.5% (2025), slowing to "
        "3.3% by 2029",
        url="https://www.imf.org/en/Countries/CHN",
        note="Path as reported in press coverage of the staff report "
        "(shared/model_parameters.md §7h); linear between 2025 and 2029.",
    ),
    Source(
        name="Conference Board Global Economic Outlook",
        version="December 2024",
        citation="The Conference Board (2024), Global Economic Outlook 2025: China's "
        "potential growth 4.1% (2025-29), 3.8% (2030-34), 3.5% (2035-39)",
        url="https://www.conference-board.org/topics/global-economic-outlook/",
    ),
)

#: Draws of the fixed calibration sample (parameters only; a seed of its own).
CALIBRATION_DRAWS = 4096
_CALIBRATION_SEED = 20_240_517


def consensus_targets() -> dict[int, float]:
    """Year → target GDP growth (fraction): the IMF/Conference Board average to 2029,
    the Conference Board's period averages for 2030–39."""
    out: dict[int, float] = {}
    for (first, last), value in CONFERENCE_BOARD.items():
        for year in range(first, last + 1):
            imf = IMF_2024.get(year)
            out[year] = value if imf is None else 0.5 * (imf + value)
    return out


@dataclass(frozen=True)
class Trend:
    """A TFP trend path and where it came from.

    Attributes
    ----------
    kind
        ``consensus``, ``pwt-trend``, ``adjusted`` or ``adjusted-pwt10``.
    path
        Trend log TFP growth of each projected year (NaN for observed years).
    description
        One sentence with the estimate and its window.
    sources
        The data or projections it rests on.
    """

    kind: str
    path: NDArray[np.float64]
    description: str
    sources: tuple[Source, ...]


def pwt_trend(economy: str, last_year: int, window: int, vintage: str) -> tuple[float, int, int]:
    """Mean annual TFP residual (capital-stock method) over ``window`` years to
    ``last_year`` (or the vintage's last year, if earlier): ``(mean, first, last)``.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the vintage has fewer than ``window`` years of TFP before ``last_year``.
    """
    from pflab.accounting import growth_accounting

    tfp = growth_accounting(economy, method="stock", vintage=vintage).annual["tfp"].dropna()
    last = min(int(last_year), int(tfp.index.max()))
    part = tfp.loc[last - window + 1 : last]
    if len(part) < window:
        raise DataNotFoundError(
            f"PWT {vintage} has {len(part)} years of TFP growth for {economy} up to {last}; "
            f"the trend needs {window}"
        )
    return float(part.mean()), last - window + 1, last


def cip_trend(window: int) -> tuple[float, int, int]:
    """Mean annual aggregate TFP growth of CIP 4.0 over its last ``window`` years:
    ``(mean, first, last)`` (:func:`pflab.accounting.cip_aggregate.cip_annual`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If CIP has fewer than ``window`` years of TFP growth.
    """
    from pflab.accounting.cip_aggregate import cip_annual

    tfp = cip_annual()["tfp"].dropna()
    last = int(tfp.index.max())
    part = tfp.loc[last - window + 1 : last]
    if len(part) < window:
        raise DataNotFoundError(
            f"CIP 4.0 has {len(part)} years of aggregate TFP growth up to {last}; the "
            f"adjusted baseline's window needs {window} (baseline.window)"
        )
    return float(part.mean()), last - window + 1, last


def _draws(distributions: Mapping[str, Any], names: list[str], n: int) -> dict[str, Any]:
    streams = Streams(_CALIBRATION_SEED, 0, n)
    return {
        k: distributions[k].ppf(streams.uniforms(k))
        if distributions[k].uncertain
        else np.full(n, distributions[k].value)
        for k in names
    }


def _consensus(
    distributions: Mapping[str, Any],
    macro: MacroBase,
    years: NDArray[np.int64],
    observed: NDArray[np.float64],
) -> NDArray[np.float64]:
    names = [
        "tfp_trend_shift",
        "labour_share",
        "depreciation",
        "investment_rate",
        "investment_rate_2050_ratio",
        "labour_growth",
        "human_capital_growth",
    ]
    p = _draws(distributions, names, CALIBRATION_DRAWS)
    targets = consensus_targets()
    alpha = p["labour_share"]
    labour = alpha * (p["labour_growth"] + p["human_capital_growth"])
    k = np.full(CALIBRATION_DRAWS, macro.capital_output)
    y = np.ones(CALIBRATION_DRAWS)
    path = np.full(len(years), np.nan)
    first_target = min((y for y in targets if y in set(int(v) for v in years)), default=None)
    if first_target is None:
        raise ParameterError(
            "baseline.kind",
            f"the consensus projections cover {min(targets)}-{max(targets)}, outside the "
            f"projection {int(years[0])}-{int(years[-1])}; use pwt-trend",
        )
    last_trend: float | None = None
    for j, year in enumerate(int(v) for v in years):
        t = j + 1
        s_prev = investment_path(
            p["investment_rate"], p["investment_rate_2050_ratio"], t - 1, macro.base_year
        )
        k_new = (1 - p["depreciation"]) * k + s_prev * y
        dlk = np.log(k_new / k)
        if np.isfinite(observed[j]):
            dly = np.full(CALIBRATION_DRAWS, observed[j])
        else:
            c = p["tfp_trend_shift"] + (1 - alpha) * dlk + labour
            # years before the first target take the first target's growth
            target = targets.get(year, targets[first_target] if year < first_target else None)
            if target is not None:
                last_trend = math.log1p(target) - float(np.median(c))
            assert last_trend is not None
            path[j] = last_trend
            dly = last_trend + c
        k, y = k_new, y * np.exp(dly)
    return path


def tfp_trend(
    kind: str,
    window: int,
    distributions: Mapping[str, Any],
    macro: MacroBase,
    years: NDArray[np.int64],
    observed: NDArray[np.float64],
) -> Trend:
    """The trend log TFP growth of each projected year for a baseline ``kind``."""
    if kind == "consensus":
        path = _consensus(distributions, macro, years, observed)
        simulated = path[np.isfinite(path)]
        first_year = int(years[np.isfinite(path)][0])
        return Trend(
            kind,
            path,
            "consensus baseline: TFP trend set so that median no-policy GDP growth follows "
            "the average of the IMF 2024 Article IV path and the Conference Board's "
            f"projections (trend {simulated[0] * 100:.2f} %/yr in {first_year}"
            f", {simulated[-1] * 100:.2f} %/yr from 2039)",
            CONSENSUS_SOURCES,
        )
    if kind == "adjusted":
        from pflab.data.cip import load_cip

        mean, first, last = cip_trend(window)
        path = np.where(np.isfinite(observed), np.nan, mean)
        return Trend(
            kind,
            path,
            f"adjusted baseline: TFP trend {mean * 100:.2f} %/yr, the mean aggregate TFP "
            f"growth of CIP 4.0 (Total row, value added on Wu's adjusted output, quality-"
            f"adjusted capital and labour) over {first}–{last}; CIP's capital and labour "
            "contributions are larger than the model's (PWT 11.0), so this path is lower "
            "than CIP's own output growth (docs/simulate.md)",
            (load_cip().source,),
        )
    vintage = "11.0" if kind == "pwt-trend" else "10.01"
    from pflab.data.embedded import load_pwt

    source = load_pwt(vintage).source
    mean, first, last = pwt_trend(macro.economy, macro.base_year, window, vintage)
    path = np.where(np.isfinite(observed), np.nan, mean)
    label = "PWT 11.0" if kind == "pwt-trend" else "PWT 10.01 (China on Wu-adjusted GDP)"
    return Trend(
        kind,
        path,
        f"{kind} baseline: TFP trend {mean * 100:.2f} %/yr, the mean TFP residual "
        f"(capital stock rnna, persons × hours × hc, Törnqvist labsh) of {label} over "
        f"{first}–{last}",
        (source,),
    )
