"""Growth accounting: TFP growth by economy, era, method and data vintage.

The main entry points are :func:`growth_accounting` (one economy, one method),
:meth:`GrowthAccounting.eras` (averages over eras) and :func:`sensitivity` (every
method × data series with the min–max band over equal windows). Every one returns a
:class:`pflab.result.Result`.

China by industry (CIP 4.0): :func:`industry_tfp`, :func:`aggregate_industries` (groups,
reallocation and Hulten's view), :func:`cip_aggregate` (the alternative aggregate series)
and :func:`spillovers` (the supplier-to-user panel test); see ``docs/industry.md``.
"""

from pflab.accounting.aggregate_industries import IndustryAggregation, aggregate_industries
from pflab.accounting.cip_aggregate import CIPAggregate, cip_aggregate
from pflab.accounting.eras import DEFAULT_ERAS, Era, parse_eras
from pflab.accounting.growth import COMPONENTS, decompose, growth_accounting
from pflab.accounting.industry import INDUSTRY_GROUPS, IndustryTFP, industry_tfp
from pflab.accounting.methods import METHODS, Method, get_method, method_grid
from pflab.accounting.results import EraTable, GrowthAccounting
from pflab.accounting.sensitivity import SensitivityTable, sensitivity
from pflab.accounting.series import TFP_SERIES, TFPSeries
from pflab.accounting.spillovers import SpilloverTest, spillovers
from pflab.accounting.vintages import VintageComparison, vintage_comparison, vintage_notes

__all__ = [
    "COMPONENTS",
    "DEFAULT_ERAS",
    "INDUSTRY_GROUPS",
    "METHODS",
    "TFP_SERIES",
    "CIPAggregate",
    "Era",
    "EraTable",
    "GrowthAccounting",
    "IndustryAggregation",
    "IndustryTFP",
    "Method",
    "SensitivityTable",
    "SpilloverTest",
    "TFPSeries",
    "VintageComparison",
    "aggregate_industries",
    "cip_aggregate",
    "decompose",
    "get_method",
    "growth_accounting",
    "industry_tfp",
    "method_grid",
    "parse_eras",
    "sensitivity",
    "spillovers",
    "vintage_comparison",
    "vintage_notes",
]
