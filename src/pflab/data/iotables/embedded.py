"""The embedded input–output tables: list them and load one with a single call.

``load_io("CHN", 2020)`` returns China's 2020 NBS table at its finest detail (153
sectors); ``load_io("CHN", 2020, sectors=42)`` the 42-sector table with its own import
split; ``load_io("JPN", 2018, source="oecd")`` and ``load_io("KOR", 2014,
source="wiod")`` the OECD and WIOD tables. :func:`available_io` lists everything
embedded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from pflab.data.countries import resolve_country
from pflab.data.embedded import read_embedded, read_sidecar
from pflab.data.iotables.employment import employment_source, employment_years, map_employment
from pflab.data.iotables.nbs import nbs_source, nbs_table
from pflab.data.iotables.oecd import oecd_source, oecd_table
from pflab.data.iotables.wiod import wiod_source, wiod_table
from pflab.errors import DataNotFoundError, LookupFailedError, ParameterError
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.tables import IOTable

__all__ = ["IO_SOURCES", "IOCatalog", "available_io", "io_catalog", "load_io"]

#: The sources of embedded tables.
IO_SOURCES: dict[str, str] = {
    "nbs": "National Bureau of Statistics of China (China only; 2002–2020; 41–153 sectors)",
    "oecd": "OECD input-output tables, 2021 edition (CHN, JPN; 1995–2018; 45 industries)",
    "wiod": "WIOD 2016 national tables (11 economies; 2000–2014; 56 industries; rounded)",
}

_NAMES = {
    "BRA": "Brazil", "CHN": "China", "DEU": "Germany", "FRA": "France", "GBR": "United Kingdom",
    "IND": "India", "JPN": "Japan", "KOR": "Korea", "RUS": "Russia", "TWN": "Taiwan",
    "USA": "United States",
}  # fmt: skip

_SCALE = {"nbs": 1.0, "oecd": 10.0, "wiod": 1.0}


@cache
def _catalog() -> pd.DataFrame:
    rows = []
    for source in IO_SOURCES:
        for table_id, info in read_sidecar(f"io_{source}")["tables"].items():
            rows.append({"source": source, "table": table_id, **info})
    return pd.DataFrame(rows)


def available_io() -> pd.DataFrame:
    """Every embedded table: source, economy, year, sectors, scheme, import split."""
    frame = _catalog()[["source", "economy", "year", "sectors", "scheme", "import_split"]].copy()
    frame["employment"] = [
        source == "nbs" and year in set(employment_years())
        for source, year in zip(frame["source"], frame["year"], strict=True)
    ]
    return frame.sort_values(["source", "economy", "year", "sectors"]).reset_index(drop=True)


@dataclass(frozen=True, kw_only=True)
class IOCatalog(Result):
    """Every embedded input–output table (:func:`io_catalog`).

    Attributes
    ----------
    frame
        One row per table: source, economy, year, sectors, scheme, import split and
        whether employment is mapped onto it.
    """

    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``tables`` (one row per table) and ``groups`` (the years of each kind)."""
        grouped = (
            self.frame.groupby(
                ["source", "economy", "sectors", "scheme", "import_split"], sort=True
            )["year"]
            .agg(_year_span)
            .reset_index()
            .rename(columns={"year": "years"})
        )
        return {"tables": self.frame.copy(), "groups": grouped}

    def views(self) -> list[View]:
        """On screen: one line per source, economy and table kind, with its years."""
        return [
            View(
                "groups",
                (
                    Column("source", "Source"),
                    Column("economy", "Economy"),
                    Column("years", "Years"),
                    Column("sectors", "Sectors", "d"),
                    Column("scheme", "Scheme"),
                    Column("import_split", "Import split"),
                ),
                title=self.title,
            )
        ]


def io_catalog() -> IOCatalog:
    """The embedded input–output tables as a result (what ``pflab network --list`` shows)."""
    frame = available_io()
    sources = tuple(
        Source.from_dict({**read_sidecar(f"io_{key}")["source"], "version": "embedded"})
        for key in IO_SOURCES
    )
    return IOCatalog(
        title=f"Embedded input-output tables ({len(frame)})",
        provenance=Provenance(
            method="catalog",
            sources=sources,
            description="The tables shipped with pflab, built by python -m pflab.build.",
        ),
        notes=(
            "Load one with load_io(economy, year, source=..., sectors=...) or "
            "pflab network ECONOMY --year YEAR --source SOURCE [--sectors N].",
        ),
        columns={
            "employment": "employment by sector is mapped onto the table",
            "years": "years embedded (a range when every year is there)",
        },
        frame=frame,
    )


def _blocks(frame: pd.DataFrame) -> dict[str, slice]:
    """Row ranges of each table (the builder writes every table's rows contiguously)."""
    labels = frame["table"].to_numpy()
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    ends = np.r_[starts[1:], len(labels)]
    return {str(labels[a]): slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True)}


@cache
def _family(source: str) -> tuple[pd.DataFrame, dict[str, slice], pd.DataFrame, dict[str, slice]]:
    cells = read_embedded(f"io_{source}")
    axes = read_embedded(f"io_{source}_axes")
    return cells, _blocks(cells), axes, _blocks(axes)


def _frame(source: str, table_id: str) -> pd.DataFrame:
    all_cells, cell_rows, all_axes, axis_rows = _family(source)
    cells = all_cells.iloc[cell_rows.get(table_id, slice(0, 0))]
    axes = all_axes.iloc[axis_rows[table_id]]
    rows = axes[axes["axis"] == "row"].sort_values("pos")
    cols = axes[axes["axis"] == "col"].sort_values("pos")
    row_key = list(zip(rows["origin"], rows["code"], strict=True))
    position = {key: i for i, key in enumerate(row_key)}
    col_position = {c: j for j, c in enumerate(cols["code"])}
    values = np.zeros((len(rows), len(cols)))
    i = [position[(o, r)] for o, r in zip(cells["origin"], cells["row"], strict=True)]
    j = [col_position[c] for c in cells["col"]]
    values[i, j] = cells["value"].to_numpy(dtype="float64") / _SCALE[source]
    frame = pd.DataFrame(values, columns=list(cols["code"]))
    frame.insert(0, "Code", rows["code"].to_numpy())
    frame.insert(1, "Description", rows["name"].to_numpy())
    if source == "nbs":
        frame.insert(2, "DescriptionInChinese", rows["name_zh"].to_numpy())
    if (rows["origin"] != "").any():
        frame.insert(3 if source == "nbs" else 2, "Origin", rows["origin"].to_numpy())
    return frame


def _year_span(years: pd.Series) -> str:
    values = sorted(int(y) for y in set(years))
    if len(values) > 2 and values[-1] - values[0] + 1 == len(values):
        return f"{values[0]}–{values[-1]}"
    return ", ".join(str(y) for y in values)


def _resolve_economy(economy: str, source: str) -> str:
    """The ISO code of ``economy`` among the tables of ``source``.

    Raises
    ------
    pflab.errors.ParameterError
        If the economy is embedded, but only from other sources (naming them and their
        years).
    pflab.errors.LookupFailedError
        If no source has the economy.
    """
    catalog = _catalog()
    everywhere = sorted(set(catalog["economy"]))
    names = {code: _NAMES.get(code, code) for code in everywhere}
    have = sorted(set(catalog.loc[catalog["source"] == source, "economy"]))
    try:
        iso = resolve_country(economy, names)
    except LookupFailedError as exc:
        raise LookupFailedError(
            f"economy in the embedded tables (embedded: {', '.join(everywhere)})",
            economy,
            exc.suggestions,
        ) from None
    if iso not in have:
        others = [
            f"{other} ({_year_span(part['year'])})"
            for other, part in catalog[catalog["economy"] == iso].groupby("source")
        ]
        raise ParameterError(
            "source",
            f"{source} has no table for {names[iso]} ({iso}); {iso} is embedded in "
            f"{' and '.join(others)}: choose one of those sources",
        )
    return iso


def load_io(economy: str, year: int, *, source: str = "nbs", sectors: int | None = None) -> IOTable:
    """Load an embedded input–output table.

    Parameters
    ----------
    economy
        ISO code or name, e.g. ``"CHN"``, ``"China"``.
    year
        The table's year.
    source
        ``"nbs"`` (China's own tables), ``"oecd"`` or ``"wiod"``.
    sectors
        Number of sectors when a year has several tables (NBS 2017, 2018, 2020 have 42
        and 149/153); default the most detailed.

    Returns
    -------
    IOTable
        Validated, with its citation and notes; NBS tables of 1990–2018 carry employment
        mapped from the industry series (:mod:`pflab.data.iotables.employment`).

    Raises
    ------
    pflab.errors.LookupFailedError
        Unknown source or economy (the message lists what is embedded).
    pflab.errors.ParameterError
        The economy is embedded, but not from ``source`` (the message names the sources
        that have it and their years).
    pflab.errors.DataNotFoundError
        No table for that year or sector count (the message lists what is embedded).
    """
    key = str(source).strip().lower()
    if key not in IO_SOURCES:
        raise LookupFailedError("input-output source", source, list(IO_SOURCES))
    iso = _resolve_economy(economy, key)
    return _load(iso, int(year), key, None if sectors is None else int(sectors))


@cache
def _load(iso: str, year: int, source: str, sectors: int | None) -> IOTable:
    catalog = _catalog()
    mine = catalog[(catalog["source"] == source) & (catalog["economy"] == iso)]
    at = mine[mine["year"] == year]
    if at.empty:
        years = sorted(mine["year"].unique())
        raise DataNotFoundError(
            f"no embedded {source} table for {iso} {year}; embedded years: "
            + ", ".join(str(y) for y in years)
        )
    if sectors is not None:
        pick = at[at["sectors"] == sectors]
        if pick.empty:
            raise DataNotFoundError(
                f"no embedded {source} table for {iso} {year} with {sectors} sectors; "
                f"embedded for {year}: " + ", ".join(f"{s} sectors" for s in sorted(at["sectors"]))
            )
    else:
        pick = at.sort_values("sectors", ascending=False)
    info = pick.iloc[0]
    frame = _frame(source, str(info["table"]))
    label = f"embedded {source} table {iso} {year}"
    if source == "nbs":
        n = int(info["sectors"])
        table = nbs_table(
            frame,
            year=year,
            source=nbs_source(year, n, "Embedded in pflab from the ionet package's R data files."),
            where=label,
        )
        years = employment_years()
        if year in set(years):
            mapped = map_employment(table)
            return table.replace(
                employment=mapped.employment,
                employment_unit="10,000 persons",
                sources=(*table.sources, Source.from_dict(employment_source())),
                notes=(*table.notes, mapped.note()),
            )
        return table.replace(
            notes=(
                *table.notes,
                f"No employment by sector: the embedded NBS employment series covers "
                f"{years[0]}–{years[-1]}, not {year}, so employment multipliers and job "
                "shares are not available for this table.",
            )
        )
    if source == "oecd":
        return oecd_table(frame, economy=iso, year=year, source=oecd_source(iso, year), where=label)
    return wiod_table(
        frame,
        economy=iso,
        year=year,
        rounding=1.0,
        source=wiod_source(iso, rounded=True),
        where=label,
    )
