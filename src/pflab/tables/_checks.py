"""Checks of input–output table blocks: labels, shapes, finite values, signs, balances.

Every check raises :class:`pflab.errors.DataValidationError` naming the table, the
sector (row) or column and what was expected, so that a user who built a table from a
file knows where to look.

Label checks run in linear time: each set of labels is built once per block, never
inside a comprehension over the other labels (which made validating a 153-sector table
quadratic, half a second to unpickle China's 2020 table). Productivity is checked by
power iteration on the non-negative coefficient matrix (O(n²) per step), with the
eigenvalues as the fallback when it does not converge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError
from pflab.tables.linalg import spectral_radius

__all__ = [
    "Balance",
    "as_matrix",
    "as_vector",
    "check_balance",
    "check_finite",
    "check_nonnegative",
    "check_productive",
    "check_rows_labels",
    "label_mismatch",
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


def label_mismatch(expected: Sequence[str], given: Sequence[str]) -> tuple[list[str], list[str]]:
    """Labels of ``expected`` missing from ``given``, and labels of ``given`` not expected.

    Each side's set is built once, so the check is linear in the number of labels.
    """
    have, want = set(given), set(expected)
    return [c for c in expected if c not in have], [c for c in given if c not in want]


def _positions(
    labels: pd.Index, wanted: Sequence[str], what: str, name: str, where: str
) -> np.ndarray:
    """Positions of ``wanted`` in ``labels`` (compared as text), or an error naming the
    labels that are missing or not expected."""
    text = pd.Index(labels.astype(str))
    if text.has_duplicates:
        dup = text[text.duplicated()].tolist()[:5]
        raise DataValidationError(f"{name}: {what} {dup} appear twice", path=where)
    positions = np.asarray(text.get_indexer(list(wanted)))
    if (positions < 0).any() or len(text) != len(wanted):
        missing, extra = label_mismatch(wanted, text.tolist())
        detail = f"missing {what} {missing[:5]}" if missing else f"unknown {what} {extra[:5]}"
        head = "rows do not match the sector codes" if what == "sectors" else "columns do not match"
        raise DataValidationError(f"{name}: {head} ({detail})", path=where)
    return positions


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
    Labels are matched through one hash index per block: linear in the number of labels.
    """
    if isinstance(value, pd.DataFrame):
        row_at = _positions(value.index, rows, "sectors", name, where)
        if columns is None:
            labels = tuple(str(c) for c in value.columns)
            col_at = np.arange(len(labels))
        else:
            labels = tuple(str(c) for c in columns)
            col_at = _positions(value.columns, labels, "columns", name, where)
        try:
            array = value.to_numpy(dtype="float64")
        except (TypeError, ValueError) as exc:
            raise DataValidationError(f"{name}: non-numeric values ({exc})", path=where) from None
        return np.ascontiguousarray(array[np.ix_(row_at, col_at)]), labels
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
        at = _positions(value.index, rows, "sectors", name, where)
        try:
            data = value.to_numpy(dtype="float64")
        except (TypeError, ValueError) as exc:
            raise DataValidationError(f"{name}: non-numeric values ({exc})", path=where) from None
        return np.ascontiguousarray(data[at])
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
        signed = set(allowed)
        keep = np.array([c in signed for c in columns], dtype=bool)
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


def check_productive(
    a: np.ndarray, codes: Sequence[str], names: Sequence[str], where: str
) -> float:
    """The domestic coefficient matrix is productive: spectral radius below 1.

    Returns the spectral radius. On failure the message names the sectors whose
    domestic input coefficients sum to 1 or more.
    """
    radius = spectral_radius(a, nonnegative=bool((a >= 0).all()))
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
