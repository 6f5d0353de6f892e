"""A plain, lossless file format for :class:`IOTable`: long CSV or Parquet.

Each non-zero cell is one row ``block, row, column, value``, where ``block`` is ``Z``,
``Z_imports``, ``final_demand``, ``final_demand_imports``, ``value_added_components``,
``other_inputs`` or one of the vectors ``value_added``, ``gross_output``, ``imports``,
``employment`` (column = the block name). Labels, units, source and notes travel as JSON:
in the Parquet schema metadata (key ``pflab``), or beside a CSV as ``<name>.json``.
Files are written to a temporary name and renamed, so a failure leaves nothing behind.

The format is meant for exchanging tables with other tools (R, spreadsheets) and for
users who build a table from their own data: write a table with :func:`write_table`,
edit or generate the cells, and read it back with :func:`read_table`, which validates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pflab.errors import DataFormatError, DataNotFoundError, ParameterError
from pflab.files import atomic_path
from pflab.provenance import Source
from pflab.tables import BLOCKS, IOTable

__all__ = ["read_table", "write_table"]

_MATRICES = tuple(b.name for b in BLOCKS if b.kind != "vector")
_VECTORS = tuple(b.name for b in BLOCKS if b.kind == "vector")
_META_KEY = b"pflab"


def _cells(table: IOTable) -> pd.DataFrame:
    parts = []
    for block in _MATRICES:
        frame = getattr(table, block)
        if frame is None:
            continue
        values = frame.to_numpy()
        i, j = np.nonzero(values != 0)
        parts.append(
            pd.DataFrame(
                {
                    "block": block,
                    "row": np.asarray(frame.index, dtype=object)[i],
                    "column": np.asarray(frame.columns, dtype=object)[j],
                    "value": values[i, j],
                }
            )
        )
    for block in _VECTORS:
        series = getattr(table, block)
        if series is None:
            continue
        values = series.to_numpy()
        i = np.nonzero(values != 0)[0]
        parts.append(
            pd.DataFrame(
                {
                    "block": block,
                    "row": np.asarray(series.index, dtype=object)[i],
                    "column": block,
                    "value": values[i],
                }
            )
        )
    cells = pd.concat(parts, ignore_index=True)
    for column in ("block", "row", "column"):
        cells[column] = cells[column].astype(str)
    return cells


def _metadata(table: IOTable) -> dict[str, Any]:
    def cols(frame: pd.DataFrame | None) -> list[str] | None:
        return None if frame is None else [str(c) for c in frame.columns]

    return {
        "format": "pflab-iotable",
        "version": 1,
        "economy": table.economy,
        "year": table.year,
        "scheme": table.scheme,
        "codes": list(table.codes),
        "names": list(table.names),
        "names_zh": None if table.names_zh is None else list(table.names_zh),
        "currency": table.currency,
        "unit": table.unit,
        "prices": table.prices,
        "employment_unit": table.employment_unit,
        "source": table.source.to_dict(),
        "sources": [s.to_dict() for s in table.sources],
        "import_split": table.import_split,
        "notes": list(table.notes),
        "signed_columns": list(table.signed_columns),
        "export_columns": list(table.export_columns),
        "rtol": table.rtol,
        "rounding": table.rounding,
        "blocks": {b: cols(getattr(table, b)) for b in _MATRICES},
        "vectors": [b for b in _VECTORS if getattr(table, b) is not None],
    }


def write_table(table: IOTable, path: str | Path) -> Path:
    """Write a table as long ``.parquet`` (metadata inside) or ``.csv`` (+ ``.json``).

    Raises
    ------
    pflab.errors.ParameterError
        If the suffix is neither ``.parquet`` nor ``.csv`` or the folder does not exist.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise ParameterError("path", f"{target}: expected a .parquet or .csv file name")
    if not target.parent.is_dir():
        raise ParameterError("path", f"{target.parent}: folder does not exist")
    cells = _cells(table)
    meta = json.dumps(_metadata(table), ensure_ascii=False).encode("utf-8")
    if suffix == ".parquet":
        arrow = pa.Table.from_pandas(cells, preserve_index=False)
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), _META_KEY: meta})
        with atomic_path(target) as tmp:
            pq.write_table(arrow, tmp, compression="zstd")
    else:
        with atomic_path(target.with_suffix(".json")) as side, atomic_path(target) as tmp:
            cells.to_csv(tmp, index=False, float_format="%.17g")
            side.write_bytes(meta)
    return target


def read_table(path: str | Path) -> IOTable:
    """Read a table written by :func:`write_table` (or built by hand in that layout).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file (or the CSV's ``.json`` metadata) is missing.
    pflab.errors.DataFormatError
        If the metadata or cells do not follow the layout.
    pflab.errors.DataValidationError
        If the table fails validation (balances, signs, productivity).
    """
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    if file.suffix.lower() == ".parquet":
        arrow = pq.read_table(file)
        raw = (arrow.schema.metadata or {}).get(_META_KEY)
        if raw is None:
            raise DataFormatError("no pflab metadata in the Parquet schema", path=file)
        cells = arrow.to_pandas()
    elif file.suffix.lower() == ".csv":
        side = file.with_suffix(".json")
        if not side.is_file():
            raise DataNotFoundError(f"{side}: the metadata file beside the CSV is missing")
        raw = side.read_bytes()
        cells = pd.read_csv(file, dtype={"block": str, "row": str, "column": str})
    else:
        raise DataFormatError(f"expected .parquet or .csv, got {file.suffix!r}", path=file)
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"metadata is not JSON ({exc})", path=file) from None
    if meta.get("format") != "pflab-iotable":
        raise DataFormatError("metadata does not describe a pflab input-output table", path=file)
    missing = {"block", "row", "column", "value"} - set(cells.columns)
    if missing:
        raise DataFormatError(f"columns {sorted(missing)} are missing", path=file)
    codes = [str(c) for c in meta["codes"]]
    position = {c: i for i, c in enumerate(codes)}
    known = set(_MATRICES) | set(_VECTORS)
    unknown = sorted(set(cells["block"]) - known)
    if unknown:
        raise DataFormatError(f"unknown blocks {unknown}; expected {sorted(known)}", path=file)
    arrays: dict[str, Any] = {}
    for block, columns in meta["blocks"].items():
        if columns is None:
            continue
        width = len(codes) if block in ("Z", "Z_imports") else len(columns)
        labels = codes if block in ("Z", "Z_imports") else columns
        col_pos = {c: j for j, c in enumerate(labels)}
        values = np.zeros((len(codes), width))
        part = cells[cells["block"] == block]
        for row_number, (r, c, v) in enumerate(
            zip(part["row"], part["column"], part["value"], strict=True)
        ):
            if r not in position or c not in col_pos:
                raise DataFormatError(
                    f"cell ({r}, {c}) of block {block} is not a sector/column of the table",
                    path=file,
                    row=row_number + 2,
                )
            values[position[r], col_pos[c]] = float(v)
        arrays[block] = (
            values
            if block in ("Z", "Z_imports")
            else pd.DataFrame(values, index=codes, columns=labels)
        )
    for block in meta["vectors"]:
        vector = np.zeros(len(codes))
        part = cells[cells["block"] == block]
        for r, v in zip(part["row"], part["value"], strict=True):
            if r not in position:
                raise DataFormatError(f"sector {r!r} of {block} is not in the table", path=file)
            vector[position[r]] = float(v)
        arrays[block] = vector
    if "Z" not in arrays or "final_demand" not in arrays:
        raise DataFormatError("blocks Z and final_demand are required", path=file)
    return IOTable.from_blocks(
        economy=meta["economy"],
        year=int(meta["year"]),
        scheme=meta["scheme"],
        codes=codes,
        names=meta["names"],
        names_zh=meta.get("names_zh"),
        currency=meta.get("currency", ""),
        unit=meta.get("unit", ""),
        prices=meta.get("prices", ""),
        employment_unit=meta.get("employment_unit", ""),
        sources=[
            Source.from_dict(item)
            for item in meta.get("sources")
            or [meta.get("source", {"name": "file", "version": "", "citation": ""})]
        ],
        import_split=meta.get("import_split"),
        notes=meta.get("notes", ()),
        signed_columns=meta.get("signed_columns", ()),
        export_columns=meta.get("export_columns", ()),
        rtol=float(meta.get("rtol", 1e-6)),
        rounding=float(meta.get("rounding", 0.0)),
        **arrays,
    )
