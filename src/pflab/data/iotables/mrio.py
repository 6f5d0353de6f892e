"""The multi-regional input–output table (regions × sectors).

An :class:`MRIOTable` holds the inter-regional flow matrix Z (N × N, N = regions ×
sectors, region-major), final demand Y (N × regions·categories), gross output x and
environmental or social extensions F (stressors × N) with their direct final-demand part
F_Y (stressors × regions·categories), in the layout of pymrio's ``IOSystem``.

Multi-regional tables are large (EXIOBASE has 9,800 sectors: one float64 Z is 768 MB),
so the arrays are **not copied**: the table keeps read-only views on the arrays it is
given, validates them in row blocks, and never forms A or L.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError, ParameterError
from pflab.provenance import Source

__all__ = ["MRIOTable"]

_BLOCK = 512


def _rebuild(kwargs: dict[str, Any]) -> MRIOTable:
    """Recreate a table from its constructor arguments (used by pickle)."""
    return MRIOTable(**kwargs)


def _view(array: np.ndarray | pd.DataFrame, name: str, shape: tuple[int, int]) -> np.ndarray:
    data = array.to_numpy() if isinstance(array, pd.DataFrame) else np.asarray(array)
    if data.dtype != np.float64:
        data = data.astype("float64")
    if data.shape != shape:
        raise DataValidationError(
            f"{name} has shape {data.shape}; expected {shape}", path="MRIO table"
        )
    view = data.view()
    view.flags.writeable = False
    return view


class MRIOTable:
    """A multi-regional input–output table (immutable; arrays are shared, not copied).

    Parameters
    ----------
    regions, sectors
        Region and sector labels; rows are all (region, sector) pairs, region-major.
    Z
        N × N intermediate flows (row supplies column).
    Y
        N × (regions · categories) final demand, columns region-major.
    categories
        Final-demand categories.
    x
        Gross output; default row sums of Z and Y.
    F, F_Y
        Stressors × N extension and stressors × final-demand columns direct impacts.
    stressors, units
        Stressor names and units.
    year, source
        Year and citation.
    rtol
        Relative tolerance of the row balance when ``x`` is given.
    check
        Validate on construction (default).
    """

    __slots__ = (
        "_f",
        "_fy",
        "_x",
        "_y",
        "_z",
        "categories",
        "regions",
        "sectors",
        "source",
        "stressors",
        "units",
        "year",
    )

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    categories: tuple[str, ...]
    stressors: tuple[str, ...]
    units: tuple[str, ...]
    year: int | None
    source: Source
    _z: np.ndarray
    _y: np.ndarray
    _x: np.ndarray
    _f: np.ndarray | None
    _fy: np.ndarray | None

    def __init__(
        self,
        *,
        regions: Sequence[str],
        sectors: Sequence[str],
        Z: np.ndarray | pd.DataFrame,
        Y: np.ndarray | pd.DataFrame,
        categories: Sequence[str],
        x: np.ndarray | pd.Series | None = None,
        F: np.ndarray | pd.DataFrame | None = None,
        F_Y: np.ndarray | pd.DataFrame | None = None,
        stressors: Sequence[str] = (),
        units: Sequence[str] = (),
        year: int | None = None,
        source: Source | None = None,
        rtol: float = 1e-6,
        check: bool = True,
    ) -> None:
        put = object.__setattr__
        regions, sectors, categories = (
            tuple(map(str, regions)),
            tuple(map(str, sectors)),
            tuple(map(str, categories)),
        )
        for label, values in (
            ("regions", regions),
            ("sectors", sectors),
            ("categories", categories),
        ):
            if not values or len(set(values)) != len(values):
                raise DataValidationError(
                    f"{label} must be non-empty and unique", path="MRIO table"
                )
        n = len(regions) * len(sectors)
        c = len(regions) * len(categories)
        z = _view(Z, "Z", (n, n))
        y = _view(Y, "Y", (n, c))
        if x is None:
            xv = z.sum(axis=1) + y.sum(axis=1)
        else:
            xv = np.asarray(
                x.to_numpy() if isinstance(x, pd.Series) else x, dtype="float64"
            ).reshape(-1)
            if xv.shape != (n,):
                raise DataValidationError(
                    f"x has {xv.shape[0]} entries; expected {n}", path="MRIO table"
                )
        f = fy = None
        stressors = tuple(map(str, stressors))
        if F is not None:
            k = (F.shape[0]) if not isinstance(F, pd.DataFrame) else len(F.index)
            if not stressors:
                stressors = (
                    tuple(map(str, F.index))
                    if isinstance(F, pd.DataFrame)
                    else tuple(f"stressor_{i}" for i in range(k))
                )
            f = _view(F, "F", (len(stressors), n))
            if F_Y is not None:
                fy = _view(F_Y, "F_Y", (len(stressors), c))
        elif F_Y is not None:
            raise ParameterError("F_Y", "F_Y needs F")
        units_t = tuple(map(str, units)) or tuple("" for _ in stressors)
        if len(units_t) != len(stressors):
            raise ParameterError("units", f"{len(units_t)} units for {len(stressors)} stressors")
        for slot, value in {
            "regions": regions,
            "sectors": sectors,
            "categories": categories,
            "stressors": stressors,
            "units": units_t,
            "year": year,
            "source": source or Source(name="user MRIO", version="", citation=""),
            "_z": z,
            "_y": y,
            "_x": xv,
            "_f": f,
            "_fy": fy,
        }.items():
            put(self, slot, value)
        if check:
            self._validate(rtol, given_x=x is not None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("MRIOTable is immutable")

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        kwargs = {
            "regions": self.regions,
            "sectors": self.sectors,
            "categories": self.categories,
            "Z": self._z,
            "Y": self._y,
            "x": self._x,
            "F": self._f,
            "F_Y": self._fy,
            "stressors": self.stressors,
            "units": self.units,
            "year": self.year,
            "source": self.source,
        }
        return (_rebuild, (kwargs,))

    def _validate(self, rtol: float, *, given_x: bool) -> None:
        labels = self.index
        for start in range(0, self.n, _BLOCK):
            block = self._z[start : start + _BLOCK]
            if not np.isfinite(block).all() or (block < 0).any():
                bad = np.argwhere(~np.isfinite(block) | (block < 0))[0]
                i, j = start + int(bad[0]), int(bad[1])
                raise DataValidationError(
                    f"Z[{labels[i]}, {labels[j]}] = {self._z[i, j]!r}; flows must be finite and "
                    "non-negative",
                    path="MRIO table",
                    row=str(labels[i]),
                )
        if not np.isfinite(self._y).all():
            raise DataValidationError("Y has missing or infinite values", path="MRIO table")
        if (self._x < 0).any():
            i = int(np.argmax(self._x < 0))
            raise DataValidationError(
                "gross output is negative", path="MRIO table", row=str(labels[i])
            )
        if given_x:
            residual = self._z.sum(axis=1) + self._y.sum(axis=1) - self._x
            bad = np.abs(residual) > rtol * np.maximum(np.abs(self._x), 1e-300)
            if bad.any():
                i = int(np.argmax(bad))
                raise DataValidationError(
                    f"row does not balance: Z + Y differs from x by {residual[i]:.6g}",
                    path="MRIO table",
                    row=str(labels[i]),
                )
        columns = self._z.sum(axis=0)
        positive = self._x > 0
        share = np.zeros(self.n)
        share[positive] = columns[positive] / self._x[positive]
        if (share >= 1.0).any():
            # column sums bound the spectral radius only from above: estimate it
            radius = self._perron_root()
            if not radius < 1.0:
                j = int(np.argmax(share))
                raise DataValidationError(
                    f"the coefficient matrix is not productive: spectral radius {radius:.6g} ≥ 1 "
                    f"(intermediate inputs are {share[j]:.4g} of gross output here)",
                    path="MRIO table",
                    row=str(labels[j]),
                )

    def _perron_root(self, iterations: int = 1000, tol: float = 1e-9) -> float:
        """Spectral radius of A = Z diag(x)⁻¹ by power iteration (A is non-negative)."""
        inv_x = np.divide(1.0, self._x, out=np.zeros_like(self._x), where=self._x > 0)
        v = np.full(self.n, 1.0 / self.n)
        estimate = 0.0
        for _ in range(iterations):
            w = self._z @ (v * inv_x)
            norm = float(w.sum())
            if norm == 0.0:
                return 0.0
            if abs(norm - estimate) <= tol * norm:
                return norm
            estimate, v = norm, w / norm
        return estimate

    # -- views ------------------------------------------------------------------------------

    @property
    def n(self) -> int:
        """Number of region-sector pairs."""
        return len(self.regions) * len(self.sectors)

    @property
    def index(self) -> pd.MultiIndex:
        """(region, sector) labels of rows and columns."""
        return pd.MultiIndex.from_product([self.regions, self.sectors], names=["region", "sector"])

    @property
    def final_demand_columns(self) -> pd.MultiIndex:
        """(region, category) labels of the final-demand columns."""
        return pd.MultiIndex.from_product(
            [self.regions, self.categories], names=["region", "category"]
        )

    @property
    def Z(self) -> pd.DataFrame:  # noqa: N802
        """Intermediate flows (a read-only view)."""
        return pd.DataFrame(self._z, index=self.index, columns=self.index, copy=False)

    @property
    def Y(self) -> pd.DataFrame:  # noqa: N802
        """Final demand (a read-only view)."""
        return pd.DataFrame(
            self._y, index=self.index, columns=self.final_demand_columns, copy=False
        )

    @property
    def x(self) -> pd.Series:
        """Gross output."""
        return pd.Series(self._x, index=self.index, name="gross_output", copy=False)

    @property
    def F(self) -> pd.DataFrame | None:  # noqa: N802
        """Stressors by producing region-sector, if any."""
        if self._f is None:
            return None
        return pd.DataFrame(self._f, index=list(self.stressors), columns=self.index, copy=False)

    @property
    def F_Y(self) -> pd.DataFrame | None:  # noqa: N802
        """Stressors emitted directly by final demand, if any."""
        if self._fy is None:
            return None
        return pd.DataFrame(
            self._fy, index=list(self.stressors), columns=self.final_demand_columns, copy=False
        )

    def arrays(
        self,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """The read-only arrays (Z, Y, x, F, F_Y), for numerical code."""
        return self._z, self._y, self._x, self._f, self._fy

    def __repr__(self) -> str:
        return (
            f"<MRIOTable {len(self.regions)} regions × {len(self.sectors)} sectors, "
            f"{len(self.categories)} final-demand categories, {len(self.stressors)} stressors>"
        )
