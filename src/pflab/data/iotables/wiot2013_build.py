"""Build the embedded WIOD 2013 world tables (``python -m pflab.build --only wiot2013``).

Reads the 17 staged files ``wiod_wiot_2013/wiot_<YYYY>.RData`` (R package ``wiod``,
read with *rdata*), checks each through the same layout function the loader uses
(:func:`~pflab.data.iotables.wiot2013.wiot2013_table`), and writes one Parquet file per
year, ``wiot2013_<YYYY>.parquet``: the non-zero cells of [Z | final demand | output] as
``row``, ``col_step``, ``value`` (see
:func:`~pflab.data.iotables.wiot2013.sparse_cells`; values are exact: the staged tables
are whole US$ million). The JSON sidecar holds the source, the raw file's SHA-256, the
layout and the year's totals. About 0.4–0.6 MB a year, 8–9 MB for the 17 years.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pflab.data.embedded import file_digest, write_dataset
from pflab.data.iotables.wiot2013 import (
    WIOT2013_CATEGORIES,
    WIOT2013_COUNTRIES,
    WIOT2013_INDUSTRIES,
    WIOT2013_YEARS,
    _read_rdata,
    sparse_cells,
    wiot2013_source,
    wiot2013_table,
)
from pflab.errors import DataFormatError, DataNotFoundError

__all__ = ["build_wiot2013"]

_LAYOUT = (
    "Non-zero cells of the block [Z | final | output] of one year, row-major: row = "
    "country-industry (41 countries x 35 industries, country-major); columns 0-1434 = Z "
    "(using country-industry), 1435-1639 = final demand (41 destination countries x "
    "CONS_h, CONS_np, CONS_g, GFCF, INVEN), 1640 = gross output. col_step = column minus "
    "the previous non-zero column of the row (first cell: column + 1). Values in US$ "
    "million, exact (the staged tables are whole numbers)."
)


def build_wiot2013(raw: Path, out: Path) -> list[Path]:
    """Write ``wiot2013_<year>.parquet`` (+ JSON sidecar) for 1995–2011.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If a staged file is missing (nothing is written for it or later years).
    """
    written: list[Path] = []
    for year in WIOT2013_YEARS:
        path = raw / "wiod_wiot_2013" / f"wiot_{year}.RData"
        if not path.is_file():
            raise DataNotFoundError(f"{path}: raw WIOD 2013 world table not found (SOURCES.md §10)")
        objects = _read_rdata(path)
        wiot = objects.get(f"wiot_{year}")
        if not isinstance(wiot, dict):
            raise DataFormatError(f"no R list wiot_{year}", path=path)
        inter = np.asarray(wiot["inter"], dtype="float64")
        final = np.asarray(wiot["final"], dtype="float64")
        output = np.asarray(wiot["output"], dtype="float64").reshape(-1)
        source = wiot2013_source(rounded=True)
        table = wiot2013_table(
            inter,
            final,
            output,
            year=year,
            countries=tuple(str(c) for c in np.asarray(wiot["countries"])),
            industries=tuple(str(c) for c in np.asarray(wiot["industries"])),
            source=source,
            where=str(path),
        )
        cells = sparse_cells(inter, final, output)
        residual = output - inter.sum(axis=1) - final.sum(axis=1)
        meta = {
            "source": source.to_dict(),
            "raw": file_digest(path),
            "built_by": "python -m pflab.build --only wiot2013",
            "year": year,
            "layout": _LAYOUT,
            "countries": list(WIOT2013_COUNTRIES),
            "industries": list(WIOT2013_INDUSTRIES),
            "categories": list(WIOT2013_CATEGORIES),
            "totals": {
                "gross_output": float(output.sum()),
                "intermediate_use": float(inter.sum()),
                "final_demand": float(final.sum()),
                "value_added": float(table.F.to_numpy().sum()),  # type: ignore[union-attr]
                "nonzero_cells": len(cells),
                "zero_output_sectors": int((output == 0).sum()),
                "max_abs_row_residual": float(np.abs(residual).max()),
                "net_row_residual": float(residual.sum()),
            },
        }
        written.append(write_dataset(out, f"wiot2013_{year}", cells, meta))
    return written
