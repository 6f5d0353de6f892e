"""Growth accounting: TFP growth by economy, era, method and data vintage.

The main entry points are :func:`growth_accounting` (one economy, one method),
:meth:`GrowthAccounting.eras` (averages over eras) and :func:`sensitivity` (every
method × data series with the min–max band over equal windows). Every one returns a
:class:`pflab.result.Result`.
"""

from pflab.accounting.eras import DEFAULT_ERAS, Era, parse_eras
from pflab.accounting.growth import COMPONENTS, decompose, growth_accounting
from pflab.accounting.methods import METHODS, Method, get_method, method_grid
from pflab.accounting.results import EraTable, GrowthAccounting
from pflab.accounting.sensitivity import SensitivityTable, sensitivity
from pflab.accounting.series import TFP_SERIES, TFPSeries
from pflab.accounting.vintages import VintageComparison, vintage_comparison, vintage_notes

__all__ = [
    "COMPONENTS",
    "DEFAULT_ERAS",
    "METHODS",
    "TFP_SERIES",
    "Era",
    "EraTable",
    "GrowthAccounting",
    "Method",
    "SensitivityTable",
    "TFPSeries",
    "VintageComparison",
    "decompose",
    "get_method",
    "growth_accounting",
    "method_grid",
    "parse_eras",
    "sensitivity",
    "vintage_comparison",
    "vintage_notes",
]
