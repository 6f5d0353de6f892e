"""The exception tree of pflab.

Every error pflab raises on purpose derives from :class:`PflabError`, so a caller can
catch one class, and the command line turns any of them into one clear line and exit
code 1 instead of a traceback. Messages say *where* (file, row, column, parameter,
sector) and *what was expected*.

::

    PflabError
    ├── DataError                 the content of a file or table is wrong
    │   ├── DataFormatError       cannot be parsed at all, or has the wrong layout
    │   └── DataValidationError   parsed, but fails a consistency check
    ├── DataNotFoundError         a file, dataset or table that is not there
    ├── LookupFailedError         a name (country, sector, programme) that is unknown
    ├── ParameterError            a user-supplied option or argument is invalid
    ├── ModelError                the maths cannot proceed (e.g. a non-productive matrix)
    └── RunInterruptedError       a long run stopped by the user; says what was saved
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

__all__ = [
    "DataError",
    "DataFormatError",
    "DataNotFoundError",
    "DataValidationError",
    "LookupFailedError",
    "ModelError",
    "ParameterError",
    "PflabError",
    "RunInterruptedError",
]


class PflabError(Exception):
    """Base class of every error pflab raises on purpose."""


def _where(
    path: str | PathLike[str] | None,
    row: int | str | None,
    column: str | None,
) -> str:
    parts: list[str] = []
    if path is not None:
        parts.append(str(path))
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


class DataError(PflabError):
    """The content of a data file or table is not what pflab expects.

    Parameters
    ----------
    message
        What was found and what was expected.
    path
        The file the data came from, if any.
    row
        The 1-based data row (or a row label) where the problem is, if known.
    column
        The column where the problem is, if known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        row: int | str | None = None,
        column: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.row = row
        self.column = column
        self.detail = message
        where = _where(path, row, column)
        super().__init__(f"{where}: {message}" if where else message)


class DataFormatError(DataError):
    """A file cannot be parsed, has the wrong encoding or lacks required columns."""


class DataValidationError(DataError):
    """Data parsed fine but fails a consistency check (duplicates, balances, signs)."""


class DataNotFoundError(PflabError, FileNotFoundError):
    """A file, dataset or table that pflab was asked for does not exist."""


class LookupFailedError(PflabError, LookupError):
    """A name that pflab does not know, with the closest known names as suggestions.

    Parameters
    ----------
    kind
        What was looked up, e.g. ``"economy"`` or ``"sector"``.
    name
        The name as the user gave it.
    suggestions
        The closest known names, best first.
    """

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {name!r}"
        if self.suggestions:
            message += "; closest matches: " + ", ".join(self.suggestions)
        super().__init__(message)


class ParameterError(PflabError, ValueError):
    """A user-supplied option or argument is invalid.

    Parameters
    ----------
    parameter
        The Python name of the parameter, e.g. ``"eras"`` or ``"scenario.budget.share"``
        (the command line reports it under its flag, ``--eras``).
    message
        What was given and what was expected.
    """

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        self.detail = message
        super().__init__(f"{parameter}: {message}")


class ModelError(PflabError):
    """The model cannot be evaluated on these inputs."""


class RunInterruptedError(PflabError):
    """A long computation was interrupted (Ctrl-C); the message says what was saved.

    Parameters
    ----------
    message
        What was kept (e.g. "12 of 25 chunks committed to runs.duckdb") and how to resume.
    """
