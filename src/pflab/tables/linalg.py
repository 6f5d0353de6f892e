"""The linear algebra every input–output computation shares: one of each mechanism.

- :func:`safe_divide` — element-wise division with a fill value where the denominator
  is zero (zero-output sectors), and :func:`coefficients`, column coefficients
  ``flows / output`` built on it;
- :func:`perron_root` — power iteration for the spectral radius (Perron root) of a
  non-negative operator given as a matrix–vector product, and :func:`spectral_radius`;
- :class:`LeontiefSolver` — solves (I − A) X = B and (I − A)ᵀ X = B without forming the
  Leontief inverse: one LU factorisation reused for every right-hand side up to
  :data:`LU_LIMIT` sectors, restarted GMRES on v ↦ v − Z (v / x) above it.

Every table keeps one solver (:meth:`pflab.tables.IOTable.solver`), so all analyses of
one table share a single factorisation.

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input–Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 2.
Saad, Y. and Schultz, M. H. (1986), "GMRES: A Generalized Minimal Residual Algorithm for
Solving Nonsymmetric Linear Systems", *SIAM J. Sci. Stat. Comput.* 7(3): 856–869.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from pflab.errors import ModelError, ParameterError

__all__ = [
    "GMRES_MAX_RHS",
    "LU_LIMIT",
    "LeontiefSolver",
    "Method",
    "coefficients",
    "perron_root",
    "safe_divide",
    "spectral_radius",
]

Method = Literal["auto", "lu", "gmres"]

#: Up to this many sectors ``method="auto"`` uses a dense LU factorisation.
LU_LIMIT = 1000

#: Above :data:`LU_LIMIT`, ``method="auto"`` solves blocks of up to this many right-hand
#: sides by GMRES; larger blocks pay for one LU factorisation, reused afterwards.
GMRES_MAX_RHS = 8


def safe_divide(numerator: Any, denominator: Any, *, fill: float = 0.0) -> np.ndarray:
    """``numerator / denominator`` element-wise (broadcast), ``fill`` where the denominator is 0.

    Examples
    --------
    >>> safe_divide([1.0, 2.0], [2.0, 0.0]).tolist()
    [0.5, 0.0]
    """
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    out = np.full(np.broadcast_shapes(num.shape, den.shape), fill, dtype="float64")
    np.divide(num, den, out=out, where=den != 0)
    return out


def coefficients(flows: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Column coefficients ``flows[:, j] / output[j]``, 0 in columns with zero output.

    With ``flows = Z`` this is A = Z diag(x)⁻¹ (Miller & Blair 2009, eq. 2.4); with a
    1 × n row of primary inputs it gives the inputs per unit of output.
    """
    return safe_divide(flows, np.asarray(output, dtype="float64")[None, :])


def _power(
    matvec: Callable[[np.ndarray], np.ndarray], n: int, iterations: int, tol: float
) -> tuple[float, bool]:
    """Power iteration on M + I: (ρ(M) estimate, whether it converged)."""
    if n == 0:
        return 0.0, True
    v = np.full(n, 1.0 / n)
    estimate = 1.0
    for _ in range(iterations):
        w = matvec(v) + v
        norm = float(w.sum())
        if abs(norm - estimate) <= tol * norm:
            return norm - 1.0, True
        estimate, v = norm, w / norm
    return estimate - 1.0, False


def perron_root(
    matvec: Callable[[np.ndarray], np.ndarray],
    n: int,
    *,
    iterations: int = 1000,
    tol: float = 1e-10,
) -> float:
    """Spectral radius of a non-negative n × n operator M by power iteration.

    Iterates on M + I from the uniform vector, ``v ← (M + I) v / ‖(M + I) v‖₁``: for a
    non-negative matrix the growth factor converges to the Perron root plus one
    (Perron–Frobenius), and the shift makes the iteration converge also when M is
    periodic (a bipartite pattern of flows, whose eigenvalues ±ρ defeat plain power
    iteration). Returns the last estimate if ``iterations`` pass without reaching the
    relative tolerance ``tol``.
    """
    return _power(matvec, n, iterations, tol)[0]


def spectral_radius(a: np.ndarray, *, nonnegative: bool = False, dense_limit: int = 2500) -> float:
    """Spectral radius of a square matrix.

    For a ``nonnegative`` matrix (input coefficients) the Perron root by power iteration
    (:func:`perron_root`, O(n²) per iteration) when it converges; otherwise, and for any
    matrix, the eigenvalues (O(n³)) up to ``dense_limit`` rows. Above that, the bound
    ρ(A) ≤ min(max column sum, max row sum) of |A| when it is below 1, else power
    iteration on |A| (exact for a non-negative matrix, an upper bound otherwise).
    """
    n = a.shape[0]
    if n == 0:
        return 0.0
    if nonnegative:
        root, converged = _power(lambda v: a @ v, n, 2000, 1e-13)
        if converged:
            return root
    if n <= dense_limit:
        return float(np.max(np.abs(np.linalg.eigvals(a))))
    absolute = np.abs(a)
    bound = float(min(absolute.sum(axis=0).max(), absolute.sum(axis=1).max()))
    if bound < 1.0:
        return bound
    return perron_root(lambda v: absolute @ v, n, iterations=500)


class LeontiefSolver:
    """Solves (I − A) X = B and (I − A)ᵀ X = B for any number of right-hand sides.

    Parameters
    ----------
    A
        Technical coefficients (n × n). Give either ``A`` or ``Z`` with ``x``.
    Z, x
        Intermediate flows and gross output; GMRES then uses v ↦ v − Z (v / x) and never
        forms A.
    method
        ``"auto"`` (LU up to :data:`LU_LIMIT` sectors; above it GMRES for blocks of up to
        :data:`GMRES_MAX_RHS` right-hand sides and one reused LU for larger blocks),
        ``"lu"`` or ``"gmres"``.
    tol
        Relative residual per right-hand side for GMRES.
    restart, maxiter
        GMRES restart length and maximum number of restarts.

    Attributes
    ----------
    method
        The method chosen (``"auto"`` becomes ``"lu"`` or ``"gmres"``; an automatic GMRES
        solver switches to ``"lu"`` when it meets a large block of right-hand sides).
    iterations
        GMRES iterations of the last solve (0 for LU).
    """

    def __init__(
        self,
        A: np.ndarray | None = None,
        *,
        Z: np.ndarray | None = None,
        x: np.ndarray | None = None,
        method: Method = "auto",
        tol: float = 1e-13,
        restart: int = 60,
        maxiter: int = 50,
    ) -> None:
        if (A is None) == (Z is None):
            raise ParameterError("A", "give the coefficients A, or the flows Z with the output x")
        if Z is not None and x is None:
            raise ParameterError("x", "the flows Z need the gross output x")
        matrix = A if A is not None else Z
        assert matrix is not None
        n = matrix.shape[0]
        if method not in ("auto", "lu", "gmres"):
            raise ParameterError("method", f"{method!r}; expected auto, lu or gmres")
        self.n = n
        self._auto = method == "auto"
        self.method = ("lu" if n <= LU_LIMIT else "gmres") if method == "auto" else method
        self.tol = tol
        self.restart = restart
        self.maxiter = maxiter
        self.iterations = 0
        self._a = A
        self._z = Z
        self._x = None if x is None else np.asarray(x, dtype="float64").reshape(-1)
        self._inv_x = None if self._x is None else safe_divide(1.0, self._x)
        self._lu: tuple[np.ndarray, np.ndarray] | None = None
        if self.method == "lu":
            self._factorise()

    def _factorise(self) -> None:
        """One LU factorisation of I − A (forms A from Z and x when needed: n² memory)."""
        import scipy.linalg as sla

        if self._a is not None:
            a = self._a
        else:
            assert self._z is not None and self._x is not None
            a = coefficients(self._z, self._x)
        self._lu = sla.lu_factor(np.eye(self.n) - a, check_finite=False)
        self.method = "lu"

    # -- operators ------------------------------------------------------------------------

    def _apply(self, v: np.ndarray, transpose: bool) -> np.ndarray:
        """(I − A) v or (I − A)ᵀ v for a block of vectors v (n × k).

        Column by column (matrix–vector products read the matrix once each and are
        memory-bound; a matrix product with a handful of columns is slower in BLAS).
        """
        out = np.empty_like(v)
        for c in range(v.shape[1]):
            col = v[:, c]
            if self._a is not None:
                out[:, c] = col - (col @ self._a if transpose else self._a @ col)
                continue
            z, inv_x = self._z, self._inv_x
            assert z is not None and inv_x is not None
            out[:, c] = col - ((col @ z) * inv_x if transpose else z @ (col * inv_x))
        return out

    def _gmres(self, b: np.ndarray, transpose: bool) -> np.ndarray:
        import scipy.sparse.linalg as spla

        n, k = b.shape
        scale = np.linalg.norm(b, axis=0)
        scale[scale == 0] = 1.0
        rhs = (b / scale).reshape(-1, order="F")
        count = 0

        def matvec(v: np.ndarray) -> np.ndarray:
            nonlocal count
            count += 1
            block = np.asarray(v).reshape(n, k, order="F")
            return self._apply(block, transpose).reshape(-1, order="F")

        operator = spla.LinearOperator((n * k, n * k), matvec=matvec, dtype="float64")
        solution, info = spla.gmres(
            operator,
            rhs,
            rtol=self.tol / np.sqrt(k),
            atol=0.0,
            restart=self.restart,
            maxiter=self.maxiter,
        )
        self.iterations = count
        if info != 0:
            raise ModelError(
                f"GMRES did not reach the relative residual {self.tol:g} in {count} iterations; "
                "the coefficient matrix may be nearly non-productive (try method='lu')"
            )
        return np.asarray(solution).reshape(n, k, order="F") * scale

    def _solve(self, b: np.ndarray, transpose: bool) -> np.ndarray:
        array = np.asarray(b, dtype="float64")
        vector = array.ndim == 1
        if array.shape[0] != self.n:
            raise ParameterError("b", f"has {array.shape[0]} rows but the system has {self.n}")
        block = array.reshape(self.n, -1)
        self.iterations = 0
        if self._lu is None and self._auto and block.shape[1] > GMRES_MAX_RHS:
            self._factorise()
        if self._lu is not None:
            import scipy.linalg as sla

            out = sla.lu_solve(self._lu, block, trans=1 if transpose else 0, check_finite=False)
        else:
            out = self._gmres(block, transpose)
        return np.asarray(out.reshape(-1) if vector else out)

    # -- public API -------------------------------------------------------------------------

    def solve(self, b: np.ndarray) -> np.ndarray:
        """L b = (I − A)⁻¹ b for a vector or an n × k block."""
        return self._solve(b, transpose=False)

    def solve_transpose(self, b: np.ndarray) -> np.ndarray:
        """Lᵀ b: the total intensities m with m' = b' L, for a vector or an n × k block."""
        return self._solve(b, transpose=True)

    def inverse(self) -> np.ndarray:
        """The dense Leontief inverse L = (I − A)⁻¹ (only on request: n² memory)."""
        return self.solve(np.eye(self.n))
