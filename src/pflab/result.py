"""One shape for every result.

Every public computation in pflab returns a frozen :class:`Result`: a ``title``, the
``notes`` a reader must see beside the numbers (one kind: a tuple of strings), a
:class:`~pflab.provenance.Provenance` (sources with citations and vintages, method,
parameters), and one or more named tables. From those alone this module renders

- :meth:`Result.summary` — plain text,
- ``__rich__`` — a rich renderable for the terminal (cell text is never parsed as markup),
- :meth:`Result._repr_html_` — HTML for notebooks (every string escaped),
- :meth:`Result.to_dict` — a JSON-ready dictionary (full precision, provenance, notes),
- :meth:`Result.to_csv` — CSV at full precision, stamped on its first line.

so no result writes its own renderer. A subclass adds its data fields and implements
:meth:`Result.tables`; it may override :meth:`Result.views` to choose the columns,
headings and number formats shown on screen (machine-readable output always carries
every column).

The documented JSON shape (``schema`` ``"pflab.result/1"``)::

    {
      "schema": "pflab.result/1",
      "kind": "EraTable",                # the result class
      "title": "...",
      "pflab_version": "0.2.0",
      "stamp": "pflab 0.2.0 | ... | data: Penn World Table 11.0 | seed 0",
      "notes": ["...", ...],
      "provenance": {"method": ..., "description": ..., "parameters": {...},
                     "sources": [{"name", "version", "citation", "url", "licence",
                                  "note"}, ...], "pflab_version": ...},
      "columns": {"tfp": "TFP growth, percent per year", ...},
      "tables": {"eras": [{"economy": "CHN", "era": "1979-2007", ...}, ...], ...}
    }

Each table in ``tables`` holds the records of :meth:`Result.table_records` — the table
with a named index turned into leading columns — and the CSV of the same table reads
back equal (``pandas.read_csv(path, skiprows=1)``; the first line is the ``#`` stamp).
Cells are scalars: lists are joined with ``"; "`` before they reach a table.
"""

from __future__ import annotations

import html
import io
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pflab._version import __version__
from pflab.provenance import Provenance

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RESULT_SCHEMA",
    "Column",
    "Result",
    "View",
    "format_cell",
    "json_value",
    "table_records",
]

#: The ``schema`` value of :meth:`Result.to_dict`.
RESULT_SCHEMA = "pflab.result/1"

_MISSING = "—"


@dataclass(frozen=True)
class Column:
    """One column of a screen view.

    Parameters
    ----------
    name
        Column of the table (after a named index became a column).
    heading
        Heading shown on screen (default: the name).
    fmt
        Format specification for numbers, e.g. ``".2f"``, ``"+.4f"``, ``",.0f"``
        (default ``",.4g"``); ignored for text.
    """

    name: str
    heading: str = ""
    fmt: str = ",.4g"

    @property
    def label(self) -> str:
        """The heading, or the name when no heading is given."""
        return self.heading or self.name


@dataclass(frozen=True)
class View:
    """How one table is shown on screen: which columns, headings and number formats.

    Parameters
    ----------
    table
        Name of the table in :meth:`Result.tables`.
    columns
        Columns to show, in order; empty means every column with the default format.
    title
        Title above the table (default: the result's title for the first view, the table
        name otherwise).
    max_rows
        Show at most this many rows (``None``: all); the text says how many were left out.
    """

    table: str
    columns: Sequence[Column] = ()
    title: str | None = None
    max_rows: int | None = None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return bool(value is pd.NA or value is pd.NaT)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def json_value(value: Any) -> Any:
    """A JSON-ready copy of one value: numpy scalars to Python, missing to ``None``.

    Floats keep their full precision (``json`` writes the shortest repr that reads back
    exactly); infinities become ``None`` as JSON has no spelling for them.
    """
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(v) for v in value]
    if _is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "to_dict"):
        return json_value(value.to_dict())
    return str(value)


def table_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as written to CSV and JSON: a named index becomes leading columns.

    A default (unnamed) range index is dropped; any other index is kept as columns, so
    labels such as sector codes are never lost. Empty text cells become missing values,
    since CSV cannot tell them apart.
    """
    import pandas as pd

    index = frame.index
    unnamed_range = isinstance(index, pd.RangeIndex) and index.name is None and index.nlevels == 1
    out = frame.reset_index(drop=unnamed_range)
    out.columns = [str(c) for c in out.columns]
    # an empty text cell is a missing value: CSV cannot tell "" from missing, so neither
    # output does (JSON null, CSV empty)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            blank = out[column].map(lambda v: isinstance(v, str) and v == "")
            if blank.any():
                out[column] = out[column].astype(object).where(~blank, None)
    return out


def format_cell(value: Any, fmt: str = ",.4g") -> str:
    """Text of one cell for the screen: numbers by ``fmt``, missing as an em dash."""
    if _is_missing(value):
        return _MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return format(value, fmt)
        except ValueError:
            return str(value)
    return str(value)


@dataclass(frozen=True, kw_only=True)
class Result:
    """Base class of every pflab result.

    Attributes
    ----------
    title
        What the numbers are, in a few words, e.g. ``"Sources of GDP growth, China"``.
    provenance
        Sources (with citations and vintages), method and parameters.
    notes
        Caveats and conventions a reader must see beside the numbers, one per string.
    columns
        Meaning and unit of each column, by column name (all tables).
    """

    title: str
    provenance: Provenance
    notes: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)

    # -- what a subclass provides ---------------------------------------------------

    def tables(self) -> dict[str, pd.DataFrame]:
        """The result's tables by name; the first is the main one (:meth:`to_frame`).

        Subclasses implement this. Each table is returned as a fresh frame the caller
        may change.
        """
        raise NotImplementedError(f"{type(self).__name__} does not implement tables()")

    def views(self) -> list[View]:
        """How the tables are shown on screen (default: every table, every column)."""
        return [View(name) for name in self.tables()]

    # -- derived --------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """The main table (the first of :meth:`tables`)."""
        tables = self.tables()
        return next(iter(tables.values()))

    @property
    def seed(self) -> int | None:
        """The random seed the numbers depend on, if any."""
        value = self.provenance.parameters.get("seed")
        return int(value) if isinstance(value, int) else None

    def stamp(self) -> str:
        """One line naming the pflab version, the result, its data vintages and seed."""
        parts = [f"pflab {__version__}", self.title]
        vintages = [s.label for s in self.provenance.sources]
        if vintages:
            parts.append("data: " + "; ".join(dict.fromkeys(vintages)))
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        return " | ".join(p.replace("\n", " ") for p in parts)

    def all_notes(self) -> list[str]:
        """The notes followed by one ``Source:`` line per cited source."""
        lines = list(self.notes)
        lines += [f"Source: {line}" for line in self.provenance.citation_lines()]
        return list(dict.fromkeys(lines))

    def to_dict(self) -> dict[str, Any]:
        """The whole result as a JSON-ready dictionary (see the module docstring)."""
        return {
            "schema": RESULT_SCHEMA,
            "kind": type(self).__name__,
            "title": self.title,
            "pflab_version": __version__,
            "stamp": self.stamp(),
            "notes": list(self.notes),
            "provenance": json_value(self.provenance.to_dict()),
            "columns": {str(k): str(v) for k, v in self.columns.items()},
            "tables": {
                name: [
                    {str(k): json_value(v) for k, v in row.items()}
                    for row in table_records(frame).to_dict(orient="records")
                ]
                for name, frame in self.tables().items()
            },
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept, full float precision)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def to_csv(self, table: str | None = None) -> str:
        """One table as CSV text at full precision, its first line the ``#`` stamp.

        Parameters
        ----------
        table
            Name of the table (default: the main one).
        """
        tables = self.tables()
        name = table or next(iter(tables))
        if name not in tables:
            from pflab.errors import ParameterError

            raise ParameterError("table", f"{name!r}; this result has {', '.join(tables)}")
        buffer = io.StringIO()
        buffer.write(f"# {self.stamp()}\n")
        table_records(tables[name]).to_csv(buffer, index=False, lineterminator="\n")
        return buffer.getvalue()

    # -- rendering ------------------------------------------------------------------

    def _cells(self) -> Iterator[_Block]:
        """Each view with its title, columns and formatted rows (shared by renderers)."""
        tables = self.tables()
        for i, view in enumerate(self.views()):
            if view.table not in tables:
                raise KeyError(f"{type(self).__name__}.views() names no table {view.table!r}")
            frame = table_records(tables[view.table])
            columns = list(view.columns) or [Column(str(c)) for c in frame.columns]
            title = view.title or (self.title if i == 0 else view.table)
            shown = frame if view.max_rows is None else frame.head(view.max_rows)
            rows = [
                [format_cell(v, c.fmt) for v, c in zip(row, columns, strict=True)]
                for row in shown[[c.name for c in columns]].itertuples(index=False, name=None)
            ]
            numeric = _numeric_columns(frame)
            right = [c.name in numeric for c in columns]
            yield _Block(title, columns, right, rows, len(frame) - len(shown))

    def summary(self) -> str:
        """The result as plain text: each view as a fixed-width table, then the notes."""
        blocks: list[str] = []
        for block in self._cells():
            blocks.append(_text_table(block))
        notes = self.all_notes()
        if notes:
            blocks.append("\n".join(notes))
        return "\n\n".join(blocks)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        parts: list[str] = []
        for block in self._cells():
            head = "".join(f"<th>{html.escape(c.label)}</th>" for c in block.columns)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            more = f"<p><i>{block.hidden} more rows</i></p>" if block.hidden else ""
            parts.append(
                f"<p><b>{html.escape(block.title)}</b></p><table><thead><tr>{head}</tr>"
                f"</thead><tbody>{body}</tbody></table>{more}"
            )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.all_notes())
        if notes:
            parts.append(f"<ul>{notes}</ul>")
        return "<div class='pflab-result'>" + "".join(parts) + "</div>"

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        items: list[Any] = []
        for block in self._cells():
            table = Table(title=Text(block.title), title_justify="left", header_style="bold")
            for c, right in zip(block.columns, block.right, strict=True):
                table.add_column(Text(c.label), justify="right" if right else "left")
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))
            items.append(table)
            if block.hidden:
                items.append(Text(f"{block.hidden} more rows (every row in CSV or JSON)"))
        for note in self.all_notes():
            items.append(Text(note, style="dim"))
        return Group(*items)


def _numeric_columns(frame: pd.DataFrame) -> set[str]:
    import pandas as pd

    records = table_records(frame)
    return {
        str(c)
        for c in records.columns
        if pd.api.types.is_numeric_dtype(records[c]) and not pd.api.types.is_bool_dtype(records[c])
    }


@dataclass(frozen=True)
class _Block:
    """One view ready to draw: title, columns, alignment, formatted cells."""

    title: str
    columns: list[Column]
    right: list[bool]
    rows: list[list[str]]
    hidden: int


def _text_table(block: _Block) -> str:
    headings = [c.label for c in block.columns]
    widths = [len(h) for h in headings]
    for row in block.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        aligned = (
            cell.rjust(w) if right else cell.ljust(w)
            for cell, w, right in zip(cells, widths, block.right, strict=True)
        )
        return "  ".join(aligned).rstrip()

    lines = [block.title, line(headings), *(line(row) for row in block.rows)]
    if block.hidden:
        lines.append(f"… {block.hidden} more rows")
    return "\n".join(lines)
