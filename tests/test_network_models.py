"""Beyond Hulten (Baqaee & Farhi 2019) and distortion centrality (Liu 2019): analytic cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from network_cases import random_table
from pflab.data.iotables import IOTable, load_io
from pflab.errors import ModelError, ParameterError
from pflab.network import (
    CESEconomy,
    distortion_centrality,
    domar_jacobian,
    domar_weights,
    exact_response,
    second_order,
    shock_analysis,
)


def two_goods(b: float) -> IOTable:
    """Two sectors without intermediates: final demand shares b and 1 − b."""
    return IOTable.from_blocks(
        economy="TG",
        year=2000,
        scheme="two",
        codes=["1", "2"],
        Z=np.zeros((2, 2)),
        final_demand=pd.DataFrame({"final": [b, 1 - b]}, index=["1", "2"]),
        value_added=[b, 1 - b],
    )


@pytest.mark.parametrize("theta", [0.5, 2.0])
def test_exact_response_matches_the_power_mean_closed_form(theta: float) -> None:
    # one mobile factor, y_i = A_i L_i: log Y = log(Σ b_i A_i^(θ−1)) / (θ − 1)
    b = 0.3
    economy = CESEconomy.from_table(two_goods(b), theta=theta, factors="mobile")
    d = np.array([0.2, -0.1])
    exact, _ = exact_response(economy, d)
    expected = np.log(b * np.exp(d[0] * (theta - 1)) + (1 - b) * np.exp(d[1] * (theta - 1))) / (
        theta - 1
    )
    assert exact == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("theta", [0.5, 2.0])
def test_second_order_is_the_variance_formula(theta: float) -> None:
    # Baqaee & Farhi: d² log Y = (θ − 1) Var_b(d log A) with a mobile factor
    b = 0.3
    economy = CESEconomy.from_table(two_goods(b), theta=theta, factors="mobile")
    d = np.array([0.02, -0.01])
    first, second, _ = second_order(economy, d)
    mean = b * d[0] + (1 - b) * d[1]
    variance = b * d[0] ** 2 + (1 - b) * d[1] ** 2 - mean**2
    assert first == pytest.approx(mean, rel=1e-12)
    assert second == pytest.approx(mean + 0.5 * (theta - 1) * variance, rel=1e-10)


@pytest.mark.parametrize("theta", [0.5, 2.0])
def test_specific_factors_closed_form(theta: float) -> None:
    # fixed factors: y_i = A_i L̄_i, so log Y = θ/(θ−1) · log Σ b_i A_i^((θ−1)/θ)
    b = 0.4
    economy = CESEconomy.from_table(two_goods(b), theta=theta, factors="specific")
    d = np.array([0.15, 0.05])
    exact, _ = exact_response(economy, d)
    rho = (theta - 1) / theta
    expected = np.log(b * np.exp(rho * d[0]) + (1 - b) * np.exp(rho * d[1])) / rho
    assert exact == pytest.approx(expected, rel=1e-9)


@pytest.fixture(scope="module")
def china42() -> IOTable:
    return load_io("CHN", 2020, sectors=42)


@pytest.mark.parametrize("factors", ["mobile", "specific"])
def test_cobb_douglas_is_exactly_hulten(china42: IOTable, factors: str) -> None:
    economy = CESEconomy.from_table(china42, theta=1, sigma=1, epsilon=1, factors=factors)  # type: ignore[arg-type]
    d = np.zeros(economy.n)
    d[19], d[5] = np.log(1.3), -0.2
    exact, _ = exact_response(economy, d)
    first, second, _ = second_order(economy, d)
    assert exact == pytest.approx(first, rel=1e-11)
    assert second == pytest.approx(first, rel=1e-12)


@pytest.mark.parametrize("factors", ["mobile", "specific"])
def test_second_order_converges_to_first_and_errors_shrink_by_order(
    china42: IOTable, factors: str
) -> None:
    economy = CESEconomy.from_table(china42, factors=factors)  # type: ignore[arg-type]
    direction = np.zeros(economy.n)
    direction[19], direction[5], direction[30] = 1.0, -0.5, 0.3
    errors_first, errors_second, gaps = [], [], []
    for scale in (0.08, 0.04, 0.02):
        d = direction * scale
        exact, _ = exact_response(economy, d)
        first, second, _ = second_order(economy, d)
        errors_first.append(abs(exact - first))
        errors_second.append(abs(exact - second))
        gaps.append(abs(second - first) / abs(first))
    # the second-order term vanishes relative to the first in proportion to the shock ...
    assert gaps[1] / gaps[0] == pytest.approx(0.5, rel=0.05)
    assert gaps[2] / gaps[1] == pytest.approx(0.5, rel=0.05)
    # ... the first-order error is O(d²) and the second-order error O(d³)
    assert errors_first[0] / errors_first[1] == pytest.approx(4.0, rel=0.15)
    assert errors_second[0] / errors_second[1] == pytest.approx(8.0, rel=0.2)
    assert errors_second[2] < 0.05 * errors_first[2]


@pytest.mark.parametrize("factors", ["mobile", "specific"])
def test_domar_jacobian_is_a_symmetric_hessian(china42: IOTable, factors: str) -> None:
    # ∂λ_k/∂log A_l = ∂²log Y/∂log A_k ∂log A_l must be symmetric, and J d = dλ(d)
    economy = CESEconomy.from_table(china42, factors=factors)  # type: ignore[arg-type]
    jacobian = domar_jacobian(economy)
    scale = np.abs(jacobian).max()
    np.testing.assert_allclose(jacobian, jacobian.T, atol=1e-12 * scale)
    d = np.random.default_rng(3).normal(0.0, 0.01, economy.n)
    np.testing.assert_allclose(jacobian @ d, second_order(economy, d)[2], atol=1e-12 * scale)


def test_model_first_order_in_gdp_units_equals_domar(china42: IOTable) -> None:
    economy = CESEconomy.from_table(china42)
    weights = domar_weights(china42).loc[list(economy.codes)].to_numpy()
    np.testing.assert_allclose(economy.kappa * economy.domar, weights, rtol=1e-12)


def test_elasticities_are_checked(china42: IOTable) -> None:
    with pytest.raises(ParameterError, match="theta"):
        CESEconomy.from_table(china42, theta=0.0)


def test_shock_analysis_of_chips_on_the_2020_table() -> None:
    table = load_io("CHN", 2020)
    result = shock_analysis(table, ["electronic-components:10"])
    assert list(result.sectors.index) == ["094"]
    weight = domar_weights(table)["094"]
    assert result.value("tfp_first_order") == pytest.approx(100 * weight * np.log(1.1), rel=1e-12)
    assert result.value("tfp_exact") < result.value("tfp_first_order")  # θ, σ < 1 attenuate gains
    assert abs(result.value("tfp_exact") - result.value("tfp_second_order")) < 0.01
    assert result.value("gdp_long_run") == pytest.approx(
        result.value("tfp_exact") / table.labour_share, rel=1e-12
    )
    text = result.summary()
    assert "Domar weight" in text and "upstreamness" in text and "imports are" in text


def liu_table(b: float, chi: float) -> IOTable:
    """Liu's vertical chain: downstream revenue 1 buys cost share b upstream at wedge χ."""
    q = b / (1 + chi)
    return IOTable.from_blocks(
        economy="LIU",
        year=2019,
        scheme="liu",
        codes=["U", "D"],
        Z=np.array([[0.0, q], [0.0, 0.0]]),
        final_demand=pd.DataFrame({"final": [0.0, 1.0]}, index=["U", "D"]),
        value_added=[q, 1 - q],
    )


@pytest.mark.parametrize(("b", "chi"), [(0.3, 0.2), (0.6, 0.5), (0.5, 1.0), (0.9, 0.05)])
def test_liu_two_sector_closed_form(b: float, chi: float) -> None:
    frame = distortion_centrality(liu_table(b, chi), {"D": chi}).frame
    assert frame.loc["U", "xi"] == pytest.approx(1 + chi * (1 - b), rel=1e-12)
    assert frame.loc["D", "xi"] == pytest.approx((1 - b) + b / (1 + chi), rel=1e-12)


def test_distortion_centrality_averages_one_and_is_one_without_wedges() -> None:
    table = random_table(17, n=8)
    frame = distortion_centrality(table, 0.3).frame
    assert float((frame["factor_share"] * frame["xi"]).sum()) == pytest.approx(1.0, rel=1e-12)
    undistorted = distortion_centrality(table, 0.0).frame
    np.testing.assert_allclose(undistorted["xi"].to_numpy(), 1.0, rtol=1e-12)


def test_huge_wedges_are_rejected() -> None:
    with pytest.raises(ModelError, match=r"spectral radius|negative factor income"):
        distortion_centrality(random_table(17, n=8), 5.0)
