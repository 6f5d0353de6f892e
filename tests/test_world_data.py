"""Readers of WDI, WTO and Maddison files, checked against the raw files and SOURCES.md."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pflab.build import build
from pflab.data.embedded import read_sidecar
from pflab.data.maddison import parse_year_span, read_maddison, short_citation
from pflab.data.wdi import WB_AGGREGATES, has_at_most_digits, read_wdi_csv
from pflab.data.world_embedded import load_maddison, load_mva, load_wto_exports
from pflab.data.wto import PRODUCTS, read_wto_csv
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, ParameterError

MVA = "wdi/API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv"
RND = "wdi/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"
WTO = "wto/WtoData_20200510015454.csv"
MPD2020 = "maddison/mpd2020.xlsx"
MPD2023 = "maddison/MaddisonData_2023.rda"
SRC2023 = "maddison/MaddisonSources_2023.rda"
SHIPPED = Path(__file__).resolve().parents[1] / "src" / "pflab" / "data" / "embedded"

# -- WDI ----------------------------------------------------------------------------------


@pytest.mark.rawdata
def test_wdi_rounded_resave_is_detected(raw_file) -> None:  # type: ignore[no-untyped-def]
    data = read_wdi_csv(raw_file(MVA))
    frame = data.frame
    # SOURCES.md §4: 9,123 values, of which 1,323 (all those ≥ 1e11) at 3 significant digits
    assert len(frame) == 9123
    assert int(frame["rounded"].sum()) == 1323
    assert data.rounded_digits == 3
    assert (frame.loc[frame["rounded"], "value"] >= 1e11).all()
    assert frame.loc[frame["rounded"], "value"].map(lambda v: has_at_most_digits(v, 3)).all()
    assert (data.code, data.name) == ("NV.IND.MANF.CD", "Manufacturing, value added (current US$)")
    # the World Bank's 217 economies plus its aggregates
    assert frame.loc[~frame["aggregate"], "economy"].nunique() <= 217
    assert set(frame.loc[frame["aggregate"], "economy"]) <= WB_AGGREGATES
    chn = frame[(frame["economy"] == "CHN") & (frame["year"] == 2021)].iloc[0]
    assert chn["value"] == 4.87e12 and chn["rounded"]
    assert "3 significant digits" in data.source.note


@pytest.mark.rawdata
def test_wdi_official_layout_is_read_in_full_precision(raw_file) -> None:  # type: ignore[no-untyped-def]
    data = read_wdi_csv(raw_file(RND))
    assert data.last_updated == "2026-07-13"  # the file's "Last Updated Date" line
    assert data.rounded_digits is None and not data.frame["rounded"].any()
    chn = data.frame[(data.frame["economy"] == "CHN") & (data.frame["year"] == 2023)]
    assert chn["value"].iloc[0] == pytest.approx(2.57729, abs=5e-6)  # SOURCES.md §4
    assert "2026-07-13" in data.source.version


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_wdi_reader_errors_name_file_row_and_column(tmp_path: Path) -> None:
    head = "Country Name,Country Code,Indicator Name,Indicator Code,2000,2001\n"
    with pytest.raises(DataNotFoundError):
        read_wdi_csv(tmp_path / "none.csv")
    bad = _write(tmp_path / "a.csv", "Country Name,Country Code,2000\nChina,CHN,1\n")
    with pytest.raises(DataFormatError, match=r"missing column\(s\) \['Indicator Name'"):
        read_wdi_csv(bad)
    dup = _write(tmp_path / "b.csv", head + "China,CHN,X,X.1,1,2\nChina,CHN,X,X.1,1,2\n")
    with pytest.raises(DataValidationError, match="row 2, column 'Country Code'"):
        read_wdi_csv(dup)
    text = _write(tmp_path / "c.csv", head + "China,CHN,X,X.1,1,n/a\n")
    with pytest.raises(DataFormatError, match="column '2001': 'n/a' for CHN is not a number"):
        read_wdi_csv(text)
    two = _write(tmp_path / "d.csv", head + "China,CHN,X,X.1,1,2\nChina,CHN,Y,Y.1,1,2\n")
    with pytest.raises(DataValidationError, match="holds 2 indicators"):
        read_wdi_csv(two)
    assert read_wdi_csv(two, indicator="Y.1").code == "Y.1"


def test_significant_digits_check() -> None:
    assert has_at_most_digits(4.87e12, 3)
    assert has_at_most_digits(1.6e13, 3)
    assert not has_at_most_digits(4.8712e12, 3)
    assert not has_at_most_digits(33251396.65, 3)


# -- WTO ----------------------------------------------------------------------------------


@pytest.mark.rawdata
def test_wto_reader_matches_sources_md(raw_file) -> None:  # type: ignore[no-untyped-def]
    frame = read_wto_csv(raw_file(WTO))
    assert len(frame) == 12980  # SOURCES.md §7: 12,980 rows, all partner World
    assert frame["economy"].nunique() == 203  # SOURCES.md §7: 203 reporters incl. World
    assert set(frame["product"]) == set(PRODUCTS)
    assert sorted(frame["year"].unique()) == [1990, 1995, 2000, 2005, 2010, 2015, 2018]
    assert frame["flag"].value_counts().to_dict() == {"": 12074, "E": 900, "B": 6}
    assert set(frame.loc[frame["economy"] == "TWN", "country"]) == {"Chinese Taipei"}
    assert "Côte d'Ivoire" in set(frame["country"])  # Latin-1 decoded
    assert {"WLD", "HKG", "MAC", "CHN", "WTO280"} <= set(frame["economy"])


def test_wto_reader_errors(tmp_path: Path) -> None:
    cols = [
        "Indicator Code", "Reporting Economy Code", "Reporting Economy ISO3A Code",
        "Reporting Economy", "Partner Economy", "Product/Sector Code", "Product/Sector",
        "Unit", "Year", "Value",
    ]  # fmt: skip
    head = ",".join(cols) + "\n"
    row = "ITS_MTV_AX,156,CHN,China,World,MA,Manufactures,{unit},2018,{value}\n"
    ok = _write(tmp_path / "ok.csv", head + row.format(unit="Million US dollar", value="5"))
    assert read_wto_csv(ok)["value"].tolist() == [5.0]
    unit = _write(tmp_path / "u.csv", head + row.format(unit="US dollar", value="5"))
    with pytest.raises(DataFormatError, match="expected 'Million US dollar'"):
        read_wto_csv(unit)
    dup = _write(tmp_path / "d.csv", head + 2 * row.format(unit="Million US dollar", value="5"))
    with pytest.raises(DataValidationError, match="China / MA / 2018 appears more than once"):
        read_wto_csv(dup)
    with pytest.raises(DataFormatError, match="missing column"):
        read_wto_csv(_write(tmp_path / "m.csv", "Year,Value\n2018,5\n"))


# -- Maddison -----------------------------------------------------------------------------

BENCHMARKS_1850_1950 = [1850, 1870, 1887, 1890, 1900, 1911, 1913, *range(1929, 1939), 1950]


@pytest.mark.rawdata
def test_maddison_2020_workbook(raw_file) -> None:  # type: ignore[no-untyped-def]
    data = read_maddison(raw_file(MPD2020))
    frame = data.frame
    assert data.vintage == "2020"
    assert len(frame) == 21682 and frame["economy"].nunique() == 169  # SOURCES.md §8
    assert (frame["year"].min(), frame["year"].max()) == (1, 2018)
    # the workbook gives GDP per head 0 for the UAE in 1991-92: read as missing, said so
    assert frame.loc[(frame["economy"] == "ARE") & frame["year"].isin([1991, 1992]), "gdppc"]\
        .isna().all()  # fmt: skip
    assert "ARE 1991, ARE 1992" in data.source.note
    chn = frame[(frame["economy"] == "CHN") & frame["year"].between(1850, 1950)]
    assert chn.dropna(subset=["gdppc"])["year"].tolist() == BENCHMARKS_1850_1950
    assert chn["pop"].notna().all()
    chn_sources = data.sources[data.sources["economy"] == "CHN"]
    assert any(s.startswith("Wu, Harry X. (2014)") for s in chn_sources["source"])
    assert any("Total Economy database" in g for g in data.general)


@pytest.mark.rawdata
def test_maddison_2023_r_files(raw_file) -> None:  # type: ignore[no-untyped-def]
    data = read_maddison(raw_file(MPD2023), sources=raw_file(SRC2023), names={"CHN": "China"})
    assert data.vintage == "2023"
    assert len(data.frame) == 23280 and (data.frame["year"].max()) == 2022  # SOURCES.md §8
    assert data.frame.loc[data.frame["economy"] == "CHN", "country"].iloc[0] == "China"
    assert data.sources["economy"].nunique() == 68
    jpn = data.sources[data.sources["economy"] == "JPN"]
    assert jpn[["first", "last"]].astype(int).values.tolist() == [[724, 1874], [1874, 1940]]
    assert "Journal of Economic Surveys" in data.source.citation


def test_year_spans_and_short_citations() -> None:
    assert parse_year_span("1800 - 1870") == (1800, 1870)
    assert parse_year_span("1661–1933") == (1661, 1933)
    assert parse_year_span("1") == (1, 1)
    assert parse_year_span("2008 -") == (2008, None)
    assert parse_year_span("1820, 1870, 1913, 1950") == (1820, 1950)
    assert parse_year_span("1252–1700 (England)") == (1252, 1700)
    assert parse_year_span("n/a") == (None, None)
    assert short_citation("Wu, Harry X. (2014), “China’s growth …”") == "Wu (2014)"
    assert (
        short_citation("Broadberry, S.N., Guan, Hanhui and David Daokui Li (2018), “China …”")
        == "Broadberry et al. (2018)"
    )


def test_maddison_reader_rejects_unknown_layouts(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match=r"expected an \.xlsx workbook or an \.rda"):
        read_maddison(_write(tmp_path / "x.csv", "a,b\n"))
    with pytest.raises(DataNotFoundError):
        read_maddison(tmp_path / "none.xlsx")


# -- embedded ----------------------------------------------------------------------------


def test_embedded_world_datasets_load_with_sources() -> None:
    mva = load_mva()
    assert mva.rounded_digits == 3 and mva.code == "NV.IND.MANF.CD"
    wto, source = load_wto_exports()
    assert "2020-05-10" in source.version and len(wto) == 12980
    for vintage, last in (("2020", 2018), ("2023", 2022)):
        data = load_maddison(vintage)
        assert int(data.frame["year"].max()) == last
        assert data.source.citation.startswith("Bolt, Jutta and Jan Luiten van Zanden")
        assert not data.sources.empty
    with pytest.raises(ParameterError, match="vintage: '2019'"):
        load_maddison("2019")
    meta = read_sidecar("wdi_mva")
    assert meta["rounded"] == {"digits": 3, "from": 1e11, "values": 1323}
    assert len(meta["raw"]["sha256"]) == 64


@pytest.mark.rawdata
def test_embedded_world_datasets_equal_a_fresh_build(raw_dir: Path, tmp_path: Path) -> None:
    for relative in (MVA, WTO, MPD2020, MPD2023, SRC2023):
        if not (raw_dir / relative).is_file():
            pytest.skip(f"raw file {relative} not present")
    build(raw_dir, tmp_path, only=["wdi_mva", "wto", "maddison"])
    stems = ["wdi_mva", "wto_exports", "maddison_2020", "maddison_2023", "maddison_sources"]
    for stem in stems:
        fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
        pd.testing.assert_frame_equal(fresh, pd.read_parquet(SHIPPED / f"{stem}.parquet"))
        assert json.loads((tmp_path / f"{stem}.json").read_text()) == read_sidecar(stem)


def test_world_builders_without_raw_files_write_nothing(tmp_path: Path) -> None:
    for family, match in (("wdi_mva", "WDI"), ("wto", "WTO"), ("maddison", "Maddison 2020")):
        with pytest.raises(DataNotFoundError, match=f"raw {match}"):
            build(tmp_path, tmp_path / "out", only=[family])
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_read_text_takes_utf8_with_bom_or_latin1(tmp_path: Path) -> None:
    from pflab.data.text import read_text

    utf8 = tmp_path / "u.csv"
    utf8.write_bytes("\ufeffCôte d'Ivoire".encode())
    latin = tmp_path / "l.csv"
    latin.write_bytes("Côte d'Ivoire".encode("latin-1"))
    assert read_text(utf8) == read_text(latin) == "Côte d'Ivoire"
