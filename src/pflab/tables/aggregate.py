"""Aggregating an input–output table through a concordance, conserving totals.

A concordance is an n × m matrix C whose row i says how sector i's activity is
distributed over the m new sectors (each row sums to one; a plain many-to-one mapping
has a single 1 per row). The aggregated table is

    Z' = Cᵀ Z C,   F' = Cᵀ F,   x' = Cᵀ x,   v' = Cᵀ v   (and likewise for the other blocks),

so every total (intermediate flows, final use by category, value added, gross output,
imports, employment) is conserved and both accounting identities keep holding
(Miller & Blair 2009, §4.3). Concordances to ISIC Rev.4 are data
(:func:`pflab.data.iotables.to_isic`); this module needs only the mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError, ParameterError
from pflab.tables.iotable import BLOCKS, IOTable

__all__ = ["aggregate", "concordance_matrix"]


def concordance_matrix(
    codes: tuple[str, ...], mapping: Mapping[str, str] | pd.DataFrame
) -> tuple[np.ndarray, list[str]]:
    """The n × m share matrix of a mapping (dict code → group) or a share DataFrame.

    A DataFrame must be indexed by the table codes, one column per new sector, each row
    summing to one.
    """
    if isinstance(mapping, pd.DataFrame):
        index = [str(i) for i in mapping.index]
        have = set(index)
        missing = [c for c in codes if c not in have]
        if missing:
            raise ParameterError("mapping", f"sectors {missing[:5]} have no row in the concordance")
        shares = mapping.copy()
        shares.index = index
        matrix = shares.loc[list(codes)].to_numpy(dtype="float64")
        sums = matrix.sum(axis=1)
        bad = np.nonzero(np.abs(sums - 1.0) > 1e-9)[0]
        if len(bad) or (matrix < 0).any():
            where = codes[int(bad[0])] if len(bad) else "a row"
            raise DataValidationError(
                f"concordance shares of sector {where} must be non-negative and sum to 1",
                path="mapping",
            )
        return matrix, [str(c) for c in shares.columns]
    missing = [c for c in codes if c not in mapping]
    if missing:
        raise ParameterError("mapping", f"sectors {missing[:5]} are not mapped to a new sector")
    groups = list(dict.fromkeys(str(mapping[c]) for c in codes))
    position = {g: j for j, g in enumerate(groups)}
    matrix = np.zeros((len(codes), len(groups)))
    for i, code in enumerate(codes):
        matrix[i, position[str(mapping[code])]] = 1.0
    return matrix, groups


def aggregate(
    table: IOTable,
    mapping: Mapping[str, str] | pd.DataFrame,
    *,
    scheme: str | None = None,
    names: Mapping[str, str] | None = None,
) -> IOTable:
    """Aggregate a table onto new sectors, conserving every total.

    Parameters
    ----------
    table
        The table to aggregate.
    mapping
        ``{code: new_code}`` (many-to-one) or a share matrix (see :func:`concordance_matrix`).
    scheme
        Name of the new sector scheme (default ``"<scheme>-aggregated"``).
    names
        Names of the new sectors (default: the new codes).

    Returns
    -------
    IOTable
        The aggregated table, validated again.
    """
    c, groups = concordance_matrix(table.codes, mapping)
    kwargs: dict[str, Any] = table.blocks()
    for block in BLOCKS:
        array = getattr(table, block.field)
        if array is None:
            continue
        if block.kind == "square":
            kwargs[block.name] = c.T @ array @ c
        elif block.kind == "vector":
            kwargs[block.name] = c.T @ array
        else:
            kwargs[block.name] = pd.DataFrame(
                c.T @ array, index=groups, columns=list(getattr(table, block.columns))
            )
    # a sum of rounded numbers over g merged sectors may be off by g times as much
    largest = int(c.astype(bool).sum(axis=0).max()) if c.size else 1
    widen = largest * int(np.ceil(table.n / max(len(groups), 1)))
    kwargs.update(
        scheme=scheme or f"{table.scheme}-aggregated",
        codes=groups,
        names=[(names or {}).get(g, g) for g in groups],
        names_zh=None,
        rounding=table.rounding * widen,
        notes=(
            *table.notes,
            f"Aggregated from {table.n} sectors ({table.scheme}) to {len(groups)}.",
        ),
    )
    return IOTable.from_blocks(**kwargs)
