"""The Leontief cost-push price model.

Unit prices cover unit costs: p' = p'A + v' (Miller & Blair 2009, §2.6), so a change in
primary costs per unit of output Δv moves prices by

    Δp = (I − Aᵀ)⁻¹ Δv,

with all base prices 1 (the table is in base-year values). Three kinds of shock:

- ``"value_added"``: primary costs (wages, taxes, margins) of the listed sectors rise by
  the given share: Δv_j = s_j · VA_j / x_j;
- ``"imports"``: the prices of the listed *imported products* rise by the given share:
  Δv_j = Σ_i s_i Aᵐ_ij;
- ``"productivity"``: the listed sectors need proportionally fewer of all inputs, the dual
  of a TFP gain; to first order the unit cost of j falls by s_j, Δv_j = −s_j.

The aggregate effect is the change of a final-demand price index, weighted by domestic
final use, and of the consumer price index (household consumption columns).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from pflab.errors import ModelError, ParameterError
from pflab.network.hulten import log_shocks
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable
from pflab.tables.linalg import coefficients, safe_divide

__all__ = ["HOUSEHOLD_COLUMNS", "PriceEffects", "cost_push"]

#: Household consumption columns by table family (for the consumer price index).
HOUSEHOLD_COLUMNS = ("FU101", "FU102", "TC", "HFCE", "CONS_h")

Kind = Literal["value_added", "imports", "productivity"]


@dataclass(frozen=True, kw_only=True)
class PriceEffects(SectorResult):
    """Sector price changes and the price indices they add up to.

    Attributes
    ----------
    final_demand_index
        Change of the price index of domestic final use (weights: final use by sector).
    consumer_index
        Change of the consumer price index (household consumption weights; final use
        when the table has no household column).
    """

    final_demand_index: float
    consumer_index: float

    def tables(self) -> dict[str, pd.DataFrame]:
        """``sectors`` (cost shock and price change by sector) and ``indices``."""
        indices = pd.DataFrame(
            {
                "value": [self.final_demand_index, self.consumer_index],
                "meaning": [
                    "proportional change of the final-demand price index",
                    "proportional change of the consumer price index",
                ],
            },
            index=pd.Index(["final_demand_index", "consumer_index"], name="measure"),
        )
        return {"sectors": self.frame.copy(), "indices": indices}


def cost_push(
    table: IOTable, shocks: Mapping[str, float], *, kind: Kind = "value_added"
) -> PriceEffects:
    """Price effects of cost shocks in the Leontief price model.

    Parameters
    ----------
    table
        The input–output table.
    shocks
        Proportional changes by sector code (0.10 = 10 %); see the module docstring for
        what they mean for each ``kind``.
    kind
        ``"value_added"``, ``"imports"`` or ``"productivity"``.

    Returns
    -------
    PriceEffects
        Column ``price`` (proportional price change) by sector and the final-demand and
        consumer price indices.

    Raises
    ------
    pflab.errors.LookupFailedError
        If a code is not a sector of the table.
    pflab.errors.ModelError
        If an import-price shock meets a table without an imported block.
    """
    # validate codes (and reuse the error messages) through log_shocks
    log_shocks(table, {k: max(v, -0.5) for k, v in shocks.items()})
    s = np.zeros(table.n)
    position = {c: i for i, c in enumerate(table.codes)}
    for code, change in shocks.items():
        s[position[str(code)]] += float(change)
    if kind == "value_added":
        dv = s * coefficients(table.va[None, :], table.x)[0]
    elif kind == "imports":
        if table.zm is None:
            raise ModelError(f"{table.label} has no imported block for an import-price shock")
        dv = s @ coefficients(table.zm, table.x)
    elif kind == "productivity":
        dv = -s
    else:
        raise ParameterError("kind", f"{kind!r}; expected value_added, imports or productivity")
    dp = table.solver().solve_transpose(dv)
    final = table.final_demand
    weights = final.sum(axis=1).clip(lower=0).to_numpy()
    households = [c for c in final.columns if c in HOUSEHOLD_COLUMNS]
    hh = final[households].sum(axis=1).clip(lower=0).to_numpy() if households else weights
    index = float(safe_divide(dp @ weights, weights.sum(), fill=np.nan))
    cpi = float(safe_divide(dp @ hh, hh.sum(), fill=np.nan))
    frame = pd.DataFrame(
        {"name": table.names, "cost_shock": dv, "price": dp},
        index=pd.Index(table.codes, name="sector"),
    )
    notes = () if households else ("No household column: the consumer index uses final use.",)
    return PriceEffects(
        title=f"Cost-push price effects ({kind}), {table.label}: final-demand prices "
        f"{index:+.4%}, consumer prices {cpi:+.4%}",
        frame=frame,
        provenance=table_provenance(
            table,
            "leontief-price-model",
            "Δp = (I − Aᵀ)⁻¹ Δv with base prices 1 (Miller & Blair 2009, §2.6).",
            {"kind": kind, "shocks": dict(shocks)},
        ),
        columns={
            "cost_shock": "change in primary cost per unit of output (Δv)",
            "price": "proportional change of the sector's output price (Δp)",
            "value": "proportional change of the index",
        },
        notes=(*notes, *table.notes),
        formats={"cost_shock": "+.6f", "price": "+.6f"},
        final_demand_index=index,
        consumer_index=cpi,
    )
