"""The long-run record: published levels, gaps kept as gaps, leaders, catch-up logic."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pflab.errors import LookupFailedError, ParameterError
from pflab.world import (
    EPISODES,
    Episode,
    catch_up,
    history,
    leader_series,
    level_crossings,
    relative_income,
)

BENCHMARKS = [1850, 1870, 1887, 1890, 1900, 1911, 1913, *range(1929, 1939), 1950]


@pytest.mark.parametrize("vintage", ["2020", "2023"])
def test_published_levels_china_and_japan(vintage: str) -> None:
    # SOURCES.md §8 / issue 12 (MPD 2020, 2011 $): China 945 / 985 / 799, Japan 1,580 /
    # 2,431 / 3,062 in 1870 / 1913 / 1950; the 2023 vintage keeps them.
    record = history(["CHN", "Japan"], start=1870, end=1950, vintage=vintage, variables=["gdppc"])
    for year, china, japan in ((1870, 945, 1580), (1913, 985, 2431), (1950, 799, 3062)):
        assert record.row(year, "CHN")["value"] == china
        assert round(record.row(year, "JPN")["value"]) == japan
    assert record.vintage == vintage
    assert record.row(1913, "CHN")["source"] == f"Maddison Project Database {vintage}"


def test_china_gaps_are_reported_not_filled() -> None:
    record = history("CHN", start=1850, end=1950, variables=["gdppc"])
    frame = record.to_frame()
    assert frame["year"].tolist() == BENCHMARKS  # no row for a year without an estimate
    gaps = record.gaps
    assert ((gaps["first"] == 1939) & (gaps["last"] == 1949)).any()
    assert gaps["years"].sum() == 101 - len(BENCHMARKS)
    note = next(n for n in record.notes if n.startswith("China (CHN)"))
    assert "1850, 1870, 1887, 1890, 1900, 1911, 1913, 1929–1938, 1950" in note
    assert "Nothing is interpolated" in note
    assert "benchmark year" in record.row(1913)["precision"]
    assert "benchmark year" not in record.row(1930)["precision"]
    wide = record.tables()["wide"]
    assert wide["year"].tolist() == BENCHMARKS


def test_country_sources_follow_the_vintage_and_the_citation_policy() -> None:
    old = history("CHN", start=1900, end=1960, vintage="2020")
    new = history("CHN", start=1900, end=1960, vintage="2023")
    assert old.row(1913)["country_source"] == "Xu et al. (2016)"
    assert new.row(1913)["country_source"] == "Broadberry et al. (2018); Xu et al. (2016)"
    assert old.row(1955)["country_source"] == "Wu (2014)"
    assert old.row(1950)["country_source"] == ""  # none listed for 1950-51
    labels = [s.label for s in old.provenance.sources]
    assert labels[0] == "Maddison Project Database 2020"
    assert "CHN: Wu (2014)" in labels
    assert any("citation policy" in n for n in old.notes)
    payload = json.loads(old.to_json())
    assert any("Wu, Harry X." in s["citation"] for s in payload["provenance"]["sources"])


def test_leader_is_the_highest_of_the_named_set_only() -> None:
    frame = pd.DataFrame(
        {
            "economy": ["USA", "GBR", "ARE", "USA", "GBR", "ARE", "USA"],
            "year": [1900, 1900, 1900, 1901, 1901, 1901, 1902],
            "gdppc": [100.0, 120.0, 900.0, 130.0, 125.0, 800.0, 140.0],
        }
    )
    ref = leader_series(frame, ["USA", "GBR"])
    assert ref["year"].tolist() == [1900, 1901]  # 1902: GBR missing, no leader
    assert ref["reference"].tolist() == ["GBR", "USA"]
    assert ref["reference_gdppc"].tolist() == [120.0, 130.0]  # the oil state is ignored


def test_relative_income_against_a_chosen_economy_and_the_leader() -> None:
    japan = relative_income("JPN", relative_to="CHN", start=1870, end=1913)
    assert japan.row(1913)["value"] == pytest.approx(100 * 2430.625042 / 985, rel=1e-6)
    assert japan.to_frame()["year"].tolist() == [1870, 1887, 1890, 1900, 1911, 1913]
    led = relative_income("CHN,JPN", start=1850, end=1950)
    runs = led.leaders
    assert runs.iloc[0]["leader"] == "GBR" and runs.iloc[-1]["leader"] == "USA"
    history_ = history(["CHN", "USA", "GBR"], start=1913, end=1913, variables=["gdppc"])
    best = max(history_.row(1913, "USA")["value"], history_.row(1913, "GBR")["value"])
    assert led.row(1913, "CHN")["value"] == pytest.approx(100 * 985 / best)
    assert any("not the world maximum" in n for n in led.notes)


def _series(points: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame({"year": list(points), "value": list(points.values())})


def test_level_crossings_on_hand_made_series() -> None:
    # a gap 1953-59: 20 % was crossed somewhere in 1953-1960
    rows = _series({1950: 5.0, 1951: 8.0, 1952: 12.0, 1960: 25.0, 1961: 41.0})
    climb, second = level_crossings(rows, [10, 20, 40], last_year=1961)
    assert (climb["from_year"], climb["from_earliest"]) == (1952, 1952)
    assert (climb["to_year"], climb["to_earliest"]) == (1960, 1953)
    assert (climb["value"], climb["years_min"], climb["years_max"]) == (8, 1, 8)
    assert climb["status"] == "reached" and "1953–1960" in climb["precision"]
    assert (second["from_year"], second["to_year"], second["value"]) == (1960, 1961, 1)
    # already above the lower level at the start: counted from the start, no upper bound
    above = level_crossings(_series({1900: 15.0, 1901: 22.0}), [10, 20], last_year=1901)[0]
    assert above["value"] == 1 and above["years_max"] is pd.NA
    assert "from the start (1900)" in str(above["status"])
    # never reached
    low = level_crossings(_series({1900: 5.0, 1910: 4.0}), [10, 20], last_year=1910)[0]
    assert low["from_year"] is pd.NA and low["status"] == "10 % not reached by 1910"
    # falls back below: the first crossing counts
    back = level_crossings(_series({1: 5.0, 2: 11.0, 3: 9.0, 4: 21.0}), [10, 20], last_year=4)
    assert (back[0]["from_year"], back[0]["to_year"]) == (2, 4)


def test_catch_up_episodes_are_consistent_with_the_levels() -> None:
    result = catch_up()
    frame = result.to_frame()
    assert list(dict.fromkeys(frame["episode"])) == [e.label for e in EPISODES]
    relative = result.relative
    for r in frame[frame["status"] == "reached"].itertuples(index=False):
        series = relative[relative["economy"] == r.economy].set_index("year")["value"]
        window = series.loc[r.start : r.end]
        assert window.loc[r.to_year] >= r.to_level
        assert (window.loc[r.from_year : r.to_year].iloc[:-1] < r.to_level).all()
        assert window.loc[r.from_year] >= r.from_level
        assert (window.loc[: r.from_year].iloc[:-1] < r.from_level).all()
        assert r.value == r.to_year - r.from_year and r.year == r.to_year
    paths = result.paths.set_index("episode")
    qing = paths.loc["China 1850–1950 (late Qing, Republic)"]
    meiji = paths.loc["Japan 1850–1950 (Meiji and after)"]
    assert qing["change"] < 0 and meiji["peak_level"] > 2 * qing["peak_level"] > 0
    assert "Self-Strengthening" not in result.title  # periods belong to the chart
    assert result.relative_income().to_frame().equals(result.relative)


def test_catch_up_with_a_gap_bounds_the_crossing() -> None:
    # Japan's GDP per head relative to China's: 167 % in 1870, 203 % in 1887, 218 % in
    # 1900, 265 % in 1911 (China has estimates in benchmark years only)
    result = catch_up([Episode("JPN", 1870, 1913)], relative_to="CHN", levels=[150, 200, 250])
    first, second = (r for _, r in result.to_frame().iterrows())
    assert (first["from_year"], first["to_year"], first["to_earliest"]) == (1870, 1887, 1871)
    assert first["precision"] == "200 % crossed in 1871–1887 (gaps in the series)"
    assert (second["from_year"], second["from_earliest"]) == (1887, 1871)
    assert (second["to_year"], second["to_earliest"]) == (1911, 1901)
    assert (second["value"], second["years_min"], second["years_max"]) == (24, 14, 40)


def test_vintages_differ_and_errors_are_clear() -> None:
    assert int(history("CHN", vintage="2023").to_frame()["year"].max()) == 2022
    assert int(history("CHN", vintage=2020).to_frame()["year"].max()) == 2018
    with pytest.raises(ParameterError, match="vintage: '1990'"):
        history("CHN", vintage="1990")
    with pytest.raises(ParameterError, match="end: 1900 is before the start 1950"):
        history("CHN", start=1950, end=1900)
    with pytest.raises(ParameterError, match="variables"):
        history("CHN", variables=["gdp"])
    with pytest.raises(LookupFailedError, match="unknown economy 'Atlantis'"):
        relative_income("Atlantis")
    with pytest.raises(LookupFailedError):
        relative_income("CHN", leaders=["USA", "Oz"])
    with pytest.raises(ParameterError, match="levels"):
        catch_up(levels=[20, 10])
    with pytest.raises(ParameterError, match="episodes"):
        catch_up([Episode("CHN", 1950, 1900)])
