"""Slow, literal implementations of the GVC formulas (one country pair at a time, explicit
inverses) that the vectorised ones in pflab.gvc are checked against."""

from __future__ import annotations

import numpy as np


def random_world(seed: int, G: int = 4, N: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random balanced world table: Z (n × n), Y (n × G), x = Z1 + Y1 (some negative
    inventory-like final demand, one zero-output sector)."""
    rng = np.random.default_rng(seed)
    n = G * N
    Z = rng.gamma(0.6, 1.0, (n, n)) * (rng.random((n, n)) < 0.7)
    Y = rng.gamma(1.0, 3.0, (n, G))
    Y[rng.random((n, G)) < 0.1] *= -0.05
    Z[:, 1] = 0.0
    Z[1, :] = 0.0
    Y[1, :] = 0.0
    x = Z.sum(axis=1) + Y.sum(axis=1)
    return Z, Y, x


def blocks(G: int, N: int) -> list[slice]:
    return [slice(s * N, (s + 1) * N) for s in range(G)]


def coefficients(Z: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x > 0)
    A = Z * inv
    v = 1.0 - A.sum(axis=0)
    B = np.linalg.inv(np.eye(len(x)) - A)
    return A, v, B


def bm_pair(
    Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int, s: int, r: int
) -> dict[str, dict[str, np.ndarray]]:
    """Borin–Mancini (2023) source- and sink-based terms of E_sr by exporting sector,
    straight from the definitions with an explicit B^{/s}."""
    A, v, B = coefficients(Z, x)
    idx = blocks(G, N)
    S, R = idx[s], idx[r]
    n = G * N
    As = A.copy()
    for j in range(G):
        if j != s:
            As[S, idx[j]] = 0.0
    Bs = np.linalg.inv(np.eye(n) - As)
    Lrr = np.linalg.inv(np.eye(N) - A[R, R])
    e = A[S, R] @ x[R] + Y[S, r]
    E_s = sum(A[S, idx[j]] @ x[idx[j]] + Y[S, j] for j in range(G) if j != s)
    vs = np.zeros(n)
    vs[S] = v[S]
    vf = v - vs
    dL = vs @ Bs[:, S]
    dB = vs @ B[:, S]
    fB = vf @ B[:, S]
    fBx = vf @ Bs[:, S]
    outside_r = [j for j in range(G) if j != r]

    def through_r(w: np.ndarray) -> np.ndarray:
        # A_sr L_rr Σ_{j≠r} A_rj w_j
        return A[S, R] @ Lrr @ sum(A[R, idx[j]] @ w[idx[j]] for j in outside_r)

    yr_third = sum(Y[R, j] for j in range(G) if j not in (r, s))
    source = {
        "DAVAX1": dL * Y[S, r],
        "DAVAX2": dL * (A[S, R] @ Lrr @ Y[R, r]),
        "VAX3": dL * (A[S, R] @ Lrr @ yr_third),
        "VAX4": dL * through_r(B @ (Y.sum(axis=1) - Y[:, s])),
        "REF1": dL * (A[S, R] @ Lrr @ Y[R, s]),
        "REF2": dL * through_r(B @ Y[:, s]),
        "DDC": (dB - dL) * e,
        "FVA": fBx * e,
        "FDC": (fB - fBx) * e,
    }
    Yx = Y.copy()
    for j in range(G):
        if j != s:
            Yx[S, j] = 0.0
    Es_hat = np.zeros(n)
    Es_hat[S] = E_s
    ddc = through_r(Bs @ Es_hat)
    sink = {
        "DAVAX1": dB * Y[S, r],
        "DAVAX2": dB * (A[S, R] @ Lrr @ Y[R, r]),
        "VAX3": dB * (A[S, R] @ Lrr @ yr_third),
        "VAX4": dB * through_r(Bs @ (Yx.sum(axis=1) - Yx[:, s])),
        "REF1": dB * (A[S, R] @ Lrr @ Y[R, s]),
        "REF2": dB * through_r(Bs @ Yx[:, s]),
        "DDC": dB * ddc,
        "FVA": fB * (e - ddc),
        "FDC": fB * ddc,
    }
    return {"source": source, "sink": sink, "exports": {"E": e}}


def wwz_pair(
    Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int, s: int, r: int
) -> dict[str, np.ndarray]:
    """The 16 terms of Wang, Wei and Zhu (2013) eq. (37) for exports from s to r, by
    exporting sector, written block by block as in the paper."""
    A, v, B = coefficients(Z, x)
    idx = blocks(G, N)
    S, R = idx[s], idx[r]
    third = [t for t in range(G) if t not in (s, r)]
    Lss = np.linalg.inv(np.eye(N) - A[S, S])
    Lrr = np.linalg.inv(np.eye(N) - A[R, R])
    Asr = A[S, R]
    vs_bss = v[S] @ B[S, S]
    vs_lss = v[S] @ Lss
    vr_brs = v[R] @ B[R, S]
    vt_bts = sum((v[idx[t]] @ B[idx[t], S] for t in third), np.zeros(N))
    E_r = sum(A[R, idx[u]] @ x[idx[u]] + Y[R, u] for u in range(G) if u != r)
    zero = np.zeros(N)
    return {
        "DVA_FIN": vs_bss * Y[S, r],
        "DVA_INT": vs_lss * (Asr @ B[R, R] @ Y[R, r]),
        "DVA_INTrexI1": vs_lss * (Asr @ sum((B[R, idx[t]] @ Y[idx[t], t] for t in third), zero)),
        "DVA_INTrexF": vs_lss * (Asr @ B[R, R] @ sum((Y[R, t] for t in third), zero)),
        "DVA_INTrexI2": vs_lss
        * (
            Asr
            @ sum(
                (
                    B[R, idx[t]] @ sum(Y[idx[t], u] for u in range(G) if u not in (s, t))
                    for t in third
                ),
                zero,
            )
        ),
        "RDV_INT": vs_lss * (Asr @ B[R, S] @ Y[S, s]),
        "RDV_FIN": vs_lss * (Asr @ B[R, R] @ Y[R, s]),
        "RDV_FIN2": vs_lss * (Asr @ sum((B[R, idx[t]] @ Y[idx[t], s] for t in third), zero)),
        "OVA_FIN": vt_bts * Y[S, r],
        "MVA_FIN": vr_brs * Y[S, r],
        "OVA_INT": vt_bts * (Asr @ Lrr @ Y[R, r]),
        "MVA_INT": vr_brs * (Asr @ Lrr @ Y[R, r]),
        "DDC_FIN": vs_lss * (Asr @ B[R, S] @ sum(Y[S, t] for t in range(G) if t != s)),
        "DDC_INT": (vs_bss - vs_lss) * (Asr @ x[R]),
        "ODC": vt_bts * (Asr @ Lrr @ E_r),
        "MDC": vr_brs * (Asr @ Lrr @ E_r),
    }


def kww_country(
    Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int, s: int
) -> dict[str, float]:
    """Koopman, Wang and Wei (2014) eq. (36): the nine terms of country s's gross exports
    in closed form (country totals)."""
    A, v, B = coefficients(Z, x)
    idx = blocks(G, N)
    S = idx[s]
    others = [r for r in range(G) if r != s]
    Lss = np.linalg.inv(np.eye(N) - A[S, S])
    E_s = sum(A[S, idx[r]] @ x[idx[r]] + Y[S, r] for r in others)
    vs = v[S]
    foreign = sum(v[idx[t]] @ B[idx[t], S] for t in others)
    terms = {
        "DVA_FIN": vs @ B[S, S] @ sum(Y[S, r] for r in others),
        "DVA_INT": sum(vs @ B[S, idx[r]] @ Y[idx[r], r] for r in others),
        "DVA_INTrex": sum(
            vs @ B[S, idx[r]] @ Y[idx[r], t] for r in others for t in others if t != r
        ),
        "RDV_FIN": sum(vs @ B[S, idx[r]] @ Y[idx[r], s] for r in others),
        "RDV_INT": sum(vs @ B[S, idx[r]] @ A[idx[r], S] @ Lss @ Y[S, s] for r in others),
        "DDC": sum(vs @ B[S, idx[r]] @ A[idx[r], S] @ Lss @ E_s for r in others),
        "FVA_FIN": foreign @ sum(Y[S, r] for r in others),
        "FVA_INT": sum(
            foreign @ A[S, idx[r]] @ np.linalg.inv(np.eye(N) - A[idx[r], idx[r]]) @ Y[idx[r], r]
            for r in others
        ),
    }
    E_r = {
        r: sum(A[idx[r], idx[u]] @ x[idx[u]] + Y[idx[r], u] for u in range(G) if u != r)
        for r in others
    }
    terms["FDC"] = sum(
        foreign @ A[S, idx[r]] @ np.linalg.inv(np.eye(N) - A[idx[r], idx[r]]) @ E_r[r]
        for r in others
    )
    terms["exports"] = float(E_s.sum())
    return {k: float(value) for k, value in terms.items()}
