"""The embedded input–output tables: provenance, published totals, fresh rebuild, readers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pflab.data.embedded import read_embedded, read_sidecar
from pflab.data.iotables import (
    IOTable,
    available_io,
    load_io,
    map_employment,
    read_nbs_excel,
    read_oecd_csv,
    read_wiod,
)
from pflab.data.iotables.embedded import _frame
from pflab.data.iotables.oecd import OECD_INDUSTRIES
from pflab.errors import DataNotFoundError, LookupFailedError, ParameterError

STEMS = [
    "io_nbs",
    "io_nbs_axes",
    "io_oecd",
    "io_oecd_axes",
    "io_wiod",
    "io_wiod_axes",
    "cn_employment",
]


def test_catalogue_covers_all_sources() -> None:
    catalog = available_io()
    assert (catalog["source"] == "nbs").sum() == 12
    assert (catalog["source"] == "oecd").sum() == 48
    assert (catalog["source"] == "wiod").sum() == 165
    assert set(catalog.loc[catalog["source"] == "wiod", "economy"]) == {
        "BRA", "CHN", "DEU", "FRA", "GBR", "IND", "JPN", "KOR", "RUS", "TWN", "USA"
    }  # fmt: skip


def test_embedded_io_is_small() -> None:
    folder = Path(__file__).resolve().parents[1] / "src" / "pflab" / "data" / "embedded"
    sizes = {p.name: p.stat().st_size for p in folder.glob("io_*.parquet")}
    assert sum(sizes.values()) < 5 * 2**20, sizes


@pytest.mark.parametrize(
    ("economy", "year", "source", "total"),
    [
        # SOURCES.md: measured on the raw files
        ("CHN", 2020, "nbs", 26_990_278_045.0),  # 10,000 yuan
        ("CHN", 2014, "wiod", 31_745_104.0),  # US$ million, rounded re-save
        ("CHN", 2018, "oecd", 35_015_787.5),  # US$ million
    ],
)
def test_gross_output_totals_as_published(
    economy: str, year: int, source: str, total: float
) -> None:
    table = load_io(economy, year, source=source)
    assert table.gross_output.sum() == pytest.approx(total, rel=1e-12, abs=0.5)


def test_2017_tables_of_42_and_149_sectors_add_up_to_the_same_output() -> None:
    # SOURCES.md: the 2017_42 and 2017_149 totals are identical
    fine = load_io("CHN", 2017, sectors=149).gross_output.sum()
    coarse = load_io("CHN", 2017, sectors=42).gross_output.sum()
    assert fine == pytest.approx(coarse, rel=1e-12)


def test_every_embedded_table_loads_and_is_productive() -> None:
    # NBS is unrounded and OECD has one decimal; the WIOD re-saves are rounded to whole
    # US$ million, which for tiny sectors is a large relative error (checked absolutely at
    # construction)
    worst = {"nbs": 1e-8, "oecd": 1e-3, "wiod": float("inf")}
    for row in available_io().itertuples():
        table = load_io(row.economy, int(row.year), source=row.source, sectors=int(row.sectors))
        assert table.spectral_radius < 1.0
        assert max(table.balance.row, table.balance.column) < worst[row.source], table.label
        assert table.scheme == row.scheme


def test_load_io_errors_list_what_exists() -> None:
    with pytest.raises(DataNotFoundError, match=r"embedded years: 2002, 2005, .*2020"):
        load_io("CHN", 2019)
    with pytest.raises(DataNotFoundError, match=r"42 sectors, 153 sectors"):
        load_io("CHN", 2020, sectors=100)
    with pytest.raises(LookupFailedError, match=r"embedded: BRA, CHN"):
        load_io("Atlantis", 2018)
    # an economy embedded from other sources only: say which, with their years
    with pytest.raises(ParameterError, match=r"oecd \(1995–2018\) and wiod \(2000–2014\)"):
        load_io("JPN", 2018)
    with pytest.raises(ParameterError, match=r"USA is embedded in wiod \(2000–2014\)"):
        load_io("USA", 2018, source="oecd")
    with pytest.raises(LookupFailedError, match="nbs, oecd, wiod"):
        load_io("CHN", 2018, source="exiobase")


def test_sources_and_notes_travel_with_the_table() -> None:
    table = load_io("KOR", 2014, source="wiod")
    assert "Timmer" in table.source.citation
    assert "rounded" in table.source.note
    assert any("rounded" in note for note in table.notes)
    nbs = load_io("CHN", 2020)
    assert nbs.import_split == "proportional"
    assert any("proportionality" in note for note in nbs.notes)
    assert load_io("CHN", 2020, sectors=42).import_split == "table"


def test_employment_is_mapped_and_conserved() -> None:
    table = load_io("CHN", 2018)
    mapped = map_employment(table)
    series = read_embedded("cn_employment")
    leaves = series[(series["year"] == 2018) & series["code"].isin(mapped.shares.index)]
    assert mapped.employment.sum() == pytest.approx(leaves["value"].sum(), rel=1e-12)
    assert mapped.unmapped == () and mapped.empty == ()
    # the national total (TOT row) is reproduced to rounding of the series
    total = float(series[(series["year"] == 2018) & (series["code"] == "TOT")]["value"].iloc[0])
    assert mapped.employment.sum() == pytest.approx(total, rel=1e-4)
    rows = mapped.shares.sum(axis=1)
    assert np.allclose(rows[rows > 0], 1.0)
    assert table.employment is not None and load_io("CHN", 2020).employment is None


def test_employment_gaps_are_reported() -> None:
    mapped = map_employment(load_io("CHN", 2007))
    assert "C31" in mapped.unmapped  # repair of machinery has no 2007 product sector
    assert "C31" in mapped.note()


@pytest.mark.rawdata
def test_embedded_files_equal_a_fresh_build(raw_dir: Path, tmp_path: Path) -> None:
    from pflab.data.iotables.build import build_io

    written = build_io(raw_dir, tmp_path)
    assert sorted(p.stem for p in written) == sorted(STEMS)
    for stem in STEMS:
        fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
        pd.testing.assert_frame_equal(fresh, read_embedded(stem), check_exact=True)
        sidecar = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
        assert sidecar == read_sidecar(stem)


@pytest.mark.rawdata
def test_raw_nbs_accounting_identity(raw_file) -> None:  # type: ignore[no-untyped-def]
    pyreadr = pytest.importorskip("pyreadr")
    frame = next(iter(pyreadr.read_r(raw_file("china_nbs_io/china_2020_153.rda")).values()))
    sectors = [c for c in frame.columns if str(c).isdigit()]
    ti = frame.set_index("Code").loc["TI", sectors].to_numpy(dtype=float)
    go = frame[frame["Code"].isin(sectors)]["GO"].to_numpy(dtype=float)
    np.testing.assert_allclose(ti, go, rtol=1e-12)
    table = load_io("CHN", 2020)
    np.testing.assert_allclose(table.gross_output.to_numpy(), go, rtol=0)


def _same_table(a: IOTable, b: IOTable) -> None:
    assert a.codes == b.codes
    for block in ("Z", "Z_imports", "final_demand", "final_demand_imports"):
        np.testing.assert_allclose(
            getattr(a, block).to_numpy(), getattr(b, block).to_numpy(), rtol=1e-12
        )
    np.testing.assert_allclose(a.value_added.to_numpy(), b.value_added.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(a.gross_output.to_numpy(), b.gross_output.to_numpy(), rtol=1e-12)


def test_nbs_excel_layout_is_read(tmp_path: Path) -> None:
    frame = _frame("nbs", "2020_153")
    sectors = [c for c in frame.columns if str(c).isdigit()]
    chinese = {
        "TIU": "中间使用合计", "FU101": "农村居民消费支出", "FU102": "城镇居民消费支出",
        "THC": "居民消费支出合计", "FU103": "政府消费支出", "TC": "最终消费支出合计",
        "FU201": "固定资本形成总额", "FU202": "存货变动", "GCF": "资本形成合计", "EX": "出口",
        "TFU": "最终使用合计", "IM": "进口", "GO": "总产出",
    }  # fmt: skip
    rows_zh = {
        "TII": "中间投入合计", "VA001": "劳动者报酬", "VA002": "生产税净额",
        "VA003": "固定资产折旧", "VA004": "营业盈余", "TVA": "增加值合计", "TI": "总投入",
    }  # fmt: skip
    finals = [c for c in frame.columns if c in chinese]
    header = ["代码", "部门名称", "Sector", *sectors, *(chinese[c] for c in finals)]
    body = [
        [rows_zh.get(code, code), zh, en, *values]
        for code, zh, en, values in zip(
            frame["Code"],
            frame["DescriptionInChinese"],
            frame["Description"],
            frame[[*sectors, *finals]].to_numpy().tolist(),
            strict=True,
        )
    ]
    sheet = pd.DataFrame(
        [["2020年中国投入产出表（153部门）", *[""] * (len(header) - 1)], header, *body]
    )
    path = tmp_path / "io2020.xlsx"
    sheet.to_excel(path, header=False, index=False)
    _same_table(read_nbs_excel(path, year=2020), load_io("CHN", 2020))


def test_oecd_csv_layout_is_read(tmp_path: Path) -> None:
    frame = _frame("oecd", "JPN_2011").set_index("Code")
    numeric = frame.drop(columns=["Description"])
    rows = []
    for row_code, values in numeric.iterrows():
        for col_code, value in values.items():
            if value != 0:
                rows.append(
                    {
                        "LOCATION": "JPN",
                        "Country": "Japan",
                        "VAR": "TTL",
                        "ROW": OECD_INDUSTRIES.get(str(row_code), row_code),
                        "COL": OECD_INDUSTRIES.get(str(col_code), col_code),
                        "TIME": 2011,
                        "Unit": "US Dollar, Millions",
                        "Value": value,
                    }
                )
    path = tmp_path / "IOTSI4_2021.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    _same_table(read_oecd_csv(path, economy="JPN", year=2011), load_io("JPN", 2011, source="oecd"))


def test_wiod_workbook_layout_is_read(tmp_path: Path) -> None:
    frame = _frame("wiod", "KOR_2014")
    frame.insert(0, "Year", 2014)
    columns = list(frame.columns)
    descriptions = ["", "", "", "", *["(description)"] * (len(columns) - 4)]
    sheet = pd.DataFrame(
        [["WIOD national input-output table", *[""] * (len(columns) - 1)], columns, descriptions]
    )
    sheet = pd.concat([sheet, pd.DataFrame(frame.to_numpy())], ignore_index=True)
    path = tmp_path / "KOR_NIOT_nov16.xlsx"
    with pd.ExcelWriter(path) as writer:
        sheet.to_excel(writer, sheet_name="National IO-tables", header=False, index=False)
    ours = read_wiod(path, year=2014, rounding=1.0)
    _same_table(ours, load_io("KOR", 2014, source="wiod"))
    with pytest.raises(DataNotFoundError, match="2014–2014"):
        read_wiod(path, year=2000)


@pytest.mark.rawdata
def test_wiod_csv_resave_is_read(raw_file) -> None:  # type: ignore[no-untyped-def]
    path = raw_file("wiod_niot_2016_rounded/CHN_NIOT_nov16.csv")
    _same_table(read_wiod(path, year=2007), load_io("CHN", 2007, source="wiod"))
