"""Build the embedded datasets from the raw source files.

Run from a checkout, with the raw files of ``../shared/data`` present::

    python -m pflab.data.build                # every dataset
    python -m pflab.data.build --only pwt     # one family
    python -m pflab.data.build --raw DIR --out DIR

The build is deterministic: the same raw files give byte-identical JSON sidecars and
equal frames, which the test suite checks. Each builder writes a Parquet file and a
JSON sidecar (see :mod:`pflab.data.embedded`) through :func:`write_dataset`, which
writes to a temporary name first so that an interrupted build leaves nothing
half-written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from pflab.data.paths import raw_data_dir
from pflab.data.pwt import VARIABLES, pwt_source, read_pwt
from pflab.errors import DataNotFoundError, PflabError

__all__ = ["BUILDERS", "build", "file_digest", "write_dataset"]

EMBEDDED_DIR = Path(__file__).resolve().parent / "embedded"


def file_digest(path: Path) -> dict[str, Any]:
    """Name, size and SHA-256 of a raw file, for the sidecar."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": digest}


def _atomic_write_bytes(target: Path, payload: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(payload)
    tmp.replace(target)


def write_dataset(out_dir: Path, stem: str, frame: pd.DataFrame, meta: Mapping[str, Any]) -> Path:
    """Write ``frame`` as ``stem.parquet`` and ``meta`` as ``stem.json`` atomically.

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
    tmp = target.with_name(f".{target.name}.tmp")
    frame.reset_index(drop=True).to_parquet(
        tmp, engine="pyarrow", compression="zstd", compression_level=19, index=False
    )
    tmp.replace(target)
    text = json.dumps(dict(meta), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    _atomic_write_bytes(out_dir / f"{stem}.json", text.encode("utf-8"))
    return target


# ---------------------------------------------------------------------------------------
# Penn World Table

PWT_RAW: dict[str, tuple[str, Literal["float32", "float64"]]] = {
    "11.0": ("pwt/pwt110.dta", "float32"),
    "10.01": ("pwt/pwt1001_jivizcaino_pwt101.csv", "float64"),
}

PWT_NOTES = {
    "11.0": (
        "Official PWT 11.0 Stata file (float32 precision as published). China's GDP is "
        "the official series; the Wu-based alternative is not in the main file."
    ),
    "10.01": (
        "PWT 10.01 CSV mirror (jivizcaino/PWT10.1); every value rounded to three "
        "decimals. China's GDP is an adjusted (Wu-based) series."
    ),
}


def build_pwt(raw: Path, out: Path) -> list[Path]:
    """Build ``pwt_11.0`` and ``pwt_10.01`` from the raw PWT files."""
    written = []
    for vintage, (relative, dtype) in PWT_RAW.items():
        path = raw / relative
        if not path.is_file():
            raise DataNotFoundError(f"{path}: raw PWT {vintage} file not found")
        data = read_pwt(path, version=vintage)
        frame = data.frame.copy()
        numeric = [c for c in frame.columns if c in VARIABLES]
        frame[numeric] = frame[numeric].astype(dtype)
        frame["year"] = frame["year"].astype("int16")
        meta = {
            "dataset": f"Penn World Table {vintage}",
            "source": pwt_source(vintage, PWT_NOTES[vintage]).to_dict(),
            "raw": file_digest(path),
            "raw_path": f"../shared/data/{relative}",
            "built_by": "python -m pflab.data.build --only pwt",
            "rows": len(frame),
            "economies": int(frame["countrycode"].nunique()),
            "years": [int(frame["year"].min()), int(frame["year"].max())],
            "variables": {
                name: {"description": VARIABLES[name].description, "unit": data.unit(name)}
                for name in numeric
            },
        }
        written.append(write_dataset(out, f"pwt_{vintage}", frame, meta))
    return written


def _gwr_terms(raw: Path, out: Path) -> list[Path]:
    """Government Work Report term counts (builder in :mod:`pflab.policy.terms.build`)."""
    # imported on use: the policy layer sits above the data layer
    from pflab.policy.terms.build import build_gwr_terms

    return build_gwr_terms(raw, out)


def build_io(raw: Path, out: Path) -> list[Path]:
    """Build the embedded input-output tables (see :mod:`pflab.data.iotables.build`)."""
    from pflab.data.iotables.build import build_io as build

    return build(raw, out)


#: Dataset family → builder(raw_dir, out_dir). Other layers register theirs here.
BUILDERS: dict[str, Callable[[Path, Path], list[Path]]] = {
    "pwt": build_pwt,
    "gwr_terms": _gwr_terms,
    "io": build_io,
}


def build(
    raw: Path | None = None, out: Path = EMBEDDED_DIR, only: list[str] | None = None
) -> list[Path]:
    """Build the embedded datasets.

    Parameters
    ----------
    raw
        The raw data folder (default: :func:`pflab.data.paths.raw_data_dir`).
    out
        Where to write (default: the package's ``embedded`` folder).
    only
        Families to build (default: all of :data:`BUILDERS`).
    """
    raw = raw or raw_data_dir()
    if raw is None:
        raise DataNotFoundError(
            "no raw data folder: set PFLAB_RAW_DATA or place ../shared/data beside the checkout"
        )
    names = only or list(BUILDERS)
    unknown = [n for n in names if n not in BUILDERS]
    if unknown:
        raise DataNotFoundError(f"no builder for {unknown}; known: {', '.join(BUILDERS)}")
    written: list[Path] = []
    for name in names:
        written += BUILDERS[name](raw, out)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point of ``python -m pflab.data.build``."""
    parser = argparse.ArgumentParser(prog="python -m pflab.data.build", description=__doc__)
    parser.add_argument("--raw", type=Path, default=None, help="raw data folder")
    parser.add_argument("--out", type=Path, default=EMBEDDED_DIR, help="output folder")
    parser.add_argument("--only", action="append", help="dataset family (repeatable)")
    args = parser.parse_args(argv)
    try:
        for path in build(args.raw, args.out, args.only):
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    except PflabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
