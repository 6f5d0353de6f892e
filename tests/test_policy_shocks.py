"""One definition of a programme's sectors: `pflab network --shock PROGRAMME:PCT` and
`pflab policy exposure` use identical sector weights (pflab.policy.programme_weights).

The simulator's targeting resolves programmes through the same function, and the last
test here checks that it reaches the same sectors with the same shares and ranges.
"""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from pflab.cli import app
from pflab.data.iotables import load_io
from pflab.errors import LookupFailedError
from pflab.network import WeightedShock, shock_analysis
from pflab.policy import economy_exposure, programme_shocks, programme_weights

runner = CliRunner()
PROGRAMMES = ["SEI", "future-industries", "MIC2025", "nqpf", "semiconductors", "p973"]


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return load_io("CHN", 2020, source="nbs", sectors=153)


def _cli_shock(name: str, pct: float) -> dict[str, object]:
    result = runner.invoke(
        app, ["network", "CHN", "--year", "2020", "--shock", f"{name}:{pct:g}", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", PROGRAMMES)
def test_network_shock_and_exposure_use_identical_weights(table, name: str) -> None:  # type: ignore[no-untyped-def]
    weights = programme_weights(name, table).shares()
    payload = _cli_shock(name, 10)
    sectors = {r["sector"]: r for r in payload["tables"]["sectors"]}  # type: ignore[index]
    # the shock reaches exactly the programme's sectors, each by p · s_i
    assert set(sectors) == set(weights)
    for code, share in weights.items():
        assert sectors[code]["shock_pct"] == pytest.approx(10 * share, rel=1e-12), code
    # and the exposure's Domar weight is the same sum over the same shares
    exposure = economy_exposure("CHN", 2020, programmes=[name]).frame.iloc[0]
    domar = sum(r["domar_weight"] * r["shock_pct"] / 10 for r in sectors.values())
    assert exposure["domar_weight"] == pytest.approx(domar, rel=1e-9)
    first = {r["measure"]: r["value_pct"] for r in payload["tables"]["aggregate"]}  # type: ignore[index]
    expected = 100 * sum(
        r["domar_weight"] * math.log1p(r["shock_pct"] / 100) for r in sectors.values()
    )
    assert first["tfp_first_order"] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("name", PROGRAMMES)
def test_the_simulator_targets_identical_weights(table, name: str) -> None:  # type: ignore[no-untyped-def]
    from pflab.simulate import compile_model, load_scenario
    from pflab.simulate.sectors import SectorStructure

    weights = programme_weights(name, table)
    sectors = SectorStructure.from_io_table(table)
    assert not sectors.dropped  # every sector of the 2020 table has output
    for bound in ("share", "low", "high"):
        scenario = load_scenario(
            {
                "name": "t",
                "budget": {"share_of_gdp": 0.001},
                "targeting": {"programme": name, "bound": bound},
            }
        )
        labels = compile_model(scenario, sectors=sectors).labels
        expected = weights.shares(bound)
        assert dict(zip(labels["targets"], labels["target_shares"], strict=True)) == expected
    labels = compile_model(
        load_scenario({"name": "t", "targeting": {"programme": name}}), sectors=sectors
    ).labels
    frame = weights.frame.loc[list(labels["targets"])]
    assert labels["target_shares_low"] == tuple(frame["low"])
    assert labels["target_shares_high"] == tuple(frame["high"])
    # and the exposure's value-added share is the simulator's targeted share of value added
    exposure = economy_exposure("CHN", 2020, programmes=[name]).frame.iloc[0]
    low, high = labels["targeted_va_range"]
    assert 100 * labels["targeted_va_share"] == pytest.approx(
        exposure["value_added_share"], rel=1e-9
    )
    assert 100 * low == pytest.approx(exposure["value_added_low"], rel=1e-9)
    assert 100 * high == pytest.approx(exposure["value_added_high"], rel=1e-9)


def test_the_shock_carries_the_range_of_the_shares(table) -> None:  # type: ignore[no-untyped-def]
    (shock,) = programme_shocks(["SEI:10"], table)
    assert isinstance(shock, WeightedShock)
    result = shock_analysis(table, [shock])
    note = next(n for n in result.notes if "first-order TFP effect is" in n)
    low, high = (float(x) for x in note.split("effect is ")[1].split(" %")[0].split("-"))
    central = result.value("tfp_first_order")
    assert low < central < high
    assert f"(central {central:.3f} %)" in note


def test_neutral_names_stay_with_the_network_layer(table) -> None:  # type: ignore[no-untyped-def]
    specs = ["manufacturing:5", "094:5", "094,095:2", "isic:2610:3", "electronic-components:1"]
    assert programme_shocks(specs, table) == specs
    (chips,) = programme_shocks(["semiconductors:10"], table)
    assert isinstance(chips, WeightedShock) and chips.label == "IC outline (2014)"
    assert 0 < chips.weights["094"] < 1  # a part of electronic components, not all of it


def test_an_unknown_name_lists_groups_and_programmes(table) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupFailedError) as info:
        programme_shocks(["future-industry:5"], table)
    message = str(info.value)
    assert "groups: electronic-components" in message and "programme" in message
    assert "future industries" in message or "future_industries_2024" in message
