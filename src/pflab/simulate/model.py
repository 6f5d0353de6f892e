"""The model: vectorised numpy maths over draws × sectors, one year at a time.

For draw d, sector i and projected year t = 1 … T (notation of docs/simulate.md):

Sector log-TFP (value-added based, relative to the base year)

.. math::

    a_{dit} = β̃_i D_{dt} + x_{dit} + [i∈\\mathcal T]\\,(G_{dit} + J_{dit})

with the drift level ``D_{dt} = Σ_{s≤t} (g_s + u_d)`` (the baseline's trend plus the
draw's shift; in observed years the residual that reproduces the observed GDP growth)
and the noise ``x_{dit} = x_{di,t-1} + σ_d(\\sqrt{1-ρ} e_{dit} + \\sqrt{ρ} c_{dt})``.
The policy's gains ``G`` and breakthroughs ``J`` are in :mod:`pflab.simulate.knowledge`.

Aggregate TFP, first order (Hulten 1978): ``ln A_t − ln A_0 = Σ_i v_i a_{it}``; second
order (Baqaee and Farhi 2019) adds ``½ a^{GOᵀ} H a^{GO}`` with the short-run ``H`` for the
first years and the long-run one for changes after them.

GDP (Solow; World Bank LTGM, Loayza and Pennings 2018), with ``Y_0 = 1``:

.. math::

    K_t = (1-δ) K_{t-1} + s_{t-1} Y_{t-1} − \\text{(net diversion)}_{t-1} Y_{t-1}, \\qquad
    Y_t = \\frac{A_t}{A_0} \\left(\\frac{K_t}{K_0}\\right)^{1-α} e^{α (g_h + g_L) t}

where the net diversion is the crowded-out investment less the productive part of the
policy's capital formation. Value-added shares shift with relative prices under a CES
aggregate with elasticity ``σ_c`` (Baumol 1967; Ngai and Pissarides 2007):
``v_{it} ∝ v_{i0} e^{(σ_c − 1) a_{it}}``. Every draw also carries its counterfactual
without the policy (same random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.linalg.blas import sger

from pflab.simulate.bounds import clip_to_bounds
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.knowledge import PolicyState, aligned_empty
from pflab.simulate.macro import investment_path
from pflab.simulate.streams import Streams

__all__ = [
    "BlockOutput",
    "draw_parameters",
    "draw_random_numbers",
    "simulate_block",
    "solow_path",
]

F32 = np.float32


@dataclass
class BlockOutput:
    """Paths of one block of draws (``n`` draws, ``T`` years; index 0 = base year).

    Attributes are log levels relative to the base year unless named otherwise.
    """

    log_gdp: NDArray[np.float64]  # (n, T+1), a transposed view of a year-major array
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
            out[name] = clip_to_bounds(name, dist.ppf(streams.uniforms(name)))
        else:
            out[name] = np.full(streams.n, dist.value)
    return out


def _second_order(
    model: CompiledModel, t: int, full: NDArray[np.float64], anchor: list[Any]
) -> NDArray[np.float64]:
    """½ fᵀ H f with the short-run H up to ``short_run_years``, then the long-run H for
    the change since then (``anchor`` keeps the year's f and the short-run value)."""
    assert model.hessian is not None
    if model.hessian_long is None or t <= model.short_run_years:
        value = 0.5 * np.einsum("in,ij,jn->n", full, model.hessian, full)
        if t == model.short_run_years:
            anchor[:] = [full.copy(), value]
        return np.asarray(value)
    f_s, short = anchor
    h = model.hessian_long
    return np.asarray(
        short
        + 0.5 * np.einsum("in,ij,jn->n", full, h, full)
        - 0.5 * np.einsum("in,ij,jn->n", f_s, h, f_s)
    )


def simulate_block(
    model: CompiledModel,
    streams: Streams,
    params: dict[str, NDArray[np.float64]] | None = None,
) -> BlockOutput:
    """Simulate one block of draws.

    Sector arrays are sector-major ``(N, n)`` in single precision (the noise and the
    value-added shares); aggregate TFP, capital and output are double precision, so the
    deterministic path is exact to rounding. Value-added shares are computed as
    ``v_i0 e^{(σ_c − 1) a_i} / Σ_j v_j0 e^{(σ_c − 1) a_j}`` with the common shock left out
    of ``a`` (it is the same for every sector and cancels). Observed years (2024) draw no
    noise: their aggregate TFP is the residual that gives the observed GDP growth.

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
        Paths with and without the policy for every draw (views of year-major arrays).
    """
    n, T, N = streams.n, model.T, model.N
    p = draw_parameters(model, streams) if params is None else params
    pol = PolicyState(model, streams, p) if model.has_policy else None
    tidx = model.targets

    shift = p["tfp_trend_shift"]
    alpha = p["labour_share"]
    sig = p["sector_noise_sd"]
    rho = np.clip(p["sector_noise_correlation"], 0.0, 1.0)
    sd_idio = sig * np.sqrt(1.0 - rho)
    sd_common = sig * np.sqrt(rho)
    sdc_sum = sd_common * float(model.va_share.sum())
    elast = p["substitution_elasticity"] - 1.0
    va = model.va_share
    w32 = va.astype(F32)  # Σ D_i (v_i/D_i) a_i = Σ v_i a_i
    to_go = np.divide(va, model.domar, out=np.zeros(N), where=model.domar > 0)
    hess = model.hessian
    anchor: list[Any] = []
    anchor_cf: list[Any] = []
    years = np.arange(T + 1, dtype=np.float64)[:, None]
    labour_path = years * (alpha * (p["labour_growth"] + p["human_capital_growth"]))[None, :]
    invest = investment_path(
        p["investment_rate"], p["investment_rate_2050_ratio"], years, model.base_year
    )
    keep_k = 1.0 - p["depreciation"]
    cap_share = 1.0 - alpha
    k0 = model.capital_output
    observed = model.observed_growth
    # value-added share numerators e^{c1 ⊙ xu + drift ⊗ c0} (× e^{(σ_c−1)(G+J)} on the
    # targets), weighted by v_0 in the sums: c1 = (σ_c−1) σ_idio, c0 = (σ_c−1) D_t
    drift32 = model.drift_unit.astype(F32)
    c1 = (elast * sd_idio).astype(F32)
    c0 = np.empty(n, dtype=F32)
    sums = np.stack([va, va * model.manufacturing]).astype(F32)  # (2, N)
    target_exp = aligned_empty((len(tidx), n)) if pol is not None else None

    xu = aligned_empty((N, n))  # cumulated unit idiosyncratic shocks
    xu[...] = 0.0
    cum_common = np.zeros(n)
    drift_level = np.zeros(n)  # D_t
    observed_level = 0.0  # Σ observed log GDP growth
    buf = aligned_empty((N, n))  # this year's shocks, then the share numerators
    log_gdp = np.zeros((T + 1, n))  # year-major; the output holds transposed views
    log_gdp_cf = np.zeros((T + 1, n))
    log_tfp = np.zeros((T + 1, n))
    log_tfp_cf = np.zeros((T + 1, n))
    manufacturing = np.zeros((T, n))
    share_sums = np.zeros((T, N))
    y = np.ones(n)
    y_cf = np.ones(n)
    k = np.full(n, k0)
    k_cf = k.copy()
    diverted = np.zeros(n)
    if pol is not None and model.budget_active[0]:
        diverted = pol.divert_rate.copy()

    for t in range(1, T + 1):
        # capital: K_t = (1−δ) K_{t−1} + (s_{t−1} − net diversion) Y_{t−1}
        k *= keep_k
        k += (invest[t - 1] - diverted) * y
        k_cf *= keep_k
        k_cf += invest[t - 1] * y_cf
        if np.isfinite(observed[t - 1]):
            # a year of data: TFP is the residual of the observed GDP growth
            observed_level += observed[t - 1]
            dtfp_cf = log_tfp_cf[t]
            dtfp_cf[...] = observed_level - cap_share * np.log(k_cf / k0) - labour_path[t]
            drift_level[...] = dtfp_cf - sd_idio * (w32 @ xu) - sdc_sum * cum_common
            log_tfp[t] = dtfp_cf
            dtfp = log_tfp[t]
            if pol is not None:
                pol.knowledge(t, y_cf)
        else:
            drift_level += model.tfp_trend[t - 1] + shift
            # sector noise x = σ(√(1−ρ) Σe + √ρ Σc): cumulate unit shocks, scale when used
            streams.noise_into(buf)
            xu += buf
            cum_common += streams.common()
            dtfp_cf = log_tfp_cf[t]
            np.multiply(sd_idio, w32 @ xu, out=dtfp_cf)
            dtfp_cf += drift_level
            dtfp_cf += sdc_sum * cum_common
            if pol is not None:
                pol.knowledge(t, y_cf)
                pol.breakthroughs(streams)
                dtfp = dtfp_cf + pol.tfp_gain()
            else:
                dtfp = dtfp_cf if hess is None else dtfp_cf.copy()
            if hess is not None:
                full = (
                    np.multiply.outer(model.drift_unit, drift_level)
                    + xu * sd_idio
                    + sd_common * cum_common
                ) * to_go[:, None]
                second_cf = _second_order(model, t, full, anchor_cf)
                if pol is not None:
                    full[tidx] += pol.gain() * to_go[tidx][:, None]
                    dtfp += _second_order(model, t, full, anchor)
                else:
                    dtfp += second_cf
                dtfp_cf += second_cf
            log_tfp[t] = dtfp

        # output: ln Y_t = ln A_t + (1−α) ln(K_t/K_0) + α (g_L + g_h) t
        for path, tfp, cap, out in ((log_gdp, dtfp, k, y), (log_gdp_cf, dtfp_cf, k_cf, y_cf)):
            row = path[t]
            np.divide(cap, k0, out=row)
            np.log(row, out=row)
            row *= cap_share
            row += tfp
            row += labour_path[t]
            np.exp(row, out=out)
        if pol is not None:
            diverted = pol.spend_and_divert(t, y, bool(model.budget_active[t]))

        # value-added shares v_i ∝ v_i0 exp((σ_c − 1) a_i)
        np.multiply(xu, c1, out=buf)
        np.multiply(elast, drift_level, out=c0, casting="same_kind")
        sger(1.0, c0, drift32, a=buf.T, overwrite_a=1)  # buf += drift ⊗ c0
        if target_exp is not None and pol is not None:
            pol.share_exponent(target_exp)
            buf[tidx] += target_exp
        np.exp(buf, out=buf)
        tot_manu = sums @ buf
        inv_total = 1.0 / tot_manu[0]
        np.multiply(tot_manu[1], inv_total, out=manufacturing[t - 1])
        np.multiply(buf @ inv_total, va, out=share_sums[t - 1])

    log_pop = np.concatenate([[0.0], np.cumsum(model.population_growth)])
    return BlockOutput(
        log_gdp=log_gdp.T,
        log_gdp_cf=log_gdp_cf.T,
        log_tfp=log_tfp.T,
        log_tfp_cf=log_tfp_cf.T,
        log_pop=np.broadcast_to(log_pop, (n, T + 1)),
        manufacturing=manufacturing.T,
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
    for _ in range(model.T - model.observed_years):
        streams.noise_into(shock)
        total += float(shock[0, 0])
        total += float(streams.common()[0])
        if model.has_policy:
            trial = streams.trials(K)
            total += float(trial[0, 0]) if K else 0.0
    return total + float(p["tfp_trend_shift"][0])


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
