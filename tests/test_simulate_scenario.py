"""Scenarios: built-ins, files, inheritance, validation errors, distributions."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from pflab.errors import DataFormatError, DataValidationError, LookupFailedError
from pflab.simulate import BUILTIN_SCENARIOS, load_scenario
from pflab.simulate.distributions import LogNormal, Normal, Triangular, Uniform


@pytest.mark.parametrize("name", BUILTIN_SCENARIOS)
def test_builtins_load(name: str) -> None:
    scen = load_scenario(name)
    assert scen.name == name
    assert scen.has_policy == (name != "none")
    assert scen.goals[0].name == "double 2020 GDP per capita by 2035"


def test_mechanisms_differ_only_in_mechanism() -> None:
    central, grants, funds = (load_scenario(n) for n in ("central", "grants", "guidance-funds"))
    assert central.targeting == grants.targeting == funds.targeting
    assert central.budget == grants.budget == funds.budget
    assert central.parameters == grants.parameters == funds.parameters
    assert grants.mechanism.selection.median() > central.mechanism.selection.median()
    assert funds.mechanism.crowd_in.median() > 0


def test_extends_file_overrides_one_field(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(
        'extends = "grants"\nname = "grants-big"\n[budget]\n'
        'share_of_gdp = { dist = "uniform", low = 0.01, high = 0.03 }\n',
        encoding="utf-8",
    )
    scen = load_scenario(path)
    assert scen.name == "grants-big"
    assert scen.budget.share().median() == pytest.approx(0.02)
    assert scen.budget.amount_bn_yuan is None  # the child's way of giving the budget wins
    assert scen.budget.crowding_out == load_scenario("grants").budget.crowding_out  # inherited
    assert scen.mechanism == load_scenario("grants").mechanism


def test_a_child_targeting_replaces_the_parents_way(tmp_path: Path) -> None:
    assert load_scenario("services-first").targeting.programme is None
    assert "45" in (load_scenario("services-first").targeting.isic or [])
    path = tmp_path / "liu.toml"
    path.write_text(
        'extends = "central"\n[targeting]\nrule = "top-distortion-centrality"\ncount = 5\n',
        encoding="utf-8",
    )
    scen = load_scenario(path)
    assert scen.targeting.programme is None and scen.targeting.count == 5
    assert scen.targeting.weighting == "rd-stock"  # other keys still inherited
    keep = tmp_path / "keep.toml"
    keep.write_text('extends = "central"\n[targeting]\nweighting = "equal"\n')
    assert load_scenario(keep).targeting.programmes == ["future_industries_2024", "sei_class_2018"]


def test_yaml_scenario(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("extends: central\nname: y\nparameters:\n  rd_elasticity_services: 0.1\n")
    scen = load_scenario(path)
    assert scen.parameters.rd_elasticity_services.median() == 0.1
    assert not scen.parameters.rd_elasticity_services.uncertain


def test_error_names_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[mechanism]\nselection = { dist = "uniform", low = 0.5, high = 0.1 }\n', encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)
    assert "mechanism.selection" in str(info.value)
    assert "high > low" in str(info.value)


def test_unknown_field_and_bad_toml(tmp_path: Path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text("[budget]\nshare_of_gpd = 0.01\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"budget\.share_of_gpd"):
        load_scenario(typo)
    broken = tmp_path / "broken.toml"
    broken.write_text("[budget\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"broken\.toml"):
        load_scenario(broken)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("share_of_gdp", -0.5, "reaches -0.5, outside [0, 0.1]"),
        ("share_of_gdp", 5.0, "reaches 5, outside [0, 0.1]"),
        ("amount_bn_yuan", 20_000, "outside [0, 0.1]"),
    ],
)
def test_budget_bounds_stop_before_computing(
    tmp_path: Path, field: str, value: float, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'extends = "central"\n[budget]\n{field} = {value}\n', encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_scenario(path)
    text = str(info.value)
    assert str(path) in text and "budget.share_of_gdp" in text and message in text
    assert "share of GDP" in text  # the reason


def test_every_parameter_has_bounds_and_unbounded_laws_are_checked() -> None:
    from pflab.simulate.bounds import BOUNDS

    assert set(load_scenario("central").all_distributions()) <= set(BOUNDS)
    data = load_scenario("none").to_dict()
    data["parameters"]["labour_share"] = {"dist": "normal", "mean": 0.5, "sd": 0.2}
    with pytest.raises(DataValidationError, match=r"labour_share.*outside \[0.2, 0.9\]"):
        load_scenario(data)


def test_renamed_fields_say_what_replaced_them(tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    old.write_text("[parameters]\ntfp_drift = 0.01\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="tfp_trend_shift"):
        load_scenario(old)
    source = tmp_path / "source.toml"
    source.write_text('[budget]\nsource = "taxes"\n', encoding="utf-8")
    with pytest.raises(DataValidationError, match="crowding_out"):
        load_scenario(source)


def test_budget_in_yuan_is_a_share_of_2024_gdp() -> None:
    from pflab.simulate.scenario import NOMINAL_GDP_2024_BN

    budget = load_scenario("central").budget
    assert budget.amount_bn_yuan is not None
    share = budget.share()
    # the triangular's corners are the cited amounts over 2024 nominal GDP
    assert share.low == pytest.approx(68.8 / NOMINAL_GDP_2024_BN)
    assert share.mode == pytest.approx(202.5 / NOMINAL_GDP_2024_BN)
    assert share.high == pytest.approx(573.3 / NOMINAL_GDP_2024_BN)
    assert 0.0014 < share.median() < 0.0022  # about 0.15-0.2 % of GDP
    assert "Big Fund III" in budget.basis


def test_services_first_is_disjoint_from_the_industrial_lists() -> None:
    from pflab.simulate import load_sectors
    from pflab.simulate.targets import target_weights

    sectors = load_sectors("CHN", "nbs", 2020)
    services = target_weights(load_scenario("services-first"), sectors)
    data = load_scenario("central").to_dict()
    data["targeting"]["bound"] = "high"  # the widest reach of the industrial lists
    industrial = target_weights(load_scenario(data), sectors)
    assert len(services.index) and len(industrial.index)
    # no sector with a positive share in both, at any end of the shares' ranges
    assert not set(services.index) & set(industrial.index[industrial.high > 0])
    # and the three mechanism scenarios target the same partial shares
    for name in ("grants", "guidance-funds"):
        other = target_weights(load_scenario(name), sectors)
        central = target_weights(load_scenario("central"), sectors)
        assert np.array_equal(other.index, central.index)
        assert np.array_equal(other.share, central.share)
    # the industrial lists are partial shares: about a tenth of value added, not 37 %
    used, low, high = target_weights(load_scenario("central"), sectors).va_share(sectors)
    assert 0.05 < low < used < high < 0.16


def test_unknown_name_suggests() -> None:
    with pytest.raises(LookupFailedError, match="guidance-funds"):
        load_scenario("guidance-fund")


def test_goal_year_outside_projection() -> None:
    data = load_scenario("none").to_dict()
    data["goals"][0]["year"] = 2060
    with pytest.raises(DataValidationError, match="outside the projection"):
        load_scenario(data)


@pytest.mark.parametrize(
    ("dist", "reference"),
    [
        (Uniform(low=0.2, high=0.9), stats.uniform(0.2, 0.7)),
        (Triangular(low=1, mode=2, high=4), stats.triang(1 / 3, loc=1, scale=3)),
        (Normal(mean=0.01, sd=0.006), stats.norm(0.01, 0.006)),
        (Normal(mean=0.0, sd=1.0, low=-1.0, high=2.0), stats.truncnorm(-1.0, 2.0)),
        (LogNormal(p05=0.03, p95=0.20), None),
    ],
)
def test_quantile_functions_match_scipy(dist: object, reference: object) -> None:
    u = np.linspace(0.01, 0.99, 99)
    if reference is None:
        # log-normal given by its 5th and 95th percentiles
        assert dist.ppf(np.array([0.05, 0.95])) == pytest.approx([0.03, 0.20])  # type: ignore[attr-defined]
        reference = stats.lognorm(dist.sigma, scale=np.exp(dist.mu))  # type: ignore[attr-defined]
    assert dist.ppf(u) == pytest.approx(reference.ppf(u), rel=1e-9, abs=1e-12)  # type: ignore[attr-defined]


@settings(max_examples=50, deadline=None)
@given(
    low=st.floats(-10, 10),
    width=st.floats(0.01, 10),
    mode=st.floats(0, 1),
    u=st.lists(st.floats(0, 1), min_size=1, max_size=20),
)
def test_triangular_stays_in_range(low: float, width: float, mode: float, u: list[float]) -> None:
    d = Triangular(low=low, mode=low + mode * width, high=low + width)
    x = d.ppf(np.array(u))
    assert np.all(x >= low - 1e-9) and np.all(x <= low + width + 1e-9)
    assert np.all(np.diff(x[np.argsort(u)]) >= -1e-9)  # monotone in u


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_arbitrary_toml_text_never_crashes(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "s.toml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(DataFormatError, DataValidationError):
        load_scenario(path)
