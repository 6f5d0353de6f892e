"""Result objects of growth accounting: annual decompositions and era tables."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.eras import Era, parse_eras
from pflab.accounting.methods import Method
from pflab.errors import ParameterError
from pflab.provenance import Provenance

__all__ = ["ERA_COLUMNS", "EraTable", "GrowthAccounting"]

#: Percent-per-year columns of an era table, in display order.
ERA_COLUMNS = ("gdp", "capital", "employment", "hours", "human_capital", "tfp", "rtfpna")

_HEADINGS = {
    "gdp": "GDP",
    "capital": "Capital",
    "employment": "Employment",
    "hours": "Hours",
    "human_capital": "Human capital",
    "tfp": "TFP",
    "rtfpna": "PWT rtfpna",
}

UNITS = "percent per year (100 × average annual log growth)"


@dataclass(frozen=True)
class GrowthAccounting:
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
    provenance
        Method, parameters and source.
    """

    economy: str
    country: str
    annual: pd.DataFrame
    method: Method
    vintage: str
    provenance: Provenance

    def to_frame(self) -> pd.DataFrame:
        """Annual components in percent (100 × log difference), indexed by year."""
        out = self.annual.copy()
        cols = ["gdp", "capital", "employment", "hours", "human_capital", "tfp", "rtfpna"]
        out[cols] = out[cols] * 100.0
        return out

    def pwt_gap(self) -> pd.Series:
        """TFP growth minus Δln of PWT's ``rtfpna``, in percentage points, by year."""
        gap = (self.annual["tfp"] - self.annual["rtfpna"]) * 100.0
        return gap.dropna().rename("gap_pp")

    def eras(self, eras: str | Iterable[str | Era] | None = None) -> EraTable:
        """Average the annual components over eras (default :data:`DEFAULT_ERAS`)."""
        return EraTable(
            frame=era_frame(self, parse_eras(eras)),
            provenance=self.provenance,
        )

    def summary(self) -> str:
        """The default era table as text."""
        return self.eras().summary()

    def _repr_html_(self) -> str:
        return self.eras()._repr_html_()


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
        record["vintage"] = result.vintage
        record["source"] = ", ".join(s.label for s in result.provenance.sources)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for column in ("first_year", "last_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


@dataclass(frozen=True)
class EraTable:
    """Average annual growth and its sources over eras, for one or more economies.

    Attributes
    ----------
    frame
        One row per economy × era: ``gdp``, the contributions ``capital``,
        ``employment``, ``hours``, ``human_capital``, ``tfp`` and PWT's own ``rtfpna``
        growth, all in percent per year; ``first_year``–``last_year`` the growth years
        covered and ``years`` their count (fewer than ``span_years`` when data start
        later or end earlier); ``method``, ``vintage`` and ``source``.
    provenance
        Method, parameters and source.
    """

    frame: pd.DataFrame
    provenance: Provenance

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`frame`."""
        return self.frame.copy()

    @classmethod
    def concat(cls, tables: Iterable[EraTable]) -> EraTable:
        """Stack tables of several economies computed with the same method and vintage."""
        tables = list(tables)
        if not tables:
            raise ParameterError("tables", "nothing to combine")
        return cls(
            frame=pd.concat([t.frame for t in tables], ignore_index=True),
            provenance=tables[0].provenance,
        )

    @property
    def partial(self) -> pd.DataFrame:
        """Rows whose era is not fully covered by data."""
        return self.frame[self.frame["years"] < self.frame["span_years"]]

    def notes(self) -> list[str]:
        """Plain-language caveats: convention, partial eras, method, sources."""
        lines = [
            f"Units: {UNITS}. An era START–END averages the growth from START−1→START "
            "through END−1→END.",
            f"Method: {self.provenance.method} — {self.provenance.description}",
        ]
        for _, row in self.partial.iterrows():
            if row["years"] == 0:
                lines.append(f"{row['economy']} {row['era']}: no data in this era.")
            else:
                lines.append(
                    f"{row['economy']} {row['era']}: data cover only {row['first_year']}–"
                    f"{row['last_year']} ({row['years']} of {row['span_years']} years)."
                )
        no_hours = self.frame[
            (self.frame["years"] > 0) & (self.frame["hours_years"] < self.frame["years"])
        ]
        if self.provenance.parameters.get("hours") and len(no_hours):
            economies = ", ".join(sorted(set(no_hours["economy"])))
            lines.append(
                f"Hours data missing in some years for {economies}: hours growth counted as "
                "zero there, as in PWT's published variables."
            )
        lines += [f"Source: {line}" for line in self.provenance.citation_lines()]
        return lines

    def summary(self) -> str:
        """A fixed-width text table with notes."""
        shown = self.frame[["economy", "era", *ERA_COLUMNS]].rename(columns=_HEADINGS)
        text = shown.to_string(index=False, float_format=lambda v: f"{v:6.2f}", na_rep="—")
        return text + "\n\n" + "\n".join(self.notes())

    def _repr_html_(self) -> str:
        shown = self.frame[["economy", "era", *ERA_COLUMNS]].rename(columns=_HEADINGS)
        table = shown.to_html(index=False, float_format=lambda v: f"{v:.2f}", na_rep="—")
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes())
        return f"{table}<ul>{notes}</ul>"

    def __str__(self) -> str:
        return self.summary()
