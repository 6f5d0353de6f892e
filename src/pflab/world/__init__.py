"""World shares and the long-run record: the essay's claims as measurements.

- :func:`world_share` — an economy's share of world manufacturing value added (World
  Bank WDI) or of world exports of a WTO product group, with the precision the data
  allow;
- :func:`history` — GDP per head and population from the Maddison Project Database
  (2020 and 2023 vintages), gaps shown as gaps;
- :func:`relative_income` and :func:`catch_up` — GDP per head relative to a leader or a
  chosen economy, and the years it took to go from one relative level to the next.
"""

from pflab.world.catchup import (
    DEFAULT_LEADERS,
    DEFAULT_LEVELS,
    EPISODES,
    PERIODS,
    Episode,
    catch_up,
    leader_series,
    level_crossings,
    relative_income,
)
from pflab.world.history import history
from pflab.world.results import CatchUp, LongRunRecord, RelativeIncome, WorldShares
from pflab.world.shares import MEASURES, resolve_product, world_share

__all__ = [
    "DEFAULT_LEADERS",
    "DEFAULT_LEVELS",
    "EPISODES",
    "MEASURES",
    "PERIODS",
    "CatchUp",
    "Episode",
    "LongRunRecord",
    "RelativeIncome",
    "WorldShares",
    "catch_up",
    "history",
    "leader_series",
    "level_crossings",
    "relative_income",
    "resolve_product",
    "world_share",
]
