"""Leontief analytics against published (Miller & Blair 2009) and analytic answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from network_cases import chain, miller_blair, random_table
from pflab.network import (
    LeontiefSolver,
    cost_push,
    domar_weights,
    downstreamness,
    extraction,
    hulten,
    import_content,
    leontief_inverse,
    linkages,
    multipliers,
    output_for,
    technical_coefficients,
    upstreamness,
)


def test_miller_blair_coefficients_and_inverse() -> None:
    table = miller_blair()
    a = technical_coefficients(table).to_numpy()
    np.testing.assert_allclose(a, [[0.15, 0.25], [0.20, 0.05]])
    # Miller & Blair (2009), eq. 2.13: L = [[1.254, 0.330], [0.264, 1.122]]
    np.testing.assert_allclose(
        leontief_inverse(table).to_numpy(), [[1.25413, 0.33003], [0.26403, 1.12211]], atol=5e-6
    )


def test_miller_blair_new_final_demand() -> None:
    # M&B §2.3: final demand (600, 1500) requires gross outputs 1247.52 and 1841.58
    x = output_for(miller_blair(), pd.Series({"1": 600.0, "2": 1500.0}))
    np.testing.assert_allclose(x.to_numpy(), [1247.52, 1841.58], atol=0.01)


def test_miller_blair_multipliers() -> None:
    m = multipliers(miller_blair()).frame
    # output multipliers are the column sums of L: 1.5182 and 1.4521
    np.testing.assert_allclose(m["output"].to_numpy(), [1.51816, 1.45215], atol=5e-5)
    # without imports every unit of final demand is paid out as domestic value added
    np.testing.assert_allclose(m["value_added"].to_numpy(), [1.0, 1.0], rtol=1e-12)


def test_cost_push_miller_blair() -> None:
    # primary costs of sector 1 up by 0.1 per unit of output (M&B §2.6): Δp = L'Δv
    result = cost_push(miller_blair(), {"1": 0.1 / 0.65}, kind="value_added")
    np.testing.assert_allclose(result.frame["price"].to_numpy(), [0.125413, 0.033003], atol=5e-7)


def test_rasmussen_backward_linkages_are_normalised_column_sums() -> None:
    frame = linkages(miller_blair()).frame
    sums = np.array([1.51816, 1.45215])
    np.testing.assert_allclose(frame["backward"].to_numpy(), sums / sums.mean(), atol=5e-5)
    assert frame["backward"].mean() == pytest.approx(1.0)
    assert frame["forward"].mean() == pytest.approx(1.0)


def test_upstreamness_of_a_chain_counts_stages() -> None:
    u = upstreamness(chain())
    np.testing.assert_allclose(u.to_numpy(), [3.0, 2.0, 1.0], rtol=1e-12)


def test_acfh_equals_ghosh_row_sums_without_trade() -> None:
    table = miller_blair()
    x = table.gross_output.to_numpy()
    b = table.Z.to_numpy() / x[:, None]
    expected = np.linalg.solve(np.eye(2) - b, np.ones(2))
    np.testing.assert_allclose(upstreamness(table).to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(
        upstreamness(table, method="domestic").to_numpy(), expected, rtol=1e-12
    )


def test_downstreamness_is_leontief_column_sums() -> None:
    table = random_table(3)
    inverse = leontief_inverse(table).to_numpy()
    np.testing.assert_allclose(downstreamness(table).to_numpy(), inverse.sum(axis=0), rtol=1e-12)


def test_backward_extraction_matches_sherman_morrison_closed_form() -> None:
    # removing column j of A is a rank-one update: loss_j = (Σ_i L_ij − 1) x_j / L_jj
    table = random_table(5)
    inverse = leontief_inverse(table).to_numpy()
    x = table.gross_output.to_numpy()
    expected = (inverse.sum(axis=0) - 1.0) * x / np.diag(inverse)
    np.testing.assert_allclose(extraction(table).frame["backward"].to_numpy(), expected, rtol=1e-10)


def test_total_extraction_of_an_isolated_sector_costs_nothing() -> None:
    frame = extraction(miller_blair()).frame
    assert (frame["total"] > 0).all()
    isolated = chain()
    # C buys from B, so removing C costs B and A their sales to it; A buys nothing
    out = extraction(isolated).frame
    assert out.loc["A", "backward"] == pytest.approx(0.0, abs=1e-12)
    assert out.loc["C", "total"] == pytest.approx(0.75)


def test_value_added_plus_import_multipliers_sum_to_one() -> None:
    m = multipliers(random_table(7)).frame
    total = m["value_added"] + m["imports"] + m["other_inputs"]
    np.testing.assert_allclose(total.to_numpy(), 1.0, rtol=1e-12)


def test_import_content_total_is_direct_through_the_chain() -> None:
    table = random_table(11)
    frame = import_content(table).frame
    inverse = leontief_inverse(table).to_numpy()
    direct = (table.Z_imports.to_numpy() / table.gross_output.to_numpy()[None, :]).sum(axis=0)
    np.testing.assert_allclose(frame["direct"].to_numpy(), direct, rtol=1e-12)
    np.testing.assert_allclose(frame["total"].to_numpy(), direct @ inverse, rtol=1e-12)


def test_domar_weights_and_hulten() -> None:
    table = miller_blair()
    weights = domar_weights(table)
    np.testing.assert_allclose(weights.to_numpy(), [1000 / 2050, 2000 / 2050])
    result = hulten(table, {"2": 0.10})
    assert result.frame["contribution"].sum() == pytest.approx(2000 / 2050 * np.log(1.10))


@pytest.mark.parametrize("method", ["lu", "gmres"])
def test_solver_methods_agree_with_the_inverse(method: str) -> None:
    table = random_table(13, n=12)
    a = technical_coefficients(table).to_numpy()
    inverse = np.linalg.inv(np.eye(12) - a)
    rhs = np.random.default_rng(0).random((12, 3))
    solver = LeontiefSolver(a, method=method)
    np.testing.assert_allclose(solver.solve(rhs), inverse @ rhs, rtol=1e-11)
    np.testing.assert_allclose(solver.solve_transpose(rhs), inverse.T @ rhs, rtol=1e-11)
    z, x = table.Z.to_numpy(), table.gross_output.to_numpy()
    flows = LeontiefSolver(Z=z, x=x, method=method)
    np.testing.assert_allclose(flows.solve_transpose(rhs[:, 0]), inverse.T @ rhs[:, 0], rtol=1e-11)
