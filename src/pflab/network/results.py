"""Result objects of the network analytics.

Every analysis returns a frozen result with a labelled frame (one row per sector unless
stated), a provenance (method, parameters, the table's source and vintage), notes a
reader must see, ``to_frame()``, ``summary()`` and ``_repr_html_()``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pflab.data.iotables.table import IOTable
from pflab.provenance import Provenance

__all__ = ["SectorResult", "table_provenance"]


def table_provenance(
    table: IOTable, method: str, description: str, parameters: Mapping[str, Any] | None = None
) -> Provenance:
    """Provenance of a result computed from one table."""
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
        method=method, sources=(table.source,), parameters=params, description=description
    )


def _format(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "—"
        return f"{value:,.4g}"
    return str(value)


@dataclass(frozen=True)
class SectorResult:
    """A per-sector result: a frame with its provenance and notes.

    Attributes
    ----------
    title
        What the numbers are, e.g. ``"Domar weights, CHN 2020 (nbs153)"``.
    frame
        One row per sector (index: sector code), the columns described in ``columns``.
    provenance
        Method, parameters and data source.
    columns
        Column → meaning and unit.
    notes
        Caveats (import split, rounding, assumptions).
    """

    title: str
    frame: pd.DataFrame
    provenance: Provenance
    columns: Mapping[str, str] = field(default_factory=dict)
    notes: Sequence[str] = ()

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`frame`."""
        return self.frame.copy()

    def __getitem__(self, column: str) -> pd.Series:
        return self.frame[column]

    def top(self, column: str, n: int = 10) -> pd.DataFrame:
        """The ``n`` sectors with the largest ``column``."""
        return self.frame.nlargest(n, column)

    def summary(self, n: int = 10, by: str | None = None) -> str:
        """Title, the top sectors by the first numeric column (or ``by``) and the notes."""
        numeric = [c for c in self.frame.columns if pd.api.types.is_numeric_dtype(self.frame[c])]
        key = by or (numeric[0] if numeric else None)
        shown = self.frame.nlargest(n, key) if key else self.frame.head(n)
        lines = [self.title, shown.to_string(float_format=lambda v: f"{v:,.4g}")]
        lines += [f"{c}: {m}" for c, m in self.columns.items()]
        lines += [f"Note: {note}" for note in self.notes]
        lines += [f"Source: {line}" for line in self.provenance.citation_lines()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = f"<p><b>{html.escape(self.title)}</b></p>"
        rows = "".join(
            "<tr>"
            + f"<td>{html.escape(str(idx))}</td>"
            + "".join(f"<td>{html.escape(_format(v))}</td>" for v in row)
            + "</tr>"
            for idx, row in zip(self.frame.index, self.frame.itertuples(index=False), strict=True)
        )
        header = "".join(f"<th>{html.escape(str(c))}</th>" for c in ["sector", *self.frame.columns])
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        cites = "".join(f"<li>{html.escape(c)}</li>" for c in self.provenance.citation_lines())
        return f"{head}<table><tr>{header}</tr>{rows}</table><ul>{notes}{cites}</ul>"
