"""The model's known answers on China's WIOD 2014 sector structure: Solow closed form,
PWT backcast, Hulten aggregation, second-order aggregation, breakthrough sizes, common
random numbers. (Agreement with pflab.network is in test_simulate_network.py.)"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import stats

from _simulate_helpers import FIXED, TREND, fixed_model, fixed_scenario, toy_macro
from pflab.accounting import growth_accounting
from pflab.data import load_pwt
from pflab.errors import ParameterError
from pflab.network import domar_weights
from pflab.simulate import compile_model, load_sectors
from pflab.simulate.knowledge import truncated_pareto
from pflab.simulate.model import draw_parameters, simulate_block, solow_path
from pflab.simulate.outputs import scalar_output
from pflab.simulate.streams import Streams, chunk_seed

SECTORS = load_sectors("CHN", "wiod", 2014)


def _steady_state_ko(p: dict[str, float]) -> tuple[float, float]:
    alpha = p["labour_share"]
    gamma = TREND / alpha + p["labour_growth"] + p["human_capital_growth"]
    return p["investment_rate"] / (np.exp(gamma) - 1 + p["depreciation"]), gamma


def test_no_policy_no_noise_is_the_closed_form_solow_path() -> None:
    # On the balanced growth path K/Y = s/(e^γ − 1 + δ), γ = g_A/α + g_L + g_h, output
    # grows at exactly γ a year: ln Y_t = γ t.
    ko, gamma = _steady_state_ko(FIXED)
    model = fixed_model("none", sectors=SECTORS, macro=toy_macro(ko))
    out = simulate_block(model, Streams(3, 0, 5))
    t = np.arange(model.T + 1)
    assert np.max(np.abs(out.log_gdp - gamma * t)) < 1e-10
    assert np.max(np.abs(out.log_tfp - TREND * t)) < 1e-12
    assert np.array_equal(out.log_gdp, out.log_gdp_cf)


def test_off_steady_state_equals_the_ltgm_growth_identity() -> None:
    # An independent recursion in growth-factor form (World Bank LTGM):
    # 1+g_Y = (1+g_A)(1+g_K)^(1−α)((1+g_L)(1+g_h))^α, 1+g_K = 1−δ + s Y/K.
    p = FIXED
    ko = 5.5
    model = fixed_model("none", sectors=SECTORS, macro=toy_macro(ko))
    out = simulate_block(model, Streams(0, 0, 2))
    y, k = 1.0, ko
    expected = [0.0]
    for _ in range(model.T):
        gk = 1 - p["depreciation"] + p["investment_rate"] * y / k
        gy = (
            np.exp(TREND)
            * gk ** (1 - p["labour_share"])
            * np.exp(p["labour_share"] * (p["labour_growth"] + p["human_capital_growth"]))
        )
        k, y = k * gk, y * gy
        expected.append(np.log(y))
    assert np.max(np.abs(out.log_gdp[0] - np.array(expected))) < 1e-10


def test_simulate_block_agrees_with_solow_path() -> None:
    ko = 4.0
    model = fixed_model("none", sectors=SECTORS, macro=toy_macro(ko))
    out = simulate_block(model, Streams(0, 0, 1))
    T = model.T
    ly, _ = solow_path(
        np.full(T, TREND),
        np.full(T, FIXED["investment_rate"]),
        np.full(T, FIXED["depreciation"]),
        np.full(T + 1, FIXED["labour_share"]),
        np.full(T, FIXED["labour_growth"]),
        np.full(T, FIXED["human_capital_growth"]),
        ko,
    )
    assert np.max(np.abs(out.log_gdp[0] - ly)) < 1e-10


def test_backcast_reproduces_observed_gdp_2000_2019() -> None:
    # Fed China's observed TFP (pflab.accounting, capital stock method), investment
    # (implied by PWT's rnna and delta), labour (emp × avh), human capital and labour
    # shares, the model's accumulation and production reproduce observed GDP growth.
    rows = load_pwt("11.0").economy("CHN").sort_index().loc[2000:2019]
    tfp = growth_accounting("CHN", method="stock").annual.loc[2001:2019, "tfp"].to_numpy()
    k, y, d = rows["rnna"], rows["rgdpna"], rows["delta"]
    s = np.array([(k[t + 1] - (1 - d[t + 1]) * k[t]) / y[t] for t in range(2000, 2019)])
    log_y, _ = solow_path(
        tfp,
        s,
        d.loc[2001:2019].to_numpy(),
        rows["labsh"].to_numpy(),
        np.diff(np.log((rows["emp"] * rows["avh"]).to_numpy())),
        np.diff(np.log(rows["hc"].to_numpy())),
        k[2000] / y[2000],
    )
    observed = np.log((y / y[2000]).to_numpy())
    gap = np.abs(np.diff(log_y) - np.diff(observed))
    assert gap.max() < 0.001  # within 0.1% a year, every year


def test_first_order_aggregation_is_hulten() -> None:
    # With idiosyncratic noise only (ρ = 0), aggregate TFP = Σ_i D_i a^GO_i = Σ_i v_i a_i,
    # recomputed here from the same random numbers.
    model = fixed_model(
        "none",
        sectors=SECTORS,
        macro=toy_macro(4.0),
        parameters={"sector_noise_sd": 0.03, "sector_noise_correlation": 0.0},
    )
    n = 7
    out = simulate_block(model, Streams(11, 2, n))
    replay = Streams(11, 2, n)
    from pflab.simulate.model import draw_parameters

    draw_parameters(model, replay)
    assert SECTORS.table is not None
    # the network module's Hulten weights, on the structure's (non-empty) sectors
    domar = domar_weights(SECTORS.table).loc[list(SECTORS.codes)].to_numpy()
    x = np.zeros((model.N, n))
    # gross-output TFP per unit of value-added TFP (sectors without output carry none)
    go = np.divide(SECTORS.va_share, domar, out=np.zeros(model.N), where=domar > 0)
    for t in range(1, model.T + 1):
        x += 0.03 * replay.noise(model.N).astype(np.float64)
        replay.common()
        a_go = (TREND * t * model.drift_unit)[:, None] * go[:, None] + x * go[:, None]
        expected = domar @ a_go
        assert out.log_tfp[:, t] == pytest.approx(expected, abs=2e-6)


def test_value_added_shares_follow_relative_tfp() -> None:
    # v_it ∝ v_i0 exp((σ_c − 1) a_it) (CES, Ngai and Pissarides 2007), recomputed in double
    # precision from the same random numbers, common shock included.
    sd, rho, sigma_c = 0.04, 0.3, 0.5
    model = fixed_model(
        "none",
        sectors=SECTORS,
        macro=toy_macro(4.0),
        parameters={
            "sector_noise_sd": sd,
            "sector_noise_correlation": rho,
            "substitution_elasticity": sigma_c,
        },
    )
    n = 16
    out = simulate_block(model, Streams(4, 1, n))
    replay = Streams(4, 1, n)
    draw_parameters(model, replay)
    x = np.zeros((model.N, n))
    common = np.zeros(n)
    for t in range(1, model.T + 1):
        x += sd * np.sqrt(1 - rho) * replay.noise(model.N).astype(np.float64)
        common += replay.common()
        a = (TREND * t * model.drift_unit)[:, None] + x + sd * np.sqrt(rho) * common
        num = SECTORS.va_share[:, None] * np.exp((sigma_c - 1) * a)
        share = num / num.sum(axis=0)
        assert out.manufacturing[:, t - 1] == pytest.approx(
            share[SECTORS.manufacturing].sum(axis=0), abs=1e-6
        )
        assert out.share_sums[t - 1] == pytest.approx(share.sum(axis=1), rel=1e-5, abs=1e-9)


def test_policy_gains_shift_value_added_shares_away_from_targets() -> None:
    # With σ_c < 1 a sector whose relative TFP rises loses value-added share (Baumol 1967).
    macro = toy_macro(5.0)
    params = {"substitution_elasticity": 0.5}
    central = fixed_model("central", sectors=SECTORS, macro=macro, parameters=params)
    none = fixed_model("none", sectors=SECTORS, macro=macro, parameters=params)
    n = 64
    with_policy = simulate_block(central, Streams(9, 0, n))
    without = simulate_block(none, Streams(9, 0, n))
    assert with_policy.share_sums.sum(axis=1) == pytest.approx(n, rel=1e-5)
    targets = central.targets
    last = with_policy.share_sums[-1, targets].sum()
    assert last < without.share_sums[-1, targets].sum()


def test_second_order_aggregation_on_a_horizontal_ces_economy() -> None:
    # Horizontal CES economy (no input-output links; Domar = VA shares λ): exact
    # ln Y = (1/(σ−1)) ln Σ λ_i A_i^(σ−1); Baqaee–Farhi Hessian (σ−1)(diag λ − λλᵀ).
    # Second order must beat first order, with an error of third order.
    lam = SECTORS.va_share
    sigma = 3.0
    hess = (sigma - 1) * (np.diag(lam) - np.outer(lam, lam))
    flat = dataclasses.replace(
        SECTORS, gross_output=SECTORS.value_added, label="horizontal", table=None
    )
    noisy = {"sector_noise_sd": 0.05}
    model = fixed_model(
        "none",
        sectors=flat,
        macro=toy_macro(4.0),
        trend=0.0,
        hessian=hess,
        aggregation="second-order",
        parameters=noisy,
    )
    first_model = fixed_model(
        "none", sectors=flat, macro=toy_macro(4.0), trend=0.0, parameters=noisy
    )
    n = 50
    second = simulate_block(model, Streams(5, 0, n)).log_tfp[:, 10]
    first = simulate_block(first_model, Streams(5, 0, n)).log_tfp[:, 10]
    replay = Streams(5, 0, n)
    from pflab.simulate.model import draw_parameters

    p = draw_parameters(model, replay)
    x = np.zeros((model.N, n))
    for _ in range(10):
        z = replay.noise(model.N).astype(np.float64)
        c = replay.common()
        rho = p["sector_noise_correlation"]
        x += 0.05 * (np.sqrt(1 - rho) * z + np.sqrt(rho) * c)
    exact = np.log(lam @ np.exp((sigma - 1) * x)) / (sigma - 1)
    err1 = np.abs(first - exact)
    err2 = np.abs(second - exact)
    assert np.median(err2) < 0.1 * np.median(err1)


def test_second_order_needs_a_table_or_a_hessian() -> None:
    hand_built = dataclasses.replace(SECTORS, label="hand-built", table=None)
    with pytest.raises(ParameterError, match="second-order aggregation needs the input"):
        compile_model(
            fixed_scenario("none", aggregation="second-order"),
            sectors=hand_built,
            macro=toy_macro(4.0),
        )


def test_truncated_pareto_matches_its_cdf() -> None:
    alpha, lo, hi = 1.1, 0.01, 0.26
    u = np.random.default_rng(0).random(200_000)
    z = truncated_pareto(u, np.full(u.size, alpha), np.full(u.size, lo), hi)
    assert z.min() >= lo and z.max() <= hi
    grid = np.array([0.012, 0.02, 0.05, 0.1, 0.2])
    cdf = (1 - (lo / grid) ** alpha) / (1 - (lo / hi) ** alpha)
    emp = (z[:, None] <= grid).mean(axis=0)
    assert emp == pytest.approx(cdf, abs=0.005)
    # scipy's truncated Pareto as a second reference
    ref = stats.truncpareto(alpha, hi / lo, scale=lo)
    assert emp == pytest.approx(ref.cdf(grid), abs=0.005)


def test_zero_budget_is_the_no_policy_path_and_counterfactual_is_none() -> None:
    macro = toy_macro(5.0)
    central = fixed_model("central", sectors=SECTORS, macro=macro)
    none = fixed_model("none", sectors=SECTORS, macro=macro)
    a = simulate_block(central, Streams(9, 0, 64))
    b = simulate_block(none, Streams(9, 0, 64))
    # common random numbers: the policy run's own counterfactual is the 'none' run
    assert np.array_equal(a.log_gdp_cf, b.log_gdp)
    assert np.array_equal(a.log_tfp_cf, b.log_tfp)
    assert np.all(a.log_tfp[:, -1] > a.log_tfp_cf[:, -1])  # R&D gains are positive
    zero = fixed_model(
        "central", sectors=SECTORS, macro=macro, budget={"share_of_gdp": 0.0, "start": 2024}
    )
    c = simulate_block(zero, Streams(9, 0, 64))
    assert np.array_equal(c.log_gdp, b.log_gdp)


def test_uncertain_draws_share_parameters_across_scenarios() -> None:
    macro = toy_macro(5.0)
    central = fixed_model("central", sectors=SECTORS, macro=macro)
    grants = fixed_model("grants", sectors=SECTORS, macro=macro)
    a = simulate_block(central, Streams(1, 0, 32))
    b = simulate_block(grants, Streams(1, 0, 32))
    assert np.array_equal(a.log_tfp_cf, b.log_tfp_cf)
    assert not np.array_equal(a.log_tfp, b.log_tfp)


def test_more_money_buys_more_tfp() -> None:
    macro = toy_macro(5.0)
    effects = []
    for share in (0.005, 0.01, 0.02):
        budget = {"share_of_gdp": share, "start": 2024}
        model = fixed_model("central", sectors=SECTORS, macro=macro, budget=budget)
        out = simulate_block(model, Streams(2, 0, 256))
        effects.append(scalar_output(model, out, "tfp_effect_2024_2035").mean())
    assert effects[0] < effects[1] < effects[2]
    # diminishing returns: the elasticity acts on log(1 + P/S)
    assert effects[2] - effects[1] < 2 * (effects[1] - effects[0])


def test_chunk_seed_is_the_spawned_child() -> None:
    children = np.random.SeedSequence(42).spawn(5)
    for c in range(5):
        assert np.array_equal(chunk_seed(42, c).generate_state(4), children[c].generate_state(4))
