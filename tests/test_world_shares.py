"""World shares: recomputed independently from the raw CSVs, precision, notes, errors."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from pflab.errors import LookupFailedError, ParameterError
from pflab.world import resolve_product, world_share
from pflab.world.precision import (
    format_interval,
    half_unit,
    ratio_interval,
    shown_decimals,
)
from pflab.world.years import format_spans, parse_years, spans

MVA = "wdi/API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv"
WTO = "wto/WtoData_20200510015454.csv"


def _raw_mva(path: Path) -> dict[str, dict[int, float]]:
    """Economy → year → value, read with the csv module (no pflab, no pandas)."""
    out: dict[str, dict[int, float]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["Country Code"]] = {
                int(k): float(v) for k, v in row.items() if k and k.isdigit() and v
            }
    return out


def _raw_wto(path: Path, product: str) -> dict[str, dict[int, float]]:
    """Reporter name → year → value (partner World, one product), with the csv module."""
    out: dict[str, dict[int, float]] = {}
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Partner Economy"] == "World" and row["Product/Sector Code"] == product:
                out.setdefault(row["Reporting Economy"], {})[int(row["Year"])] = float(row["Value"])
    return out


@pytest.mark.rawdata
@pytest.mark.parametrize(("year", "published"), [(2004, 8.6), (2010, 18.1), (2015, 26.0),
                                                   (2021, 30.4)])  # fmt: skip
def test_china_mva_share_recomputed_from_the_raw_csv(raw_file, year: int, published: float) -> None:  # type: ignore[no-untyped-def]
    raw = _raw_mva(raw_file(MVA))
    expected = 100 * raw["CHN"][year] / raw["WLD"][year]
    row = world_share("CHN", "mva", years=year).row(year)
    assert row["ratio"] == pytest.approx(expected, rel=1e-12)
    assert round(row["value"], 1) == published  # SOURCES.md §4 and issue 12
    assert row["low"] <= expected <= row["high"]
    assert row["year"] == year and "WDI NV.IND.MANF.CD" in row["source"]


@pytest.mark.rawdata
def test_every_mva_share_matches_the_raw_csv(raw_file) -> None:  # type: ignore[no-untyped-def]
    raw = _raw_mva(raw_file(MVA))
    economies = ["CHN", "USA", "DEU", "JPN", "KOR", "IND", "HKG", "VNM", "MEX"]
    result = world_share(economies, "mva").to_frame()
    checked = 0
    for r in result.itertuples(index=False):
        expected = 100 * raw[r.economy][r.year] / raw["WLD"][r.year]
        assert r.ratio == pytest.approx(expected, rel=1e-12)
        checked += 1
    expected_rows = sum(1 for e in economies for y in raw[e] if y in raw["WLD"])
    assert checked == expected_rows > 150


@pytest.mark.rawdata
@pytest.mark.parametrize(("year", "published"), [(2000, 4.7), (2010, 14.8), (2015, 18.9),
                                                   (2018, 17.6)])  # fmt: skip
def test_china_manufactures_export_share_recomputed(raw_file, year: int, published: float) -> None:  # type: ignore[no-untyped-def]
    raw = _raw_wto(raw_file(WTO), "MA")
    expected = 100 * raw["China"][year] / raw["World"][year]
    row = world_share("CHN", "exports", product="MA", years=year).row(year)
    assert row["ratio"] == pytest.approx(expected, rel=1e-12)
    assert round(row["value"], 1) == published  # SOURCES.md §7 and issue 12
    assert row["text"] == f"{expected:.3g} %"


@pytest.mark.rawdata
@pytest.mark.parametrize("product", ["MAMTOTIC", "MAMTOF", "MACL"])
def test_export_shares_of_other_groups_match_the_raw_csv(raw_file, product: str) -> None:  # type: ignore[no-untyped-def]
    raw = _raw_wto(raw_file(WTO), product)
    result = world_share(["China", "Hong Kong", "Chinese Taipei", "KOR"], "exports", product)
    names = {"CHN": "China", "HKG": "Hong Kong, China", "TWN": "Chinese Taipei",
             "KOR": "Korea, Republic of"}  # fmt: skip
    for r in result.to_frame().itertuples(index=False):
        expected = 100 * raw[names[r.economy]][r.year] / raw["World"][r.year]
        assert r.ratio == pytest.approx(expected, rel=1e-12)


def _significant(text: str) -> int:
    digits = text.replace(" %", "").replace(".", "").lstrip("0")
    return len(digits)


def test_shown_digits_never_exceed_what_the_data_hold() -> None:
    frame = world_share(["CHN", "USA", "DEU", "JPN", "ABW", "WLD"], "mva").to_frame()
    for r in frame.itertuples(index=False):
        assert _significant(r.text) <= 3, r.text
        unit = 10.0**-r.decimals
        if r.interval:  # rounded inputs: the last digit shown is no finer than the range
            assert unit >= 10 ** math.floor(math.log10(max(r.high - r.ratio, r.ratio - r.low)))
        assert r.value == round(r.ratio, r.decimals)
    row = world_share("CHN", years=2021).row(2021)
    assert (row["text"], row["interval"]) == ("30.4 %", "30.3–30.6")
    # "about ±1 % of the share": the range is within 1 % of the value either side
    assert row["high"] / row["ratio"] - 1 < 0.01 and 1 - row["low"] / row["ratio"] < 0.01


def test_precision_helpers_on_hand_cases() -> None:
    assert half_unit(4.87e12, 3) == 5e9
    assert half_unit(1.00e13, 3) == 5e10
    assert half_unit(123.0, None) == 0.0
    low, high = ratio_interval(4.87e12, 5e9, 1.60e13, 5e10)
    assert (low, high) == pytest.approx((4.865 / 16.05, 4.875 / 15.95))
    assert shown_decimals(30.4375, 0.13) == 1
    assert shown_decimals(8.609, 0.0126) == 2
    assert shown_decimals(17.618, 0.0) == 1  # three significant digits at most
    assert shown_decimals(9.9996, 0.0) == 1  # not "10.00"
    assert shown_decimals(0.1234, 0.0) == 3
    assert shown_decimals(45.0, 3.0) == 0
    assert format_interval(30.31, 30.56, 1) == "30.3–30.6"


def test_years_selection() -> None:
    have = [1990, 1995, 2000, 2005, 2010, 2015, 2018]
    assert parse_years(None, have) == have
    assert parse_years("2000-2021", have) == [2000, 2005, 2010, 2015, 2018]
    assert parse_years("-1995, 2018", have) == [1990, 1995, 2018]
    assert parse_years((2010, None), have) == [2010, 2015, 2018]
    assert parse_years(2015, have) == [2015]
    with pytest.raises(ParameterError, match="2001 is not in the data; it has 1990, 1995"):
        parse_years("2001", have)
    with pytest.raises(ParameterError, match="ends before it starts"):
        parse_years("2010-2000", have)
    with pytest.raises(ParameterError, match="not a year or range"):
        parse_years("twenty", have)
    with pytest.raises(ParameterError, match="selects no year"):
        parse_years("2019-2030", have)
    assert spans([1929, 1930, 1931, 1950]) == [(1929, 1931), (1950, 1950)]
    assert format_spans([1850, 1870, 1929, 1930, 1931]) == "1850, 1870, 1929–1931"


def test_notes_carry_precision_hong_kong_and_gaps() -> None:
    mva = world_share(["CHN", "JPN"], "mva", years="2020-2021")
    notes = " ".join(mva.notes)
    assert "3 significant digits" in notes and "±1 %" in notes
    assert "Hong Kong SAR (HKG)" in notes
    assert "Japan (JPN): no value in 2021" in notes
    assert len(mva.to_frame()) == 3  # JPN 2021 left out, not filled
    exports = world_share("CHN", "exports", years=2018)
    text = " ".join(exports.notes)
    assert "re-exports" in text and "not in China's figure" in text
    assert "nothing after 2018 is embedded" in text
    assert "Hong Kong" not in " ".join(world_share("USA", years=2021).notes)


def test_result_protocol_and_ledger_columns() -> None:
    result = world_share("CHN", "exports", "MA", years="2000-2018")
    frame = result.to_frame()
    assert {"value", "year", "source", "precision", "low", "high"} <= set(frame.columns)
    data = json.loads(result.to_json())
    assert data["kind"] == "WorldShares" and data["provenance"]["parameters"]["product"] == "MA"
    assert [r["year"] for r in data["tables"]["shares"]] == [2000, 2005, 2010, 2015, 2018]
    text = result.to_csv()
    assert text.startswith("# pflab") and "WTO Stats" in text.splitlines()[0]
    back = pd.read_csv(io.StringIO(text), skiprows=1)
    assert back["ratio"].tolist() == pytest.approx(frame["ratio"].tolist(), rel=1e-15)
    assert "17.6 %" in result.summary()


def test_products_and_errors() -> None:
    assert resolve_product("ic") == "MAMTOTIC"
    assert resolve_product("Integrated circuits and electronic components") == "MAMTOTIC"
    assert resolve_product("office") == "MAMTOF"
    with pytest.raises(LookupFailedError, match="Telecommunications equipment"):
        resolve_product("telecoms equipment")
    with pytest.raises(ParameterError, match="product: applies to measure 'exports' only"):
        world_share("CHN", "mva", product="MA")
    with pytest.raises(ParameterError, match="measure: 'gdp'"):
        world_share("CHN", "gdp")
    with pytest.raises(LookupFailedError, match="closest matches: China"):
        world_share("Chian")
    with pytest.raises(ParameterError, match="2030 is not in the data"):
        world_share("CHN", years=2030)
    with pytest.raises(ParameterError, match="WDI has no row for Taiwan"):
        world_share(["CHN", "Taiwan"], "mva")
    assert world_share("Taiwan", "exports", years=2018).row(2018)["economy"] == "TWN"
    with pytest.raises(ParameterError, match="no value for JPN in 2021"):
        world_share("JPN", years=2021)
