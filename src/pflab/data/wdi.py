"""Reader for World Bank World Development Indicators (WDI) bulk CSV files.

The World Bank's bulk download of one indicator (``API_<code>_DS2_en_csv_v2_<n>.csv``)
is a wide table: one row per economy or aggregate, the columns ``Country Name``,
``Country Code``, ``Indicator Name``, ``Indicator Code``, then one column per year. The
official file starts with four lines (``"Data Source","World Development Indicators"``,
a blank line, ``"Last Updated Date",...``, a blank line) and ends every row with an
empty column; a file re-saved from Excel has neither. :func:`read_wdi_csv` reads both
and returns a tidy :class:`WDIIndicator` (one row per economy and year, missing cells
dropped).

**Rounded re-saves.** A re-save can carry fewer digits than the World Bank published:
the manufacturing value-added file staged for pflab has every value at or above 1e11
rounded to three significant digits (``4.87E+12``). The reader detects this (every
value ≥ 1e11 has at most three significant digits, and there are at least
:data:`MIN_ROUNDED` of them) and marks those values ``rounded``, so that anything
computed from them can carry the interval the lost digits leave open. An official file
keeps about 15 digits and nothing is marked.

Aggregates (World ``WLD``, regions, income groups) are flagged from
:data:`WB_AGGREGATES`, the World Bank's aggregate codes; the other rows are the World
Bank's 217 economies.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pflab.data.text import read_text
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError
from pflab.provenance import Source

__all__ = [
    "MIN_ROUNDED",
    "ROUNDED_DIGITS",
    "ROUNDED_FROM",
    "WB_AGGREGATES",
    "WDIIndicator",
    "has_at_most_digits",
    "read_wdi_csv",
    "wdi_source",
]

#: World Bank aggregate codes (regions, income and lending groups, demographic groups,
#: the World). Every other code in a WDI file is one of the World Bank's economies.
WB_AGGREGATES: frozenset[str] = frozenset(
    {
        "AFE",
        "AFW",
        "ARB",
        "CEB",
        "CSS",
        "EAP",
        "EAR",
        "EAS",
        "ECA",
        "ECS",
        "EMU",
        "EUU",
        "FCS",
        "HIC",
        "HPC",
        "IBD",
        "IBT",
        "IDA",
        "IDB",
        "IDX",
        "INX",
        "LAC",
        "LCN",
        "LDC",
        "LIC",
        "LMC",
        "LMY",
        "LTE",
        "MEA",
        "MIC",
        "MNA",
        "NAC",
        "OED",
        "OSS",
        "PRE",
        "PSS",
        "PST",
        "SAS",
        "SSA",
        "SSF",
        "SST",
        "TEA",
        "TEC",
        "TLA",
        "TMN",
        "TSA",
        "TSS",
        "UMC",
        "WLD",
    }
)

#: Values at or above this are the ones a rounded re-save shortened.
ROUNDED_FROM = 1e11
#: Significant digits kept by the rounded re-save.
ROUNDED_DIGITS = 3
#: At least this many values ≥ :data:`ROUNDED_FROM`, all short, mark a file as rounded.
MIN_ROUNDED = 20

_ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")

WDI_CITATION = (
    "World Bank, World Development Indicators (WDI), https://data.worldbank.org "
    "(the 'Data Source' line of each bulk file)."
)


@dataclass(frozen=True)
class WDIIndicator:
    """One WDI indicator, tidy.

    Attributes
    ----------
    code, name
        The indicator code (``"NV.IND.MANF.CD"``) and name as the file gives them.
    frame
        Columns ``economy`` (ISO3 or World Bank aggregate code), ``country``,
        ``aggregate`` (bool), ``year`` (int), ``value`` (float, the indicator's unit),
        ``rounded`` (bool: the value was given to :attr:`rounded_digits` significant
        digits only). Missing cells are dropped.
    rounded_digits
        Significant digits of the values marked ``rounded`` (``None``: nothing rounded).
    last_updated
        The file's "Last Updated Date" (empty for a re-save that dropped it).
    source
        Citation and caveats.
    """

    code: str
    name: str
    frame: pd.DataFrame
    rounded_digits: int | None
    last_updated: str
    source: Source


def has_at_most_digits(value: float, digits: int) -> bool:
    """Whether ``value`` is written exactly with at most ``digits`` significant digits.

    ``4.87e12`` has three; ``4.8712e12`` has five. The test formats the value to
    ``digits`` significant digits and reads it back: equal means nothing was lost.
    """
    return float(f"{value:.{digits - 1}e}") == value


def wdi_source(code: str, name: str, last_updated: str = "", note: str = "") -> Source:
    """The citation record of one WDI indicator."""
    version = f"{code}, updated {last_updated}" if last_updated else code
    return Source(
        name=f"World Bank WDI: {name}",
        version=version,
        citation=WDI_CITATION,
        url=f"https://data.worldbank.org/indicator/{code}",
        licence="CC BY 4.0 (the World Bank's terms for WDI; not stated in the file)",
        note=note,
    )


def _split_header(text: str, path: Path) -> tuple[str, str]:
    """Return (last updated date, the table's text) for both layouts."""
    lines = text.splitlines()
    first = next(iter(csv.reader([lines[0]])), []) if lines else []
    if first[:1] == ["Data Source"]:
        updated = ""
        for line in lines[:4]:
            cells = next(iter(csv.reader([line])), [])
            if cells[:1] == ["Last Updated Date"] and len(cells) > 1:
                updated = cells[1]
        header = next(
            (i for i, line in enumerate(lines[:10]) if line.startswith('"Country Name"')), None
        )
        if header is None:
            raise DataFormatError(
                "a WDI file with a 'Data Source' line but no 'Country Name' header in its "
                "first 10 lines",
                path=path,
            )
        return updated, "\n".join(lines[header:])
    return "", text


def read_wdi_csv(path: str | Path, indicator: str | None = None) -> WDIIndicator:
    """Read a WDI bulk CSV (official layout or an Excel re-save) into a tidy indicator.

    Parameters
    ----------
    path
        The ``API_<indicator>_DS2_en_csv_v2_<n>.csv`` file.
    indicator
        The indicator code to keep when the file holds several (default: the only one).

    Returns
    -------
    WDIIndicator

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If the id columns or year columns are missing, or a year cell is not a number.
    pflab.errors.DataValidationError
        If an economy appears twice, or the file holds several indicators and
        ``indicator`` names none of them.
    """
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"{path}: WDI file not found")
    updated, table = _split_header(read_text(path), path)
    frame = pd.read_csv(io.StringIO(table), dtype=str, keep_default_na=False)
    frame = frame.loc[:, [c for c in frame.columns if not str(c).startswith("Unnamed")]]
    missing = [c for c in _ID_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFormatError(
            f"missing column(s) {missing}; a WDI bulk CSV has {list(_ID_COLUMNS)} and one "
            "column per year",
            path=path,
        )
    years = [c for c in frame.columns if str(c).strip().isdigit()]
    if not years:
        raise DataFormatError("no year columns (1960, 1961, …) found", path=path)
    codes = sorted(set(frame["Indicator Code"]))
    if indicator is not None:
        if indicator not in codes:
            raise DataValidationError(
                f"indicator {indicator!r} not in the file; it holds {', '.join(codes)}",
                path=path,
                column="Indicator Code",
            )
        frame = frame[frame["Indicator Code"] == indicator]
    elif len(codes) != 1:
        raise DataValidationError(
            f"the file holds {len(codes)} indicators ({', '.join(codes[:5])}…); pass "
            "indicator= to choose one",
            path=path,
            column="Indicator Code",
        )
    dup = frame["Country Code"].duplicated(keep=False)
    if dup.any():
        first = int(dup.to_numpy().nonzero()[0][0])
        raise DataValidationError(
            f"economy {frame['Country Code'].iloc[first]!r} appears more than once",
            path=path,
            row=first + 2,
            column="Country Code",
        )
    long = frame.melt(
        id_vars=list(_ID_COLUMNS), value_vars=years, var_name="year", value_name="text"
    )
    long = long[long["text"].str.strip() != ""]
    values = pd.to_numeric(long["text"], errors="coerce")
    bad = values.isna()
    if bad.any():
        row = long[bad].iloc[0]
        raise DataFormatError(
            f"{row['text']!r} for {row['Country Code']} is not a number",
            path=path,
            column=str(row["year"]),
        )
    out = pd.DataFrame(
        {
            "economy": long["Country Code"].astype(str),
            "country": long["Country Name"].astype(str),
            "aggregate": long["Country Code"].isin(WB_AGGREGATES),
            "year": long["year"].astype("int64"),
            "value": values.astype("float64"),
        }
    )
    big = out["value"].abs() >= ROUNDED_FROM
    short = out.loc[big, "value"].map(lambda v: has_at_most_digits(v, ROUNDED_DIGITS))
    rounded_file = int(big.sum()) >= MIN_ROUNDED and bool(short.all())
    out["rounded"] = big & rounded_file
    out = out.sort_values(["economy", "year"], kind="stable").reset_index(drop=True)
    code = str(frame["Indicator Code"].iloc[0])
    name = str(frame["Indicator Name"].iloc[0])
    note = (
        f"This copy gives every value ≥ {ROUNDED_FROM:.0e} to {ROUNDED_DIGITS} significant "
        "digits only (an Excel re-save of the World Bank file)."
        if rounded_file
        else ""
    )
    return WDIIndicator(
        code=code,
        name=name,
        frame=out,
        rounded_digits=ROUNDED_DIGITS if rounded_file else None,
        last_updated=updated,
        source=wdi_source(code, name, updated, note),
    )
