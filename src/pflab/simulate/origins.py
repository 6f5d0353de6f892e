"""What the hindcast knows at each origin: the model calibrated on data up to that year.

For an origin year ``o`` (docs/simulate.md, "The hindcast"):

* the baseline is ``pwt-trend``: the mean TFP residual over the 15 years to ``o``;
* labour (persons × hours) and human-capital growth are their means over the ten years
  to ``o`` (normal, s.d. their standard errors), the labour share its five-year mean
  ± 0.03, depreciation PWT's ``delta`` at ``o`` ± 10 % and the investment rate the one
  implied by ``rnna`` and ``delta`` over the five years before ``o`` ± its s.d., flat;
* the sector structure is the latest embedded input–output table at or before ``o``:
  NBS from 2007 on, OECD (from 1995) before;
* with ``volatility = "origin"`` (the default) the uncertainty is calibrated on the same
  years, by the rules the forward model follows on 2008–2023: the sector noise is scaled
  so that the median over draws of the within-draw standard deviation of annual
  aggregate TFP growth over the first 15 simulated years equals ``s_o``, the standard
  deviation of China's annual TFP growth over the 15 years to ``o``; the per-draw trend
  shift is normal with mean 0 and the standard error of the 15-year trend,
  ``s_o / √15``. With ``volatility = "scenario"`` the scenario's own noise and trend
  shift are kept (calibrated on 2008–2023, after most origins).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.embedded import load_pwt
from pflab.data.iotables import available_io
from pflab.errors import ParameterError
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.distributions import scaled
from pflab.simulate.model import simulate_block
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.streams import Streams

__all__ = [
    "TREND_WINDOW",
    "VOLATILITY",
    "noise_scale",
    "origin_estimates",
    "origin_scenario",
    "realised",
    "table_for",
]

#: Years of the trailing TFP trend and of the volatility it is calibrated on.
TREND_WINDOW = 15
#: How the hindcast's uncertainty is set: from the data up to each origin, or the scenario's.
VOLATILITY = ("origin", "scenario")
_NOISE_DRAWS = 1024
_NOISE_SEED = 20_250_101


def realised(first: int, last: int) -> pd.DataFrame:
    """Realised annual TFP growth (the model's residual) and GDP growth, fractions."""
    from pflab.accounting import growth_accounting

    annual = growth_accounting("CHN", method="stock").annual
    out = pd.DataFrame({"tfp_growth": annual["tfp"], "gdp_growth": annual["gdp"]}).loc[first:last]
    return out


def table_for(origin: int) -> tuple[str, int]:
    """The latest embedded China table at or before ``origin``: NBS from 2007, else OECD."""
    tables = available_io()
    china = tables[tables["economy"] == "CHN"]
    nbs = china[(china["source"] == "nbs") & (china["year"] >= 2007) & (china["year"] <= origin)]
    if len(nbs):
        return "nbs", int(nbs["year"].max())
    oecd = china[(china["source"] == "oecd") & (china["year"] <= origin)]
    if not len(oecd):
        raise ParameterError(
            "origins",
            f"{origin}: no embedded input-output table for China at or before it "
            "(OECD tables start in 1995)",
        )
    return "oecd", int(oecd["year"].max())


def origin_estimates(origin: int) -> dict[str, float]:
    """Macro estimates on PWT 11.0 up to ``origin`` (fractions; see the module docstring)."""
    rows = load_pwt("11.0").economy("CHN").sort_index()
    past = rows.loc[:origin]
    labour = pd.Series(np.log(past["emp"] * past["avh"].fillna(1.0)), index=past.index)
    g_l = labour.diff().loc[origin - 9 : origin]
    g_h = pd.Series(np.log(past["hc"]), index=past.index).diff().loc[origin - 9 : origin]
    k, d, y = past["rnna"], past["delta"], past["rgdpna"]
    implied = ((k.shift(-1) - (1 - d.shift(-1)) * k) / y).loc[origin - 5 : origin - 1]
    labsh = past["labsh"].loc[origin - 4 : origin]
    tfp = realised(origin - TREND_WINDOW + 1, origin)["tfp_growth"]
    return {
        "labour_growth": float(g_l.mean()),
        "labour_growth_se": float(g_l.std(ddof=1) / math.sqrt(len(g_l))),
        "human_capital_growth": float(g_h.mean()),
        "human_capital_growth_se": float(g_h.std(ddof=1) / math.sqrt(len(g_h))),
        "investment_rate": float(implied.mean()),
        "investment_rate_sd": float(implied.std(ddof=1)),
        "labour_share": float(labsh.mean()),
        "depreciation": float(d.loc[origin]),
        "tfp_sd": float(tfp.std(ddof=1)),
        "tfp_trend_se": float(tfp.std(ddof=1) / math.sqrt(len(tfp))),
    }


def _macro_parameters(est: dict[str, float]) -> dict[str, object]:
    s, ssd = est["investment_rate"], max(est["investment_rate_sd"], 0.01)
    return {
        "labour_growth": {
            "dist": "normal",
            "mean": est["labour_growth"],
            "sd": max(est["labour_growth_se"], 1e-4),
        },
        "human_capital_growth": {
            "dist": "normal",
            "mean": est["human_capital_growth"],
            "sd": max(est["human_capital_growth_se"], 1e-4),
        },
        "investment_rate": {"dist": "uniform", "low": s - ssd, "high": s + ssd},
        "investment_rate_2050_ratio": 1.0,
        "labour_share": {
            "dist": "uniform",
            "low": est["labour_share"] - 0.03,
            "high": est["labour_share"] + 0.03,
        },
        "depreciation": {
            "dist": "uniform",
            "low": 0.9 * est["depreciation"],
            "high": 1.1 * est["depreciation"],
        },
    }


def origin_scenario(
    scen: Scenario,
    origin: int,
    last: int,
    table: tuple[str, int],
    *,
    volatility: str = "origin",
    noise_factor: float = 1.0,
) -> Scenario:
    """The scenario calibrated on data up to ``origin``, simulated to ``last`` without
    its policy budget; with ``volatility = "origin"`` its sector noise is the scenario's
    times ``noise_factor`` (:func:`noise_scale`) and its trend shift the trend's
    standard error."""
    data = scen.to_dict()
    est = origin_estimates(origin)
    params: dict[str, Any] = {**data["parameters"], **_macro_parameters(est)}
    if volatility == "origin":
        params["tfp_trend_shift"] = {"dist": "normal", "mean": 0.0, "sd": est["tfp_trend_se"]}
        noise = scen.parameters.sector_noise_sd
        params["sector_noise_sd"] = scaled(noise, noise_factor).model_dump()
    data["parameters"] = params
    data.update(
        name=f"{scen.name} from {origin}",
        base_year=origin,
        horizon=last,
        baseline={"kind": "pwt-trend", "window": TREND_WINDOW},
        budget={"share_of_gdp": 0.0, "start": origin + 1},
        targeting={},
        goals=[],
        windows=[f"{origin + 1}-{last}"],
        sectors={"source": table[0], "year": table[1]},
        aggregation="first-order",
    )
    return load_scenario(data)


def noise_scale(model: CompiledModel, target_sd: float) -> float:
    """The factor on the sector noise that makes the median over draws of the within-draw
    s.d. of annual aggregate TFP growth, over the first 15 simulated years (or all, if
    fewer), equal ``target_sd``.

    Within a draw only the sector noise moves TFP growth from year to year (the trend
    and the draw's shift are constant), and it scales with the noise's s.d., so one
    simulation of the unscaled model gives the factor (to Monte Carlo error in the
    median of 1,024 draws, about 2 %).
    """
    out = simulate_block(model, Streams(_NOISE_SEED, 0, _NOISE_DRAWS))
    growth = np.diff(out.log_tfp, axis=1)[:, :TREND_WINDOW]
    within = float(np.median(np.std(growth, axis=1, ddof=1)))
    if within <= 0:
        raise ParameterError(
            "scenario", "the scenario's sector noise is zero: nothing to scale to the origin"
        )
    return target_sd / within
