"""Input–output tables as data: the immutable table, readers of official layouts,
aggregation through concordances, and the embedded compact set."""

from pflab.data.iotables.aggregate import aggregate, concordance_matrix, isic_mapping
from pflab.data.iotables.nbs import nbs_table, read_nbs_excel
from pflab.data.iotables.oecd import oecd_table, read_oecd_csv
from pflab.data.iotables.table import IOTable
from pflab.data.iotables.wiod import read_wiod, wiod_table

__all__ = [
    "IOTable",
    "aggregate",
    "concordance_matrix",
    "isic_mapping",
    "nbs_table",
    "oecd_table",
    "read_nbs_excel",
    "read_oecd_csv",
    "read_wiod",
    "wiod_table",
]
