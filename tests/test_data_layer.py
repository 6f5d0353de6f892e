"""Embedded datasets, country lookup and eras."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pflab.accounting import DEFAULT_ERAS, Era, parse_eras
from pflab.build import build
from pflab.data import load_pwt, resolve_country
from pflab.data.embedded import embedded_files, read_sidecar
from pflab.errors import DataNotFoundError, LookupFailedError, ParameterError

ECONOMIES = {"CHN": "China", "KOR": "Republic of Korea", "USA": "United States", "TWN": "Taiwan"}


@pytest.mark.parametrize(
    ("name", "code"),
    [("China", "CHN"), ("chn", "CHN"), ("PRC", "CHN"), ("  china ", "CHN"), ("中国", "CHN"),
     ("South Korea", "KOR"), ("republic of korea", "KOR"), ("us", "USA"), ("Taiwan", "TWN")],
)  # fmt: skip
def test_country_lookup(name: str, code: str) -> None:
    assert resolve_country(name, ECONOMIES) == code


def test_unknown_country_suggests_closest() -> None:
    with pytest.raises(LookupFailedError) as info:
        resolve_country("Chian", ECONOMIES)
    assert "closest matches: China (CHN)" in str(info.value)
    with pytest.raises(LookupFailedError, match="unknown economy 'Atlantis'"):
        load_pwt().resolve("Atlantis")


def test_embedded_pwt_shape_and_provenance() -> None:
    new, old = load_pwt("11.0"), load_pwt("10.01")
    assert new.frame["countrycode"].nunique() == 185
    assert (new.frame["year"].min(), new.frame["year"].max()) == (1950, 2023)
    assert old.frame["countrycode"].nunique() == 183
    assert (old.frame["year"].min(), old.frame["year"].max()) == (1950, 2019)
    needed = {
        "rgdpna",
        "rgdpo",
        "rnna",
        "rkna",
        "emp",
        "avh",
        "hc",
        "labsh",
        "delta",
        "pop",
        "rtfpna",
    }
    assert needed | {"csh_i", "csh_c", "csh_g", "csh_x", "csh_m"} <= set(new.frame.columns)
    for stem in ("pwt_11.0", "pwt_10.01"):
        meta = read_sidecar(stem)
        assert meta["source"]["citation"].startswith("Feenstra")
        assert len(meta["raw"]["sha256"]) == 64
    assert "three decimals" in old.source.note
    assert {"pwt_11.0", "pwt_10.01"} <= set(embedded_files())


def test_loaded_frames_are_independent_copies() -> None:
    first = load_pwt()
    first.frame.loc[:, "rgdpna"] = 0.0
    assert load_pwt().frame["rgdpna"].max() > 0


def test_unknown_vintage_and_dataset() -> None:
    with pytest.raises(ParameterError, match=r"vintage: '9\.1' is not embedded"):
        load_pwt("9.1")
    with pytest.raises(DataNotFoundError, match="no embedded dataset 'nope'"):
        read_sidecar("nope")


@pytest.mark.rawdata
def test_embedded_pwt_equals_a_fresh_build(raw_dir: Path, tmp_path: Path) -> None:
    if not (raw_dir / "pwt" / "pwt110.dta").is_file():
        pytest.skip("raw PWT files not present")
    build(raw_dir, tmp_path, only=["pwt"])
    shipped = Path(__file__).resolve().parents[1] / "src" / "pflab" / "data" / "embedded"
    for stem in ("pwt_11.0", "pwt_10.01"):
        fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
        pd.testing.assert_frame_equal(fresh, pd.read_parquet(shipped / f"{stem}.parquet"))
        assert json.loads((tmp_path / f"{stem}.json").read_text()) == read_sidecar(stem)


def test_build_without_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match=r"raw PWT 11\.0 file not found"):
        build(tmp_path, tmp_path / "out", only=["pwt"])
    assert not (tmp_path / "out" / "pwt_11.0.parquet").exists()


def test_era_parsing() -> None:
    assert parse_eras(None) == list(DEFAULT_ERAS)
    assert parse_eras("1979-2007, 2008–2017,2018-latest") == [
        Era(1979, 2007),
        Era(2008, 2017),
        Era(2018),
    ]
    assert parse_eras("2018-")[0].label == "2018–latest"
    assert parse_eras([(1990, 2000)]) == [Era(1990, 2000)]
    for bad, match in [
        ("1979", "not an era"),
        ("2007-1979", "ends before"),
        ("", "no era"),
        ("0-5", "not an era"),
    ]:
        with pytest.raises(ParameterError, match=match):
            parse_eras(bad)


def test_default_eras_do_not_overlap() -> None:
    years: Callable[[Era], set[int]] = lambda e: set(range(e.start, (e.end or 2023) + 1))  # noqa: E731
    spans = [years(e) for e in DEFAULT_ERAS]
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            assert not a & b
