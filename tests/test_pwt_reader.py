"""Reading PWT in its official formats, and clear errors for malformed files."""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pflab.data import detect_version, load_pwt, read_pwt
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, PflabError


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """Two economies, 2017-2023, from the embedded PWT 11.0 (rtfpna = 1 in 2021)."""
    frame = load_pwt("11.0").frame
    part = frame[frame["countrycode"].isin(["CHN", "JPN"]) & (frame["year"] >= 2017)]
    return part.reset_index(drop=True)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif path.suffix == ".xlsx":
        frame.to_excel(path, sheet_name="Data", index=False)
    elif path.suffix == ".dta":
        frame.to_stata(path, write_index=False, version=118)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".dta"])
def test_round_trip_and_version_detection(
    sample: pd.DataFrame, tmp_path: Path, suffix: str
) -> None:
    data = read_pwt(_write(sample, tmp_path / f"pwt{suffix}"))
    assert data.version == "11.0"
    assert data.source.citation.startswith("Feenstra")
    pd.testing.assert_frame_equal(
        data.frame[sample.columns].reset_index(drop=True), sample, check_dtype=False, rtol=1e-6
    )
    assert data.resolve("china") == "CHN"
    assert data.unit("rgdpna") == "mil. 2021 US$"


def test_version_10_detected_from_2017_base_year(sample: pd.DataFrame, tmp_path: Path) -> None:
    old = sample.copy()
    old["rtfpna"] = old["rtfpna"] / old.groupby("countrycode")["rtfpna"].transform(
        lambda s: s[old.loc[s.index, "year"] == 2017].iloc[0]
    )
    data = read_pwt(_write(old, tmp_path / "old.csv"))
    assert data.version == "10.x"
    assert read_pwt(tmp_path / "old.csv", version="10.01").version == "10.01"


def test_undetectable_version_asks_for_it(sample: pd.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="version"):
        read_pwt(_write(sample.drop(columns="rtfpna"), tmp_path / "x.csv"))
    assert read_pwt(tmp_path / "x.csv", version="11.0").version == "11.0"
    assert (
        detect_version(sample.drop(columns="rtfpna"), {"rgdpna": "Real GDP (in mil. 2017US$)"})
        == "10.x"
    )


def test_missing_column_is_named(sample: pd.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match=r"missing required column\(s\) 'rkna'") as info:
        read_pwt(_write(sample.drop(columns="rkna"), tmp_path / "p.csv"))
    assert "p.csv" in str(info.value)


def test_text_in_a_numeric_cell_names_row_and_column(sample: pd.DataFrame, tmp_path: Path) -> None:
    bad = sample.astype({"emp": object})
    bad.loc[3, "emp"] = "twelve"
    with pytest.raises(DataFormatError) as info:
        read_pwt(_write(bad, tmp_path / "p.csv"))
    message = str(info.value)
    assert "row 5" in message  # header is line 1, so the 4th data row is line 5
    assert "column 'emp'" in message and "'twelve'" in message
    with pytest.raises(DataFormatError, match="row 5, column 'emp'"):
        read_pwt(_write(bad, tmp_path / "p.xlsx"))


def test_duplicate_country_year(sample: pd.DataFrame, tmp_path: Path) -> None:
    dup = pd.concat([sample, sample.iloc[[2]]], ignore_index=True)
    with pytest.raises(
        DataValidationError, match=r"duplicate country-year CHN 2019 \(first at row 4\)"
    ):
        read_pwt(_write(dup, tmp_path / "p.csv"))


def test_out_of_range_values(sample: pd.DataFrame, tmp_path: Path) -> None:
    bad = sample.copy()
    bad.loc[0, "labsh"] = 1.7
    with pytest.raises(DataValidationError, match="row 2, column 'labsh': expected a share"):
        read_pwt(_write(bad, tmp_path / "p.csv"))
    bad = sample.copy()
    bad.loc[1, "rgdpna"] = -5.0
    with pytest.raises(DataValidationError, match="column 'rgdpna': expected a positive number"):
        read_pwt(_write(bad, tmp_path / "p.csv"))


def test_wrong_encoding(sample: pd.DataFrame, tmp_path: Path) -> None:
    latin = sample.copy()
    latin["country"] = latin["country"].replace("Japan", "Côte d'Ivoire")
    path = tmp_path / "latin.csv"
    latin.to_csv(path, index=False, encoding="latin-1")
    with pytest.raises(DataFormatError, match="not UTF-8"):
        read_pwt(path)


def test_excel_without_data_sheet(sample: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    sample.to_excel(path, sheet_name="Info", index=False)
    with pytest.raises(DataFormatError, match="no sheet named 'Data' \\(sheets: Info\\)"):
        read_pwt(path)


def test_missing_file_and_unknown_type(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="no such file"):
        read_pwt(tmp_path / "absent.csv")
    (tmp_path / "p.json").write_text("{}")
    with pytest.raises(DataFormatError, match=r"unknown file type '\.json'"):
        read_pwt(tmp_path / "p.json")


# --- fuzzing: every malformed file ends in a pflab error, never another exception ------

_fuzz = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _assert_pflab_error_or_data(path: Path) -> None:
    try:
        data = read_pwt(path)
    except PflabError:
        return
    assert not data.frame.empty
    assert data.frame["year"].dtype == np.int64


@_fuzz
@given(
    payload=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".dta", ".xlsx", ".csv.gz"])
)
def test_fuzz_random_bytes(payload: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(payload)
    _assert_pflab_error_or_data(path)


@_fuzz
@given(data=st.data())
def test_fuzz_mutated_csv(sample: pd.DataFrame, tmp_path: Path, data: st.DataObject) -> None:
    lines = sample.to_csv(index=False).splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        row = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[row].split(",")
        col = data.draw(st.integers(0, len(cells) - 1))
        action = data.draw(st.sampled_from(["text", "delete", "blank", "dup", "drop", "quote"]))
        if action == "text":
            cells[col] = data.draw(st.text(string.printable, max_size=8))
        elif action == "blank":
            cells[col] = ""
        elif action == "delete":
            del cells[col]
        elif action == "quote":
            cells[col] = '"' + cells[col]
        lines[row] = ",".join(cells)
        if action == "dup":
            lines.append(lines[row])
        elif action == "drop" and len(lines) > 1:
            del lines[row]
    path = tmp_path / "mutated.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    _assert_pflab_error_or_data(path)
