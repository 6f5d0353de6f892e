"""Structure and surpluses: shares recomputed from the raw NBS files and hand calculations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pflab.errors import ParameterError
from pflab.network import load_io
from pflab.policy import programme_weights
from pflab.policy.structure import (
    CONSUMER_SERVICES,
    HIGH_TECH_PROGRAMMES,
    consumer_services_weights,
    economy_structure,
    high_tech_available,
    table_structure,
)

# NBS 153-product codes of the 2018 and 2020 tables, read off the descriptions in the raw
# file: manufacturing is 012 (grinding of grains) to 099 (repair of machinery), less 098
# (comprehensive use of waste resources: materials recovery, ISIC 3830, section E).
_MANUFACTURING = [f"{i:03d}" for i in range(12, 100) if i != 98]
# wholesale, retail, accommodation, catering, resident services, other services, education,
# health care, social work, culture and arts, sports, entertainment; real estate (133) apart
_CONSUMER = ["109", "110", "123", "124", "142", "143", "144", "145", "146", "149", "150", "151"]
_REAL_ESTATE = "133"


def _raw(raw_file: Callable[[str], Path], year: int) -> pd.DataFrame:
    pyreadr = pytest.importorskip("pyreadr")
    frame = next(iter(pyreadr.read_r(str(raw_file(f"china_nbs_io/china_{year}_153.rda"))).values()))
    return frame.set_index("Code")


@pytest.mark.parametrize("year", [2018, 2020])
def test_manufacturing_exports_over_output_from_the_raw_file(
    raw_file: Callable[[str], Path], year: int
) -> None:
    raw = _raw(raw_file, year)
    expected = 100 * raw.loc[_MANUFACTURING, "EX"].sum() / raw.loc[_MANUFACTURING, "GO"].sum()
    net = raw.loc[_MANUFACTURING, "EX"].sum() - raw.loc[_MANUFACTURING, "IM"].sum()
    row = table_structure(load_io("CHN", year)).exports_of("C")
    assert row["export_share"] == pytest.approx(expected, rel=1e-9)
    assert row["net_export_share"] == pytest.approx(
        100 * net / raw.loc[_MANUFACTURING, "GO"].sum(), rel=1e-9
    )
    if year == 2020:
        assert round(expected, 1) == 13.6  # issue 12: about 13.6 %


def test_consumer_services_value_added_from_the_raw_file(raw_file: Callable[[str], Path]) -> None:
    raw = _raw(raw_file, 2020)
    va = raw.loc["TVA"]
    total = sum(float(va[c]) for c in raw.index[:153])
    household = float(raw.loc[_REAL_ESTATE, "FU101"] + raw.loc[_REAL_ESTATE, "FU102"])
    h = household / float(raw.loc[_REAL_ESTATE, "GO"])
    counted = sum(float(va[c]) for c in _CONSUMER) + h * float(va[_REAL_ESTATE])
    row = table_structure(load_io("CHN", 2020)).share("consumer_services")
    assert row["value"] == pytest.approx(100 * counted / total, rel=1e-9)
    whole = sum(float(va[c]) for c in [*_CONSUMER, _REAL_ESTATE])
    assert row["high"] == pytest.approx(100 * whole / total, rel=1e-9)
    assert row["low"] == row["value"]


def test_weights_follow_the_documented_isic_list() -> None:
    table = load_io("CHN", 2015)
    weights = consumer_services_weights(table)
    assert set(weights["division"]) <= set(CONSUMER_SERVICES)
    whole = weights[weights["division"] != "68"]
    assert (whole[["weight", "low", "high"]] == 1.0).all().all()
    [estate] = weights.index[weights["division"] == "68"]
    final = table.final_demand
    expected = (final.loc[estate, "FU101"] + final.loc[estate, "FU102"]) / table.gross_output[
        estate
    ]
    assert weights.loc[estate, "weight"] == pytest.approx(expected)
    assert weights.loc[estate, "high"] == 1.0
    # the 42-sector tables of 2017-2020 have total consumption only
    coarse = load_io("CHN", 2018, sectors=42)
    weights = consumer_services_weights(coarse)
    [estate] = weights.index[weights["division"] == "68"]
    share = coarse.final_demand.loc[estate, "TC"] / coarse.gross_output[estate]
    assert weights.loc[estate, "weight"] == pytest.approx(share)
    assert "total consumption (TC)" in weights.loc[estate, "basis"]


def test_employment_shares_are_shares_of_the_mapped_employment() -> None:
    table = load_io("CHN", 2018)
    result = table_structure(table)
    weights = consumer_services_weights(table)["weight"]
    jobs = table.employment
    assert jobs is not None
    expected = 100 * (jobs.loc[weights.index] * weights).sum() / jobs.sum()
    assert result.share("consumer_services", "employment")["value"] == pytest.approx(expected)
    manufacturing = result.share("manufacturing", "employment")["value"]
    assert 0 < manufacturing < 100


def test_2020_has_no_jobs_and_says_why() -> None:
    result = table_structure(load_io("CHN", 2020, sectors=42))
    assert set(result.shares["measure"]) == {"value_added"}
    assert any("employment series by industry ends in 2018" in n for n in result.notes)
    with pytest.raises(ParameterError, match="0 rows for consumer_services / employment"):
        result.share("consumer_services", "employment")


@pytest.mark.parametrize(("year", "sectors"), [(2020, None), (2018, None), (2012, None),
                                               (2020, 42)])  # fmt: skip
def test_high_tech_shares_are_the_programme_weights(year: int, sectors: int | None) -> None:
    assert high_tech_available()
    table = load_io("CHN", year, sectors=sectors)
    result = table_structure(table)
    for measure, values in (("value_added", table.value_added), ("employment", table.employment)):
        if values is None:
            continue
        parts = {}
        for programme, label in HIGH_TECH_PROGRAMMES.items():
            weights = programme_weights(programme, table)
            for bound in ("share", "low", "high"):
                counted = sum(values[c] * w for c, w in weights.shares(bound).items())
                parts[label, bound] = 100 * counted / values.sum()
        group = result.share("high_tech_manufacturing", measure)
        assert group["value"] == pytest.approx(parts["high-tech manufacturing", "share"])
        tech = result.share("high_tech", measure)
        for column, bound in (("value", "share"), ("low", "low"), ("high", "high")):
            expected = parts["high-tech manufacturing", bound] + parts["high-tech services", bound]
            assert tech[column] == pytest.approx(expected)
        outside = result.share("outside_high_tech", measure)
        assert outside["value"] == pytest.approx(100 - tech["value"])
        assert (outside["low"], outside["high"]) == pytest.approx(
            (100 - tech["high"], 100 - tech["low"])
        )
    if table.scheme != "nbs153":
        assert any("take the NBS 153-sector shares through ISIC" in n for n in result.notes)


def test_without_the_sector_maps_high_tech_is_not_measurable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("pflab.policy.structure._weights_module", lambda: None)
    result = table_structure(load_io("CHN", 2020, sectors=42))
    assert set(result.shares["group"]) == {"consumer_services", "manufacturing"}
    assert any("High tech: not measurable yet" in n for n in result.notes)


def test_total_row_is_the_whole_table() -> None:
    table = load_io("CHN", 2017, sectors=42)
    total = table_structure(table).exports_of("total")
    imported = table.final_demand_imports
    assert imported is not None
    exports = table.exports.sum() + imported["EX"].sum()  # the 42-sector tables' own split
    assert total["export_share"] == pytest.approx(100 * exports / table.gross_output.sum())
    assert total["domestic_export_share"] == pytest.approx(
        100 * table.exports.sum() / table.gross_output.sum()
    )


@pytest.mark.slow
def test_every_nbs_year() -> None:
    result = economy_structure()
    years = sorted(set(result.shares["year"]))
    assert years == [2002, 2005, 2007, 2010, 2012, 2015, 2017, 2018, 2020]
    jobs = set(result.shares.loc[result.shares["measure"] == "employment", "year"])
    assert jobs == set(years) - {2020}
    wide = result.by_year()
    assert wide["manufacturing_export_share"].between(10, 25).all()
    assert result.summary().startswith("Consumer services, high tech and exports")


def test_years_outside_the_tables_are_a_clear_error() -> None:
    with pytest.raises(ParameterError, match="2019 is not in the data"):
        economy_structure(2019)
    with pytest.raises(ParameterError, match="no embedded NBS table of JPN"):
        economy_structure(2018, economy="JPN")
