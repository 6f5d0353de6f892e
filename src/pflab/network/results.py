"""Result objects of the network analytics.

Every analysis returns a :class:`pflab.result.Result`. Per-sector analyses return a
:class:`SectorResult`: one row per sector (index: sector code), its provenance (method,
parameters, the table's sources and vintages) and the notes a reader must see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View
from pflab.tables import IOTable

__all__ = ["SectorResult", "table_provenance"]


def table_provenance(
    table: IOTable, method: str, description: str, parameters: Mapping[str, Any] | None = None
) -> Provenance:
    """Provenance of a result computed from one table (every source of the table)."""
    params: dict[str, Any] = {
        "economy": table.economy,
        "year": table.year,
        "scheme": table.scheme,
        "sectors": table.n,
        "unit": f"{table.unit} {table.currency}".strip(),
        "import_split": table.import_split,
    }
    params.update(parameters or {})
    return Provenance(
        method=method, sources=table.sources, parameters=params, description=description
    )


@dataclass(frozen=True, kw_only=True)
class SectorResult(Result):
    """A per-sector result: one row per sector with its provenance and notes.

    Attributes
    ----------
    frame
        One row per sector (index: sector code), the columns described in ``columns``.
    formats
        Screen number format per column (e.g. ``".4f"``); machine-readable output keeps
        full precision.
    headings
        Screen heading per column (default: the column name).
    """

    frame: pd.DataFrame
    formats: Mapping[str, str] = field(default_factory=dict)
    headings: Mapping[str, str] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """``sectors``: the per-sector table."""
        return {"sectors": self.frame.copy()}

    def views(self) -> list[View]:
        """Every column, with the result's number formats."""
        formats = dict(self.formats)
        names = [str(self.frame.index.name or "sector"), *map(str, self.frame.columns)]
        headings = dict(self.headings)
        columns = tuple(Column(n, headings.get(n, ""), formats.get(n, ",.4g")) for n in names)
        return [View("sectors", columns)]

    def __getitem__(self, column: str) -> pd.Series:
        return self.frame[column]

    def top(self, column: str, n: int = 10) -> pd.DataFrame:
        """The ``n`` sectors with the largest ``column`` (a frame)."""
        return self.frame.nlargest(n, column)

    def ranked(self, by: str, n: int | None = None) -> SectorResult:
        """The result with its sectors ordered by ``by`` (largest first), the first ``n`` kept.

        Missing values sort last. The title says how many sectors are shown and by what.

        Raises
        ------
        pflab.errors.ParameterError
            If ``by`` is not a column or ``n`` is not positive.
        """
        if by not in self.frame.columns:
            raise ParameterError(
                "by", f"{by!r}; columns: {', '.join(map(str, self.frame.columns))}"
            )
        if n is not None and n < 1:
            raise ParameterError("n", f"{n}; expected a positive number of sectors")
        ordered = self.frame.sort_values(by, ascending=False, na_position="last", kind="stable")
        total = len(ordered)
        kept = ordered if n is None else ordered.head(n)
        title = f"{self.title}: {'all' if len(kept) == total else f'top {len(kept)} of'} "
        title += f"{total} sectors by {by}"
        return replace(self, title=title, frame=kept)
