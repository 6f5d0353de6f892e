"""Data layer: readers for official file formats, embedded datasets, provenance."""

from pflab.data.cip import CIPData, load_cip, read_cip
from pflab.data.concordance import (
    load_concordance,
    sector_groups,
    sectors_for_group,
    sectors_for_isic,
)
from pflab.data.countries import resolve_country
from pflab.data.embedded import PWT_VINTAGES, load_pwt
from pflab.data.pwt import VARIABLES, PWTData, detect_version, read_pwt

__all__ = [
    "PWT_VINTAGES",
    "VARIABLES",
    "CIPData",
    "PWTData",
    "detect_version",
    "load_cip",
    "load_concordance",
    "load_pwt",
    "read_cip",
    "read_pwt",
    "resolve_country",
    "sector_groups",
    "sectors_for_group",
    "sectors_for_isic",
]
