"""Validation of input–output tables: labels, shapes, signs, balances, productivity.

Every check raises :class:`pflab.errors.DataValidationError` naming the table, the
sector (row) or column and what was expected, so that a user who built a table from a
file knows where to look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError

__all__ = [
    "Balance",
    "as_matrix",
    "as_vector",
    "check_balance",
    "check_finite",
    "check_nonnegative",
    "check_productive",
    "check_rows_labels",
    "safe_divide",
    "spectral_radius",
]


def check_rows_labels(codes: Sequence[str], names: Sequence[str], where: str) -> None:
    """Codes are non-empty and unique, and there is one name per code."""
    if len(codes) == 0:
        raise DataValidationError("the table has no sectors", path=where)
    empty = [i for i, c in enumerate(codes) if not str(c).strip()]
    if empty:
        raise DataValidationError(f"sector code at position {empty[0] + 1} is empty", path=where)
    seen: dict[str, int] = {}
    for i, code in enumerate(codes):
        if code in seen:
            raise DataValidationError(
                f"sector code {code!r} appears twice (positions {seen[code] + 1} and {i + 1})",
                path=where,
            )
        seen[code] = i
    if len(names) != len(codes):
        raise DataValidationError(
            f"{len(codes)} sector codes but {len(names)} sector names", path=where
        )


def as_matrix(
    value: pd.DataFrame | np.ndarray,
    *,
    rows: Sequence[str],
    columns: Sequence[str] | None,
    name: str,
    where: str,
) -> tuple[np.ndarray, tuple[str, ...]]:
    """A float64 matrix with checked labels and shape; returns it with its column labels.

    A DataFrame must carry the sector codes as index (in any order; it is reordered) and,
    when ``columns`` is given, those columns. A bare array must have the right shape.
    """
    if isinstance(value, pd.DataFrame):
        index = [str(i) for i in value.index]
        missing = [c for c in rows if c not in set(index)]
        extra = [c for c in index if c not in set(rows)]
        if missing or extra:
            detail = f"missing sectors {missing[:5]}" if missing else f"unknown sectors {extra[:5]}"
            raise DataValidationError(
                f"{name}: rows do not match the sector codes ({detail})", path=where
            )
        frame = value.copy()
        frame.index = index
        frame.columns = [str(c) for c in frame.columns]
        frame = frame.loc[list(rows)]
        if columns is not None:
            missing = [c for c in columns if c not in set(frame.columns)]
            extra = [c for c in frame.columns if c not in set(columns)]
            if missing or extra:
                detail = f"missing {missing[:5]}" if missing else f"unknown {extra[:5]}"
                raise DataValidationError(f"{name}: columns do not match ({detail})", path=where)
            frame = frame[list(columns)]
        labels = tuple(str(c) for c in frame.columns)
        try:
            array = frame.to_numpy(dtype="float64")
        except (TypeError, ValueError) as exc:
            raise DataValidationError(f"{name}: non-numeric values ({exc})", path=where) from None
        return np.array(array, dtype="float64", copy=True), labels
    array = np.array(value, dtype="float64", copy=True)
    if array.ndim != 2 or array.shape[0] != len(rows):
        raise DataValidationError(
            f"{name} has shape {array.shape} but the table has {len(rows)} sectors", path=where
        )
    if columns is not None and array.shape[1] != len(columns):
        raise DataValidationError(
            f"{name} has {array.shape[1]} columns but {len(columns)} column labels", path=where
        )
    labels = tuple(columns) if columns is not None else tuple(str(i) for i in range(array.shape[1]))
    return array, labels


def as_vector(
    value: pd.Series | np.ndarray | Sequence[float], *, rows: Sequence[str], name: str, where: str
) -> np.ndarray:
    """A float64 vector with one entry per sector (a Series is aligned on its index)."""
    if isinstance(value, pd.Series):
        index = [str(i) for i in value.index]
        missing = [c for c in rows if c not in set(index)]
        if missing or len(index) != len(rows):
            raise DataValidationError(
                f"{name}: index does not match the sector codes (missing {missing[:5]})", path=where
            )
        series = value.copy()
        series.index = index
        return np.array(series.loc[list(rows)].to_numpy(dtype="float64"), copy=True)
    array = np.array(value, dtype="float64", copy=True).reshape(-1)
    if array.shape[0] != len(rows):
        raise DataValidationError(
            f"{name} has {array.shape[0]} entries but the table has {len(rows)} sectors", path=where
        )
    return array


def check_finite(
    array: np.ndarray, *, name: str, rows: Sequence[str], columns: Sequence[str], where: str
) -> None:
    """No NaN or infinite values; the first offending cell is named."""
    bad = np.argwhere(~np.isfinite(array.reshape(array.shape[0], -1)))
    if len(bad):
        i, j = (int(v) for v in bad[0])
        raise DataValidationError(
            f"{name} has a missing or infinite value ({len(bad)} cells in all); expected numbers",
            path=where,
            row=rows[i],
            column=columns[j] if array.ndim == 2 else name,
        )


def check_nonnegative(
    array: np.ndarray,
    *,
    name: str,
    rows: Sequence[str],
    columns: Sequence[str],
    where: str,
    allowed: Sequence[str] = (),
) -> None:
    """Flows are non-negative except in the ``allowed`` (signed) columns."""
    mask = array < 0
    if array.ndim == 2 and allowed:
        keep = np.array([c in set(allowed) for c in columns])
        mask[:, keep] = False
    bad = np.argwhere(mask.reshape(array.shape[0], -1))
    if len(bad):
        i, j = (int(v) for v in bad[0])
        value = array[i, j] if array.ndim == 2 else array[i]
        raise DataValidationError(
            f"{name} has a negative flow {value:.6g} ({len(bad)} negative cells in all); flows "
            f"must be non-negative (signed columns: {', '.join(allowed) or 'none'})",
            path=where,
            row=rows[i],
            column=columns[j] if array.ndim == 2 else name,
        )


@dataclass(frozen=True)
class Balance:
    """How well a table adds up: the largest residuals found at construction.

    Attributes
    ----------
    row
        Largest |intermediate use + final use − gross output| / gross output over sectors.
    column
        Largest |intermediate inputs + imports + other inputs + value added − gross output|
        / gross output over sectors.
    row_sector, column_sector
        Where those largest residuals are.
    rtol, atol
        The tolerances the table was checked against (relative; absolute per summed cell).
    """

    row: float
    column: float
    row_sector: str
    column_sector: str
    rtol: float
    atol: float

    def describe(self) -> str:
        """One sentence for notes and summaries."""
        return (
            f"largest row imbalance {self.row:.2g} (sector {self.row_sector}), column imbalance "
            f"{self.column:.2g} (sector {self.column_sector}) of gross output"
        )


def _largest(residual: np.ndarray, scale: np.ndarray, codes: Sequence[str]) -> tuple[float, str]:
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(scale > 0, np.abs(residual) / scale, 0.0)
    if relative.size == 0:
        return 0.0, ""
    k = int(np.argmax(relative))
    return float(relative[k]), codes[k]


def check_balance(
    *,
    residual: np.ndarray,
    gross_output: np.ndarray,
    cells: int,
    codes: Sequence[str],
    names: Sequence[str],
    what: str,
    parts: str,
    rtol: float,
    atol: float,
    where: str,
) -> tuple[float, str]:
    """Check one accounting identity sector by sector; return the largest relative residual.

    The tolerance of sector ``i`` is ``max(rtol·|x_i|, atol·cells, 1e-12·max|x|)``: ``atol`` is half
    the rounding unit of the published numbers, so a sum of ``cells`` rounded numbers may
    be off by at most ``atol·cells``.
    """
    scale = np.abs(gross_output)
    # a floor at floating-point noise of the largest sector (zero-output sectors)
    floor = 1e-12 * float(scale.max()) if scale.size else 0.0
    tolerance = np.maximum(np.maximum(rtol * scale, atol * cells), floor)
    bad = np.nonzero(np.abs(residual) > tolerance)[0]
    if len(bad):
        i = int(bad[np.argmax(np.abs(residual[bad]) / np.maximum(tolerance[bad], 1e-300))])
        raise DataValidationError(
            f"{what} does not balance for sector {codes[i]!r} ({names[i]}): {parts} differs from "
            f"gross output {gross_output[i]:.6g} by {residual[i]:.6g} (tolerance "
            f"{tolerance[i]:.3g}; {len(bad)} sectors fail)",
            path=where,
            row=codes[i],
        )
    return _largest(residual, scale, codes)


def safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Column-wise ``numerator / denominator`` with 0 where the denominator is 0."""
    den = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, numerator / np.where(den != 0, den, 1.0), 0.0)
    return np.asarray(out, dtype="float64")


def spectral_radius(a: np.ndarray, *, dense_limit: int = 2500) -> float:
    """Spectral radius of a square matrix.

    Uses the eigenvalues for up to ``dense_limit`` rows. Larger non-negative matrices use
    the bound ρ(A) ≤ min(max column sum, max row sum) when it is below 1, else power
    iteration (the Perron root of a non-negative matrix).
    """
    n = a.shape[0]
    if n == 0:
        return 0.0
    if n <= dense_limit:
        return float(np.max(np.abs(np.linalg.eigvals(a))))
    bound = float(min(np.abs(a).sum(axis=0).max(), np.abs(a).sum(axis=1).max()))
    if bound < 1.0:
        return bound
    v = np.full(n, 1.0 / n)
    estimate = 0.0
    for _ in range(500):
        w = np.abs(a) @ v
        norm = float(w.sum())
        if norm == 0.0:
            return 0.0
        w /= norm
        if abs(norm - estimate) <= 1e-10 * norm:
            return norm
        estimate, v = norm, w
    return estimate


def check_productive(
    a: np.ndarray, codes: Sequence[str], names: Sequence[str], where: str
) -> float:
    """The domestic coefficient matrix is productive: spectral radius below 1.

    Returns the spectral radius. On failure the message names the sectors whose
    domestic input coefficients sum to 1 or more.
    """
    radius = spectral_radius(a)
    if not radius < 1.0:
        sums = a.sum(axis=0)
        over = [f"{codes[j]} ({names[j]}): {sums[j]:.4g}" for j in np.nonzero(sums >= 1.0)[0][:5]]
        detail = "; column sums ≥ 1: " + ", ".join(over) if over else ""
        raise DataValidationError(
            f"the domestic coefficient matrix is not productive: spectral radius {radius:.6g} "
            f"≥ 1, so (I − A) has no non-negative inverse{detail}",
            path=where,
        )
    return radius
