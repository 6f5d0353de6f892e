"""Mergeable quantile sketches: exact integer counts on a fixed logarithmic grid.

Monte Carlo chunks are summarised without keeping their draws. A value ``v`` falls in
bin ``k = ⌈log_γ(|v|/v₀)⌉`` on its sign's side (``|v| < v₀`` counts as zero), as in
DDSketch (Masson, Rim and Lee 2019, *PVLDB* 12(12)); the bin's representative value
``v₀ γ^k · 2/(γ+1)`` is within a relative error ``(γ−1)/(γ+1)`` (0.1 % for γ = 1.002) of
every value in the bin. Counts are integers, so merging sketches in any order gives the
same result; this is what makes quantiles identical on every backend.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["GAMMA", "Sketch", "SketchSum"]

#: Bin ratio; the relative error of a quantile is at most (γ−1)/(γ+1).
GAMMA = 1.002
_LG = math.log(GAMMA)
_V0 = 1e-7
_VMAX = 1e4
_KMAX = math.ceil(math.log(_VMAX / _V0) / _LG)
_NB = 2 * _KMAX + 1


def _keys(values: NDArray[np.float64], dtype: type = np.int64) -> NDArray[np.integer]:
    """Bin of each value: ``_KMAX ± ⌈log_γ(|v|/v₀)⌉`` (clipped), ``_KMAX`` for ``|v| < v₀``."""
    k = np.abs(values)
    np.maximum(k, _V0, out=k)
    np.log(k, out=k)
    k -= math.log(_V0)
    k *= 1.0 / _LG
    np.ceil(k, out=k)
    np.minimum(k, _KMAX, out=k)
    np.copysign(k, values, out=k)
    k += _KMAX
    return k.astype(dtype)


def _run_starts(ordered: NDArray[np.integer]) -> NDArray[np.intp]:
    """Index of the first element of each run of equal values in a non-empty sorted array."""
    starts = np.empty(ordered.size, dtype=np.bool_)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return np.flatnonzero(starts)


def _representative(keys: NDArray[np.int64]) -> NDArray[np.float64]:
    k = keys - _KMAX
    mag = _V0 * GAMMA ** np.abs(k).astype(np.float64) * 2.0 / (GAMMA + 1.0)
    return np.where(k == 0, 0.0, np.sign(k) * mag)


@dataclass
class Sketch:
    """Counts of values per (column, bin) for a ``cols``-column metric.

    Attributes
    ----------
    cols
        Number of columns (e.g. projected years).
    keys
        Sorted ``column * n_bins + bin`` codes with a non-zero count.
    counts
        The counts.
    """

    cols: int
    keys: NDArray[np.int64]
    counts: NDArray[np.int64]

    @classmethod
    def empty(cls, cols: int) -> Sketch:
        """A sketch with no values."""
        return cls(cols, np.zeros(0, np.int64), np.zeros(0, np.int64))

    @classmethod
    def of(cls, values: NDArray[np.float64], *, finite: bool | None = None) -> Sketch:
        """Sketch of a ``(draws, cols)`` array (NaN and ±inf values are not counted).

        Bin codes ``column · n_bins + bin`` are computed first and sorted per column as
        32-bit integers; the counts are the lengths of runs of equal codes (no dense array
        over the bin range). ``finite=True`` promises that every value is finite (a caller
        that knows the column sums are finite) and skips the check.
        """
        values = np.asarray(values, dtype=np.float64)
        if values.ndim == 1:
            values = values[:, None]
        cols = values.shape[1]
        rows = np.ascontiguousarray(values.T)  # (cols, draws); a view if values is F-ordered
        mask = None if finite else np.isfinite(rows)
        if mask is not None and not mask.all():
            col, row = np.nonzero(mask)
            codes = np.sort(_keys(rows[col, row]) + col * _NB)
        else:
            dtype = np.int64 if cols * _NB >= 2**31 else np.int32
            codes = _keys(rows, dtype)
            offsets: NDArray[np.integer] = (np.arange(cols) * _NB).astype(dtype)
            codes += offsets[:, None]
            codes.sort(axis=1)
            codes = codes.ravel()
        if codes.size == 0:
            return cls.empty(cols)
        first = _run_starts(codes)
        counts = np.diff(first, append=codes.size)
        return cls(cols, codes[first].astype(np.int64), counts.astype(np.int64))

    def merge(self, other: Sketch) -> Sketch:
        """The sketch of both sets of values (order-independent).

        Both key arrays are sorted, so a stable sort of their concatenation is one linear
        merge (timsort finds the two runs).
        """
        if other.cols != self.cols:
            raise ValueError(f"cannot merge sketches of {self.cols} and {other.cols} columns")
        keys = np.concatenate([self.keys, other.keys])
        if keys.size == 0:
            return Sketch.empty(self.cols)
        counts = np.concatenate([self.counts, other.counts])
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        first = _run_starts(keys)
        return Sketch(self.cols, keys[first], np.add.reduceat(counts, first).astype(np.int64))

    def __getstate__(self) -> dict[str, object]:
        """Pickle keys and counts as 32-bit integers when they fit (half the bytes)."""
        small = self.keys.size == 0 or (
            int(self.keys[-1]) < 2**31 and int(self.counts.max()) < 2**31
        )
        dtype = np.int32 if small else np.int64
        return {
            "cols": self.cols,
            "keys": self.keys.astype(dtype),
            "counts": self.counts.astype(dtype),
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.cols = int(state["cols"])  # type: ignore[call-overload]
        self.keys = np.asarray(state["keys"], dtype=np.int64)
        self.counts = np.asarray(state["counts"], dtype=np.int64)

    def count(self) -> NDArray[np.int64]:
        """Number of values per column."""
        return np.bincount(self.keys // _NB, weights=self.counts, minlength=self.cols).astype(
            np.int64
        )

    def quantiles(self, qs: NDArray[np.float64] | list[float]) -> NDArray[np.float64]:
        """``(len(qs), cols)`` quantiles; the value of rank ``⌊q(n−1)⌋`` to 0.1 %."""
        qs = np.asarray(qs, dtype=np.float64)
        out = np.full((len(qs), self.cols), np.nan)
        col = self.keys // _NB
        for c in range(self.cols):
            sel = col == c
            counts = self.counts[sel]
            if counts.size == 0:
                continue
            cum = np.cumsum(counts)
            rank = np.floor(qs * (cum[-1] - 1)).astype(np.int64)
            pos = np.searchsorted(cum, rank + 1, side="left")
            out[:, c] = _representative(self.keys[sel][pos] - c * _NB)
        return out

    def fraction_at_least(self, threshold: float) -> NDArray[np.float64]:
        """Share of values ≥ ``threshold`` per column (to the bin containing it)."""
        col = self.keys // _NB
        vals = _representative(self.keys - col * _NB)
        hit = np.bincount(
            col[vals >= threshold], weights=self.counts[vals >= threshold], minlength=self.cols
        )
        return np.asarray(hit / np.maximum(self.count(), 1))

    def to_bytes(self) -> bytes:
        """Compact serialisation (delta-coded keys, zlib)."""
        head = np.array([self.cols, self.keys.size], dtype=np.int64).tobytes()
        deltas = np.diff(self.keys, prepend=0).astype(np.int64)
        body = deltas.tobytes() + self.counts.astype(np.int64).tobytes()
        return head + zlib.compress(body, 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> Sketch:
        """Inverse of :meth:`to_bytes`."""
        cols, size = np.frombuffer(data[:16], dtype=np.int64)
        body = np.frombuffer(zlib.decompress(data[16:]), dtype=np.int64)
        keys = np.cumsum(body[:size])
        return cls(int(cols), keys.astype(np.int64), body[size:].astype(np.int64).copy())


class SketchSum:
    """Running sum of sketches as dense counts over the whole bin range.

    Adding a chunk's sketch costs one scatter-add of its keys, however many chunks were
    added before (a sparse :meth:`Sketch.merge` re-sorts the accumulated keys each time).
    Memory: ``cols × 2·_KMAX+1`` counts (5.5 MB for 27 yearly columns).
    """

    def __init__(self, cols: int) -> None:
        self.cols = cols
        self.counts = np.zeros(cols * _NB, dtype=np.int64)

    def add(self, sketch: Sketch) -> None:
        """Add the counts of ``sketch`` (same number of columns; keys unique)."""
        if sketch.cols != self.cols:
            raise ValueError(f"cannot add a sketch of {sketch.cols} columns to {self.cols}")
        self.counts[sketch.keys] += sketch.counts

    def sketch(self) -> Sketch:
        """The merged sketch."""
        keys = np.flatnonzero(self.counts)
        return Sketch(self.cols, keys.astype(np.int64), self.counts[keys])
