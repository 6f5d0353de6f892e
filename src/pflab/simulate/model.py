"""The model: vectorised numpy maths over draws × sectors, one year at a time.

For draw d, sector i and projected year t = 1 … T (notation of docs/simulate.md):

Sector log-TFP (value-added based, relative to the base year)

.. math::

    a_{dit} = μ_{di} t + x_{dit} + [i∈\\mathcal T]\\,(G_{dit} + J_{dit})

Its gross-output equivalent is ``a_i v_i / D_i`` (``v`` value-added share, ``D`` Domar
weight), so the first-order aggregate ``Σ_i D_i (v_i/D_i) a_i = Σ_i v_i a_i`` (Hulten 1978).

* drift ``μ_{di} = g_{A,d} β_i / Σ_j v_j β_j``, so that ``Σ_i v_i μ_{di} = g_{A,d}``;
* noise ``x_{dit} = x_{di,t-1} + σ_d(\\sqrt{1-ρ} e_{dit} + \\sqrt{ρ} c_{dt})``;
* R&D gain ``G_{dit} = ε_d u_{di} \\ln(1 + P_{dit}/S_{dit})`` on the policy knowledge
  stock ``P_{dit} = (1-δ_R) P_{di,t-1} + θ_{d,t-ℓ} w_{di} X_{d,t-ℓ}``, where the effective
  budget ``X = b·Y·(share productive)·(1 + crowd-in)``, research productivity
  ``θ_{dt} = e^{-φ_d t}`` declines as in Bloom, Jones, Van Reenen and Webb (2020), and the
  baseline stock ``S_{dit} = r̄/(g_R+δ_R)·(ω v_i + (1-ω) r_i)·Y^0_{dt}`` (``r_i`` the
  sector's share of the R&D stock, ``ω`` the share of knowledge drawn from the economy-wide
  pool) grows with baseline GDP;
* selection: true return ``u_{di} = e^{ς z_{di} - ς²/2}``, signal
  ``s_{di} = ρ_{sel} z_{di} + \\sqrt{1-ρ_{sel}^2} η_{di}``, allocation
  ``w_{di} ∝ π_i e^{τ s_{di}}``;
* breakthroughs ``J_{dit} = Σ_{τ≤t} B_{diτ} Z_{diτ}`` with
  ``B ~ Bernoulli(min(p_max, p_b \\log_2(1 + P/S)))`` (``p_b`` is the annual probability
  once the policy has doubled the sector's knowledge stock) and ``Z`` truncated Pareto on
  ``[z_min, z_cap]`` with tail index α_P.

Aggregate TFP, first order (Hulten 1978): ``ln A_t − ln A_0 = Σ_i D_i a^{GO}_{it}``;
second order (Baqaee and Farhi 2019) adds ``½ a^{GOᵀ} H a^{GO}`` with ``H`` over
gross-output TFP in GDP units: by default ``κ ∂λ̃/∂ln A`` of the network layer's nested-CES
economy on the same table (:meth:`pflab.simulate.sectors.SectorStructure.hessian`).

GDP (Solow; World Bank LTGM, Loayza and Pennings 2018), with ``Y_0 = 1``:

.. math::

    K_t = (1-δ) K_{t-1} + (s_{t-1} - \\text{diversion}_{t-1}) Y_{t-1}, \\qquad
    Y_t = \\frac{A_t}{A_0} \\left(\\frac{K_t}{K_0}\\right)^{1-α} e^{α (g_h + g_L) t}

Value-added shares shift with relative prices under a CES aggregate with elasticity
``σ_c`` (Baumol 1967; Ngai and Pissarides 2007): ``v_{it} ∝ v_{i0} e^{(σ_c − 1) a_{it}}``.
Every draw also carries its counterfactual without the policy (same random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.linalg.blas import sgemm

from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.streams import Streams

__all__ = [
    "BlockOutput",
    "draw_parameters",
    "draw_random_numbers",
    "simulate_block",
    "solow_path",
]

F32 = np.float32
#: Final year of the investment-rate path parameter ``investment_rate_2050_ratio``.
S_PATH_YEAR = 2050


@dataclass
class BlockOutput:
    """Paths of one block of draws (``n`` draws, ``T`` years; index 0 = base year).

    Attributes are log levels relative to the base year unless named otherwise.
    """

    log_gdp: NDArray[np.float64]  # (n, T+1)
    log_gdp_cf: NDArray[np.float64]  # (n, T+1) counterfactual without policy
    log_tfp: NDArray[np.float64]  # (n, T+1)
    log_tfp_cf: NDArray[np.float64]  # (n, T+1)
    log_pop: NDArray[np.float64]  # (n, T+1)
    manufacturing: NDArray[np.float64]  # (n, T) value-added share
    share_sums: NDArray[np.float64]  # (T, N) sum over draws of VA shares
    breakthroughs: NDArray[np.int64]  # (n,) number of breakthroughs
    params: dict[str, NDArray[np.float64]]


def draw_parameters(model: CompiledModel, streams: Streams) -> dict[str, NDArray[np.float64]]:
    """Draw every parameter for the block by inverse transform of its own uniforms."""
    out: dict[str, NDArray[np.float64]] = {}
    for name, dist in model.distributions.items():
        if dist.uncertain:
            out[name] = dist.ppf(streams.uniforms(name))
        else:
            out[name] = np.full(streams.n, dist.value)
    return out


def _investment_rate(p: dict[str, NDArray[np.float64]], model: CompiledModel, t: int) -> Any:
    """Investment rate in year ``base + t``: linear from ``s_0`` to ``s_0·ratio`` in 2050."""
    span = S_PATH_YEAR - model.base_year
    return p["investment_rate"] * (1.0 + (p["investment_rate_2050_ratio"] - 1.0) * t / span)


def _truncated_pareto(
    u: NDArray[np.float64], alpha: NDArray[np.float64], lo: NDArray[np.float64], hi: Any
) -> NDArray[np.float64]:
    """Inverse CDF of the Pareto law with index α truncated to ``[lo, hi]``.

    ``F(z) = (1 − (lo/z)^α) / (1 − (lo/hi)^α)`` ⇒ ``z = lo (1 − u(1 − (lo/hi)^α))^{−1/α}``.
    """
    r = (lo / hi) ** alpha
    return np.asarray(lo * (1.0 - u * (1.0 - r)) ** (-1.0 / alpha))


class _Policy:
    """State of the policy over one block: knowledge stocks, breakthroughs, budgets.

    Arrays are target-major ``(K, n)``. The knowledge stock is kept in units of the
    sector's baseline stock per unit of baseline GDP (``P/κ``), so that the ratio
    ``P/S = (P/κ)/Y^0`` costs one multiplication a year; the per-year arithmetic on
    these arrays is single precision (its rounding, ~1e-7 of the policy's gain, is far
    below Monte Carlo error).
    """

    def __init__(
        self, model: CompiledModel, streams: Streams, p: dict[str, NDArray[np.float64]]
    ) -> None:
        n, T = streams.n, model.T
        tidx = model.targets
        K = len(tidx)
        self.n, self.K = n, K
        va = model.va_share
        b = p["budget.share_of_gdp"]
        share = p["mechanism.share_productive"]
        crowd = p["mechanism.crowd_in"]
        lag = np.maximum(p["mechanism.lag"], 1.0)
        lag_whole = np.floor(lag).astype(np.int64)
        self.lag, self.lag_frac = lag, lag - lag_whole
        self.phi = p["research_productivity_decline"]
        # effective budget X by year, after `pad` rows of zeros (years before the base)
        pad = int(lag_whole.max()) + 1
        self.effective = np.zeros((pad + T + 1, n))
        self.pad = pad
        self.spend = b * share * (1.0 + crowd)  # X_t / Y_t
        self.divert_rate = b * (float(model.budget_from_investment) + crowd * share)
        if model.budget_active[0]:
            self.effective[pad] = self.spend
        rows = np.arange(n)
        # flat index of year t − ⌊lag⌋ is i_now + t·n; of the year before it, i_now − n + t·n
        self.i_now = (pad - lag_whole) * n + rows
        z, eta = (a.T.copy() for a in streams.selection(K))
        disp = p["return_dispersion"][None, :]
        ret = np.exp(disp * z - 0.5 * disp**2)
        rsel = np.clip(p["mechanism.selection"], -1.0, 1.0)[None, :]
        signal = rsel * z + np.sqrt(1.0 - rsel**2) * eta
        logw = np.log(model.prior)[:, None] + p["allocation_concentration"][None, :] * signal
        w = np.exp(logw - logw.max(axis=0, keepdims=True))
        w /= w.sum(axis=0, keepdims=True)
        self.eff = p["rd_elasticity"][None, :] * ret  # ε_d u_di
        pool = p["knowledge_pool_share"][None, :]
        base_share = pool * va[tidx][:, None] + (1.0 - pool) * model.rd_share[tidx][:, None]
        kappa = (
            p["baseline_rd_intensity"] / (p["baseline_rd_growth"] + p["knowledge_depreciation"])
        )[None, :] * base_share
        self.w_kappa = (w / kappa).astype(F32)
        self.keep = (1.0 - p["knowledge_depreciation"]).astype(F32)
        self.pb = (p["breakthrough_probability"] / np.log(2.0)).astype(F32)
        self.pmax = p["breakthrough_max_probability"].astype(F32)
        self.tail, self.zmin, self.zcap = (
            p["breakthrough_tail"],
            p["breakthrough_min"],
            p["breakthrough_cap"],
        )
        self.v_t = va[tidx]
        self.elast = p["substitution_elasticity"] - 1.0
        self.v_eff = (self.v_t[:, None] * self.eff).astype(F32)  # v_i ε u_i: Σ_i v_i G_i
        self.el_eff = (self.elast[None, :] * self.eff).astype(F32)  # (σ_c − 1) ε u_i
        self.stock = np.zeros((K, n), dtype=F32)  # P/κ
        self.lr = np.empty((K, n), dtype=F32)  # ln(1 + P/S)
        self.tmp = np.empty((K, n), dtype=F32)
        self.hits = np.empty((K, n), dtype=np.bool_)
        self.jumps = np.zeros((K, n))  # J, cumulated breakthrough sizes
        self.el_jumps = np.zeros((K, n), dtype=F32)  # (σ_c − 1) J
        self.jump_tfp = np.zeros(n)  # Σ_i v_i J_i
        self.n_breaks = np.zeros(n, dtype=np.int64)

    def knowledge(self, t: int, y_cf: NDArray[np.float64]) -> None:
        """Update the stocks for year ``t`` and set ``lr = ln(1 + P/S)``."""
        flat = self.effective.ravel()
        idx = self.i_now + t * self.n
        x_lag = (1.0 - self.lag_frac) * np.take(flat, idx)
        x_lag += self.lag_frac * np.take(flat, idx - self.n)
        tx = (np.exp(-self.phi * (t - self.lag)) * x_lag).astype(F32)  # θ_{t−ℓ} X_{t−ℓ}
        self.stock *= self.keep
        np.multiply(self.w_kappa, tx, out=self.tmp)
        self.stock += self.tmp
        np.multiply(self.stock, (1.0 / y_cf).astype(F32), out=self.lr)
        np.log1p(self.lr, out=self.lr)

    def breakthroughs(self, streams: Streams) -> None:
        """Draw this year's breakthroughs and add their sizes to ``J``."""
        prob = self.tmp
        np.multiply(self.lr, self.pb, out=prob)
        np.minimum(prob, self.pmax, out=prob)
        np.less(streams.trials(self.K), prob, out=self.hits)
        where = np.flatnonzero(self.hits)
        if where.size:
            di = where % self.n
            ji = where // self.n
            size = _truncated_pareto(
                streams.sizes(self.hits), self.tail[di], self.zmin[di], self.zcap[di]
            )
            self.jumps.ravel()[where] += size
            self.el_jumps.ravel()[where] = (self.elast[di] * self.jumps.ravel()[where]).astype(F32)
            self.jump_tfp += np.bincount(di, weights=self.v_t[ji] * size, minlength=self.n)
            self.n_breaks += np.bincount(di, minlength=self.n)

    def tfp_gain(self) -> NDArray[np.float64]:
        """``Σ_i v_i (G_i + J_i)``, the first-order gain in aggregate log TFP."""
        pol: NDArray[np.float64] = np.einsum("kn,kn->n", self.v_eff, self.lr).astype(np.float64)
        pol += self.jump_tfp
        return pol

    def gain(self) -> NDArray[np.float64]:
        """``G + J`` per target and draw, in double precision (second-order aggregation)."""
        return np.asarray(self.eff * self.lr + self.jumps)

    def share_exponent(self, out: NDArray[np.float32]) -> None:
        """``(σ_c − 1)(G + J)`` per target and draw, written to ``out`` ``(K, n)``."""
        np.multiply(self.el_eff, self.lr, out=out)
        out += self.el_jumps

    def spend_and_divert(self, t: int, y: NDArray[np.float64], active: bool) -> NDArray[np.float64]:
        """Record year ``t``'s effective budget; return next year's diverted investment."""
        if not active:
            return np.zeros(self.n)
        self.effective[self.pad + t] = self.spend * y
        return np.asarray(self.divert_rate * y)


def simulate_block(
    model: CompiledModel,
    streams: Streams,
    params: dict[str, NDArray[np.float64]] | None = None,
) -> BlockOutput:
    """Simulate one block of draws.

    Sector arrays are sector-major ``(N, n)`` in single precision (the noise and the
    value-added shares); aggregate TFP, capital and output are double precision, so the
    deterministic path is exact to rounding. The value-added share numerator
    ``v_i0 e^{(σ_c − 1) a_i}`` leaves out the common shock, which is the same for every
    sector and cancels in the shares.

    Parameters
    ----------
    model
        The compiled scenario.
    streams
        The block's random numbers (``streams.n`` draws).
    params
        Parameter values per draw (default: drawn from ``streams``; sensitivity designs
        pass their own).

    Returns
    -------
    BlockOutput
        Paths with and without the policy for every draw.
    """
    n, T, N = streams.n, model.T, model.N
    p = draw_parameters(model, streams) if params is None else params
    pol = _Policy(model, streams, p) if model.has_policy else None
    tidx = model.targets
    K = len(tidx) if pol is not None else 0

    g_a = p["tfp_drift"]
    alpha = p["labour_share"]
    delta = p["depreciation"]
    g_lh = p["labour_growth"] + p["human_capital_growth"]
    sig = p["sector_noise_sd"]
    rho = np.clip(p["sector_noise_correlation"], 0.0, 1.0)
    sd_idio = sig * np.sqrt(1.0 - rho)
    sd_common = sig * np.sqrt(rho)
    elast = p["substitution_elasticity"] - 1.0
    va = model.va_share
    w32 = va.astype(F32)  # Σ D_i (v_i/D_i) a_i = Σ v_i a_i
    weight_sum = float(va.sum())
    to_go = np.divide(va, model.domar, out=np.zeros(N), where=model.domar > 0)
    hess = model.hessian
    # exponent of the value-added share numerator, (σ_c−1)·a_i + ln v_i0 without the
    # common shock, is c1 ⊙ xu + basis @ coef with basis = [drift, ln v_0, e_target…]
    # and coef = [(σ_c−1) g_A t, 1, (σ_c−1)(G + J)…], accumulated by one sgemm
    lnva = np.log(np.maximum(va, 1e-30))  # sectors without value added keep a share of ~0
    basis = np.zeros((N, 2 + K), dtype=F32)
    basis[:, 0] = model.drift_unit
    basis[:, 1] = lnva
    basis[tidx[:K], 2 + np.arange(K)] = 1.0
    coef = np.empty((2 + K, n), dtype=F32)
    coef[1] = 1.0
    el_ga = elast * g_a
    c1 = (elast * sd_idio).astype(F32)
    sums = np.stack([np.ones(N), model.manufacturing.astype(np.float64)]).astype(F32)  # (2, N)

    xu = np.zeros((N, n), dtype=F32)  # cumulated unit idiosyncratic shocks
    cum_common = np.zeros(n)
    buf = np.empty((N, n), dtype=F32)  # this year's shocks, then the share numerators
    # year-major while filling (contiguous rows), transposed to (n, years) at the end
    log_gdp = np.zeros((T + 1, n))
    log_gdp_cf = np.zeros((T + 1, n))
    log_tfp = np.zeros((T + 1, n))
    log_tfp_cf = np.zeros((T + 1, n))
    manufacturing = np.zeros((T, n))
    share_sums = np.zeros((T, N))
    y = np.ones(n)
    y_cf = np.ones(n)
    k = np.full(n, model.capital_output)
    k_cf = k.copy()
    k0 = model.capital_output
    diverted = np.zeros(n)
    if pol is not None and model.budget_active[0]:
        diverted = pol.divert_rate.copy()

    for t in range(1, T + 1):
        # sector noise x = σ(√(1−ρ) Σe + √ρ Σc): cumulate unit shocks, scale when used
        streams.noise_into(buf)
        xu += buf
        cum_common += streams.common()
        dtfp_cf = (
            g_a * t + sd_idio * (w32 @ xu).astype(np.float64) + sd_common * cum_common * weight_sum
        )
        if pol is not None:
            pol.knowledge(t, y_cf)
            pol.breakthroughs(streams)
            dtfp = dtfp_cf + pol.tfp_gain()
        else:
            dtfp = dtfp_cf
        if hess is not None:
            full = (
                np.multiply.outer(model.drift_unit, g_a * t) + xu * sd_idio + sd_common * cum_common
            ) * to_go[:, None]
            second_cf = 0.5 * np.einsum("in,ij,jn->n", full, hess, full)
            if pol is not None:
                full[tidx] += pol.gain() * to_go[tidx][:, None]
                dtfp = dtfp + 0.5 * np.einsum("in,ij,jn->n", full, hess, full)
            else:
                dtfp = dtfp + second_cf
            dtfp_cf = dtfp_cf + second_cf
        log_tfp[t] = dtfp
        log_tfp_cf[t] = dtfp_cf

        # capital and output
        s_prev = _investment_rate(p, model, t - 1)
        k = (1.0 - delta) * k + (s_prev - diverted) * y
        k_cf = (1.0 - delta) * k_cf + s_prev * y_cf
        labour = alpha * g_lh * t
        log_gdp[t] = dtfp + (1.0 - alpha) * np.log(k / k0) + labour
        log_gdp_cf[t] = dtfp_cf + (1.0 - alpha) * np.log(k_cf / k0) + labour
        y = np.exp(log_gdp[t])
        y_cf = np.exp(log_gdp_cf[t])
        if pol is not None:
            diverted = pol.spend_and_divert(t, y, bool(model.budget_active[t]))

        # value-added shares v_i ∝ v_i0 exp((σ_c − 1) a_i)
        coef[0] = el_ga * t
        if pol is not None:
            pol.share_exponent(coef[2:])
        np.multiply(xu, c1, out=buf)
        sgemm(1.0, coef.T, basis.T, beta=1.0, c=buf.T, overwrite_c=1)  # buf += basis @ coef
        np.exp(buf, out=buf)
        tot_manu = sums @ buf
        inv_total = 1.0 / tot_manu[0]
        manufacturing[t - 1] = tot_manu[1] * inv_total
        share_sums[t - 1] = buf @ inv_total

    log_pop = np.multiply.outer(p["population_growth"], np.arange(T + 1, dtype=np.float64))
    return BlockOutput(
        log_gdp=np.ascontiguousarray(log_gdp.T),
        log_gdp_cf=np.ascontiguousarray(log_gdp_cf.T),
        log_tfp=np.ascontiguousarray(log_tfp.T),
        log_tfp_cf=np.ascontiguousarray(log_tfp_cf.T),
        log_pop=log_pop,
        manufacturing=np.ascontiguousarray(manufacturing.T),
        share_sums=share_sums,
        breakthroughs=np.zeros(n, dtype=np.int64) if pol is None else pol.n_breaks,
        params=p,
    )


def draw_random_numbers(model: CompiledModel, streams: Streams) -> float:
    """Draw the random numbers :func:`simulate_block` consumes, and do nothing else.

    This is the floor of any exact Monte Carlo of the model (the benchmark times it):
    parameters, selection signals, and per year the sector shocks, the common shock and
    the breakthrough trials. Breakthrough sizes, drawn only for the few trials that
    succeed (a handful per draw over the horizon), are left out. The return value only
    keeps the work from being optimised away.
    """
    total = 0.0
    p = draw_parameters(model, streams)
    K = len(model.targets)
    if model.has_policy:
        z, _ = streams.selection(K)
        total += float(z[0, 0]) if K else 0.0
    shock = np.empty((model.N, streams.n), dtype=F32)
    for _ in range(model.T):
        streams.noise_into(shock)
        total += float(shock[0, 0])
        total += float(streams.common()[0])
        if model.has_policy:
            trial = streams.trials(K)
            total += float(trial[0, 0]) if K else 0.0
    return total + float(p["tfp_drift"][0])


def solow_path(
    dlog_tfp: NDArray[np.float64],
    investment_rate: NDArray[np.float64],
    depreciation: NDArray[np.float64],
    labour_share: NDArray[np.float64],
    dlog_labour: NDArray[np.float64],
    dlog_hc: NDArray[np.float64],
    capital_output: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Output and capital paths of the one-sector growth model for given inputs.

    For t = 1 … T (``Y_0 = 1``, ``K_0 = capital_output``), with Törnqvist labour shares
    ``ᾱ_t`` (``labour_share`` has T+1 entries, years 0 … T):

    .. math::

        K_t = (1-δ_t) K_{t-1} + s_{t-1} Y_{t-1}, \\qquad
        Δ\\ln Y_t = Δ\\ln A_t + (1-ᾱ_t) Δ\\ln K_t + ᾱ_t (Δ\\ln L_t + Δ\\ln h_t)

    With a constant share this is ``Y = A K^{1−α} (hL)^α`` (Solow 1956; the World Bank
    LTGM growth identity, Loayza and Pennings 2018). Used to backcast history from
    observed inputs and as an independent check of :func:`simulate_block`.

    Parameters
    ----------
    dlog_tfp, dlog_labour, dlog_hc, depreciation
        Length-T arrays for years 1 … T.
    investment_rate
        Length-T array for years 0 … T−1 (investment that becomes next year's capital).
    labour_share
        Length-T+1 array for years 0 … T.
    capital_output
        ``K_0 / Y_0``.

    Returns
    -------
    (log_gdp, log_capital)
        Length-T+1 arrays of ``ln(Y_t/Y_0)`` and ``ln K_t``.
    """
    T = len(dlog_tfp)
    share = np.asarray(labour_share, dtype=np.float64)
    log_y = np.zeros(T + 1)
    log_k = np.zeros(T + 1)
    log_k[0] = np.log(capital_output)
    k, y = capital_output, 1.0
    for t in range(1, T + 1):
        k_new = (1.0 - depreciation[t - 1]) * k + investment_rate[t - 1] * y
        a_bar = 0.5 * (share[t] + share[t - 1])
        dlk = np.log(k_new) - np.log(k)
        log_y[t] = (
            log_y[t - 1]
            + dlog_tfp[t - 1]
            + (1.0 - a_bar) * dlk
            + a_bar * (dlog_labour[t - 1] + dlog_hc[t - 1])
        )
        k, y = k_new, float(np.exp(log_y[t]))
        log_k[t] = np.log(k)
    return log_y, log_k
