"""Growth accounting: TFP growth by economy, era, method and data vintage.

The main entry points are :func:`growth_accounting` (one economy, one method),
:meth:`GrowthAccounting.eras` (averages over eras) and :func:`sensitivity` (every
method × vintage with the min–max band).
"""

from pflab.accounting.eras import DEFAULT_ERAS, Era, parse_eras
from pflab.accounting.growth import COMPONENTS, decompose, growth_accounting
from pflab.accounting.methods import METHODS, Method, get_method, method_grid
from pflab.accounting.results import EraTable, GrowthAccounting
from pflab.accounting.sensitivity import SensitivityTable, sensitivity

__all__ = [
    "COMPONENTS",
    "DEFAULT_ERAS",
    "METHODS",
    "Era",
    "EraTable",
    "GrowthAccounting",
    "Method",
    "SensitivityTable",
    "decompose",
    "get_method",
    "growth_accounting",
    "method_grid",
    "parse_eras",
    "sensitivity",
]
