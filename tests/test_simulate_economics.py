"""The economics the issue-9 model must get right, pinned: no reversal by construction,
the services elasticity prior, the volatility calibration, the consensus baseline, 2024
as data, absorptive capacity, money split into R&D and capital, the population path and
the one investment-rate definition."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from _simulate_helpers import fixed_model, toy_macro
from pflab.data import load_pwt
from pflab.simulate import compare, compile_model, load_scenario, load_sectors
from pflab.simulate.baseline import cip_trend, consensus_targets, pwt_trend
from pflab.simulate.macro import macro_base, population_growth
from pflab.simulate.model import simulate_block
from pflab.simulate.scenario import Scenario
from pflab.simulate.streams import Streams

NBS = load_sectors("CHN", "nbs", 2020)


def _scenario(name: str, **parameters: Any) -> Scenario:
    data = load_scenario(name).to_dict()
    data["parameters"].update(parameters)
    return load_scenario(data)


def _effect_paths(scen: Scenario, draws: int = 300, seed: int = 3) -> np.ndarray:
    out = simulate_block(compile_model(scen, sectors=NBS), Streams(seed, 0, draws))
    return np.asarray(out.log_tfp - out.log_tfp_cf)


@pytest.mark.parametrize("name", ["central", "guidance-funds", "services-first"])
def test_without_decline_and_depreciation_the_policy_effect_never_falls(name: str) -> None:
    # φ = 0 and δ_R = 0: the policy's share of all effective research only accumulates
    scen = _scenario(name, research_productivity_decline=0.0, knowledge_depreciation=0.0)
    effect = _effect_paths(scen)
    assert effect[:, -1].min() > 0
    assert np.diff(effect, axis=1).min() >= 0.0


def test_with_the_default_decline_the_median_effect_does_not_reverse() -> None:
    # research productivity falls for baseline and policy research alike, so the policy's
    # gain does not turn down after 2035 by construction (it did when only policy money
    # faced the decline). About half the draws dip in some year (a lean year of research
    # against a stock that still grows); the median path must not, so it is taken over
    # enough draws that its Monte Carlo error (about 1e-6 at 300 draws) stays below the
    # smallest yearly rise (about 1e-5).
    median = np.median(_effect_paths(load_scenario("central"), draws=3000), axis=0)
    assert median[-1] > median[12] > 0  # 2050 above 2035
    assert np.diff(median[2:]).min() >= -1e-12


def test_services_elasticity_prior_moves_services_first_the_way_theory_says() -> None:
    # With a weak absorptive-capacity constraint (its low end, h = 0.5 % of value added),
    # services-first ranks below central coordination under the services prior; given
    # manufacturing's (higher) prior it overtakes it. Its effect must rise either way.
    names = ["central", "grants", "guidance-funds", "services-first"]

    def effects(services_like_manufacturing: bool) -> pd.Series:
        scens = []
        for name in names:
            data = load_scenario(name).to_dict()
            data["parameters"]["absorptive_half"] = 0.005
            if services_like_manufacturing:
                data["parameters"]["rd_elasticity_services"] = data["parameters"][
                    "rd_elasticity_manufacturing"
                ]
            scens.append(load_scenario(data))
        result = compare(scens, draws=400, seed=2).results
        return result.headline().set_index("scenario")["tfp_effect_p50"]

    before, after = effects(False), effects(True)
    assert after["services-first"] > 1.3 * before["services-first"]
    rank_before = list(before.sort_values(ascending=False).index).index("services-first")
    rank_after = list(after.sort_values(ascending=False).index).index("services-first")
    assert rank_after < rank_before
    assert before["services-first"] < before["central"] < after["services-first"]


def test_volatility_is_calibrated_to_pwt_within_20_percent() -> None:
    rows = load_pwt("11.0").economy("CHN").sort_index()
    observed = np.diff(np.log(rows["rtfpna"].loc[2007:2023].to_numpy())) * 100
    target = float(np.std(observed, ddof=1))  # 16 annual growth rates, 2008-2023
    assert target == pytest.approx(1.29, abs=0.005)
    model = compile_model(load_scenario("none"), sectors=NBS)
    out = simulate_block(model, Streams(11, 0, 1500))
    growth = np.diff(out.log_tfp, axis=1)[:, 1:17] * 100  # 2025-2040: 16 simulated years
    within = np.std(growth, axis=1, ddof=1)
    assert abs(np.median(within) / target - 1) < 0.2


def test_none_follows_the_consensus_path_and_2024_is_data() -> None:
    model = compile_model(load_scenario("none"), sectors=NBS)
    out = simulate_block(model, Streams(5, 0, 1500))
    growth = np.diff(out.log_gdp, axis=1)
    # 2024: the official 5.0 % in every draw (NBS), not simulated
    assert np.max(np.abs(growth[:, 0] - math.log(1.05))) < 1e-12
    targets = consensus_targets()
    for j, year in enumerate(int(y) for y in model.years):
        if 2025 <= year <= 2030:
            assert np.median(growth[:, j]) == pytest.approx(math.log1p(targets[year]), abs=1.5e-3)
    assert targets[2025] == pytest.approx(0.5 * (0.045 + 0.041))
    assert targets[2030] == 0.038 and targets[2037] == 0.035


def test_the_baselines() -> None:
    from pflab.accounting import cip_aggregate

    macro = macro_base()
    years = np.arange(2024, 2051)
    trends = {}
    for kind in ("consensus", "pwt-trend", "adjusted", "adjusted-pwt10"):
        scen = load_scenario("none").model_copy(
            update={"baseline": load_scenario("none").baseline.model_copy(update={"kind": kind})}
        )
        trends[kind] = compile_model(scen, sectors=NBS, macro=macro).tfp_trend
    pwt = pwt_trend("CHN", 2023, 15, "11.0")
    pwt10 = pwt_trend("CHN", 2023, 15, "10.01")
    cip = cip_trend(15)
    assert pwt[1:] == (2009, 2023) and pwt10[1:] == (2005, 2019)  # PWT 10.01 ends in 2019
    assert cip[1:] == (2003, 2017)  # CIP 4.0 ends in 2017
    assert pwt[0] == pytest.approx(0.0205, abs=5e-4)
    assert np.all(trends["pwt-trend"][1:] == pwt[0]) and np.isnan(trends["pwt-trend"][0])
    assert np.all(trends["adjusted-pwt10"][1:] == pwt10[0])
    # the adjusted trend is CIP's own era average of its Total-row TFP growth
    era = cip_aggregate(eras="2003-2017")
    assert np.all(trends["adjusted"][1:] == pytest.approx(era.tfp("2003–2017") / 100, rel=1e-12))
    assert cip[0] < pwt10[0] < np.nanmean(trends["consensus"]) < pwt[0]
    assert len(years) == len(trends["consensus"])


def test_absorptive_capacity_lowers_what_low_rd_sectors_get() -> None:
    effects = {}
    for half in (0.0, 0.02):
        effects[half] = {
            name: np.median(_effect_paths(_scenario(name, absorptive_half=half))[:, 12])
            for name in ("grants", "services-first")
        }
    # services (R&D about 0.2-0.8 % of value added) lose far more than the high-tech list
    services = effects[0.02]["services-first"] / effects[0.0]["services-first"]
    industry = effects[0.02]["grants"] / effects[0.0]["grants"]
    assert services < 0.6 * industry < 1.0


def test_capital_formation_money_and_explicit_crowding_out() -> None:
    macro = toy_macro(4.0)
    sectors = load_sectors("CHN", "wiod", 2014)
    common = {"budget": {"share_of_gdp": 0.01, "start": 2024}}

    def run(**mechanism: float) -> tuple[float, float]:
        data = {"name": "k", "rd_share": 0.0, "crowd_in": 0.0, **mechanism}
        budget = {**common["budget"], "crowding_out": mechanism.pop("crowding_out", 0.0)}
        model = fixed_model(
            "guidance-funds",
            sectors=sectors,
            macro=macro,
            budget=budget,
            mechanism={k: v for k, v in data.items() if k != "crowding_out"},
        )
        out = simulate_block(model, Streams(1, 0, 4))
        return float(out.log_tfp[0, -1] - out.log_tfp_cf[0, -1]), float(
            out.log_gdp[0, -1] - out.log_gdp_cf[0, -1]
        )

    tfp, gdp = run(capital_efficiency=1.0, crowding_out=0.0, share_productive=1.0)
    assert tfp == 0.0 and gdp > 0  # all money builds capital, none displaced
    tfp, gdp = run(capital_efficiency=0.0, crowding_out=1.0, share_productive=1.0)
    assert tfp == 0.0 and gdp < 0  # idle capacity financed out of investment
    # with efficiency 1 and full crowding-out the two cancel exactly
    tfp, gdp = run(capital_efficiency=1.0, crowding_out=1.0, share_productive=1.0)
    assert abs(gdp) < 1e-12


def test_population_path_interpolates_the_un_projection() -> None:
    growth = population_growth(macro_base(), np.arange(2024, 2055))
    assert growth[0] == pytest.approx(math.log(1408.28 / 1409.67))  # NBS, 2024
    assert growth[1] == pytest.approx(-0.002)  # about −0.2 % near term
    assert growth[1:].mean() == pytest.approx(math.log(1210 / 1410) / 30, rel=1e-12)
    assert np.all(np.diff(growth[1:]) < 0)


def test_second_order_switches_to_the_long_run_set_after_ten_years() -> None:
    sectors = load_sectors("CHN", "wiod", 2014)
    macro = toy_macro(4.0)
    first = fixed_model("none", sectors=sectors, macro=macro, trend=0.02)
    second = fixed_model(
        "none", sectors=sectors, macro=macro, trend=0.02, aggregation="second-order"
    )
    gap = (
        simulate_block(second, Streams(0, 0, 1)).log_tfp[0]
        - simulate_block(first, Streams(0, 0, 1)).log_tfp[0]
    )
    assert abs(gap[5]) > 1e-6  # short run: the Baqaee–Farhi term
    # long run Cobb–Douglas (H = 0): the term stays at its year-10 value, no jump
    assert np.max(np.abs(gap[10:] - gap[10])) < 1e-15
    same = dataclasses.replace(second, hessian_long=second.hessian)
    gap_same = (
        simulate_block(same, Streams(0, 0, 1)).log_tfp[0]
        - simulate_block(first, Streams(0, 0, 1)).log_tfp[0]
    )
    assert abs(gap_same[20]) > abs(gap[20])


def test_investment_rate_definition_reconciles_csh_i(raw_file: Any) -> None:
    # The implied rate (rnna, delta) is investment at the capital-stock PPP; csh_i is at
    # the investment PPP. csh_i × pl_i / pl_n puts it in the stock's units.
    pwt = pd.read_stata(raw_file("pwt/pwt110.dta"))
    rows = pwt[pwt["countrycode"] == "CHN"].set_index("year").sort_index()
    k, d, y = rows["rnna"], rows["delta"], rows["rgdpna"]
    implied = ((k.shift(-1) - (1 - d.shift(-1)) * k) / y).loc[2010:2022]
    converted = (rows["csh_i"] * rows["pl_i"] / rows["pl_n"]).loc[2010:2022]
    assert rows["csh_i"].loc[2010:2022].mean() < 0.47 < implied.mean()  # 0.44 against 0.67
    assert np.max(np.abs(converted / implied - 1)) < 0.08
    assert abs(converted.mean() / implied.mean() - 1) < 0.03
