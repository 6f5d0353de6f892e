"""Reader for the Penn World Table in its official formats.

The Groningen Growth and Development Centre publishes PWT as a Stata file
(``pwt110.dta``), an Excel workbook (``pwt110.xlsx``, sheet ``"Data"``) and, through
mirrors, as CSV. :func:`read_pwt` reads any of them, checks the content and returns a
:class:`PWTData` holding a tidy frame (one row per economy and year, one column per
variable, floats in the units of :data:`VARIABLES`) together with its version and
citation.

Version detection uses the reference year of the national-accounts TFP index
``rtfpna``, which equals exactly 1 in the base year: 2021 in PWT 11.0, 2017 in PWT 10.x
and 2011 in PWT 9.x. A file whose base year cannot be found needs ``version=``.

Reference
---------
Feenstra, R. C., Inklaar, R. and Timmer, M. P. (2015), "The Next Generation of the Penn
World Table", *American Economic Review* 105(10), 3150-3182.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.countries import resolve_country
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError
from pflab.provenance import Source

__all__ = [
    "KNOWN_VERSIONS",
    "VARIABLES",
    "PWTData",
    "Variable",
    "detect_version",
    "pwt_source",
    "read_pwt",
]


@dataclass(frozen=True)
class Variable:
    """A PWT variable that pflab uses: its meaning, unit and admissible range."""

    description: str
    unit: str
    positive: bool = False
    share: bool = False


#: The PWT variables pflab reads, with units as PWT documents them. ``{ref}`` is the
#: version's reference year (2021 for 11.0, 2017 for 10.x).
VARIABLES: dict[str, Variable] = {
    "rgdpna": Variable("Real GDP at constant national prices", "mil. {ref} US$", positive=True),
    "rgdpo": Variable("Output-side real GDP at chained PPPs", "mil. {ref} US$", positive=True),
    "rgdpe": Variable("Expenditure-side real GDP at chained PPPs", "mil. {ref} US$", positive=True),
    "rnna": Variable("Capital stock at constant national prices", "mil. {ref} US$", positive=True),
    "rkna": Variable(
        "Capital services at constant national prices", "index, {ref}=1", positive=True
    ),
    "emp": Variable("Number of persons engaged", "millions", positive=True),
    "avh": Variable("Average annual hours worked by persons engaged", "hours", positive=True),
    "hc": Variable(
        "Human capital index (years of schooling and returns to education)", "index", positive=True
    ),
    "labsh": Variable(
        "Share of labour compensation in GDP at current national prices", "share", share=True
    ),
    "delta": Variable(
        "Average depreciation rate of the capital stock", "share per year", share=True
    ),
    "pop": Variable("Population", "millions", positive=True),
    "rtfpna": Variable("TFP at constant national prices", "index, {ref}=1", positive=True),
    "ctfp": Variable("TFP level at current PPPs", "index, USA=1", positive=True),
    "csh_c": Variable("Share of household consumption at current PPPs", "share"),
    "csh_i": Variable("Share of gross capital formation at current PPPs", "share"),
    "csh_g": Variable("Share of government consumption at current PPPs", "share"),
    "csh_x": Variable("Share of merchandise exports at current PPPs", "share"),
    "csh_m": Variable("Share of merchandise imports at current PPPs", "share"),
    "csh_r": Variable("Share of residual trade and GDP statistical discrepancy", "share"),
}

#: Columns a PWT file must have for pflab's growth accounting.
REQUIRED = ("countrycode", "country", "year", "rgdpna", "rkna", "rnna", "emp", "hc", "labsh")

#: Base year of ``rtfpna`` (where it equals 1) for each known version family.
KNOWN_VERSIONS: dict[str, int] = {"11.0": 2021, "10.x": 2017, "9.x": 2011}

_VERSION_NAMES = {
    "11.0": "11.0",
    "11": "11.0",
    "10.01": "10.01",
    "10.0": "10.0",
    "10": "10.x",
    "10.x": "10.x",
    "9.x": "9.x",
}

_DOI = {"11.0": "https://doi.org/10.34894/FABVLR", "10.01": "https://doi.org/10.34894/QT5BCC"}

_CITATION = (
    'Feenstra, Robert C., Robert Inklaar and Marcel P. Timmer (2015), "The Next '
    'Generation of the Penn World Table", American Economic Review, 105(10), 3150-3182, '
    "available for download at www.ggdc.net/pwt"
)


def pwt_source(version: str, note: str = "") -> Source:
    """Return the citation record for a PWT version.

    Parameters
    ----------
    version
        ``"11.0"``, ``"10.01"`` or another version label.
    note
        Caveats to carry with the data.
    """
    return Source(
        name="Penn World Table",
        version=version,
        citation=_CITATION,
        url=_DOI.get(version, "https://www.rug.nl/ggdc/productivity/pwt/"),
        licence="CC BY 4.0 (as stated by third parties; not verified with GGDC)",
        note=note,
    )


@dataclass(frozen=True)
class PWTData:
    """A Penn World Table vintage: a tidy frame and where it came from.

    Attributes
    ----------
    frame
        One row per economy and year; columns ``countrycode``, ``country``, ``year`` and
        the variables of :data:`VARIABLES` that the file holds, as float64.
    version
        ``"11.0"``, ``"10.01"``, ``"10.x"`` ...
    source
        Citation record.
    path
        The file it was read from (``None`` for the embedded dataset).
    """

    frame: pd.DataFrame
    version: str
    source: Source
    path: str | None = None
    _names: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = (
            self.frame[["countrycode", "country"]]
            .drop_duplicates("countrycode")
            .set_index("countrycode")["country"]
        )
        self._names.update({str(k): str(v) for k, v in names.items()})

    @property
    def reference_year(self) -> int | None:
        """The year in which ``rtfpna`` and ``rkna`` equal 1 (``None`` if unknown)."""
        for family, year in KNOWN_VERSIONS.items():
            if self.version.split(".")[0] == family.split(".")[0]:
                return year
        return None

    @property
    def economies(self) -> dict[str, str]:
        """ISO code → country name for every economy in the table."""
        return dict(self._names)

    def resolve(self, name: str) -> str:
        """Return the ISO code of an economy given its code, name or a common alias.

        Raises
        ------
        pflab.errors.LookupFailedError
            If nothing matches; the message lists the closest names.
        """
        return resolve_country(name, self._names)

    def economy(self, name: str) -> pd.DataFrame:
        """The rows of one economy, indexed by year."""
        code = self.resolve(name)
        rows = self.frame[self.frame["countrycode"] == code]
        return rows.set_index("year").sort_index()

    def unit(self, variable: str) -> str:
        """The unit of a variable in this vintage."""
        ref = self.reference_year
        return VARIABLES[variable].unit.format(ref=ref if ref else "reference-year")


# ---------------------------------------------------------------------------------------
# reading


def read_pwt(path: str | Path, *, version: str | None = None) -> PWTData:
    """Read a Penn World Table file in an official format.

    Parameters
    ----------
    path
        A ``.dta`` (Stata), ``.xlsx`` (sheet ``"Data"``) or ``.csv`` file (UTF-8, a
        byte-order mark is fine; ``.csv.gz`` also works).
    version
        The PWT version, e.g. ``"10.01"``. Detected from the file when omitted.

    Returns
    -------
    PWTData

    Raises
    ------
    pflab.errors.DataFormatError
        The file cannot be parsed, is not UTF-8, lacks a required column or holds text
        where a number belongs (the message names the row and column).
    pflab.errors.DataValidationError
        A country-year appears twice, a year is not a whole number, or a value is out of
        its range (e.g. a non-positive GDP, a labour share above 1).
    pflab.errors.DataNotFoundError
        The file does not exist.

    Notes
    -----
    Row numbers in error messages are file lines for CSV and Excel (the header is
    line 1, so the first data row is 2) and observation numbers for Stata files.
    """
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"{path}: no such file")
    raw, labels, header_rows = _read_any(path)
    frame = _tidy(raw, path, header_rows)
    detected = detect_version(frame, labels)
    if version is not None:
        chosen = _VERSION_NAMES.get(version.strip().lower(), version.strip())
    elif detected is not None:
        chosen = detected
    else:
        raise DataFormatError(
            "cannot tell the PWT version: rtfpna is not exactly 1 in any known base year "
            f"({', '.join(f'{v}: {y}' for v, y in KNOWN_VERSIONS.items())}); "
            "pass version='...'",
            path=path,
        )
    return PWTData(frame=frame, version=chosen, source=pwt_source(chosen), path=str(path))


def _read_any(path: Path) -> tuple[pd.DataFrame, dict[str, str], int]:
    """Parse the file into an all-object frame; return it, variable labels, header rows."""
    suffixes = [s.lower() for s in path.suffixes]
    try:
        if suffixes[-1:] == [".dta"]:
            raw = pd.read_stata(path, convert_categoricals=False)
            with pd.io.stata.StataReader(path) as reader:
                labels = reader.variable_labels()
            return raw, labels, 0  # Stata has no header line: rows are observation numbers
        if suffixes[-1:] in ([".xlsx"], [".xlsm"], [".xls"]):
            return _read_excel(path), {}, 1
        if ".csv" in suffixes:
            return _read_csv(path), {}, 1
    except DataFormatError:
        raise
    except UnicodeDecodeError as exc:
        raise DataFormatError(
            f"not UTF-8 text (byte {exc.object[exc.start : exc.start + 1]!r} at offset "
            f"{exc.start}); save the file as UTF-8",
            path=path,
        ) from exc
    except Exception as exc:  # any parser failure becomes a pflab error naming the file
        kind = suffixes[-1] if suffixes else "file"
        raise DataFormatError(f"cannot be read as a PWT {kind} file: {exc}", path=path) from exc
    raise DataFormatError(
        f"unknown file type {path.suffix!r}; expected .dta, .xlsx or .csv", path=path
    )


def _read_excel(path: Path) -> pd.DataFrame:
    with pd.ExcelFile(path) as book:
        sheets = [str(s) for s in book.sheet_names]
        if "Data" not in sheets:
            raise DataFormatError(
                f"no sheet named 'Data' (sheets: {', '.join(sheets)}); PWT workbooks keep "
                "the panel in sheet 'Data'",
                path=path,
            )
        return pd.read_excel(book, sheet_name="Data", dtype=object)


def _read_csv(path: Path) -> pd.DataFrame:
    # Strict UTF-8 first so that a Latin-1 file fails with a clear message.
    return pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
        encoding_errors="strict",
        skipinitialspace=True,
    )


def _tidy(raw: pd.DataFrame, path: Path, header_rows: int) -> pd.DataFrame:
    """Check columns and types; return the typed frame."""
    raw = raw.rename(columns=lambda c: str(c).strip())
    duplicated = raw.columns[raw.columns.duplicated()].tolist()
    if duplicated:
        raise DataFormatError(f"column {duplicated[0]!r} appears more than once", path=path)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataFormatError(
            "missing required column(s) "
            + ", ".join(repr(c) for c in missing)
            + "; a PWT file has at least "
            + ", ".join(REQUIRED),
            path=path,
        )
    if raw.empty:
        raise DataFormatError("the file holds no data rows", path=path)
    keep = [c for c in ("countrycode", "country", "year", *VARIABLES) if c in raw.columns]
    raw = raw[keep].reset_index(drop=True)
    out = pd.DataFrame(index=raw.index)

    codes = raw["countrycode"].map(_text)
    bad = ~codes.str.fullmatch(r"[A-Z]{3}", na=False)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataValidationError(
            f"expected a three-letter ISO code, found {raw['countrycode'].iloc[i]!r}",
            path=path,
            row=i + 1 + header_rows,
            column="countrycode",
        )
    out["countrycode"] = codes.astype(str)
    out["country"] = raw["country"].map(_text).fillna("").astype(str)

    years = _numbers(raw["year"], path, "year", header_rows)
    bad = years.isna() | (years != np.round(years)) | (years < 1800) | (years > 2200)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataValidationError(
            f"expected a whole year between 1800 and 2200, found {raw['year'].iloc[i]!r}",
            path=path,
            row=i + 1 + header_rows,
            column="year",
        )
    out["year"] = years.astype("int64")

    for name in keep[3:]:
        values = _numbers(raw[name], path, name, header_rows)
        _check_range(values, VARIABLES[name], path, name, header_rows)
        out[name] = values

    dup = out.duplicated(["countrycode", "year"], keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        code, year = out["countrycode"].iloc[i], out["year"].iloc[i]
        first = int(
            np.flatnonzero(((out["countrycode"] == code) & (out["year"] == year)).to_numpy())[0]
        )
        raise DataValidationError(
            f"duplicate country-year {code} {year} (first at row {first + 1 + header_rows})",
            path=path,
            row=i + 1 + header_rows,
            column="countrycode/year",
        )
    return out.sort_values(["countrycode", "year"]).reset_index(drop=True)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


_MISSING_TOKENS = {"", "na", "nan", ".", "n/a", "null", "none", "-"}


def _numbers(column: pd.Series, path: Path, name: str, header_rows: int) -> pd.Series:
    """Convert a column to float64, naming the first cell that is not a number."""
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        return column.astype("float64")
    as_text = column.map(lambda v: "" if _text(v) is None else str(v).strip())
    blank = as_text.str.lower().isin(_MISSING_TOKENS)
    values = pd.to_numeric(as_text.where(~blank), errors="coerce")
    bad = values.isna() & ~blank
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFormatError(
            f"expected a number, found {as_text.iloc[i]!r}",
            path=path,
            row=i + 1 + header_rows,
            column=name,
        )
    return values.astype("float64")


def _check_range(values: pd.Series, var: Variable, path: Path, name: str, header_rows: int) -> None:
    finite = values.dropna()
    bad_mask = ~np.isfinite(finite)
    if var.positive:
        bad_mask |= finite <= 0
        expected = "a positive number"
    elif var.share:
        bad_mask |= (finite < 0) | (finite > 1)
        expected = "a share between 0 and 1"
    else:
        expected = "a finite number"
    if bad_mask.any():
        pos = finite.index[bad_mask.to_numpy()][0]
        raise DataValidationError(
            f"expected {expected}, found {values.loc[pos]!r}",
            path=path,
            row=int(pos) + 1 + header_rows,
            column=name,
        )


def detect_version(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> str | None:
    """Detect the PWT version family from the data.

    Parameters
    ----------
    frame
        A tidy PWT frame with ``year`` and ``rtfpna``.
    labels
        Stata variable labels, if the file had them (``"... 2021US$"`` → 11.0).

    Returns
    -------
    str or None
        ``"11.0"``, ``"10.x"``, ``"9.x"``, or ``None`` when nothing tells.
    """
    if "rtfpna" in frame.columns:
        ones = frame.loc[np.isclose(frame["rtfpna"], 1.0, rtol=0, atol=1e-7), "year"]
        if not ones.empty:
            base = int(ones.mode().iloc[0])
            for version, year in KNOWN_VERSIONS.items():
                if base == year:
                    return version
    for text in (labels or {}).values():
        match = re.search(r"(20\d\d)\s*US\$", text)
        if match:
            year = int(match.group(1))
            for version, ref in KNOWN_VERSIONS.items():
                if ref == year:
                    return version
    return None
