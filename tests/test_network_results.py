"""Network results follow the result protocol; shocks take sector weights (p·s rule);
position() is the sector table the CLI used to build; missing data are said, not NaN."""

from __future__ import annotations

import io
import json
import math
from functools import cache

import numpy as np
import pandas as pd
import pytest

from network_cases import miller_blair, random_mrio, random_table
from pflab.data.iotables import io_catalog, load_io
from pflab.errors import DataNotFoundError, LookupFailedError, ParameterError
from pflab.network import (
    WeightedShock,
    cost_push,
    distortion_centrality,
    domar_weights,
    extraction,
    hulten,
    import_content,
    linkages,
    mrio_footprints,
    multipliers,
    position,
    shock_analysis,
    upstreamness,
)
from pflab.result import Result, table_records


@cache
def _results() -> dict[str, Result]:
    toy = random_table(21, n=6)
    chn = load_io("CHN", 2018, sectors=42)
    return {
        "multipliers": multipliers(chn),
        "import_content": import_content(toy),
        "cost_push": cost_push(toy, {"s1": 0.1}),
        "linkages": linkages(toy),
        "extraction": extraction(toy),
        "distortion": distortion_centrality(toy, 0.2),
        "hulten": hulten(toy, {"s2": 0.05}),
        "position": position(chn, wedge=0.2).ranked("domar_weight", 10),
        "shock": shock_analysis(chn, ["electronic-components:10", "27:2"]),
        "footprints": mrio_footprints(random_mrio(3), trade=True),
        "catalog": io_catalog(),
    }


NAMES = [
    "catalog",
    "cost_push",
    "distortion",
    "extraction",
    "footprints",
    "hulten",
    "import_content",
    "linkages",
    "multipliers",
    "position",
    "shock",
]


def test_every_network_result_kind_is_checked() -> None:
    assert sorted(_results()) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_table_reads_back_from_csv_equal_to_json(name: str) -> None:
    result = _results()[name]
    assert isinstance(result, Result) and result.title
    assert result.provenance.sources, name
    payload = json.loads(result.to_json())
    for table, frame in result.tables().items():
        expected = table_records(frame)
        # sector codes such as "094" are text: read text columns as text
        text = {c: str for c in expected.columns if pd.api.types.is_string_dtype(expected[c])}
        from_csv = pd.read_csv(io.StringIO(result.to_csv(table)), skiprows=1, dtype=text)
        from_json = pd.DataFrame(payload["tables"][table], columns=list(expected.columns))
        pd.testing.assert_frame_equal(from_csv, from_json, check_dtype=False)
        pd.testing.assert_frame_equal(from_csv, expected, check_dtype=False)
    assert result.summary().splitlines()[0]
    assert "<table>" in result._repr_html_()


def test_shock_analysis_keeps_the_reasoning_in_json() -> None:
    payload = _results()["shock"].to_dict()
    assert list(payload["tables"]) == ["aggregate", "sectors"]
    sectors = {row["sector"]: row for row in payload["tables"]["sectors"]}
    assert sectors["20"]["reasoning"].startswith("20 Manufacture of communication")
    assert "Domar weight" in sectors["20"]["reasoning"]
    assert sectors["27"]["shocked_by"] == "27 +2%"
    measures = {row["measure"] for row in payload["tables"]["aggregate"]}
    assert {"tfp_first_order", "tfp_second_order", "tfp_exact", "gdp_long_run"} <= measures


# -- sector weights: a p % shock to a weighted set raises sector i's TFP by p·s_i ------------


def test_weighted_shock_raises_each_sector_by_p_times_its_share() -> None:
    table = random_table(5, n=6)
    weights = {"s0": 1.0, "s1": 0.5, "s3": 0.2}
    result = shock_analysis(table, [WeightedShock(weights, 10.0, label="programme")])
    shock = result.sectors["shock_pct"]
    for code, share in weights.items():
        assert shock[code] == pytest.approx(10.0 * share, rel=1e-12)
    domar = table.x / table.gdp
    position = {c: i for i, c in enumerate(table.codes)}
    hulten_pct = 100.0 * sum(domar[position[c]] * math.log1p(0.10 * s) for c, s in weights.items())
    assert result.value("tfp_first_order") == pytest.approx(hulten_pct, rel=1e-12)
    contribution = result.sectors["contribution_pct"]
    assert contribution["s1"] == pytest.approx(100.0 * domar[1] * math.log1p(0.05), rel=1e-12)
    assert result.sectors.loc["s1", "shocked_by"] == "programme +10% × share 0.5"


def test_weighted_sets_compound_and_strings_are_share_one() -> None:
    table = random_table(6, n=5)
    a = WeightedShock({"s0": 0.5, "s2": 1.0}, 10.0, label="a")
    b = WeightedShock({"s0": 1.0}, -4.0, label="b")
    result = shock_analysis(table, [a, b])
    # log changes add: (1 + 0.05)(1 − 0.04) − 1
    assert result.sectors.loc["s0", "shock_pct"] == pytest.approx(100 * (1.05 * 0.96 - 1))
    assert result.sectors.loc["s0", "shocked_by"] == "a +10% × share 0.5; b -4%"
    plain = shock_analysis(table, ["s0,s2:10"])
    full = shock_analysis(table, [WeightedShock({"s0": 1.0, "s2": 1.0}, 10.0)])
    assert plain.value("tfp_exact") == pytest.approx(full.value("tfp_exact"), rel=1e-12)
    mapping = shock_analysis(table, {"s0": 0.10, "s2": 0.10})
    assert mapping.value("tfp_first_order") == pytest.approx(plain.value("tfp_first_order"))


def test_weights_are_checked() -> None:
    table = random_table(6, n=5)
    with pytest.raises(ParameterError, match=r"share 1\.5 of sector s0; expected a number in"):
        WeightedShock({"s0": 1.5}, 10.0)
    with pytest.raises(ParameterError, match="would end production"):
        WeightedShock({"s0": 0.5}, -100.0)
    with pytest.raises(LookupFailedError, match="'s9'"):
        shock_analysis(table, [WeightedShock({"s9": 0.5}, 10.0)])
    with pytest.raises(ParameterError, match="no shock given"):
        shock_analysis(table, [WeightedShock({"s0": 0.0}, 10.0)][:0])


def test_group_shocks_keep_working() -> None:
    table = load_io("CHN", 2018, sectors=42)
    result = shock_analysis(table, ["manufacturing:1"])
    assert len(result.sectors) > 10
    assert (result.sectors["shock_pct"] == 1.0).all()
    assert any("group manufacturing" in n for n in result.notes)


# -- position(): the table the CLI built before, now in the library --------------------------


def _old_cli_position(table: object, wedge: float | None) -> pd.DataFrame:
    """The sector table as cli/network.py::_position built it before this change."""
    frame = pd.DataFrame(
        {
            "name": table.names,  # type: ignore[attr-defined]
            "domar_weight": domar_weights(table).to_numpy(),  # type: ignore[arg-type]
            "upstreamness": upstreamness(table).to_numpy(),  # type: ignore[arg-type]
            "output_multiplier": multipliers(table).frame["output"].to_numpy(),  # type: ignore[arg-type]
        },
        index=pd.Index(table.codes, name="sector"),  # type: ignore[attr-defined]
    )
    content = import_content(table).frame  # type: ignore[arg-type]
    frame["import_direct"] = content["direct"]
    frame["import_total"] = content["total"]
    if wedge is not None:
        frame["distortion_centrality"] = distortion_centrality(table, wedge).frame["xi"]  # type: ignore[arg-type]
    return frame


@pytest.mark.parametrize("wedge", [None, 0.2])
def test_position_equals_the_previous_cli_table(wedge: float | None) -> None:
    table = load_io("CHN", 2018, sectors=42)
    result = position(table, wedge=wedge)
    pd.testing.assert_frame_equal(result.to_frame(), _old_cli_position(table, wedge))
    top = result.ranked("import_total", 5)
    assert list(top.frame.index) == list(
        result.frame["import_total"].sort_values(ascending=False).index[:5]
    )
    assert top.title.endswith("top 5 of 42 sectors by import_total")


def test_position_without_imports_says_so() -> None:
    result = position(miller_blair())
    assert "import_total" not in result.frame.columns
    assert any("no imported block" in n for n in result.notes)


# -- what is missing is said, not printed as NaN ---------------------------------------------


def test_employment_multipliers_need_employment() -> None:
    table = load_io("CHN", 2020, sectors=42)
    result = multipliers(table)
    assert "employment" not in result.frame.columns
    assert any("no employment" in n.lower() for n in result.notes)
    assert any("1990–2018" in n for n in result.notes)
    with pytest.raises(DataNotFoundError, match=r"covers 1990–2018, not 2020"):
        multipliers(table, employment=True)
    jobs = multipliers(load_io("CHN", 2018, sectors=42), employment=True)
    assert (jobs.frame["employment"] > 0).all()


def test_shock_on_a_table_without_imports_or_labour_share() -> None:
    result = shock_analysis(miller_blair(), ["1:10"])
    assert "import_direct" not in result.sectors.columns
    assert "gdp_long_run" not in result.aggregate.index
    assert any("no imported block" in n for n in result.notes)
    assert any("long-run GDP effect is not computed" in n for n in result.notes)
    with pytest.raises(LookupFailedError, match="gdp_long_run"):
        result.value("gdp_long_run")
    given = shock_analysis(miller_blair(), ["1:10"], labour_share=0.5)
    assert given.value("gdp_long_run") == pytest.approx(2 * given.value("tfp_exact"))
    assert not np.isnan(given.aggregate["value_pct"]).any()
