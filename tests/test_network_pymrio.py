"""pflab against the peer, pymrio, on the same tables: multipliers and footprints to 1e-9."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from network_cases import random_mrio
from pflab.data.iotables import IOTable, from_pymrio, load_io, to_pymrio
from pflab.network import mrio_footprints, multipliers

pymrio = pytest.importorskip("pymrio")

RTOL = 1e-9


def _close(ours: pd.DataFrame | pd.Series, theirs: pd.DataFrame | pd.Series) -> None:
    a = np.asarray(ours, dtype=float)
    b = np.asarray(theirs, dtype=float)
    scale = np.abs(b).max()
    np.testing.assert_allclose(a, b, rtol=RTOL, atol=RTOL * scale)


@pytest.mark.parametrize(("year", "sectors"), [(2020, 153), (2018, 42)])
def test_national_multipliers_match_pymrio(year: int, sectors: int) -> None:
    table = load_io("CHN", year, sectors=sectors)
    io = to_pymrio(table)
    io.calc_all()
    ours = multipliers(table).frame
    m = io.factor_inputs.M
    value_added = m.loc[[i for i in m.index if str(i).startswith("value_added")]].sum()
    _close(ours["value_added"], value_added)
    _close(ours["imports"], m.loc["imported_inputs"])
    if table.employment is not None:
        _close(ours["employment"], io.employment.M.loc["employment"])
    # Leontief column sums = pymrio's L
    _close(ours["output"], io.L.sum(axis=0))


@pytest.mark.parametrize("method", ["lu", "gmres"])
@pytest.mark.parametrize(("regions", "sectors"), [(3, 4), (5, 9)])
def test_mrio_footprints_match_pymrio_calc_all(regions: int, sectors: int, method: str) -> None:
    mrio = random_mrio(regions * 10 + sectors, regions=regions, sectors=sectors)
    io = to_pymrio(mrio)
    io.calc_all()
    ext = io.extension
    ours = mrio_footprints(mrio, method=method, trade=True)  # type: ignore[arg-type]
    _close(ours.M, ext.M)
    _close(ours.D_cba, ext.D_cba)
    _close(ours.D_pba, ext.D_pba)
    _close(ours.D_imp, ext.D_imp)
    _close(ours.D_exp, ext.D_exp)
    _close(ours.D_cba_reg, ext.D_cba_reg)
    _close(ours.D_pba_reg, ext.D_pba_reg)
    _close(ours.D_imp_reg, ext.D_imp_reg)
    _close(ours.D_exp_reg, ext.D_exp_reg)
    _close(ours.x, io.x.iloc[:, 0])


def test_round_trip_through_pymrio_keeps_the_table() -> None:
    table = load_io("CHN", 2018, sectors=42)
    back = from_pymrio(to_pymrio(table), year=2018)
    assert isinstance(back, IOTable)
    np.testing.assert_allclose(back.Z.to_numpy(), table.Z.to_numpy())
    np.testing.assert_allclose(
        back.gross_output.to_numpy(), table.gross_output.to_numpy(), rtol=1e-12
    )
    # imports are not in pymrio's single-region Z: they return inside value added
    np.testing.assert_allclose(
        back.value_added.to_numpy(),
        (table.value_added + table.imported_inputs).to_numpy(),
        rtol=1e-9,
    )


def test_mrio_round_trip_and_regional_block() -> None:
    mrio = random_mrio(1)
    io = to_pymrio(mrio)
    again = from_pymrio(io)
    np.testing.assert_allclose(again.Z.to_numpy(), mrio.Z.to_numpy())
    national = from_pymrio(io, region="R1")
    assert isinstance(national, IOTable)
    # the region's gross output is its row of the MRIO
    np.testing.assert_allclose(
        national.gross_output.to_numpy(), mrio.gross_output.loc["R1"].to_numpy(), rtol=1e-12
    )
    assert national.Z_imports is not None
