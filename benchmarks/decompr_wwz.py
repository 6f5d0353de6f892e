"""A numpy transcription of decompr v6's WWZ algorithm, the baseline of bench_gvc.py.

decompr (Quast, Wang, Stolzenburg, Reiter and Krantz; R package, GPL-3, version 6.8.0)
computes the Wang-Wei-Zhu decomposition in ``load_tables_vectors()`` and ``wwz()``.
This module follows those two functions step by step — the same dense matrices (A, the
global inverse B and its diagonal and off-diagonal parts Bd and Bm, the local inverse
L), the same GN x GN helper matrices ``z`` rebuilt for each term, the same loops over
countries and the same matrix products — written in numpy, so that the benchmark
measures the algorithm, not R against Python. R's column-recycling (``vector *
matrix``) is written as explicit broadcasting; ``rowSums2``/``colSums2`` as sums over
slices; decompr's C helper ``rowmult`` (each column j times ``w[j]``) as ``M * w[None, :]``.

It is written for this benchmark from the algorithm's description in decompr's R code;
no decompr code is included. Verified against decompr's printed leather output by
``bench_gvc.py`` before any timing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["DecomprObject", "load_tables_vectors", "wwz"]


@dataclass
class DecomprObject:
    """The fields of decompr's ``decompr`` object that ``wwz()`` uses."""

    Am: np.ndarray
    B: np.ndarray
    Bd: np.ndarray
    Bm: np.ndarray
    L: np.ndarray
    E: np.ndarray
    ESR: np.ndarray
    Eint: np.ndarray
    Efd: np.ndarray
    Vc: np.ndarray
    G: int
    N: int
    GN: int
    X: np.ndarray
    Y: np.ndarray
    Yd: np.ndarray
    Ym: np.ndarray


def load_tables_vectors(
    x: np.ndarray, y: np.ndarray, G: int, N: int, o: np.ndarray
) -> DecomprObject:
    """decompr's ``load_tables_vectors(x, y, k, i, o)``: coefficients, inverses, exports."""
    GN = G * N
    fdc = y.shape[1] // G
    Bd = np.zeros((GN, GN))
    Ad = np.zeros((GN, GN))
    Yd = np.zeros((GN, G))
    Efd = np.zeros((GN, G))
    Eint = np.zeros((GN, G))
    ESR = np.zeros((GN, G))
    Y = np.zeros((GN, G))
    v = o - x.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        A = x * (1.0 / o)[None, :]
    A[~np.isfinite(A)] = 0.0
    Am = A.copy()
    II = np.eye(GN)
    B = np.linalg.solve(II - A, II)
    Bm = B.copy()
    for j in range(G):
        mn = slice(j * N, (j + 1) * N)
        Ad[mn, mn] = A[mn, mn]
        Bd[mn, mn] = B[mn, mn]
        Bm[mn, mn] = 0.0
        Am[mn, mn] = 0.0
    L = np.linalg.solve(II - Ad, II)
    with np.errstate(divide="ignore", invalid="ignore"):
        Vc = v / o
    Vc[~np.isfinite(Vc)] = 0.0
    for j in range(G):
        Y[:, j] = y[:, j * fdc : (j + 1) * fdc].sum(axis=1)
    Ym = Y.copy()
    E = np.hstack([x, y])
    for j in range(G):
        mn = slice(j * N, (j + 1) * N)
        sr = slice(GN + j * fdc, GN + (j + 1) * fdc)
        E[mn, mn] = 0.0
        E[mn, sr] = 0.0
        Yd[mn, j] = Y[mn, j]
        Ym[mn, j] = 0.0
    z = E
    E_rows = E.sum(axis=1)
    for j in range(G):
        mn = slice(j * N, (j + 1) * N)
        sr = slice(GN + j * fdc, GN + (j + 1) * fdc)
        Efd[:, j] = z[:, sr].sum(axis=1)
        Eint[:, j] = z[:, mn].sum(axis=1)
        ESR[:, j] = Eint[:, j] + Efd[:, j]
    return DecomprObject(
        Am=Am, B=B, Bd=Bd, Bm=Bm, L=L, E=E_rows, ESR=ESR, Eint=Eint, Efd=Efd, Vc=Vc,
        G=G, N=N, GN=GN, X=o, Y=Y, Yd=Yd, Ym=Ym,
    )  # fmt: skip


def _zero_diagonal_blocks(m: np.ndarray, G: int, N: int) -> None:
    for r in range(G):
        mn = slice(r * N, (r + 1) * N)
        m[mn, mn] = 0.0


def wwz(d: DecomprObject) -> np.ndarray:
    """decompr's ``wwz()``: the array ALL (GN × G × 19): 16 terms, texp, texpint, texpfd."""
    G, N, GN = d.G, d.N, d.GN
    Am, Bd, Bm, L, Vc, Yd, Ym, X, E = d.Am, d.Bd, d.Bm, d.L, d.Vc, d.Yd, d.Ym, d.X, d.E
    ALL = np.zeros((GN, G, 19))
    ALL[:, :, 16] = d.ESR
    ALL[:, :, 17] = d.Eint
    ALL[:, :, 18] = d.Efd

    def block(r: int) -> slice:
        return slice(r * N, (r + 1) * N)

    # Term 1: DVA_FIN
    Bd_Vhat_sum = (Bd * Vc[:, None]).sum(axis=0)
    ALL[:, :, 0] = Ym * Bd_Vhat_sum[:, None]
    # Term 2: DVA_INT
    VsLss = Vc[:, None] * L
    VsLss_colSums = VsLss.sum(axis=0)
    del VsLss
    ALL[:, :, 1] = (Am @ Bd @ Yd) * VsLss_colSums[:, None]
    # Term 3: DVA_INTrexI1
    z1 = np.repeat(Yd.sum(axis=1)[:, None], GN, axis=1)
    _zero_diagonal_blocks(z1, G, N)
    z2 = Bm @ z1
    _zero_diagonal_blocks(z2, G, N)
    z3 = Am * z2.T
    for r in range(G):
        ALL[:, r, 2] = VsLss_colSums * z3[:, block(r)].sum(axis=1)
    del z1, z2, z3
    # Term 4: DVA_INTrexF
    z = np.zeros((GN, GN))
    z1v = Ym.sum(axis=1)
    for r in range(G):
        mn = block(r)
        z[:, mn] = (z1v - Ym[:, r])[:, None]
        z[mn, mn] = 0.0
    z2 = Am * (Bd @ z).T
    for r in range(G):
        ALL[:, r, 3] = VsLss_colSums * z2[:, block(r)].sum(axis=1)
    # Term 5: DVA_INTrexI2
    z1 = (Bm @ z).T
    _zero_diagonal_blocks(z1, G, N)
    z2 = Am * z1
    for r in range(G):
        ALL[:, r, 4] = VsLss_colSums * z2[:, block(r)].sum(axis=1)
    # Term 6: RDV_INT
    z = np.zeros((GN, GN))
    for r in range(G):
        z[:, block(r)] = Yd[:, r][:, None]
    z1 = Am * (Bm @ z).T
    for r in range(G):
        ALL[:, r, 5] = VsLss_colSums * z1[:, block(r)].sum(axis=1)
    # Term 7: RDV_FIN
    z = np.zeros((GN, GN))
    for r in range(G):
        z[:, block(r)] = Ym[:, r][:, None]
    z1 = Am * (Bd @ z).T
    for r in range(G):
        ALL[:, r, 6] = VsLss_colSums * z1[:, block(r)].sum(axis=1)
    # Term 8: RDV_FIN2
    z1 = Bm @ z
    _zero_diagonal_blocks(z1, G, N)
    z2 = Am * z1.T
    for r in range(G):
        ALL[:, r, 7] = VsLss_colSums * z2[:, block(r)].sum(axis=1)
    del z2
    # DDC_FIN
    z = np.zeros((GN, GN))
    for r in range(G):
        mn = block(r)
        z[mn, mn] = Ym[mn].sum(axis=1)[:, None]
    z1 = Am * (Bm @ z).T
    for r in range(G):
        ALL[:, r, 12] = VsLss_colSums * z1[:, block(r)].sum(axis=1)
    del z1
    # DDC_INT
    Am_X = Am * X[None, :]
    Vc_Bd_VsLss_colsums = Bd_Vhat_sum - VsLss_colSums
    for r in range(G):
        ALL[:, r, 13] = Vc_Bd_VsLss_colsums * Am_X[:, block(r)].sum(axis=1)
    # OVA_FIN, MVA_FIN
    VrBrs = Vc[:, None] * Bm
    rows = np.arange(GN)
    for r in range(G):
        mn = block(r)
        outside = (rows < mn.start) | (rows >= mn.stop)
        z = VrBrs * Ym[:, r][None, :]
        ALL[:, r, 8] = z[outside].sum(axis=0)
        ALL[:, r, 9] = z[mn].sum(axis=0)
    # OVA_INT, MVA_INT
    Am_L_t = (Am @ L).T
    for r in range(G):
        mn = block(r)
        outside = (rows < mn.start) | (rows >= mn.stop)
        zz = (Am_L_t * Yd[:, r][:, None]).sum(axis=0)
        z = VrBrs * zz[None, :]
        ALL[:, r, 10] = z[outside].sum(axis=0)
        ALL[:, r, 11] = z[mn].sum(axis=0)
    # ODC, MDC
    Am_L_t = Am_L_t * E[:, None]
    for r in range(G):
        mn = block(r)
        outside = (rows < mn.start) | (rows >= mn.stop)
        zz = Am_L_t[mn].sum(axis=0)
        z = VrBrs * zz[None, :]
        ALL[:, r, 14] = z[outside].sum(axis=0)
        ALL[:, r, 15] = z[mn].sum(axis=0)
    return ALL
