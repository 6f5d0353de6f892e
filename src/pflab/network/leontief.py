"""Leontief quantities without forming the inverse.

With technical coefficients A = Z diag(x)⁻¹ (zero-output columns set to 0), gross
output needed for final demand f is x = (I − A)⁻¹ f = L f (Miller & Blair 2009, eq. 2.11),
and a row vector of direct intensities s gives total (direct + indirect) intensities
m' = s' L. Both are linear solves with I − A or its transpose; pflab solves them

- by one LU factorisation of I − A reused for every right-hand side (``method="lu"``,
  the default up to a few thousand sectors), or
- by restarted GMRES on the operator v ↦ v − Z (v / x), which touches Z once per
  iteration and never forms A, L or any other n × n array (``method="gmres"``, the
  default for large systems such as multi-regional tables). All right-hand sides share
  one Krylov iteration; each column is scaled to unit norm first, so the tolerance is
  relative per column.

A dense inverse is formed only by :meth:`LeontiefSolver.inverse`, on request.

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input–Output Analysis: Foundations and
Extensions*, 2nd ed., Cambridge University Press, ch. 2.
Saad, Y. and Schultz, M. H. (1986), "GMRES: A Generalized Minimal Residual Algorithm for
Solving Nonsymmetric Linear Systems", *SIAM J. Sci. Stat. Comput.* 7(3): 856–869.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
import scipy.linalg as sla
import scipy.sparse.linalg as spla

from pflab.data.iotables.table import IOTable
from pflab.errors import ModelError, ParameterError

__all__ = [
    "LeontiefSolver",
    "coefficients",
    "leontief_inverse",
    "output_for",
    "solver_for",
    "technical_coefficients",
]

Method = Literal["auto", "lu", "gmres"]

#: Up to this many sectors ``method="auto"`` uses a dense LU factorisation.
LU_LIMIT = 1000

#: Above :data:`LU_LIMIT`, ``method="auto"`` solves blocks of up to this many right-hand
#: sides by GMRES; larger blocks pay for one LU factorisation, reused afterwards.
GMRES_MAX_RHS = 8


def coefficients(flows: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Column coefficients ``flows / output`` with zero-output columns set to 0."""
    out = np.zeros_like(flows, dtype="float64")
    positive = output != 0
    out[:, positive] = flows[:, positive] / output[positive]
    return out


def technical_coefficients(table: IOTable, *, imports: bool = False) -> pd.DataFrame:
    """Domestic (or imported) input coefficients A = Z diag(x)⁻¹.

    Parameters
    ----------
    table
        The input–output table.
    imports
        Return the imported-input coefficients Aᵐ = Zᵐ diag(x)⁻¹ instead.

    Raises
    ------
    pflab.errors.ModelError
        If ``imports`` is asked for and the table has no imported block.
    """
    flows = table.Z_imports if imports else table.Z
    if flows is None:
        raise ModelError(f"{table.label} has no imported intermediate block")
    a = coefficients(flows.to_numpy(), table.gross_output.to_numpy())
    return pd.DataFrame(a, index=flows.index, columns=flows.columns)


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
            raise ParameterError("A/Z", "give the coefficients A, or the flows Z with the output x")
        if Z is not None and x is None:
            raise ParameterError("x", "the flows Z need the gross output x")
        n = (A if A is not None else Z).shape[0]  # type: ignore[union-attr]
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
        if x is not None:
            xv = np.asarray(x, dtype="float64").reshape(-1)
            self._inv_x = np.divide(1.0, xv, out=np.zeros_like(xv), where=xv != 0)
        else:
            self._inv_x = None
        self._x = None if x is None else np.asarray(x, dtype="float64").reshape(-1)
        self._lu: tuple[np.ndarray, np.ndarray] | None = None
        if self.method == "lu":
            self._factorise()

    def _factorise(self) -> None:
        """One LU factorisation of I − A (forms A from Z and x when needed: n² memory)."""
        a = self._a if self._a is not None else coefficients(self._z, self._x)  # type: ignore[arg-type]
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
        return solution.reshape(n, k, order="F") * scale

    def _solve(self, b: np.ndarray, transpose: bool) -> np.ndarray:
        array = np.asarray(b, dtype="float64")
        vector = array.ndim == 1
        block = array.reshape(self.n, -1)
        if block.shape[0] != self.n:
            raise ParameterError("rhs", f"has {block.shape[0]} rows but the system has {self.n}")
        if self._lu is None and self._auto and block.shape[1] > GMRES_MAX_RHS:
            self._factorise()
        if self._lu is not None:
            out = sla.lu_solve(self._lu, block, trans=1 if transpose else 0, check_finite=False)
        else:
            out = self._gmres(block, transpose)
        return out.reshape(-1) if vector else out

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


def solver_for(table: IOTable, *, method: Method = "auto") -> LeontiefSolver:
    """A solver for a table's domestic system I − A."""
    return LeontiefSolver(technical_coefficients(table).to_numpy(), method=method)


def leontief_inverse(table: IOTable) -> pd.DataFrame:
    """The dense Leontief inverse L = (I − A)⁻¹ of a table's domestic coefficients."""
    inverse = solver_for(table).inverse()
    return pd.DataFrame(inverse, index=list(table.codes), columns=list(table.codes))


def output_for(table: IOTable, final_demand: pd.Series | np.ndarray) -> pd.Series:
    """Gross output x = L f needed to deliver a final-demand vector f (domestic goods).

    Parameters
    ----------
    table
        The input–output table.
    final_demand
        Final demand by sector (a Series aligned on the sector codes, or an array).
    """
    if isinstance(final_demand, pd.Series):
        missing = [c for c in table.codes if c not in final_demand.index]
        if missing:
            raise ParameterError("final_demand", f"no value for sectors {missing[:5]}")
        f = final_demand.loc[list(table.codes)].to_numpy(dtype="float64")
    else:
        f = np.asarray(final_demand, dtype="float64")
    return pd.Series(solver_for(table).solve(f), index=list(table.codes), name="gross_output")
