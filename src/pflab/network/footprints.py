"""Multipliers and consumption-based accounts of a multi-regional table.

With direct intensities S = F diag(x)⁻¹ (stressors × N) and the Leontief inverse L, the
multipliers are M = S L and the accounts of pymrio's ``calc_accounts`` are

    D_cba[k, (r, j)] = Σ_s M[k, (s, j)] · Y_r[(s, j)]     footprint of region r's final
                                                           demand for product j
    D_pba[k, i]      = S[k, i] · x_i                       production-based account

with Y_r region r's final demand summed over categories and x = L Σ_r Y_r; regional
totals add the direct final-demand part F_Y. pflab gets M from one transposed solve with
k right-hand sides (k stressors) and x from one forward solve, so neither L nor the
N × N matrix L·diag(Y) that pymrio forms is needed. ``trade=True`` adds the import and
export accounts D_imp and D_exp, which need R·k more transposed and R more forward
right-hand sides (R regions).

Reference
---------
Stadler, K. (2021), "Pymrio – A Python Based Multi-Regional Input-Output Analysis
Toolbox", *Journal of Open Research Software* 9(1): 8 (the accounts follow its
``calc_accounts``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.errors import ModelError
from pflab.provenance import Provenance
from pflab.result import Result, View
from pflab.tables import MRIOTable
from pflab.tables.linalg import Method, safe_divide

__all__ = ["Footprints", "mrio_footprints"]


@dataclass(frozen=True, kw_only=True)
class Footprints(Result):
    """Multipliers and accounts of an MRIO table (layouts as pymrio's extensions).

    Attributes
    ----------
    M
        Multipliers S L, stressors × (region, sector).
    D_cba, D_pba
        Consumption- and production-based accounts, stressors × (region, sector).
    D_cba_reg, D_pba_reg
        By region, with the direct final-demand part F_Y added.
    x
        Gross output recomputed as L Σ_r Y_r.
    D_imp, D_exp, D_imp_reg, D_exp_reg
        Trade accounts (``None`` unless asked for).
    """

    M: pd.DataFrame
    D_cba: pd.DataFrame
    D_pba: pd.DataFrame
    D_cba_reg: pd.DataFrame
    D_pba_reg: pd.DataFrame
    x: pd.Series
    D_imp: pd.DataFrame | None = None
    D_exp: pd.DataFrame | None = None
    D_imp_reg: pd.DataFrame | None = None
    D_exp_reg: pd.DataFrame | None = None

    def _regional(self) -> dict[str, pd.DataFrame]:
        parts = {"cba": self.D_cba_reg, "pba": self.D_pba_reg}
        if self.D_imp_reg is not None and self.D_exp_reg is not None:
            parts.update({"imp": self.D_imp_reg, "exp": self.D_exp_reg})
        return parts

    def tables(self) -> dict[str, pd.DataFrame]:
        """``accounts`` (stressor, region, account, value: regional totals) and
        ``sectors`` (stressor, region, sector: M, D_cba, D_pba, trade accounts, x)."""
        records = [
            {"stressor": str(k), "region": str(r), "account": name, "value": float(frame.loc[k, r])}
            for name, frame in self._regional().items()
            for k in frame.index
            for r in frame.columns
        ]
        accounts = pd.DataFrame.from_records(
            records, columns=["stressor", "region", "account", "value"]
        )
        blocks = {"M": self.M, "D_cba": self.D_cba, "D_pba": self.D_pba}
        if self.D_imp is not None and self.D_exp is not None:
            blocks.update({"D_imp": self.D_imp, "D_exp": self.D_exp})
        k, n = self.M.shape
        pairs = self.M.columns
        columns: dict[str, np.ndarray] = {
            "stressor": np.repeat(np.array([str(v) for v in self.M.index]), n),
            "region": np.tile(np.array([str(p[0]) for p in pairs]), k),
            "sector": np.tile(np.array([str(p[1]) for p in pairs]), k),
        }
        for name, frame in blocks.items():
            columns[name] = frame.to_numpy().reshape(-1)
        columns["gross_output"] = np.tile(self.x.to_numpy(), k)
        sectors = pd.DataFrame(columns)
        return {"accounts": accounts, "sectors": sectors}

    def views(self) -> list[View]:
        """On screen: the regional accounts (every sector in CSV or JSON)."""
        return [View("accounts")]


def _by_region(values: np.ndarray, n_regions: int) -> np.ndarray:
    """Sum stressors × (region, sector) over sectors → stressors × region."""
    return values.reshape(values.shape[0], n_regions, -1).sum(axis=2)


def mrio_footprints(mrio: MRIOTable, *, method: Method = "auto", trade: bool = False) -> Footprints:
    """Multipliers and consumption-/production-based accounts of a multi-regional table.

    Parameters
    ----------
    mrio
        The table, with an extension (F).
    method
        Solver for I − A (``"auto"``: LU up to 1,000 sectors, else GMRES without forming A).
    trade
        Also compute D_imp and D_exp.

    Raises
    ------
    pflab.errors.ModelError
        If the table has no extension.
    """
    _, y, x, f, fy = mrio.arrays()
    if f is None:
        raise ModelError("the MRIO table has no extension (F); footprints need stressors")
    n_regions, n_sectors, n_cat = len(mrio.regions), len(mrio.sectors), len(mrio.categories)
    s = f * safe_divide(1.0, x)[None, :]
    solver = mrio.solver(method)
    m = solver.solve_transpose(s.T).T
    iterations = solver.iterations
    y_reg = y.reshape(mrio.n, n_regions, n_cat).sum(axis=2)  # N × R
    x_l = solver.solve(y_reg.sum(axis=1))
    iterations += solver.iterations
    k = s.shape[0]
    m3 = m.reshape(k, n_regions, n_sectors)
    y3 = y_reg.reshape(n_regions, n_sectors, n_regions)
    d_cba = np.einsum("ksj,sjr->krj", m3, y3).reshape(k, mrio.n)
    d_pba = s * x_l[None, :]
    fy_reg = np.zeros((k, n_regions)) if fy is None else fy.reshape(k, n_regions, n_cat).sum(axis=2)
    index = mrio.index
    stressors = list(mrio.stressors)
    regions = pd.Index(mrio.regions, name="region")

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=stressors, columns=index)

    extra: dict[str, pd.DataFrame] = {}
    if trade:
        owner = np.repeat(np.arange(n_regions), n_sectors)
        masked = np.zeros((mrio.n, k * n_regions))
        for r in range(n_regions):
            rows = owner == r
            masked[rows, r * k : (r + 1) * k] = s[:, rows].T
        m_reg = solver.solve_transpose(masked).T.reshape(n_regions, k, n_regions, n_sectors)
        own = np.einsum("rksj,sjr->krj", m_reg, y3).reshape(k, mrio.n)
        d_imp = d_cba - own
        x_dom = solver.solve(y_reg)[np.arange(mrio.n), owner]
        d_exp = s * (x_l - x_dom)[None, :]
        extra = {
            "D_imp": frame(d_imp),
            "D_exp": frame(d_exp),
            "D_imp_reg": pd.DataFrame(
                _by_region(d_imp, n_regions), index=stressors, columns=regions
            ),
            "D_exp_reg": pd.DataFrame(
                _by_region(d_exp, n_regions), index=stressors, columns=regions
            ),
        }
    provenance = Provenance(
        method="mrio-footprints",
        sources=mrio.sources,
        parameters={
            "solver": solver.method,
            "gmres_iterations": iterations,
            "regions": n_regions,
            "sectors": n_sectors,
            "trade": trade,
        },
        description="M = S L by a transposed solve; D_cba[k,(r,j)] = Σ_s M[k,(s,j)] Y_r[(s,j)]; "
        "D_pba = S diag(L y).",
    )
    return Footprints(
        title=f"MRIO footprints, {n_regions} regions × {n_sectors} sectors"
        + (f", {mrio.year}" if mrio.year else ""),
        provenance=provenance,
        notes=(
            "cba: consumption-based account (footprint of each region's final demand); "
            "pba: production-based; imp, exp: embodied in imports and exports.",
        ),
        columns={
            "value": "the stressor's unit (see the table's units)",
            "M": "multiplier: stressor per unit of final demand (S L)",
            "gross_output": "gross output recomputed as L y",
        },
        M=frame(m),
        D_cba=frame(d_cba),
        D_pba=frame(d_pba),
        D_cba_reg=pd.DataFrame(
            _by_region(d_cba, n_regions) + fy_reg, index=stressors, columns=regions
        ),
        D_pba_reg=pd.DataFrame(
            _by_region(d_pba, n_regions) + fy_reg, index=stressors, columns=regions
        ),
        x=pd.Series(x_l, index=index, name="gross_output"),
        **extra,
    )
