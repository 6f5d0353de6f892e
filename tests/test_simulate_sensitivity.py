"""Sensitivity analysis (Ishigami's analytic indices) and PRIM scenario discovery."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pflab.errors import ParameterError
from pflab.simulate import discover, prim, sensitivity
from pflab.simulate.distributions import Uniform
from pflab.simulate.sensitivity_analysis import ISHIGAMI_INDICES, indices, ishigami

PI = Uniform(low=-np.pi, high=np.pi)


def test_sobol_reproduces_the_ishigami_indices() -> None:
    table, n = indices(ishigami, {"x1": PI, "x2": PI, "x3": PI}, samples=8192, seed=3)
    table = table.set_index("parameter").loc[["x1", "x2", "x3"]]
    assert n == 8192 * 5
    assert table["S1"].to_numpy() == pytest.approx(ISHIGAMI_INDICES["S1"], abs=0.02)
    assert table["ST"].to_numpy() == pytest.approx(ISHIGAMI_INDICES["ST"], abs=0.02)


def test_morris_ranks_the_ishigami_inputs() -> None:
    # μ* orders the inputs by total effect: x1 (ST 0.56) > x2 (0.44) > x3 (0.24)
    table, _ = indices(
        ishigami, {"x1": PI, "x2": PI, "x3": PI}, method="morris", samples=400, seed=1
    )
    assert next(iter(table["parameter"])) in ("x1", "x2")
    assert list(table["parameter"])[-1] == "x3"


def test_sobol_needs_a_power_of_two() -> None:
    with pytest.raises(ParameterError, match="power of two"):
        indices(ishigami, {"x1": PI, "x2": PI, "x3": PI}, samples=100)


def test_budget_and_elasticity_decide_the_policy_effect() -> None:
    res = sensitivity("central", "tfp_effect_2024_2035", samples=128, replications=2)
    top = res.ranking[:3]
    assert "rd_elasticity_high_tech" in top and "budget.share_of_gdp" in top
    # macro parameters cannot move the TFP bought by the policy much
    st = res.table.set_index("parameter")["ST"]
    assert st["labour_share"] < 0.05 and st["depreciation"] < 0.05
    assert "rd_elasticity_high_tech" in res.summary()
    assert "<table" in res._repr_html_()


def test_baseline_drift_decides_tfp_growth_without_policy() -> None:
    res = sensitivity("none", "tfp_growth_2024_2035", method="morris", samples=20, replications=2)
    assert res.ranking[0] == "tfp_trend_shift"


def test_unknown_output_is_a_clear_error() -> None:
    with pytest.raises(ParameterError, match="unknown output"):
        sensitivity("central", "happiness_2035", samples=8)
    with pytest.raises(ParameterError, match="outside the projection"):
        sensitivity("central", "tfp_growth_2024_2070", samples=8)


def test_prim_finds_a_planted_box() -> None:
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.random((5000, 4)), columns=["a", "b", "c", "d"])
    inside = (x["a"] > 0.6) & (x["b"] < 0.4)
    y = np.where(inside, rng.random(5000) < 0.9, rng.random(5000) < 0.05)
    box = prim(x, y, alpha=0.05, min_coverage=0.6)
    limits = box.limits.set_index("parameter")
    assert set(limits.index) >= {"a", "b"}
    assert limits.at["a", "low"] == pytest.approx(0.6, abs=0.08)
    assert limits.at["b", "high"] == pytest.approx(0.4, abs=0.08)
    assert box.density > 0.8 and box.coverage >= 0.6
    assert "density" in box.summary()


def test_prim_rejects_no_successes() -> None:
    x = pd.DataFrame({"a": [0.1, 0.2]})
    with pytest.raises(ParameterError, match="no case"):
        prim(x, np.array([False, False]))


def test_discovery_on_the_doubling_goal_restricts_the_trend_shift() -> None:
    box = discover("none", draws=6000)
    limits = box.limits.set_index("parameter")
    # doubling 2020 GDP per capita by 2035 needs TFP above the consensus trend
    assert "tfp_trend_shift" in limits.index
    assert limits.at["tfp_trend_shift", "low"] > 0.0
    assert box.density > 2 * box.base_density
