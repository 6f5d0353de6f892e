"""GDP per head and population over the long run (Maddison Project Database)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pflab.data.world_embedded import load_maddison
from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.world.longrun import (
    LABELS,
    UNITS,
    country_sources,
    coverage_notes,
    gap_rows,
    general_notes,
    matched_sources,
    precision_text,
    resolve_economies,
    source_records,
    window,
)
from pflab.world.results import LongRunRecord

__all__ = ["VARIABLES", "history"]

#: The MPD variables.
VARIABLES = ("gdppc", "pop")

_COLUMNS = {
    "economy": "ISO code",
    "country": "name (MPD 2020 workbook)",
    "variable": "gdppc (GDP per head) or pop (population)",
    "year": "calendar year",
    "value": "gdppc: 2011 international dollars per person (PPP); pop: thousand persons",
    "unit": "unit of value",
    "vintage": "MPD vintage",
    "source": "the database",
    "country_source": "MPD's country source whose span covers the year (empty: none listed)",
    "precision": "what is known of the estimate's precision",
    "first": "first year of a run without a value",
    "last": "last year of a run without a value",
    "years": "length of the run, years",
}


def history(
    economies: str | Sequence[str],
    *,
    start: int | None = None,
    end: int | None = None,
    vintage: str | int = "2020",
    variables: Sequence[str] = VARIABLES,
) -> LongRunRecord:
    """GDP per head and population of economies over a span of years.

    Parameters
    ----------
    economies
        ISO codes, names or aliases (``["CHN", "Japan"]`` or ``"CHN,JPN"``).
    start, end
        First and last year (default: the first and last year with any value).
    vintage
        ``"2020"`` (MPD 2020, to 2018; default) or ``"2023"`` (MPD 2023, to 2022).
    variables
        ``"gdppc"`` (GDP per head, 2011 international $), ``"pop"`` (thousands).

    Returns
    -------
    LongRunRecord
        Tidy rows with ``value``, ``year``, ``source``, ``country_source`` and
        ``precision``; years without an estimate have no row and are listed in
        ``gaps`` and the notes — nothing is interpolated.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown economy.
    pflab.errors.ParameterError
        For an unknown vintage or variable, or ``end`` before ``start``.

    Examples
    --------
    >>> history("CHN,JPN", start=1870, end=1870).row(1870, "JPN")["value"]
    1580.0
    """
    unknown = [v for v in variables if v not in VARIABLES]
    if unknown or not variables:
        raise ParameterError(
            "variables", f"{unknown or 'none'}; expected some of {', '.join(VARIABLES)}"
        )
    data = load_maddison(vintage)
    codes = resolve_economies(economies, data)
    frame = data.frame[data.frame["economy"].isin(codes)]
    long = frame.melt(
        id_vars=["economy", "country", "year"],
        value_vars=list(variables),
        var_name="variable",
        value_name="value",
    ).dropna(subset=["value"])
    first, last = window(long, start, end, f"MPD {data.vintage} for {', '.join(codes)}")
    long = long[long["year"].between(first, last)]
    sources = country_sources(data, codes, first, last)
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    parts, gaps, notes = [], [], []
    for code in codes:
        for variable in variables:
            rows = long[(long["economy"] == code) & (long["variable"] == variable)]
            rows = rows.sort_values("year")
            observed = set(frame.loc[frame["economy"] == code].dropna(subset=[variable])["year"])
            gaps += gap_rows(code, variable, rows["year"], first, last)
            notes += coverage_notes(code, names[code], variable, rows["year"], first, last)
            if rows.empty:
                continue
            rows = rows.assign(
                unit=UNITS[variable],
                vintage=data.vintage,
                source=f"Maddison Project Database {data.vintage}",
                country_source=(
                    matched_sources(sources, code, rows["year"])
                    if variable == "gdppc"
                    else [""] * len(rows)
                ),
                precision=precision_text(rows["year"], {int(y) for y in observed}),
            )
            parts.append(rows)
    columns = ["economy", "country", "variable", "year", "value", "unit", "vintage", "source",
               "country_source", "precision"]  # fmt: skip
    out = (
        pd.concat(parts, ignore_index=True)[columns]
        if parts
        else pd.DataFrame(columns=columns).astype({"year": "int64", "value": "float64"})
    )
    out["year"] = out["year"].astype("int64")
    gap_frame = pd.DataFrame(gaps, columns=["economy", "variable", "first", "last", "years"])
    what = " and ".join(LABELS[v] for v in variables)
    countries = "; ".join(names[c] for c in codes)  # names may hold commas
    return LongRunRecord(
        title=f"{what[0].upper()}{what[1:]}, {countries}, {first}–{last} (MPD {data.vintage})",
        provenance=Provenance(
            method="history",
            sources=source_records(data, sources),
            parameters={
                "economies": codes,
                "start": first,
                "end": last,
                "vintage": data.vintage,
                "variables": list(variables),
            },
            description="Estimates as published by the Maddison Project; no interpolation.",
        ),
        notes=tuple(
            [
                "GDP per head in 2011 international dollars (PPP); population in thousands.",
                *notes,
                *general_notes(data),
            ]
        ),
        columns=_COLUMNS,
        frame=out,
        gaps=gap_frame,
        sources=sources,
        vintage=data.vintage,
    )
