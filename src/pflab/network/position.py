"""A sector's position in the production network: upstreamness, downstreamness,
linkages, key sectors and hypothetical extraction.

**Upstreamness** (Antràs, Chor, Fally & Hillberry 2012) is the average number of
production stages between a sector's output and final use:

    U = (I − Δ)⁻¹ 1,   Δ_ij = Z_ij / (Y_i − X_i + M_i − N_i),

with Z the total (domestic + imported) use of product i by sector j, Y gross output,
X exports, M imports and N changes in inventories; the correction assumes each product's
domestic absorption has the same upstreamness whatever its origin. U_i = 1 for a sector
that sells only to final use. ``method="domestic"`` uses the domestic flows only,
U = (I − B)⁻¹ 1 with B = diag(x)⁻¹ Z (Miller & Temurshoev 2017).

**Downstreamness** (input downstreamness, Miller & Temurshoev 2017) is the column sum of
the Leontief inverse, D = 1'(I − A)⁻¹: the average number of stages a unit of primary
input passes through before reaching sector j's final output.

**Rasmussen linkages** (Miller & Blair 2009, §12.1): backward BL_j = n Σ_i L_ij / Σ L,
forward FL_i = n Σ_j G_ij / Σ G with the Ghosh inverse G = (I − B)⁻¹ (or rows of L with
``forward="leontief"``). Key sectors have both above one.

**Hypothetical extraction** (Miller & Blair 2009, §12.2; Dietzenbacher, van der Linden &
Steenge 1993): total output lost when a sector's purchases (backward), sales (forward)
or both (total) are removed from the network, final demand held fixed.

References
----------
Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012), "Measuring the Upstreamness of
Production and Trade Flows", *American Economic Review: Papers & Proceedings* 102(3):
412–416.
Miller, R. E. and Temurshoev, U. (2017), "Output Upstreamness and Input Downstreamness
of Industries/Countries in World Production", *International Regional Science Review*
40(5): 443–475.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import scipy.linalg as sla

from pflab.data.iotables.table import IOTable
from pflab.errors import ModelError, ParameterError
from pflab.network.leontief import coefficients, solver_for
from pflab.network.results import SectorResult, table_provenance

__all__ = ["INVENTORY_COLUMNS", "downstreamness", "extraction", "linkages", "upstreamness"]

#: Final-demand columns that hold changes in inventories, by table family.
INVENTORY_COLUMNS = ("FU202", "INVNT", "INVEN", "inventories")


def _ghosh(z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Allocation coefficients B = diag(x)⁻¹ Z (zero-output rows set to 0)."""
    return coefficients(z.T, x).T


def _column_total(frame: pd.DataFrame | None, names: tuple[str, ...], n: int) -> np.ndarray:
    """Row sums of the named columns of a final-demand block (zeros if absent)."""
    if frame is None:
        return np.zeros(n)
    keep = [c for c in frame.columns if c in names]
    return frame[keep].sum(axis=1).to_numpy() if keep else np.zeros(n)


def upstreamness(table: IOTable, *, method: Literal["acfh", "domestic"] = "acfh") -> pd.Series:
    """Upstreamness of each sector's output (average stages to final use, ≥ 1).

    Parameters
    ----------
    table
        The input–output table.
    method
        ``"acfh"`` (Antràs et al. 2012, total use with the open-economy correction) or
        ``"domestic"`` (domestic flows only).

    Returns
    -------
    pandas.Series
        NaN for sectors with no gross output or a non-positive ACFH denominator.
    """
    x = table.gross_output.to_numpy()
    z = table.Z.to_numpy()
    if method == "domestic":
        delta = _ghosh(z, x)
        valid = x > 0
    elif method == "acfh":
        zm = table.Z_imports
        total = z + (zm.to_numpy() if zm is not None else 0.0)
        n = table.n
        exports = table.exports.to_numpy() + _column_total(
            table.final_demand_imports, table.export_columns, n
        )
        imports = table.imports.to_numpy() if table.imports is not None else np.zeros(n)
        inventories = _column_total(table.final_demand, INVENTORY_COLUMNS, n) + _column_total(
            table.final_demand_imports, INVENTORY_COLUMNS, n
        )
        denominator = x - exports + imports - inventories
        valid = (x > 0) & (denominator > 0)
        delta = np.zeros_like(total)
        delta[valid] = total[valid] / denominator[valid, None]
    else:
        raise ParameterError("method", f"{method!r}; expected acfh or domestic")
    delta[~valid, :] = 0.0
    try:
        u = sla.solve(np.eye(table.n) - delta, np.ones(table.n))
    except sla.LinAlgError as exc:
        raise ModelError(f"{table.label}: I − Δ is singular ({exc})") from None
    u[~valid] = np.nan
    return pd.Series(u, index=list(table.codes), name="upstreamness")


def downstreamness(table: IOTable) -> pd.Series:
    """Input downstreamness D = 1'(I − A)⁻¹ (Miller & Temurshoev 2017)."""
    d = solver_for(table).solve_transpose(np.ones(table.n))
    return pd.Series(d, index=list(table.codes), name="downstreamness")


def linkages(table: IOTable, *, forward: Literal["ghosh", "leontief"] = "ghosh") -> SectorResult:
    """Rasmussen backward and forward linkages and the key-sector classification.

    Returns
    -------
    SectorResult
        Columns ``backward``, ``forward`` (normalised: 1 is the average sector) and
        ``kind`` (``key``, ``backward``, ``forward`` or ``weak``).
    """
    n = table.n
    x = table.gross_output.to_numpy()
    solver = solver_for(table)
    col_sums = solver.solve_transpose(np.ones(n))  # 1'L
    if forward == "leontief":
        row_sums = solver.solve(np.ones(n))  # L 1
        total = float(col_sums.sum())
    elif forward == "ghosh":
        b = _ghosh(table.Z.to_numpy(), x)
        row_sums = sla.solve(np.eye(n) - b, np.ones(n))  # G 1
        total = float(row_sums.sum())
    else:
        raise ParameterError("forward", f"{forward!r}; expected ghosh or leontief")
    backward = col_sums / (col_sums.sum() / n)
    forward_index = row_sums / (total / n)
    kind = np.where(
        (backward > 1) & (forward_index > 1),
        "key",
        np.where(backward > 1, "backward", np.where(forward_index > 1, "forward", "weak")),
    )
    frame = pd.DataFrame(
        {"name": table.names, "backward": backward, "forward": forward_index, "kind": kind},
        index=pd.Index(table.codes, name="sector"),
    )
    return SectorResult(
        title=f"Rasmussen linkages, {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "rasmussen-linkages",
            "Backward: column sums of L; forward: row sums of the "
            + ("Ghosh inverse" if forward == "ghosh" else "Leontief inverse")
            + "; each relative to the average.",
            {"forward": forward},
        ),
        columns={
            "backward": "column sum of L relative to the average (>1: pulls more inputs)",
            "forward": "row sum relative to the average (>1: supplies more of the network)",
            "kind": "key (both > 1), backward, forward or weak",
        },
        notes=table.notes,
    )


def extraction(table: IOTable) -> SectorResult:
    """Hypothetical extraction: output lost when a sector leaves the network.

    For each sector j, with final demand f fixed:

    - total: remove row and column j, x̄ = (I − Ā)⁻¹ f̄; loss = 1'x − 1'x̄ − x_j;
    - backward: remove j's purchases (column j of A); loss = 1'x − 1'x̄;
    - forward: remove j's sales (row j of the allocation coefficients B, Ghosh model with
      primary inputs fixed); loss = x'1 − x̄'1.

    Losses are reported in the table's money unit and as shares of total gross output.
    The direct loss of j's own output is excluded from ``total`` so that the column
    measures the linkage, not the size.
    """
    n = table.n
    x = table.gross_output.to_numpy()
    z = table.Z.to_numpy()
    a = coefficients(z, x)
    f = x - z.sum(axis=1)
    b = _ghosh(z, x)
    primary = x - z.sum(axis=0)
    total_x = float(x.sum())
    eye = np.eye(n)
    out = np.zeros((n, 3))
    for j in range(n):
        keep = np.arange(n) != j
        sub = eye[np.ix_(keep, keep)] - a[np.ix_(keep, keep)]
        x_bar = sla.solve(sub, f[keep])
        out[j, 0] = total_x - x[j] - x_bar.sum()
        a_col = a.copy()
        a_col[:, j] = 0.0
        out[j, 1] = total_x - sla.solve(eye - a_col, f).sum()
        b_row = b.copy()
        b_row[j, :] = 0.0
        out[j, 2] = total_x - sla.solve((eye - b_row).T, primary).sum()
    frame = pd.DataFrame(
        {
            "name": table.names,
            "total": out[:, 0],
            "backward": out[:, 1],
            "forward": out[:, 2],
            "total_share": out[:, 0] / total_x,
            "backward_share": out[:, 1] / total_x,
            "forward_share": out[:, 2] / total_x,
        },
        index=pd.Index(table.codes, name="sector"),
    )
    unit = f"{table.unit} {table.currency}".strip()
    return SectorResult(
        title=f"Hypothetical extraction, {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "hypothetical-extraction",
            "Output lost when a sector's purchases, sales or both leave the network "
            "(Miller & Blair 2009, §12.2).",
        ),
        columns={
            "total": f"output lost by other sectors when sector j is removed ({unit})",
            "backward": f"output lost when j's purchases are removed ({unit})",
            "forward": f"output lost when j's sales are removed, Ghosh model ({unit})",
            "total_share": "total, as a share of all gross output",
        },
        notes=table.notes,
    )
