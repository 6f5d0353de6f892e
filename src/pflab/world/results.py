"""Results of :mod:`pflab.world`: world shares, the long-run record, catch-up.

Every main table has the columns a claims ledger reads — ``value``, ``year``,
``source`` and ``precision`` — beside the economy and the measure's own columns, so
one call answers one claim: ``world_share("CHN", "mva", years=2021).row(2021)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pflab.errors import ParameterError
from pflab.result import Column, Result, View

__all__ = ["CatchUp", "LongRunRecord", "RelativeIncome", "WorldShares"]


_GAP_COLUMNS = (
    Column("economy", "Economy"),
    Column("variable", "Series"),
    Column("first", "From", "d"),
    Column("last", "To", "d"),
    Column("years", "Years", "d"),
)
_LEADER_COLUMNS = (
    Column("leader", "Leader"),
    Column("first", "From", "d"),
    Column("last", "To", "d"),
)
_GAP_TITLE = "Years with no estimate (not interpolated)"


def _row(frame: pd.DataFrame, year: int, economy: str | None) -> pd.Series:
    rows = frame[frame["year"] == int(year)]
    if economy is not None:
        rows = rows[rows["economy"] == economy.upper()]
    if rows.empty:
        have = ", ".join(str(y) for y in sorted(set(frame["year"])))
        raise ParameterError("year", f"no row for {economy or 'any economy'} in {year}; has {have}")
    if len(rows) > 1:
        raise ParameterError(
            "economy", f"{len(rows)} rows in {year}; name one of {', '.join(rows['economy'])}"
        )
    return rows.iloc[0]


@dataclass(frozen=True, kw_only=True)
class WorldShares(Result):
    """Economies' shares of a world total by year (see :func:`pflab.world.world_share`).

    Attributes
    ----------
    frame
        One row per economy and year: ``economy``, ``country``, ``measure``,
        ``product``, ``product_name``, ``year``, ``value`` (share, percent, rounded to
        the digits the data hold), ``text`` (e.g. ``"30.4 %"``), ``interval``, ``low``,
        ``high`` (the exact range the rounded inputs allow, percent), ``ratio`` (the
        file's numbers divided, unrounded), ``decimals``, ``economy_value``,
        ``world_value`` (US$ billion), ``flag``, ``precision``, ``source``.
    measure
        ``"mva"`` or ``"exports"``.
    """

    frame: pd.DataFrame
    measure: str

    def tables(self) -> dict[str, pd.DataFrame]:
        """``shares``: the frame."""
        return {"shares": self.frame.copy()}

    def views(self) -> list[View]:
        """Economy, year, share as the data allow, interval, values, flag."""
        several = self.frame["economy"].nunique() > 1
        mva = self.measure == "mva"
        columns = [
            *([Column("economy", "Economy")] if several else []),
            Column("year", "Year", "d"),
            Column("text", "Share of world"),
            Column("interval", "Range the digits allow"),
            # WDI's large values hold 3 significant digits: whole billions at most
            Column("economy_value", "Economy, US$ bn", ",.0f" if mva else ",.1f"),
            Column("world_value", "World, US$ bn", ",.0f" if mva else ",.1f"),
            Column("flag", "Flag"),
        ]
        return [View("shares", columns)]

    def row(self, year: int, economy: str | None = None) -> pd.Series:
        """The row of one year (and economy, when the result holds several)."""
        return _row(self.frame, year, economy)


@dataclass(frozen=True, kw_only=True)
class LongRunRecord(Result):
    """GDP per head and population from one MPD vintage (see :func:`pflab.world.history`).

    Attributes
    ----------
    frame
        Tidy: ``economy``, ``country``, ``variable`` (``gdppc``, ``pop``), ``year``,
        ``value``, ``unit``, ``vintage``, ``source``, ``country_source``,
        ``precision``. Years without a value have no row (see ``gaps``).
    gaps
        ``economy``, ``variable``, ``first``, ``last``, ``years``: runs of years inside
        the window with no value.
    sources
        The per-country sources whose spans meet the window.
    """

    frame: pd.DataFrame
    gaps: pd.DataFrame
    sources: pd.DataFrame
    vintage: str

    def wide(self) -> pd.DataFrame:
        """One row per year, a column per variable and economy (``gdppc_CHN``, …)."""
        frame = self.frame
        if frame.empty:
            return pd.DataFrame({"year": pd.Series(dtype="int64")})
        wide = frame.pivot_table(
            index="year", columns=["variable", "economy"], values="value", aggfunc="first"
        )
        order = [
            (v, e)
            for v in dict.fromkeys(frame["variable"])
            for e in dict.fromkeys(frame["economy"])
            if (v, e) in wide.columns
        ]
        wide = wide[order]
        wide.columns = [f"{v}_{e}" for v, e in order]
        return wide.reset_index()

    def tables(self) -> dict[str, pd.DataFrame]:
        """``series`` (tidy), ``wide``, ``gaps``, ``sources``."""
        return {
            "series": self.frame.copy(),
            "wide": self.wide(),
            "gaps": self.gaps.copy(),
            "sources": self.sources.copy(),
        }

    def views(self) -> list[View]:
        """The wide table and the gaps."""
        labels = {"gdppc": "GDP/head", "pop": "pop. (000)"}
        wide = self.wide()
        columns = [Column("year", "Year", "d")]
        for name in wide.columns[1:]:
            variable, economy = str(name).split("_", 1)
            columns.append(Column(str(name), f"{economy} {labels.get(variable, variable)}", ",.0f"))
        views = [View("wide", columns)]
        if not self.gaps.empty:
            views.append(View("gaps", _GAP_COLUMNS, title=_GAP_TITLE))
        return views

    def row(self, year: int, economy: str | None = None, variable: str = "gdppc") -> pd.Series:
        """The value of one variable in one year (and economy)."""
        return _row(self.frame[self.frame["variable"] == variable], year, economy)


@dataclass(frozen=True, kw_only=True)
class RelativeIncome(Result):
    """GDP per head relative to a reference (see :func:`pflab.world.relative_income`).

    Attributes
    ----------
    frame
        ``economy``, ``country``, ``year``, ``gdppc``, ``reference`` (the economy
        compared with in that year), ``reference_gdppc``, ``value`` (percent of the
        reference), ``vintage``, ``source``, ``precision``. Rows only where both values
        exist.
    gaps
        Runs of years inside the window where the economy or the reference has none.
    leaders
        With ``relative_to="leader"``: which economy of the named set led, and when.
    sources
        The per-country sources whose spans meet the window.
    reference_label
        E.g. ``"the leader (higher of USA, GBR)"`` or ``"USA"``.
    """

    frame: pd.DataFrame
    gaps: pd.DataFrame
    leaders: pd.DataFrame
    sources: pd.DataFrame
    reference_label: str
    vintage: str

    def wide(self) -> pd.DataFrame:
        """One row per year: the reference and each economy's percent of it."""
        if self.frame.empty:
            return pd.DataFrame({"year": pd.Series(dtype="int64")})
        wide = self.frame.pivot_table(
            index="year", columns="economy", values="value", aggfunc="first"
        )
        wide = wide[[e for e in dict.fromkeys(self.frame["economy"]) if e in wide.columns]]
        wide.columns = [str(c) for c in wide.columns]
        reference = self.frame.groupby("year")["reference"].first()
        return wide.assign(reference=reference).reset_index()

    def tables(self) -> dict[str, pd.DataFrame]:
        """``relative`` (tidy), ``wide``, ``gaps``, ``leaders``, ``sources``."""
        return {
            "relative": self.frame.copy(),
            "wide": self.wide(),
            "gaps": self.gaps.copy(),
            "leaders": self.leaders.copy(),
            "sources": self.sources.copy(),
        }

    def views(self) -> list[View]:
        """Percent of the reference by year, the leaders and the gaps."""
        wide = self.wide()
        columns = [Column("year", "Year", "d"), Column("reference", "Reference")]
        columns += [Column(str(c), f"{c}, % of ref.", ",.1f") for c in wide.columns[1:-1]]
        views = [View("wide", columns)]
        if not self.leaders.empty:
            views.append(View("leaders", _LEADER_COLUMNS, title="Which economy led"))
        if not self.gaps.empty:
            views.append(View("gaps", _GAP_COLUMNS, title=_GAP_TITLE))
        return views

    def row(self, year: int, economy: str | None = None) -> pd.Series:
        """The row of one year (and economy)."""
        return _row(self.frame, year, economy)


@dataclass(frozen=True, kw_only=True)
class CatchUp(Result):
    """Catch-up episodes: years from one relative level to the next (see :func:`catch_up`).

    Attributes
    ----------
    frame
        One row per episode and pair of levels: ``economy``, ``country``, ``episode``,
        ``start``, ``end``, ``from_level``, ``to_level`` (percent of the reference),
        ``from_year`` / ``to_year`` (first observed year at or above the level),
        ``from_earliest`` / ``to_earliest`` (the earliest year the crossing may have
        happened, after a gap in the series), ``value`` (years taken,
        ``to_year − from_year``), ``years_min``, ``years_max``, ``year`` (=
        ``to_year``), ``status``, ``precision``, ``vintage``, ``source``.
    relative
        The relative series of every episode's economy over the whole span.
    paths
        Per episode: the relative level at its first and last observation, the peak,
        the change (percentage points) and the number of gaps.
    gaps, sources, leaders
        As in :class:`RelativeIncome`.
    levels
        The levels, percent of the reference.
    episodes
        ``(economy, start, end, label)`` of each episode.
    """

    frame: pd.DataFrame
    relative: pd.DataFrame
    paths: pd.DataFrame
    gaps: pd.DataFrame
    leaders: pd.DataFrame
    sources: pd.DataFrame
    levels: tuple[float, ...]
    episodes: tuple[tuple[str, int | None, int | None, str], ...]
    reference_label: str
    vintage: str

    def tables(self) -> dict[str, pd.DataFrame]:
        """``episodes``, ``paths``, ``relative``, ``gaps``, ``leaders``, ``sources``."""
        return {
            "episodes": self.frame.copy(),
            "paths": self.paths.copy(),
            "relative": self.relative.copy(),
            "gaps": self.gaps.copy(),
            "leaders": self.leaders.copy(),
            "sources": self.sources.copy(),
        }

    def views(self) -> list[View]:
        """Episodes with the years taken and their bounds."""
        columns = [
            Column("episode", "Episode"),
            Column("from_level", "From %", ".0f"),
            Column("to_level", "To %", ".0f"),
            Column("from_year", "Reached from", "d"),
            Column("to_year", "Reached to", "d"),
            Column("value", "Years", ".0f"),
            Column("status", "Status"),
        ]
        paths = [
            Column("episode", "Episode"),
            Column("first_year", "First", "d"),
            Column("first_level", "% of ref.", ".1f"),
            Column("last_year", "Last", "d"),
            Column("last_level", "% of ref.", ".1f"),
            Column("peak_year", "Peak", "d"),
            Column("peak_level", "% of ref.", ".1f"),
            Column("change", "Change, pp", "+.1f"),
            Column("gaps", "Gaps", "d"),
        ]
        views = [
            View("episodes", columns),
            View("paths", paths, title="Relative level at the start, end and peak of each episode"),
        ]
        if not self.leaders.empty:
            views.append(View("leaders", _LEADER_COLUMNS, title="Which economy led"))
        return views

    def relative_income(self) -> RelativeIncome:
        """The relative series behind the episodes, as a :class:`RelativeIncome`."""
        return RelativeIncome(
            title=f"GDP per head relative to {self.reference_label}",
            provenance=self.provenance,
            notes=self.notes,
            columns=self.columns,
            frame=self.relative.copy(),
            gaps=self.gaps.copy(),
            leaders=self.leaders.copy(),
            sources=self.sources.copy(),
            reference_label=self.reference_label,
            vintage=self.vintage,
        )
