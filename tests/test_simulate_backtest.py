"""The hindcast: CRPS against known answers, a small backtest's shape and calibration, the
command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.errors import ParameterError
from pflab.simulate import load_scenario
from pflab.simulate.baseline import pwt_trend
from pflab.simulate.hindcast import backtest, crps_ensemble, crps_normal


def test_crps_of_an_ensemble_matches_the_normal_closed_form() -> None:
    rng = np.random.default_rng(0)
    draws = rng.normal(0.02, 0.01, 200_000)
    for y in (0.02, 0.005, 0.05):
        assert crps_ensemble(draws, y) == pytest.approx(crps_normal(0.02, 0.01, y), rel=0.01)
    # a point forecast's CRPS is the absolute error
    assert crps_ensemble(np.full(10, 0.03), 0.01) == pytest.approx(0.02)
    # at the mean of N(0, 1): (√2 − 1)/√π (Gneiting and Raftery 2007)
    assert crps_normal(0.0, 1.0, 0.0) == pytest.approx((np.sqrt(2) - 1) / np.sqrt(np.pi))


def test_small_backtest_is_calibrated_on_data_up_to_each_origin() -> None:
    result = backtest("none", [2005, 2012], draws=300, seed=1)
    scores = result.scores
    assert set(scores["origin"]) == {2005, 2012}
    assert scores.groupby("origin")["year"].min().to_dict() == {2005: 2006, 2012: 2013}
    assert scores["year"].max() == 2023
    n = len(scores) // 2
    assert result.pit[["tfp_growth", "gdp_growth"]].sum().tolist() == [n, n]
    summary = result.summary_table.set_index("variable")
    assert set(summary.index) == {"tfp_growth", "gdp_growth", "all"}
    assert summary["coverage_90"].between(0, 1).all()
    assert (summary["coverage_50"] <= summary["coverage_90"]).all()
    # the trend at each origin is the 15-year residual mean up to that origin
    trend = result.calibration.set_index("origin")["tfp_trend"]
    assert trend[2005] == pytest.approx(pwt_trend("CHN", 2005, 15, "11.0")[0] * 100)
    # tables: NBS from 2007, OECD before
    tables = result.calibration.set_index("origin")["table"]
    assert "oecd45" in tables[2005] and "nbs139" in tables[2012]
    assert "Targets:" in result.notes[0]
    assert (result.calibration["noise_factor"] > 1).all()  # China was more volatile before
    assert result.to_dict()["tables"]["summary"]


def test_the_uncertainty_is_calibrated_on_the_years_before_each_origin() -> None:
    from pflab.accounting import growth_accounting
    from pflab.simulate import compile_model, load_sectors
    from pflab.simulate.hindcast import _simulated
    from pflab.simulate.macro import macro_base
    from pflab.simulate.origins import noise_scale, origin_estimates, origin_scenario, table_for

    origin = 2005
    tfp = growth_accounting("CHN", method="stock").annual["tfp"].loc[1991:2005]
    est = origin_estimates(origin)
    assert len(tfp) == 15 and est["tfp_sd"] == pytest.approx(float(tfp.std(ddof=1)), rel=1e-12)
    assert est["tfp_trend_se"] == pytest.approx(est["tfp_sd"] / np.sqrt(15), rel=1e-12)
    scen, table = load_scenario("none"), table_for(origin)
    sectors, macro = load_sectors("CHN", *table), macro_base("CHN", origin)
    unscaled = compile_model(
        origin_scenario(scen, origin, 2023, table), sectors=sectors, macro=macro
    )
    factor = noise_scale(unscaled, est["tfp_sd"])
    model = compile_model(
        origin_scenario(scen, origin, 2023, table, noise_factor=factor),
        sectors=sectors,
        macro=macro,
    )
    # fresh draws (another seed): the median within-draw s.d. over 15 years hits the target
    growth = _simulated(model, 2000, 7)["tfp_growth"][:, :15]
    within = np.median(np.std(growth, axis=1, ddof=1))
    assert within == pytest.approx(est["tfp_sd"], rel=0.05)
    assert model.distributions["tfp_trend_shift"].sd == pytest.approx(est["tfp_trend_se"])
    # the scenario's own uncertainty is kept with volatility = "scenario"
    kept = origin_scenario(scen, origin, 2023, table, volatility="scenario", noise_factor=factor)
    assert kept.parameters.sector_noise_sd == scen.parameters.sector_noise_sd
    assert kept.parameters.tfp_trend_shift == scen.parameters.tfp_trend_shift


def test_bad_origins_and_draws_are_parameter_errors() -> None:
    with pytest.raises(ParameterError, match="origins"):
        backtest("none", [1990], draws=200)
    with pytest.raises(ParameterError, match="draws"):
        backtest("none", [2005], draws=10)
    with pytest.raises(ParameterError, match="volatility"):
        backtest("none", [2005], draws=200, volatility="wide")


def test_backtest_command(tmp_path: object) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["backtest", "none", "--origins", "2012", "-n", "200", "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["kind"] == "Backtest" and data["provenance"]["parameters"]["origins"] == [2012]
    res = runner.invoke(app, ["backtest", "none", "--origins", "2012,x"])
    assert res.exit_code == 1 and "--origins" in res.output
