"""Shared plumbing of the long-run record: economies, windows, gaps, country sources.

The Maddison Project asks that the original country sources be cited whenever its
data are charted or fewer than 12 countries are used (:data:`CITATION_POLICY`); every
long-run result therefore carries, besides the vintage's citation, one
:class:`~pflab.provenance.Source` per country source whose span meets the years shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from pflab.data.countries import resolve_country
from pflab.data.maddison import CITATION_POLICY, MaddisonData, short_citation
from pflab.errors import ParameterError
from pflab.provenance import Source
from pflab.world.years import format_spans, spans

__all__ = [
    "UNITS",
    "country_sources",
    "coverage_notes",
    "gap_rows",
    "general_notes",
    "precision_text",
    "resolve_economies",
    "source_records",
    "window",
]

#: Units of the MPD variables.
UNITS = {
    "gdppc": "2011 international dollars per person (PPP)",
    "pop": "thousand persons",
}
LABELS = {"gdppc": "GDP per head", "pop": "population"}


def resolve_economies(economies: str | Sequence[str], data: MaddisonData) -> list[str]:
    """ISO codes of the economies (names, codes, aliases; ``"CHN,JPN"`` is split)."""
    given = economies.split(",") if isinstance(economies, str) else list(economies)
    given = [g.strip() for g in given if str(g).strip()]
    if not given:
        raise ParameterError("economies", "no economy given")
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    return list(dict.fromkeys(resolve_country(g, names) for g in given))


def window(
    frame: pd.DataFrame, start: int | None, end: int | None, what: str = "the data"
) -> tuple[int, int]:
    """The years ``start``–``end`` (default: the frame's first and last year), checked."""
    for name, value in (("start", start), ("end", end)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ParameterError(name, f"{value!r} is not a year")
    if frame.empty:
        raise ParameterError("economies", f"no estimate in {what}")
    first = int(frame["year"].min()) if start is None else start
    last = int(frame["year"].max()) if end is None else end
    if last < first:
        raise ParameterError("end", f"{last} is before the start {first}")
    return first, last


def precision_text(years: pd.Series, observed: set[int]) -> list[str]:
    """Per row: an MPD estimate, and whether it is an isolated benchmark year."""
    out = []
    for y in years:
        text = "MPD estimate (no error band published)"
        if (y - 1) not in observed and (y + 1) not in observed:
            text += "; benchmark year: no estimate in the year before or after"
        out.append(text)
    return out


def gap_rows(
    economy: str, variable: str, observed: Iterable[int], first: int, last: int
) -> list[dict[str, object]]:
    """Runs of years in ``first``–``last`` without a value."""
    have = set(int(y) for y in observed)
    missing = [y for y in range(first, last + 1) if y not in have]
    return [
        {"economy": economy, "variable": variable, "first": a, "last": b, "years": b - a + 1}
        for a, b in spans(missing)
    ]


def coverage_notes(
    economy: str, country: str, variable: str, observed: Iterable[int], first: int, last: int
) -> list[str]:
    """A note when a series has gaps inside the window (nothing is interpolated)."""
    have = sorted(y for y in set(int(v) for v in observed) if first <= y <= last)
    total = last - first + 1
    if len(have) == total:
        return []
    label = LABELS.get(variable, variable)
    if not have:
        return [f"{country} ({economy}): no {label} estimate in {first}–{last}."]
    missing = [y for y in range(first, last + 1) if y not in set(have)]
    longest = max(spans(missing), key=lambda s: (s[1] - s[0], s[0]))
    longest_text = f"{longest[0]}–{longest[1]}" if longest[0] != longest[1] else str(longest[0])
    return [
        f"{country} ({economy}): {label} estimates in {len(have)} of {total} years of "
        f"{first}–{last}: {format_spans(have)}; none in the other years (longest gap "
        f"{longest_text}). Nothing is interpolated."
    ]


def country_sources(
    data: MaddisonData, economies: Sequence[str], first: int, last: int
) -> pd.DataFrame:
    """The per-country sources of ``economies`` whose spans meet ``first``–``last``."""
    table = data.sources
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    lo = table["first"].fillna(-(10**6)).astype("int64")
    hi = table["last"].fillna(10**6).astype("int64")
    keep = table["economy"].isin(list(economies)) & (lo <= last) & (hi >= first)
    out = table[keep].copy()
    out.insert(1, "country", [names.get(e, e) for e in out["economy"]])
    out["short"] = [short_citation(s) for s in out["source"]]
    order = {e: i for i, e in enumerate(economies)}
    out["_order"] = out["economy"].map(order)
    out = out.sort_values(["_order", "first"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


def matched_sources(sources: pd.DataFrame, economy: str, years: Iterable[int]) -> list[str]:
    """Per year: the short citations of the country sources whose span covers it."""
    rows = sources[sources["economy"] == economy]
    lo = rows["first"].fillna(-(10**6)).astype("int64").tolist()
    hi = rows["last"].fillna(10**6).astype("int64").tolist()
    spans_ = list(zip(lo, hi, rows["short"].astype(str).tolist(), strict=True))
    return ["; ".join(dict.fromkeys(s for a, b, s in spans_ if a <= int(y) <= b)) for y in years]


def source_records(data: MaddisonData, sources: pd.DataFrame) -> tuple[Source, ...]:
    """The vintage's citation followed by one record per country source."""
    records = [data.source]
    for r in sources.itertuples(index=False):
        records.append(
            Source(
                name=f"{r.economy}: {r.short}",
                version="",
                citation=str(r.source),
                note=f"source of the MPD {data.vintage} for {r.economy} {r.years}".strip(),
            )
        )
    return tuple(dict.fromkeys(records))


def general_notes(data: MaddisonData) -> list[str]:
    """The citation policy and the vintage's general sources."""
    notes = [CITATION_POLICY]
    notes += [f"MPD {data.vintage} general source: {g}" for g in data.general]
    return notes


__all__ += ["LABELS", "matched_sources"]
