"""China's National Bureau of Statistics (NBS) input–output tables.

NBS publishes a benchmark table every five years (2002, 2007, 2012, 2017) and extension
tables in between (2005, 2010, 2015, 2018, 2020), in units of 10,000 yuan at producer's
prices. Two layouts occur:

- **competitive imports** (all tables with more than 42 sectors and the 2005, 2010, 2015
  extension tables): one row per product, total use of all origins, and an ``IM``
  (imports) column with ``TIU + TFU − IM + ERR = GO``. The domestic/imported split is
  derived by the proportionality assumption (:mod:`pflab.data.iotables._split`).
- **non-competitive** (the 42-sector tables of 2017, 2018 and 2020): an ``Origin`` column
  separates 42 ``Domestic`` and 42 ``Imports`` rows, so the table's own split is used.

The frame layout is that of the R package *ionet* (columns ``Code``, ``Description``,
``DescriptionInChinese``, sector codes, final-use codes ``FU101`` …, ``EX``, ``IM``,
``GO``; rows sector codes, ``TII``, ``VA001``–``VA004``, ``TVA``, ``TI``).
:func:`read_nbs_excel` also reads the workbook layout NBS publishes, with Chinese
headings, and maps it onto the same codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from pflab.data.iotables._split import proportional_split
from pflab.errors import DataFormatError, DataNotFoundError
from pflab.provenance import Source
from pflab.tables import IOTable

__all__ = [
    "FINAL_USE",
    "NBS_CITATION",
    "VALUE_ADDED",
    "nbs_scheme",
    "nbs_source",
    "nbs_table",
    "read_nbs_excel",
]

NBS_CITATION = "National Bureau of Statistics of China, Input-Output Tables of China"

#: Final-use columns of NBS tables and their meaning (aggregates such as TC are derived).
FINAL_USE: dict[str, str] = {
    "FU101": "rural household consumption",
    "FU102": "urban household consumption",
    "FU103": "government consumption",
    "TC": "final consumption",
    "FU201": "gross fixed capital formation",
    "FU202": "changes in inventories",
    "EX": "exports",
    "ERR": "other (statistical discrepancy)",
}

#: Value-added rows.
VALUE_ADDED: dict[str, str] = {
    "VA001": "compensation of employees",
    "VA002": "net taxes on production",
    "VA003": "depreciation of fixed assets",
    "VA004": "operating surplus",
}

#: Chinese headings of the published workbooks and the codes they stand for.
CHINESE_LABELS: dict[str, str] = {
    "中间使用合计": "TIU",
    "农村居民消费支出": "FU101",
    "农村居民消费": "FU101",
    "城镇居民消费支出": "FU102",
    "城镇居民消费": "FU102",
    "居民消费支出合计": "THC",
    "居民消费支出": "THC",
    "政府消费支出": "FU103",
    "最终消费支出合计": "TC",
    "最终消费支出": "TC",
    "固定资本形成总额": "FU201",
    "存货变动": "FU202",
    "存货增加": "FU202",
    "资本形成合计": "GCF",
    "资本形成总额": "GCF",
    "出口": "EX",
    "最终使用合计": "TFU",
    "进口": "IM",
    "其他": "ERR",
    "总产出": "GO",
    "中间投入合计": "TII",
    "劳动者报酬": "VA001",
    "生产税净额": "VA002",
    "固定资产折旧": "VA003",
    "营业盈余": "VA004",
    "增加值合计": "TVA",
    "总投入": "TI",
}

_SCHEMES = {
    (153, None): "nbs153",
    (149, None): "nbs149",
    (139, None): "nbs139",
    (135, None): "nbs135",
    (122, None): "nbs122",
    (41, None): "nbs41",
}


def nbs_scheme(year: int, sectors: int) -> str:
    """The sector scheme of an NBS table (e.g. 2020, 153 → ``"nbs153"``)."""
    if sectors == 42:
        return "nbs42" if year >= 2017 else ("nbs42_2015" if year >= 2015 else "nbs42_2005")
    scheme = _SCHEMES.get((sectors, None))
    if scheme is None:
        return f"nbs{sectors}"
    return scheme


def nbs_source(year: int, sectors: int, note: str = "") -> Source:
    """The citation of one NBS table."""
    return Source(
        name="NBS input-output table of China",
        version=f"{year}, {sectors} sectors",
        citation=f"{NBS_CITATION} {year}",
        url="https://www.stats.gov.cn/sj/",
        licence="NBS publication; as packaged in the R package ionet (GPL >= 3)",
        note=note,
    )


def _numeric(frame: pd.DataFrame, columns: list[str], where: str) -> pd.DataFrame:
    out = frame[columns].copy()
    for column in columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            converted = pd.to_numeric(out[column], errors="coerce")
            bad = out[column][converted.isna() & out[column].notna()]
            if len(bad):
                raise DataFormatError(
                    f"expected numbers, found {bad.iloc[0]!r}",
                    path=where,
                    row=str(bad.index[0]),
                    column=column,
                )
            out[column] = converted
    return out.astype("float64")


def nbs_table(
    frame: pd.DataFrame,
    *,
    year: int,
    economy: str = "CHN",
    scheme: str | None = None,
    source: Source | None = None,
    where: str | None = None,
) -> IOTable:
    """Build an :class:`IOTable` from an NBS table in the ionet frame layout.

    Parameters
    ----------
    frame
        Columns ``Code``, ``Description``, ``DescriptionInChinese``, optional ``Origin``,
        the sector codes, final-use codes, ``IM`` (competitive layout) and ``GO``.
    year
        The table's year.
    economy
        ISO code (NBS tables are China's).
    scheme
        Sector scheme; default from the year and sector count (:func:`nbs_scheme`).
    source
        Citation; default :func:`nbs_source`.
    where
        A file name or label for error messages.
    """
    where = where or f"NBS table {year}"
    required = {"Code", "GO"}
    if not required <= set(frame.columns):
        raise DataFormatError(
            f"expected columns {sorted(required)} of the NBS layout; "
            f"found {list(frame.columns)[:8]} …",
            path=where,
        )
    data = frame.copy()
    data["Code"] = data["Code"].astype(str).str.strip()
    sectors = [str(c) for c in data.columns if str(c).isdigit()]
    if not sectors:
        raise DataFormatError("no sector columns (numeric codes such as 001) found", path=where)
    origin = "Origin" in data.columns
    rows = data[data["Code"].isin(sectors)]
    domestic = rows[rows["Origin"].astype(str) == "Domestic"] if origin else rows
    if list(domestic["Code"]) != sectors:
        raise DataFormatError(
            f"the sector rows ({len(domestic)}) do not match the sector columns ({len(sectors)}) "
            "in the same order",
            path=where,
        )
    domestic = domestic.set_index("Code")
    totals = data[~data["Code"].isin(sectors)].set_index("Code")
    missing_va = [r for r in VALUE_ADDED if r not in totals.index]
    if missing_va:
        raise DataFormatError(f"value-added rows {missing_va} are missing", path=where)
    names = [str(v).strip() for v in domestic.get("Description", pd.Series(sectors, index=sectors))]
    names_zh = (
        [str(v).strip() for v in domestic["DescriptionInChinese"]]
        if "DescriptionInChinese" in domestic.columns
        else None
    )
    fd_cols = [c for c in FINAL_USE if c in data.columns and c != "TC"]
    if not {"FU101", "FU102", "FU103"} & set(fd_cols) and "TC" in data.columns:
        fd_cols = ["TC", *fd_cols]
    if "EX" not in fd_cols:
        raise DataFormatError("the exports column EX is missing", path=where)
    numeric = _numeric(domestic, [*sectors, *fd_cols, "GO"], where)
    va = _numeric(totals.loc[list(VALUE_ADDED)], sectors, where).T
    va.columns = list(VALUE_ADDED)
    x = numeric["GO"].to_numpy()
    notes = [
        "Units: 10,000 yuan (万元) at producer's prices, as published by NBS.",
        "Net taxes on production (VA002) are part of value added; GDP = total value added.",
    ]
    signed = [c for c in ("FU201", "FU202", "ERR") if c in fd_cols]
    sectors_n = len(sectors)
    common: dict[str, Any] = {
        "economy": economy,
        "year": year,
        "scheme": scheme or nbs_scheme(year, sectors_n),
        "codes": sectors,
        "names": names,
        "names_zh": names_zh,
        "value_added_components": va,
        "gross_output": x,
        "currency": "CNY",
        "unit": "10,000 yuan",
        "prices": "producer's prices",
        "source": source or nbs_source(year, sectors_n),
        "signed_columns": signed,
        "export_columns": ["EX"],
    }
    if origin:
        imported = rows[rows["Origin"].astype(str) == "Imports"].set_index("Code")
        if list(imported.index) != sectors:
            raise DataFormatError("the Imports rows do not match the sector codes", path=where)
        imp_numeric = _numeric(imported, [*sectors, *fd_cols, "GO"], where)
        return IOTable.from_blocks(
            Z=numeric[sectors].to_numpy(),
            Z_imports=imp_numeric[sectors].to_numpy(),
            final_demand=numeric[fd_cols],
            final_demand_imports=imp_numeric[fd_cols],
            imports=imp_numeric["GO"].to_numpy(),
            import_split="table",
            notes=[*notes, "Imports: the table's own split (Domestic and Imports rows)."],
            **common,
        )
    if "IM" not in data.columns:
        raise DataFormatError("expected an IM (imports) column or an Origin column", path=where)
    im = _numeric(domestic, ["IM"], where)["IM"].to_numpy()
    split = proportional_split(
        Z_total=numeric[sectors].to_numpy(),
        final_total=numeric[fd_cols].to_numpy(),
        final_columns=fd_cols,
        imports=im,
        export_column="EX",
        domestic_only=[c for c in ("ERR",) if c in fd_cols],
        codes=sectors,
        where=where,
    )
    split_note = (
        "Imports: the table has a single IM column; the domestic/imported split assumes each "
        "product's imports are the same share of every domestic use (proportionality), with "
        "exports and the discrepancy column ERR domestic."
    )
    if split.reexported:
        split_note += (
            f" Imports exceed domestic use for {', '.join(split.reexported)}; the excess is "
            "treated as re-exported."
        )
    return IOTable.from_blocks(
        Z=split.Z,
        Z_imports=split.Z_imports,
        final_demand=pd.DataFrame(split.final_demand, index=sectors, columns=fd_cols),
        final_demand_imports=pd.DataFrame(
            split.final_demand_imports, index=sectors, columns=fd_cols
        ),
        imports=im,
        import_split="proportional",
        notes=[*notes, split_note],
        **common,
    )


def _header_row(raw: pd.DataFrame) -> int:
    for i in range(min(len(raw), 30)):
        cells = [str(v).strip() for v in raw.iloc[i].tolist()]
        codes = sum(1 for c in cells if c.isdigit() and len(c) >= 2)
        if codes >= 10 and any(c in ("GO", "总产出") or "总产出" in c for c in cells):
            return i
    return -1


def _code_of(label: object) -> str:
    text = str(label).strip()
    if text.isdigit() or text in FINAL_USE or text in VALUE_ADDED or text in {
        "TIU", "THC", "TC", "GCF", "TFU", "IM", "GO", "TII", "TVA", "TI"
    }:  # fmt: skip
        return text
    first = text.split()[0] if text.split() else text
    for zh, code in CHINESE_LABELS.items():
        if first == zh or text.startswith(zh):
            return code
    return text


def read_nbs_excel(path: str | Path, *, year: int, sheet: str | int = 0) -> IOTable:
    """Read an NBS input–output table from the Excel workbook NBS publishes.

    The sheet has a few title lines, then a heading row holding the sector codes
    (``"001"``, ``"002"`` …) and the final-use headings (codes such as ``FU101`` or the
    Chinese headings, e.g. ``"出口"``, ``"进口"``, ``"总产出"``); the first columns of the
    rows below hold the row code (or Chinese heading, e.g. ``"劳动者报酬"``) and the names.

    Parameters
    ----------
    path
        The ``.xlsx`` file.
    year
        The table's year.
    sheet
        Sheet name or position.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If no heading row with sector codes and gross output is found.
    """
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    raw = pd.read_excel(file, sheet_name=sheet, header=None, dtype=object)
    head = _header_row(raw)
    if head < 0:
        raise DataFormatError(
            "no heading row with sector codes (001, 002 …) and gross output (GO / 总产出) in the "
            "first 30 rows",
            path=file,
        )
    columns = [_code_of(c) for c in raw.iloc[head].tolist()]
    body = raw.iloc[head + 1 :].copy()
    body.columns = columns
    first_sector = next(i for i, c in enumerate(columns) if c.isdigit())
    label_cols = list(range(first_sector))
    body = body.dropna(how="all")
    codes = [_code_of(v) for v in body.iloc[:, 0]]
    frame = pd.DataFrame({"Code": codes})
    if len(label_cols) >= 2:
        frame["DescriptionInChinese"] = [str(v).strip() for v in body.iloc[:, 1]]
    if len(label_cols) >= 3:
        frame["Description"] = [str(v).strip() for v in body.iloc[:, 2]]
    if "Description" not in frame:
        frame["Description"] = frame.get("DescriptionInChinese", frame["Code"])
    values = body.iloc[:, first_sector:].reset_index(drop=True)
    values.columns = columns[first_sector:]
    frame = pd.concat([frame, values], axis=1)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return nbs_table(frame, year=year, where=str(file))
