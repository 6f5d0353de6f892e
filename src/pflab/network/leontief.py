"""Leontief quantities without forming the inverse.

With technical coefficients A = Z diag(x)⁻¹ (zero-output columns set to 0), gross
output needed for final demand f is x = (I − A)⁻¹ f = L f (Miller & Blair 2009, eq. 2.11),
and a row vector of direct intensities s gives total (direct + indirect) intensities
m' = s' L. Both are linear solves with I − A or its transpose, answered by the table's
own :class:`~pflab.tables.linalg.LeontiefSolver` (:meth:`pflab.tables.IOTable.solver`):
one LU factorisation per table, reused by every analysis, or GMRES on v ↦ v − Z (v / x)
for large multi-regional systems. A dense inverse is formed only by
:func:`leontief_inverse`, on request.

Reference
---------
Miller, R. E. and Blair, P. D. (2009), *Input–Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pflab.errors import ModelError, ParameterError
from pflab.tables import IOTable
from pflab.tables.linalg import LeontiefSolver, Method, coefficients

__all__ = [
    "LeontiefSolver",
    "Method",
    "coefficients",
    "leontief_inverse",
    "output_for",
    "solver_for",
    "technical_coefficients",
]


def technical_coefficients(table: IOTable, *, imports: bool = False) -> pd.DataFrame:
    """Domestic (or imported) input coefficients A = Z diag(x)⁻¹.

    Parameters
    ----------
    table
        The input–output table.
    imports
        Return the imported-input coefficients Aᵐ = Zᵐ diag(x)⁻¹ instead.

    Raises
    ------
    pflab.errors.ModelError
        If ``imports`` is asked for and the table has no imported block.
    """
    flows = table.zm if imports else table.z
    if flows is None:
        raise ModelError(f"{table.label} has no imported intermediate block")
    codes = list(table.codes)
    return pd.DataFrame(coefficients(flows, table.x), index=codes, columns=codes)


def solver_for(table: IOTable, *, method: Method = "auto") -> LeontiefSolver:
    """The table's solver for its domestic system I − A (built once, then reused)."""
    return table.solver(method)


def leontief_inverse(table: IOTable) -> pd.DataFrame:
    """The dense Leontief inverse L = (I − A)⁻¹ of a table's domestic coefficients."""
    inverse = table.solver().inverse()
    return pd.DataFrame(inverse, index=list(table.codes), columns=list(table.codes))


def output_for(table: IOTable, final_demand: pd.Series | np.ndarray) -> pd.Series:
    """Gross output x = L f needed to deliver a final-demand vector f (domestic goods).

    Parameters
    ----------
    table
        The input–output table.
    final_demand
        Final demand by sector (a Series aligned on the sector codes, or an array).

    Raises
    ------
    pflab.errors.ParameterError
        If a Series lacks some sectors.
    """
    if isinstance(final_demand, pd.Series):
        have = set(final_demand.index)
        missing = [c for c in table.codes if c not in have]
        if missing:
            raise ParameterError("final_demand", f"no value for sectors {missing[:5]}")
        f = final_demand.loc[list(table.codes)].to_numpy(dtype="float64")
    else:
        f = np.asarray(final_demand, dtype="float64")
    return pd.Series(table.solver().solve(f), index=list(table.codes), name="gross_output")
