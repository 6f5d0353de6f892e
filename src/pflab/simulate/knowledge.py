"""The policy's side of the model kernel: knowledge stocks, R&D gains and breakthroughs.

For draw d and targeted sector i (notation of docs/simulate.md and
:mod:`pflab.simulate.model`), the policy knowledge stock is

.. math::

    P_{dit} = (1-δ_R) P_{di,t-1} + θ_{d,t-ℓ} w_{di} X_{d,t-ℓ}, \\qquad
    θ_{dt} = e^{-φ_d t}

(research productivity declining as in Bloom, Jones, Van Reenen and Webb 2020). The
allocation ``w`` is fixed for a draw, so ``P_{dit} = w_{di} Q_{dt}`` with the per-draw
recursion ``Q_{dt} = (1-δ_R) Q_{d,t-1} + θ_{d,t-ℓ} X_{d,t-ℓ}``, and the ratio to the
baseline stock ``S_{dit} = κ_{di} Y^0_{dt}`` is ``(w/κ)_{di} · Q_{dt}/Y^0_{dt}``: one
multiplication per target and draw a year. The R&D gain is ``G = ε u ln(1 + P/S)`` and
breakthroughs ``J`` arrive with probability ``min(p_max, p_b log_2(1 + P/S))`` with
truncated Pareto sizes. The ``(K, n)`` arrays (targets × draws) are single precision; their
rounding (about 1e-7 of the policy's gain) is far below Monte Carlo error.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from pflab.simulate.calibrate import CompiledModel
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
        b = p["budget.share_of_gdp"]
        share = p["mechanism.share_productive"]
        crowd = p["mechanism.crowd_in"]
        lag = np.maximum(p["mechanism.lag"], 1.0)
        lag_whole = np.floor(lag).astype(np.int64)
        lag_frac = lag - lag_whole
        self.w_now, self.w_prev = 1.0 - lag_frac, lag_frac
        # θ_{t−ℓ} = e^{−φ(t−ℓ)}, updated by the factor e^{−φ} each year
        phi = p["research_productivity_decline"]
        self.theta = np.exp(phi * lag)
        self.theta_step = np.exp(-phi)
        # effective budget X by year, after `pad` rows of zeros (years before the base);
        # the flat index of year t − ⌊ℓ⌋ is i_now + t·n, of the year before it that − n
        pad = int(lag_whole.max()) + 1
        self.pad = pad
        self.effective = np.zeros((pad + T + 1, n))
        self.i_now = (pad - lag_whole) * n + np.arange(n)
        self.spend = b * share * (1.0 + crowd)  # X_t / Y_t
        self.divert_rate = b * (float(model.budget_from_investment) + crowd * share)
        if model.budget_active[0]:
            self.effective[pad] = self.spend
        # selection: true return u = e^{ς z − ς²/2}, signal ρ z + √(1−ρ²) η, w ∝ π e^{τ s}
        z, eta = streams.selection(K)
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
        self.w_kappa = self._f32(w / kappa)
        self.keep = 1.0 - p["knowledge_depreciation"]
        self.pb = (p["breakthrough_probability"] / np.log(2.0)).astype(F32)
        self.pmax = p["breakthrough_max_probability"].astype(F32)
        self.tail, self.zmin, self.zcap = (
            p["breakthrough_tail"],
            p["breakthrough_min"],
            p["breakthrough_cap"],
        )
        self.v_t = va[tidx]
        self.elast = p["substitution_elasticity"] - 1.0
        self.v_eff = self._f32(self.v_t[:, None] * self.eff)  # v_i ε u_i: Σ_i v_i G_i
        self.el_eff = self._f32(self.elast[None, :] * self.eff)  # (σ_c − 1) ε u_i
        self.q = np.zeros(n)  # Q, the stock per unit of allocation
        self.ratio = np.empty(n, dtype=F32)  # Q / Y^0
        self.lr = aligned_empty((K, n))  # ln(1 + P/S)
        self.prob = aligned_empty((K, n))  # p_b ln(1 + P/S)
        self.hits = np.empty((K, n), dtype=np.bool_)
        self.jumps = np.zeros((K, n))  # J, cumulated breakthrough sizes
        self.el_jumps = aligned_empty((K, n))  # (σ_c − 1) J
        self.el_jumps[...] = 0.0
        self.jump_tfp = np.zeros(n)  # Σ_i v_i J_i
        self.n_breaks = np.zeros(n, dtype=np.int64)

    @staticmethod
    def _f32(values: NDArray[np.float64]) -> NDArray[np.float32]:
        out: NDArray[np.float32] = aligned_empty(values.shape)
        out[...] = values
        return out

    def knowledge(self, t: int, y_cf: NDArray[np.float64]) -> None:
        """Update the stocks for year ``t`` and set ``lr = ln(1 + P/S)``.

        Called once a year for t = 1, 2, … in order. ``y_cf`` is last year's output
        without the policy (``Y^0``, the baseline stock's scale).
        """
        flat = self.effective.ravel()
        idx = self.i_now + t * self.n
        x_lag = self.w_now * np.take(flat, idx)  # X_{t−ℓ}, interpolated
        x_lag += self.w_prev * np.take(flat, idx - self.n)
        self.q *= self.keep
        self.theta *= self.theta_step  # θ_{t−ℓ}: knowledge is called for t = 1, 2, …
        x_lag *= self.theta
        self.q += x_lag
        np.divide(self.q, y_cf, out=self.ratio, casting="same_kind")
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
            jumps = self.jumps.ravel()
            jumps[where] += size
            self.el_jumps.ravel()[where] = self.elast[di] * jumps[where]
            self.jump_tfp += np.bincount(
                di, weights=self.v_t[where // self.n] * size, minlength=self.n
            )
            self.n_breaks += np.bincount(di, minlength=self.n)

    def tfp_gain(self) -> NDArray[np.float64]:
        """``Σ_i v_i (G_i + J_i)``, the first-order gain in aggregate log TFP."""
        gain: NDArray[np.float64] = np.einsum("kn,kn->n", self.v_eff, self.lr).astype(np.float64)
        gain += self.jump_tfp
        return gain

    def gain(self) -> NDArray[np.float64]:
        """``G + J`` per target and draw, in double precision (second-order aggregation)."""
        return np.asarray(self.eff * self.lr + self.jumps)

    def share_exponent(self, out: NDArray[np.float32]) -> None:
        """``(σ_c − 1)(G + J)`` per target and draw, written to ``out`` ``(K, n)``."""
        np.multiply(self.el_eff, self.lr, out=out)
        out += self.el_jumps

    def spend_and_divert(self, t: int, y: NDArray[np.float64], active: bool) -> NDArray[np.float64]:
        """Record year ``t``'s effective budget; return the investment it diverts next year."""
        if not active:
            return np.zeros(self.n)
        np.multiply(self.spend, y, out=self.effective[self.pad + t])
        return np.asarray(self.divert_rate * y)
