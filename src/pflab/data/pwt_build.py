"""Builder of the embedded Penn World Table vintages (run through ``python -m pflab.build``).

:func:`build_pwt` reads the raw PWT files of ``../shared/data/pwt/`` and writes
``pwt_11.0`` and ``pwt_10.01`` (Parquet + JSON sidecar) through
:func:`pflab.data.embedded.write_dataset`. The orchestrator that runs every builder is
:mod:`pflab.build`, above the layers, so that no layer imports a higher one to build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pflab.data.embedded import file_digest, write_dataset
from pflab.data.pwt import VARIABLES, pwt_source, read_pwt
from pflab.errors import DataNotFoundError

__all__ = ["PWT_NOTES", "PWT_RAW", "build_pwt"]


PWT_RAW: dict[str, tuple[str, Literal["float32", "float64"]]] = {
    "11.0": ("pwt/pwt110.dta", "float32"),
    "10.01": ("pwt/pwt1001_jivizcaino_pwt101.csv", "float64"),
}

PWT_NOTES = {
    "11.0": "The official PWT 11.0 Stata file (pwt110.dta), float32 precision as published.",
    "10.01": (
        "A third-party CSV mirror of PWT 10.01 (GitHub jivizcaino/PWT10.1, pwt101.csv), "
        "every value rounded to three decimals; not checked against the official "
        "release (DOI 10.34894/QT5BCC)."
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
            "built_by": "python -m pflab.build --only pwt",
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
