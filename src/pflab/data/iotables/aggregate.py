"""Tables onto ISIC Rev.4: the concordance-dependent side of aggregation.

The aggregation itself (Z' = CᵀZC and so on, conserving every total) is pure and lives
in :mod:`pflab.tables.aggregate`; this module adds what needs the concordances of
:mod:`pflab.data.concordance`: each sector's primary ISIC Rev.4 division or section
(:func:`isic_mapping`), a table's concordance as a frame (:func:`isic_map`) and the table
aggregated onto ISIC (:func:`to_isic`).
"""

from __future__ import annotations

import pandas as pd

from pflab.errors import ParameterError
from pflab.tables import IOTable, aggregate, concordance_matrix

__all__ = ["aggregate", "concordance_matrix", "isic_map", "isic_mapping", "to_isic"]


def isic_mapping(table: IOTable, level: str = "division") -> dict[str, str]:
    """Each sector's primary ISIC Rev.4 division (``"26"``) or section (``"C"``).

    Raises
    ------
    pflab.errors.ParameterError
        If ``level`` is neither ``"division"`` nor ``"section"``.
    pflab.errors.LookupFailedError
        If the table's scheme has no concordance.
    """
    from pflab.data.concordance import load_concordance
    from pflab.data.isic import section_of

    if level not in ("division", "section"):
        raise ParameterError("level", f"{level!r}; expected division or section")
    concordance = load_concordance(table.scheme)
    out = {}
    for code in table.codes:
        division = concordance.primary(code)[:2]
        out[code] = division if level == "division" else section_of(division)
    return out


def isic_map(table: IOTable) -> pd.DataFrame:
    """The table's concordance to ISIC Rev.4 (one row per table code and ISIC code)."""
    from pflab.data.concordance import load_concordance

    return load_concordance(table.scheme).to_frame()


def to_isic(table: IOTable, level: str = "division") -> IOTable:
    """The table aggregated onto ISIC Rev.4 by each sector's primary code.

    Parameters
    ----------
    table
        A table whose scheme has a concordance (:func:`pflab.data.concordance.schemes`).
    level
        ``"division"`` (two digits, e.g. ``"26"``) or ``"section"`` (``"C"``).
    """
    from pflab.data.isic import divisions

    titles = divisions()["title"].to_dict()
    mapping = isic_mapping(table, level)
    names = {g: titles.get(g, f"ISIC Rev.4 section {g}") for g in mapping.values()}
    return aggregate(table, mapping, scheme=f"isic4-{level}", names=names)
