"""The policy's side of the model kernel: knowledge stocks, R&D gains and breakthroughs.

For draw d and targeted sector i (notation of docs/simulate.md), research productivity
``θ_{dt} = e^{−φ_d t}`` declines for all R&D alike (Bloom, Jones, Van Reenen and Webb
2020). The baseline stock is ``K⁰_{dit} = π_{di} k_{dt}`` with the per-draw recursion
``k_{dt} = (1−δ_R) k_{d,t−1} + θ_{d,t−1} r̄ Y⁰_{d,t−1}`` from its steady state; the policy
stock is ``P_{dit} = A_i w_{di} Q_{dt}`` with
``Q_{dt} = (1−δ_R) Q_{d,t−1} + θ_{d,t−ℓ} X^R_{d,t−ℓ}`` (``A`` absorptive capacity, ``w``
the allocation, ``X^R`` the R&D part of the effective budget). The ratio that drives
the gain, ``P/(s K⁰)``, is ``(A w / (s π))_{di} · Q_{dt}/k_{dt}``: one multiplication per
target and draw a year. The gain is ``G = s ε u ln(1 + P/(s K⁰))`` and breakthroughs
``J`` (sizes ``s Z``) arrive with probability ``min(p_max, p_b log_2(1 + P/(s K⁰)))``.
The ``(K, n)`` arrays (targets × draws) are single precision; their rounding (about 1e-7
of the policy's gain) is far below Monte Carlo error.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.sectors import ELASTICITY_GROUPS
from pflab.simulate.streams import Streams

__all__ = ["PolicyState", "aligned_empty", "truncated_pareto"]

F32 = np.float32
_ALIGN = 64  # bytes: one cache line, one AVX-512 register


def aligned_empty(shape: tuple[int, ...], dtype: Any = F32) -> NDArray[Any]:
    """An uninitialised C-ordered array whose data start on a 64-byte boundary.

    numpy's large allocations start 16 bytes past a page boundary; vector stores into
    such an array straddle cache lines, which made the kernel's sector-major
    element-wise passes up to 1.6× slower here.
    """
    dt = np.dtype(dtype)
    nbytes = int(np.prod(shape)) * dt.itemsize
    raw = np.empty(nbytes + _ALIGN, dtype=np.uint8)
    start = (-raw.ctypes.data) % _ALIGN
    return raw[start : start + nbytes].view(dt).reshape(shape)


def truncated_pareto(
    u: NDArray[np.float64], alpha: NDArray[np.float64], lo: NDArray[np.float64], hi: Any
) -> NDArray[np.float64]:
    """Inverse CDF of the Pareto law with index α truncated to ``[lo, hi]``.

    ``F(z) = (1 − (lo/z)^α) / (1 − (lo/hi)^α)`` ⇒ ``z = lo (1 − u(1 − (lo/hi)^α))^{−1/α}``.
    """
    r = (lo / hi) ** alpha
    return np.asarray(lo * (1.0 - u * (1.0 - r)) ** (-1.0 / alpha))


class PolicyState:
    """State of the policy over one block of ``n`` draws and ``K`` targeted sectors.

    Parameters
    ----------
    model
        The compiled scenario (with a policy).
    streams
        The block's random numbers (selection signals now; trials and sizes each year).
    p
        Parameter values per draw.
    """

    def __init__(
        self, model: CompiledModel, streams: Streams, p: dict[str, NDArray[np.float64]]
    ) -> None:
        n, T = streams.n, model.T
        tidx = model.targets
        K = len(tidx)
        self.n, self.K = n, K
        va = model.va_share
        share_t = model.target_share[:, None]  # s_i
        b = p["budget.share_of_gdp"]
        productive = p["mechanism.share_productive"]
        crowd = p["mechanism.crowd_in"]
        rd_part = p["mechanism.rd_share"]
        lag = np.maximum(p["mechanism.lag"], 1.0)
        lag_whole = np.floor(lag).astype(np.int64)
        lag_frac = lag - lag_whole
        self.w_now, self.w_prev = 1.0 - lag_frac, lag_frac
        # θ_{t−ℓ} = e^{−φ(t−ℓ)} for policy research and θ_{t−1} for baseline research,
        # each updated by the factor e^{−φ} each year
        phi = p["research_productivity_decline"]
        self.theta = np.exp(phi * lag)
        self.theta_base = np.exp(phi)
        self.theta_step = np.exp(-phi)
        # effective R&D money X^R by year, after `pad` rows of zeros (years before the
        # base); the flat index of year t − ⌊ℓ⌋ is i_now + t·n, of the year before it − n
        pad = int(lag_whole.max()) + 1
        self.pad = pad
        self.effective = np.zeros((pad + T + 1, n))
        self.i_now = (pad - lag_whole) * n + np.arange(n)
        money = b * productive * (1.0 + crowd)  # M_t / Y_t
        self.spend = rd_part * money  # X^R_t / Y_t
        # crowded-out investment less the productive capital the policy finances
        self.divert_rate = (
            b * (p["budget.crowding_out"] + crowd * productive)
            - p["mechanism.capital_efficiency"] * (1.0 - rd_part) * money
        )
        if model.budget_active[0]:
            self.effective[pad] = self.spend
        # baseline stock per unit of π: steady state of research grown at g_R − φ
        self.keep = 1.0 - p["knowledge_depreciation"]
        self.rd_rate = p["baseline_rd_intensity"]
        decay = np.exp(-(p["baseline_rd_growth"] - phi))
        self.k = self.rd_rate * decay / (1.0 - self.keep * decay)
        # absorptive capacity A_i = ρ_i / (ρ_i + h)
        half = p["absorptive_half"][None, :]
        rho_i = model.rd_intensity[tidx][:, None]
        absorb = rho_i / (rho_i + half)
        # selection: true return u = e^{ς z − ς²/2}, signal ρ z + √(1−ρ²) η,
        # w ∝ prior · (A where the prior is by absorbable knowledge) · e^{τ s}
        z, eta = streams.selection(K)
        disp = p["return_dispersion"][None, :]
        ret = np.exp(disp * z - 0.5 * disp**2)
        rsel = np.clip(p["mechanism.selection"], -1.0, 1.0)[None, :]
        signal = rsel * z + np.sqrt(1.0 - rsel**2) * eta
        logw = np.log(model.prior)[:, None] + p["allocation_concentration"][None, :] * signal
        if model.prior_absorptive:
            logw = logw + np.log(np.maximum(absorb, 1e-300))
        w = np.exp(logw - logw.max(axis=0, keepdims=True))
        w /= w.sum(axis=0, keepdims=True)
        groups = model.group[tidx]
        eps = np.stack([p[f"rd_elasticity_{ELASTICITY_GROUPS[g]}"] for g in groups])
        self.eff = share_t * eps * ret  # s_i ε_{g(i)} u_di
        pool = p["knowledge_pool_share"][None, :]
        base_share = pool * va[tidx][:, None] + (1.0 - pool) * model.rd_share[tidx][:, None]
        self.w_kappa = self._f32(absorb * w / (share_t * base_share))
        self.pb = (p["breakthrough_probability"] / np.log(2.0)).astype(F32)
        self.pmax = p["breakthrough_max_probability"].astype(F32)
        self.tail, self.zmin, self.zcap = (
            p["breakthrough_tail"],
            p["breakthrough_min"],
            p["breakthrough_cap"],
        )
        self.v_t = va[tidx]
        self.s_t = model.target_share
        self.elast = p["substitution_elasticity"] - 1.0
        self.v_eff = self._f32(self.v_t[:, None] * self.eff)  # v_i s_i ε u_i: Σ_i v_i G_i
        self.el_eff = self._f32(self.elast[None, :] * self.eff)  # (σ_c − 1) s_i ε u_i
        self.q = np.zeros(n)  # Q, the policy stock per unit of allocation
        self.ratio = np.empty(n, dtype=F32)  # Q / k
        self.lr = aligned_empty((K, n))  # ln(1 + P/(s K⁰))
        self.prob = aligned_empty((K, n))  # p_b ln(1 + P/(s K⁰))
        self.hits = np.empty((K, n), dtype=np.bool_)
        self.jumps = np.zeros((K, n))  # s J, cumulated breakthrough sizes on the sector
        self.el_jumps = aligned_empty((K, n))  # (σ_c − 1) s J
        self.el_jumps[...] = 0.0
        self.jump_tfp = np.zeros(n)  # Σ_i v_i s_i J_i
        self.n_breaks = np.zeros(n, dtype=np.int64)

    @staticmethod
    def _f32(values: NDArray[np.float64]) -> NDArray[np.float32]:
        out: NDArray[np.float32] = aligned_empty(values.shape)
        out[...] = values
        return out

    def knowledge(self, t: int, y_cf: NDArray[np.float64]) -> None:
        """Update the stocks for year ``t`` and set ``lr = ln(1 + P/(s K⁰))``.

        Called once a year for t = 1, 2, … in order. ``y_cf`` is last year's output
        without the policy (``Y⁰_{t−1}``, the scale of baseline research).
        """
        flat = self.effective.ravel()
        idx = self.i_now + t * self.n
        x_lag = self.w_now * np.take(flat, idx)  # X^R_{t−ℓ}, interpolated
        x_lag += self.w_prev * np.take(flat, idx - self.n)
        self.theta *= self.theta_step  # θ_{t−ℓ}: knowledge is called for t = 1, 2, …
        self.theta_base *= self.theta_step  # θ_{t−1}
        self.q *= self.keep
        x_lag *= self.theta
        self.q += x_lag
        self.k *= self.keep
        self.k += self.theta_base * self.rd_rate * y_cf
        np.divide(self.q, self.k, out=self.ratio, casting="same_kind")
        np.multiply(self.w_kappa, self.ratio, out=self.lr)
        # ln(1 + x) as log of 1 + x: numpy's float32 log is vectorised, log1p is not (4×
        # slower here); its absolute error, about 1e-7, is that of single precision itself
        self.lr += 1.0
        np.log(self.lr, out=self.lr)

    def breakthroughs(self, streams: Streams) -> None:
        """Draw this year's breakthroughs and add their sizes to ``J``.

        A trial ``U`` succeeds when ``U < min(p_max, p_b ln(1 + P/S))``: compared with
        ``p_b ln(1 + P/S)`` everywhere, and with ``p_max`` only where that holds (few).
        """
        trials = streams.trials(self.K)
        np.multiply(self.lr, self.pb, out=self.prob)
        np.less(trials, self.prob, out=self.hits)
        where = np.flatnonzero(self.hits)
        di = where % self.n
        capped = trials.ravel()[where] >= self.pmax[di]
        if capped.any():
            self.hits.ravel()[where[capped]] = False
            where, di = where[~capped], di[~capped]
        if where.size:
            size = truncated_pareto(
                streams.sizes(self.hits), self.tail[di], self.zmin[di], self.zcap[di]
            )
            size *= self.s_t[where // self.n]  # on the targeted part of the sector
            jumps = self.jumps.ravel()
            jumps[where] += size
            self.el_jumps.ravel()[where] = self.elast[di] * jumps[where]
            self.jump_tfp += np.bincount(
                di, weights=self.v_t[where // self.n] * size, minlength=self.n
            )
            self.n_breaks += np.bincount(di, minlength=self.n)

    def tfp_gain(self) -> NDArray[np.float64]:
        """``Σ_i v_i (G_i + s_i J_i)``, the first-order gain in aggregate log TFP."""
        gain: NDArray[np.float64] = np.einsum("kn,kn->n", self.v_eff, self.lr).astype(np.float64)
        gain += self.jump_tfp
        return gain

    def gain(self) -> NDArray[np.float64]:
        """``G + s J`` per target and draw, double precision (second-order aggregation)."""
        return np.asarray(self.eff * self.lr + self.jumps)

    def share_exponent(self, out: NDArray[np.float32]) -> None:
        """``(σ_c − 1)(G + s J)`` per target and draw, written to ``out`` ``(K, n)``."""
        np.multiply(self.el_eff, self.lr, out=out)
        out += self.el_jumps

    def spend_and_divert(self, t: int, y: NDArray[np.float64], active: bool) -> NDArray[np.float64]:
        """Record year ``t``'s effective R&D money; return next year's net diversion of
        investment (crowded out, less the productive capital the policy finances)."""
        if not active:
            return np.zeros(self.n)
        np.multiply(self.spend, y, out=self.effective[self.pad + t])
        return np.asarray(self.divert_rate * y)
