"""``pflab history``: GDP per head and population over the long run, and catch-up."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pflab.cli import app
from pflab.cli._common import (
    FORMAT,
    OUT,
    PLOT,
    OutputFormat,
    check_out,
    check_plot,
    emit,
    explicit_options,
    reject_options,
    split_list,
)
from pflab.errors import ParameterError

if TYPE_CHECKING:
    from pflab.result import Result

__all__ = ["history"]


class Vintage(StrEnum):
    """Maddison Project Database vintage."""

    v2020 = "2020"
    v2023 = "2023"


@app.command(
    epilog="Example: pflab history CHN,JPN --from 1850 --to 1950 --relative-to leader "
    "--plot meiji-qing.html   (also: pflab history --episodes --plot catch-up.html)"
)
def history(
    economies: str | None = typer.Argument(
        None, help="Comma-separated ISO codes or names, e.g. CHN,JPN (not with --episodes)."
    ),
    start: int | None = typer.Option(None, "--from", help="First year [default: the first]."),
    end: int | None = typer.Option(None, "--to", help="Last year [default: the last]."),
    relative_to: str | None = typer.Option(
        None,
        "--relative-to",
        help="Show GDP per head as percent of: leader (the highest of --leaders each year), "
        "or an economy, e.g. USA, GBR, CHN.",
    ),
    leaders: str = typer.Option(
        "USA,GBR",
        "--leaders",
        help="The named set the leader is the highest of (not the world maximum).",
    ),
    levels: str | None = typer.Option(
        None,
        "--levels",
        help="Catch-up levels, percent of the reference, e.g. 10,20,40,60: the years each "
        "economy took from one to the next.",
    ),
    episodes: bool = typer.Option(
        False,
        "--episodes",
        help="The standard episodes: China and Japan 1850-1950, Japan, Korea and Taiwan "
        "after 1950, China after 1978 (relative to the leader unless --relative-to).",
    ),
    vintage: Vintage = typer.Option(
        Vintage.v2020, "--vintage", help="Maddison Project Database 2020 (to 2018) or 2023."
    ),
    variables: str = typer.Option(
        "gdppc,pop",
        "--variables",
        help="gdppc (GDP per head, 2011 int. $) and/or pop (thousands); plain record only.",
    ),
    fmt: OutputFormat = FORMAT,
    plot: Path | None = PLOT,
    out: Path | None = OUT,
) -> None:
    """GDP per head and population (Maddison Project Database), relative to a leader or
    another economy, and the years catch-up took; gaps stay gaps (no interpolation)."""
    plot = check_plot(plot)
    out = check_out(out)
    from pflab import world as lib

    level_list = [_number(v, "levels") for v in split_list(levels, "levels")]
    leader_list = split_list(leaders, "leaders")
    if episodes:
        reject_options(["start", "end", "variables"], "--episodes")
        if economies is not None:
            raise ParameterError("episodes", "takes no economies; it uses the standard set")
        result: Result = lib.catch_up(
            lib.EPISODES,
            relative_to=relative_to or "leader",
            leaders=leader_list,
            levels=level_list or lib.DEFAULT_LEVELS,
            vintage=vintage.value,
        )
    elif economies is None:
        raise ParameterError("economies", "name one or more economies, e.g. CHN,JPN")
    elif level_list:
        reject_options(["variables"], "--levels")
        codes = split_list(economies, "economies")
        result = lib.catch_up(
            [lib.Episode(c, start, end) for c in codes],
            relative_to=relative_to or "leader",
            leaders=leader_list,
            levels=level_list,
            vintage=vintage.value,
        )
    elif relative_to is not None:
        reject_options(["variables"], "--relative-to")
        result = lib.relative_income(
            split_list(economies, "economies"),
            relative_to=relative_to,
            leaders=leader_list,
            start=start,
            end=end,
            vintage=vintage.value,
        )
    else:
        if "leaders" in explicit_options():
            raise ParameterError(
                "leaders", "applies with --relative-to leader, --levels or --episodes"
            )
        result = lib.history(
            split_list(economies, "economies"),
            start=start,
            end=end,
            vintage=vintage.value,
            variables=split_list(variables, "variables"),
        )

    def figure() -> object:
        from pflab.report.world import history_figure, relative_income_figure

        if isinstance(result, lib.LongRunRecord):
            return history_figure(result)
        assert isinstance(result, lib.RelativeIncome | lib.CatchUp)
        return relative_income_figure(result)

    emit(result, fmt, out=out, plot=plot, figure=figure)


def _number(text: str, parameter: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ParameterError(parameter, f"{text!r} is not a number") from None
