"""Writing files so that a failure never leaves anything half-written.

:func:`atomic_path` is the one mechanism every writer in pflab uses (embedded datasets,
charts, reports, CSV and JSON output): the caller writes to a temporary file beside the
target, which replaces the target only when the block ends without an error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from pflab.errors import ParameterError

__all__ = ["atomic_path", "check_output_path", "write_text_atomic"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    On any exception the temporary file is removed and ``target`` is left as it was.

    Examples
    --------
    >>> with atomic_path("out.csv") as tmp:  # doctest: +SKIP
    ...     frame.to_csv(tmp)
    """
    final = Path(target)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 text to ``target`` atomically and return its path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def check_output_path(
    path: str | os.PathLike[str],
    parameter: str,
    *,
    suffixes: tuple[str, ...] = (),
    directory: bool = False,
) -> Path:
    """Check, before any computing, that ``path`` can be written.

    Parameters
    ----------
    path
        The file (or, with ``directory``, the folder) to write.
    parameter
        The parameter name to blame in the error (the CLI maps it to its flag).
    suffixes
        Allowed file endings, e.g. ``(".html", ".htm")``; empty allows any.
    directory
        ``path`` is a folder that may exist or will be created (its parent must exist).

    Raises
    ------
    pflab.errors.ParameterError
        If the ending is wrong, the folder does not exist or is not writable, or the
        path names a folder where a file is expected (or the reverse).
    """
    target = Path(path)
    if directory:
        if target.exists() and not target.is_dir():
            raise ParameterError(parameter, f"{target} exists and is not a folder")
        parent = target if target.exists() else target.parent
    else:
        if suffixes and target.suffix.lower() not in suffixes:
            raise ParameterError(
                parameter, f"{target}: expected a file name ending in {' or '.join(suffixes)}"
            )
        if target.is_dir():
            raise ParameterError(parameter, f"{target} is a folder; expected a file name")
        parent = target.parent
    parent = parent if str(parent) else Path()
    if not parent.exists():
        raise ParameterError(parameter, f"{parent}: folder does not exist")
    if not os.access(parent, os.W_OK):
        raise ParameterError(parameter, f"{parent}: folder is not writable")
    return target
