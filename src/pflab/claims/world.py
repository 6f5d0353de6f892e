"""The claims about China's place in the world: world shares and the catch-up record.

- :func:`world_share_latest` reads :func:`pflab.world.world_share` in the latest year the
  source has (or a given year): the share of world manufacturing value added (WDI) or
  of world exports of a WTO product group, with the range the rounded inputs allow.
- :func:`catch_up_gap` compares two economies' GDP per head over a period with
  :func:`pflab.world.relative_income` (Maddison Project Database, both vintages): the
  difference in their average growth, from the first year to the last year *both* have
  an estimate, in percentage points a year,

  .. math::  g = \\frac{100}{t_1 - t_0} \\ln \\frac{r(t_1)}{r(t_0)},

  with :math:`r(t)` the first economy's GDP per head as a ratio of the second's.
"""

from __future__ import annotations

import math
from typing import Literal

from pflab.claims.base import Context, Measurement, Params

__all__ = ["CatchUpParams", "WorldShareParams", "catch_up_gap", "world_share_latest"]


class WorldShareParams(Params):
    """Parameters of :func:`world_share_latest`."""

    economy: str = "CHN"
    measure: Literal["mva", "exports"] = "mva"
    product: str | None = None
    year: int | None = None


class CatchUpParams(Params):
    """Parameters of :func:`catch_up_gap`: ``economy`` against ``versus`` over the years."""

    economy: str = "JPN"
    versus: str = "CHN"
    start: int
    end: int
    vintages: tuple[str, ...] = ("2020", "2023")
    leaders: tuple[str, ...] = ("USA", "GBR")


def world_share_latest(params: WorldShareParams, context: Context) -> list[Measurement]:
    """An economy's share of a world total in the latest (or a given) year."""
    from pflab.world import world_share

    def compute() -> object:
        return world_share(params.economy, params.measure, product=params.product)

    key = ("world_share", params.economy, params.measure, params.product)
    every = context.cached(key, compute)
    frame = every.frame
    years = sorted(int(y) for y in frame["year"])
    year = params.year if params.year is not None else years[-1]
    row = every.row(year)
    product = "" if params.measure == "mva" else f" --measure exports --product {row['product']}"
    command = f"pflab world {row['economy']}{product} --years {year}"
    notes = [f"Every year: pflab world {row['economy']}{product}."]
    if params.measure == "mva":
        source = "World Bank WDI, manufacturing value added"
        notes.append(
            f"The WDI series embedded ends in {years[-1]}. Value added at current prices and "
            "market exchange rates; gross output is not in WDI."
        )
    else:
        source = f"WTO Stats, exports of {row['product_name']}"
        notes.append(
            f"No data after {years[-1]} are embedded (the WTO file has 1990–2015 every five "
            "years, then 2018). China excludes Hong Kong and Macao, whose re-exports of "
            "mainland goods would otherwise be counted twice."
        )
    rounded = bool(row["interval"])
    return [
        Measurement(
            source=source,
            period=str(year),
            value=float(row["value"]),
            unit="%",
            shown=str(row["text"]),
            low=float(row["low"]) if rounded else None,
            high=float(row["high"]) if rounded else None,
            range_basis="the range the inputs' 3 significant digits allow" if rounded else "",
            notes=tuple(notes),
            command=command,
            sources=every.provenance.sources,
        )
    ]


def catch_up_gap(params: CatchUpParams, context: Context) -> list[Measurement]:
    """Difference in average GDP-per-head growth of two economies, one row per MPD vintage."""
    from pflab.world import relative_income

    out = []
    for vintage in params.vintages:
        relative = relative_income(
            params.economy,
            relative_to=params.versus,
            start=params.start,
            end=params.end,
            vintage=vintage,
        )
        frame = relative.frame.sort_values("year")
        command = (
            f"pflab history {params.economy} --relative-to {params.versus} "
            f"--from {params.start} --to {params.end} --vintage {vintage}"
        )
        label = f"Maddison Project Database {vintage}"
        if len(frame) < 2:
            out.append(
                Measurement.missing(
                    label,
                    f"fewer than two years with estimates of both {params.economy} and "
                    f"{params.versus} in {params.start}–{params.end}",
                    unit="pp a year",
                    command=command,
                )
            )
            continue
        first, last = frame.iloc[0], frame.iloc[-1]
        t0, t1 = int(first["year"]), int(last["year"])
        gap = 100.0 * math.log(float(last["value"]) / float(first["value"])) / (t1 - t0)
        own = {
            code: 100.0 * math.log(float(last[col]) / float(first[col])) / (t1 - t0)
            for code, col in ((params.economy, "gdppc"), (params.versus, "reference_gdppc"))
        }
        leaders = relative_income(
            [params.versus, params.economy],
            relative_to="leader",
            leaders=list(params.leaders),
            start=t0,
            end=t1,
            vintage=vintage,
        ).frame
        lead = []
        for code in (params.versus, params.economy):
            rows = leaders[(leaders["economy"] == code) & leaders["year"].isin([t0, t1])]
            if len(rows) == 2:
                a, b = rows.sort_values("year")["value"]
                lead.append(f"{code} {a:.1f} % → {b:.1f} %")
        notes = [
            f"{params.economy}'s GDP per head was {float(first['value']):.0f} % of "
            f"{params.versus}'s in {t0} and {float(last['value']):.0f} % in {t1}; average growth "
            f"{own[params.economy]:.2f} % a year ({params.economy}) and "
            f"{own[params.versus]:.2f} % ({params.versus}).",
        ]
        if lead:
            notes.append(
                f"Relative to the leader (higher of {', '.join(params.leaders)}), "
                f"{t0} → {t1}: " + "; ".join(lead) + "."
            )
        if t1 < params.end:
            notes.append(
                f"{t1} is the last year before {params.end} with estimates for both: "
                f"{params.versus} has benchmark years only (nothing is interpolated)."
            )
        notes.append(
            "GDP per head (2011 international $) measures income, not industrial or military "
            "power, which the claim also names."
        )
        out.append(
            Measurement(
                source=label,
                period=f"{t0}–{t1}",
                value=gap,
                unit="pp a year",
                shown=f"{gap:+.2f} pp a year",
                notes=tuple(notes),
                command=command,
                sources=relative.provenance.sources,
            )
        )
    return out
