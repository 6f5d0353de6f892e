"""The consistency checks an :class:`~pflab.tables.IOTable` runs when it is built.

Values are finite; flows are non-negative except in the signed final-demand columns; the
row identity (intermediate + final use = gross output), the column identity (domestic
and imported intermediate inputs + other inputs + value added = gross output), the
value-added components and the imports row hold within max(rtol·x, rounding/2 · cells);
and the domestic coefficient matrix is productive.

Only public fields of the table are read. Every check is linear in the number of cells
except the productivity check (eigenvalues of A, or power iteration above 2,500 sectors).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from pflab.tables._checks import (
    Balance,
    check_balance,
    check_finite,
    check_nonnegative,
    check_productive,
)
from pflab.tables.linalg import coefficients

if TYPE_CHECKING:
    from pflab.tables.iotable import IOTable

__all__ = ["validate"]


def validate(table: IOTable, where: str) -> tuple[Balance, float]:
    """Check a table; return the balance report and the spectral radius of A.

    Raises
    ------
    pflab.errors.DataValidationError
        Naming the table, the sector and the column of the first failure.
    """
    from pflab.tables.iotable import BLOCKS

    codes, names = table.codes, table.names
    present = []
    for block in BLOCKS:
        array = getattr(table, block.field)
        if array is None:
            continue
        if block.kind == "square":
            columns: tuple[str, ...] = codes
        elif block.kind == "matrix":
            columns = getattr(table, block.columns)
        else:
            columns = (block.name,)
        present.append((block, array, columns))
        check_finite(array, name=block.name, rows=codes, columns=columns, where=where)
    for block, array, columns in present:
        if block.nonnegative:
            check_nonnegative(
                array,
                name=block.name,
                rows=codes,
                columns=columns,
                where=where,
                allowed=table.signed_columns if block.name.startswith("final") else (),
            )
    atol = table.rounding / 2.0
    n = len(codes)
    z, x = table.z, table.x
    balance = partial(
        check_balance, codes=codes, names=names, rtol=table.rtol, atol=atol, where=where
    )
    row, row_at = balance(
        residual=z.sum(axis=1) + table.f.sum(axis=1) - x,
        gross_output=x,
        cells=n + table.f.shape[1] + 1,
        what="the row (use) identity",
        parts="intermediate use + final use",
    )
    inputs = z.sum(axis=0) + table.va
    cells = n + 2
    if table.zm is not None:
        inputs = inputs + table.zm.sum(axis=0)
        cells += n
    if table.oth is not None:
        inputs = inputs + table.oth.sum(axis=1)
        cells += table.oth.shape[1]
    col, col_at = balance(
        residual=inputs - x,
        gross_output=x,
        cells=cells,
        what="the column (input) identity",
        parts="intermediate inputs + imported inputs + other inputs + value added",
    )
    if table.vac is not None:
        balance(
            residual=table.vac.sum(axis=1) - table.va,
            gross_output=x,
            cells=table.vac.shape[1] + 1,
            what="value added",
            parts="the sum of its components",
        )
    if table.m is not None and table.zm is not None and table.fm is not None:
        balance(
            residual=table.zm.sum(axis=1) + table.fm.sum(axis=1) - table.m,
            gross_output=np.maximum(table.m, x),
            cells=n + table.fm.shape[1] + 1,
            what="the imports row",
            parts="imported intermediate + final use",
        )
    radius = check_productive(coefficients(z, x), codes, names, where)
    return Balance(row, col, row_at, col_at, table.rtol, atol), radius
