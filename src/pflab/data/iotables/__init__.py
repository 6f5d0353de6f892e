"""Input–output tables as data: the immutable tables, readers of official layouts and
plain files, pymrio conversion, aggregation through concordances, the embedded set.

This package is the data layer of :mod:`pflab.network`, which re-exports what users
need; nothing here imports the network analytics.
"""

from pflab.data.iotables.aggregate import aggregate, concordance_matrix, isic_mapping
from pflab.data.iotables.embedded import IO_SOURCES, available_io, load_io
from pflab.data.iotables.employment import EmploymentMap, map_employment
from pflab.data.iotables.mrio import MRIOTable
from pflab.data.iotables.nbs import nbs_table, read_nbs_excel
from pflab.data.iotables.oecd import oecd_table, read_oecd_csv
from pflab.data.iotables.plain import read_table, write_table
from pflab.data.iotables.pymrio_io import from_pymrio, to_pymrio
from pflab.data.iotables.table import IOTable
from pflab.data.iotables.wiod import read_wiod, wiod_table

__all__ = [
    "IO_SOURCES",
    "EmploymentMap",
    "IOTable",
    "MRIOTable",
    "aggregate",
    "available_io",
    "concordance_matrix",
    "from_pymrio",
    "isic_mapping",
    "load_io",
    "map_employment",
    "nbs_table",
    "oecd_table",
    "read_nbs_excel",
    "read_oecd_csv",
    "read_table",
    "read_wiod",
    "to_pymrio",
    "wiod_table",
    "write_table",
]
