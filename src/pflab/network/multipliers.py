"""Output, value-added, import and employment multipliers.

With L = (I − A)⁻¹ the domestic Leontief inverse and direct coefficients per unit of
gross output — value added v_j = VA_j / x_j, imported inputs m_j = Σ_i Zᵐ_ij / x_j,
other primary inputs t_j and employment e_j = E_j / x_j — the (type I) multipliers of
sector j are the totals generated along the domestic supply chain by one unit of final
demand for j (Miller & Blair 2009, §6.2):

    output   o_j = Σ_i L_ij          value added  v'L     imports  m'L
    other    t'L                     employment   e'L

Because every unit of output is paid out as domestic inputs, imports, other inputs or
value added, v'L + m'L + t'L = 1' exactly: the value-added and import multipliers of a
sector split one unit of its final demand between domestic income and leakage abroad.
All are computed with one transposed solve with several right-hand sides.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pflab.data.iotables.table import IOTable
from pflab.network.leontief import Method, coefficients, solver_for
from pflab.network.results import SectorResult, table_provenance

__all__ = ["direct_coefficients", "multipliers"]


def direct_coefficients(table: IOTable) -> pd.DataFrame:
    """Primary inputs per unit of gross output: value added, imports, other inputs, employment."""
    x = table.gross_output.to_numpy()

    def per_unit(values: np.ndarray) -> np.ndarray:
        return coefficients(values[None, :], x)[0]

    other = table.other_inputs
    employment = table.employment
    return pd.DataFrame(
        {
            "value_added": per_unit(table.value_added.to_numpy()),
            "imports": per_unit(table.imported_inputs.to_numpy()),
            "other_inputs": per_unit(
                other.sum(axis=1).to_numpy() if other is not None else np.zeros(table.n)
            ),
            "employment": per_unit(employment.to_numpy()) if employment is not None else np.nan,
        },
        index=pd.Index(table.codes, name="sector"),
    )


def multipliers(table: IOTable, *, method: Method = "auto") -> SectorResult:
    """Type I output, value-added, import, other-input and employment multipliers.

    Parameters
    ----------
    table
        The input–output table (domestic flows).
    method
        Solver for I − A (see :class:`pflab.network.leontief.LeontiefSolver`).

    Returns
    -------
    SectorResult
        Columns ``output``, ``value_added``, ``imports``, ``other_inputs`` (per unit of final
        demand, same money unit) and ``employment`` (persons per unit of final demand in the
        table's employment unit per money unit; NaN without employment).
    """
    direct = direct_coefficients(table)
    rows = [
        np.ones(table.n),
        *(direct[c].to_numpy() for c in ("value_added", "imports", "other_inputs")),
    ]
    has_jobs = table.employment is not None
    if has_jobs:
        rows.append(direct["employment"].to_numpy())
    solver = solver_for(table, method=method)
    totals = solver.solve_transpose(np.column_stack(rows))
    frame = pd.DataFrame(
        {
            "name": table.names,
            "output": totals[:, 0],
            "value_added": totals[:, 1],
            "imports": totals[:, 2],
            "other_inputs": totals[:, 3],
            "employment": totals[:, 4] if has_jobs else np.nan,
        },
        index=pd.Index(table.codes, name="sector"),
    )
    unit = f"{table.unit} {table.currency}".strip()
    return SectorResult(
        title=f"Type I multipliers, {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "leontief-multipliers",
            "Totals along the domestic supply chain per unit of final demand: 1'L, v'L, m'L, e'L.",
            {"solver": solver.method},
        ),
        columns={
            "output": "gross output of all sectors per unit of final demand (1'L)",
            "value_added": "domestic value added per unit of final demand (v'L)",
            "imports": "imported inputs per unit of final demand (m'L)",
            "other_inputs": "other primary inputs (taxes on products, adjustments) per unit",
            "employment": f"persons ({table.employment_unit}) per unit of final demand ({unit})",
        },
        notes=table.notes,
    )
