"""WIOD 2016 release: national input–output tables (56 industries, 2000–2014, US$ million).

Each economy's file (``<ISO>_NIOT_nov16.xlsx``, sheet ``National IO-tables``) stacks
fifteen years. Every year has 56 ``Domestic`` rows, 56 ``Imports`` rows (the table's own
split of origins) and the total rows ``II_fob``, ``TXSP`` (taxes less subsidies on
products), ``EXP_adj`` (cif/fob adjustment), ``PURR``, ``PURNR`` (direct purchases abroad
by residents and at home by non-residents), ``VA`` (value added at basic prices),
``IntTTM`` (international transport margins) and ``GO``. Columns: ``Year``, ``Code``,
``Description``, ``Origin``, the 56 industry codes, the final uses ``CONS_h``,
``CONS_np``, ``CONS_g``, ``GFCF``, ``INVEN``, ``EXP`` and ``GO``.

:func:`read_wiod` reads the original workbook and the semicolon-separated CSV re-saves
(thousands separated by spaces). The re-saves staged for pflab are **rounded to whole
US$ million**; pass ``rounding=1`` (the default for ``.csv``) so that balances are
checked to rounding, and read coefficients of small flows with care.

Reference
---------
Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "An
Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive
Production", *Review of International Economics* 23: 575–605.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pflab.errors import DataFormatError, DataNotFoundError
from pflab.provenance import Source
from pflab.tables import IOTable

__all__ = ["WIOD_FINAL", "WIOD_OTHER", "read_wiod", "wiod_source", "wiod_table"]

WIOD_FINAL: dict[str, str] = {
    "CONS_h": "household final consumption",
    "CONS_np": "final consumption of non-profit institutions serving households",
    "CONS_g": "government final consumption",
    "GFCF": "gross fixed capital formation",
    "INVEN": "changes in inventories and valuables",
    "EXP": "exports",
}

WIOD_OTHER: dict[str, str] = {
    "TXSP": "taxes less subsidies on products",
    "EXP_adj": "cif/fob adjustments on exports",
    "PURR": "direct purchases abroad by residents",
    "PURNR": "purchases on the domestic territory by non-residents",
    "IntTTM": "international transport margins",
}

WIOD_CITATION = (
    "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "
    '"An Illustrated User Guide to the World Input-Output Database: the Case of Global '
    'Automotive Production", Review of International Economics 23: 575-605'
)


def wiod_source(economy: str, *, rounded: bool) -> Source:
    """The citation of a WIOD national table."""
    note = (
        "CSV re-save of the WIOD NIOT rounded to whole US$ million: many small flows are "
        "zero and coefficients of small sectors are imprecise."
        if rounded
        else "Original WIOD NIOT workbook."
    )
    return Source(
        name="WIOD national input-output tables",
        version=f"2016 release, {economy}",
        citation=WIOD_CITATION,
        url="https://doi.org/10.34894/PJ2M1C",
        licence="unknown (WIOD terms; not stated by the re-save's repository)",
        note=note,
    )


def wiod_table(
    frame: pd.DataFrame,
    *,
    economy: str,
    year: int,
    rounding: float = 0.0,
    source: Source | None = None,
    where: str | None = None,
) -> IOTable:
    """Build an :class:`IOTable` from one year of a WIOD NIOT in its published layout.

    Parameters
    ----------
    frame
        One year's rows (56 ``Domestic``, 56 ``Imports`` and the ``TOT`` rows) with the
        columns ``Code``, ``Origin``, the industries, :data:`WIOD_FINAL` and ``GO``.
    economy, year
        The economy (ISO code) and year.
    rounding
        Rounding unit of the numbers (1 for the rounded re-saves, 0 for the original).
    source
        Citation; default :func:`wiod_source`.
    where
        A file name or label for error messages.
    """
    where = where or f"WIOD table {economy} {year}"
    data = frame.copy()
    data.columns = [str(c).strip() for c in data.columns]
    for column in ("Code", "Origin", "GO", *WIOD_FINAL):
        if column not in data.columns:
            raise DataFormatError(f"column {column!r} of the WIOD layout is missing", path=where)
    data["Code"] = data["Code"].astype(str).str.strip()
    data["Origin"] = data["Origin"].astype(str).str.strip()
    domestic = data[data["Origin"] == "Domestic"].set_index("Code")
    imported = data[data["Origin"] == "Imports"].set_index("Code")
    totals = data[data["Origin"] == "TOT"].set_index("Code")
    codes = list(domestic.index)
    if len(codes) == 0 or [c for c in codes if c not in data.columns]:
        raise DataFormatError("the Domestic rows do not match the industry columns", path=where)
    if list(imported.index) != codes:
        raise DataFormatError("the Imports rows do not match the Domestic rows", path=where)
    for row in ("VA", "GO"):
        if row not in totals.index:
            raise DataFormatError(f"total row {row!r} is missing", path=where)
    fd_cols = list(WIOD_FINAL)
    names = (
        [str(v).strip() for v in domestic["Description"]]
        if "Description" in domestic.columns
        else codes
    )
    other_rows = [r for r in WIOD_OTHER if r in totals.index]
    rounded = rounding > 0
    notes = [
        "Units: US$ million at basic prices (WIOD 2016 release).",
        "Imports: the table's own split (Domestic and Imports rows).",
    ]
    if rounded:
        notes.append(
            f"Numbers rounded to {rounding:g} US$ million in the source file; small flows are "
            "zero and balances hold only to rounding."
        )
    return IOTable.from_blocks(
        economy=economy,
        year=year,
        scheme="wiod56",
        codes=codes,
        names=names,
        Z=domestic[codes].astype("float64").to_numpy(),
        final_demand=domestic[fd_cols].astype("float64"),
        Z_imports=imported[codes].astype("float64").to_numpy(),
        final_demand_imports=imported[fd_cols].astype("float64"),
        value_added=totals.loc["VA", codes].astype("float64").to_numpy(),
        other_inputs=totals.loc[other_rows, codes].astype("float64").T,
        gross_output=totals.loc["GO", codes].astype("float64").to_numpy(),
        currency="USD",
        unit="million US$",
        prices="basic prices",
        source=source or wiod_source(economy, rounded=rounded),
        import_split="table",
        notes=notes,
        signed_columns=["GFCF", "INVEN"],
        export_columns=["EXP"],
        rounding=rounding,
    )


def read_wiod_frame(path: str | Path) -> pd.DataFrame:
    """All years of a WIOD NIOT file as one frame (``.xlsx`` original or ``.csv`` re-save)."""
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    if file.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        sheets = pd.ExcelFile(file).sheet_names
        sheet = "National IO-tables" if "National IO-tables" in sheets else sheets[0]
        raw = pd.read_excel(file, sheet_name=sheet, header=None, dtype=object)
        head = next(
            (
                i
                for i in range(min(len(raw), 10))
                if "Origin" in [str(v).strip() for v in raw.iloc[i]]
            ),
            -1,
        )
        if head < 0:
            raise DataFormatError(
                "no heading row with an 'Origin' column in the first 10 rows", path=file
            )
        columns = [str(v).strip() for v in raw.iloc[head]]
        body = raw.iloc[head + 1 :].copy()
        body.columns = columns
        body = body[pd.to_numeric(body["Year"], errors="coerce").notna()]
    elif file.suffix.lower() == ".csv":
        body = pd.read_csv(file, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        body = body[pd.to_numeric(body["Year"], errors="coerce").notna()]
        numeric = [c for c in body.columns if c not in ("Year", "Code", "Description", "Origin")]
        body[numeric] = body[numeric].apply(lambda s: s.str.replace(r"[\s\u00a0]", "", regex=True))
    else:
        raise DataFormatError(
            f"expected a .xlsx workbook or a .csv re-save, got {file.suffix!r}", path=file
        )
    body = body.copy()
    body["Year"] = pd.to_numeric(body["Year"]).astype(int)
    numeric = [c for c in body.columns if c not in ("Year", "Code", "Description", "Origin")]
    for column in numeric:
        body[column] = pd.to_numeric(body[column], errors="coerce")
    bad = body[numeric].isna().any(axis=1)
    if bad.any():
        row = body[bad].iloc[0]
        col = next(c for c in numeric if pd.isna(row[c]))
        raise DataFormatError(
            f"non-numeric or empty value in year {row['Year']}",
            path=file,
            row=str(row["Code"]),
            column=col,
        )
    return body.reset_index(drop=True)


def read_wiod(
    path: str | Path, *, year: int, economy: str | None = None, rounding: float | None = None
) -> IOTable:
    """Read one year of a WIOD national input–output table.

    Parameters
    ----------
    path
        ``<ISO>_NIOT_nov16.xlsx`` (original) or the semicolon CSV re-save.
    year
        2000–2014.
    economy
        ISO code; default the first three letters of the file name.
    rounding
        Rounding unit of the numbers; default 1 for ``.csv`` re-saves, 0 for workbooks.
    """
    file = Path(path)
    frame = read_wiod_frame(file)
    iso = economy or file.name[:3].upper()
    part = frame[frame["Year"] == int(year)]
    if part.empty:
        years = sorted(set(frame["Year"]))
        raise DataNotFoundError(f"{file}: no year {year}; the file has {years[0]}–{years[-1]}")
    unit = rounding if rounding is not None else (1.0 if file.suffix.lower() == ".csv" else 0.0)
    return wiod_table(part, economy=iso, year=int(year), rounding=unit, where=str(file))
