"""The table core: immutable, validated input–output tables shared by readers and analytics.

- :class:`IOTable` — one economy's table for one year (:meth:`IOTable.from_blocks`);
- :class:`MRIOTable` — a multi-regional table in pymrio's layout, arrays shared;
- :func:`aggregate` — aggregation through a mapping or share matrix, conserving totals;
- :mod:`pflab.tables.linalg` — zero-safe division, power iteration and the Leontief
  solver that every table keeps (:meth:`IOTable.solver`).

This package sits below the data layer: it imports neither readers nor concordances, so
that :mod:`pflab.data` builds tables and :mod:`pflab.network` analyses them without
either importing the other.
"""

from pflab.tables._checks import Balance
from pflab.tables.aggregate import aggregate, concordance_matrix
from pflab.tables.iotable import BLOCKS, Block, IOTable
from pflab.tables.linalg import LeontiefSolver
from pflab.tables.mrio import MRIOTable

__all__ = [
    "BLOCKS",
    "Balance",
    "Block",
    "IOTable",
    "LeontiefSolver",
    "MRIOTable",
    "aggregate",
    "concordance_matrix",
]
