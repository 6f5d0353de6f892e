"""The simulator on the network and policy layers: the sector structure of a real table,
first- and second-order aggregation against pflab.network, targets from the registry."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from _simulate_helpers import fixed_model, toy_macro
from pflab.data import load_concordance, sectors_for_isic
from pflab.errors import DataValidationError, LookupFailedError, ParameterError
from pflab.network import (
    CESEconomy,
    distortion_centrality,
    domar_weights,
    load_io,
    second_order,
)
from pflab.policy import programme_weights
from pflab.simulate import compile_model, load_scenario, load_sectors, simulate
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.model import simulate_block
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.streams import Streams
from pflab.simulate.targets import programme_targets, resolve_targets, target_weights

TABLE = load_io("CHN", 2014, source="wiod")
SECTORS = load_sectors("CHN", "wiod", 2014)
#: WIOD's China 2014 sectors without output (China's accounts do not separate them).
EMPTY = ("C33", "G45", "J58", "J59_J60", "K66", "M71", "M73", "T", "U")
LIVE = [c for c in TABLE.codes if c not in EMPTY]


def _on_table(values: np.ndarray) -> np.ndarray:
    """A structure vector on the table's codes (zeros for the dropped sectors)."""
    return pd.Series(values, index=SECTORS.codes).reindex(TABLE.codes, fill_value=0.0).to_numpy()


# -- the sector structure of a real table -----------------------------------------------


def test_structure_takes_its_isic_codes_from_the_concordance() -> None:
    concordance = load_concordance("wiod56")
    assert TABLE.codes == concordance.codes
    # sectors without output or value added are dropped, and listed
    assert SECTORS.dropped == EMPTY and list(SECTORS.codes) == LIVE
    assert SECTORS.isic == tuple(concordance.isic_of(c) for c in LIVE)
    assert SECTORS.isic[SECTORS.codes.index("C10-C12")] == ("10", "11", "12")
    assert SECTORS.isic[SECTORS.codes.index("R_S")] == tuple(str(d) for d in range(90, 97))
    assert SECTORS.domar == pytest.approx(domar_weights(TABLE).loc[LIVE].to_numpy(), rel=1e-15)
    assert SECTORS.source is TABLE.source and "WIOD" in SECTORS.label


def test_isic_queries_follow_the_concordance_rule() -> None:
    # class-level codes land on the table sector that contains them, as in the data layer
    for query in (["2513"], ["303", "3250"], ["C"], ["26", "61", "62", "63", "72"]):
        expected = [c for c in sectors_for_isic("wiod56", query) if c in LIVE]
        assert [SECTORS.codes[i] for i in SECTORS.select_isic(query)] == expected
    nbs = load_sectors("CHN", "nbs", 2020)  # 153 sectors with class-level ISIC codes
    assert [nbs.codes[i] for i in nbs.select_isic(["2610"])] == ["094"]
    assert nbs.divisions[nbs.codes.index("094")] == ("26",)
    with pytest.raises(LookupFailedError, match="ISIC"):
        SECTORS.select_isic(["2x"])


def test_hand_built_structures_validate_their_isic_codes() -> None:
    with pytest.raises(DataValidationError, match="sector A: expected ISIC"):
        SectorStructure(
            codes=("A", "B"),
            names=("a", "b"),
            isic=(("C",), ("26",)),
            gross_output=np.ones(2),
            value_added=np.ones(2),
        )


# -- aggregation against pflab.network ---------------------------------------------------


def _deterministic(aggregation: str, seed: int = 0) -> tuple[CompiledModel, np.ndarray]:
    """A no-noise, no-policy model whose sector TFP a_i = g t u_i has an arbitrary pattern u."""
    model = fixed_model(
        "none", sectors=SECTORS, macro=toy_macro(4.0), trend=0.01, aggregation=aggregation
    )
    rng = np.random.default_rng(seed)
    pattern = rng.uniform(-0.5, 2.0, SECTORS.n)
    pattern /= SECTORS.va_share @ pattern  # Σ v_i u_i = 1, as the model's drift pattern
    model = dataclasses.replace(model, drift_unit=pattern)
    return model, simulate_block(model, Streams(0, 0, 1)).log_tfp[0]


def _gross_output_shocks(a_va: np.ndarray) -> np.ndarray:
    """Value-added sector TFP a_i as gross-output TFP a_i v_i / D_i (Hulten's d log A)."""
    d = SECTORS.domar
    return _on_table(np.divide(a_va * SECTORS.va_share, d, out=np.zeros_like(a_va), where=d > 0))


@pytest.mark.parametrize("seed", [0, 1])
def test_first_order_aggregation_is_the_network_domar_sum(seed: int) -> None:
    model, log_tfp = _deterministic("first-order", seed)
    weights = domar_weights(TABLE).to_numpy()  # on every table sector (zeros where empty)
    for t in (1, 5, 27):
        d = _gross_output_shocks(0.01 * t * model.drift_unit)
        assert log_tfp[t] == pytest.approx(weights @ d, abs=1e-14)


@pytest.mark.parametrize("seed", [0, 1])
def test_second_order_aggregation_is_baqaee_farhi_on_the_same_table(seed: int) -> None:
    # The simulator's Hessian is κ times the network's Domar Jacobian; its TFP response
    # must equal κ × second_order(economy, d) of pflab.network for the same shocks.
    economy = CESEconomy.from_table(TABLE)
    model, log_tfp = _deterministic("second-order", seed)
    _, first_tfp = _deterministic("first-order", seed)
    for t in (1, 2, 5):
        d = _gross_output_shocks(0.01 * t * model.drift_unit)
        first, second, _ = second_order(economy, economy.shock_vector(TABLE.codes, d))
        assert log_tfp[t] == pytest.approx(economy.kappa * second, abs=1e-13)
        assert first_tfp[t] == pytest.approx(economy.kappa * first, abs=1e-13)
        assert abs(second - first) > 1e-7  # the second-order term is not negligible here


def test_second_order_gdp_response_in_the_first_year() -> None:
    # Capital in year 1 is set by year-0 output, so GDP moves exactly with TFP then.
    macro = toy_macro(4.0)
    one = fixed_model("none", sectors=SECTORS, macro=macro, trend=0.02)
    two = fixed_model("none", sectors=SECTORS, macro=macro, trend=0.02, aggregation="second-order")
    first = simulate_block(one, Streams(0, 0, 1))
    second = simulate_block(two, Streams(0, 0, 1))
    economy = CESEconomy.from_table(TABLE)
    d = _gross_output_shocks(0.02 * one.drift_unit)
    lo, hi, _ = second_order(economy, economy.shock_vector(TABLE.codes, d))
    gap = second.log_gdp[0, 1] - first.log_gdp[0, 1]
    assert gap == pytest.approx(economy.kappa * (hi - lo), abs=1e-13)


def test_hessian_is_kappa_times_the_domar_jacobian() -> None:
    h = SECTORS.hessian(theta=0.9, sigma=0.5, epsilon=0.001)
    assert h.shape == (SECTORS.n, SECTORS.n) and np.abs(h - h.T).max() < 1e-12
    economy = CESEconomy.from_table(TABLE)
    assert set(economy.codes) == set(SECTORS.codes)  # both drop the sectors without output
    # elasticities reach the Hessian: Cobb–Douglas everywhere is exactly Hulten (H = 0)
    cd = SECTORS.hessian(theta=1.0, sigma=1.0, epsilon=1.0)
    assert np.abs(cd).max() < 1e-12
    scen = load_scenario({"name": "so", "aggregation": "second-order"})
    model = compile_model(scen, sectors=SECTORS)
    assert model.hessian is not None and np.array_equal(model.hessian, h)
    # the short-run elasticities serve ten years; the long-run set (Cobb–Douglas) after
    assert model.short_run_years == 10
    assert model.hessian_long is not None and np.abs(model.hessian_long).max() < 1e-12


# -- targets ---------------------------------------------------------------------------


def test_central_targets_the_programme_weights_on_any_table() -> None:
    # on WIOD the NBS 153-sector shares are carried over through ISIC (pflab.policy)
    scen = load_scenario("central")
    assert scen.targeting.programmes == ["future_industries_2024", "sei_class_2018"]
    frames = [programme_weights(p, TABLE).frame for p in scen.targeting.programmes]
    union = pd.concat(frames).groupby(level=0)
    share, low, high = union["share"].max(), union["low"].max(), union["high"].sum().clip(upper=1)
    expected = [c for c in LIVE if share.get(c, 0.0) > 0]
    found = [SECTORS.codes[i] for i in resolve_targets(scen, SECTORS)]
    assert found == expected
    assert {"C26", "J62_J63", "M72"} <= set(found)
    model = compile_model(scen, sectors=SECTORS)
    # sectors without output in the table (C33 in WIOD's China 2014) were dropped
    assert model.labels["targets"] == tuple(found) and "C33" not in found
    assert model.labels["target_shares"] == pytest.approx([share[c] for c in found], abs=1e-12)
    assert model.labels["target_shares_low"] == pytest.approx([low[c] for c in found], abs=1e-12)
    assert model.labels["target_shares_high"] == pytest.approx([high[c] for c in found], abs=1e-12)
    assert max(model.labels["target_shares"]) < 1.0  # partial shares, not whole sectors
    va_low, va_high = model.labels["targeted_va_range"]
    assert va_low < model.labels["targeted_va_share"] < va_high < 0.25


def test_a_bound_picks_an_end_of_each_range() -> None:
    data = load_scenario("central").to_dict()
    central = target_weights(load_scenario(data), SECTORS)
    data["targeting"]["bound"] = "high"
    high = target_weights(load_scenario(data), SECTORS)
    data["targeting"]["bound"] = "low"
    low = target_weights(load_scenario(data), SECTORS)
    for w in (central, high, low):
        assert np.all(w.low <= w.share) and np.all(w.share <= w.high)
    assert set(low.index) <= set(central.index) <= set(high.index)
    va = [w.va_share(SECTORS)[0] for w in (low, central, high)]
    assert va[0] < va[1] < va[2]
    assert central.va_share(SECTORS)[1:] == pytest.approx((va[0], va[2]), rel=1e-12)


def test_unknown_programme_lists_close_ids() -> None:
    with pytest.raises(LookupFailedError) as info:
        programme_targets("future_industry_2024", SECTORS)
    message = str(info.value)
    assert "targeting.programme" in message and "future_industries_2024" in message
    with pytest.raises(DataValidationError, match="lists no target sectors"):
        programme_targets("reform_opening", SECTORS)
    hand_built = dataclasses.replace(SECTORS, label="hand-built", table=None)
    with pytest.raises(ParameterError, match="targeting by programme needs the input"):
        programme_targets("SEI", hand_built)


def test_rules_rank_the_network_measures() -> None:
    top = load_scenario({"name": "t", "targeting": {"rule": "top-domar", "count": 5}})
    found = {SECTORS.codes[i] for i in resolve_targets(top, SECTORS)}
    assert found == set(domar_weights(TABLE).nlargest(5).index)
    liu = load_scenario(
        {
            "name": "l",
            "targeting": {"rule": "top-distortion-centrality", "count": 6, "wedge": 0.1},
        }
    )
    found = {SECTORS.codes[i] for i in resolve_targets(liu, SECTORS)}
    xi = distortion_centrality(TABLE, 0.1).frame["xi"].dropna()
    assert found == set(xi.nlargest(6).index)
    by_code = load_scenario({"name": "c", "targeting": {"sectors": ["C26", "M72"]}})
    assert [SECTORS.codes[i] for i in resolve_targets(by_code, SECTORS)] == ["C26", "M72"]
    bad = load_scenario({"name": "b", "targeting": {"sectors": ["C262"]}})
    with pytest.raises(LookupFailedError, match="C26"):
        resolve_targets(bad, SECTORS)


def test_distortion_rule_needs_a_table() -> None:
    hand_built = dataclasses.replace(SECTORS, label="hand-built", table=None)
    scen = load_scenario(
        {"name": "l", "targeting": {"rule": "top-distortion-centrality", "count": 3}}
    )
    with pytest.raises(ParameterError, match="distortion centrality needs the input"):
        resolve_targets(scen, hand_built)


def test_provenance_names_the_table_the_registry_and_pwt() -> None:
    res = simulate("central", draws=64, seed=1, chunk_size=64)
    names = [s.name for s in res.provenance.sources]
    assert any("NBS input-output" in n for n in names)  # the default calibration table
    assert any("Penn World Table" in n for n in names)
    assert any("registry" in n for n in names)
    assert any("IMF" in n for n in names)  # the consensus baseline's projections
    assert any("National Bureau" in n for n in names)  # 2024's growth, used as data
    assert res.provenance.parameters["targeting"]["central"]["programme"] == [
        "future_industries_2024",
        "sei_class_2018",
    ]
    assert "094" in res.provenance.parameters["targets"]["central"]  # integrated circuits
