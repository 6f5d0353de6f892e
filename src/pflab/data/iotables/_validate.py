"""The consistency checks an :class:`IOTable` runs on construction.

Values are finite; flows are non-negative except in the signed final-demand columns; the
row identity (intermediate + final use = gross output), the column identity (domestic
and imported intermediate inputs + other inputs + value added = gross output), the
value-added components and the imports row hold within max(rtol·x, rounding/2 · cells);
and the domestic coefficient matrix is productive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from pflab.data.iotables._checks import (
    Balance,
    check_balance,
    check_finite,
    check_nonnegative,
    check_productive,
    safe_divide,
)

if TYPE_CHECKING:
    from pflab.data.iotables.table import IOTable

__all__ = ["validate"]


def validate(table: IOTable, where: str) -> tuple[Balance, float]:
    """Run every check; return the balance report and the spectral radius of A.

    Raises
    ------
    pflab.errors.DataValidationError
        Naming the table, the sector and the column of the first failure.
    """
    codes, names = table.codes, table.names
    blocks: list[tuple[str, np.ndarray | None, Sequence[str]]] = [
        ("Z", table._z, codes),
        ("Z_imports", table._zm, codes),
        ("final_demand", table._f, table._f_cols),
        ("final_demand_imports", table._fm, table._fm_cols),
        ("value_added_components", table._vac, table._vac_cols),
        ("other_inputs", table._oth, table._oth_cols),
        ("value_added", table._va, ("value_added",)),
        ("gross_output", table._x, ("gross_output",)),
        ("imports", table._imports, ("imports",)),
        ("employment", table._emp, ("employment",)),
    ]
    for name, array, columns in blocks:
        if array is not None:
            check_finite(array, name=name, rows=codes, columns=columns, where=where)
    for name, array, columns in [*blocks[:4], blocks[7], blocks[8], blocks[9]]:
        if array is not None:
            check_nonnegative(
                array,
                name=name,
                rows=codes,
                columns=columns,
                where=where,
                allowed=table.signed_columns if name.startswith("final") else (),
            )
    atol = table.rounding / 2.0
    n = len(codes)
    row_res = table._z.sum(axis=1) + table._f.sum(axis=1) - table._x
    row, row_at = check_balance(
        residual=row_res,
        gross_output=table._x,
        cells=n + table._f.shape[1] + 1,
        codes=codes,
        names=names,
        what="the row (use) identity",
        parts="intermediate use + final use",
        rtol=table.rtol,
        atol=atol,
        where=where,
    )
    inputs = table._z.sum(axis=0) + table._va
    cells = n + 2
    if table._zm is not None:
        inputs = inputs + table._zm.sum(axis=0)
        cells += n
    if table._oth is not None:
        inputs = inputs + table._oth.sum(axis=1)
        cells += table._oth.shape[1]
    col, col_at = check_balance(
        residual=inputs - table._x,
        gross_output=table._x,
        cells=cells,
        codes=codes,
        names=names,
        what="the column (input) identity",
        parts="intermediate inputs + imported inputs + other inputs + value added",
        rtol=table.rtol,
        atol=atol,
        where=where,
    )
    if table._vac is not None:
        check_balance(
            residual=table._vac.sum(axis=1) - table._va,
            gross_output=table._x,
            cells=table._vac.shape[1] + 1,
            codes=codes,
            names=names,
            what="value added",
            parts="the sum of its components",
            rtol=table.rtol,
            atol=atol,
            where=where,
        )
    if table._imports is not None and table._zm is not None and table._fm is not None:
        check_balance(
            residual=table._zm.sum(axis=1) + table._fm.sum(axis=1) - table._imports,
            gross_output=np.maximum(table._imports, table._x),
            cells=n + table._fm.shape[1] + 1,
            codes=codes,
            names=names,
            what="the imports row",
            parts="imported intermediate + final use",
            rtol=table.rtol,
            atol=atol,
            where=where,
        )
    a = safe_divide(table._z, table._x[None, :])
    radius = check_productive(a, codes, names, where)
    return Balance(row, col, row_at, col_at, table.rtol, atol), radius
