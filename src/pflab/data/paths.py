"""Where the raw source files live on this machine.

pflab never downloads anything at run time. The raw files it was built from (see
``../shared/data/SOURCES.md`` beside the repository) are needed only to rebuild the
embedded dataset and by the tests that check pflab against them. Their folder is taken
from the ``PFLAB_RAW_DATA`` environment variable, else ``../shared/data`` next to the
repository checkout, else ``../shared/data`` next to the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["RAW_DATA_ENV", "raw_data_candidates", "raw_data_dir"]

RAW_DATA_ENV = "PFLAB_RAW_DATA"


def _candidates() -> list[Path]:
    found: list[Path] = []
    env = os.environ.get(RAW_DATA_ENV)
    if env:
        found.append(Path(env))
    # src/pflab/data/paths.py -> repository root is three levels above src/
    repo_root = Path(__file__).resolve().parents[3]
    found.append(repo_root.parent / "shared" / "data")
    found.append(Path.cwd().parent / "shared" / "data")
    return found


def raw_data_candidates() -> list[Path]:
    """The folders searched for raw files, in order (for error messages)."""
    return _candidates()


def raw_data_dir() -> Path | None:
    """Return the folder holding the raw source files, or ``None`` if there is none.

    Returns
    -------
    pathlib.Path or None
        The first existing candidate folder (see the module docstring).
    """
    for candidate in _candidates():
        if candidate.is_dir():
            return candidate
    return None
