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

from pflab.errors import DataNotFoundError
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable
from pflab.tables.linalg import Method, coefficients

__all__ = ["direct_coefficients", "multipliers"]


def direct_coefficients(table: IOTable) -> pd.DataFrame:
    """Primary inputs per unit of gross output: value added, imports, other inputs and,
    when the table has employment, employment."""

    def per_unit(values: np.ndarray) -> np.ndarray:
        return coefficients(values[None, :], table.x)[0]

    frame = pd.DataFrame(
        {
            "value_added": per_unit(table.va),
            "imports": per_unit(table.imported_inputs.to_numpy()),
            "other_inputs": per_unit(
                table.oth.sum(axis=1) if table.oth is not None else np.zeros(table.n)
            ),
        },
        index=pd.Index(table.codes, name="sector"),
    )
    if table.emp is not None:
        frame["employment"] = per_unit(table.emp)
    return frame


def multipliers(
    table: IOTable, *, method: Method = "auto", employment: bool | None = None
) -> SectorResult:
    """Type I output, value-added, import, other-input and employment multipliers.

    Parameters
    ----------
    table
        The input–output table (domestic flows).
    method
        Solver for I − A (see :class:`pflab.tables.linalg.LeontiefSolver`).
    employment
        ``None`` (default): an ``employment`` column when the table has employment by
        sector, else none and a note saying so; ``True``: require it; ``False``: leave
        it out.

    Returns
    -------
    SectorResult
        Columns ``output``, ``value_added``, ``imports``, ``other_inputs`` (per unit of
        final demand, same money unit) and ``employment`` (persons in the table's
        employment unit per unit of final demand), when included.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If ``employment=True`` and the table has no employment by sector (the message
        repeats the table's note on why).
    """
    has_jobs = table.emp is not None
    if employment and not has_jobs:
        why = [n for n in table.notes if "employment" in n.lower()]
        raise DataNotFoundError(
            f"{table.label} has no employment by sector, so there are no employment "
            "multipliers"
            + (f": {why[0]}" if why else "; give one with table.replace(employment=...)")
        )
    jobs = has_jobs and employment is not False
    direct = direct_coefficients(table)
    rows = [
        np.ones(table.n),
        *(direct[c].to_numpy() for c in ("value_added", "imports", "other_inputs")),
    ]
    if jobs:
        rows.append(direct["employment"].to_numpy())
    solver = table.solver(method)
    totals = solver.solve_transpose(np.column_stack(rows))
    frame = pd.DataFrame(
        {
            "name": table.names,
            "output": totals[:, 0],
            "value_added": totals[:, 1],
            "imports": totals[:, 2],
            "other_inputs": totals[:, 3],
        },
        index=pd.Index(table.codes, name="sector"),
    )
    unit = f"{table.unit} {table.currency}".strip()
    columns = {
        "output": "gross output of all sectors per unit of final demand (1'L)",
        "value_added": "domestic value added per unit of final demand (v'L)",
        "imports": "imported inputs per unit of final demand (m'L)",
        "other_inputs": "other primary inputs (taxes on products, adjustments) per unit",
    }
    notes: list[str] = []
    if jobs:
        frame["employment"] = totals[:, 4]
        columns["employment"] = (
            f"persons ({table.employment_unit}) per unit of final demand ({unit}) (e'L)"
        )
    elif employment is None:
        notes.append(
            f"No employment column: {table.label} has no employment by sector (see the "
            "table's notes); give one with table.replace(employment=...)."
        )
    return SectorResult(
        title=f"Type I multipliers, {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "leontief-multipliers",
            "Totals along the domestic supply chain per unit of final demand: 1'L, v'L, m'L, e'L.",
            {"solver": solver.method, "employment": jobs},
        ),
        columns=columns,
        notes=(*notes, *table.notes),
        formats=dict.fromkeys(("output", "value_added", "imports", "other_inputs"), ".4f"),
    )
