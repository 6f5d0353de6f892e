"""CIP 4.0: the reader on the workbooks as published, their identities, the shipped series."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from pflab.build import build
from pflab.data.cip import CIP_CODES, CIP_FILES, EMBEDDED_VARIABLES, load_cip, read_cip
from pflab.data.cip_validate import TOLERANCE
from pflab.data.concordance import load_concordance, sectors_for_group, sectors_for_isic
from pflab.data.embedded import read_sidecar
from pflab.data.isic import divisions
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError

pytestmark = pytest.mark.rawdata


def test_reader_shapes_and_classification(cip_raw) -> None:  # type: ignore[no-untyped-def]
    assert cip_raw.panel.shape[0] == 37 * 31
    assert cip_raw.years == tuple(range(1987, 2018))
    assert cip_raw.io.shape == (37 * 31, 37)
    assert list(cip_raw.industries.index) == list(CIP_CODES)
    assert cip_raw.industries.loc[21, "acronym"] == "ICT"
    assert cip_raw.industries.loc[1, "euklems"] == "AtB"
    # the "CSIC/2011" column as printed: tobacco 15 and ICT 38, where GB/T 4754-2011 has 16, 39
    assert cip_raw.industries.loc[7, "csic_published"] == "15 (C)"
    assert cip_raw.industries.loc[21, "csic_published"] == "38 (C)"
    # growth years start in 1988
    assert cip_raw.panel.loc[(1, 1987), "tfp_va"] != cip_raw.panel.loc[(1, 1987), "tfp_va"]
    assert np.isfinite(cip_raw.panel.loc[(1, 1988), "tfp_va"])


def test_every_identity_of_the_workbooks_holds(cip_raw) -> None:  # type: ignore[no-untyped-def]
    checks = cip_raw.checks
    for name in ("TFP(GO basis)", "TFP(VA basis)", "TFP(LP)", "g(K-input)", "Nominal VA weights",
                 "KC + LC = VA", "1.1 column sums", "1.2 va = 4", "3.3 l_input = 4"):  # fmt: skip
        assert name in checks
    assert max(checks.values()) <= TOLERANCE


def test_identities_recomputed_here(cip_raw) -> None:  # type: ignore[no-untyped-def]
    """g(VA) − ΣCv = TFP(VA) and g(GO) − ΣCg = TFP(GO), for every industry and year."""
    p = cip_raw.panel
    va = p["g_va"] - p[["cv_k_stock", "cv_k_quality", "cv_hours", "cv_l_quality"]].sum(
        axis=1, min_count=4
    )
    go = p["g_go"] - p[["cg_ii", "cg_k_stock", "cg_k_quality", "cg_hours", "cg_l_quality"]].sum(
        axis=1, min_count=5
    )
    assert (va - p["tfp_va"]).abs().max() <= 1e-12
    assert (go - p["tfp_go"]).abs().max() <= 1e-12
    assert (va - p["tfp_va"]).notna().sum() == 37 * 30


def test_embedded_series_equal_a_fresh_build(raw_dir: Path, tmp_path: Path, cip_raw) -> None:  # type: ignore[no-untyped-def]
    build(raw_dir, tmp_path, only=["cip"])
    shipped = Path(__file__).resolve().parents[1] / "src" / "pflab" / "data" / "embedded"
    for stem in ("cip4_industries", "cip4_total", "cip4_io"):
        fresh = pd.read_parquet(tmp_path / f"{stem}.parquet")
        pd.testing.assert_frame_equal(fresh, pd.read_parquet(shipped / f"{stem}.parquet"))
        assert json.loads((tmp_path / f"{stem}.json").read_text()) == read_sidecar(stem)
    embedded = load_cip()
    pd.testing.assert_frame_equal(embedded.panel, cip_raw.panel[list(EMBEDDED_VARIABLES)])
    pd.testing.assert_frame_equal(embedded.total, cip_raw.total)
    pd.testing.assert_frame_equal(embedded.io, cip_raw.io)
    pd.testing.assert_frame_equal(embedded.industries, cip_raw.industries)


def test_embedded_sidecar_cites_and_says_licence_not_verified() -> None:
    meta = read_sidecar("cip4_industries")
    assert "Wu, Harry X. (2023)" in meta["source"]["citation"]
    assert "not verified" in meta["source"]["licence"]
    assert meta["built_by"] == "python -m pflab.build --only cip"
    assert len(meta["raw"]) == 13 and all(len(r["sha256"]) == 64 for r in meta["raw"])
    assert len(meta["industries"]) == 37


def _copy(raw_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "cip4"
    folder.mkdir()
    for name in CIP_FILES.values():
        (folder / name).symlink_to(raw_dir / "cip4" / name)
    return folder


def _edit(folder: Path, number: str, sheet: str | None, cell: str, value: object) -> None:
    target = folder / CIP_FILES[number]
    source = target.resolve()
    target.unlink()
    book = openpyxl.load_workbook(source, data_only=True)  # formulas as their values
    (book[sheet] if sheet else book.worksheets[0])[cell] = value
    book.save(target)


def test_missing_workbook_is_named(raw_dir: Path, tmp_path: Path, cip_raw) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(raw_dir, tmp_path)
    (folder / CIP_FILES["3.2"]).unlink()
    with pytest.raises(DataNotFoundError, match=r"CIP_4\.0_\(2023\)_3\.2\.xlsx"):
        read_cip(folder)


def test_a_second_print_that_differs_names_workbook_industry_year(
    raw_dir: Path, tmp_path: Path, cip_raw
) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(raw_dir, tmp_path)
    # workbook 1.2, value added: industry 5 (row 8), 1990 (column G: C is empty, D = 1987)
    _edit(folder, "1.2", None, "G8", 1.0)
    with pytest.raises(DataValidationError, match=r"1\.2\.xlsx, row CIP 5, column '1990'"):
        read_cip(folder)


def test_a_misplaced_code_is_a_format_error_naming_the_row(
    raw_dir: Path, tmp_path: Path, cip_raw
) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(raw_dir, tmp_path)
    _edit(folder, "3.1", None, "A10", 99)
    with pytest.raises(DataFormatError, match=r"3\.1\.xlsx, row 10, column 'CIP code'.*code 7"):
        read_cip(folder)


@pytest.mark.slow
def test_a_broken_tfp_identity_is_reported(raw_dir: Path, tmp_path: Path, cip_raw) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(raw_dir, tmp_path)
    # TFP(VA basis): industry 21 is row 25 (two titles, header, Total, then codes 1-37); AA = 2011
    _edit(folder, "4", "TFP(VA basis)", "AA25", 0.5)
    with pytest.raises(DataValidationError, match=r"TFP\(VA basis\)', row CIP 21, column '2011'"):
        read_cip(folder)


def test_concordance_covers_every_industry_and_isic_division() -> None:
    conc = load_concordance("cip37")
    assert conc.codes == tuple(str(c) for c in CIP_CODES)
    mapped = [code for codes in conc.frame["isic"] for code in codes]
    uncovered = [
        d for d in divisions().index if not any(m.startswith(d) or d.startswith(m) for m in mapped)
    ]
    assert uncovered == ["98"]  # undifferentiated production of households: not in CIP


@pytest.mark.parametrize(
    ("isic", "expected"),
    [
        ("2610", ["21"]),  # semiconductors: electronic and telecommunication equipment
        ("265", ["22"]),  # instruments
        ("12", ["7"]),  # tobacco
        ("61", ["30"]),  # telecommunications: information services, not transport
        ("581", ["37"]),  # publishing: a cultural service in China, not with printing
        ("68", ["32"]),
    ],
)
def test_concordance_lookups(isic: str, expected: list[str]) -> None:
    assert sectors_for_isic("cip37", isic) == expected


def test_neutral_groups_land_on_cip() -> None:
    assert sectors_for_group("cip37", "manufacturing", primary_only=True) == [
        str(c) for c in range(6, 25)
    ]
    assert sectors_for_group("cip37", "services", primary_only=True) == [
        str(c) for c in range(27, 38)
    ]
