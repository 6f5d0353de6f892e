"""The compact datasets shipped inside pflab.

Each embedded dataset is a compressed Parquet file in ``pflab/data/embedded/`` with a
JSON sidecar of the same stem holding its provenance: the source citation, the raw file
it was derived from (name, size, SHA-256) and the build command. The files are produced
by ``python -m pflab.build`` (:mod:`pflab.build`) from the raw files described in
``../shared/data/SOURCES.md``; the raw files themselves are never shipped. Builders in
every layer write through :func:`write_dataset` and record their raw inputs with
:func:`file_digest`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

from pflab.data.pwt import PWTData
from pflab.errors import DataNotFoundError, ParameterError
from pflab.files import atomic_path
from pflab.provenance import Source

__all__ = [
    "EMBEDDED_DIR",
    "PWT_VINTAGES",
    "embedded_files",
    "file_digest",
    "load_pwt",
    "read_embedded",
    "read_sidecar",
    "write_dataset",
]

#: The folder of the embedded datasets in a checkout (where builders write by default).
EMBEDDED_DIR = Path(__file__).resolve().parent / "embedded"

#: The PWT vintages pflab embeds, newest first.
PWT_VINTAGES: tuple[str, ...] = ("11.0", "10.01")


def file_digest(path: Path) -> dict[str, Any]:
    """Name, size and SHA-256 of a raw file, for a dataset's sidecar."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": digest}


def write_dataset(out_dir: Path, stem: str, frame: pd.DataFrame, meta: Mapping[str, Any]) -> Path:
    """Write ``frame`` as ``stem.parquet`` and ``meta`` as ``stem.json``, each atomically.

    Parameters
    ----------
    out_dir
        Folder to write into (created if needed).
    stem
        File stem, e.g. ``"pwt_11.0"``.
    frame
        The data; the index is not written.
    meta
        The JSON sidecar: at least ``source`` (a :class:`pflab.provenance.Source` dict).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}.parquet"
    with atomic_path(target) as tmp:
        frame.reset_index(drop=True).to_parquet(
            tmp, engine="pyarrow", compression="zstd", compression_level=19, index=False
        )
    text = json.dumps(dict(meta), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    with atomic_path(out_dir / f"{stem}.json") as tmp:
        tmp.write_bytes(text.encode("utf-8"))
    return target


def _folder() -> Traversable:
    return resources.files("pflab.data").joinpath("embedded")


def embedded_files() -> list[str]:
    """Stems of every embedded dataset (Parquet file with a JSON sidecar)."""
    return sorted(
        entry.name.removesuffix(".json")
        for entry in _folder().iterdir()
        if entry.name.endswith(".json")
    )


@cache
def read_sidecar(stem: str) -> dict[str, Any]:
    """Return the provenance record of an embedded dataset.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If no dataset with this stem is embedded.
    """
    entry = _folder().joinpath(f"{stem}.json")
    if not entry.is_file():
        raise DataNotFoundError(
            f"no embedded dataset {stem!r}; embedded: {', '.join(embedded_files()) or 'none'}"
        )
    data: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return data


def read_embedded(stem: str) -> pd.DataFrame:
    """Return a fresh copy of an embedded dataset's frame."""
    read_sidecar(stem)  # raises a clear error if absent
    return _read_parquet(stem).copy()


@cache
def _read_parquet(stem: str) -> pd.DataFrame:
    with resources.as_file(_folder().joinpath(f"{stem}.parquet")) as path:
        return pd.read_parquet(path)


def load_pwt(vintage: str = "11.0") -> PWTData:
    """Load an embedded Penn World Table vintage.

    Parameters
    ----------
    vintage
        ``"11.0"`` (default; China on the official GDP series) or ``"10.01"`` (China
        on an adjusted GDP series; values rounded to three decimals).

    Returns
    -------
    PWTData
        All economies and years, the variables pflab uses, with the citation.

    Raises
    ------
    pflab.errors.ParameterError
        If ``vintage`` is not embedded.
    """
    normal = {"11": "11.0", "11.0": "11.0", "10.01": "10.01", "10.1": "10.01"}.get(
        str(vintage).strip()
    )
    if normal is None:
        raise ParameterError(
            "vintage", f"{vintage!r} is not embedded; choose one of {', '.join(PWT_VINTAGES)}"
        )
    cached = _load_pwt(normal)
    # a fresh frame each call, so that a caller who edits it cannot change the cache
    return PWTData(frame=cached.frame.copy(), version=cached.version, source=cached.source)


@cache
def _load_pwt(vintage: str) -> PWTData:
    stem = f"pwt_{vintage}"
    meta = read_sidecar(stem)
    frame = _read_parquet(stem).copy()
    numeric = [c for c in frame.columns if c not in ("countrycode", "country", "year")]
    frame[numeric] = frame[numeric].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    source = Source.from_dict(meta["source"])
    return PWTData(frame=frame, version=vintage, source=source, path=None)
