"""Build the embedded input–output tables from the raw source files.

``python -m pflab.build --only io`` reads

- the NBS tables of China (``china_nbs_io/china_<year>_<sectors>.rda``, R data frames,
  read with *pyreadr*) and the employment series ``china_employment.rda``;
- the OECD 2021 tables of China and Japan (``oecd_iot_2021/*.rda``, R lists, read with
  *rdata*);
- the WIOD 2016 national tables of 11 economies (``wiod_niot_2016_rounded/*.csv``);

checks that every table is a valid :class:`~pflab.tables.IOTable`, and
writes each family as two Parquet files: the non-zero cells of every table as published
(``io_<family>``: table, origin, row, column, value) and the full row and column labels
(``io_<family>_axes``). Tables are rebuilt from these cells by the same layout functions
that read user files, so the embedded set and a user's file go through one code path.

Precision is kept: NBS values are float64 (as published), OECD values are stored exactly
as integer tenths (published with one decimal), WIOD values as integers (the re-saves
are rounded to whole US$ million).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.embedded import file_digest, write_dataset
from pflab.data.iotables.nbs import nbs_table
from pflab.data.iotables.oecd import oecd_table
from pflab.data.iotables.wiod import read_wiod_frame, wiod_table
from pflab.errors import DataNotFoundError, DataValidationError

__all__ = ["NBS_FILES", "WIOD_ECONOMIES", "build_io", "long_cells"]

#: The NBS tables pflab embeds: file stem → (year, sectors).
NBS_FILES: dict[str, tuple[int, int]] = {
    "china_2002_122": (2002, 122),
    "china_2005_42": (2005, 42),
    "china_2007_135": (2007, 135),
    "china_2010_41": (2010, 41),
    "china_2012_139": (2012, 139),
    "china_2015_42": (2015, 42),
    "china_2017_149": (2017, 149),
    "china_2017_42": (2017, 42),
    "china_2018_153": (2018, 153),
    "china_2018_42": (2018, 42),
    "china_2020_153": (2020, 153),
    "china_2020_42": (2020, 42),
}

OECD_ECONOMIES = ("CHN", "JPN")
WIOD_ECONOMIES = ("BRA", "CHN", "DEU", "FRA", "GBR", "IND", "JPN", "KOR", "RUS", "TWN", "USA")

_LABELS = ("Code", "Description", "DescriptionInChinese", "Origin", "Year")


def long_cells(table_id: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Non-zero numeric cells of a table frame (long) and its row and column labels."""
    origin = (
        frame["Origin"].astype(str)
        if "Origin" in frame.columns
        else pd.Series("", index=frame.index)
    )
    codes = frame["Code"].astype(str).str.strip()
    numeric = [c for c in frame.columns if c not in _LABELS]
    values = frame[numeric].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64")
    i, j = np.nonzero(np.nan_to_num(values) != 0.0)
    cells = pd.DataFrame(
        {
            "table": table_id,
            "origin": origin.to_numpy()[i],
            "row": codes.to_numpy()[i],
            "col": np.asarray(numeric, dtype=object)[j],
            "value": values[i, j],
        }
    )
    rows = pd.DataFrame(
        {
            "table": table_id,
            "axis": "row",
            "pos": np.arange(len(frame)),
            "origin": origin.to_numpy(),
            "code": codes.to_numpy(),
            "name": frame["Description"].astype(str).str.strip().to_numpy()
            if "Description" in frame.columns
            else codes.to_numpy(),
            "name_zh": frame["DescriptionInChinese"].astype(str).str.strip().to_numpy()
            if "DescriptionInChinese" in frame.columns
            else "",
        }
    )
    cols = pd.DataFrame(
        {
            "table": table_id,
            "axis": "col",
            "pos": np.arange(len(numeric)),
            "origin": "",
            "code": numeric,
        }
    ).assign(name="", name_zh="")
    return cells, pd.concat([rows, cols], ignore_index=True)


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DataNotFoundError(f"{path}: raw input-output file not found (see SOURCES.md)")
    return path


def _nbs(raw: Path) -> tuple[list[pd.DataFrame], list[pd.DataFrame], dict[str, Any], list[Path]]:
    import pyreadr

    cells, axes, tables, files = [], [], {}, []
    for stem, (year, sectors) in NBS_FILES.items():
        path = _require(raw / "china_nbs_io" / f"{stem}.rda")
        frame = next(iter(pyreadr.read_r(path).values()))
        table = nbs_table(frame, year=year, where=str(path))
        table_id = f"{year}_{sectors}"
        c, a = long_cells(table_id, frame)
        cells.append(c)
        axes.append(a)
        files.append(path)
        tables[table_id] = {
            "economy": "CHN",
            "year": year,
            "sectors": sectors,
            "scheme": table.scheme,
            "import_split": table.import_split,
            "gross_output": float(table.gross_output.sum()),
        }
    return cells, axes, tables, files


def _oecd(raw: Path) -> tuple[list[pd.DataFrame], list[pd.DataFrame], dict[str, Any], list[Path]]:
    import rdata

    cells, axes, tables, files = [], [], {}, []
    for iso in OECD_ECONOMIES:
        path = _require(raw / "oecd_iot_2021" / f"OECD21ed_{iso}_1995to2018.rda")
        listing = rdata.conversion.convert(rdata.parser.parse_file(path))
        frames = next(iter(listing.values()))
        for name, frame in frames.items():
            year = int(str(name)[-4:])
            frame = frame.copy()
            frame["Code"] = frame["Code"].astype(str)
            table = oecd_table(frame, economy=iso, year=year, where=f"{path} [{name}]")
            table_id = f"{iso}_{year}"
            c, a = long_cells(table_id, frame)
            tenths = np.round(c["value"].to_numpy() * 10.0)
            if not np.array_equal(tenths / 10.0, c["value"].to_numpy()):
                raise DataValidationError("OECD values are expected to have one decimal", path=path)
            cells.append(c.assign(value=tenths.astype("int64")))
            axes.append(a)
            tables[table_id] = {
                "economy": iso,
                "year": year,
                "sectors": 45,
                "scheme": table.scheme,
                "import_split": table.import_split,
                "gross_output": float(table.gross_output.sum()),
            }
        files.append(path)
    return cells, axes, tables, files


def _wiod(raw: Path) -> tuple[list[pd.DataFrame], list[pd.DataFrame], dict[str, Any], list[Path]]:
    cells, axes, tables, files = [], [], {}, []
    for iso in WIOD_ECONOMIES:
        path = _require(raw / "wiod_niot_2016_rounded" / f"{iso}_NIOT_nov16.csv")
        frame = read_wiod_frame(path)
        for year in sorted(int(y) for y in frame["Year"].unique()):
            part = frame[frame["Year"] == year].reset_index(drop=True)
            table = wiod_table(part, economy=iso, year=year, rounding=1.0, where=str(path))
            table_id = f"{iso}_{year}"
            c, a = long_cells(table_id, part)
            ints = np.round(c["value"].to_numpy())
            if not np.array_equal(ints, c["value"].to_numpy()):
                raise DataValidationError(
                    "the WIOD re-saves are expected to hold integers", path=path
                )
            cells.append(c.assign(value=ints.astype("int64")))
            axes.append(a)
            tables[table_id] = {
                "economy": iso,
                "year": year,
                "sectors": table.n,
                "scheme": table.scheme,
                "import_split": table.import_split,
                "gross_output": float(table.gross_output.sum()),
            }
        files.append(path)
    return cells, axes, tables, files


def _employment(raw: Path) -> tuple[pd.DataFrame, Path]:
    import pyreadr

    path = _require(raw / "china_nbs_io" / "china_employment.rda")
    frame = next(iter(pyreadr.read_r(path).values()))
    years = [c for c in frame.columns if str(c).isdigit()]
    long = frame.melt(
        id_vars=["Code", "Description", "DescriptionInChinese"], value_vars=years, var_name="year"
    )
    long = long.rename(
        columns={"Code": "code", "Description": "name", "DescriptionInChinese": "name_zh"}
    )
    long["year"] = long["year"].astype("int16")
    long["code"] = long["code"].astype(str).str.strip()
    return long[["code", "name", "name_zh", "year", "value"]].reset_index(drop=True), path


def _span(tables: dict[str, dict[str, object]]) -> str:
    """The family's vintage line: its years and number of tables (each table cites its own)."""
    years = sorted({int(str(t["year"])) for t in tables.values()})
    return f"{years[0]}-{years[-1]} ({len(tables)} tables)"


def build_io(raw: Path, out: Path) -> list[Path]:
    """Build ``io_nbs``, ``io_oecd``, ``io_wiod`` (cells and axes) and ``cn_employment``."""
    from pflab.data.iotables.nbs import NBS_CITATION, nbs_source
    from pflab.data.iotables.oecd import oecd_source
    from pflab.data.iotables.wiod import wiod_source

    # the family's citation names the editions, not a year (each table cites its own)
    nbs = {**nbs_source(0, 0).to_dict(), "citation": f"{NBS_CITATION}, 2002-2020 editions"}
    families = {
        "nbs": (_nbs, nbs, "float64 (as published)"),
        "oecd": (_oecd, oecd_source("", 0).to_dict(), "int64 tenths of US$ million (exact)"),
        "wiod": (_wiod, wiod_source("", rounded=True).to_dict(), "int64 US$ million (exact)"),
    }
    written = []
    for family, (reader, source, storage) in families.items():
        cells, axes, tables, files = reader(raw)
        meta = {
            "dataset": f"input-output tables ({family})",
            "source": {**source, "version": _span(tables)},
            "raw": [file_digest(p) for p in files],
            "raw_path": f"../shared/data/{files[0].parent.name}/",
            "built_by": "python -m pflab.build --only io",
            "storage": storage,
            "tables": tables,
        }
        frame = pd.concat(cells, ignore_index=True)
        for column in ("table", "origin", "row", "col"):
            frame[column] = frame[column].astype(str)
        written.append(write_dataset(out, f"io_{family}", frame, meta))
        axes_frame = pd.concat(axes, ignore_index=True)
        for column in ("table", "axis", "origin", "code", "name", "name_zh"):
            axes_frame[column] = axes_frame[column].astype(str)
        axes_frame["pos"] = axes_frame["pos"].astype("int32")
        axes_meta = {k: v for k, v in meta.items() if k not in ("tables", "storage")}
        axes_meta["dataset"] = f"row and column labels of io_{family}"
        written.append(write_dataset(out, f"io_{family}_axes", axes_frame, axes_meta))
    employment, path = _employment(raw)
    written.append(
        write_dataset(
            out,
            "cn_employment",
            employment,
            {
                "dataset": "employed persons by industry, China (10,000 persons)",
                "source": {
                    "name": "China employment by industry",
                    "version": "1990-2018",
                    "citation": "National Bureau of Statistics of China, employed persons by "
                    "sector, as packaged in the R package ionet (china_employment)",
                    "url": "https://github.com/Carol-seven/ionet",
                    "licence": "NBS publication; ionet package GPL (>= 3)",
                    "note": "Units: 10,000 persons.",
                },
                "raw": file_digest(path),
                "raw_path": "../shared/data/china_nbs_io/china_employment.rda",
                "built_by": "python -m pflab.build --only io",
                "unit": "10,000 persons",
            },
        )
    )
    return written
