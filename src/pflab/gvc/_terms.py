"""The decomposition terms as arrays: WWZ (16), KWW (9), Borin–Mancini source and sink.

Every function returns ``terms`` of shape (k, m, G) — term × exporting country-sector
(the ``rows`` asked for, m of them) × partner — and the gross exports E (m × G) they
decompose; the own-country column is zero. All are exact identities on a balanced table:
the terms of each exporter-sector-partner sum to its gross exports.

Sector level is the *exporting sector* perspective of WWZ: the value-added multiplier
of exporting sector i (a column sum of ``V_s L_ss``, ``V_s B_ss``, ``V_r B_rs`` …) times
the part of i's exports the term describes (the ``#`` product of WWZ eq. 37).

References
----------
Wang, Z., Wei, S.-J. and Zhu, K. (2013), "Quantifying International Production Sharing at
the Bilateral and Sector Levels", NBER Working Paper 19677, eq. (37) and Table E1.
Koopman, R., Wang, Z. and Wei, S.-J. (2014), "Tracing Value-Added and Double Counting in
Gross Exports", *American Economic Review* 104(2): 459–494.
Borin, A. and Mancini, M. (2023), "Measuring What Matters in Value-Added Trade",
*Economic Systems Research* 35(4): 586–613 (first circulated as World Bank Policy
Research Working Paper 8804, 2019).
"""

from __future__ import annotations

import numpy as np

from pflab.gvc._system import System

__all__ = [
    "BM_SINK_TERMS",
    "BM_SOURCE_TERMS",
    "KWW_FROM_WWZ",
    "KWW_TERMS",
    "WWZ_TERMS",
    "bm_terms",
    "kww_from_wwz",
    "wwz_terms",
]

#: The 16 WWZ terms in decompr's column order (WWZ 2013 eq. 37 numbers in brackets in
#: :data:`pflab.gvc.results.WWZ_LABELS`).
WWZ_TERMS: tuple[str, ...] = (
    "DVA_FIN",
    "DVA_INT",
    "DVA_INTrexI1",
    "DVA_INTrexF",
    "DVA_INTrexI2",
    "RDV_INT",
    "RDV_FIN",
    "RDV_FIN2",
    "OVA_FIN",
    "MVA_FIN",
    "OVA_INT",
    "MVA_INT",
    "DDC_FIN",
    "DDC_INT",
    "ODC",
    "MDC",
)

#: KWW's 9 terms of country gross exports.
KWW_TERMS: tuple[str, ...] = (
    "DVA_FIN",
    "DVA_INT",
    "DVA_INTrex",
    "RDV_FIN",
    "RDV_INT",
    "DDC",
    "FVA_FIN",
    "FVA_INT",
    "FDC",
)

#: Which WWZ terms add up to each KWW term (Wang, Wei and Zhu 2013, section 4; the same
#: grouping as decompr's ``wwz2kww``). Exact once summed over partners.
KWW_FROM_WWZ: dict[str, tuple[str, ...]] = {
    "DVA_FIN": ("DVA_FIN",),
    "DVA_INT": ("DVA_INT", "DVA_INTrexI1"),
    "DVA_INTrex": ("DVA_INTrexF", "DVA_INTrexI2"),
    "RDV_FIN": ("RDV_FIN", "RDV_FIN2"),
    "RDV_INT": ("RDV_INT",),
    "DDC": ("DDC_FIN", "DDC_INT"),
    "FVA_FIN": ("OVA_FIN", "MVA_FIN"),
    "FVA_INT": ("OVA_INT", "MVA_INT"),
    "FDC": ("ODC", "MDC"),
}

#: Borin–Mancini source-based terms (exporting-country perspective).
BM_SOURCE_TERMS: tuple[str, ...] = (
    "DAVAX1",
    "DAVAX2",
    "VAX3",
    "VAX4",
    "REF1",
    "REF2",
    "DDC",
    "FVA",
    "FDC",
)

#: Borin–Mancini sink-based terms.
BM_SINK_TERMS: tuple[str, ...] = BM_SOURCE_TERMS


def _rows(system: System, rows: np.ndarray | None) -> np.ndarray:
    return np.arange(system.n) if rows is None else np.asarray(rows, dtype="int64")


def _final_pieces(system: System) -> dict[str, np.ndarray]:
    """Final demand split by where it is absorbed, per producing row."""
    own_final = system.own(system.Y)
    total = system.Y.sum(axis=1)
    return {"own": own_final, "total": total, "exported": total - own_final}


def _gross_exports(system: System, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """E_sr for the rows (m × G) and total exports E_s* of every row (n)."""
    every = system.exports()
    return every[rows], every.sum(axis=1)


def wwz_terms(system: System, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The 16 WWZ terms (16 × m × G, order :data:`WWZ_TERMS`) and the exports E_sr.

    With ``B_rr`` the diagonal blocks of B, ``B_d`` their block-diagonal matrix and
    ``B_m = B − B_d``, the bracketed vectors of WWZ eq. (37) are, for j ∈ r and
    exporter s (D = B·[Y_tt by t], Q = B·[Y_t* by t], H = B_d Y):
    ``B_rr Y_rr`` = D[j, r]; ``Σ_{t≠s,r} B_rt Y_tt`` = ΣD[j] − D[j, r] − D[j, s];
    ``B_rr Σ_{t≠s,r} Y_rt`` = (B_d Y_·*)[j] − D[j, r] − H[j, s];
    ``Σ_{t≠s,r} B_rt Σ_{u≠s,t} Y_tu`` = (B_m Y_exp)[j] − Q[j, s] − (B_m Y)[j, s] + D[j, s];
    ``B_rr Y_rs`` = H[j, s]; ``Σ_{t≠s,r} B_rt Y_ts`` = (B_m Y)[j, s] − D[j, s];
    ``B_rs Y_ss`` = D[j, s]; ``B_rs Y_s*`` = Q[j, s]; each is then pre-multiplied by
    ``A_sr`` (:meth:`System.per_j` / :meth:`System.per_js`).
    """
    rows = _rows(system, rows)
    G = system.G
    C, Y = system.C, system.Y
    final = _final_pieces(system)
    stacked = system.solve(np.hstack([Y * C, Y, C * final["exported"][:, None]]))
    D, BY, Q = stacked[:, :G], stacked[:, G : 2 * G], stacked[:, 2 * G :]
    H = system.diagonal_b(Y)
    d_own = system.own(D)
    E, E_total = _gross_exports(system, rows)
    vectors = np.column_stack(
        [
            d_own,  # B_rr Y_rr
            D.sum(axis=1) - d_own,  # Σ_{t≠r} B_rt Y_tt
            H.sum(axis=1) - d_own,  # B_rr Σ_{t≠r} Y_rt
            Q.sum(axis=1) - system.own(Q),  # B_m Y_exp
            system.x,  # x_r
            system.local(final["own"]),  # L_rr Y_rr
            system.local(E_total),  # L_rr E_r*
        ]
    )
    pj = system.per_j(vectors, rows)
    BmY = BY - H
    jsD, jsH = system.per_js(D, rows), system.per_js(H, rows)
    jsQ, jsBmY = system.per_js(Q, rows), system.per_js(BmY, rows)
    vbc = system.vb_by_country(rows)
    dB = system.domestic_b(vbc, rows)[:, None]
    dL = system.domestic_l()[rows][:, None]
    mine = vbc.T  # V_r B_rs, m × G
    other = (1.0 - dB) - mine  # Σ_{t≠s,r} V_t B_ts
    Efd = system.final_exports()[rows]
    terms = np.empty((16, len(rows), G))
    terms[0] = dB * Efd
    terms[1] = dL * pj[:, :, 0]
    terms[2] = dL * (pj[:, :, 1] - jsD)
    terms[3] = dL * (pj[:, :, 2] - jsH)
    terms[4] = dL * (pj[:, :, 3] - jsQ - jsBmY + jsD)
    terms[5] = dL * jsD
    terms[6] = dL * jsH
    terms[7] = dL * (jsBmY - jsD)
    terms[8] = other * Efd
    terms[9] = mine * Efd
    terms[10] = other * pj[:, :, 5]
    terms[11] = mine * pj[:, :, 5]
    terms[12] = dL * jsQ
    terms[13] = (dB - dL) * pj[:, :, 4]
    terms[14] = other * pj[:, :, 6]
    terms[15] = mine * pj[:, :, 6]
    own = system.C[rows].astype(bool)
    terms[:, own] = 0.0
    return terms, E


def kww_from_wwz(terms: np.ndarray) -> np.ndarray:
    """Group the 16 WWZ terms (16 × …) into KWW's 9 (9 × …), :data:`KWW_FROM_WWZ`."""
    index = {name: i for i, name in enumerate(WWZ_TERMS)}
    return np.stack([sum(terms[index[part]] for part in parts) for parts in KWW_FROM_WWZ.values()])


def _extraction(system: System) -> np.ndarray:
    """``M_s = B_ss⁻¹ L_ss`` for each country (G × N × N).

    The inverse with country s's export coefficients removed, ``B^{/s} = (I − A^{/s})⁻¹``,
    has column block ``B^{/s}_{·s} = B_{·s} M_s`` and ``B^{/s} = B − B^{/s}_{·s} A_{s,−s}
    B_{−s,·}`` (a rank-N update of B), so no further n × n inverse is formed.
    """
    out: np.ndarray = np.linalg.solve(system.diagonal_blocks, system.L)
    return out


def bm_terms(
    system: System, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Borin–Mancini source-based and sink-based terms (9 × m × G each) and E_sr.

    Source-based (value added counted when it first leaves s; ``dL = V_s L_ss``):
    DAVAX1 = dL # Y_sr; DAVAX2 = dL # A_sr L_rr Y_rr; VAX3 = dL # A_sr L_rr Σ_{j≠r,s}
    Y_rj; VAX4 = dL # A_sr L_rr Σ_{j≠r} A_rj Σ_k B_jk Σ_{l≠s} Y_kl; REF1 = dL # A_sr
    L_rr Y_rs; REF2 = dL # A_sr L_rr Σ_{j≠r} A_rj Σ_k B_jk Y_ks; DDC = V_s(B_ss − L_ss)
    # E_sr; FVA = Σ_t V_t B^{/s}_ts # E_sr; FDC = Σ_t V_t (B_ts − B^{/s}_ts) # E_sr.

    Sink-based (counted the last time it leaves s; ``dB = V_s B_ss``): the same
    structure with dB, the output of third countries traced through ``B^{/s}`` (s's
    exports removed), and the double counting ``A_sr L_rr Σ_{j≠r} A_rj B^{/s}_js
    E_s*`` split between DDC (dB) and FDC (foreign content); FVA = foreign content of
    the rest.
    """
    rows = _rows(system, rows)
    G = system.G
    C, Y, x = system.C, system.Y, system.x
    final = _final_pieces(system)
    E, E_total = _gross_exports(system, rows)
    BY = system.BY
    P = system.per_j_dense(BY)
    LY = system.local(Y)
    LP = system.local(P)
    M = _extraction(system)
    # sink: third-country output by what drives it, through B^{/s}
    g = np.zeros((system.n, G))
    h = np.zeros((system.n, G))
    for s in range(G):
        block = system.block(s)
        g[block, s] = M[s] @ P[block, s]
        h[block, s] = M[s] @ E_total[block]
    corrections = system.solve(np.hstack([g, h]))
    p = BY - corrections[:, :G]  # B^{/s} Y_·s
    d = corrections[:, G:]  # B^{/s}_·s E_s*
    u = x[:, None] - p - d  # B^{/s} (Y^{/s} 1 − Y_·s)
    W = system.local(system.per_j_dense(np.hstack([u, p, d])))
    Wu, Wp, Wd = W[:, :G], W[:, G : 2 * G], W[:, 2 * G :]
    pj = system.per_j(
        np.column_stack(
            [system.local(final["own"]), system.local(final["exported"]), LP.sum(axis=1)]
        ),
        rows,
    )
    jsLY, jsLP = system.per_js(LY, rows), system.per_js(LP, rows)
    vbc = system.vb_by_country(rows)
    dB = system.domestic_b(vbc, rows)[:, None]
    dL = system.domestic_l()[rows][:, None]
    fB = 1.0 - dB
    # foreign content with s's exports extracted: (Σ_t V_t B_ts) B_ss⁻¹ L_ss
    foreign_x = np.empty(len(rows))
    countries = system.country[rows]
    for s in np.unique(countries):
        block = system.block(int(s))
        row_vector = 1.0 - vbc_full_block(system, int(s))
        local = row_vector @ M[s]
        where = countries == s
        foreign_x[where] = local[rows[where] - block.start]
    fBx = foreign_x[:, None]
    Efd = system.final_exports()[rows]
    vax3 = pj[:, :, 1] - jsLY
    vax4 = pj[:, :, 2] - jsLP
    source = np.stack(
        [
            dL * Efd,
            dL * pj[:, :, 0],
            dL * vax3,
            dL * vax4,
            dL * jsLY,
            dL * jsLP,
            (dB - dL) * E,
            fBx * E,
            (fB - fBx) * E,
        ]
    )
    jsWu, jsWp, jsWd = (system.per_js(w, rows) for w in (Wu, Wp, Wd))
    sink = np.stack(
        [
            dB * Efd,
            dB * pj[:, :, 0],
            dB * vax3,
            dB * jsWu,
            dB * jsLY,
            dB * jsWp,
            dB * jsWd,
            fB * (E - jsWd),
            fB * jsWd,
        ]
    )
    own = C[rows].astype(bool)
    source[:, own] = 0.0
    sink[:, own] = 0.0
    return source, sink, E


def vbc_full_block(system: System, s: int) -> np.ndarray:
    """``Σ_{k∈s} v_k B_ki`` for the N columns i of country s."""
    out: np.ndarray = system.vb_by_country()[s, system.block(s)]
    return out
