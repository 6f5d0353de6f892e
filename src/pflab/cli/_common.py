"""Shared plumbing of the ``pflab`` command: error handling and output formats.

Every command module registers on :data:`pflab.cli.app`. A known error (any
:class:`pflab.errors.PflabError`) raised inside a command ends as one red line on
standard error and exit code 1, never a traceback; this is done once, in
:class:`PflabGroup`, so commands need no boilerplate.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, TypeVar, cast

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from pflab.errors import ParameterError, PflabError

__all__ = [
    "OutputFormat",
    "PflabTyper",
    "console",
    "emit_records",
    "err_console",
    "handle_errors",
    "print_error",
    "render_table",
    "split_list",
]


def _console(stderr: bool = False) -> Console:
    # Rich assumes 80 columns when output is not a terminal; tables of growth
    # components need more, and a pipe or file has no width limit anyway.
    probe = Console(stderr=stderr)
    return probe if probe.is_terminal else Console(stderr=stderr, width=140)


console = _console()
err_console = _console(stderr=True)


class OutputFormat(StrEnum):
    """How a command prints its result."""

    table = "table"
    csv = "csv"
    json = "json"


def print_error(exc: BaseException) -> None:
    """Print a known error as one red line on standard error."""
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(function: F) -> F:
    """Wrap a command so that a :class:`PflabError` ends as one line and exit code 1."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except PflabError as exc:
            print_error(exc)
            raise typer.Exit(1) from None

    return cast(F, wrapper)


class PflabTyper(typer.Typer):
    """A Typer app whose commands turn known errors into one line and exit code 1.

    Use it for the root app and for every command group, and register commands with
    ``@app.command()`` as usual.
    """

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Register a command, wrapped by :func:`handle_errors`."""
        register = super().command(*args, **kwargs)

        def decorator(function: F) -> F:
            register(handle_errors(function))
            return function

        return decorator


def split_list(text: str | None, option: str) -> list[str]:
    """Split ``"A,B , C"`` into ``["A", "B", "C"]``; empty pieces are an error."""
    if text is None:
        return []
    items = [p.strip() for p in text.split(",")]
    if not all(items):
        raise ParameterError(option, f"empty item in {text!r}; expected a comma-separated list")
    return items


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def emit_records(frame: pd.DataFrame, fmt: OutputFormat) -> None:
    """Print a frame as CSV or JSON records (NaN becomes empty / null)."""
    if fmt is OutputFormat.csv:
        typer.echo(frame.to_csv(index=False, float_format="%.6g", lineterminator="\n"), nl=False)
        return
    records = [
        {str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
    ]
    typer.echo(json.dumps(records, ensure_ascii=False, indent=2))


def render_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    notes: Iterable[str] = (),
    number: Callable[[float], str] = lambda v: f"{v:.2f}",
) -> None:
    """Print selected columns of a frame as a rich table with notes below.

    Parameters
    ----------
    frame
        The rows to show.
    columns
        ``(column, heading)`` pairs; numeric columns are right-aligned.
    title
        Table title.
    notes
        Lines printed under the table (units, conventions, sources).
    number
        Formatter for floats.
    """
    table = Table(title=title, title_justify="left", header_style="bold")
    for column, heading in columns:
        numeric = pd.api.types.is_float_dtype(frame[column].dtype)
        table.add_column(heading, justify="right" if numeric else "left")
    names = [column for column, _ in columns]
    for row in frame[names].itertuples(index=False, name=None):
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append("—" if math.isnan(value) else number(value))
            else:
                cells.append("—" if value is None or value is pd.NA else str(value))
        table.add_row(*cells)
    console.print(table)
    for note in notes:
        console.print(f"[dim]{note}[/]", highlight=False, soft_wrap=False)
