"""Beyond Hulten: second-order and exact aggregate responses in a nested-CES network.

The economy (Baqaee & Farhi 2019, §4–5) is calibrated to a table's domestic flows:

- final demand is a CES aggregate of the domestic goods with elasticity θ and weights
  b_i = f_i / Σ f (domestic final use, exports included);
- sector i produces y_i = A_i · CES_σ(V_i, X_i) from a primary input V_i (value added,
  imported inputs and other primary inputs together, cost share a_i) and an
  intermediate bundle X_i = CES_ε(x_i1, …, x_in) of domestic goods (shares ω_ij);
- primary inputs are in fixed supply: one economy-wide factor (``factors="mobile"``,
  factors reallocate freely) or one factor per sector (``"specific"``, the short run).

Nominal final expenditure E is the numeraire. Real output Y (real final expenditure)
responds to log productivity shocks d to first order as Σ λ̃_i d_i with λ̃ = x / E
(Hulten), and to second order as

    Δ log Y ≈ λ̃'d + ½ d' (∂λ̃/∂log A) d,

where the response of the Domar weights of all nodes k (sectors, bundles, factors) is
(Baqaee & Farhi 2019, Proposition 3 and eq. 11)

    dλ_k = Σ_j λ_j (θ_j − 1) Cov_{Ω(j)}(Ψ d − Ψ_F d log Λ_F, Ψ_(k)),

Ω the expenditure-share matrix of the nodes, Ψ = (I − Ω)⁻¹, θ_j the node's elasticity
and Cov_{Ω(j)}(X, Y) = Σ_m Ω_jm X_m Y_m − (Σ_m Ω_jm X_m)(Σ_m Ω_jm Y_m); the factor
shares Λ_F solve the linear system these equations imply for the factor nodes.
:func:`exact_response` solves the nonlinear equilibrium itself (prices by fixed point,
factor prices by a root finder), which the second-order term approximates with an
error of third order.

The table's GDP (value added) is smaller than E by imported intermediates and other
primary inputs. Holding those fixed in real terms, Δ GDP = Δ E in real terms, so
responses are reported in GDP units by the factor κ = E / GDP; then κλ̃ = gross
output / GDP, the Domar weights of :func:`pflab.network.domar_weights`.

Reference
---------
Baqaee, D. R. and Farhi, E. (2019), "The Macroeconomic Impact of Microeconomic Shocks:
Beyond Hulten's Theorem", *Econometrica* 87(4): 1155–1203.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.optimize as so

from pflab.errors import ModelError, ParameterError
from pflab.tables import IOTable
from pflab.tables.linalg import safe_divide

__all__ = [
    "DEFAULT_ELASTICITIES",
    "CESEconomy",
    "domar_jacobian",
    "exact_response",
    "second_order",
]

#: Benchmark elasticities: final demand θ, value added vs intermediates σ, among
#: intermediates ε. Baqaee & Farhi's business-cycle calibration uses values of this kind
#: (θ = 0.9, σ = 0.5, ε = 0.001, drawing on Atalay 2017); pflab takes them as
#: defaults and every command lets the user change them.
DEFAULT_ELASTICITIES = {"theta": 0.9, "sigma": 0.5, "epsilon": 0.001}

Factors = Literal["mobile", "specific"]


def _log_ces(shares: np.ndarray, log_prices: np.ndarray, elasticity: float) -> np.ndarray:
    """Row-wise log of the CES price index (Σ_j s_j p_j^{1−e})^{1/(1−e)}; geometric at e = 1."""
    if abs(1.0 - elasticity) < 1e-12:
        return np.asarray(shares @ log_prices)
    rho = 1.0 - elasticity
    top = float(np.max(rho * log_prices)) if log_prices.size else 0.0
    inner = shares @ np.exp(rho * log_prices - top)
    with np.errstate(divide="ignore"):
        return np.asarray((np.log(np.where(inner > 0, inner, np.nan)) + top) / rho)


@dataclass(frozen=True)
class CESEconomy:
    """A nested-CES production network calibrated to an input–output table.

    Attributes
    ----------
    codes, names
        The sectors kept (sectors with zero gross output are dropped).
    primary
        a_i, the cost share of the primary input.
    bundle
        ω, n × n: within-bundle shares of sector i's domestic intermediates (rows sum to
        one, or zero for a sector without domestic inputs).
    final
        b, domestic final-use shares (sum to one).
    theta, sigma, epsilon
        Elasticities of final demand, between primary input and bundle, within the bundle.
    factors
        ``"mobile"`` or ``"specific"``.
    kappa
        E / GDP, the conversion from final-expenditure to GDP units.
    domar
        λ̃ = x / E for the sectors.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    primary: np.ndarray
    bundle: np.ndarray
    final: np.ndarray
    theta: float
    sigma: float
    epsilon: float
    factors: Factors
    kappa: float
    domar: np.ndarray

    @classmethod
    def from_table(
        cls,
        table: IOTable,
        *,
        theta: float = DEFAULT_ELASTICITIES["theta"],
        sigma: float = DEFAULT_ELASTICITIES["sigma"],
        epsilon: float = DEFAULT_ELASTICITIES["epsilon"],
        factors: Factors = "mobile",
    ) -> CESEconomy:
        """Calibrate the economy to a table's domestic flows.

        Raises
        ------
        pflab.errors.ParameterError
            If an elasticity is not positive or ``factors`` is unknown.
        pflab.errors.ModelError
            If a sector has no primary input (its cost share would be 0 or negative).
        """
        for name, value in (("theta", theta), ("sigma", sigma), ("epsilon", epsilon)):
            if not value > 0:
                raise ParameterError(name, f"elasticities must be positive, got {value}")
        if factors not in ("mobile", "specific"):
            raise ParameterError("factors", f"{factors!r}; expected mobile or specific")
        x_all = table.x
        keep = np.nonzero(x_all > 0)[0]
        x = x_all[keep]
        z = table.z[np.ix_(keep, keep)]
        inputs = z.sum(axis=0)
        primary = 1.0 - inputs / x
        bad = np.nonzero(primary <= 1e-12)[0]
        if len(bad):
            code = table.codes[int(keep[bad[0]])]
            raise ModelError(
                f"sector {code} has no primary input (domestic inputs ≥ output); "
                "the CES network needs a positive primary cost share"
            )
        bundle = safe_divide(z.T, inputs[:, None])
        final_use = x - z.sum(axis=1)
        expenditure = float(final_use.sum())
        if not expenditure > 0:
            raise ModelError(f"{table.label}: domestic final use is not positive")
        return cls(
            codes=tuple(table.codes[i] for i in keep),
            names=tuple(table.names[i] for i in keep),
            primary=primary,
            bundle=bundle,
            final=final_use / expenditure,
            theta=float(theta),
            sigma=float(sigma),
            epsilon=float(epsilon),
            factors=factors,
            kappa=expenditure / table.gdp,
            domar=x / expenditure,
        )

    @property
    def n(self) -> int:
        """Number of sectors in the model."""
        return len(self.codes)

    def shock_vector(self, table_codes: tuple[str, ...], d: np.ndarray) -> np.ndarray:
        """Restrict a table-ordered d log A vector to the model's sectors."""
        position = {c: i for i, c in enumerate(table_codes)}
        return np.array([d[position[c]] for c in self.codes])

    # -- exact equilibrium ----------------------------------------------------------------

    def log_prices(self, d: np.ndarray, log_wages: np.ndarray) -> np.ndarray:
        """Equilibrium log prices (relative to nominal E) given productivity and factor prices."""
        p = np.zeros(self.n)
        has_bundle = self.bundle.sum(axis=1) > 0
        a = self.primary
        rho = 1.0 - self.sigma
        for _ in range(20000):
            log_px = np.where(has_bundle, _log_ces(self.bundle, p, self.epsilon), 0.0)
            if abs(rho) < 1e-12:
                new = -d + a * log_wages + (1.0 - a) * log_px
            else:
                top = np.maximum(log_wages, log_px) * rho
                inner = a * np.exp(rho * log_wages - top) + (1.0 - a) * np.exp(rho * log_px - top)
                new = -d + (np.log(inner) + top) / rho
            if np.max(np.abs(new - p)) < 1e-14:
                return new
            p = new
        raise ModelError("the CES price system did not converge")

    def _state(self, d: np.ndarray, log_wages: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """log Y, sector sales (nominal E = 1) and primary payments by sector."""
        p = self.log_prices(d, log_wages)
        log_py = float(_log_ces(self.final[None, :], p, self.theta)[0])
        rho_t, rho_s, rho_e = 1.0 - self.theta, 1.0 - self.sigma, 1.0 - self.epsilon
        b = self.final * np.exp(rho_t * (p - log_py))
        b = b / b.sum()
        has_bundle = self.bundle.sum(axis=1) > 0
        log_px = np.where(has_bundle, _log_ces(self.bundle, p, self.epsilon), 0.0)
        wa = self.primary * np.exp(rho_s * log_wages)
        wx = (1.0 - self.primary) * np.exp(rho_s * log_px)
        alpha = wa / (wa + wx)
        within = self.bundle * np.exp(rho_e * p)[None, :]
        totals = within.sum(axis=1, keepdims=True)
        within = safe_divide(within, totals)
        g = (1.0 - alpha)[:, None] * within
        sales = np.linalg.solve(np.eye(self.n) - g.T, b)
        return -log_py, sales, alpha * sales


def exact_response(economy: CESEconomy, d: np.ndarray) -> tuple[float, np.ndarray]:
    """Exact Δ log Y (model units) and the new Domar weights after log shocks ``d``.

    With mobile factors the factor price is the numeraire; with specific factors the
    factor prices solve market clearing (Powell's hybrid method), normalised so that
    nominal final expenditure is unchanged.
    """
    n = economy.n
    if economy.factors == "mobile":
        log_y, sales, _ = economy._state(d, np.zeros(n))
        return log_y, sales
    base = economy.domar * economy.primary  # initial factor shares Λ_f

    def residual(u: np.ndarray) -> np.ndarray:
        _, _, pay = economy._state(d, u)
        out = np.empty(n)
        out[:-1] = np.log(np.maximum(pay[:-1], 1e-300)) - np.log(base[:-1]) - u[:-1]
        out[-1] = np.log(np.sum(base * np.exp(u)))
        return out

    guess = factor_price_guess(economy, d)
    jacobian = _factor_jacobian(economy)
    solution = so.root(
        residual, guess, jac=lambda u: jacobian, method="hybr", options={"xtol": 1e-13}
    )
    if np.max(np.abs(residual(solution.x))) > 1e-10:
        raise ModelError(f"factor markets did not clear: {solution.message}")
    log_y, sales, _ = economy._state(d, solution.x)
    return log_y, sales


def _nodes(economy: CESEconomy) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, slice]:
    """Expanded node system: Ω (N × N), final shares b, elasticities θ, factor slice."""
    n = economy.n
    f = n if economy.factors == "specific" else 1
    size = 2 * n + f
    omega = np.zeros((size, size))
    sectors = np.arange(n)
    factor_of = 2 * n + (sectors if economy.factors == "specific" else np.zeros(n, dtype=int))
    omega[sectors, factor_of] = economy.primary
    omega[sectors, n + sectors] = 1.0 - economy.primary
    omega[n : 2 * n, :n] = economy.bundle
    b = np.zeros(size)
    b[:n] = economy.final
    thetas = np.concatenate([np.full(n, economy.sigma), np.full(n, economy.epsilon), np.ones(f)])
    return omega, b, thetas, np.linalg.inv(np.eye(size) - omega), slice(2 * n, 2 * n + f)


def factor_price_guess(economy: CESEconomy, d: np.ndarray) -> np.ndarray:
    """First-order log factor-price changes d log Λ_F (specific factors), a root-finder start."""
    return _linear(economy, d)[3]


def _factor_jacobian(economy: CESEconomy) -> np.ndarray:
    """Jacobian of the market-clearing residual at the base equilibrium (linearised)."""
    omega, b, thetas, psi, factors = _nodes(economy)
    n = economy.n
    lam = b @ psi
    rows = np.vstack([omega, b])
    weights = np.concatenate([lam * (thetas - 1.0), [economy.theta - 1.0]])
    bar = rows.T @ weights
    psi_f = psi[:, factors]
    lam_f = lam[factors]
    cross = psi_f.T @ (bar[:, None] * psi_f) - (rows @ psi_f).T @ (
        weights[:, None] * (rows @ psi_f)
    )
    # d log pay_f / d u_g = −C[f, g] / Λ_f  (the payment share responds to factor prices)
    jac = -(cross.T / lam_f[:, None]) - np.eye(n)
    jac[-1] = lam_f
    return jac


def second_order(economy: CESEconomy, d: np.ndarray) -> tuple[float, float, np.ndarray]:
    """First- and second-order Δ log Y (model units) and dλ̃ of the sectors for shocks ``d``.

    Returns
    -------
    tuple
        ``(first, second, dlambda)``: λ̃'d, λ̃'d + ½ dλ̃'d, and the sectors' Domar-weight
        responses dλ̃ along d.
    """
    first, second, dlam, _ = _linear(economy, d)
    return first, second, dlam


def domar_jacobian(economy: CESEconomy) -> np.ndarray:
    """J[k, l] = ∂λ̃_k / ∂log A_l for the sectors: the Hessian of log Y (model units).

    Δ log Y ≈ λ̃'d + ½ d'J d for any shock vector d; J is symmetric (it is a Hessian),
    and κ J is the Hessian in GDP units (κ = :attr:`CESEconomy.kappa`).
    """
    return _linear(economy, np.eye(economy.n))[2]


def _linear(economy: CESEconomy, d: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
    """First order, second order, dλ̃ (sectors) and factor-share changes for shocks d.

    ``d`` may be a matrix (sectors × shocks): then dλ̃ has one column per shock.
    """
    n = economy.n
    omega, b, thetas, psi, factors = _nodes(economy)
    lam = b @ psi
    rows = np.vstack([omega, b])
    weights = np.concatenate([lam * (thetas - 1.0), [economy.theta - 1.0]])
    bar = rows.T @ weights

    def cov(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Σ_j w_j Cov_{Ω(j)}(x, y_k) for every column k of y (x: vector or matrix)."""
        if x.ndim == 1:
            return (bar * x) @ y - ((rows @ x) * weights) @ (rows @ y)
        return x.T @ (bar[:, None] * y) - (rows @ x).T @ (weights[:, None] * (rows @ y))

    d_full = np.zeros((len(b), *d.shape[1:]))
    d_full[:n] = d
    x_a = psi @ d_full
    psi_f = psi[:, factors]
    lam_f = lam[factors]
    system = np.diag(lam_f) + cov(psi_f, psi_f).T
    delta = np.linalg.solve(system, cov(x_a, psi_f).T if d.ndim == 2 else cov(x_a, psi_f))
    x_total = x_a - psi_f @ delta
    if d.ndim == 2:
        dlam = cov(x_total, psi).T[:n]
        return float("nan"), float("nan"), dlam, delta
    dlam = cov(x_total, psi)[:n]
    first = float(lam[:n] @ d)
    return first, first + 0.5 * float(dlam @ d), dlam, delta
