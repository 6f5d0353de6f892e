"""Input–output tables as data: readers of official layouts and plain files, pymrio
conversion, concordances to ISIC Rev.4, the embedded set.

The tables themselves (:class:`IOTable`, :class:`MRIOTable`, :func:`aggregate`) live in
the table core, :mod:`pflab.tables`, and are re-exported here; every reader builds them
through :meth:`IOTable.from_blocks`. This package is the data layer of
:mod:`pflab.network`, which re-exports what users need; nothing here imports the network
analytics.
"""

from pflab.data.iotables.aggregate import isic_map, isic_mapping, to_isic
from pflab.data.iotables.embedded import IO_SOURCES, IOCatalog, available_io, io_catalog, load_io
from pflab.data.iotables.employment import EmploymentMap, map_employment
from pflab.data.iotables.nbs import nbs_table, read_nbs_excel
from pflab.data.iotables.oecd import oecd_table, read_oecd_csv
from pflab.data.iotables.plain import read_table, write_table
from pflab.data.iotables.pymrio_io import from_pymrio, to_pymrio
from pflab.data.iotables.wiod import read_wiod, wiod_table
from pflab.tables import IOTable, MRIOTable, aggregate, concordance_matrix

__all__ = [
    "IO_SOURCES",
    "EmploymentMap",
    "IOCatalog",
    "IOTable",
    "MRIOTable",
    "aggregate",
    "available_io",
    "concordance_matrix",
    "from_pymrio",
    "io_catalog",
    "isic_map",
    "isic_mapping",
    "load_io",
    "map_employment",
    "nbs_table",
    "oecd_table",
    "read_nbs_excel",
    "read_oecd_csv",
    "read_table",
    "read_wiod",
    "to_isic",
    "to_pymrio",
    "wiod_table",
    "write_table",
]
