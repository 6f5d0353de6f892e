"""Splitting a competitive-import table into domestic and imported flows.

A competitive-import table (one row per product, imports in a single negative or
subtracted column) records the *total* use of each product, whatever its origin. The
standard way to separate origins without survey data is the proportionality assumption:
every user of product i buys the same share m_i of it from abroad,

    m_i = M_i / (Σ_j Z_ij + Σ_k F_ik),   k over domestic final uses (exports excluded),

so that Z^d = diag(1 − m) Z, Z^m = diag(m) Z, F^d = diag(1 − m) F and F^m = diag(m) F,
while exports (and any statistical discrepancy) stay domestic. This is the assumption of
the OECD's and WIOD's own split where survey data are missing (Timmer et al. 2015) and of
Miller & Blair (2009, §2.6.5 and §6.2).

When a product's imports exceed its domestic use (m_i > 1, which happens with re-exports
in processing trade), domestic users are supplied only from imports (m_i = 1) and the
excess is treated as re-exported: it moves from domestic exports to exports of imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pflab.errors import DataValidationError

__all__ = ["Split", "proportional_split"]


@dataclass(frozen=True)
class Split:
    """Domestic and imported blocks derived from a competitive-import table."""

    Z: np.ndarray
    Z_imports: np.ndarray
    final_demand: np.ndarray
    final_demand_imports: np.ndarray
    share: np.ndarray
    reexported: tuple[str, ...]


def proportional_split(
    *,
    Z_total: np.ndarray,
    final_total: np.ndarray,
    final_columns: Sequence[str],
    imports: np.ndarray,
    export_column: str,
    domestic_only: Sequence[str] = (),
    codes: Sequence[str],
    where: str,
) -> Split:
    """Split total use into domestic and imported use by the proportionality assumption.

    Parameters
    ----------
    Z_total
        n × n intermediate use of each product, all origins.
    final_total
        n × k final use of each product, all origins; includes the export column.
    final_columns
        Names of the k final-use columns.
    imports
        Imports of each product (positive).
    export_column
        The column that holds exports; it and ``domestic_only`` stay domestic, except
        re-exports (see the module docstring).
    domestic_only
        Other columns that are not split (exports of services to non-residents,
        statistical discrepancy).
    codes
        Sector codes, for messages.
    where
        The table, for messages.
    """
    cols = list(final_columns)
    keep = {export_column, *domestic_only}
    split_cols = np.array([c not in keep for c in cols])
    use = Z_total.sum(axis=1) + final_total[:, split_cols].sum(axis=1)
    bad = np.nonzero((imports > 0) & (use <= 0))[0]
    if len(bad):
        i = int(bad[0])
        raise DataValidationError(
            f"imports {imports[i]:.6g} of a product with no positive domestic use ({use[i]:.6g}); "
            "the proportional import split is undefined",
            path=where,
            row=codes[i],
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(use > 0, imports / np.where(use > 0, use, 1.0), 0.0)
    excess = np.where(share > 1.0, imports - use, 0.0)
    share = np.minimum(share, 1.0)
    ex = cols.index(export_column)
    short = np.nonzero(excess > final_total[:, ex] + 1e-9 * np.abs(final_total[:, ex]))[0]
    if len(short):
        i = int(short[0])
        raise DataValidationError(
            f"imports exceed domestic use by {excess[i]:.6g} but exports are only "
            f"{final_total[i, ex]:.6g}; cannot treat the excess as re-exports",
            path=where,
            row=codes[i],
            column=export_column,
        )
    z_m = Z_total * share[:, None]
    z_d = Z_total - z_m
    f_m = np.where(split_cols[None, :], final_total * share[:, None], 0.0)
    f_m[:, ex] = excess
    f_d = final_total - f_m
    reexported = tuple(codes[int(i)] for i in np.nonzero(excess > 0)[0])
    return Split(z_d, z_m, f_d, f_m, share, reexported)
