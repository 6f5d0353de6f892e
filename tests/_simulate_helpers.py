"""Shared helpers of the simulator tests (not a test module)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from pflab.provenance import Source
from pflab.simulate.calibrate import CompiledModel, compile_model
from pflab.simulate.macro import MacroBase
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.sectors import SectorStructure

#: Constant TFP trend of the hand-checked paths (log per year).
TREND = 0.012

FIXED = {
    "tfp_trend_shift": 0.0,
    "labour_share": 0.55,
    "depreciation": 0.05,
    "investment_rate": 0.40,
    "investment_rate_2050_ratio": 1.0,
    "labour_growth": -0.007,
    "human_capital_growth": 0.005,
    "sector_noise_sd": 0.0,
}


def fixed_scenario(base: str = "none", **overrides: Any) -> Scenario:
    """A built-in scenario with every model parameter fixed (no uncertainty)."""
    scen = load_scenario(base)
    data = scen.to_dict()
    params = {k: _median(v) for k, v in data["parameters"].items()}
    params.update(FIXED)
    params.update(overrides.pop("parameters", {}))
    data["parameters"] = params
    for section in ("budget", "mechanism"):
        for k, v in list(data[section].items()):
            if isinstance(v, dict) and "dist" in v:
                data[section][k] = _median(v)
    data.update(overrides)
    return load_scenario(data)


def fixed_model(
    base: str = "none",
    *,
    sectors: SectorStructure,
    macro: MacroBase,
    trend: float = TREND,
    hessian: Any = None,
    **overrides: Any,
) -> CompiledModel:
    """:func:`fixed_scenario` compiled, with a constant TFP trend and no observed year."""
    model = compile_model(
        fixed_scenario(base, **overrides), sectors=sectors, macro=macro, hessian=hessian
    )
    return dataclasses.replace(
        model, tfp_trend=np.full(model.T, trend), observed_growth=np.full(model.T, np.nan)
    )


def _median(spec: dict[str, Any]) -> float:
    from pydantic import TypeAdapter

    from pflab.simulate.distributions import Distribution

    return TypeAdapter(Distribution).validate_python(spec).median()


def toy_macro(capital_output: float, base_year: int = 2023) -> MacroBase:
    """Base-year data with Y0 = 1 and the given capital-output ratio."""
    years = list(range(2015, base_year + 1))
    history = pd.DataFrame(
        {"gdp": 1.0, "gdp_per_capita": 1.0, "tfp": 1.0, "population": 1.0},
        index=pd.Index(years, name="year"),
    )
    return MacroBase(
        economy="TOY",
        country="Toy",
        base_year=base_year,
        gdp=1.0,
        capital=capital_output,
        labour=1.0,
        human_capital=1.0,
        population=1.0,
        history=history,
        source=Source(name="toy", version="0", citation="hand-built"),
        vintage="toy",
        last_year=base_year,
    )
