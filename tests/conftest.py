"""Shared fixtures: the raw data folder, skipped with a clear reason when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pflab.data.paths import RAW_DATA_ENV, raw_data_dir


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The folder of raw source files (../shared/data); skips the test if absent."""
    found = raw_data_dir()
    if found is None:
        pytest.skip(
            f"raw data folder not found: set {RAW_DATA_ENV} or place ../shared/data beside "
            "the checkout (see SOURCES.md)"
        )
    return found


@pytest.fixture(scope="session")
def raw_file(raw_dir: Path):  # type: ignore[no-untyped-def]
    """Return a function giving a raw file's path, skipping if that file is absent."""

    def get(relative: str) -> Path:
        path = raw_dir / relative
        if not path.is_file():
            pytest.skip(f"raw file {relative} not found in {raw_dir}")
        return path

    return get


@pytest.fixture(scope="session")
def cip_raw(raw_dir: Path):  # type: ignore[no-untyped-def]
    """CIP 4.0 read from the 13 raw workbooks (identities checked); skips if absent."""
    from pflab.data.cip import read_cip

    folder = raw_dir / "cip4"
    if not (folder / "CIP_4.0_(2023)_4.xlsx").is_file():
        pytest.skip(f"raw CIP 4.0 workbooks not found in {folder}")
    return read_cip(folder)
