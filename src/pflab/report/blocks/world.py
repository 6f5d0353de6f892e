"""The claims, measured: world shares (WDI, WTO) and the long-run record (Maddison)."""

from __future__ import annotations

from collections.abc import Callable

from pflab.report.charts import chart
from pflab.report.computation import Computation, Requirement, RunContext
from pflab.report.content import Chart
from pflab.report.params import ReportParams
from pflab.result import Result

__all__ = ["CATCH_UP", "EXPORT_SHARES", "MVA_SHARES"]

_WORLD = Requirement("pflab.world", "world_share", "world shares")


def _economies(params: ReportParams) -> list[str]:
    return list(dict.fromkeys([params.economy, *params.peer_list]))


def _mva(params: ReportParams, context: RunContext) -> Result:
    from pflab.world import world_share

    return world_share(_economies(params), "mva")


def _exports(params: ReportParams, context: RunContext) -> Result:
    from pflab.world import world_share

    return world_share(_economies(params), "exports", product="MA")


def _share_charts(key: str, units: str) -> Callable[[Result, ReportParams], tuple[Chart, ...]]:
    def charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
        from pflab.report.world import world_share_figure
        from pflab.world import WorldShares

        assert isinstance(result, WorldShares)
        return (chart(key, world_share_figure(result), result, table="shares", units=units),)

    return charts


def _catch_up(params: ReportParams, context: RunContext) -> Result:
    from pflab.world import catch_up

    return catch_up()


def _catch_up_charts(result: Result, params: ReportParams) -> tuple[Chart, ...]:
    from pflab.report.world import relative_income_figure
    from pflab.world import CatchUp

    assert isinstance(result, CatchUp)
    return (
        chart(
            "world-catch-up",
            relative_income_figure(result),
            result,
            table="relative",
            units="GDP per head, percent of the leader's (2011 international $)",
        ),
    )


MVA_SHARES = Computation(
    key="world/mva",
    heading="Share of world manufacturing value added",
    fields=("economy", "peers"),
    run=_mva,
    charts=_share_charts("world-mva", "percent of world manufacturing value added (current US$)"),
    requires=(_WORLD,),
    description="The economy's and its peers' share of world manufacturing value added "
    "(World Bank WDI, current US$), with the precision the data allow.",
)

EXPORT_SHARES = Computation(
    key="world/exports",
    heading="Share of world exports of manufactures",
    fields=("economy", "peers"),
    run=_exports,
    charts=_share_charts(
        "world-exports", "percent of world merchandise exports of manufactures (US$)"
    ),
    requires=(_WORLD,),
    description="Share of world exports of manufactures (WTO product group MA).",
)

CATCH_UP = Computation(
    key="world/catch-up",
    heading="Catching up: Meiji Japan, Qing China and the post-war episodes",
    fields=(),
    run=_catch_up,
    charts=_catch_up_charts,
    requires=(Requirement("pflab.world", "catch_up", "the long-run record"),),
    description="GDP per head relative to the leader (Maddison Project Database) and the "
    "years each episode took from one relative level to the next.",
)
