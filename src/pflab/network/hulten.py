"""Domar weights and Hulten's theorem: the first-order aggregate effect of sector shocks.

The Domar weight of sector i is its gross output relative to GDP,

    λ_i = p_i y_i / GDP,    GDP = Σ_j VA_j,

and the weights sum to more than one because sales count intermediate use. Hulten's
theorem says that in an efficient economy a sector's Hicks-neutral productivity shock
d log A_i moves aggregate TFP (real GDP with factor supplies fixed) by

    d log TFP = Σ_i λ_i d log A_i

to first order, whatever the production network: the network matters only through the
sales shares (Hulten 1978; Domar 1961).

References
----------
Domar, E. D. (1961), "On the Measurement of Technological Change", *Economic Journal*
71(284): 709–729.
Hulten, C. R. (1978), "Growth Accounting with Intermediate Inputs", *Review of Economic
Studies* 45(3): 511–518.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pflab.errors import LookupFailedError, ModelError, ParameterError
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable

__all__ = ["domar_weights", "hulten", "log_shocks"]


def domar_weights(table: IOTable) -> pd.Series:
    """Domar weights λ_i = gross output_i / GDP (GDP = total value added).

    Raises
    ------
    pflab.errors.ModelError
        If total value added is not positive.
    """
    gdp = table.gdp
    if not gdp > 0:
        raise ModelError(f"{table.label}: total value added is {gdp:g}; Domar weights need GDP > 0")
    return pd.Series(table.x / gdp, index=list(table.codes), name="domar_weight")


def log_shocks(table: IOTable, shocks: Mapping[str, float] | pd.Series) -> np.ndarray:
    """Productivity shocks as a vector of d log A by sector.

    Parameters
    ----------
    shocks
        Proportional productivity changes by sector code: 0.10 means the sector's
        productivity rises by 10 % (d log A = log 1.10). Sectors not listed are 0.

    Raises
    ------
    pflab.errors.LookupFailedError
        If a code is not a sector of the table.
    pflab.errors.ParameterError
        If a shock is −100 % or less.
    """
    position = {c: i for i, c in enumerate(table.codes)}
    out = np.zeros(table.n)
    for code, change in dict(shocks).items():
        key = str(code)
        if key not in position:
            import difflib

            raise LookupFailedError(
                f"sector of {table.label}",
                key,
                difflib.get_close_matches(key, list(table.codes), 5, 0.5),
            )
        if not change > -1.0:
            raise ParameterError(
                "shocks", f"sector {key}: a change of {change:.0%} would end production"
            )
        out[position[key]] += float(np.log1p(change))
    return out


def hulten(table: IOTable, shocks: Mapping[str, float] | pd.Series) -> SectorResult:
    """First-order (Hulten) aggregate TFP response to sector productivity shocks.

    Parameters
    ----------
    table
        The input–output table.
    shocks
        Proportional productivity changes by sector (0.10 = +10 %).

    Returns
    -------
    SectorResult
        One row per shocked sector: ``shock`` (d log A), ``domar_weight`` and
        ``contribution`` (λ_i d log A_i, log points); the total is the sum of contributions.
    """
    d = log_shocks(table, shocks)
    weights = domar_weights(table).to_numpy()
    hit = np.nonzero(d)[0]
    frame = pd.DataFrame(
        {
            "name": [table.names[i] for i in hit],
            "shock": d[hit],
            "domar_weight": weights[hit],
            "contribution": weights[hit] * d[hit],
        },
        index=pd.Index([table.codes[i] for i in hit], name="sector"),
    )
    total = float(frame["contribution"].sum())
    return SectorResult(
        title=f"Hulten first-order response, {table.label}: d log TFP = {total:.6g}",
        frame=frame,
        provenance=table_provenance(
            table,
            "hulten",
            "d log TFP = Σ λ_i d log A_i with Domar weights λ = gross output / GDP.",
        ),
        columns={
            "shock": "d log A (log points)",
            "domar_weight": "gross output / GDP",
            "contribution": "λ_i d log A_i (log points of aggregate TFP)",
        },
        notes=table.notes,
        formats={"shock": ".6f", "domar_weight": ".4f", "contribution": ".6f"},
    )
