"""OECD national input–output tables (2021 edition, 45 industries, US$ million).

The OECD publishes each economy's symmetric industry-by-industry table at basic prices
with imports in a single column (``IMPO``, negative), so the row identity is
``Σ_j Z_ij + Σ_k F_ik + IMPO_i = OUTPUT_i``. Rows below the industries hold taxes less
subsidies on products (``TXS_IMP_FNL``, ``TXS_INT_FNL``), total intermediate use at
purchasers' prices, value added at basic prices (``VALU``) and output (``OUTPUT``).

Two layouts are read:

- the wide frame of the R package *ionet* (rows ``01``–``45`` and the total rows,
  columns ``Code``, ``Description``, the industries and the final-use codes) —
  :func:`oecd_table`;
- the OECD.Stat CSV export (long: ``ROW``, ``COL``, ``TIME``, ``LOCATION``, ``Value``,
  optionally ``VAR`` with ``TTL``/``DOM``/``IMP``) — :func:`read_oecd_csv`.

Values are published with one decimal, so balances hold to rounding (0.05 per cell).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pflab.data.iotables._split import proportional_split
from pflab.errors import DataFormatError, DataNotFoundError
from pflab.provenance import Source
from pflab.tables import IOTable

__all__ = ["OECD_FINAL", "OECD_INDUSTRIES", "oecd_source", "oecd_table", "read_oecd_csv"]

#: The 45 industries of the 2021 edition: ionet's two-digit codes and OECD.Stat codes.
OECD_INDUSTRIES: dict[str, str] = {
    "01": "D01T02", "02": "D03", "03": "D05T06", "04": "D07T08", "05": "D09", "06": "D10T12",
    "07": "D13T15", "08": "D16", "09": "D17T18", "10": "D19", "11": "D20", "12": "D21",
    "13": "D22", "14": "D23", "15": "D24", "16": "D25", "17": "D26", "18": "D27", "19": "D28",
    "20": "D29", "21": "D30", "22": "D31T33", "23": "D35", "24": "D36T39", "25": "D41T43",
    "26": "D45T47", "27": "D49", "28": "D50", "29": "D51", "30": "D52", "31": "D53",
    "32": "D55T56", "33": "D58T60", "34": "D61", "35": "D62T63", "36": "D64T66", "37": "D68",
    "38": "D69T75", "39": "D77T82", "40": "D84", "41": "D85", "42": "D86T88", "43": "D90T93",
    "44": "D94T96", "45": "D97T98",
}  # fmt: skip

#: Final-use columns (imports, IMPO, are separate).
OECD_FINAL: dict[str, str] = {
    "HFCE": "household final consumption",
    "NPISH": "final consumption of non-profit institutions serving households",
    "GGFC": "general government final consumption",
    "GFCF": "gross fixed capital formation",
    "INVNT": "changes in inventories and valuables",
    "CONS_ABR": "direct purchases abroad by residents",
    "CONS_NONRES": "direct purchases by non-residents (exports)",
    "EXPO": "exports",
}

_OTHER_ROWS = ("TXS_IMP_FNL", "TXS_INT_FNL")


def oecd_source(economy: str, year: int) -> Source:
    """The citation of one OECD national table."""
    return Source(
        name="OECD input-output tables",
        version=f"2021 edition, {economy} {year}",
        citation="OECD (2021), OECD Input-Output Tables (IOTs), 2021 edition",
        url="https://www.oecd.org/sti/ind/input-outputtables.htm",
        licence="OECD terms and conditions; as packaged in the R package ionet (GPL >= 3)",
        note="Published with one decimal (US$ million).",
    )


def oecd_table(
    frame: pd.DataFrame,
    *,
    economy: str,
    year: int,
    source: Source | None = None,
    where: str | None = None,
    imported: pd.DataFrame | None = None,
) -> IOTable:
    """Build an :class:`IOTable` from an OECD table in the ionet frame layout.

    Parameters
    ----------
    frame
        Rows ``Code`` ``01``…``45`` plus ``TXS_IMP_FNL``, ``TXS_INT_FNL``, ``VALU``,
        ``OUTPUT``; columns the industries, :data:`OECD_FINAL` and ``IMPO``. Total use
        (all origins) unless ``imported`` is given, in which case ``frame`` holds the
        domestic flows.
    economy, year
        The economy (ISO code) and year.
    source
        Citation; default :func:`oecd_source`.
    where
        A file name or label for error messages.
    imported
        Optional imported-use block in the same layout (the OECD's own split).
    """
    where = where or f"OECD table {economy} {year}"
    data = frame.copy()
    if "Code" in data.columns:
        data = data.set_index("Code")
    data.index = [str(i).strip() for i in data.index]
    data.columns = [str(c).strip() for c in data.columns]
    industries = list(OECD_INDUSTRIES)
    missing = [c for c in [*industries, "VALU", "OUTPUT"] if c not in data.index]
    if missing:
        raise DataFormatError(f"rows {missing[:6]} of the OECD layout are missing", path=where)
    fd_cols = [c for c in OECD_FINAL if c in data.columns]
    absent = [c for c in [*industries, "EXPO"] if c not in data.columns]
    if absent:
        raise DataFormatError(f"columns {absent[:6]} of the OECD layout are missing", path=where)
    body = data.loc[industries, [*industries, *fd_cols]].astype("float64")
    names = (
        [str(v).strip() for v in data.loc[industries, "Description"]]
        if "Description" in data.columns
        else industries
    )
    x = data.loc["OUTPUT", industries].astype("float64").to_numpy()
    va = data.loc["VALU", industries].astype("float64").to_numpy()
    other_rows = [r for r in _OTHER_ROWS if r in data.index]
    other = data.loc[other_rows, industries].astype("float64").T
    notes = [
        "Units: US$ million at basic prices (OECD 2021 edition), one decimal as published.",
        "Taxes less subsidies on products are other inputs, not value added; GDP here is "
        "value added at basic prices.",
    ]
    common = {
        "economy": economy,
        "year": year,
        "scheme": "oecd45",
        "codes": industries,
        "names": names,
        "gross_output": x,
        "value_added": va,
        "other_inputs": other,
        "currency": "USD",
        "unit": "million US$",
        "prices": "basic prices",
        "source": source or oecd_source(economy, year),
        "signed_columns": [c for c in ("GFCF", "INVNT", "CONS_ABR") if c in fd_cols],
        "export_columns": [c for c in ("EXPO", "CONS_NONRES") if c in fd_cols],
        "rounding": 0.1,
    }
    if imported is not None:
        imp = imported.copy()
        if "Code" in imp.columns:
            imp = imp.set_index("Code")
        imp.index = [str(i).strip() for i in imp.index]
        imp_body = imp.loc[industries, [*industries, *fd_cols]].astype("float64")
        return IOTable.from_blocks(
            Z=body[industries].to_numpy(),
            final_demand=body[fd_cols],
            Z_imports=imp_body[industries].to_numpy(),
            final_demand_imports=imp_body[fd_cols],
            import_split="table",
            notes=[*notes, "Imports: the OECD's own domestic/imported split."],
            **common,  # type: ignore[arg-type]
        )
    if "IMPO" not in data.columns:
        raise DataFormatError("the imports column IMPO is missing", path=where)
    imports = -data.loc[industries, "IMPO"].astype("float64").to_numpy()
    imports = np.where(np.abs(imports) < 0.05, 0.0, imports)
    split = proportional_split(
        Z_total=body[industries].to_numpy(),
        final_total=body[fd_cols].to_numpy(),
        final_columns=fd_cols,
        imports=np.maximum(imports, 0.0),
        export_column="EXPO",
        domestic_only=[c for c in ("CONS_NONRES",) if c in fd_cols],
        codes=industries,
        where=where,
    )
    note = (
        "Imports: the table has a single IMPO column; the domestic/imported split assumes "
        "each product's imports are the same share of every domestic use (proportionality), "
        "with exports (EXPO, CONS_NONRES) domestic."
    )
    if split.reexported:
        note += f" Imports exceed domestic use for {', '.join(split.reexported)} (re-exports)."
    return IOTable.from_blocks(
        Z=split.Z,
        final_demand=pd.DataFrame(split.final_demand, index=industries, columns=fd_cols),
        Z_imports=split.Z_imports,
        final_demand_imports=pd.DataFrame(
            split.final_demand_imports, index=industries, columns=fd_cols
        ),
        imports=imports,
        import_split="proportional",
        notes=[*notes, note],
        **common,  # type: ignore[arg-type]
    )


def read_oecd_csv(path: str | Path, *, economy: str, year: int) -> IOTable:
    """Read one economy and year from an OECD.Stat IOT CSV export.

    The CSV is long, one value per row, with columns ``LOCATION`` (ISO code), ``ROW``,
    ``COL``, ``TIME`` and ``Value`` (other OECD.Stat columns are ignored). Industry codes
    may be OECD.Stat codes (``D01T02``) or two-digit codes (``01``). An optional ``VAR``
    column selects the total table (``TTL`` or ``DOMIMP``) or, when both ``DOM`` and
    ``IMP`` are present, the OECD's own domestic/imported split.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file, economy or year is absent.
    pflab.errors.DataFormatError
        If required columns are missing.
    """
    file = Path(path)
    if not file.is_file():
        raise DataNotFoundError(f"{file}: file not found")
    data = pd.read_csv(file, dtype={"ROW": str, "COL": str, "LOCATION": str})
    need = {"LOCATION", "ROW", "COL", "TIME", "Value"}
    if not need <= set(data.columns):
        raise DataFormatError(
            f"expected OECD.Stat columns {sorted(need)}; found {list(data.columns)[:10]}", path=file
        )
    part = data[(data["LOCATION"] == economy) & (data["TIME"].astype(int) == int(year))]
    if part.empty:
        have = sorted({f"{a} {b}" for a, b in zip(data["LOCATION"], data["TIME"], strict=True)})
        raise DataNotFoundError(
            f"{file}: no rows for {economy} {year}; found {', '.join(have[:10])}"
        )
    back = {v: k for k, v in OECD_INDUSTRIES.items()}

    def wide(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.assign(
            ROW=rows["ROW"].map(lambda c: back.get(c, c)),
            COL=rows["COL"].map(lambda c: back.get(c, c)),
        )
        table = rows.pivot_table(index="ROW", columns="COL", values="Value", aggfunc="sum")
        # cells that are zero may be left out of an export: complete the industry grid
        index = list(dict.fromkeys([*OECD_INDUSTRIES, *table.index]))
        columns = list(dict.fromkeys([*OECD_INDUSTRIES, *table.columns]))
        return table.reindex(index=index, columns=columns).fillna(0.0)

    if "VAR" in part.columns:
        variables = set(part["VAR"].astype(str))
        if {"DOM", "IMP"} <= variables:
            dom = wide(part[part["VAR"] == "DOM"])
            imp = wide(part[part["VAR"] == "IMP"])
            total = (
                wide(part[part["VAR"].isin(["TTL", "DOMIMP"])])
                if variables & {"TTL", "DOMIMP"}
                else dom
            )
            for row in ("VALU", "OUTPUT", *_OTHER_ROWS):
                if row in total.index and row not in dom.index:
                    dom.loc[row] = total.loc[row]
            return oecd_table(dom, economy=economy, year=year, where=str(file), imported=imp)
        part = part[part["VAR"].isin(["TTL", "DOMIMP"])]
    return oecd_table(wide(part), economy=economy, year=year, where=str(file))
