"""China's employment by industry, mapped onto the sectors of the NBS tables.

The series (10,000 persons, 1990–2018) is published by industry (GB/T 4754 divisions,
96 leaf codes such as ``C27`` computers and electronics), while the input–output tables
are by product. Both are mapped to ISIC Rev.4 (``concordance_cn_employment.csv`` and the
table's concordance); each industry's employment is then shared among the table sectors
whose ISIC codes overlap its own, in proportion to their compensation of employees
(row ``VA001``; gross output where the overlapping sectors pay none), i.e. assuming equal
average pay within an industry:

    E_s = Σ_e E_e · w_s / Σ_{s' ∈ S(e)} w_{s'},   s ∈ S(e),

with S(e) the sectors overlapping industry e and w the compensation of employees.
Industries that overlap no sector, and sectors that receive nothing, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.data.concordance import isic_overlap, load_concordance
from pflab.data.embedded import read_embedded, read_sidecar
from pflab.errors import DataNotFoundError
from pflab.tables import IOTable

__all__ = ["EmploymentMap", "employment_years", "map_employment"]


@dataclass(frozen=True)
class EmploymentMap:
    """Employment of one year mapped onto a table's sectors.

    Attributes
    ----------
    employment
        Persons employed by table sector (10,000 persons).
    shares
        Industry × sector matrix of the shares used (rows sum to one where mapped).
    unmapped
        Industries with employment that overlap no sector.
    empty
        Table sectors that received no employment.
    year
        The employment year.
    """

    employment: pd.Series
    shares: pd.DataFrame
    unmapped: tuple[str, ...]
    empty: tuple[str, ...]
    year: int

    def note(self) -> str:
        """One line for a table's notes."""
        text = (
            f"Employment {self.year} (10,000 persons) mapped from industries to products "
            "through ISIC Rev.4, shared by compensation of employees."
        )
        if self.unmapped:
            text += f" Unmapped industries: {', '.join(self.unmapped)}."
        if self.empty:
            text += f" Sectors without employment: {', '.join(self.empty)}."
        return text


def _series() -> pd.DataFrame:
    return read_embedded("cn_employment")


def employment_years() -> list[int]:
    """Years of the embedded employment series."""
    return sorted(int(y) for y in _series()["year"].unique())


def map_employment(table: IOTable, year: int | None = None) -> EmploymentMap:
    """Map China's employment by industry onto a table's sectors.

    Parameters
    ----------
    table
        A table of China with an NBS scheme (or any scheme with a concordance).
    year
        Employment year; default the table's year.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the employment series has no such year.
    """
    year = table.year if year is None else int(year)
    data = _series()
    part = data[data["year"] == year]
    if part.empty:
        years = employment_years()
        raise DataNotFoundError(
            f"no employment data for {year}; the series covers {years[0]}–{years[-1]}"
        )
    industries = load_concordance("cn_employment")
    sectors = load_concordance(table.scheme)
    values = part.set_index("code")["value"].astype("float64")
    components = table.value_added_components
    weights = (
        components["VA001"].to_numpy()
        if components is not None and "VA001" in components.columns
        else table.gross_output.to_numpy()
    )
    weights = np.maximum(weights, 0.0)
    output = np.maximum(table.gross_output.to_numpy(), 0.0)
    shares = np.zeros((len(industries.codes), table.n))
    for i, code in enumerate(industries.codes):
        mine = industries.isic_of(code)
        overlap = np.array(
            [any(isic_overlap(a, b) for a in mine for b in sectors.isic_of(s)) for s in table.codes]
        )
        w = np.where(overlap, weights, 0.0)
        if w.sum() <= 0:  # e.g. a scrap sector without compensation: share by output
            w = np.where(overlap, output, 0.0)
        if w.sum() > 0:
            shares[i] = w / w.sum()
    jobs = np.array([values.get(code, 0.0) for code in industries.codes])
    employment = jobs @ shares
    unmapped = tuple(
        code for i, code in enumerate(industries.codes) if jobs[i] > 0 and shares[i].sum() == 0
    )
    empty = tuple(code for j, code in enumerate(table.codes) if employment[j] == 0)
    return EmploymentMap(
        employment=pd.Series(employment, index=list(table.codes), name="employment"),
        shares=pd.DataFrame(shares, index=list(industries.codes), columns=list(table.codes)),
        unmapped=unmapped,
        empty=empty,
        year=year,
    )


def employment_source() -> dict[str, str]:
    """The citation record of the embedded employment series."""
    source: dict[str, str] = read_sidecar("cn_employment")["source"]
    return source
