"""Production networks: China's input–output tables as data and the analytics of
spillovers.

The tables (:class:`IOTable`, :class:`MRIOTable`) live in the table core,
:mod:`pflab.tables`; :func:`load_io` and the readers in the data layer,
:mod:`pflab.data.iotables`; both are re-exported here. The analytics are pure functions
over a table that return :class:`pflab.result.Result` objects (plain helpers such as
:func:`domar_weights` or :func:`upstreamness` return a labelled Series):

- Leontief quantities without forming the inverse (:class:`LeontiefSolver`),
  multipliers, the cost-push price model;
- Domar weights and Hulten's first-order response, Baqaee–Farhi second-order and exact
  responses in a nested-CES network, :func:`shock_analysis` combining them;
- position: the sector table (:func:`position`), upstreamness, downstreamness, Rasmussen
  linkages, hypothetical extraction;
- Liu's distortion centrality; import content; MRIO footprints (pymrio's accounts).
"""

from pflab.data.iotables import (
    IO_SOURCES,
    available_io,
    from_pymrio,
    io_catalog,
    load_io,
    read_nbs_excel,
    read_oecd_csv,
    read_table,
    read_wiod,
    to_isic,
    to_pymrio,
    write_table,
)
from pflab.network.baqaee_farhi import (
    DEFAULT_ELASTICITIES,
    CESEconomy,
    domar_jacobian,
    exact_response,
    second_order,
)
from pflab.network.distortion import distortion_centrality
from pflab.network.footprints import Footprints, mrio_footprints
from pflab.network.hulten import domar_weights, hulten
from pflab.network.imports import import_content, imports_by_product
from pflab.network.leontief import (
    LeontiefSolver,
    leontief_inverse,
    output_for,
    technical_coefficients,
)
from pflab.network.multipliers import multipliers
from pflab.network.position import downstreamness, extraction, linkages, position, upstreamness
from pflab.network.prices import PriceEffects, cost_push
from pflab.network.results import SectorResult
from pflab.network.shocks import (
    ShockAnalysis,
    WeightedShock,
    parse_shock,
    resolve_shocks,
    shock_analysis,
)
from pflab.tables import IOTable, MRIOTable, aggregate

__all__ = [
    "DEFAULT_ELASTICITIES",
    "IO_SOURCES",
    "CESEconomy",
    "Footprints",
    "IOTable",
    "LeontiefSolver",
    "MRIOTable",
    "PriceEffects",
    "SectorResult",
    "ShockAnalysis",
    "WeightedShock",
    "aggregate",
    "available_io",
    "cost_push",
    "distortion_centrality",
    "domar_jacobian",
    "domar_weights",
    "downstreamness",
    "exact_response",
    "extraction",
    "from_pymrio",
    "hulten",
    "import_content",
    "imports_by_product",
    "io_catalog",
    "leontief_inverse",
    "linkages",
    "load_io",
    "mrio_footprints",
    "multipliers",
    "output_for",
    "parse_shock",
    "position",
    "read_nbs_excel",
    "read_oecd_csv",
    "read_table",
    "read_wiod",
    "resolve_shocks",
    "second_order",
    "shock_analysis",
    "technical_coefficients",
    "to_isic",
    "to_pymrio",
    "upstreamness",
    "write_table",
]
