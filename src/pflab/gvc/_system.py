"""The prepared world system every decomposition works on (plain numpy arrays).

Notation (Wang, Wei and Zhu 2013; Koopman, Wang and Wei 2014): G countries, N sectors,
n = GN country-sectors, region-major. ``A = Z diag(x)⁻¹`` (zero-output columns are
zero), ``v = 1 − 1ᵀA`` the value-added coefficients (so that ``vB = 1ᵀ`` exactly),
``B = (I − A)⁻¹`` the global Leontief inverse, ``L_ss = (I − A_ss)⁻¹`` the local inverses
(one N × N inverse per country), ``Y`` (n × G) final
demand by destination country (all categories, including the row residual), ``E_sr`` the
gross exports of each country-sector i ∈ s to each partner r ≠ s (``A_sr x_r + Y_sr``).

Sums over the off-diagonal blocks of A are the workhorse of the WWZ and Borin–Mancini
terms. :meth:`System.per_j` gives ``Σ_{j∈r} A[i, j] w[j]`` for every i and partner r
(a vector w), :meth:`System.per_js` gives ``Σ_{j∈r} A[i, j] W[j, c(i)]`` (a weight that
depends on the exporting country c(i)); both are one pass over the export coefficients
A_m (A with the domestic blocks zeroed, dense): a batched N-wide matrix product for
per_j, an element-wise product and block sum for per_js, for any subset of exporting
rows.

The global system is factorised once (one LU of I − A per table). Products with B go
through it (:meth:`System.solve`, and the cached ``B Y`` and ``vB`` by country). WWZ and
Borin–Mancini also need the diagonal blocks B_ss of B; :attr:`System.diagonal_blocks`
reads them off the same factorisation with triangular solves on the trailing part of
the factors only (I − A is diagonally dominant by columns, so partial pivoting leaves
the rows in place and column block s of B needs rows ≥ s of L and U), about half the
work of the full inverse :attr:`System.B`, which is formed only if asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.linalg
from scipy.linalg import blas

from pflab.errors import ModelError

__all__ = ["System", "prepare"]

#: Countries whose diagonal blocks of B are solved for together.
_GROUP = 8


@dataclass(frozen=True, eq=False)
class System:
    """A world table ready for value-added decompositions (see the module docstring)."""

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    A: np.ndarray
    v: np.ndarray
    x: np.ndarray
    Y: np.ndarray
    L: np.ndarray
    lu: tuple[np.ndarray, np.ndarray] = field(repr=False)
    country: np.ndarray = field(repr=False)
    C: np.ndarray = field(repr=False)
    Am: np.ndarray = field(repr=False)

    @property
    def G(self) -> int:  # noqa: N802
        """Number of countries."""
        return len(self.regions)

    @property
    def N(self) -> int:  # noqa: N802
        """Number of sectors per country."""
        return len(self.sectors)

    @property
    def n(self) -> int:
        """Number of country-sectors."""
        return self.G * self.N

    def block(self, s: int) -> slice:
        """Rows of country s."""
        return slice(s * self.N, (s + 1) * self.N)

    # -- flows ------------------------------------------------------------------------

    def final_exports(self) -> np.ndarray:
        """n × G final-goods exports Y_sr (own-country column zero)."""
        return np.where(self.C.astype(bool), 0.0, self.Y)

    def intermediate_exports(self) -> np.ndarray:
        """n × G intermediate exports A_sr x_r."""
        return self.per_j(self.x)

    def exports(self) -> np.ndarray:
        """n × G gross exports E_sr."""
        return self.final_exports() + self.intermediate_exports()

    # -- Leontief pieces --------------------------------------------------------------

    def solve(self, W: np.ndarray) -> np.ndarray:
        """``B W`` through the LU factorisation of I − A."""
        out: np.ndarray = scipy.linalg.lu_solve(self.lu, W, check_finite=False)
        return out

    @cached_property
    def B(self) -> np.ndarray:  # noqa: N802
        """The dense global Leontief inverse (formed on first use, from the LU)."""
        return self.solve(np.eye(self.n))

    @cached_property
    def diagonal_blocks(self) -> np.ndarray:
        """The diagonal blocks B_ss of B (G × N × N), from the LU factors.

        Column block s of B is ``U⁻¹ L⁻¹ E_s``; without row interchanges ``L⁻¹ E_s`` is zero
        above block s, so rows ≥ s of both triangular solves suffice. Countries are taken
        eight at a time (one wider solve is faster than eight narrow ones).
        """
        lu, piv = self.lu
        G, N, n = self.G, self.N, self.n
        if not np.array_equal(piv, np.arange(n)):
            full = self.B
            return np.stack([full[self.block(s), self.block(s)] for s in range(G)])
        factors = np.asfortranarray(lu)
        out = np.empty((G, N, N))
        for first in range(0, G, _GROUP):
            members = range(first, min(G, first + _GROUP))
            start, width = first * N, len(members) * N
            part = factors[start:, start:]
            unit = np.zeros((n - start, width), order="F")
            unit[:width] = np.eye(width)
            lower = blas.dtrsm(1.0, part, unit, side=0, lower=1, diag=1, overwrite_b=1)
            cols = blas.dtrsm(1.0, part, lower, side=0, lower=0, diag=0, overwrite_b=1)
            for j, s in enumerate(members):
                out[s] = cols[j * N : (j + 1) * N, j * N : (j + 1) * N]
        return out

    @cached_property
    def BY(self) -> np.ndarray:  # noqa: N802
        """``B Y`` (n × G): output of each country-sector by final destination."""
        return self.solve(self.Y)

    @cached_property
    def _vbc(self) -> np.ndarray:
        out: np.ndarray = scipy.linalg.lu_solve(
            self.lu, self.C * self.v[:, None], trans=1, check_finite=False
        ).T
        return out

    def vb_by_country(self, rows: np.ndarray | None = None) -> np.ndarray:
        """G × len(rows): ``Σ_{k∈t} v_k B_ki``, the value added of country t per unit of
        country-sector i's output (columns sum to one)."""
        return self._vbc if rows is None else self._vbc[:, rows]

    def domestic_b(self, vbc: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """``Σ_{k∈s} v_k B_ki`` for i ∈ s (s = c(i)), from :meth:`vb_by_country`."""
        return vbc[self.country[rows], np.arange(len(rows))]

    def domestic_l(self) -> np.ndarray:
        """``Σ_{k∈s} v_k L_ss[k, i]`` for every i (local inverse)."""
        v = self.v.reshape(self.G, self.N)
        return np.einsum("gk,gki->gi", v, self.L).reshape(-1)

    def local(self, w: np.ndarray) -> np.ndarray:
        """Block-diagonal product ``L w`` (w of n rows, any number of columns)."""
        shaped = w.reshape(self.G, self.N, -1)
        return np.einsum("gij,gjm->gim", self.L, shaped).reshape(w.shape)

    def diagonal_b(self, w: np.ndarray) -> np.ndarray:
        """Block-diagonal product ``B_d w`` with the diagonal blocks B_ss of B."""
        shaped = w.reshape(self.G, self.N, -1)
        return np.einsum("gij,gjm->gim", self.diagonal_blocks, shaped).reshape(w.shape)

    def own(self, W: np.ndarray) -> np.ndarray:
        """``W[j, c(j)]``: each row's entry in its own country's column (W: n × G)."""
        return W[np.arange(self.n), self.country]

    # -- sums over export coefficients ------------------------------------------------

    def per_j(self, w: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """``out[i, r] = Σ_{j∈r} A[i, j] w[j]`` over r ≠ c(i).

        ``w`` is a vector (n) or a stack (n × m); the result is len(rows) × G (× m).
        """
        am = self.Am if rows is None else self.Am[rows]
        stack = w[:, None] if w.ndim == 1 else w
        by_block = am.reshape(len(am), self.G, self.N).transpose(1, 0, 2)
        out = np.matmul(by_block, stack.reshape(self.G, self.N, -1)).transpose(1, 0, 2)
        return out[:, :, 0] if w.ndim == 1 else out

    def per_j_dense(self, W: np.ndarray) -> np.ndarray:
        """``A_m W``: the off-diagonal (export) blocks of A times W (n × m)."""
        out: np.ndarray = self.Am @ W
        return out

    def per_js(self, W: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """``out[i, r] = Σ_{j∈r} A[i, j] W[j, c(i)]`` over r ≠ c(i) (W: n × G)."""
        G, N = self.G, self.N
        by_block = W.reshape(G, N, G)  # (partner r, sector j, exporter s)
        if rows is None:
            out: np.ndarray = np.einsum("sirj,rjs->sir", self.Am.reshape(G, N, G, N), by_block)
            return out.reshape(self.n, G)
        exporter = self.country[rows]
        am = self.Am[rows].reshape(len(rows), G, N)
        return np.einsum("irj,rji->ir", am, by_block[:, :, exporter])


def prepare(
    Z: np.ndarray,
    Y: np.ndarray,
    x: np.ndarray,
    regions: tuple[str, ...],
    sectors: tuple[str, ...],
) -> System:
    """Coefficients, the global and local inverses and the export-coefficient index.

    Parameters
    ----------
    Z
        n × n intermediate flows (dense).
    Y
        n × G final demand by destination country.
    x
        Gross output (rows must balance: ``x = Z1 + Y1``).
    regions, sectors
        Labels.

    Raises
    ------
    pflab.errors.ModelError
        If I − A is singular.
    """
    G, N = len(regions), len(sectors)
    n = G * N
    country = np.repeat(np.arange(G), N)
    inv_x = np.divide(1.0, x, out=np.zeros(n), where=x > 0)
    A = Z * inv_x[None, :]
    v = 1.0 - A.sum(axis=0)
    try:
        lu = scipy.linalg.lu_factor(np.eye(n) - A, overwrite_a=True, check_finite=False)
        if not np.all(np.isfinite(lu[0])) or np.any(np.diag(lu[0]) == 0):
            raise np.linalg.LinAlgError("zero pivot")
        blocks = np.stack([A[s * N : (s + 1) * N, s * N : (s + 1) * N] for s in range(G)])
        L = np.linalg.inv(np.eye(N)[None, :, :] - blocks)
    except (np.linalg.LinAlgError, scipy.linalg.LinAlgError, ValueError) as exc:
        raise ModelError(f"I - A is singular: the table is not productive ({exc})") from exc
    C = (country[:, None] == np.arange(G)[None, :]).astype("float64")
    Am = A.copy()
    for s in range(G):
        Am[s * N : (s + 1) * N, s * N : (s + 1) * N] = 0.0
    return System(
        regions=regions,
        sectors=sectors,
        A=A,
        v=v,
        x=x,
        Y=Y,
        L=L,
        lu=lu,
        country=country,
        C=C,
        Am=Am,
    )
