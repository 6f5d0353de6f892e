"""Do the embedded PWT vintages agree about an economy's growth?

PWT 11.0 and PWT 10.01 sometimes measure an economy's GDP with different series; China
most of all: PWT 11.0 adopted the official national-accounts GDP, PWT 10.01 used an
adjusted (Wu-based) series. A TFP answer read from either vintage then rests on that
choice, and a result must say so.

**Rule.** For each of the closed default eras (:data:`COMPARED_ERAS`: 1952–1977,
1978–2007, 2008–2017), average GDP growth (Δln ``rgdpna``) over the growth years both
vintages have (at least :data:`MIN_COMMON_YEARS`). Where any era's averages differ by
more than :data:`VINTAGE_GAP_PP` (1 percentage point a year), every growth-accounting
result and sensitivity table of that economy carries a note giving the two vintages'
GDP growth and PWT's own TFP growth (``rtfpna``) for those eras. Years after 2017 are
left out: PWT 10.01 ends in 2019, and a two-year window mostly measures the routine
revision of recent years. On the embedded data 19 economies pass the threshold, China
among them (2.7 points in 1978–2007).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from pflab.accounting.eras import DEFAULT_ERAS, Era
from pflab.data.countries import resolve_country
from pflab.data.embedded import load_pwt
from pflab.errors import LookupFailedError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = [
    "COMPARED_ERAS",
    "MIN_COMMON_YEARS",
    "VINTAGE_GAP_PP",
    "VintageComparison",
    "vintage_comparison",
    "vintage_notes",
]

#: Eras over which the vintages are compared (the closed default eras).
COMPARED_ERAS: tuple[Era, ...] = tuple(e for e in DEFAULT_ERAS if e.end is not None)

#: An era-average gap in GDP growth above this many percentage points a year is material.
VINTAGE_GAP_PP = 1.0

#: Fewer common growth years than this in an era are not compared.
MIN_COMMON_YEARS = 5

_NEW, _OLD = "11.0", "10.01"

#: Why the vintages differ, where the cause is documented (by ISO code), and what else
#: a reader should know.
_CAUSES: dict[str, tuple[str, str]] = {
    "CHN": (
        "PWT 11.0 uses China's official GDP series; PWT 10.01 used an adjusted (Wu-based) one",
        "Harry Wu's estimates (TFP growth 0.8 % a year over 1980–2012, negative over "
        "2008–2012; Wu 2016, RBA Annual Conference) and the Conference Board's 'China "
        "(Alternative)' series built on them also show far lower TFP growth.",
    ),
}


@cache
def _growth(vintage: str) -> dict[str, pd.DataFrame]:
    """Δln ``rgdpna`` and ``rtfpna`` of every economy in a vintage, by year (computed once).

    A year's growth is NaN where the year before is absent.
    """
    frame = load_pwt(vintage).frame.sort_values(["countrycode", "year"])
    out = {}
    for code, rows in frame.groupby("countrycode", sort=False):
        years = rows["year"].to_numpy()
        consecutive = np.r_[False, np.diff(years) == 1]
        growth = {}
        for column in ("rgdpna", "rtfpna"):
            values = np.log(rows[column].to_numpy(dtype="float64"))
            dlog = np.r_[np.nan, np.diff(values)]
            growth[column] = np.where(consecutive, dlog, np.nan)
        out[str(code)] = pd.DataFrame(growth, index=years)
    return out


@cache
def _comparison(code: str) -> pd.DataFrame:
    new, old = _growth(_NEW).get(code), _growth(_OLD).get(code)
    if new is None or old is None:
        return pd.DataFrame()
    records = []
    for era in COMPARED_ERAS:
        assert era.end is not None
        years = pd.RangeIndex(era.start, era.end + 1)
        a, b = new.reindex(years), old.reindex(years)
        common = a["rgdpna"].notna() & b["rgdpna"].notna()
        if int(common.sum()) < MIN_COMMON_YEARS:
            continue
        a, b = a[common], b[common]
        both_tfp = bool(a["rtfpna"].notna().all() and b["rtfpna"].notna().all())
        gdp = (float(a["rgdpna"].mean() * 100), float(b["rgdpna"].mean() * 100))
        records.append(
            {
                "era": era.label,
                "first_year": int(a.index.min()),
                "last_year": int(a.index.max()),
                "years": len(a),
                "gdp_new": gdp[0],
                "gdp_old": gdp[1],
                "rtfpna_new": float(a["rtfpna"].mean() * 100) if both_tfp else np.nan,
                "rtfpna_old": float(b["rtfpna"].mean() * 100) if both_tfp else np.nan,
                "gdp_gap": gdp[0] - gdp[1],
            }
        )
    return pd.DataFrame.from_records(records)


_YEARS = ("first_year", "last_year", "years")
_GROWTH = {
    "gdp_new": "GDP 11.0",
    "gdp_old": "GDP 10.01",
    "rtfpna_new": "rtfpna 11.0",
    "rtfpna_old": "rtfpna 10.01",
    "gdp_gap": "GDP gap (pp)",
}


@dataclass(frozen=True, kw_only=True)
class VintageComparison(Result):
    """GDP and PWT TFP growth of one economy in PWT 11.0 and 10.01, by compared era.

    Attributes
    ----------
    economy, country
        ISO code and name.
    frame
        One row per era of :data:`COMPARED_ERAS` with at least :data:`MIN_COMMON_YEARS`
        growth years in both vintages: ``era``, ``first_year``, ``last_year``,
        ``years``, ``gdp_new``/``gdp_old`` (Δln ``rgdpna``, percent per year, PWT 11.0
        and 10.01), ``rtfpna_new``/``rtfpna_old`` (PWT's own TFP index, NaN unless
        every year has it) and ``gdp_gap`` (new − old, percentage points). Empty when
        the economy is not in PWT 10.01.
    """

    economy: str
    country: str
    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``eras``: the comparison by era."""
        return {"eras": self.frame.copy()}

    def views(self) -> list[View]:
        """Years as integers, growth to two decimals."""
        columns = [Column("era", "Era")]
        columns += [Column(c, c.replace("_", " ").capitalize(), "d") for c in _YEARS]
        columns += [Column(c, heading, ".2f") for c, heading in _GROWTH.items()]
        return [View("eras", columns)]

    @property
    def material(self) -> bool:
        """Whether any era's GDP growth differs by more than :data:`VINTAGE_GAP_PP`."""
        return bool(len(self.frame) and (self.frame["gdp_gap"].abs() > VINTAGE_GAP_PP).any())


def vintage_comparison(economy: str) -> VintageComparison:
    """Compare one economy's GDP and PWT TFP growth in PWT 11.0 and 10.01 (module rule).

    Parameters
    ----------
    economy
        ISO code, name or alias.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an economy unknown to PWT 11.0.
    """
    code = resolve_country(economy, _names())
    new, old = load_pwt(_NEW).source, load_pwt(_OLD).source
    return VintageComparison(
        title=f"GDP and TFP growth of {_names()[code]} in PWT 11.0 and 10.01, percent per year",
        provenance=Provenance(
            method="vintage-comparison",
            sources=(new, old),
            parameters={
                "economy": code,
                "eras": [e.label for e in COMPARED_ERAS],
                "threshold_pp": VINTAGE_GAP_PP,
                "min_common_years": MIN_COMMON_YEARS,
            },
            description="Era averages of Δln rgdpna and Δln rtfpna over the growth years "
            "both vintages have; a gap in GDP growth above the threshold is material.",
        ),
        notes=_notes(code),
        columns={
            "gdp_new": "GDP growth in PWT 11.0, percent per year",
            "gdp_old": "GDP growth in PWT 10.01, percent per year",
            "rtfpna_new": "growth of PWT 11.0's TFP index rtfpna, percent per year",
            "rtfpna_old": "growth of PWT 10.01's TFP index rtfpna, percent per year",
            "gdp_gap": "gdp_new − gdp_old, percentage points",
        },
        economy=code,
        country=_names()[code],
        frame=_comparison(code).copy(),
    )


@cache
def _notes(code: str) -> tuple[str, ...]:
    frame = _comparison(code)
    if frame.empty:
        return ()
    material = frame[frame["gdp_gap"].abs() > VINTAGE_GAP_PP]
    if material.empty:
        return ()
    country = _names()[code]
    pieces = []
    for _, row in material.iterrows():
        piece = f"{row['era']}: GDP growth {row['gdp_new']:.2f} vs {row['gdp_old']:.2f}"
        if np.isfinite(row["rtfpna_new"]):
            piece += f", PWT's TFP growth {row['rtfpna_new']:.2f} vs {row['rtfpna_old']:.2f}"
        pieces.append(piece)
    cause, further = _CAUSES.get(
        code,
        (
            f"PWT 11.0 and PWT 10.01 measure {country}'s GDP growth differently "
            f"(by more than {VINTAGE_GAP_PP:g} point a year)",
            "",
        ),
    )
    text = (
        f"What the answer rests on: {cause}. "
        + "; ".join(pieces)
        + " % a year (PWT 11.0 vs 10.01)."
    )
    if further:
        text += " " + further
    text += f" `pflab tfp {code} --sensitivity` (sensitivity({code!r})) shows the band."
    return (text,)


def vintage_notes(economy: str) -> tuple[str, ...]:
    """The caveat note for an economy whose PWT vintages disagree (see the module rule).

    Parameters
    ----------
    economy
        ISO code, name or alias.

    Returns
    -------
    tuple of str
        One note, or none when the vintages agree within :data:`VINTAGE_GAP_PP` in every
        compared era or the economy is in one vintage only.
    """
    names = _names()
    if economy not in names:
        try:
            economy = resolve_country(economy, names)
        except LookupFailedError:
            return ()
    return _notes(economy)


@cache
def _names() -> dict[str, str]:
    return load_pwt(_NEW).economies
