"""The WIOD 2013 world tables as data (embedded, raw, rebuilt), the ISIC concordance, and
the readers of the layouts a user downloads (WIOD 2016, OECD ICIO) on small files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pflab.build import build
from pflab.data.concordance import load_concordance, sectors_for_group
from pflab.data.embedded import read_sidecar
from pflab.data.iotables.wiot2013 import (
    WIOT2013_YEARS,
    available_wiot,
    dense_blocks,
    load_wiot,
    read_wiot2013,
    sparse_cells,
)
from pflab.data.iotables.world import RESIDUAL, table_notes, world_table
from pflab.errors import DataFormatError, DataValidationError, ParameterError
from pflab.gvc import read_icio_csv, read_wiod2016, read_world_table, value_added_origin
from pflab.provenance import Source

EMBEDDED = Path(__file__).resolve().parents[1] / "src" / "pflab" / "data" / "embedded"


def test_all_years_are_embedded_within_the_size_budget() -> None:
    sizes = {p.name: p.stat().st_size for p in EMBEDDED.glob("wiot2013_*.parquet")}
    assert len(sizes) == 17
    assert sum(sizes.values()) < 12 * 2**20, sizes  # README: about 8.5 MB
    assert max(sizes.values()) < 5 * 2**20


def test_table_shape_codes_and_notes() -> None:
    table = load_wiot(2011)
    assert len(table.regions) == 41 and len(table.sectors) == 35
    assert "ROM" in table.regions and table.regions[-1] == "RoW"
    assert table.sectors == load_concordance("wiod35").codes
    assert table.categories == ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", RESIDUAL)
    notes = "\n".join(table_notes(table))
    assert "rounded to whole US$ million" in notes
    assert "zero output" in notes and "RESIDUAL" in notes
    Z, Y, x, F, _ = table.arrays()
    np.testing.assert_allclose(Z.sum(axis=1) + Y.sum(axis=1), x, rtol=1e-12, atol=1e-9)
    assert F is not None
    np.testing.assert_allclose(F[0], x - Z.sum(axis=0))


def test_catalogue_totals_and_zero_output_sectors() -> None:
    catalogue = available_wiot()
    assert list(catalogue["year"]) == list(WIOT2013_YEARS)
    # SOURCES.md section 10: 18-22 sectors a year have zero output
    assert catalogue["zero_output_sectors"].between(18, 22).all()
    table = load_wiot(2011)
    assert table.x.sum() == catalogue.set_index("year").at[2011, "gross_output"]


@pytest.mark.parametrize(
    ("year", "share"),
    # SOURCES.md section 10: China's foreign value-added share of gross exports, measured on
    # the staged files with v = 1 - column sums of A
    [(1995, 15.7), (2000, 17.2), (2005, 25.7), (2011, 21.8)],
)
def test_china_foreign_value_added_share_as_measured(year: int, share: float) -> None:
    assert value_added_origin(year, "CHN").fva_share == pytest.approx(share, abs=0.05)


def test_wiod_design_fact_china_2011() -> None:
    # DESIGN.md: "the foreign value-added share of China's gross exports is about 22 % in
    # 2011 (WIOD 2013)"
    assert 21.5 < value_added_origin(2011, "China").fva_share < 22.5


def test_sparse_cells_round_trip() -> None:
    rng = np.random.default_rng(0)
    n = 1435
    inter = np.where(rng.random((n, n)) < 0.1, rng.integers(1, 500, (n, n)), 0).astype(float)
    final = np.where(rng.random((n, 205)) < 0.2, rng.integers(-3, 900, (n, 205)), 0).astype(float)
    output = inter.sum(axis=1) + final.sum(axis=1)
    output[5] = 0.0
    back = dense_blocks(sparse_cells(inter, final, output))
    for a, b in zip(back, (inter, final, output), strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(DataFormatError, match="whole numbers"):
        sparse_cells(inter + 0.5, final, output)


def test_unknown_year_is_a_clear_error() -> None:
    with pytest.raises(ParameterError, match="1995-2011"):
        load_wiot(2014)


def test_concordance_groups_land_on_wiod35() -> None:
    assert sectors_for_group("wiod35", "electronic-components") == ["c14"]
    assert sectors_for_group("wiod35", "manufacturing", primary_only=True) == [
        f"c{i}" for i in range(3, 17)
    ]


@pytest.mark.rawdata
def test_raw_file_reads_to_the_embedded_table(raw_file: Callable[[str], Path]) -> None:
    raw = read_wiot2013(raw_file("wiod_wiot_2013/wiot_2011.RData"))
    embedded = load_wiot(2011)
    for a, b in zip(raw.arrays()[:4], embedded.arrays()[:4], strict=True):
        np.testing.assert_array_equal(a, b)
    assert raw.year == 2011


@pytest.mark.rawdata
@pytest.mark.slow
def test_embedded_world_tables_equal_a_fresh_build(raw_dir: Path, tmp_path: Path) -> None:
    if not (raw_dir / "wiod_wiot_2013" / "wiot_2011.RData").is_file():
        pytest.skip("raw WIOD 2013 files not present")
    build(raw_dir, tmp_path, only=["wiot2013"])
    for year in WIOT2013_YEARS:
        stem = f"wiot2013_{year}"
        fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
        pd.testing.assert_frame_equal(fresh, pd.read_parquet(EMBEDDED / f"{stem}.parquet"))
        assert json.loads((tmp_path / f"{stem}.json").read_text()) == read_sidecar(stem)


# -- world_table checks ---------------------------------------------------------------


def _tiny(**changes: object) -> dict[str, object]:
    Z = np.array([[1.0, 2.0], [3.0, 0.0]])
    Y = np.array([[4.0, 1.0], [2.0, 5.0]])
    args: dict[str, object] = {
        "regions": ("AAA", "BBB"),
        "sectors": ("x",),
        "Z": Z,
        "final": Y,
        "categories": ("final",),
        "x": Z.sum(axis=1) + Y.sum(axis=1),
        "year": 2000,
        "source": Source(name="tiny", version="", citation=""),
    }
    args.update(changes)
    return args


def test_world_table_rejects_bad_blocks() -> None:
    with pytest.raises(DataValidationError, match=r"BBB\.x.*non-negative"):
        world_table(**_tiny(Z=np.array([[1.0, 2.0], [-3.0, 0.0]])))  # type: ignore[arg-type]
    with pytest.raises(DataValidationError, match=r"AAA\.x.*does not balance"):
        world_table(**_tiny(x=np.array([20.0, 10.0])))  # type: ignore[arg-type]
    with pytest.raises(DataValidationError, match="zero gross output"):
        world_table(**_tiny(x=np.array([0.0, 10.0])))  # type: ignore[arg-type]


def test_world_table_keeps_rounding_residuals_in_own_final_demand() -> None:
    table = world_table(**_tiny(x=np.array([9.0, 10.0]), rounding=1.0))  # type: ignore[arg-type]
    Y = table.Y.to_numpy().reshape(2, 2, 2)
    assert Y[0, 0, 1] == 1.0 and Y[1, 1, 1] == 0.0  # AAA: 9 published, 8 in the cells
    assert any("largest +1" in n for n in table_notes(table))


# -- readers of downloaded layouts ----------------------------------------------------


def _wiod2016_frame() -> pd.DataFrame:
    """A WIOD 2016 world table in its published layout: 2 economies x 2 industries."""
    regions, codes = ["AUS", "ROW"], ["A01", "B"]
    Z = np.array([[5, 1, 2, 0], [2, 8, 1, 3], [1, 0, 9, 2], [0, 2, 3, 7]], dtype=float)
    F = np.zeros((4, 10))
    F[:, 0] = [10, 6, 1, 0]  # AUS57 CONS_h
    F[:, 3] = [2, 4, 0, 1]  # AUS60 GFCF
    F[:, 5] = [3, 1, 20, 9]  # ROW57
    F[:, 9] = [0, -1, 1, 0]  # ROW61 INVEN
    total = Z.sum(axis=1) + F.sum(axis=1)
    columns = [f"{r}{j}" for r in regions for j in (1, 2)] + [
        f"{r}{j}" for r in regions for j in range(3, 8)
    ]
    rows = []
    for i, (r, c) in enumerate([(r, c) for r in regions for c in codes]):
        rows.append(
            {
                "IndustryCode": c,
                "IndustryDescription": f"industry {c}",
                "Country": r,
                "RNr": i % 2 + 1,
                "Year": 2014,
                **dict(zip(columns, [*Z[i], *F[i]], strict=True)),
                "TOT": total[i],
            }
        )
    va = total - Z.sum(axis=0)
    for code, values in (("II_fob", Z.sum(axis=0)), ("VA", va), ("GO", total)):
        rows.append(
            {
                "IndustryCode": code,
                "IndustryDescription": code,
                "Country": "TOT",
                "RNr": 70,
                "Year": 2014,
                **dict(zip(columns, [*values, *np.zeros(10)], strict=True)),
                "TOT": 0.0,
            }
        )
    return pd.DataFrame(rows)


def test_wiod2016_csv_and_rdata(tmp_path: Path) -> None:
    import pyreadr

    frame = _wiod2016_frame()
    csv_path = tmp_path / "WIOT2014_October16_ROW.csv"
    frame.to_csv(csv_path, index=False)
    rdata_path = tmp_path / "WIOT2014_October16_ROW.RData"
    pyreadr.write_rdata(str(rdata_path), frame, df_name="wiot")
    for table in (
        read_wiod2016(csv_path),
        read_world_table(csv_path),
        read_world_table(rdata_path),
    ):
        assert (
            table.regions == ("AUS", "ROW") and table.sectors == ("A01", "B") and table.year == 2014
        )
        np.testing.assert_allclose(table.x, frame["TOT"].to_numpy()[:4])
        assert table.categories[-1] == RESIDUAL
        np.testing.assert_allclose(table.Y.to_numpy().reshape(4, 2, 6)[:, :, -1], 0.0, atol=1e-12)
        origin = value_added_origin(table, "AUS")
        assert origin.terms.loc["dva", "value"] + origin.terms.loc["fva", "value"] == pytest.approx(
            origin.terms.loc["gross_exports", "value"]
        )
        # AUS exports: intermediates to ROW (2 + 0 + 1 + 3), final goods to ROW (3 + 1 - 1)
        assert origin.terms.loc["gross_exports", "value"] == pytest.approx(9.0)


def test_wiod2016_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    _wiod2016_frame().drop(columns=["ROW5"]).to_csv(path, index=False)
    with pytest.raises(DataFormatError, match="ROW5"):
        read_wiod2016(path)


def _icio_frame(*, split_china: bool, discrepancy: bool) -> pd.DataFrame:
    """An OECD ICIO table in the 2021 layout: USA, CHN (optionally split CN1/CN2), ROW."""
    industries = ["01T02", "26"]
    countries = ["USA", "CN1", "CN2", "ROW"] if split_china else ["USA", "CHN", "ROW"]
    labels = [f"{c}_{i}" for c in countries for i in industries]
    rng = np.random.default_rng(1)
    n = len(labels)
    Z = rng.integers(0, 20, (n, n)).astype(float)
    final_cols = [
        f"{c}_{k}" for c in ("USA", "CHN", "ROW") for k in ("HFCE", "GGFC", "GFCF", "INVNT")
    ]
    F = rng.integers(0, 50, (n, len(final_cols))).astype(float)
    F[:, 3::4] -= 5.0  # inventories can be negative
    disc = rng.normal(0, 0.5, n) if discrepancy else np.zeros(n)
    out = Z.sum(axis=1) + F.sum(axis=1) + disc
    frame = pd.DataFrame(np.hstack([Z, F]), index=labels, columns=labels + final_cols)
    if discrepancy:
        frame["DISC"] = disc
    frame["OUT"] = out
    va = out - Z.sum(axis=0)
    extra = pd.DataFrame(
        [
            np.r_[va * 0.1, np.zeros(frame.shape[1] - n)],
            np.r_[va * 0.9, np.zeros(frame.shape[1] - n)],
            np.r_[out, np.zeros(frame.shape[1] - n)],
        ],
        index=["TLS", "VA", "OUT"],
        columns=frame.columns,
    )
    full = pd.concat([frame, extra])
    full.index.name = "V1"
    return full


def test_icio_csv_with_split_china_and_discrepancy(tmp_path: Path) -> None:
    frame = _icio_frame(split_china=True, discrepancy=True)
    path = tmp_path / "ICIO2021_2015.csv"
    frame.to_csv(path)
    table = read_icio_csv(path)
    assert table.regions == ("USA", "CHN", "ROW") and table.sectors == ("01T02", "26")
    assert table.year == 2015 and "DISC" in table.categories
    labels = list(frame.index[:-3])
    Z = frame.loc[labels, labels].to_numpy()
    # CN1 and CN2 rows and columns summed into CHN
    assert table.Z.to_numpy()[2, 2] == Z[2, 2] + Z[2, 4] + Z[4, 2] + Z[4, 4]
    assert table.x[2] == frame.loc["OUT", "CN1_01T02"] + frame.loc["OUT", "CN2_01T02"]
    notes = "\n".join(table_notes(table))
    assert "CN1, CN2" in notes and "DISC" in notes
    assert read_world_table(path).regions == table.regions
    origin = value_added_origin(table, "CHN", sectors="26")
    assert origin.terms.loc["fva", "share"] > 0


def test_icio_bad_label_is_named(tmp_path: Path) -> None:
    frame = _icio_frame(split_china=False, discrepancy=False).rename(
        index={"USA_26": "USA26"}, columns={"USA_26": "USA26"}
    )
    path = tmp_path / "ICIO2023_2018.csv"
    frame.to_csv(path)
    with pytest.raises(DataFormatError, match="USA26"):
        read_icio_csv(path)
