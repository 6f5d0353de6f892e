"""Catch-up: GDP per head relative to a leader, and the years between relative levels.

The relative level of economy :math:`e` in year :math:`t` is

.. math::  r_{e,t} = 100 \\cdot y_{e,t} / y^{*}_{t},

with :math:`y` GDP per head (MPD, 2011 international $) and :math:`y^{*}` either a
chosen economy's or the **leader's**: the highest GDP per head among a *named* set
(default USA and GBR) in that year — not the world maximum, which is often an oil
state. The leader is defined only in years where every economy of the set has an
estimate; other years are gaps, never filled.

A catch-up episode from level :math:`a` to level :math:`b` (percent) runs from the
first observed year at or above :math:`a` (on or after the episode's start) to the
first observed year at or above :math:`b` after that. Where the series has a gap
before a crossing, the crossing happened somewhere after the last observation below
the level: ``from_earliest`` / ``to_earliest`` give that bound, and ``years_min`` /
``years_max`` the range of years it may have taken. Nothing is interpolated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from pflab.data.countries import resolve_country
from pflab.data.maddison import MaddisonData
from pflab.data.world_embedded import load_maddison
from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.world.longrun import (
    country_sources,
    coverage_notes,
    gap_rows,
    general_notes,
    precision_text,
    resolve_economies,
    source_records,
    window,
)
from pflab.world.results import CatchUp, RelativeIncome
from pflab.world.years import spans

__all__ = [
    "DEFAULT_LEADERS",
    "DEFAULT_LEVELS",
    "EPISODES",
    "PERIODS",
    "Episode",
    "catch_up",
    "leader_series",
    "level_crossings",
    "relative_income",
]

#: The leader is the highest GDP per head among these (not the world maximum).
DEFAULT_LEADERS: tuple[str, ...] = ("USA", "GBR")
#: Relative levels (percent of the reference) between which catch-up is timed.
DEFAULT_LEVELS: tuple[float, ...] = (10.0, 20.0, 40.0, 60.0)


@dataclass(frozen=True)
class Episode:
    """An economy over a span of years (``None``: the data's first or last year)."""

    economy: str
    start: int | None = None
    end: int | None = None
    label: str = ""


#: Meiji Japan and late-Qing China side by side, and the later East Asian catch-ups.
EPISODES: tuple[Episode, ...] = (
    Episode("CHN", 1850, 1950, "China 1850–1950 (late Qing, Republic)"),
    Episode("JPN", 1850, 1950, "Japan 1850–1950 (Meiji and after)"),
    Episode("JPN", 1950, None, "Japan after 1950"),
    Episode("KOR", 1950, None, "Korea after 1950"),
    Episode("TWN", 1950, None, "Taiwan after 1950"),
    Episode("CHN", 1978, None, "China after 1978"),
)

#: Periods marked on catch-up charts: (name, first year, last year or None).
PERIODS: tuple[tuple[str, int, int | None], ...] = (
    ("Self-Strengthening Movement", 1861, 1895),
    ("Meiji era", 1868, 1912),
    ("China's reform and opening", 1978, None),
)

_COLUMNS = {
    "economy": "ISO code",
    "country": "name (MPD 2020 workbook)",
    "year": "calendar year",
    "gdppc": "GDP per head, 2011 international dollars (PPP)",
    "reference": "economy compared with in that year (the leader, or the chosen economy)",
    "reference_gdppc": "the reference's GDP per head, 2011 international dollars",
    "value": "GDP per head as percent of the reference (relative); years taken (episodes)",
    "vintage": "MPD vintage",
    "source": "the database",
    "precision": "what is known of the estimate's precision",
    "episode": "the economy and span searched",
    "start": "first year searched",
    "end": "last year searched",
    "from_level": "lower relative level, percent of the reference",
    "to_level": "upper relative level, percent of the reference",
    "from_year": "first observed year at or above from_level (on or after start)",
    "to_year": "first observed year at or above to_level (on or after from_year)",
    "from_earliest": "earliest year the from_level crossing may have happened (gap before it)",
    "to_earliest": "earliest year the to_level crossing may have happened (gap before it)",
    "years_min": "fewest years the climb may have taken, given the gaps",
    "years_max": "most years the climb may have taken, given the gaps",
    "status": "reached, or why not",
}


def _reference_label(relative_to: str, leaders: Sequence[str]) -> str:
    if relative_to == "leader":
        return f"the leader (highest of {', '.join(leaders)})"
    return relative_to


def leader_series(gdppc: pd.DataFrame, leaders: Sequence[str]) -> pd.DataFrame:
    """The leader in each year: the highest GDP per head among ``leaders``.

    Parameters
    ----------
    gdppc
        Long frame with ``economy``, ``year``, ``gdppc`` (other economies are ignored).
    leaders
        The named set; a year counts only when every one of them has a value.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``reference`` (the leading economy), ``reference_gdppc``.
    """
    chosen = gdppc[gdppc["economy"].isin(list(leaders))].dropna(subset=["gdppc"])
    wide = chosen.pivot(index="year", columns="economy", values="gdppc")
    complete = wide.reindex(columns=list(leaders)).dropna()
    return pd.DataFrame(
        {
            "year": complete.index.astype("int64"),
            "reference": complete.idxmax(axis=1).astype(str).to_numpy(),
            "reference_gdppc": complete.max(axis=1).to_numpy(),
        }
    )


def _reference(
    data: MaddisonData, relative_to: str, leaders: Sequence[str], first: int, last: int
) -> tuple[pd.DataFrame, list[dict[str, object]], list[str], pd.DataFrame, list[str]]:
    """The reference series (year, reference, reference_gdppc), its gaps, notes, leaders."""
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    gdppc = data.frame.dropna(subset=["gdppc"])
    gdppc = gdppc[gdppc["year"].between(first, last)]
    empty_leaders = pd.DataFrame(columns=["leader", "first", "last"])
    if relative_to != "leader":
        code = resolve_country(relative_to, names)
        rows = gdppc[gdppc["economy"] == code]
        ref = pd.DataFrame(
            {"year": rows["year"], "reference": code, "reference_gdppc": rows["gdppc"]}
        )
        gaps = gap_rows(code, "reference", ref["year"], first, last)
        notes = coverage_notes(code, names[code], "gdppc", ref["year"], first, last)
        return ref.reset_index(drop=True), gaps, notes, empty_leaders, [code]
    codes = [resolve_country(c, names) for c in leaders]
    if not codes:
        raise ParameterError("leaders", "name at least one economy")
    ref = leader_series(gdppc, codes)
    wide = gdppc[gdppc["economy"].isin(codes)].pivot(
        index="year", columns="economy", values="gdppc"
    )
    wide = wide.reindex(columns=codes)
    gaps = gap_rows("leader", "reference", ref["year"], first, last)
    notes = [
        f"The leader is the highest GDP per head of {', '.join(codes)} in each year (not the "
        "world maximum); it is undefined in a year where one of them has no estimate."
    ]
    for code in codes:
        notes += coverage_notes(code, names[code], "gdppc", wide[code].dropna().index, first, last)
    runs: list[dict[str, object]] = []
    for year, leader in zip(ref["year"], ref["reference"], strict=True):
        if runs and runs[-1]["leader"] == leader and runs[-1]["last"] == year - 1:
            runs[-1]["last"] = int(year)
        else:
            runs.append({"leader": leader, "first": int(year), "last": int(year)})
    return ref, gaps, notes, pd.DataFrame(runs, columns=["leader", "first", "last"]), codes


def _relative(
    data: MaddisonData,
    codes: list[str],
    relative_to: str,
    leaders: Sequence[str],
    start: int | None,
    end: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str], list[str], int, int]:
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    chosen = data.frame[data.frame["economy"].isin(codes)].dropna(subset=["gdppc"])
    first, last = window(chosen, start, end, f"MPD {data.vintage} for {', '.join(codes)}")
    ref, gaps, notes, leader_runs, ref_codes = _reference(data, relative_to, leaders, first, last)
    parts = []
    for code in codes:
        own = chosen[(chosen["economy"] == code) & chosen["year"].between(first, last)]
        gaps += gap_rows(code, "gdppc", own["year"], first, last)
        notes += coverage_notes(code, names[code], "gdppc", own["year"], first, last)
        rows = own.merge(ref, on="year", how="inner")
        if rows.empty:
            continue
        observed = {int(y) for y in chosen.loc[chosen["economy"] == code, "year"]}
        rows = rows.assign(
            value=100.0 * rows["gdppc"] / rows["reference_gdppc"],
            vintage=data.vintage,
            source=f"Maddison Project Database {data.vintage}",
            precision=[
                p.replace("MPD estimate", "ratio of two MPD estimates")
                for p in precision_text(rows["year"], observed)
            ],
        )
        parts.append(rows)
    columns = ["economy", "country", "year", "gdppc", "reference", "reference_gdppc", "value",
               "vintage", "source", "precision"]  # fmt: skip
    frame = (
        pd.concat(parts, ignore_index=True)[columns]
        if parts
        else pd.DataFrame(columns=columns).astype({"year": "int64", "value": "float64"})
    )
    gap_frame = pd.DataFrame(gaps, columns=["economy", "variable", "first", "last", "years"])
    return frame, gap_frame, leader_runs, notes, [*codes, *ref_codes], first, last


def relative_income(
    economies: str | Sequence[str],
    *,
    relative_to: str = "leader",
    leaders: Sequence[str] = DEFAULT_LEADERS,
    start: int | None = None,
    end: int | None = None,
    vintage: str | int = "2020",
) -> RelativeIncome:
    """GDP per head as a percent of the leader's or of a chosen economy's, by year.

    Parameters
    ----------
    economies
        ISO codes, names or aliases (``"CHN,JPN"`` or a list).
    relative_to
        ``"leader"`` (highest of ``leaders`` in each year; default) or an economy
        (``"USA"``, ``"GBR"``, ``"CHN"`` …).
    leaders
        The named set the leader is chosen from (default USA and GBR).
    start, end
        Years (default: the economies' first and last estimate).
    vintage
        ``"2020"`` (default) or ``"2023"``.

    Returns
    -------
    RelativeIncome
        Rows only where the economy and the reference both have an estimate; the gaps
        are listed, never filled.

    Examples
    --------
    >>> round(relative_income("JPN", relative_to="CHN", start=1913, end=1913)
    ...       .row(1913)["value"])
    247
    """
    data = load_maddison(vintage)
    codes = resolve_economies(economies, data)
    frame, gaps, leader_runs, notes, cited, first, last = _relative(
        data, codes, relative_to, leaders, start, end
    )
    sources = country_sources(data, list(dict.fromkeys(cited)), first, last)
    label = _reference_label(relative_to if relative_to == "leader" else cited[-1], leaders)
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    return RelativeIncome(
        title=f"GDP per head relative to {label}: {'; '.join(names[c] for c in codes)}, "
        f"{first}–{last} (MPD {data.vintage})",
        provenance=Provenance(
            method="relative_income",
            sources=source_records(data, sources),
            parameters={
                "economies": codes,
                "relative_to": relative_to,
                "leaders": list(leaders) if relative_to == "leader" else [],
                "start": first,
                "end": last,
                "vintage": data.vintage,
            },
            description="100 × GDP per head / the reference's GDP per head in the same year.",
        ),
        notes=tuple(
            [
                "Percent of the reference's GDP per head in the same year.",
                *notes,
                *general_notes(data),
            ]
        ),
        columns=_COLUMNS,
        frame=frame,
        gaps=gaps,
        leaders=leader_runs,
        sources=sources,
        reference_label=label,
        vintage=data.vintage,
    )


def _episodes(items: Sequence[Episode | str], data: MaddisonData) -> list[Episode]:
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    out = []
    for item in items:
        episode = item if isinstance(item, Episode) else Episode(str(item))
        code = resolve_country(episode.economy, names)
        if episode.start is not None and episode.end is not None and episode.end < episode.start:
            raise ParameterError("episodes", f"{episode}: ends before it starts")
        label = episode.label or (
            f"{names[code]} {episode.start or ''}–{episode.end or ''}".rstrip("–").strip()
        )
        out.append(Episode(code, episode.start, episode.end, label))
    if not out:
        raise ParameterError("episodes", "no episode given")
    return out


def _crossing(rows: pd.DataFrame, level: float, after: int) -> tuple[int, int | None] | None:
    """(first observed year ≥ ``after`` at or above ``level``, earliest possible year)."""
    hits = rows[(rows["year"] >= after) & (rows["value"] >= level)]
    if hits.empty:
        return None
    year = int(hits["year"].iloc[0])
    before = rows[rows["year"] < year]
    if before.empty:
        return year, None  # at or above from the first observation: when is unknown
    return year, int(before["year"].iloc[-1]) + 1


def level_crossings(
    rows: pd.DataFrame, levels: Sequence[float], last_year: int
) -> list[dict[str, object]]:
    """Years between consecutive relative levels in one series (pure; no loading).

    Parameters
    ----------
    rows
        ``year`` and ``value`` (percent of the reference), the observed years only,
        sorted; the first row is the episode's first observation.
    levels
        Increasing levels, percent.
    last_year
        The last year searched (named in "not reached by …").

    Returns
    -------
    list of dict
        Per consecutive pair: ``from_level``, ``to_level``, ``from_year``,
        ``from_earliest``, ``to_year``, ``to_earliest``, ``value`` (years taken),
        ``years_min``, ``years_max``, ``status``, ``precision`` (missing: ``pd.NA``).
    """
    out: list[dict[str, object]] = []
    start = int(rows["year"].iloc[0]) if not rows.empty else last_year
    for low, high in pairwise(levels):
        record: dict[str, object] = {
            "from_level": low,
            "to_level": high,
            "from_year": pd.NA,
            "from_earliest": pd.NA,
            "to_year": pd.NA,
            "to_earliest": pd.NA,
            "value": pd.NA,
            "years_min": pd.NA,
            "years_max": pd.NA,
        }
        first = _crossing(rows, low, start) if not rows.empty else None
        record["precision"] = ""
        if first is None:
            record["status"] = f"{low:g} % not reached by {last_year}"
            out.append(record)
            continue
        record["from_year"], record["from_earliest"] = first[0], first[1] or pd.NA
        at_start = first[1] is None
        begun = (
            f"at or above {low:g} % from the start ({first[0]})"
            if at_start
            else f"{low:g} % reached in {first[0]}"
        )
        second = _crossing(rows, high, first[0])
        if second is None:
            record["status"] = f"{begun}; {high:g} % not reached by {last_year}"
            out.append(record)
            continue
        record["to_year"], record["to_earliest"] = second[0], second[1] or pd.NA
        if second[1] is None:
            record["status"] = f"at or above {high:g} % from the start ({second[0]})"
            out.append(record)
            continue
        record["value"] = second[0] - first[0]
        record["years_min"] = max(0, second[1] - first[0])
        record["years_max"] = pd.NA if at_start else second[0] - (first[1] or first[0])
        bounded = [
            f"{lvl:g} % crossed in {a}–{b}"
            for lvl, (b, a) in ((low, first), (high, second))
            if a is not None and a != b
        ]
        record["status"] = (
            f"{begun}: years counted from {first[0]}, the climb began earlier"
            if at_start
            else "reached"
        )
        record["precision"] = (
            "; ".join(bounded) + " (gaps in the series)" if bounded else "to the year"
        )
        out.append(record)
    return out


def catch_up(
    episodes: Sequence[Episode | str] = EPISODES,
    *,
    relative_to: str = "leader",
    leaders: Sequence[str] = DEFAULT_LEADERS,
    levels: Sequence[float] = DEFAULT_LEVELS,
    vintage: str | int = "2020",
) -> CatchUp:
    """Years each episode took to climb from one relative level to the next.

    Parameters
    ----------
    episodes
        :class:`Episode` records or economy codes (whole span); default
        :data:`EPISODES`: China and Japan 1850–1950, Japan, Korea and Taiwan after
        1950, China after 1978.
    relative_to, leaders, vintage
        As in :func:`relative_income`.
    levels
        Increasing relative levels, percent of the reference (default 10, 20, 40, 60).

    Returns
    -------
    CatchUp
        One row per episode and pair of consecutive levels, with ``value`` (years
        taken), its bounds where gaps leave the crossing year open, and ``status``;
        a second table ``paths`` … see :class:`pflab.world.results.CatchUp`.
    """
    levels = [float(v) for v in levels]
    if len(levels) < 2 or any(b <= a for a, b in pairwise(levels)):
        raise ParameterError("levels", f"{levels}: expected at least two increasing levels")
    if any(v <= 0 for v in levels):
        raise ParameterError("levels", f"{levels}: levels are percent of the reference, > 0")
    data = load_maddison(vintage)
    chosen = _episodes(episodes, data)
    codes = list(dict.fromkeys(e.economy for e in chosen))
    starts = [e.start for e in chosen]
    ends = [e.end for e in chosen]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    end = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    relative, gaps, leader_runs, notes, cited, first, last = _relative(
        data, codes, relative_to, leaders, start, end
    )
    names = dict(zip(data.frame["economy"], data.frame["country"], strict=True))
    records = []
    for episode in chosen:
        lo = episode.start if episode.start is not None else first
        hi = episode.end if episode.end is not None else last
        rows = relative[
            (relative["economy"] == episode.economy) & relative["year"].between(lo, hi)
        ].sort_values("year")
        for record in level_crossings(rows[["year", "value"]], levels, min(hi, last)):
            records.append(
                {
                    "economy": episode.economy,
                    "country": names[episode.economy],
                    "episode": episode.label,
                    "start": lo,
                    "end": hi,
                    **record,
                }
            )
    frame = pd.DataFrame(records)
    for column in ("from_year", "from_earliest", "to_year", "to_earliest", "value", "years_min",
                   "years_max"):  # fmt: skip
        frame[column] = frame[column].astype("Int64")
    frame["year"] = frame["to_year"]
    frame["vintage"] = data.vintage
    frame["source"] = f"Maddison Project Database {data.vintage}"
    label = _reference_label(relative_to if relative_to == "leader" else cited[-1], leaders)
    sources = country_sources(data, list(dict.fromkeys(cited)), first, last)
    return CatchUp(
        title=f"Catch-up: years between levels of GDP per head relative to {label} "
        f"(MPD {data.vintage})",
        provenance=Provenance(
            method="catch_up",
            sources=source_records(data, sources),
            parameters={
                "episodes": [f"{e.economy} {e.start}-{e.end}" for e in chosen],
                "relative_to": relative_to,
                "leaders": list(leaders) if relative_to == "leader" else [],
                "levels": levels,
                "vintage": data.vintage,
            },
            description="First observed year at or above each relative level; no interpolation.",
        ),
        notes=tuple(
            [
                "A level counts as reached in the first observed year at or above it; where "
                "a gap precedes that year the crossing may be earlier (years_min–years_max).",
                *notes,
                *general_notes(data),
            ]
        ),
        columns=_COLUMNS,
        frame=frame,
        relative=relative,
        paths=_paths(chosen, relative, first, last),
        gaps=gaps,
        leaders=leader_runs,
        sources=sources,
        levels=tuple(levels),
        episodes=tuple((e.economy, e.start, e.end, e.label) for e in chosen),
        reference_label=label,
        vintage=data.vintage,
    )


def _paths(chosen: list[Episode], relative: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Per episode: relative level at its first and last observation, and its peak."""
    rows = []
    for e in chosen:
        lo = e.start if e.start is not None else first
        hi = e.end if e.end is not None else last
        part = relative[(relative["economy"] == e.economy) & relative["year"].between(lo, hi)]
        part = part.sort_values("year")
        if part.empty:
            continue
        peak = part.iloc[int(part["value"].to_numpy().argmax())]
        rows.append(
            {
                "economy": e.economy,
                "episode": e.label,
                "first_year": int(part["year"].iloc[0]),
                "first_level": float(part["value"].iloc[0]),
                "last_year": int(part["year"].iloc[-1]),
                "last_level": float(part["value"].iloc[-1]),
                "peak_year": int(peak["year"]),
                "peak_level": float(peak["value"]),
                "change": float(part["value"].iloc[-1] - part["value"].iloc[0]),
                "observed_years": len(part),
                "gaps": len(spans(set(range(lo, hi + 1)) - set(part["year"]))),
            }
        )
    return pd.DataFrame(rows)
