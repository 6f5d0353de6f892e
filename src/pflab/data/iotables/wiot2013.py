"""WIOD 2013 release: world input–output tables, 41 regions × 35 industries, 1995–2011.

The tables (current US$ million) link 40 economies and a rest of the world (``RoW``):
1,435 country-industries, intermediate flows Z (1,435 × 1,435; row supplies column),
final demand by destination country in five categories (household, non-profit and
government consumption, gross fixed capital formation, changes in inventories) and gross
output. Industries are the 35 WIOD codes ``c1``–``c35`` (NACE Rev.1 / ISIC Rev.3 based;
``c14`` is electrical and optical equipment); their concordance to ISIC Rev.4 is
``classifications/concordance_wiod35.csv``. Romania keeps its WIOD code ``ROM``.

Three ways in, one layout function (:func:`wiot2013_table`):

- :func:`load_wiot` reads the embedded copy (all 17 years as sparse Parquet, built by
  ``python -m pflab.build --only wiot2013`` from the staged files);
- :func:`read_wiot2013` reads a ``wiot_<YYYY>.RData`` file of the R data package
  ``wiod`` (Quast), one R list with ``inter``, ``final``, ``output``, ``countries``,
  ``industries`` and ``year`` (needs the optional ``rdata`` package);
- :func:`wiot2013_table` builds a table from the arrays of any other copy.

Caveats every result carries (in the table's notes): the staged files are **rounded to
whole US$ million** (80–87 % of cells are zero, small flows are imprecise), published
rows do not balance exactly (the residual is kept as own-country final demand, see
:mod:`pflab.data.iotables.world`), 18–22 sectors a year have zero output, and value
added is output minus intermediate inputs (taxes less subsidies on products and
international transport margins included).

Reference
---------
Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "An
Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive
Production", *Review of International Economics* 23: 575–605.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.iotables.world import world_table
from pflab.errors import DataFormatError, DataNotFoundError, ParameterError
from pflab.provenance import Source
from pflab.tables import MRIOTable

__all__ = [
    "WIOT2013_CATEGORIES",
    "WIOT2013_COUNTRIES",
    "WIOT2013_INDUSTRIES",
    "WIOT2013_YEARS",
    "available_wiot",
    "load_wiot",
    "read_wiot2013",
    "wiot2013_source",
    "wiot2013_table",
]

#: The years of the WIOD 2013 release.
WIOT2013_YEARS: tuple[int, ...] = tuple(range(1995, 2012))

#: Region codes in table order, with names (Romania is ``ROM`` as in WIOD).
WIOT2013_COUNTRIES: dict[str, str] = {
    "AUS": "Australia", "AUT": "Austria", "BEL": "Belgium", "BGR": "Bulgaria",
    "BRA": "Brazil", "CAN": "Canada", "CHN": "China", "CYP": "Cyprus",
    "CZE": "Czech Republic", "DEU": "Germany", "DNK": "Denmark", "ESP": "Spain",
    "EST": "Estonia", "FIN": "Finland", "FRA": "France", "GBR": "United Kingdom",
    "GRC": "Greece", "HUN": "Hungary", "IDN": "Indonesia", "IND": "India",
    "IRL": "Ireland", "ITA": "Italy", "JPN": "Japan", "KOR": "Korea",
    "LTU": "Lithuania", "LUX": "Luxembourg", "LVA": "Latvia", "MEX": "Mexico",
    "MLT": "Malta", "NLD": "Netherlands", "POL": "Poland", "PRT": "Portugal",
    "ROM": "Romania", "RUS": "Russia", "SVK": "Slovak Republic", "SVN": "Slovenia",
    "SWE": "Sweden", "TUR": "Turkey", "TWN": "Taiwan", "USA": "United States",
    "RoW": "Rest of the world",
}  # fmt: skip

#: The 35 industries: WIOD code → name (NACE Rev.1 codes in brackets).
WIOT2013_INDUSTRIES: dict[str, str] = {
    "c1": "Agriculture, hunting, forestry and fishing (AtB)",
    "c2": "Mining and quarrying (C)",
    "c3": "Food, beverages and tobacco (15t16)",
    "c4": "Textiles and textile products (17t18)",
    "c5": "Leather, leather products and footwear (19)",
    "c6": "Wood and products of wood and cork (20)",
    "c7": "Pulp, paper, paper products, printing and publishing (21t22)",
    "c8": "Coke, refined petroleum and nuclear fuel (23)",
    "c9": "Chemicals and chemical products (24)",
    "c10": "Rubber and plastics (25)",
    "c11": "Other non-metallic mineral products (26)",
    "c12": "Basic metals and fabricated metal (27t28)",
    "c13": "Machinery, nec (29)",
    "c14": "Electrical and optical equipment (30t33)",
    "c15": "Transport equipment (34t35)",
    "c16": "Manufacturing, nec; recycling (36t37)",
    "c17": "Electricity, gas and water supply (E)",
    "c18": "Construction (F)",
    "c19": "Sale, maintenance and repair of motor vehicles; retail sale of fuel (50)",
    "c20": "Wholesale trade and commission trade, except motor vehicles (51)",
    "c21": "Retail trade, except motor vehicles; repair of household goods (52)",
    "c22": "Hotels and restaurants (H)",
    "c23": "Inland transport (60)",
    "c24": "Water transport (61)",
    "c25": "Air transport (62)",
    "c26": "Other supporting and auxiliary transport activities; travel agencies (63)",
    "c27": "Post and telecommunications (64)",
    "c28": "Financial intermediation (J)",
    "c29": "Real estate activities (70)",
    "c30": "Renting of machinery and equipment and other business activities (71t74)",
    "c31": "Public administration and defence; compulsory social security (L)",
    "c32": "Education (M)",
    "c33": "Health and social work (N)",
    "c34": "Other community, social and personal services (O)",
    "c35": "Private households with employed persons (P)",
}

#: Final-demand categories of each destination (WIOD 2013 codes c37, c38, c39, c41, c42).
WIOT2013_CATEGORIES: dict[str, str] = {
    "CONS_h": "final consumption expenditure by households (c37)",
    "CONS_np": "final consumption expenditure by non-profit institutions serving households (c38)",
    "CONS_g": "final consumption expenditure by government (c39)",
    "GFCF": "gross fixed capital formation (c41)",
    "INVEN": "changes in inventories and valuables (c42)",
}

_CITATION = (
    "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "
    '"An Illustrated User Guide to the World Input-Output Database: the Case of Global '
    'Automotive Production", Review of International Economics 23: 575-605'
)

_NOTES = (
    "Units: current US$ million (WIOD 2013 release); Romania is coded ROM.",
    "Value added = gross output minus intermediate inputs (taxes less subsidies on products "
    "and international transport margins included).",
)

_ROUNDED = (
    "Numbers rounded to whole US$ million in the staged files (R package wiod): 80-87 % of "
    "cells are zero, small flows and coefficients of small sectors are imprecise."
)


def wiot2013_source(*, rounded: bool = True) -> Source:
    """The citation of the WIOD 2013 world tables."""
    return Source(
        name="WIOD world input-output tables",
        version="2013 release",
        citation=_CITATION,
        url="https://www.rug.nl/ggdc/valuechain/wiod/wiod-2013-release",
        licence="unknown (WIOD terms; the R data package wiod is GPL-3)",
        note=_ROUNDED if rounded else "",
    )


def wiot2013_table(
    inter: np.ndarray,
    final: np.ndarray,
    output: np.ndarray,
    *,
    year: int,
    countries: tuple[str, ...] | None = None,
    industries: tuple[str, ...] | None = None,
    rounding: float = 1.0,
    source: Source | None = None,
    where: str | None = None,
) -> MRIOTable:
    """Build the table of one year from its published arrays.

    Parameters
    ----------
    inter
        1,435 × 1,435 intermediate flows (rows supply columns), country-major.
    final
        1,435 × 205 final demand: 41 destination countries × the 5 categories of
        :data:`WIOT2013_CATEGORIES`.
    output
        Gross output (1,435).
    year
        The year (1995–2011).
    countries, industries
        Codes as found in the file; they must be those of :data:`WIOT2013_COUNTRIES`
        and :data:`WIOT2013_INDUSTRIES`, in that order (default: assumed).
    rounding
        Rounding unit of the numbers (1 for the staged files, whole US$ million).
    source, where
        Citation (default :func:`wiot2013_source`) and a label for errors.

    Raises
    ------
    pflab.errors.DataFormatError
        If the labels or shapes are not those of the WIOD 2013 layout.
    """
    where = where or f"WIOD 2013 world table {year}"
    regions = tuple(WIOT2013_COUNTRIES)
    sectors = tuple(WIOT2013_INDUSTRIES)
    for label, found, expected in (
        ("countries", countries, regions),
        ("industries", industries, sectors),
    ):
        if found is not None and tuple(found) != expected:
            raise DataFormatError(
                f"{label} are {list(found)[:5]}…; expected the WIOD 2013 codes "
                f"{list(expected)[:5]}… in that order",
                path=where,
            )
    n, g, k = len(regions) * len(sectors), len(regions), len(WIOT2013_CATEGORIES)
    shapes = {"inter": (n, n), "final": (n, g * k), "output": (n,)}
    for name, array in (("inter", inter), ("final", final), ("output", output)):
        if np.shape(array) != shapes[name]:
            raise DataFormatError(
                f"{name} has shape {np.shape(array)}; the WIOD 2013 layout has {shapes[name]}",
                path=where,
            )
    notes = list(_NOTES)
    return world_table(
        regions=regions,
        sectors=sectors,
        Z=np.asarray(inter, dtype="float64"),
        final=np.asarray(final, dtype="float64"),
        categories=tuple(WIOT2013_CATEGORIES),
        x=np.asarray(output, dtype="float64"),
        year=year,
        source=source or wiot2013_source(rounded=rounding > 0),
        rounding=rounding,
        where=where,
        notes=notes,
    )


def _read_rdata(path: Path) -> dict[str, Any]:
    try:
        import rdata
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataFormatError(
            "reading .RData files needs the 'rdata' package: pip install 'pflab[build]'",
            path=path,
        ) from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Missing constructor for R class iot"
            converted: dict[str, Any] = rdata.conversion.convert(rdata.parser.parse_file(path))
    except Exception as exc:
        raise DataFormatError(f"not a readable R data file ({exc})", path=path) from exc
    return converted


def read_wiot2013(path: str | Path, *, rounding: float = 1.0) -> MRIOTable:
    """Read one ``wiot_<YYYY>.RData`` file (R package ``wiod``, WIOD 2013 release).

    Parameters
    ----------
    path
        The file; it holds one R list ``wiot_<YYYY>`` with ``inter``, ``final``,
        ``output``, ``countries``, ``industries`` and ``year``.
    rounding
        Rounding unit of the numbers (default 1: the package's files are whole US$ million).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If it is not an R list in that layout.
    """
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    objects = _read_rdata(file)
    lists = [v for v in objects.values() if isinstance(v, dict) and "inter" in v]
    if len(lists) != 1:
        raise DataFormatError(
            f"expected one R list with inter, final and output; found {list(objects)}", path=file
        )
    wiot = lists[0]
    missing = [key for key in ("inter", "final", "output", "year") if key not in wiot]
    if missing:
        raise DataFormatError(f"the R list lacks {missing}", path=file)
    year = int(np.asarray(wiot["year"]).reshape(-1)[0])
    return wiot2013_table(
        np.asarray(wiot["inter"], dtype="float64"),
        np.asarray(wiot["final"], dtype="float64"),
        np.asarray(wiot["output"], dtype="float64").reshape(-1),
        year=year,
        countries=tuple(str(c) for c in np.asarray(wiot.get("countries", WIOT2013_COUNTRIES))),
        industries=tuple(str(c) for c in np.asarray(wiot.get("industries", WIOT2013_INDUSTRIES))),
        rounding=rounding,
        where=str(file),
    )


def _stem(year: int) -> str:
    return f"wiot2013_{year}"


def available_wiot() -> pd.DataFrame:
    """The embedded WIOD 2013 world tables: one row per year with its totals."""
    from pflab.data.embedded import read_sidecar

    rows = []
    for year in WIOT2013_YEARS:
        meta = read_sidecar(_stem(year))
        rows.append({"year": year, **meta["totals"]})
    return pd.DataFrame(rows)


def _check_year(year: int) -> int:
    if int(year) not in WIOT2013_YEARS:
        raise ParameterError(
            "year",
            f"{year}; the WIOD 2013 world tables cover {WIOT2013_YEARS[0]}-{WIOT2013_YEARS[-1]}",
        )
    return int(year)


def load_wiot(year: int) -> MRIOTable:
    """The embedded WIOD 2013 world table of one year (1995–2011).

    Raises
    ------
    pflab.errors.ParameterError
        If the year is outside 1995–2011.
    """
    return _load(_check_year(year))


@lru_cache(maxsize=2)
def _load(year: int) -> MRIOTable:
    from pflab.data.embedded import read_embedded, read_sidecar

    stem = _stem(year)
    meta = read_sidecar(stem)
    inter, final, output = dense_blocks(read_embedded(stem))
    source = Source.from_dict(meta["source"])
    return wiot2013_table(
        inter, final, output, year=year, rounding=1.0, source=source, where=f"embedded {stem}"
    )


#: Rows and columns of the embedded cell block [Z | final | output].
_N = len(WIOT2013_COUNTRIES) * len(WIOT2013_INDUSTRIES)
_COLUMNS = _N + len(WIOT2013_COUNTRIES) * len(WIOT2013_CATEGORIES) + 1


def sparse_cells(inter: np.ndarray, final: np.ndarray, output: np.ndarray) -> pd.DataFrame:
    """The non-zero cells of [Z | final | output] in row-major order, compactly.

    Columns: ``row`` (0–1,434), ``col_step`` (the column index minus the previous non-zero
    column index in the same row; for a row's first cell, its column index + 1) and
    ``value`` (int32: the staged values are whole US$ million).
    """
    block = np.hstack([inter, final, np.asarray(output).reshape(-1, 1)])
    values = np.rint(block)
    if not np.array_equal(values, block):
        raise DataFormatError("expected whole numbers (US$ million) in the staged tables")
    rows, cols = np.nonzero(values)
    first = np.r_[True, rows[1:] != rows[:-1]]
    step = np.where(first, cols + 1, np.diff(cols, prepend=-1))
    return pd.DataFrame(
        {
            "row": rows.astype("uint16"),
            "col_step": step.astype("uint16"),
            "value": values[rows, cols].astype("int32"),
        }
    )


def dense_blocks(cells: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inverse of :func:`sparse_cells`: the dense Z, final demand and output."""
    rows = cells["row"].to_numpy().astype("int64")
    step = cells["col_step"].to_numpy().astype("int64")
    first = np.r_[True, rows[1:] != rows[:-1]]
    total = np.cumsum(step)
    start = np.maximum.accumulate(np.where(first, total - step, 0))
    cols = total - start - 1
    block = np.zeros((_N, _COLUMNS))
    block[rows, cols] = cells["value"].to_numpy().astype("float64")
    return block[:, :_N], block[:, _N:-1], block[:, -1]
