"""Value-added origin of gross exports: DVA, FVA by source country, HIY vertical
specialisation, DVX, GVC participation, VAX ratio, export dependence and GVC income.

For exporting country-sectors i of country s with gross exports e (to the world or to one
partner), the Leontief decomposition of Hummels, Ishii and Yi (2001) extended to a world
table (Koopman, Wang and Wei 2014) is ``diag(v) B diag(e)``: its column for i splits
e_i by the country-sector k whose value added it embodies. Summed by source country t,

    DVA = Σ_{k∈s} v_k B_ki e_i,    FVA_t = Σ_{k∈t} v_k B_ki e_i,    DVA + Σ_t FVA_t = e

(exactly, since ``vB = 1ᵀ``). The DVA here is the *domestic content* of exports; KWW split
it further into value added exported, returned and double counted (:func:`pflab.gvc.kww`).

- **HIY vertical specialisation** (Hummels, Ishii and Yi 2001, eq. 2): ``VS = 1ᵀ A^M_s
  L_ss e``, imported inputs ``A^M_s = Σ_{t≠s} A_ts`` traced through the domestic chain
  only (the formula for a national table with an import matrix). It differs from FVA by
  the foreign content of imported inputs' own inputs and by re-imported domestic content.
- **DVX** (OECD TiVA ``EXGR_DVAFXSH`` numerator): value added of s embodied in other
  countries' gross exports, ``Σ_{k∈s} v_k Σ_{j∉s} B_kj E_j*``.
- **GVC participation** (Koopman, Powers, Wang and Wei 2010): backward = FVA / E,
  forward = DVX / E.
- **VAX ratio** (Johnson and Noguera 2012): value added of s absorbed by final demand
  abroad, ``Σ_{k∈s} v_k Σ_{r≠s} (BY)_kr``, over gross exports.
- **Export dependence**: the share of an economy's (manufacturing) value added absorbed
  by final demand abroad, ``Σ_{r≠s} (BY)_kr / x_k`` weighted by value added.
- **GVC income** (Timmer, Erumban, Los, Stehrer and de Vries 2014): the value added of
  each country-industry in the final output f of a product chain, ``diag(v) B f``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

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
    sector_names,
    system_of,
)
from pflab.gvc._system import System
from pflab.gvc.results import GVCIncome, ValueAddedOrigin

__all__ = ["export_dependence", "gvc_income", "origin_arrays", "value_added_origin"]

_TOP_SOURCES = 6


def hiy_multiplier(system: System, s: int) -> np.ndarray:
    """``1ᵀ A^M_s L_ss``: imported inputs per unit of each of s's sectors (N)."""
    block = system.block(s)
    imported = system.A[:, block].sum(axis=0) - system.A[block, block].sum(axis=0)
    out: np.ndarray = imported @ system.L[s]
    return out


def origin_arrays(
    system: System, s: int, rows: np.ndarray, partner: int | None
) -> dict[str, np.ndarray]:
    """The Leontief measures for country s's rows, by exporting row.

    Returns ``exports`` (m), ``by_source`` (G × m value added by source country),
    ``vs_hiy``, ``dvx`` and ``vax`` (m; the last two by sector of origin).
    """
    E = system.exports()
    exports = E[rows, partner] if partner is not None else E[rows].sum(axis=1)
    vbc = system.vb_by_country(rows)
    by_source = vbc * exports[None, :]
    local = rows - system.block(s).start
    vs_hiy = hiy_multiplier(system, s)[local] * exports
    others = system.country != s if partner is None else system.country == partner
    embodied = system.solve(np.where(others, E.sum(axis=1), 0.0))[rows]
    dvx = system.v[rows] * embodied
    absorbed = system.BY[rows]
    abroad = absorbed[:, partner] if partner is not None else absorbed.sum(axis=1) - absorbed[:, s]
    vax = system.v[rows] * abroad
    return {"exports": exports, "by_source": by_source, "vs_hiy": vs_hiy, "dvx": dvx, "vax": vax}


def value_added_origin(
    table: TableLike,
    economy: str,
    *,
    sectors: str | Sequence[str] | None = None,
    partner: str | None = None,
) -> ValueAddedOrigin:
    """Value-added origin of an economy's gross exports (Leontief; HIY, DVX, VAX).

    Parameters
    ----------
    table
        A world table (:class:`~pflab.tables.MRIOTable`) or a year of the embedded
        WIOD 2013 tables (1995–2011).
    economy
        The exporter: a region code or name of the table (``"CHN"``, ``"China"``).
    sectors
        Exporting sectors: codes (``"c14"``), ISIC Rev.4 codes (``"26"``) or sector groups
        (``"electronics"``, ``"manufacturing"``); default every sector.
    partner
        Only the exports to this importer (default: to every other country).

    Returns
    -------
    ValueAddedOrigin
        Gross exports, DVA, FVA (and by source country), HIY vertical specialisation,
        DVX, participation and VAX, in the table's unit and in percent of the exports.

    Examples
    --------
    >>> r = value_added_origin(2011, "CHN", sectors="c14")  # doctest: +SKIP
    >>> round(r.fva_share, 1)  # doctest: +SKIP
    """
    tab = resolve_table(table)
    code = resolve_region(tab, economy)
    chosen = resolve_sectors(tab, sectors)
    partner_code = resolve_region(tab, partner, "partner") if partner else None
    if partner_code == code:
        from pflab.errors import ParameterError

        raise ParameterError("partner", f"{partner!r} is the exporter itself")
    system = system_of(tab)
    s = tab.regions.index(code)
    r = tab.regions.index(partner_code) if partner_code else None
    rows = rows_of(tab, [code], chosen)
    a = origin_arrays(system, s, rows, r)
    names = country_names(tab)
    exports = float(a["exports"].sum())
    by_source = a["by_source"].sum(axis=1)
    dva = float(by_source[s])
    fva_by = pd.Series(np.delete(by_source, s), index=[t for t in tab.regions if t != code])
    fva = float(fva_by.sum())
    sources = pd.DataFrame(
        {
            "name": [names[t] for t in fva_by.index],
            "fva": fva_by.to_numpy(),
            "share": percent(fva_by.to_numpy(), exports),
            "share_of_fva": percent(fva_by.to_numpy(), fva),
        },
        index=pd.Index(fva_by.index, name="source"),
    ).sort_values("fva", ascending=False)
    top = sources.head(_TOP_SOURCES)
    rows_out: list[tuple[str, str, float]] = [
        ("gross_exports", "Gross exports", exports),
        ("dva", "Domestic value added (domestic content, V_s B_ss e)", dva),
        ("fva", "Foreign value added (foreign content, Σ V_t B_ts e)", fva),
    ]
    rows_out += [
        (f"fva_{t}", f"  from {name}", float(value))
        for t, name, value in zip(top.index, top["name"], top["fva"], strict=True)
    ]
    rows_out += [
        (
            "fva_other",
            f"  from the other {len(sources) - len(top)} sources",
            fva - float(top["fva"].sum()),
        ),
        ("vs_hiy", "Vertical specialisation, HIY (1ᵀ A^M L_ss e)", float(a["vs_hiy"].sum())),
        ("dvx", "Domestic value added in other countries' exports (DVX)", float(a["dvx"].sum())),
        ("gvc_participation", "GVC participation (FVA + DVX)", fva + float(a["dvx"].sum())),
        ("vax", "Value added absorbed by final demand abroad (VAX)", float(a["vax"].sum())),
    ]
    terms = pd.DataFrame(rows_out, columns=["term", "label", "value"]).set_index("term")
    terms["share"] = percent(terms["value"].to_numpy(), exports)
    sector_codes = [tab.sectors[i % len(tab.sectors)] for i in rows]
    snames = sector_names(tab)
    by_sector = pd.DataFrame(
        {
            "name": [snames[c] for c in sector_codes],
            "gross_exports": a["exports"],
            "dva": a["by_source"][s],
            "fva": a["exports"] - a["by_source"][s],
            "fva_share": percent(a["exports"] - a["by_source"][s], a["exports"]),
            "vs_hiy": a["vs_hiy"],
            "dvx": a["dvx"],
            "vax": a["vax"],
            "vax_ratio": percent(a["vax"], a["exports"]),
        },
        index=pd.Index(sector_codes, name="sector"),
    )
    where = f" to {names[partner_code]}" if partner_code else ""
    what = "all sectors" if len(chosen) == len(tab.sectors) else ", ".join(chosen)
    return ValueAddedOrigin(
        title=f"Value-added origin of {names[code]}'s gross exports{where} ({what}), {tab.year}",
        provenance=provenance(
            tab,
            "leontief",
            "Gross exports split by the country whose value added they embody: diag(v) B diag(e) "
            "(Hummels, Ishii and Yi 2001; Koopman, Wang and Wei 2014).",
            economy=code,
            sectors=list(chosen),
            partner=partner_code,
        ),
        notes=notes_of(
            tab,
            "Shares are percent of the gross exports in the first row. DVA and FVA are domestic "
            "and foreign content (they include double counting; see --method kww or wwz).",
            "DVX and VAX are by sector of origin (value added of the selected sectors wherever "
            "it is exported or absorbed); the others by exporting sector.",
        ),
        columns={
            "value": f"{tab.units[0] if tab.units else 'table unit'}",
            "share": "percent of the gross exports",
            "fva": "foreign value added from this source, table unit",
            "share_of_fva": "percent of all foreign value added",
            "vax_ratio": "value added absorbed abroad, percent of gross exports",
        },
        economy=code,
        year=tab.year,
        sectors=chosen,
        partner=partner_code,
        terms=terms,
        sources=sources,
        by_sector=by_sector,
    )


def export_dependence(system: System, s: int, rows: np.ndarray) -> tuple[float, float]:
    """Value added of country s's ``rows`` and the part absorbed by final demand abroad."""
    va = system.v[rows] * system.x[rows]
    absorbed = system.BY[rows]
    abroad = absorbed.sum(axis=1) - absorbed[:, s]
    return float(va.sum()), float((system.v[rows] * abroad).sum())


def gvc_income(
    table: TableLike,
    chain: str | Sequence[str] = "c14",
    *,
    completed_in: str | None = None,
) -> GVCIncome:
    """Value added by country and industry in the final output of a product chain.

    Parameters
    ----------
    table
        A world table or a year of the embedded WIOD 2013 tables.
    chain
        The sectors whose final products define the chain (codes, ISIC codes or groups),
        e.g. ``"c14"`` (electrical and optical equipment).
    completed_in
        Only final products finished in this country (default: everywhere).

    Notes
    -----
    Timmer, M. P., Erumban, A. A., Los, B., Stehrer, R. and de Vries, G. J. (2014),
    "Slicing Up Global Value Chains", *Journal of Economic Perspectives* 28(2): 99–118:
    ``diag(v) B f`` with f the final output of the chain (final demand, all destinations,
    for the chain's products); the income of all country-industries sums to Σ f.
    """
    tab = resolve_table(table)
    chosen = resolve_sectors(tab, chain)
    where = (
        [resolve_region(tab, completed_in, "completed_in")] if completed_in else list(tab.regions)
    )
    system = system_of(tab)
    rows = rows_of(tab, where, chosen)
    f = np.zeros(system.n)
    f[rows] = system.Y[rows].sum(axis=1)
    income = system.v * system.solve(f)
    total = float(f.sum())
    names = country_names(tab)
    labels = pd.MultiIndex.from_product([tab.regions, tab.sectors], names=["region", "sector"])
    by_industry = (
        pd.DataFrame({"income": income, "share": percent(income, total)}, index=labels)
        .sort_values("income", ascending=False)
        .reset_index()
    )
    per_country = income.reshape(len(tab.regions), len(tab.sectors)).sum(axis=1)
    by_country = (
        pd.DataFrame(
            {
                "name": [names[r] for r in tab.regions],
                "income": per_country,
                "share": percent(per_country, total),
            },
            index=pd.Index(tab.regions, name="region"),
        )
        .sort_values("income", ascending=False)
        .reset_index()
    )
    place = f" completed in {names[where[0]]}" if completed_in else ""
    return GVCIncome(
        title=f"GVC income in the final output of {', '.join(chosen)}{place}, {tab.year}",
        provenance=provenance(
            tab,
            "gvc-income",
            "Value added by country-industry in the final output of a product chain, diag(v) B f "
            "(Timmer et al. 2014).",
            chain=list(chosen),
            completed_in=completed_in,
        ),
        notes=notes_of(
            tab,
            f"Final output of the chain: {total:,.0f} {tab.units[0] if tab.units else ''} "
            "(final demand of every destination for these products); shares are percent of it.",
        ),
        columns={
            "income": "value added in the chain, table unit",
            "share": "percent of the chain's final output",
        },
        chain=chosen,
        completed_in=where[0] if completed_in else None,
        year=tab.year,
        by_country=by_country,
        by_industry=by_industry,
    )
