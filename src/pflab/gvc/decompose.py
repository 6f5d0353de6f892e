"""Bilateral, sector-level decompositions of gross exports: WWZ (16 terms), KWW (9 terms)
and Borin–Mancini (source- and sink-based).

Each function works on the whole table or on chosen exporters, sectors and partners; the
terms of every exporter × sector × partner are computed at once (vectorised over
partners, one global inverse and one local inverse per country; see
:mod:`pflab.gvc._terms`) and sum to its gross exports.

References
----------
Wang, Z., Wei, S.-J. and Zhu, K. (2013), "Quantifying International Production Sharing at
the Bilateral and Sector Levels", NBER Working Paper 19677.
Koopman, R., Wang, Z. and Wei, S.-J. (2014), "Tracing Value-Added and Double Counting in
Gross Exports", *American Economic Review* 104(2): 459–494.
Borin, A. and Mancini, M. (2023), "Measuring What Matters in Value-Added Trade",
*Economic Systems Research* 35(4): 586–613.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from pflab.errors import ParameterError
from pflab.gvc._select import (
    TableLike,
    country_names,
    notes_of,
    percent,
    provenance,
    resolve_region,
    resolve_sectors,
    resolve_table,
    rows_of,
    system_of,
)
from pflab.gvc._system import System
from pflab.gvc._terms import (
    BM_SOURCE_TERMS,
    KWW_TERMS,
    WWZ_TERMS,
    bm_terms,
    kww_from_wwz,
    wwz_terms,
)
from pflab.gvc.results import BM_LABELS, KWW_LABELS, WWZ_LABELS, ExportDecomposition
from pflab.tables import MRIOTable

__all__ = ["GROUPS", "METHODS", "TERMS", "borin_mancini", "decompose", "kww", "term_arrays", "wwz"]

#: The decomposition methods of this module.
METHODS = ("wwz", "kww", "borin-mancini")

#: Terms of each method by group: value added exported (DVA), returned home (RDV),
#: foreign (FVA) and double counted (DC).
GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "wwz": {
        "DVA": WWZ_TERMS[:5],
        "RDV": WWZ_TERMS[5:8],
        "FVA": WWZ_TERMS[8:12],
        "DC": WWZ_TERMS[12:],
    },
    "kww": {
        "DVA": KWW_TERMS[:3],
        "RDV": KWW_TERMS[3:5],
        "FVA": KWW_TERMS[6:8],
        "DC": (KWW_TERMS[5], KWW_TERMS[8]),
    },
    "borin-mancini": {
        "DVA": BM_SOURCE_TERMS[:4],
        "RDV": BM_SOURCE_TERMS[4:6],
        "FVA": (BM_SOURCE_TERMS[7],),
        "DC": (BM_SOURCE_TERMS[6], BM_SOURCE_TERMS[8]),
    },
}

_LABELS = {"wwz": WWZ_LABELS, "kww": KWW_LABELS, "borin-mancini": BM_LABELS}
#: The terms of each method, in order.
TERMS: dict[str, tuple[str, ...]] = {
    "wwz": WWZ_TERMS,
    "kww": KWW_TERMS,
    "borin-mancini": BM_SOURCE_TERMS,
}
_GROUP_LABELS = {
    "DVA": "domestic value added exported",
    "RDV": "domestic value added returning home",
    "FVA": "foreign value added",
    "DC": "double counting",
}


def term_arrays(
    system: System, method: str, rows: np.ndarray | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Terms of ``method`` as arrays (perspective → k × m × G) and the exports E_sr.

    WWZ and KWW have one perspective (``"value"``); Borin–Mancini has ``"source"`` and
    ``"sink"``.
    """
    if method == "borin-mancini":
        source, sink, E = bm_terms(system, rows)
        return {"source": source, "sink": sink}, E
    terms, E = wwz_terms(system, rows)
    if method == "kww":
        terms = kww_from_wwz(terms)
    return {"value": terms}, E


def _identity_gap(arrays: dict[str, np.ndarray], E: np.ndarray) -> float:
    """Largest relative difference between the sum of the terms and gross exports."""
    scale = np.abs(E)
    gap = 0.0
    for terms in arrays.values():
        diff = np.abs(terms.sum(axis=0) - E)
        nonzero = scale > 0
        if nonzero.any():
            gap = max(gap, float((diff[nonzero] / scale[nonzero]).max()))
        if (~nonzero).any():
            gap = max(gap, float(diff[~nonzero].max()) / max(float(scale.max()), 1e-300))
    return gap


def decompose(
    table: TableLike,
    method: str = "wwz",
    *,
    exporters: str | Sequence[str] | None = None,
    sectors: str | Sequence[str] | None = None,
    partners: str | Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportDecomposition:
    """Decompose gross exports by exporter × sector × partner.

    Parameters
    ----------
    table
        A world table or a year of the embedded WIOD 2013 tables (1995–2011).
    method
        ``"wwz"`` (16 terms), ``"kww"`` (9 terms) or ``"borin-mancini"`` (source- and
        sink-based, 9 terms each).
    exporters, partners
        Region codes or names (default: all).
    sectors
        Exporting sectors: codes, ISIC Rev.4 codes or sector groups (default: all).
    progress
        Called as ``progress(done, total)``.

    Raises
    ------
    pflab.errors.ParameterError
        If the method is unknown.
    pflab.errors.LookupFailedError
        If an economy or sector is not in the table.
    """
    if method not in METHODS:
        raise ParameterError("method", f"{method!r}; expected one of {', '.join(METHODS)}")
    tab = resolve_table(table)
    exporter_codes = _regions(tab, exporters, "exporters")
    partner_codes = _regions(tab, partners, "partners")
    chosen = resolve_sectors(tab, sectors)
    if progress is not None:
        progress(0, 2)
    system = system_of(tab)
    if progress is not None:
        progress(1, 2)
    rows = rows_of(tab, exporter_codes, chosen)
    arrays, E = term_arrays(system, method, rows)
    if progress is not None:
        progress(2, 2)
    return _result(tab, method, rows, arrays, E, exporter_codes, chosen, partner_codes)


def _regions(tab: MRIOTable, names: str | Sequence[str] | None, parameter: str) -> tuple[str, ...]:
    if names is None:
        return tuple(tab.regions)
    items = [names] if isinstance(names, str) else list(names)
    pieces = [p.strip() for item in items for p in str(item).split(",") if p.strip()]
    if not pieces:
        return tuple(tab.regions)
    found = dict.fromkeys(resolve_region(tab, p, parameter) for p in pieces)
    return tuple(r for r in tab.regions if r in found)


def _detail(
    tab: MRIOTable,
    rows: np.ndarray,
    arrays: dict[str, np.ndarray],
    E: np.ndarray,
    names: tuple[str, ...],
    partner_codes: tuple[str, ...],
) -> pd.DataFrame:
    N = len(tab.sectors)
    exporter = np.asarray(tab.regions)[rows // N]
    sector = np.asarray(tab.sectors)[rows % N]
    partner_index = np.array([tab.regions.index(p) for p in partner_codes])
    m = len(rows)
    keep = np.repeat(rows // N, len(partner_index)) != np.tile(partner_index, m)
    frame = pd.DataFrame(
        {
            "exporter": np.repeat(exporter, len(partner_index)),
            "sector": np.repeat(sector, len(partner_index)),
            "partner": np.tile(np.asarray(partner_codes), m),
            "gross_exports": E[:, partner_index].reshape(-1),
        }
    )
    for perspective, terms in arrays.items():
        prefix = "" if perspective == "value" else f"{perspective}_"
        for k, name in enumerate(names):
            frame[f"{prefix}{name}"] = terms[k][:, partner_index].reshape(-1)
    return frame[keep].reset_index(drop=True)


def _result(
    tab: MRIOTable,
    method: str,
    rows: np.ndarray,
    arrays: dict[str, np.ndarray],
    E: np.ndarray,
    exporters: tuple[str, ...],
    chosen: tuple[str, ...],
    partner_codes: tuple[str, ...],
) -> ExportDecomposition:
    names = TERMS[method]
    labels = _LABELS[method]
    detail = _detail(tab, rows, arrays, E, names, partner_codes)
    total = float(detail["gross_exports"].sum())
    group_of = {t: g for g, members in GROUPS[method].items() for t in members}
    terms = pd.DataFrame(
        {"label": [labels[t] for t in names], "group": [_GROUP_LABELS[group_of[t]] for t in names]},
        index=pd.Index(names, name="term"),
    )
    for perspective in arrays:
        column = "value" if perspective == "value" else perspective
        prefix = "" if perspective == "value" else f"{perspective}_"
        values = np.array([detail[f"{prefix}{t}"].sum() for t in names])
        terms[column] = values
        terms[f"{'' if perspective == 'value' else perspective + '_'}share"] = percent(
            values, total
        )
    head = pd.DataFrame(
        {
            "label": ["Gross exports"],
            "group": ["total"],
            **{c: [100.0 if c.endswith("share") else total] for c in terms.columns[2:]},
        },
        index=pd.Index(["gross_exports"], name="term"),
    )
    terms = pd.concat([head, terms])
    first = "" if "value" in arrays else "source_"
    by_partner = detail.groupby("partner", sort=False)[
        ["gross_exports", *[f"{first}{t}" for t in names]]
    ].sum()
    for group, members in GROUPS[method].items():
        part = by_partner[[f"{first}{t}" for t in members]].sum(axis=1)
        by_partner[f"{group}_pct"] = percent(
            part.to_numpy(), by_partner["gross_exports"].to_numpy()
        )
    by_partner = by_partner.sort_values("gross_exports", ascending=False)
    gap = _identity_gap(arrays, E)
    countries = country_names(tab)
    who = countries[exporters[0]] if len(exporters) == 1 else f"{len(exporters)} economies"
    what = "all sectors" if len(chosen) == len(tab.sectors) else ", ".join(chosen)
    to = "" if len(partner_codes) == len(tab.regions) else " to " + ", ".join(partner_codes)
    title = {
        "wwz": "Wang-Wei-Zhu decomposition",
        "kww": "Koopman-Wang-Wei decomposition",
        "borin-mancini": "Borin-Mancini decomposition",
    }[method]
    notes = [
        f"Terms sum to gross exports for every exporter, sector and partner (largest relative "
        f"difference {gap:.1e}).",
        "Shares are percent of the gross exports of the selection. Sector level is the "
        "exporting-sector perspective (value-added multipliers of the exporting sector).",
    ]
    if method == "kww":
        notes.append(
            "KWW terms are grouped WWZ terms (DVA_INT = DVA_INT + DVA_INTrexI1, …); the grouping "
            "matches KWW's country-level terms once summed over partners."
        )
    if method == "borin-mancini":
        notes.append(
            "Source-based: value added counted when it first leaves the exporter (local "
            "inverse); sink-based: counted the last time it leaves (global inverse, s's exports "
            "extracted). by_partner shows the source-based terms."
        )
    return ExportDecomposition(
        title=f"{title} of {who}'s gross exports{to} ({what}), {tab.year}",
        provenance=provenance(
            tab,
            method,
            f"{title} of gross exports by exporter, sector and partner.",
            exporters=list(exporters),
            sectors=list(chosen),
            partners=list(partner_codes),
        ),
        notes=notes_of(tab, *notes),
        columns={
            "value": f"{tab.units[0] if tab.units else 'table unit'}",
            "share": "percent of the gross exports of the selection",
            "source": "source-based value, table unit",
            "sink": "sink-based value, table unit",
            "gross_exports": "gross exports, table unit",
            **{f"{g}_pct": f"{_GROUP_LABELS[g]}, percent of exports" for g in GROUPS[method]},
        },
        method=method,
        economies=exporters,
        year=tab.year,
        terms=terms,
        by_partner=by_partner,
        detail=detail,
    )


def wwz(
    table: TableLike,
    *,
    exporters: str | Sequence[str] | None = None,
    sectors: str | Sequence[str] | None = None,
    partners: str | Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportDecomposition:
    """The Wang–Wei–Zhu (2013) 16-term decomposition of bilateral sector exports.

    See :func:`decompose` for the parameters; term definitions in
    :data:`pflab.gvc.results.WWZ_LABELS` and ``docs/gvc.md``.
    """
    return decompose(
        table, "wwz", exporters=exporters, sectors=sectors, partners=partners, progress=progress
    )


def kww(
    table: TableLike,
    *,
    exporters: str | Sequence[str] | None = None,
    sectors: str | Sequence[str] | None = None,
    partners: str | Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportDecomposition:
    """The Koopman–Wang–Wei (2014) 9-term decomposition, aggregated from WWZ.

    See :func:`decompose` for the parameters.
    """
    return decompose(
        table, "kww", exporters=exporters, sectors=sectors, partners=partners, progress=progress
    )


def borin_mancini(
    table: TableLike,
    *,
    exporters: str | Sequence[str] | None = None,
    sectors: str | Sequence[str] | None = None,
    partners: str | Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportDecomposition:
    """The Borin–Mancini (2023) source- and sink-based decompositions.

    See :func:`decompose` for the parameters.
    """
    return decompose(
        table,
        "borin-mancini",
        exporters=exporters,
        sectors=sectors,
        partners=partners,
        progress=progress,
    )
