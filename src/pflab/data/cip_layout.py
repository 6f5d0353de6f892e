"""The published layout of CIP 4.0's workbooks, read cell by cell.

Used by :func:`pflab.data.cip.read_cip`. Every sheet of workbooks 1.2-4 has two title
rows, a header row ``CIP code, Industry, 1987, …, 2017`` (1.2 and 1.3 with an empty
column before 1987), in workbook 4 a ``Total`` row, then the 37 industries in code order;
some sheets of workbook 4 stack a second block (a blank row, a title row, the ``Total``
row and the industries, without a header). Workbook 1.1 holds one 37 × 37 table of
intermediate flows per year; workbook 5 the classification. A cell out of place is a
:class:`pflab.errors.DataFormatError` naming workbook, sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pflab.errors import DataFormatError

__all__ = ["CIP_CODES", "SheetBlocks", "read_classification", "read_io_tables", "read_sheet"]

#: The 37 CIP industry codes.
CIP_CODES: tuple[int, ...] = tuple(range(1, 38))


def _rows(path: Path, sheet: str | None) -> list[tuple[Any, ...]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise DataFormatError(
                f"no sheet {sheet!r}; the workbook has {workbook.sheetnames}", path=path
            )
        return [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _blank(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _is_year(value: Any) -> bool:
    return isinstance(value, int | float) and float(value).is_integer() and 1900 < value < 2100


def _header(rows: list[tuple[Any, ...]], where: str) -> tuple[int, dict[int, int]]:
    """Index of the ``CIP code, Industry, 1987 …`` row and its year columns."""
    for i, row in enumerate(rows[:6]):
        first = str(row[0] or "").strip().lower()
        if first == "cip code" and str(row[1] or "").strip().lower() == "industry":
            years = {c: int(v) for c, v in enumerate(row) if c >= 2 and _is_year(v)}
            expected = list(range(1987, 2018))
            if sorted(years.values()) != expected:
                raise DataFormatError(
                    f"header years {sorted(years.values())[:3]}…: expected 1987 to 2017",
                    path=where,
                    row=i + 1,
                )
            return i, years
    raise DataFormatError(
        "no header row 'CIP code, Industry, 1987, …' in the first six rows", path=where
    )


def _number(value: Any, where: str, row: int, year: int, *, allow_missing: bool) -> float:
    if value is None and allow_missing:
        return float("nan")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DataFormatError(
            f"expected a number, found {value!r}", path=where, row=row, column=str(year)
        )
    result = float(value)
    if not np.isfinite(result):
        raise DataFormatError(f"non-finite value {value!r}", path=where, row=row, column=str(year))
    return result


def _block(
    rows: list[tuple[Any, ...]],
    start: int,
    years: dict[int, int],
    where: str,
    *,
    total: bool,
    first_year_missing: bool,
) -> tuple[pd.DataFrame, pd.Series | None, list[str], int]:
    """Read an optional Total row and the 37 industries starting at ``start`` (0-based).

    Returns the industries × years frame, the Total row, the industry labels and the
    index of the row after the block.
    """
    i = start
    total_row = None
    if total:
        row = rows[i] if i < len(rows) else ()
        if len(row) < 2 or row[0] is not None or str(row[1]).strip() != "Total":
            found = row[:2] if row else "end of sheet"
            raise DataFormatError(
                f"expected the 'Total' row, found {found!r}", path=where, row=i + 1
            )
        total_row = pd.Series(
            {
                y: _number(row[c], where, i + 1, y, allow_missing=first_year_missing and y == 1987)
                for c, y in years.items()
            }
        )
        i += 1
    values: dict[int, dict[int, float]] = {}
    labels: list[str] = []
    for code in CIP_CODES:
        row = rows[i] if i < len(rows) else ()
        got = row[0] if row else None
        if not (isinstance(got, int | float) and float(got) == code):
            raise DataFormatError(
                f"expected CIP code {code} in the first column, found {got!r}",
                path=where,
                row=i + 1,
                column="CIP code",
            )
        labels.append(str(row[1]).strip())
        values[code] = {
            y: _number(row[c], where, i + 1, y, allow_missing=first_year_missing and y == 1987)
            for c, y in years.items()
        }
        i += 1
    frame = pd.DataFrame.from_dict(values, orient="index").sort_index(axis=1)
    frame.index.name = "code"
    frame.columns.name = "year"
    return frame, total_row, labels, i


@dataclass(frozen=True)
class SheetBlocks:
    """One sheet as read: each block's industries × years, its Total row and labels."""

    blocks: tuple[pd.DataFrame, ...]
    totals: tuple[pd.Series | None, ...]
    labels: tuple[str, ...]


def read_sheet(
    path: Path, sheet: str | None, *, total: bool, blocks: int = 1, growth: bool = False
) -> SheetBlocks:
    """Read one CIP sheet in the published layout.

    Parameters
    ----------
    path
        The workbook.
    sheet
        Sheet name (``None``: the first sheet).
    total
        The sheet has a ``Total`` row above the industries (workbook 4).
    blocks
        1, or 2 for a sheet with a stacked second block (a blank row, a title row, then
        the ``Total`` row and the industries, without a header of its own).
    growth
        The first block holds growth rates, so the 1987 column is empty.

    Raises
    ------
    pflab.errors.DataFormatError
        Naming the workbook, sheet, row and column of the first cell out of place.
    """
    where = f"{path.name}, sheet {sheet!r}" if sheet else path.name
    rows = _rows(path, sheet)
    head, years = _header(rows, where)
    frame, tot, labels, end = _block(
        rows, head + 1, years, where, total=total, first_year_missing=growth
    )
    frames, totals = [frame], [tot]
    if blocks == 2:
        i = end
        while i < len(rows) and _blank(rows[i]):
            i += 1
        if i >= len(rows) or not isinstance(rows[i][0], str) or not _blank(rows[i][1:]):
            raise DataFormatError(
                "expected the title row of the second block", path=where, row=i + 1
            )
        second, tot2, _, end = _block(
            rows, i + 1, years, where, total=total, first_year_missing=True
        )
        frames.append(second)
        totals.append(tot2)
    rest = [r for r in rows[end:] if not _blank(r)]
    if rest:
        raise DataFormatError(
            f"unexpected content below the industries: {rest[0][:3]!r}", path=where, row=end + 1
        )
    return SheetBlocks(tuple(frames), tuple(totals), tuple(labels))


def read_io_tables(path: Path) -> pd.DataFrame:
    where = path.name
    rows = _rows(path, None)
    codes = [rows[1][c] for c in range(3, 40)] if len(rows) > 1 and len(rows[1]) >= 40 else []
    if codes != list(CIP_CODES):
        raise DataFormatError(
            "row 2 should list the using industries' CIP codes 1-37 from column D",
            path=where,
            row=2,
        )
    if str(rows[2][0]).strip() != "Year" or str(rows[2][1]).strip().lower() != "cip code":
        raise DataFormatError(
            f"expected header 'Year, CIP Code, Industry, …', found {rows[2][:3]!r}",
            path=where,
            row=3,
        )
    records: list[list[float]] = []
    index: list[tuple[int, int]] = []
    i = 3
    for year in range(1987, 2018):
        for code in CIP_CODES:
            row = rows[i] if i < len(rows) else ()
            if len(row) < 40 or row[0] != year or row[1] != code:
                raise DataFormatError(
                    f"expected year {year}, supplier {code}; found {row[:2]!r}",
                    path=where,
                    row=i + 1,
                )
            records.append([_number(v, where, i + 1, year, allow_missing=False) for v in row[3:40]])
            index.append((year, code))
            i += 1
    rest = [r for r in rows[i:] if not _blank(r)]
    if rest:
        raise DataFormatError(f"unexpected rows after 2017: {rest[0][:3]!r}", path=where, row=i + 1)
    frame = pd.DataFrame(
        records,
        index=pd.MultiIndex.from_tuples(index, names=["year", "supplier"]),
        columns=pd.Index(CIP_CODES, name="user"),
    )
    return frame


def read_classification(path: Path) -> pd.DataFrame:
    where = path.name
    rows = _rows(path, None)
    expected = [
        "CIP Code",
        "EU-KLEMS",
        "China National Accounts Code",
        "CSIC/2011",
        "CIP Sector Description",
        "Sector Acronym",
    ]
    header = [str(v).strip() if v is not None else "" for v in rows[0][:6]]
    if header != expected:
        raise DataFormatError(f"header {header}: expected {expected}", path=where, row=1)
    records = []
    for i, code in enumerate(CIP_CODES, start=1):
        row = rows[i] if i < len(rows) else ()
        if not row or row[0] != code:
            raise DataFormatError(
                f"expected CIP code {code}, found {row[:1]!r}",
                path=where,
                row=i + 1,
                column="CIP Code",
            )
        records.append(
            {
                "code": code,
                "acronym": str(row[5]).strip(),
                "name": " ".join(str(row[4]).split()),
                "euklems": str(row[1]).strip(),
                "na_code": str(row[2]).strip(),
                "csic_published": " ".join(str(row[3]).split()),
            }
        )
    return pd.DataFrame.from_records(records).set_index("code")
