"""The multi-regional input–output table (regions × sectors).

An :class:`MRIOTable` holds the inter-regional flow matrix Z (N × N, N = regions ×
sectors, region-major), final demand Y (N × regions·categories), gross output x and
environmental or social extensions F (stressors × N) with their direct final-demand part
F_Y (stressors × regions·categories), in the layout of pymrio's ``IOSystem``.

Multi-regional tables are large (EXIOBASE has 9,800 sectors: one float64 Z is 768 MB),
so the arrays are **not copied**: :meth:`MRIOTable.from_blocks` keeps read-only views on
the arrays it is given, validates them in row blocks, and never forms A or L.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pflab.errors import DataValidationError, ParameterError
from pflab.provenance import Source
from pflab.tables._frozen import cached, getstate, init_from_blocks, readonly, restore, setstate
from pflab.tables.linalg import LeontiefSolver, Method, perron_root, safe_divide

__all__ = ["MRIOTable"]

_BLOCK = 512
_WHERE = "MRIO table"


def _view(array: np.ndarray | pd.DataFrame, name: str, shape: tuple[int, int]) -> np.ndarray:
    data = array.to_numpy() if isinstance(array, pd.DataFrame) else np.asarray(array)
    if data.dtype != np.float64:
        data = data.astype("float64")
    if data.shape != shape:
        raise DataValidationError(f"{name} has shape {data.shape}; expected {shape}", path=_WHERE)
    return readonly(data)


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class MRIOTable:
    """A multi-regional input–output table (immutable; arrays are shared, not copied).

    Build one with :meth:`from_blocks` (or ``MRIOTable(...)`` with the same keywords).

    Attributes
    ----------
    regions, sectors, categories
        Labels; rows are all (region, sector) pairs, region-major; final-demand columns
        all (region, category) pairs.
    stressors, units
        Extension rows and their units.
    year
        The table's year, when known.
    sources
        The cited sources (the table's own first).
    z, y, x
        Read-only arrays: flows (N × N), final demand (N × R·C), gross output (N).
    f, f_y
        Extension (stressors × N) and its direct final-demand part, or ``None``.
    """

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    categories: tuple[str, ...]
    stressors: tuple[str, ...]
    units: tuple[str, ...]
    year: int | None
    sources: tuple[Source, ...]
    z: np.ndarray
    y: np.ndarray
    x: np.ndarray
    f: np.ndarray | None
    f_y: np.ndarray | None
    _cache: dict[str, Any]

    def __init__(self, **blocks: Any) -> None:
        """``MRIOTable(...)`` is the same call as :meth:`from_blocks`."""
        init_from_blocks(self, **blocks)

    def __getstate__(self) -> dict[str, Any]:
        return getstate(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        setstate(self, state)  # the validated fields, restored without validating

    @classmethod
    def from_blocks(
        cls,
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
        sources: Iterable[Source] = (),
        rtol: float = 1e-6,
        check: bool = True,
    ) -> MRIOTable:
        """Build a table on the given arrays (views, not copies) and validate it.

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
        year, source, sources
            Year and citations (the table's own, then any others).
        rtol
            Relative tolerance of the row balance when ``x`` is given.
        check
            Validate (default).

        Raises
        ------
        pflab.errors.DataValidationError
            Naming the (region, sector) row of the first problem.
        """
        labels = {
            "regions": tuple(map(str, regions)),
            "sectors": tuple(map(str, sectors)),
            "categories": tuple(map(str, categories)),
        }
        for label, values in labels.items():
            if not values or len(set(values)) != len(values):
                raise DataValidationError(f"{label} must be non-empty and unique", path=_WHERE)
        n = len(labels["regions"]) * len(labels["sectors"])
        c = len(labels["regions"]) * len(labels["categories"])
        z = _view(Z, "Z", (n, n))
        y = _view(Y, "Y", (n, c))
        if x is None:
            xv = z.sum(axis=1) + y.sum(axis=1)
        else:
            xv = np.asarray(
                x.to_numpy() if isinstance(x, pd.Series) else x, dtype="float64"
            ).reshape(-1)
            if xv.shape != (n,):
                raise DataValidationError(f"x has {xv.shape[0]} entries; expected {n}", path=_WHERE)
        f = fy = None
        names = tuple(map(str, stressors))
        if F is not None:
            if not names:
                names = (
                    tuple(map(str, F.index))
                    if isinstance(F, pd.DataFrame)
                    else tuple(f"stressor_{i}" for i in range(np.shape(F)[0]))
                )
            f = _view(F, "F", (len(names), n))
            if F_Y is not None:
                fy = _view(F_Y, "F_Y", (len(names), c))
        elif F_Y is not None:
            raise ParameterError("F_Y", "F_Y needs F")
        units_t = tuple(map(str, units)) or tuple("" for _ in names)
        if len(units_t) != len(names):
            raise ParameterError("units", f"{len(units_t)} units for {len(names)} stressors")
        cited = tuple(dict.fromkeys(((source,) if source is not None else ()) + tuple(sources)))
        table = object.__new__(cls)
        restore(
            table,
            {
                **labels,
                "stressors": names,
                "units": units_t,
                "year": year,
                "sources": cited or (Source(name="user MRIO", version="", citation=""),),
                "z": z,
                "y": y,
                "x": readonly(xv),
                "f": f,
                "f_y": fy,
            },
        )
        if check:
            table._validate(rtol, given_x=x is not None)
        return table

    def _validate(self, rtol: float, *, given_x: bool) -> None:
        labels = self.index
        for start in range(0, self.n, _BLOCK):
            block = self.z[start : start + _BLOCK]
            if not np.isfinite(block).all() or (block < 0).any():
                bad = np.argwhere(~np.isfinite(block) | (block < 0))[0]
                i, j = start + int(bad[0]), int(bad[1])
                raise DataValidationError(
                    f"Z[{labels[i]}, {labels[j]}] = {self.z[i, j]!r}; flows must be finite and "
                    "non-negative",
                    path=_WHERE,
                    row=str(labels[i]),
                )
        if not np.isfinite(self.y).all():
            raise DataValidationError("Y has missing or infinite values", path=_WHERE)
        if (self.x < 0).any():
            i = int(np.argmax(self.x < 0))
            raise DataValidationError("gross output is negative", path=_WHERE, row=str(labels[i]))
        if given_x:
            residual = self.z.sum(axis=1) + self.y.sum(axis=1) - self.x
            bad = np.abs(residual) > rtol * np.maximum(np.abs(self.x), 1e-300)
            if bad.any():
                i = int(np.argmax(bad))
                raise DataValidationError(
                    f"row does not balance: Z + Y differs from x by {residual[i]:.6g}",
                    path=_WHERE,
                    row=str(labels[i]),
                )
        share = safe_divide(self.z.sum(axis=0), np.where(self.x > 0, self.x, 0.0))
        if (share >= 1.0).any():
            # column sums bound the spectral radius only from above: estimate it
            inv_x = safe_divide(1.0, np.where(self.x > 0, self.x, 0.0))
            radius = perron_root(lambda v: self.z @ (v * inv_x), self.n, tol=1e-9)
            if not radius < 1.0:
                j = int(np.argmax(share))
                raise DataValidationError(
                    f"the coefficient matrix is not productive: spectral radius {radius:.6g} ≥ 1 "
                    f"(intermediate inputs are {share[j]:.4g} of gross output here)",
                    path=_WHERE,
                    row=str(labels[j]),
                )

    # -- the shared solver ------------------------------------------------------------------

    def solver(self, method: Method = "auto") -> LeontiefSolver:
        """The Leontief solver of I − A on Z and x (A is formed only for an LU), reused."""
        return cached(
            self, f"solver:{method}", lambda: LeontiefSolver(Z=self.z, x=self.x, method=method)
        )

    # -- views ------------------------------------------------------------------------------

    @property
    def n(self) -> int:
        """Number of region-sector pairs."""
        return len(self.regions) * len(self.sectors)

    @property
    def source(self) -> Source:
        """The table's own citation (the first of :attr:`sources`)."""
        return self.sources[0]

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
        return pd.DataFrame(self.z, index=self.index, columns=self.index, copy=False)

    @property
    def Y(self) -> pd.DataFrame:  # noqa: N802
        """Final demand (a read-only view)."""
        return pd.DataFrame(self.y, index=self.index, columns=self.final_demand_columns, copy=False)

    @property
    def gross_output(self) -> pd.Series:
        """Gross output by (region, sector)."""
        return pd.Series(self.x, index=self.index, name="gross_output", copy=False)

    @property
    def F(self) -> pd.DataFrame | None:  # noqa: N802
        """Stressors by producing region-sector, if any."""
        if self.f is None:
            return None
        return pd.DataFrame(self.f, index=list(self.stressors), columns=self.index, copy=False)

    @property
    def F_Y(self) -> pd.DataFrame | None:  # noqa: N802
        """Stressors emitted directly by final demand, if any."""
        if self.f_y is None:
            return None
        return pd.DataFrame(
            self.f_y, index=list(self.stressors), columns=self.final_demand_columns, copy=False
        )

    def arrays(
        self,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """The read-only arrays (Z, Y, x, F, F_Y), for numerical code."""
        return self.z, self.y, self.x, self.f, self.f_y

    def __repr__(self) -> str:
        return (
            f"<MRIOTable {len(self.regions)} regions × {len(self.sectors)} sectors, "
            f"{len(self.categories)} final-demand categories, {len(self.stressors)} stressors>"
        )
