"""Result objects of growth accounting: annual decompositions and era tables.

Both are :class:`pflab.result.Result` subclasses: the shared base renders the text,
rich, HTML, CSV and JSON forms from their ``title``, ``notes``, ``provenance`` and
tables, so nothing here formats output by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.eras import Era, parse_eras
from pflab.accounting.methods import Method
from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["ERA_COLUMNS", "UNITS", "EraTable", "GrowthAccounting", "annual_notes", "era_frame"]

#: Percent-per-year columns of an era table, in display order.
ERA_COLUMNS = ("gdp", "capital", "employment", "hours", "human_capital", "tfp", "rtfpna")

#: The unit of every growth column.
UNITS = "percent per year (100 × average annual log growth)"

_HEADINGS = {
    "gdp": "GDP",
    "capital": "Capital",
    "employment": "Employment",
    "hours": "Hours",
    "human_capital": "Human cap.",
    "tfp": "TFP",
    "rtfpna": "PWT rtfpna",
}

_MEANING = {
    "gdp": "growth of real GDP (rgdpna)",
    "capital": "contribution of capital: (1 − ᾱ) × growth of the capital measure",
    "employment": "contribution of persons engaged: ᾱ × growth of emp",
    "hours": "contribution of average hours: ᾱ × growth of avh (0 where hours are missing)",
    "human_capital": "contribution of human capital: ᾱ × growth of hc",
    "tfp": "TFP growth: GDP growth minus the four contributions",
    "rtfpna": "growth of PWT's own TFP index rtfpna (missing unless every year has it)",
}

_CONVENTION = (
    f"Units: {UNITS}. An era START–END averages the growth from START−1→START through END−1→END."
)


def _source_notes(provenance: Provenance) -> list[str]:
    """What each data file is (e.g. a third-party mirror), from the sources' notes."""
    return [f"Data: {s.label}: {s.note}" for s in provenance.sources if s.note]


@dataclass(frozen=True, kw_only=True)
class GrowthAccounting(Result):
    """Annual growth accounting of one economy.

    Attributes
    ----------
    economy, country
        ISO code and name.
    annual
        Log-difference components by end year (fractions), see
        :func:`pflab.accounting.decompose`.
    method
        The method used.
    vintage
        The PWT version of the data.

    The main table (:meth:`tables` ``"annual"``) gives the same components in percent.
    """

    economy: str
    country: str
    annual: pd.DataFrame
    method: Method
    vintage: str

    def tables(self) -> dict[str, pd.DataFrame]:
        """``annual``: the components in percent (100 × log difference), by year."""
        out = self.annual.copy()
        cols = ["gdp", "capital", "employment", "hours", "human_capital", "tfp", "rtfpna"]
        out[cols] = out[cols] * 100.0
        out.insert(0, "economy", self.economy)
        return {"annual": out}

    def views(self) -> list[View]:
        """Year, the growth columns to two decimals, the weight and the hours flag."""
        columns = [Column("year", "Year", "d")]
        columns += [Column(c, _HEADINGS[c], ".2f") for c in ERA_COLUMNS]
        columns += [Column("labour_share", "Weight ᾱ", ".3f"), Column("hours_observed", "Hours")]
        return [View("annual", columns)]

    def pwt_gap(self) -> pd.Series:
        """TFP growth minus Δln of PWT's ``rtfpna``, in percentage points, by year."""
        gap = (self.annual["tfp"] - self.annual["rtfpna"]) * 100.0
        return gap.dropna().rename("gap_pp")

    def eras(self, eras: str | Iterable[str | Era] | None = None) -> EraTable:
        """Average the annual components over eras (default :data:`DEFAULT_ERAS`).

        The era table carries this result's notes (e.g. the vintage caveat) after its own.
        """
        frame = era_frame(self, parse_eras(eras))
        own = set(annual_notes(self.provenance))
        carried = [n for n in self.notes if n not in own]
        return EraTable.build(frame, self.provenance, carried=carried)


def annual_notes(provenance: Provenance, carried: Iterable[str] = ()) -> tuple[str, ...]:
    """Notes of a :class:`GrowthAccounting`: units and method, data, then ``carried``."""
    lines = [
        "Units: percent (100 × log difference); each row is the growth into that year.",
        f"Method: {provenance.method} — {provenance.description}",
        *_source_notes(provenance),
        *carried,
    ]
    return tuple(dict.fromkeys(lines))


def era_frame(result: GrowthAccounting, eras: list[Era]) -> pd.DataFrame:
    """One row per era: averages in percent per year and the years actually covered."""
    annual = result.annual
    records = []
    for era in eras:
        mask = [era.contains(int(y)) for y in annual.index]
        part = annual.loc[mask]
        span_end = (
            era.end
            if era.end is not None
            else (int(annual.index.max()) if len(annual) else era.start)
        )
        record: dict[str, object] = {
            "economy": result.economy,
            "country": result.country,
            "era": era.label,
            "first_year": int(part.index.min()) if len(part) else None,
            "last_year": int(part.index.max()) if len(part) else None,
            "years": len(part),
            "span_years": max(span_end - era.start + 1, 0),
        }
        for column in ERA_COLUMNS:
            values = part[column].dropna()
            # rtfpna may miss years the accounting has; report it only when complete
            complete = column != "rtfpna" or len(values) == len(part)
            record[column] = float(values.mean() * 100.0) if len(values) and complete else np.nan
        record["hours_years"] = int(part["hours_observed"].sum())
        record["method"] = result.method.name
        record["method_label"] = result.method.label
        record["vintage"] = f"PWT {result.vintage}"
        record["source"] = ", ".join(s.label for s in result.provenance.sources)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for column in ("first_year", "last_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _era_notes(frame: pd.DataFrame, provenance: Provenance) -> list[str]:
    """Convention, method, partial eras and missing hours: what the frame itself implies."""
    lines = [_CONVENTION, f"Method: {provenance.method} — {provenance.description}"]
    partial = frame[frame["years"] < frame["span_years"]]
    for _, row in partial.iterrows():
        if row["years"] == 0:
            lines.append(f"{row['economy']} {row['era']}: no data in this era.")
        else:
            lines.append(
                f"{row['economy']} {row['era']}: data cover only {row['first_year']}–"
                f"{row['last_year']} ({row['years']} of {row['span_years']} years)."
            )
    no_hours = frame[(frame["years"] > 0) & (frame["hours_years"] < frame["years"])]
    if provenance.parameters.get("hours") and len(no_hours):
        economies = ", ".join(sorted(set(no_hours["economy"])))
        lines.append(
            f"Hours data missing in some years for {economies}: hours growth counted as "
            "zero there, as in PWT's published variables."
        )
    return [*lines, *_source_notes(provenance)]


@dataclass(frozen=True, kw_only=True)
class EraTable(Result):
    """Average annual growth and its sources over eras, for one or more economies.

    Attributes
    ----------
    frame
        One row per economy × era: ``gdp``, the contributions ``capital``,
        ``employment``, ``hours``, ``human_capital``, ``tfp`` and PWT's own ``rtfpna``
        growth, all in percent per year; ``first_year``–``last_year`` the growth years
        covered and ``years`` their count (fewer than ``span_years`` when data start
        later or end earlier); ``hours_years`` the years with hours data; ``method``,
        ``method_label``, ``vintage`` and ``source``.

    Build one with :meth:`GrowthAccounting.eras` or :meth:`build`; stack economies with
    :meth:`concat`.
    """

    frame: pd.DataFrame

    @classmethod
    def build(
        cls, frame: pd.DataFrame, provenance: Provenance, carried: Iterable[str] = ()
    ) -> EraTable:
        """An era table with its title and notes: the frame's own notes, then ``carried``."""
        countries = ", ".join(dict.fromkeys(frame["country"].astype(str)))
        vintage = ", ".join(s.label for s in provenance.sources)
        title = (
            f"Sources of GDP growth of {countries}, percent per year "
            f"(method {provenance.method}, {vintage})"
        )
        notes = tuple(dict.fromkeys([*_era_notes(frame, provenance), *carried]))
        columns = {c: f"{_MEANING[c]}, {UNITS}" for c in ERA_COLUMNS}
        columns.update(
            first_year="first growth year covered (growth from the year before)",
            last_year="last growth year covered",
            years="number of growth years averaged",
            span_years="number of growth years the era spans",
            hours_years="growth years with hours data",
            vintage="the PWT vintage of the data, e.g. PWT 11.0",
            source="the data source",
        )
        return cls(title=title, provenance=provenance, notes=notes, columns=columns, frame=frame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """``eras``: one row per economy × era (see the class attributes)."""
        return {"eras": self.frame.copy()}

    def views(self) -> list[View]:
        """The era, the years covered and the growth columns to two decimals."""
        columns = [Column("economy", "Economy")] if self.frame["economy"].nunique() > 1 else []
        columns += [
            Column("era", "Era"),
            Column("first_year", "From", "d"),
            Column("last_year", "To", "d"),
            Column("years", "Years", "d"),
            *(Column(c, _HEADINGS[c], ".2f") for c in ERA_COLUMNS),
        ]
        return [View("eras", columns)]

    @classmethod
    def concat(cls, tables: Iterable[EraTable]) -> EraTable:
        """Stack tables of several economies computed with the same method and vintage.

        Raises
        ------
        pflab.errors.ParameterError
            If there is nothing to stack or the tables differ in method or vintage.
        """
        tables = list(tables)
        if not tables:
            raise ParameterError("tables", "nothing to combine")
        first = tables[0].provenance
        for table in tables[1:]:
            if (table.provenance.method, table.provenance.sources) != (
                first.method,
                first.sources,
            ):
                raise ParameterError(
                    "tables", "era tables of different methods or vintages cannot be stacked"
                )
        carried = [
            note
            for t in tables
            for note in t.notes
            if note not in _era_notes(t.frame, t.provenance)
        ]
        frame = pd.concat([t.frame for t in tables], ignore_index=True)
        return cls.build(frame, first, carried=carried)

    @property
    def partial(self) -> pd.DataFrame:
        """Rows whose era is not fully covered by data."""
        return self.frame[self.frame["years"] < self.frame["span_years"]]
