"""Outputs of the simulation, per draw: yearly paths, window averages, named scalars.

Growth rates are log differences (fractions per year); an output over the window
"2024–2035" averages annual growth from 2023→2024 through 2034→2035, i.e.
``(ln X_2035 − ln X_2023) / 12``. The policy *effect* on a growth rate is the same
average of the path with the policy minus the path without it, on the same random
numbers.

Scalar outputs by name (for sensitivity analysis and scenario discovery):

============================================  ==============================================
``tfp_growth_2024_2035``                      average TFP growth over the window
``gdp_growth_…``, ``gdp_per_capita_growth_…``  likewise for GDP, GDP per capita
``tfp_effect_2024_2035``                      TFP growth bought by the policy (fraction/yr)
``gdp_effect_2024_2035``                      GDP growth bought by the policy
``gdp_2035``, ``gdp_per_capita_2035``,        level relative to the base year
``tfp_2035``
``manufacturing_share_2035``                  value-added share of manufacturing
a goal's name                                 1 if the goal is reached, else 0
============================================  ==============================================
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import NDArray

from pflab.errors import ParameterError
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.model import BlockOutput

__all__ = [
    "METRICS",
    "WINDOW_METRICS",
    "goal_hits",
    "scalar_output",
    "window_metrics",
    "yearly_metrics",
]

#: Yearly metrics: name → (description, kind). ``kind`` is ``"log"`` (log level relative
#: to the base year), ``"rate"`` (fraction per year) or ``"share"``.
METRICS: dict[str, tuple[str, str]] = {
    "gdp": ("GDP", "log"),
    "gdp_per_capita": ("GDP per capita", "log"),
    "gdp_growth": ("GDP growth", "rate"),
    "tfp_growth": ("TFP growth", "rate"),
    "tfp_effect": ("TFP level gained from the policy", "log"),
    "gdp_effect": ("GDP level gained from the policy", "log"),
    "manufacturing_share": ("Manufacturing share of value added", "share"),
}

#: Window metrics (average annual rates over each reporting window).
WINDOW_METRICS: dict[str, str] = {
    "tfp_growth": "TFP growth",
    "gdp_growth": "GDP growth",
    "gdp_per_capita_growth": "GDP per capita growth",
    "tfp_effect": "TFP growth bought by the policy",
    "gdp_effect": "GDP growth bought by the policy",
}


def _log_pc(out: BlockOutput) -> NDArray[np.float64]:
    return out.log_gdp - out.log_pop


def yearly_metrics(model: CompiledModel, out: BlockOutput) -> dict[str, NDArray[np.float64]]:
    """``(n, T)`` arrays of every yearly metric."""
    return {
        "gdp": out.log_gdp[:, 1:],
        "gdp_per_capita": _log_pc(out)[:, 1:],
        "gdp_growth": np.diff(out.log_gdp, axis=1),
        "tfp_growth": np.diff(out.log_tfp, axis=1),
        "tfp_effect": (out.log_tfp - out.log_tfp_cf)[:, 1:],
        "gdp_effect": (out.log_gdp - out.log_gdp_cf)[:, 1:],
        "manufacturing_share": out.manufacturing,
    }


def _window(
    model: CompiledModel, path: NDArray[np.float64], first: int, last: int
) -> NDArray[np.float64]:
    i0 = first - 1 - model.base_year
    i1 = last - model.base_year
    return np.asarray((path[:, i1] - path[:, i0]) / (last - first + 1))


def window_metrics(model: CompiledModel, out: BlockOutput) -> dict[str, NDArray[np.float64]]:
    """``(n, W)`` arrays of every window metric, one column per reporting window."""
    paths = {
        "tfp_growth": out.log_tfp,
        "gdp_growth": out.log_gdp,
        "gdp_per_capita_growth": _log_pc(out),
        "tfp_effect": out.log_tfp - out.log_tfp_cf,
        "gdp_effect": out.log_gdp - out.log_gdp_cf,
    }
    result: dict[str, NDArray[np.float64]] = {}
    for name, path in paths.items():
        cols = [_window(model, path, a, b) for a, b in model.windows]
        result[name] = np.stack(cols, axis=1) if cols else np.zeros((path.shape[0], 0))
    return result


def goal_hits(
    model: CompiledModel, out: BlockOutput, *, counterfactual: bool = False
) -> dict[str, NDArray[np.bool_]]:
    """Whether each goal is reached, per draw (with or without the policy)."""
    log_gdp = out.log_gdp_cf if counterfactual else out.log_gdp
    log_tfp = out.log_tfp_cf if counterfactual else out.log_tfp
    paths = {"gdp": log_gdp, "gdp_per_capita": log_gdp - out.log_pop, "tfp": log_tfp}
    hits = {}
    for name, output, year, threshold in model.goals:
        i = year - model.base_year
        hits[name] = paths[output][:, i] >= np.log(threshold)
    return hits


_GROWTH = re.compile(r"^(tfp|gdp|gdp_per_capita)_(growth|effect)_(\d{4})_(\d{4})$")
_LEVEL = re.compile(r"^(tfp|gdp|gdp_per_capita|manufacturing_share)_(\d{4})$")


def _check_year(model: CompiledModel, year: int, name: str) -> int:
    i = year - model.base_year
    if not 1 <= i <= model.T:
        raise ParameterError(
            "output",
            f"{name}: year {year} is outside the projection "
            f"{model.base_year + 1}–{model.base_year + model.T}",
        )
    return i


def scalar_output(model: CompiledModel, out: BlockOutput, name: str) -> NDArray[np.float64]:
    """One number per draw for a named output (see the module docstring).

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown name or a year outside the projection.
    """
    m = _GROWTH.match(name)
    if m:
        var, kind, a, b = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        _check_year(model, a, name)
        _check_year(model, b, name)
        if a > b:
            raise ParameterError("output", f"{name}: first year after last year")
        if kind == "effect" and var == "gdp_per_capita":
            var = "gdp"
        base = {"tfp": out.log_tfp, "gdp": out.log_gdp, "gdp_per_capita": _log_pc(out)}[var]
        if kind == "effect":
            cf = {"tfp": out.log_tfp_cf, "gdp": out.log_gdp_cf}[var]
            return _window(model, base - cf, a, b)
        return _window(model, base, a, b)
    m = _LEVEL.match(name)
    if m:
        var, year = m.group(1), int(m.group(2))
        i = _check_year(model, year, name)
        if var == "manufacturing_share":
            return np.asarray(out.manufacturing[:, i - 1])
        path = {"tfp": out.log_tfp, "gdp": out.log_gdp, "gdp_per_capita": _log_pc(out)}[var]
        return np.asarray(np.exp(path[:, i]))
    goals = {g[0]: g for g in model.goals}
    if name in goals:
        return goal_hits(model, out)[name].astype(np.float64)
    known = ", ".join(
        [
            "tfp_growth_2024_2035",
            "gdp_effect_2024_2035",
            "gdp_per_capita_2035",
            "manufacturing_share_2035",
            *goals,
        ]
    )
    raise ParameterError("output", f"unknown output {name!r}; examples: {known}")
