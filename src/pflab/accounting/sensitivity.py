"""How much does measured TFP growth depend on method and data series?

:func:`sensitivity` measures one economy's TFP growth by era under every method of a
grid (by default the 16 combinations of capital measure × share × hours × human
capital) and every registered data series (the embedded PWT vintages, and any series
added to :data:`pflab.accounting.series.TFP_SERIES` or passed as ``extra_series``),
and reports the min–max band with the series and method at each end.

**Equal windows.** A band compares like with like. For each era the *reference row*
is the ``pwt`` method on the first series (PWT 11.0 by default; if it has no data in
the era, the row covering the most years). Its growth years in the era are the era's
*window*. Every row whose data cover the whole window is averaged over exactly that
window and enters the band; a row that covers only part of it (PWT 10.01, which ends
in 2019, in "2018–latest"; a series starting in 1988 in "1978–2007") is left out of
the band and listed as excluded, its average over its own years kept in the long table
with ``in_band`` false.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.eras import Era, parse_eras
from pflab.accounting.methods import Method, method_grid
from pflab.accounting.series import TFP_SERIES, TFPSeries, tfp_series
from pflab.accounting.vintages import vintage_notes
from pflab.errors import DataError, LookupFailedError, ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["LONG_COLUMNS", "SensitivityTable", "era_band_frame", "sensitivity"]

#: Columns of the long table, in order.
LONG_COLUMNS = (
    "economy",
    "country",
    "series",
    "method",
    "method_label",
    "era",
    "first_year",
    "last_year",
    "years",
    "tfp",
    "in_band",
    "reference_row",
)

_COLUMN_MEANING = {
    "series": "the data series: a PWT vintage (PWT 11.0, PWT 10.01) or another aggregate "
    "TFP series",
    "method": "growth-accounting method (preset name, or its label)",
    "method_label": "capital services|stock · labsh|α_K · hours|persons · hc|no-hc",
    "first_year": "first growth year averaged",
    "last_year": "last growth year averaged",
    "years": "number of growth years averaged",
    "tfp": "TFP growth, percent per year (100 × average annual log growth)",
    "in_band": "whether the row covers the era's whole window and enters the band",
    "reference_row": "whether the row is the era's reference (its years are the window)",
    "reference_by": "the reference row's series and method",
    "min_by": "series and method giving the lowest value",
    "max_by": "series and method giving the highest value",
    "min": "lowest TFP growth in the band, percent per year",
    "max": "highest TFP growth in the band, percent per year",
    "range": "max − min, percentage points",
    "reference": "TFP growth of the reference row (pwt method, first series)",
    "rows": "rows in the band",
    "excluded": "series (and methods) left out because they do not cover the window",
}


def _reference_index(rows: list[tuple[TFPSeries, list[int]]]) -> int | None:
    """The reference row: ``pwt`` on the first series if it has data, else the longest row."""
    with_data = [i for i, (_, years) in enumerate(rows) if years]
    if not with_data:
        return None
    first = rows[0][0].vintage
    for i in with_data:
        series = rows[i][0]
        if series.vintage == first and series.method == "pwt":
            return i
    return max(with_data, key=lambda i: (len(rows[i][1]), -i))


def era_band_frame(series: Sequence[TFPSeries], eras: Sequence[Era]) -> pd.DataFrame:
    """The long table: every series × era, averaged over the era's window.

    Parameters
    ----------
    series
        The series to compare, the reference series first.
    eras
        The eras; an open era (``2018–latest``) runs to the latest year of any series.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`LONG_COLUMNS`; ``tfp`` in percent per year. Rows with
        ``in_band`` true are averaged over the reference row's years in the era; the
        others over their own years in the era (``NaN`` and ``years`` 0 where none).
    """
    records = []
    for era in eras:
        rows = []
        for s in series:
            values = s.tfp.dropna()
            years = sorted(int(y) for y in values.index if era.contains(int(y)))
            rows.append((s, years))
        ref = _reference_index(rows)
        window = rows[ref][1] if ref is not None else []
        for i, (s, years) in enumerate(rows):
            covers = bool(window) and set(window) <= set(years)
            used = window if covers else years
            tfp = float(s.tfp.reindex(used).mean() * 100.0) if used else np.nan
            records.append(
                {
                    "economy": s.economy,
                    "country": s.country,
                    "series": s.series,
                    "method": s.method,
                    "method_label": s.method_label,
                    "era": era.label,
                    "first_year": min(used) if used else None,
                    "last_year": max(used) if used else None,
                    "years": len(used),
                    "tfp": tfp,
                    "in_band": covers,
                    "reference_row": i == ref,
                }
            )
    frame = pd.DataFrame.from_records(records, columns=list(LONG_COLUMNS))
    for column in ("first_year", "last_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("in_band", "reference_row"):
        frame[column] = frame[column].astype(bool)
    return frame


def _span(first: object, last: object) -> str:
    return f"{first}–{last}" if first != last else f"{first}"


def _excluded(part: pd.DataFrame) -> str:
    """Which series (and methods) an era's band leaves out, with the years they cover."""
    out = []
    for label, rows in part[~part["in_band"]].groupby("series", sort=False):
        with_data = rows[rows["years"] > 0]
        pairs = zip(with_data["first_year"], with_data["last_year"], strict=True)
        spans = sorted({_span(a, b) for a, b in pairs})
        covered = f"covers {', '.join(spans)} only" if spans else "no data"
        total = int((part["series"] == label).sum())
        which = "" if len(rows) == total else f" ({len(rows)} of {total} methods)"
        out.append(f"{label}{which}: {covered}")
    return "; ".join(out)


@dataclass(frozen=True, kw_only=True)
class SensitivityTable(Result):
    """TFP growth by era for every method × data series, with the band.

    Attributes
    ----------
    frame
        The long table (:data:`LONG_COLUMNS`): one row per economy × series × method ×
        era with ``tfp`` in percent per year, the growth years averaged
        (``first_year``–``last_year``, ``years``) and ``in_band``.

    Tables: ``tfp`` (the long table, the main one), ``pivot`` (one row per series ×
    method, one column per era; rows outside an era's band blank) and ``band``.
    """

    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``tfp`` (long), ``pivot`` (wide, band rows only) and ``band``."""
        return {"tfp": self.frame.copy(), "pivot": self.pivot(), "band": self.band()}

    def views(self) -> list[View]:
        """The pivot to two decimals, then the band."""
        several = self.frame["economy"].nunique() > 1
        lead = [Column("economy", "Economy")] if several else []
        eras = [str(e) for e in dict.fromkeys(self.frame["era"])]
        pivot = View(
            "pivot",
            [*lead, Column("series", "Data"), Column("method", "Method")]
            + [Column(e, e, ".2f") for e in eras],
            title=self.title,
        )
        band = View(
            "band",
            [
                *lead,
                Column("era", "Era"),
                Column("first_year", "From", "d"),
                Column("last_year", "To", "d"),
                Column("rows", "Rows", "d"),
                Column("min", "Lowest", ".2f"),
                Column("min_by", "from"),
                Column("max", "Highest", ".2f"),
                Column("max_by", "from"),
                Column("range", "Range (pp)", ".2f"),
                Column("reference", "Reference", ".2f"),
                Column("excluded", "Left out (window not covered)"),
            ],
            title="Band over equal windows: how much the answer depends on method and data",
        )
        return [pivot, band]

    @property
    def economies(self) -> list[str]:
        """ISO codes of the economies, in order."""
        return list(dict.fromkeys(self.frame["economy"].astype(str)))

    @property
    def economy(self) -> str:
        """ISO code of the (first) economy."""
        return self.economies[0]

    @property
    def country(self) -> str:
        """Name(s) of the economies."""
        return ", ".join(dict.fromkeys(self.frame["country"].astype(str)))

    def pivot(self) -> pd.DataFrame:
        """TFP growth in the band: one row per economy × series × method, a column per era.

        A row's cell is blank (NaN) in an era whose window it does not cover.
        """
        order = list(dict.fromkeys(self.frame["era"]))
        shown = self.frame.assign(tfp=self.frame["tfp"].where(self.frame["in_band"]))
        wide = shown.pivot_table(
            index=["economy", "series", "method"],
            columns="era",
            values="tfp",
            sort=False,
            dropna=False,
        )
        wide = wide.reindex(columns=order)
        # dropna=False crosses every series with every method; keep the rows that exist
        # (a TFP-only series such as CIP 4.0 has one method of its own)
        # (a TFP-only series such as CIP 4.0 has one method of its own); levels in order
        # of appearance so the row index stays lexsorted
        keys = self.frame[["economy", "series", "method"]].drop_duplicates()
        levels = [list(dict.fromkeys(keys[c])) for c in keys.columns]
        codes = [
            [lvl.index(v) for v in keys[c]] for lvl, c in zip(levels, keys.columns, strict=True)
        ]
        rows = pd.MultiIndex(levels=levels, codes=codes, names=list(keys.columns))
        wide = wide.reindex(rows)
        wide.columns = pd.Index([str(c) for c in wide.columns], name=None)
        return wide

    def band(self) -> pd.DataFrame:
        """Per economy and era: the lowest and highest TFP growth in the band, and who.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``economy`` and ``era``: the window (``first_year``,
            ``last_year``, ``years``), ``rows`` in the band, ``min``, ``min_by``,
            ``max``, ``max_by``, ``range`` (percent per year; percentage points for the
            range), ``reference`` and ``reference_by`` (the ``pwt`` method on the first
            series) and ``excluded`` (series whose data do not cover the window).
        """
        records = []
        for (economy, era), part in self.frame.groupby(["economy", "era"], sort=False):
            inside = part[part["in_band"] & part["tfp"].notna()]
            record: dict[str, object] = {"economy": economy, "era": era}
            if inside.empty:
                record.update(first_year=None, last_year=None, years=0, rows=0)
                record.update(min=np.nan, min_by="no data", max=np.nan, max_by="no data")
                record.update(range=np.nan, reference=np.nan, reference_by="no data")
            else:
                tfp = inside["tfp"].to_numpy(dtype="float64")
                low = inside.iloc[int(np.argmin(tfp))]
                high = inside.iloc[int(np.argmax(tfp))]
                ref_row = inside[inside["reference_row"]].iloc[0]
                record.update(
                    first_year=inside["first_year"].iloc[0],
                    last_year=inside["last_year"].iloc[0],
                    years=int(inside["years"].iloc[0]),
                    rows=len(inside),
                    min=float(low["tfp"]),
                    min_by=f"{low['series']}, {low['method']}",
                    max=float(high["tfp"]),
                    max_by=f"{high['series']}, {high['method']}",
                    range=float(high["tfp"] - low["tfp"]),
                    reference=float(ref_row["tfp"]),
                    reference_by=f"{ref_row['series']}, {ref_row['method']}",
                )
            record["excluded"] = _excluded(part) or "none"
            records.append(record)
        band = pd.DataFrame.from_records(records).set_index(["economy", "era"])
        for column in ("first_year", "last_year"):
            band[column] = band[column].astype("Int64")
        return band

    @classmethod
    def concat(cls, tables: Iterable[SensitivityTable]) -> SensitivityTable:
        """Stack the tables of several economies into one result.

        Raises
        ------
        pflab.errors.ParameterError
            If there is nothing to stack.
        """
        tables = list(tables)
        if not tables:
            raise ParameterError("tables", "nothing to combine")
        if len(tables) == 1:
            return tables[0]
        frame = pd.concat([t.frame for t in tables], ignore_index=True)
        sources = tuple(dict.fromkeys(s for t in tables for s in t.provenance.sources))
        first = tables[0].provenance
        parameters = {
            **first.parameters,
            "economies": [e for t in tables for e in t.economies],
            "not_compared": [m for t in tables for m in t.provenance.parameters["not_compared"]],
        }
        provenance = Provenance(
            method=first.method,
            sources=sources,
            parameters=parameters,
            description=first.description,
        )
        return cls(
            title=_title(frame),
            provenance=provenance,
            notes=_notes(frame, provenance),
            columns=tables[0].columns,
            frame=frame,
        )


def _title(frame: pd.DataFrame) -> str:
    names = ", ".join(
        f"{c} ({e})" for e, c in dict.fromkeys(zip(frame["economy"], frame["country"], strict=True))
    )
    return f"TFP growth of {names} by method and data series, percent per year"


def _notes(frame: pd.DataFrame, provenance: Provenance) -> tuple[str, ...]:
    """Exclusions, series not compared, conventions, data caveats, then vintage caveats."""
    sources = provenance.sources
    missing = provenance.parameters.get("not_compared", [])
    lines = []
    for (economy, era), part in frame.groupby(["economy", "era"], sort=False):
        inside = part[part["in_band"]]
        excluded = _excluded(part)
        if excluded and len(inside):
            window = _span(inside["first_year"].iloc[0], inside["last_year"].iloc[0])
            lines.append(
                f"{economy} {era}: the band compares {window}, the years the reference row "
                f"covers; left out: {excluded}."
            )
    lines += [f"Series {item} has no data; it is not compared." for item in missing]
    lines += [
        "TFP growth in percent per year (100 × average annual log growth); an era "
        "START–END averages growth from START−1→START through END−1→END. Within an era "
        "every row of the band is averaged over the same years (the window), so a method "
        "whose data start earlier is cut to the window.",
        "Method labels: capital services|stock · labsh (Törnqvist PWT labour share) or "
        "α_K (fixed capital share) · hours|persons · hc|no-hc (human capital).",
    ]
    lines += [f"Data: {s.label}: {s.note}" for s in sources if s.note]
    for economy in dict.fromkeys(frame["economy"].astype(str)):
        lines += vintage_notes(economy)
    return tuple(dict.fromkeys(lines))


def sensitivity(
    economy: str,
    eras: str | Iterable[str | Era] | None = None,
    *,
    vintages: Sequence[str] | None = None,
    methods: Sequence[Method] | None = None,
    extra_series: Iterable[TFPSeries] = (),
) -> SensitivityTable:
    """TFP growth by era under every method × data series, with the band.

    Parameters
    ----------
    economy
        ISO code, name or alias.
    eras
        Eras as for :func:`pflab.accounting.parse_eras` (default the standard four).
    vintages
        Keys of :data:`pflab.accounting.series.TFP_SERIES` to compare, the reference
        first (default: every registered series, PWT 11.0 first).
    methods
        Methods to compare (default :func:`pflab.accounting.method_grid`, 16 methods);
        series that publish TFP only ignore them.
    extra_series
        Further series of the same economy (e.g. a user's own estimate), compared after
        the registered ones.

    Returns
    -------
    SensitivityTable
        The long table, pivot and band; the band of each era compares equal windows
        (see the module docstring).

    Raises
    ------
    pflab.errors.LookupFailedError
        If the first series does not know the economy.
    pflab.errors.ParameterError
        For an unknown vintage, or an extra series of another economy.
    pflab.errors.DataError
        If no method can be computed for the economy in any series.
    """
    era_list = parse_eras(eras)
    keys = list(vintages) if vintages is not None else list(TFP_SERIES)
    if not keys:
        raise ParameterError("vintages", "no series given")
    unknown = [k for k in keys if k not in TFP_SERIES]
    if unknown:
        raise ParameterError(
            "vintages",
            f"{', '.join(map(repr, unknown))} not a TFP series; choose from "
            f"{', '.join(TFP_SERIES)}",
        )
    grid = list(methods) if methods is not None else method_grid()
    collected: list[TFPSeries] = []
    missing: list[str] = []
    for key in keys:
        try:
            found = tfp_series(key, economy, grid)
        except LookupFailedError:
            if key == keys[0]:
                raise
            found = []
        if not found:
            missing.append(f"{key} for {economy}")
        collected += found
    if not collected:
        raise DataError(f"no method could be computed for {economy!r} in any vintage")
    code = collected[0].economy
    for extra in extra_series:
        if extra.economy != code:
            raise ParameterError("extra_series", f"a series of {extra.economy} given for {code}")
        if any((c.series, c.method) == (extra.series, extra.method) for c in collected):
            raise ParameterError(
                "extra_series", f"{extra.series}, {extra.method} is already compared"
            )
        collected.append(extra)
    frame = era_band_frame(collected, era_list)
    sources = tuple(dict.fromkeys(s.source for s in collected))
    provenance = Provenance(
        method="sensitivity",
        sources=sources,
        parameters={
            "economies": [code],
            "eras": [e.label for e in era_list],
            "vintages": list(dict.fromkeys(s.vintage for s in collected)),
            "methods": [m.name for m in grid],
            "reference": "pwt method on the first series",
            "not_compared": missing,
        },
        description="TFP growth by era under every growth-accounting method and data "
        "series; the band of each era compares the rows covering the reference row's "
        "years, averaged over exactly those years.",
    )
    return SensitivityTable(
        title=_title(frame),
        provenance=provenance,
        notes=_notes(frame, provenance),
        columns=dict(_COLUMN_MEANING),
        frame=frame,
    )
