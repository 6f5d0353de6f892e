"""Decompositions year by year: the path of one exporter's terms, and the localisation
and export dependence of several economies (the essay's two claims about China).

Each year's table is prepared once (one global inverse and the local inverses); every
economy and measure of that year is read off it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from pflab.data.iotables.wiot2013 import WIOT2013_YEARS, load_wiot
from pflab.errors import ParameterError
from pflab.gvc._select import (
    YearNotes,
    country_names,
    percent,
    provenance,
    resolve_region,
    resolve_sectors,
    rows_of,
    system_of,
)
from pflab.gvc.decompose import METHODS as DECOMPOSITIONS
from pflab.gvc.decompose import TERMS, term_arrays
from pflab.gvc.origin import export_dependence, origin_arrays
from pflab.gvc.results import GVCPath, Localisation
from pflab.tables import MRIOTable

__all__ = ["PEERS", "localisation", "parse_years", "path"]

#: The economies the essay's claims are checked on, China first.
PEERS: tuple[str, ...] = ("CHN", "JPN", "KOR", "TWN", "DEU", "USA")

_SOURCES_SHOWN = 6


def parse_years(text: str | Iterable[int] | None) -> tuple[int, ...]:
    """``"1995-2011"``, ``"1995,2000,2011"`` or a list of years; default 1995–2011.

    Raises
    ------
    pflab.errors.ParameterError
        If the text is not years or ranges, or a year is outside 1995–2011.
    """
    if text is None:
        return WIOT2013_YEARS
    if isinstance(text, str):
        years: list[int] = []
        for piece in (p.strip() for p in text.split(",")):
            match = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", piece)
            if not match:
                raise ParameterError(
                    "years", f"{piece!r}; expected a year or a range like 1995-2011"
                )
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            if last < first:
                raise ParameterError("years", f"{piece!r}: the range runs backwards")
            years.extend(range(first, last + 1))
    else:
        years = [int(y) for y in text]
    outside = [y for y in years if y not in WIOT2013_YEARS]
    if outside:
        raise ParameterError(
            "years",
            f"{outside[:3]}; the WIOD 2013 tables cover {WIOT2013_YEARS[0]}-{WIOT2013_YEARS[-1]}",
        )
    return tuple(dict.fromkeys(years))


def _tables(
    years: Sequence[int], tables: Callable[[int], MRIOTable] | None
) -> Iterable[tuple[int, MRIOTable]]:
    load = tables or load_wiot
    for year in years:
        yield year, load(year)


def _span(years: Sequence[int]) -> str:
    """``"1995-2011"``, or ``"2011"`` for one year."""
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _share(part: float, whole: float) -> float:
    return float(percent(part, whole))


def localisation(
    economies: Sequence[str] = PEERS,
    *,
    years: str | Iterable[int] | None = None,
    sector: str | Sequence[str] = "c14",
    tables: Callable[[int], MRIOTable] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Localisation:
    """Foreign value added in exports and the foreign absorption of manufacturing value
    added, by economy and year.

    For each economy s and year: the foreign value-added share of gross exports (all
    sectors, and of ``sector``'s exports) with its source countries, and the share of the
    value added of s's manufacturing industries that is absorbed by final demand abroad
    (``Σ_{k∈s, manufacturing} v_k Σ_{r≠s} (BY)_kr / Σ v_k x_k``).

    Parameters
    ----------
    economies
        Region codes or names (default China, Japan, Korea, Taiwan, Germany, USA).
    years
        Years or ranges (default 1995–2011).
    sector
        Sector codes, ISIC codes or a group (default ``c14``, electrical and optical
        equipment).
    tables
        Where each year's table comes from (default the embedded WIOD 2013 tables).
    progress
        Called as ``progress(done, total)`` after each year.
    """
    chosen_years = parse_years(years)
    rows_e: list[dict[str, object]] = []
    rows_s: list[dict[str, object]] = []
    first: MRIOTable | None = None
    sector_codes: tuple[str, ...] = ()
    codes: list[str] = []
    caveats = YearNotes()
    for done, (year, tab) in enumerate(_tables(chosen_years, tables), start=1):
        caveats.add(tab)
        if first is None:
            first = tab
            codes = list(dict.fromkeys(resolve_region(tab, e) for e in economies))
            sector_codes = resolve_sectors(tab, sector)
        manufacturing = resolve_sectors(tab, "manufacturing")
        system = system_of(tab)
        names = country_names(tab)
        for code in codes:
            s = tab.regions.index(code)
            every = rows_of(tab, [code], tab.sectors)
            a = origin_arrays(system, s, every, None)
            in_sector = np.isin(every, rows_of(tab, [code], sector_codes))
            va, abroad = export_dependence(system, s, rows_of(tab, [code], manufacturing))
            total = float(a["exports"].sum())
            part = float(a["exports"][in_sector].sum())
            by_all = a["by_source"].sum(axis=1)
            by_part = a["by_source"][:, in_sector].sum(axis=1)
            rows_e.append(
                {
                    "economy": code,
                    "year": year,
                    "gross_exports": total,
                    "fva": total - by_all[s],
                    "fva_share": _share(total - by_all[s], total),
                    "sector_exports": part,
                    "sector_fva": part - by_part[s],
                    "sector_fva_share": _share(part - by_part[s], part),
                    "manufacturing_va": va,
                    "manufacturing_va_abroad": abroad,
                    "manufacturing_abroad_share": _share(abroad, va),
                }
            )
            for t, source in enumerate(tab.regions):
                if t == s:
                    continue
                rows_s.append(
                    {
                        "economy": code,
                        "year": year,
                        "source": source,
                        "source_name": names[source],
                        "fva": by_all[t],
                        "share": _share(by_all[t], total),
                        "sector_fva": by_part[t],
                        "sector_share": _share(by_part[t], part),
                    }
                )
        if progress is not None:
            progress(done, len(chosen_years))
    assert first is not None
    names = country_names(first)
    label = ", ".join(sector_codes)
    return Localisation(
        title=f"Foreign value added in exports and export dependence, "
        f"{', '.join(names[c] for c in codes)}, {_span(chosen_years)}",
        provenance=provenance(
            first,
            "localisation",
            "Foreign value-added share of gross exports (Leontief: Σ_t≠s V_t B_ts e) and share "
            "of manufacturing value added absorbed by final demand abroad, year by year.",
            economies=codes,
            years=list(chosen_years),
            sector=list(sector_codes),
        ),
        notes=caveats.lines(
            f"Sector exports: {label}. Manufacturing: the industries whose primary ISIC Rev.4 "
            "code is in section C.",
            "Value added absorbed abroad counts value added of the manufacturing industries "
            "wherever it is exported (directly or inside other products).",
        ),
        columns={
            "gross_exports": "gross exports, table unit",
            "fva_share": "foreign value added, percent of gross exports",
            "sector_fva_share": "foreign value added, percent of the sector's gross exports",
            "manufacturing_abroad_share": "percent of manufacturing value added absorbed by "
            "final demand abroad",
            "share": "percent of all gross exports",
            "sector_share": "percent of the sector's gross exports",
        },
        sector=sector_codes,
        economies=pd.DataFrame(rows_e),
        sources=pd.DataFrame(rows_s),
    )


def path(
    economy: str,
    *,
    years: str | Iterable[int] | None = None,
    method: str = "hiy",
    sectors: str | Sequence[str] | None = None,
    partner: str | None = None,
    tables: Callable[[int], MRIOTable] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> GVCPath:
    """One exporter's decomposition year by year.

    Parameters
    ----------
    economy
        The exporter.
    years
        Years or ranges (default 1995–2011).
    method
        ``"hiy"`` (foreign value added by source country), ``"kww"``, ``"wwz"`` or
        ``"borin-mancini"``.
    sectors, partner
        Exporting sectors and importer (default all).
    tables, progress
        As in :func:`localisation`.
    """
    if method not in ("hiy", *DECOMPOSITIONS):
        raise ParameterError("method", f"{method!r}; expected hiy, {', '.join(DECOMPOSITIONS)}")
    chosen_years = parse_years(years)
    long: list[dict[str, object]] = []
    first: MRIOTable | None = None
    caveats = YearNotes()
    for done, (year, tab) in enumerate(_tables(chosen_years, tables), start=1):
        caveats.add(tab)
        if first is None:
            first = tab
        code = resolve_region(tab, economy)
        chosen = resolve_sectors(tab, sectors)
        r = tab.regions.index(resolve_region(tab, partner, "partner")) if partner else None
        s = tab.regions.index(code)
        system = system_of(tab)
        rows = rows_of(tab, [code], chosen)
        if method == "hiy":
            a = origin_arrays(system, s, rows, r)
            total = float(a["exports"].sum())
            by_source = a["by_source"].sum(axis=1)
            long.append({"year": year, "term": "gross_exports", "value": total, "share": 100.0})
            long.append(
                {
                    "year": year,
                    "term": "fva",
                    "value": total - by_source[s],
                    "share": _share(total - by_source[s], total),
                }
            )
            for t, source in enumerate(tab.regions):
                if t != s:
                    long.append(
                        {
                            "year": year,
                            "term": source,
                            "value": by_source[t],
                            "share": _share(by_source[t], total),
                        }
                    )
        else:
            arrays, E = term_arrays(system, method, rows)
            columns = [r] if r is not None else [c for c in range(len(tab.regions)) if c != s]
            total = float(E[:, columns].sum())
            long.append({"year": year, "term": "gross_exports", "value": total, "share": 100.0})
            for perspective, terms in arrays.items():
                prefix = "" if perspective == "value" else f"{perspective}_"
                for k, name in enumerate(TERMS[method]):
                    value = float(terms[k][:, columns].sum())
                    long.append(
                        {
                            "year": year,
                            "term": f"{prefix}{name}",
                            "value": value,
                            "share": _share(value, total),
                        }
                    )
        if progress is not None:
            progress(done, len(chosen_years))
    assert first is not None
    frame = pd.DataFrame(long)
    wide = frame.pivot(index="year", columns="term", values="share")
    exports = frame[frame["term"] == "gross_exports"].set_index("year")["value"]
    if method == "hiy":
        sources = [c for c in wide.columns if c not in ("gross_exports", "fva")]
        top = wide[sources].mean().sort_values(ascending=False).index[:_SOURCES_SHOWN]
        shown = wide[["fva", *top]].copy()
        shown["other"] = wide["fva"] - wide[list(top)].sum(axis=1)
    else:
        order = [t for t in frame["term"].drop_duplicates() if t != "gross_exports"]
        shown = wide[order].copy()
    shown.columns = [f"{c}_share" for c in shown.columns]
    shown.insert(0, "gross_exports", exports)
    path_frame = shown.reset_index()
    names = country_names(first)
    code = resolve_region(first, economy)
    what = "all sectors" if sectors is None else ", ".join(resolve_sectors(first, sectors))
    to = f" to {names[resolve_region(first, partner, 'partner')]}" if partner else ""
    label = {
        "hiy": "Foreign value added",
        "kww": "KWW terms",
        "wwz": "WWZ terms",
        "borin-mancini": "Borin-Mancini terms",
    }[method]
    return GVCPath(
        title=f"{label} in {names[code]}'s gross exports{to} ({what}), "
        f"{_span(chosen_years)}, percent of gross exports",
        provenance=provenance(
            first,
            method,
            f"{label} year by year, percent of gross exports.",
            economy=code,
            years=list(chosen_years),
            sectors=sectors,
            partner=partner,
        ),
        notes=caveats.lines(
            "Columns are percent of the year's gross exports of the selection"
            + (
                "; foreign value added from the largest sources on average over the years, "
                "then all others."
                if method == "hiy"
                else "."
            ),
        ),
        columns={
            "gross_exports": "gross exports, table unit",
            "value": "table unit",
            "share": "percent of gross exports",
        },
        economy=code,
        method=method,
        sectors=resolve_sectors(first, sectors),
        partner=resolve_region(first, partner, "partner") if partner else None,
        path=path_frame,
        long=frame,
    )
