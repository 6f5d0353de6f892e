"""Readers for the world input–output tables a user downloads.

- **WIOD 2016 release** world tables (43 economies + ``ROW`` × 56 ISIC Rev.4 industries,
  2000–2014): the R file ``WIOT<YYYY>_October16_ROW.RData`` holds one data frame
  ``wiot`` with the label columns ``IndustryCode``, ``IndustryDescription``,
  ``Country``, ``RNr``, ``Year``, then one column per using country-industry
  (``AUS1`` … ``ROW56``), per destination country and final-demand category (``AUS57``
  … ``ROW61``: household, non-profit and government consumption, gross fixed capital
  formation, changes in inventories) and ``TOT``; the 2,464 industry rows are followed
  by total rows (``Country`` = ``TOT``: ``II_fob``, ``TXSP``, ``EXP_adj``, ``PURR``,
  ``PURNR``, ``VA``, ``IntTTM``, ``GO``). A CSV export of the same frame reads too.
  Sector codes are the ``IndustryCode`` values (``A01`` … ``U``), the ``wiod56`` scheme.
- **OECD ICIO** (inter-country input–output tables, CSV, one year a file): the first
  column labels rows ``<ISO>_<industry>`` and the rows ``TLS`` (taxes less subsidies),
  ``VA`` and ``OUT`` (older editions: ``TAXSUB``, ``VALU``, ``OUTPUT``); columns are the
  same country-industries, then final demand ``<ISO>_<category>`` (``HFCE``, ``NPISH``,
  ``GGFC``, ``GFCF``, ``INVNT``, ``DPABR``; the 2016 edition writes ``<category>_<ISO>``),
  an optional discrepancy column ``DISC`` and ``OUT`` (or ``TOTAL``). The split rows of
  China and Mexico (``CN1``, ``CN2``, ``MX1``, ``MX2``: processing and non-processing
  trade) are summed into ``CHN`` and ``MEX``, as pymrio does.
- the WIOD 2013 release files of the R package ``wiod``
  (:func:`pflab.data.iotables.wiot2013.read_wiot2013`).

:func:`read_world_table` recognises each layout. Every reader returns a balanced
:class:`~pflab.tables.MRIOTable` through
:func:`~pflab.data.iotables.world.world_table`.

References
----------
Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "An
Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive
Production", *Review of International Economics* 23: 575–605.
OECD (2023), *OECD Inter-Country Input-Output Database*, http://oe.cd/icio.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from pflab.data.iotables.world import world_table
from pflab.errors import DataFormatError, DataNotFoundError
from pflab.provenance import Source
from pflab.tables import MRIOTable

__all__ = ["read_icio_csv", "read_wiod2016", "read_world_table"]

_WIOD16_LABELS = ("IndustryCode", "IndustryDescription", "Country", "RNr", "Year")
_WIOD16_FINAL = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN")
_WIOD_CITATION = (
    "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "
    '"An Illustrated User Guide to the World Input-Output Database: the Case of Global '
    'Automotive Production", Review of International Economics 23: 575-605'
)
_ICIO_FINAL = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR", "NONRES", "DIRP", "P33")
_ICIO_OUTPUT = ("OUT", "OUTPUT", "TOTAL")
_ICIO_PRIMARY = ("TLS", "VA", "TAXSUB", "VALU")
_SPLIT = {"CN": "CHN", "MX": "MEX"}


def _require(path: str | Path) -> Path:
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    return file


def _r_frame(file: Path) -> pd.DataFrame:
    """The one data frame of an R data file (pyreadr if installed, else rdata)."""
    try:
        import pyreadr

        found = pyreadr.read_r(file)
        frames = list(found.values())
    except ImportError:  # pragma: no cover - depends on the environment
        from pflab.data.iotables.wiot2013 import _read_rdata

        frames = [v for v in _read_rdata(file).values() if isinstance(v, pd.DataFrame)]
    except Exception as exc:
        raise DataFormatError(
            f"not a readable R data file with a data frame ({exc})", path=file
        ) from exc
    if len(frames) != 1 or not isinstance(frames[0], pd.DataFrame):
        raise DataFormatError("expected one data frame (wiot) in the R data file", path=file)
    return frames[0]


def read_wiod2016(path: str | Path) -> MRIOTable:
    """Read a WIOD 2016 release world table (``.RData`` or a CSV export of its frame).

    Parameters
    ----------
    path
        ``WIOT<YYYY>_October16_ROW.RData`` (data frame ``wiot``) or a CSV with the same
        columns.

    Raises
    ------
    pflab.errors.DataFormatError
        Naming the file and the missing column or row if the layout differs.
    """
    file = _require(path)
    if file.suffix.lower() in (".rdata", ".rda"):
        frame = _r_frame(file)
    else:
        frame = pd.read_csv(file, low_memory=False)
    return _wiod2016_table(frame, where=str(file))


def _wiod2016_table(frame: pd.DataFrame, *, where: str) -> MRIOTable:
    missing = [c for c in (*_WIOD16_LABELS, "TOT") if c not in frame.columns]
    if missing:
        raise DataFormatError(f"columns {missing} of the WIOD 2016 layout are missing", path=where)
    country = frame["Country"].astype(str).str.strip()
    body = frame[country != "TOT"]
    totals = frame[country == "TOT"].set_index(
        frame.loc[country == "TOT", "IndustryCode"].astype(str).str.strip()
    )
    regions = list(dict.fromkeys(body["Country"].astype(str).str.strip()))
    sectors = list(dict.fromkeys(body["IndustryCode"].astype(str).str.strip()))
    g, s = len(regions), len(sectors)
    if len(body) != g * s:
        raise DataFormatError(
            f"{len(body)} industry rows; expected {g} countries x {s} industries", path=where
        )
    expected = [f"{r}{j}" for r in regions for j in range(1, s + 1)]
    final_cols = [f"{r}{s + j}" for r in regions for j in range(1, len(_WIOD16_FINAL) + 1)]
    absent = [c for c in (*expected, *final_cols) if c not in frame.columns]
    if absent:
        raise DataFormatError(
            f"columns {absent[:4]} of the WIOD 2016 layout (<country><1-{s + 5}>) are missing",
            path=where,
        )
    numeric = body[[*expected, *final_cols, "TOT"]].apply(pd.to_numeric, errors="coerce")
    if numeric.isna().any().any():
        bad = numeric.isna().any(axis=1).to_numpy().argmax()
        col = numeric.columns[numeric.iloc[bad].isna().to_numpy().argmax()]
        raise DataFormatError("non-numeric value", path=where, row=int(bad) + 1, column=str(col))
    output = numeric["TOT"].to_numpy(dtype="float64")
    if "GO" in totals.index:
        go_row = totals.loc[["GO"], expected].iloc[0]
        go = pd.to_numeric(go_row, errors="coerce").to_numpy(dtype="float64")
        if np.isfinite(go).all():
            output = go
    years = pd.to_numeric(body["Year"], errors="coerce").dropna().unique()
    if len(years) != 1:
        raise DataFormatError(
            f"expected one year in column Year, found {list(years)[:5]}", path=where
        )
    source = Source(
        name="WIOD world input-output tables",
        version="2016 release",
        citation=_WIOD_CITATION,
        url="https://doi.org/10.34894/PJ2M1C",
        licence="CC BY 4.0 (WIOD 2016 release)",
    )
    return world_table(
        regions=regions,
        sectors=sectors,
        Z=numeric[expected].to_numpy(dtype="float64"),
        final=numeric[final_cols].to_numpy(dtype="float64"),
        categories=_WIOD16_FINAL,
        x=output,
        year=int(years[0]),
        source=source,
        where=where,
        notes=(
            "Units: current US$ million (WIOD 2016 release); output from the GO row.",
            "Value added = gross output minus intermediate inputs (taxes less subsidies on "
            "products, cif/fob adjustments, direct purchases and international transport "
            "margins included).",
        ),
    )


def _split_label(label: str, where: Path, regions: set[str] | None = None) -> tuple[str, str]:
    head, _, tail = label.partition("_")
    if not tail:
        raise DataFormatError(f"label {label!r} is not <country>_<code>", path=where, row=label)
    if regions is not None and head not in regions and tail in regions:
        return tail, head  # 2016 edition: <category>_<country>
    return head, tail


def _merge_split(code: str) -> str:
    match = re.fullmatch(r"(CN|MX)\d", code)
    return _SPLIT[match.group(1)] if match else code


def read_icio_csv(path: str | Path, *, year: int | None = None) -> MRIOTable:
    """Read one year of the OECD inter-country input–output tables (CSV).

    Parameters
    ----------
    path
        ``ICIO2023_<YYYY>.csv`` (or any edition's CSV in that layout).
    year
        The year; default the last four-digit number in the file name.

    Raises
    ------
    pflab.errors.DataFormatError
        If the row or column labels are not the ICIO layout, naming the first that is not.
    """
    file = _require(path)
    raw = pd.read_csv(file, index_col=0)
    raw.index = raw.index.astype(str).str.strip()
    raw.columns = [str(c).strip() for c in raw.columns]
    where = str(file)
    if year is None:
        found = re.findall(r"(19\d\d|20\d\d)", file.stem)
        if not found:
            raise DataFormatError("no year in the file name; pass year=", path=file)
        year = int(found[-1])
    out_rows = [r for r in raw.index if r in _ICIO_OUTPUT]
    out_cols = [c for c in raw.columns if c in _ICIO_OUTPUT]
    industry_rows = [r for r in raw.index if r not in _ICIO_OUTPUT and r not in _ICIO_PRIMARY]
    pairs = [_split_label(r, file) for r in industry_rows]
    merged = [(_merge_split(c), i) for c, i in pairs]
    regions = list(dict.fromkeys(c for c, _ in merged))
    sectors = list(dict.fromkeys(i for _, i in merged))
    g, s = len(regions), len(sectors)
    missing = [c for c in industry_rows if c not in raw.columns]
    if missing:
        raise DataFormatError(
            f"the columns lack the row country-industries {missing[:3]}",
            path=file,
            column=missing[0],
        )
    values = raw.apply(pd.to_numeric, errors="coerce").fillna(0.0)
    keys = pd.MultiIndex.from_tuples(merged)
    # sum split countries (CN1, CN2 → CHN) over rows and columns
    z = values.loc[industry_rows, industry_rows]
    z.index, z.columns = keys, keys
    z = z.T.groupby(level=[0, 1], sort=False).sum().T.groupby(level=[0, 1], sort=False).sum()
    order = pd.MultiIndex.from_product([regions, sectors])
    z = z.reindex(index=order, columns=order, fill_value=0.0)
    region_set = set(regions)
    final_cols = [c for c in raw.columns if c not in industry_rows and c not in _ICIO_OUTPUT]
    categories: list[str] = []
    blocks: dict[tuple[str, str], np.ndarray] = {}
    discrepancy = np.zeros(g * s)
    rows_fd = values.loc[industry_rows, final_cols]
    rows_fd.index = keys
    rows_fd = rows_fd.groupby(level=[0, 1], sort=False).sum().reindex(order, fill_value=0.0)
    for column in final_cols:
        if "_" not in column:
            discrepancy += rows_fd[column].to_numpy()
            continue
        country, category = _split_label(column, file, region_set)
        country = _merge_split(country)
        if country not in region_set:
            raise DataFormatError(
                f"final-demand column for unknown country {country!r}", path=file, column=column
            )
        if category not in categories:
            categories.append(category)
        key = (country, category)
        blocks[key] = blocks.get(key, 0.0) + rows_fd[column].to_numpy()
    notes = [
        "Units: current US$ million (OECD ICIO).",
        "Value added = gross output minus intermediate inputs (taxes less subsidies on "
        "intermediate products included).",
    ]
    if any(re.fullmatch(r"(CN|MX)\d", c) for c, _ in pairs):
        notes.append(
            "China's and Mexico's split rows (CN1, CN2, MX1, MX2) summed into CHN and MEX."
        )
    if np.any(discrepancy):
        categories.append("DISC")
        notes.append(
            "The discrepancy column DISC is kept as final demand of the producing country."
        )
    k = len(categories)
    final = np.zeros((g * s, g, k))
    for (dest, category), cells in blocks.items():
        final[:, regions.index(dest), categories.index(category)] = cells
    if "DISC" in categories:
        final[np.arange(g * s), np.repeat(np.arange(g), s), k - 1] = discrepancy
    if out_rows:
        out = values.loc[out_rows[0], industry_rows]
        out.index = keys
        x = out.groupby(level=[0, 1], sort=False).sum().reindex(order).to_numpy()
    elif out_cols:
        out = values.loc[industry_rows, out_cols[0]]
        out.index = keys
        x = out.groupby(level=[0, 1], sort=False).sum().reindex(order).to_numpy()
    else:
        raise DataFormatError("no output row or column (OUT, OUTPUT or TOTAL)", path=file)
    source = Source(
        name="OECD Inter-Country Input-Output tables",
        version=f"ICIO ({file.name})",
        citation="OECD (2023), OECD Inter-Country Input-Output Database, http://oe.cd/icio",
        url="http://oe.cd/icio",
        licence="OECD terms and conditions",
    )
    return world_table(
        regions=regions,
        sectors=sectors,
        Z=z.to_numpy(dtype="float64"),
        final=final.reshape(g * s, g * k),
        categories=categories,
        x=np.asarray(x, dtype="float64"),
        year=year,
        source=source,
        rtol=1e-6,
        where=where,
        notes=notes,
    )


def read_world_table(path: str | Path, *, year: int | None = None) -> MRIOTable:
    """Read a world input–output table in any layout pflab knows, recognised from the file.

    ``.RData`` holding an R list with ``inter`` (WIOD 2013, R package ``wiod``) or a data
    frame ``wiot`` (WIOD 2016); ``.csv`` with an ``IndustryCode`` column (WIOD 2016) or
    else the OECD ICIO layout.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If the layout is none of these.
    """
    file = _require(path)
    suffix = file.suffix.lower()
    if suffix in (".rdata", ".rda"):
        from pflab.data.iotables.wiot2013 import _read_rdata, read_wiot2013

        objects = _read_rdata(file)
        if any(isinstance(v, dict) and "inter" in v for v in objects.values()):
            return read_wiot2013(file)
        frames = [v for v in objects.values() if isinstance(v, pd.DataFrame)]
        if len(frames) == 1:
            return _wiod2016_table(frames[0], where=str(file))
        raise DataFormatError(
            "neither a WIOD 2013 list (inter, final, output) nor a WIOD 2016 data frame",
            path=file,
        )
    if suffix == ".csv":
        head = pd.read_csv(file, nrows=0).columns
        if "IndustryCode" in head:
            return read_wiod2016(file)
        return read_icio_csv(file, year=year)
    raise DataFormatError(f"expected .RData or .csv, got {file.suffix!r}", path=file)
