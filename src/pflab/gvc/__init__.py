"""Global value chains: value-added trade decompositions on world input–output tables.

Gross exports split by where their value added comes from and where it is absorbed:

- :func:`value_added_origin` — the Leontief decomposition ``diag(v) B diag(e)`` (domestic
  and foreign value added by source country), HIY vertical specialisation, DVX, GVC
  participation, VAX ratio;
- :func:`wwz` — Wang, Wei and Zhu's (2013) 16 terms by exporter × sector × partner;
  :func:`kww` — their aggregation to Koopman, Wang and Wei's (2014) 9 terms;
- :func:`borin_mancini` — Borin and Mancini's (2023) source- and sink-based terms;
- :func:`gvc_income` — value added by country in a product chain (Timmer et al. 2014);
- :func:`path` and :func:`localisation` — the same year by year, and China's (or any
  economy's) foreign value added and export dependence 1995–2011.

Every function takes a world table (:class:`pflab.tables.MRIOTable`, e.g. from
:func:`read_world_table`) or a year of the embedded WIOD 2013 tables (:func:`load_wiot`),
and every decomposition's terms sum to gross exports. The equations and citations are in
``docs/gvc.md``.
"""

from pflab.data.iotables.wiot2013 import WIOT2013_YEARS, available_wiot, load_wiot, read_wiot2013
from pflab.data.iotables.world_readers import read_icio_csv, read_wiod2016, read_world_table
from pflab.gvc.decompose import METHODS, borin_mancini, decompose, kww, wwz
from pflab.gvc.origin import gvc_income, value_added_origin
from pflab.gvc.results import (
    BM_LABELS,
    KWW_LABELS,
    WWZ_LABELS,
    ExportDecomposition,
    GVCIncome,
    GVCPath,
    Localisation,
    ValueAddedOrigin,
)
from pflab.gvc.series import PEERS, localisation, parse_years, path

__all__ = [
    "BM_LABELS",
    "KWW_LABELS",
    "METHODS",
    "PEERS",
    "WIOT2013_YEARS",
    "WWZ_LABELS",
    "ExportDecomposition",
    "GVCIncome",
    "GVCPath",
    "Localisation",
    "ValueAddedOrigin",
    "available_wiot",
    "borin_mancini",
    "decompose",
    "gvc_income",
    "kww",
    "load_wiot",
    "localisation",
    "parse_years",
    "path",
    "read_icio_csv",
    "read_wiod2016",
    "read_wiot2013",
    "read_world_table",
    "value_added_origin",
    "wwz",
]
