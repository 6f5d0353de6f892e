"""IOTable validation, immutability, the import split, plain files and aggregation."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network_cases import miller_blair, random_table
from pflab.data.iotables import IOTable, aggregate, load_io, read_table, to_isic, write_table
from pflab.data.iotables._split import proportional_split
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, ParameterError


def _table(**changes: object) -> IOTable:
    kwargs: dict[str, object] = {
        "economy": "T",
        "year": 2000,
        "scheme": "t",
        "codes": ["a", "b"],
        "Z": np.array([[10.0, 20.0], [30.0, 5.0]]),
        "final_demand": pd.DataFrame({"c": [70.0, 65.0]}, index=["a", "b"]),
        "value_added": [60.0, 75.0],
    }
    kwargs.update(changes)
    return IOTable.from_blocks(**kwargs)  # type: ignore[arg-type]


def test_a_valid_table_reports_its_balance() -> None:
    table = _table()
    assert table.balance.row == 0.0 and table.balance.column == 0.0
    assert 0 < table.spectral_radius < 1


@pytest.mark.parametrize(
    ("changes", "pattern"),
    [
        ({"Z": np.array([[10.0, -20.0], [30.0, 5.0]])}, r"row a.*negative flow -20"),
        ({"Z": np.array([[10.0, np.nan], [30.0, 5.0]])}, r"row a.*missing or infinite"),
        (
            {"value_added": [60.0, 70.0]},
            r"row b.*column \(input\) identity does not balance for sector 'b'",
        ),
        ({"gross_output": [100.0, 200.0]}, r"row b.*row \(use\) identity does not balance"),
        ({"Z": np.zeros((3, 3))}, r"Z has shape \(3, 3\) but the table has 2 sectors"),
        ({"codes": ["a", "a"]}, r"sector code 'a' appears twice"),
    ],
)
def test_bad_tables_name_what_is_wrong(changes: dict[str, object], pattern: str) -> None:
    with pytest.raises(DataValidationError, match=pattern):
        _table(**changes)


def test_non_productive_table_names_the_sector() -> None:
    # sector b uses 70 of its own output to make 60: A_bb = 7/6 > 1
    with pytest.raises(DataValidationError, match=r"not productive.*b \(b\): 1\.167"):
        _table(
            Z=np.array([[10.0, 0.0], [0.0, 70.0]]),
            final_demand=pd.DataFrame({"c": [90.0, -10.0]}, index=["a", "b"]),
            value_added=[90.0, -10.0],
            signed_columns=["c"],
        )


def test_signed_columns_allow_inventory_drawdowns() -> None:
    fd = pd.DataFrame({"c": [80.0, 65.0], "inv": [-10.0, 0.0]}, index=["a", "b"])
    with pytest.raises(DataValidationError, match="signed columns: none"):
        _table(final_demand=fd)
    assert _table(final_demand=fd, signed_columns=["inv"]).n == 2
    with pytest.raises(ParameterError, match="not final-demand columns"):
        _table(signed_columns=["nope"])


def test_rounding_widens_the_balance_tolerance() -> None:
    off = {"value_added": [60.0, 75.4]}
    with pytest.raises(DataValidationError):
        _table(**off)
    assert _table(rounding=1.0, **off).balance.column > 0


def test_tables_are_immutable() -> None:
    table = _table()
    with pytest.raises(FrozenInstanceError):
        table.year = 2001  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        table.z[0, 0] = 1.0
    frame = table.Z
    with pytest.raises(ValueError, match="read-only"):
        frame.iloc[0, 0] = 1.0
    assert table.Z.iloc[0, 0] == 10.0
    changed = table.replace(notes=("a note",))
    assert changed.notes == ("a note",) and table.notes == ()


def test_proportional_split_keeps_identities_and_reexports_the_excess() -> None:
    z = np.array([[10.0, 20.0], [5.0, 5.0]])
    final = np.array([[20.0, 50.0], [5.0, 100.0]])
    imports = np.array([15.0, 20.0])  # product b: imports 20 > domestic use 15
    split = proportional_split(
        Z_total=z,
        final_total=final,
        final_columns=["c", "EX"],
        imports=imports,
        export_column="EX",
        codes=["a", "b"],
        where="toy",
    )
    assert split.share[0] == pytest.approx(15.0 / 50.0)
    assert split.share[1] == 1.0 and split.reexported == ("b",)
    np.testing.assert_allclose(split.Z + split.Z_imports, z)
    np.testing.assert_allclose(split.final_demand + split.final_demand_imports, final)
    np.testing.assert_allclose(
        split.Z_imports.sum(axis=1) + split.final_demand_imports.sum(axis=1), imports
    )
    assert split.final_demand_imports[1, 1] == pytest.approx(5.0)  # the re-exported excess


def test_write_and_read_round_trip(tmp_path: Path) -> None:
    table = load_io("CHN", 2018)
    for name in ("t.parquet", "t.csv"):
        back = read_table(write_table(table, tmp_path / name))
        assert back.codes == table.codes and back.names_zh == table.names_zh
        for block in (
            "Z",
            "Z_imports",
            "final_demand",
            "final_demand_imports",
            "value_added_components",
        ):
            pd.testing.assert_frame_equal(getattr(back, block), getattr(table, block))
        pd.testing.assert_series_equal(back.employment, table.employment)
        assert back.source == table.source and back.notes == table.notes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.json", "t.parquet"]


def test_read_table_errors(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        read_table(tmp_path / "none.parquet")
    (tmp_path / "x.csv").write_text("block,row,column,value\nZ,a,a,1\n")
    with pytest.raises(DataNotFoundError, match="metadata file"):
        read_table(tmp_path / "x.csv")
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(DataFormatError, match="does not describe"):
        read_table(tmp_path / "x.csv")
    with pytest.raises(ParameterError, match=r"\.parquet or \.csv"):
        write_table(miller_blair(), tmp_path / "t.xlsx")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 9))
def test_plain_files_round_trip_any_valid_table(tmp_path: Path, seed: int, n: int) -> None:
    table = random_table(seed, n=n)
    back = read_table(write_table(table, tmp_path / "r.parquet"))
    pd.testing.assert_frame_equal(back.Z, table.Z)
    pd.testing.assert_frame_equal(back.final_demand_imports, table.final_demand_imports)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 9), groups=st.integers(1, 4), data=st.data())
def test_aggregation_conserves_totals(seed: int, n: int, groups: int, data: st.DataObject) -> None:
    table = random_table(seed, n=n)
    labels = data.draw(st.lists(st.integers(0, groups - 1), min_size=n, max_size=n))
    mapping = {code: f"g{label}" for code, label in zip(table.codes, labels, strict=True)}
    small = aggregate(table, mapping)
    assert small.n == len(set(labels))
    assert small.Z.to_numpy().sum() == pytest.approx(table.Z.to_numpy().sum())
    pd.testing.assert_series_equal(small.final_demand.sum(), table.final_demand.sum(), rtol=1e-12)
    assert small.value_added.sum() == pytest.approx(table.value_added.sum())
    assert small.gross_output.sum() == pytest.approx(table.gross_output.sum())
    assert small.Z_imports.to_numpy().sum() == pytest.approx(table.Z_imports.to_numpy().sum())
    assert small.balance.row < 1e-9 and small.balance.column < 1e-9


def test_share_concordance_splits_and_conserves() -> None:
    table = miller_blair()
    shares = pd.DataFrame({"x": [1.0, 0.25], "y": [0.0, 0.75]}, index=["1", "2"])
    split = aggregate(table, shares)
    assert split.gross_output.sum() == pytest.approx(3000.0)
    assert split.gross_output["y"] == pytest.approx(1500.0)
    with pytest.raises(DataValidationError, match="sum to 1"):
        aggregate(table, pd.DataFrame({"x": [1.0, 0.5]}, index=["1", "2"]))


def test_to_isic_aggregates_by_primary_division() -> None:
    table = load_io("CHN", 2020)
    divisions = to_isic(table)
    assert divisions.gross_output.sum() == pytest.approx(table.gross_output.sum(), rel=1e-12)
    assert "26" in divisions.codes and divisions.names[divisions.codes.index("26")].startswith(
        "Manufacture of computer"
    )
    sections = to_isic(table, "section")
    assert set(sections.codes) <= set("ABCDEFGHIJKLMNOPQRSTU")


def test_tables_pickle_and_copy() -> None:
    import copy
    import pickle

    from network_cases import random_mrio

    table = load_io("CHN", 2018, sectors=42)
    back = pickle.loads(pickle.dumps(table))
    pd.testing.assert_frame_equal(back.Z, table.Z)
    assert back.employment is not None and back.source == table.source
    assert copy.deepcopy(table).label == table.label
    mrio = random_mrio(2)
    again = pickle.loads(pickle.dumps(mrio))
    np.testing.assert_array_equal(again.Z.to_numpy(), mrio.Z.to_numpy())
