"""Import content of production: direct, total (Leontief) and by imported product.

With imported-input coefficients Aᵐ = Zᵐ diag(x)⁻¹ and m' = 1'Aᵐ:

- direct import content of sector j: m_j, imported inputs per unit of its output;
- total import content: (m'L)_j, imports embodied along the whole domestic supply chain
  per unit of final demand for j (Hummels, Ishii & Yi 2001 call its export-weighted
  version vertical specialisation);
- by product: Aᵐ L, the imports of product i embodied per unit of final demand for j;
- import share of supply: M_i / (x_i + M_i), how much of the economy's use of product i
  comes from abroad.

Where the table has a single imports column, the imported block comes from the
proportionality assumption (see the table's ``import_split`` and notes).

Reference
---------
Hummels, D., Ishii, J. and Yi, K.-M. (2001), "The Nature and Growth of Vertical
Specialization in World Trade", *Journal of International Economics* 54(1): 75–96.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pflab.errors import ModelError
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable
from pflab.tables.linalg import coefficients, safe_divide

__all__ = ["import_content", "imports_by_product"]


def _require_imports(table: IOTable) -> np.ndarray:
    if table.zm is None:
        raise ModelError(
            f"{table.label} has no imported intermediate block; import content needs one"
        )
    return table.zm


def import_content(table: IOTable) -> SectorResult:
    """Direct and total import content of each sector's output, and import shares of supply.

    Returns
    -------
    SectorResult
        Columns ``direct`` (m_j), ``total`` ((m'L)_j), ``indirect`` (total − direct) and
        ``supply_share`` (imports of product i over domestic output plus imports; 0 for a
        product with neither).

    Raises
    ------
    pflab.errors.ModelError
        If the table has no imported intermediate block.
    """
    zm = _require_imports(table)
    direct = coefficients(zm, table.x).sum(axis=0)
    total = table.solver().solve_transpose(direct)
    imports = table.m if table.m is not None else zm.sum(axis=1)
    share = safe_divide(imports, table.x + imports)
    frame = pd.DataFrame(
        {
            "name": table.names,
            "direct": direct,
            "indirect": total - direct,
            "total": total,
            "supply_share": share,
        },
        index=pd.Index(table.codes, name="sector"),
    )
    return SectorResult(
        title=f"Import content, {table.label}",
        frame=frame,
        provenance=table_provenance(
            table,
            "import-content",
            "Direct m = 1'Aᵐ and total m'L import content per unit of output / final demand.",
        ),
        columns={
            "direct": "imported inputs per unit of the sector's output",
            "indirect": "imports embodied in its domestic inputs, per unit of final demand",
            "total": "all imports embodied per unit of final demand (m'L)",
            "supply_share": "imports of the product / (domestic output + imports)",
        },
        notes=table.notes,
        formats=dict.fromkeys(("direct", "indirect", "total", "supply_share"), ".4f"),
    )


def imports_by_product(table: IOTable, sector: str) -> pd.Series:
    """Imports of each product embodied per unit of final demand for one sector, (Aᵐ L)_{·j}.

    Raises
    ------
    pflab.errors.ModelError
        If the table has no imported block.
    pflab.errors.LookupFailedError
        If ``sector`` is not a code of the table.
    """
    zm = _require_imports(table)
    if sector not in table.codes:
        from pflab.network.hulten import log_shocks

        log_shocks(table, {sector: 0.0})  # raises a LookupFailedError with suggestions
    column = table.solver().solve(np.eye(table.n)[:, table.codes.index(sector)])
    embodied = coefficients(zm, table.x) @ column
    return pd.Series(embodied, index=list(table.codes), name=f"imports_for_{sector}")
