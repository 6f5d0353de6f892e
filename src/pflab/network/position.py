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

from pflab.errors import ModelError, ParameterError
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable
from pflab.tables.linalg import coefficients

__all__ = [
    "INVENTORY_COLUMNS",
    "downstreamness",
    "extraction",
    "linkages",
    "position",
    "upstreamness",
]

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
    x, z = table.x, table.z
    if method == "domestic":
        delta = _ghosh(z, x)
        valid = x > 0
    elif method == "acfh":
        total = z + (table.zm if table.zm is not None else 0.0)
        n = table.n
        exports = table.exports.to_numpy() + _column_total(
            table.final_demand_imports, table.export_columns, n
        )
        imports = table.m if table.m is not None else np.zeros(n)
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
    d = table.solver().solve_transpose(np.ones(table.n))
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
    x = table.x
    solver = table.solver()
    col_sums = solver.solve_transpose(np.ones(n))  # 1'L
    if forward == "leontief":
        row_sums = solver.solve(np.ones(n))  # L 1
        total = float(col_sums.sum())
    elif forward == "ghosh":
        b = _ghosh(table.z, x)
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
        formats={"backward": ".4f", "forward": ".4f"},
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
    x, z = table.x, table.z
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
            "backward_share": "backward, as a share of all gross output",
            "forward_share": "forward, as a share of all gross output",
        },
        notes=table.notes,
        formats={
            "total": ",.0f",
            "backward": ",.0f",
            "forward": ",.0f",
            "total_share": ".4%",
            "backward_share": ".4%",
            "forward_share": ".4%",
        },
    )


def position(table: IOTable, *, wedge: float | None = None) -> SectorResult:
    """Where each sector sits in the production network: size, stage, leakage, pull.

    One row per sector with

    - ``domar_weight``: gross output / GDP (Hulten: a 1 % productivity gain in the sector
      raises aggregate TFP by this many percent, to first order);
    - ``upstreamness``: average production stages to final use (Antràs et al. 2012);
    - ``output_multiplier``: gross output of all sectors per unit of final demand (1'L);
    - ``import_direct`` and ``import_total``: imported inputs per unit of output, and
      imports embodied along the supply chain per unit of final demand (m'L), when the
      table has an imported block;
    - ``distortion_centrality``: Liu's ξ for a uniform input wedge, when ``wedge`` is given.

    Parameters
    ----------
    table
        The input–output table.
    wedge
        A uniform intermediate-input wedge χ ≥ 0 for :func:`distortion_centrality`.

    Returns
    -------
    SectorResult
        Every sector in table order; :meth:`SectorResult.ranked` orders and cuts it.
    """
    from pflab.network.distortion import distortion_centrality
    from pflab.network.hulten import domar_weights
    from pflab.network.imports import import_content
    from pflab.network.multipliers import multipliers

    up = upstreamness(table)
    frame = pd.DataFrame(
        {
            "name": table.names,
            "domar_weight": domar_weights(table).to_numpy(),
            "upstreamness": up.to_numpy(),
            "output_multiplier": multipliers(table, employment=False).frame["output"].to_numpy(),
        },
        index=pd.Index(table.codes, name="sector"),
    )
    columns = {
        "domar_weight": "gross output / GDP (Hulten: % aggregate TFP per 1 % sector TFP)",
        "upstreamness": "average production stages to final use (Antràs et al. 2012)",
        "output_multiplier": "gross output of all sectors per unit of final demand (1'L)",
    }
    notes: list[str] = []
    if table.zm is not None:
        content = import_content(table).frame
        frame["import_direct"] = content["direct"].to_numpy()
        frame["import_total"] = content["total"].to_numpy()
        columns["import_direct"] = "imported inputs per unit of the sector's output"
        columns["import_total"] = "imports embodied along the supply chain per unit of final use"
    else:
        notes.append(f"{table.label} has no imported block: no import-content columns.")
    if wedge is not None:
        xi = distortion_centrality(table, wedge)
        frame["distortion_centrality"] = xi.frame["xi"].to_numpy()
        columns["distortion_centrality"] = (
            f"Liu's ξ with a uniform input wedge {wedge:g}: social value of a subsidy dollar"
        )
        notes += [n for n in xi.notes if n not in table.notes]
    undefined = [c for c, v in up.items() if not np.isfinite(v)]
    if undefined:
        notes.append(
            "Upstreamness is undefined (—) where a sector has no gross output or its "
            f"domestic absorption is not positive: {', '.join(map(str, undefined))}."
        )
    return SectorResult(
        title=f"Production network of {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "network-position",
            "Domar weights (Hulten 1978), upstreamness (Antràs et al. 2012), output "
            "multipliers and import content (Miller & Blair 2009)"
            + (", distortion centrality (Liu 2019)" if wedge is not None else "")
            + ".",
            {"wedge": wedge},
        ),
        columns=columns,
        notes=(*notes, *table.notes),
        formats=dict.fromkeys(columns, ".4f"),
        headings={
            "sector": "Code",
            "name": "Sector",
            "domar_weight": "Domar weight",
            "upstreamness": "Upstreamness",
            "output_multiplier": "Output mult.",
            "import_direct": "Imports direct",
            "import_total": "Imports total",
            "distortion_centrality": "Distortion ξ",
        },
    )
