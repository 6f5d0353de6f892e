"""Distortion centrality: where industrial policy pays most (Liu 2019).

Sectors buy intermediate inputs subject to wedges χ_ij ≥ 0 (credit constraints, for
instance): sector i spends a revenue share Ω_ij = P_j M_ij / (P_i Q_i) on input j while
the production elasticity is σ_ij = (1 + χ_ij) Ω_ij, the rest being dissipated. With
β the final-demand shares, Liu (2019, Definition 2) defines

    influence      μ' = β'(I − Σ)⁻¹,
    Domar weight   γ_i = P_i Q_i / WL,
    distortion centrality   ξ_i = μ_i / γ_i,

where WL is factor income (primary inputs net of the dissipated rents). ξ_i is the
social value of a marginal dollar of subsidy to sector i (Proposition 1): ξ_i − 1 is its
net return. Distortions accumulate upstream through backward demand linkages, so
upstream sectors have ξ > 1. Weighted by factor income shares, ξ averages exactly one.

In a two-sector vertical chain where the downstream sector buys a cost share b from the
upstream one with wedge χ, ξ_U = 1 + χ(1 − b) and ξ_D = (1 − b) + b/(1 + χ).

Applied to a table: Ω is the domestic input-coefficient matrix transposed, imported
inputs and other primary inputs count as factor inputs, and β is domestic final use
(exports included).

Reference
---------
Liu, E. (2019), "Industrial Policies in Production Networks", *Quarterly Journal of
Economics* 134(4): 1883–1948.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pflab.errors import LookupFailedError, ModelError, ParameterError
from pflab.network.results import SectorResult, table_provenance
from pflab.tables import IOTable
from pflab.tables.linalg import coefficients, safe_divide, spectral_radius

__all__ = ["distortion_centrality"]


def _wedge_matrix(
    table: IOTable, wedges: float | Mapping[str, float] | pd.Series | pd.DataFrame
) -> np.ndarray:
    """χ as an n × n purchaser × supplier matrix."""
    n = table.n
    if isinstance(wedges, pd.DataFrame):
        missing = [c for c in table.codes if c not in wedges.index or c not in wedges.columns]
        if missing:
            raise ParameterError("wedges", f"the wedge matrix lacks sectors {missing[:5]}")
        chi = wedges.loc[list(table.codes), list(table.codes)].to_numpy(dtype="float64")
    elif isinstance(wedges, (int, float)):
        chi = np.full((n, n), float(wedges))
    else:
        values = dict(wedges)
        codes = set(table.codes)
        unknown = [c for c in values if str(c) not in codes]
        if unknown:
            raise LookupFailedError(f"sector of {table.label}", str(unknown[0]))
        by_buyer = np.array([float(values.get(c, 0.0)) for c in table.codes])
        chi = np.repeat(by_buyer[:, None], n, axis=1)
    if not np.all(np.isfinite(chi)) or (chi < 0).any() or (chi <= -1).any():
        raise ParameterError("wedges", "wedges must be finite and non-negative")
    return chi


def distortion_centrality(
    table: IOTable, wedges: float | Mapping[str, float] | pd.Series | pd.DataFrame
) -> SectorResult:
    """Liu's (2019) distortion centrality given intermediate-input wedges.

    Parameters
    ----------
    table
        The input–output table (domestic flows).
    wedges
        χ: one number for every purchase, a mapping / Series by purchasing sector, or a
        purchaser × supplier DataFrame.

    Returns
    -------
    SectorResult
        Columns ``xi`` (distortion centrality), ``subsidy_return`` (ξ − 1), ``influence``
        (μ), ``domar`` (γ) and ``factor_share`` (sector's share of factor income).

    Raises
    ------
    pflab.errors.ModelError
        If the wedges make the implied elasticity matrix non-productive or leave some
        sector with negative factor income.
    """
    x = table.x
    omega = coefficients(table.z, x).T  # purchaser i × supplier j revenue shares
    chi = _wedge_matrix(table, wedges)
    sigma = (1.0 + chi) * omega
    radius = spectral_radius(sigma)
    if not radius < 1.0:
        raise ModelError(
            f"with these wedges the elasticity matrix has spectral radius {radius:.4g} ≥ 1; "
            "wedges are too large for this table"
        )
    final = table.f.sum(axis=1)
    if (final < 0).any():
        final = np.maximum(final, 0.0)
    beta = final / final.sum()
    mu = np.linalg.solve((np.eye(table.n) - sigma).T, beta)
    factor = x * (1.0 - sigma.sum(axis=1))  # primary inputs net of dissipated rents
    negative = np.nonzero(factor < -1e-9 * np.abs(x))[0]
    if len(negative):
        code = table.codes[int(negative[0])]
        raise ModelError(f"wedges leave sector {code} with negative factor income")
    wl = float(factor.sum())
    gamma = x / wl
    xi = safe_divide(mu, gamma, fill=np.nan)
    frame = pd.DataFrame(
        {
            "name": table.names,
            "xi": xi,
            "subsidy_return": xi - 1.0,
            "influence": mu,
            "domar": gamma,
            "factor_share": factor / wl,
        },
        index=pd.Index(table.codes, name="sector"),
    )
    mean_chi = float(chi.mean())
    return SectorResult(
        title=f"Distortion centrality (Liu 2019), {table.label}, mean wedge {mean_chi:.3g}",
        frame=frame,
        provenance=table_provenance(
            table,
            "liu-distortion-centrality",
            "ξ_i = μ_i / γ_i with μ' = β'(I − Σ)⁻¹, Σ = (1 + χ)∘Ω, γ = sales / factor income.",
            {"mean_wedge": mean_chi},
        ),
        columns={
            "xi": "distortion centrality: social value of a marginal subsidy dollar",
            "subsidy_return": "ξ − 1, net aggregate return per subsidy dollar",
            "influence": "μ, influence in the undistorted network",
            "domar": "γ, sales over factor income",
            "factor_share": "the sector's share of factor income (weights for which ξ averages 1)",
        },
        notes=(*_zero_output_note(table, xi), *table.notes),
        formats=dict.fromkeys(
            ("xi", "subsidy_return", "influence", "domar", "factor_share"), ".4f"
        ),
    )


def _zero_output_note(table: IOTable, xi: np.ndarray) -> tuple[str, ...]:
    """A note naming sectors whose ξ is undefined (no gross output), if any."""
    undefined = [c for c, v in zip(table.codes, xi, strict=True) if not np.isfinite(v)]
    if not undefined:
        return ()
    return (f"ξ is undefined (—) for sectors without gross output: {', '.join(undefined)}.",)
