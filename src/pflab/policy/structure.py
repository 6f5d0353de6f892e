"""Structure and surpluses: consumer-oriented services, high tech and exports in the IO tables.

For one input–output table with sector values :math:`v_i` (value added, or persons
employed) and a group weight :math:`w_i \\in [0, 1]` (the part of sector *i* that belongs to
the group), the group's share is

.. math::  S = 100 \\cdot \\frac{\\sum_i w_i v_i}{\\sum_i v_i}.

**Consumer-oriented services** (:data:`CONSUMER_SERVICES`, ISIC Rev.4 divisions): trade
(45–47), accommodation and food (55–56), real-estate services to households (68),
education (85), health and social work (86–88), arts, entertainment and recreation (90–93)
and other personal services (94–96, 97–98). A table sector counts where its primary ISIC
division lies (the table's concordance). Real estate counts only for the part of its output
that households consume (the table's household-consumption columns, imputed rents of
owner-occupied dwellings included): the share :math:`h = F^{hh}_i / x_i`, with the whole
sector as the upper end of the range (the NBS 42-sector tables of 2017–2020 publish only
total consumption, which stands in for households' there).

**High tech**: the NBS high-technology industry classifications, manufacturing (2017) and
services (2018), as the registry's official-calibrated sector maps give them
(``pflab.policy.programme_weights``, each sector's partial share with a low–high range). On a
branch without those maps the high-tech rows say "not measurable yet".

**Exports and surpluses** by ISIC section: exports as a share of gross output,
:math:`e_s = 100 \\cdot E_s / x_s`, with :math:`E_s` every export of the section's products
as the table publishes them (the ``EX`` column; in the NBS 42-sector tables of 2017–2020,
which separate imported rows, re-exports of imports included), the same for exports of
domestic output only, and net exports :math:`(E_s - M_s) / x_s` with :math:`M_s` the imports
of the section's products.

Employment: China's NBS employment series ends in 2018, so the 2020 tables have none; the
shares of jobs stop in 2018 and the result says so.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pflab.data.iotables import IOTable, available_io, isic_mapping, load_io
from pflab.data.isic import section_of
from pflab.errors import ParameterError
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.world.years import YearSpec, parse_years

__all__ = [
    "CONSUMER_SERVICES",
    "GROUPS",
    "HIGH_TECH_PROGRAMMES",
    "HOUSEHOLD_PART",
    "SECTIONS",
    "EconomyStructure",
    "consumer_services_weights",
    "economy_structure",
    "high_tech_available",
    "high_tech_weights",
    "table_structure",
]

#: Consumer-oriented services: ISIC Rev.4 division → what it holds.
CONSUMER_SERVICES: dict[str, str] = {
    "45": "trade and repair of motor vehicles",
    "46": "wholesale trade",
    "47": "retail trade",
    "55": "accommodation",
    "56": "food and beverage services",
    "68": "real estate (the part households consume)",
    "85": "education",
    "86": "human health",
    "87": "residential care",
    "88": "social work",
    "90": "creative, arts and entertainment",
    "91": "libraries, museums and other cultural activities",
    "92": "gambling and betting",
    "93": "sports, amusement and recreation",
    "94": "membership organisations",
    "95": "repair of computers and personal and household goods",
    "96": "other personal services",
    "97": "households as employers of domestic personnel",
    "98": "households' own-use production",
}

#: Divisions of :data:`CONSUMER_SERVICES` counted only for the part households consume.
HOUSEHOLD_PART: frozenset[str] = frozenset({"68"})

#: Registry entries whose sectors make up "high tech": NBS high-technology manufacturing
#: (2017 classification) and high-technology services (2018 classification).
HIGH_TECH_PROGRAMMES: dict[str, str] = {
    "ht_mfg_class_2017": "high-tech manufacturing",
    "ht_services_class_2018": "high-tech services",
}

#: Household final consumption columns by table family (summed where several), best first.
#: The NBS 42-sector tables of 2017-2020 publish only total consumption (TC); government
#: consumption of real estate is nil in every finer NBS table (FU103), so TC stands in.
_HOUSEHOLD_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("FU101", "FU102"),
    ("THC",),
    ("HFCE",),
    ("TC",),
)

#: ISIC Rev.4 sections (United Nations 2008).
SECTIONS: dict[str, str] = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply, sewerage, waste management and remediation",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers",
    "U": "Activities of extraterritorial organizations",
}

#: Groups of the ``shares`` table, in order, with their meaning.
GROUPS: dict[str, str] = {
    "consumer_services": "consumer-oriented services (documented ISIC list)",
    "high_tech": "high tech: NBS high-technology manufacturing and services",
    "high_tech_manufacturing": "NBS high-technology manufacturing (2017 classification)",
    "high_tech_services": "NBS high-technology services (2018 classification)",
    "outside_high_tech": "everything outside the high-tech sectors",
    "manufacturing": "manufacturing (ISIC section C)",
}

_MEASURES = {"value_added": "value added", "employment": "employment"}

_COLUMNS = {
    "year": "year of the table",
    "table": "the table: economy, year, sector scheme",
    "group": "group of sectors (see GROUPS)",
    "measure": "value_added or employment",
    "value": "the group's share of the economy's total, percent",
    "low": "low end of the share's range (partial sectors at their low share), percent",
    "high": "high end of the share's range, percent",
    "section": "ISIC Rev.4 section",
    "name": "section or sector name",
    "gross_output": "gross output, the table's unit",
    "exports": "exports of the products as published (re-exports of imports included)",
    "domestic_exports": "exports of domestic output",
    "imports": "imports of the products",
    "export_share": "exports / gross output, percent",
    "domestic_export_share": "exports of domestic output / gross output, percent",
    "net_export_share": "(exports − imports) / gross output, percent",
    "unit": "unit of the money columns",
    "code": "sector code of the table",
    "division": "the sector's primary ISIC Rev.4 division",
    "weight": "the part of the sector counted in the group (0-1)",
    "basis": "why the sector counts with this weight",
}


def _weights_module() -> Any:
    """``pflab.policy.weights`` (the registry's sector maps), or ``None`` where absent."""
    try:
        module = importlib.import_module("pflab.policy.weights")
    except ImportError:
        return None
    return module if hasattr(module, "programme_weights") else None


def high_tech_available() -> bool:
    """Whether the registry's sector maps (``programme_weights``) are present."""
    return _weights_module() is not None


#: Why the high-tech side cannot be measured, when it cannot.
HIGH_TECH_MISSING = (
    "needs the registry's official-calibrated sector maps (pflab.policy.programme_weights), "
    "which this installation does not have yet"
)


def _household_consumption(table: IOTable) -> tuple[pd.Series | None, str]:
    final = table.final_demand
    imported = table.final_demand_imports
    for columns in _HOUSEHOLD_COLUMNS:
        if all(c in final.columns for c in columns):
            total = final[list(columns)].sum(axis=1)
            if imported is not None and all(c in imported.columns for c in columns):
                total = total + imported[list(columns)].sum(axis=1)
            return total, "+".join(columns)
    return None, ""


def consumer_services_weights(table: IOTable) -> pd.DataFrame:
    """The part of each sector that counts as consumer-oriented services.

    Returns
    -------
    pandas.DataFrame
        Indexed by sector ``code``: ``division``, ``weight``, ``low``, ``high`` and
        ``basis``, for every sector whose primary ISIC division is in
        :data:`CONSUMER_SERVICES`. Real estate takes the household-consumption share of
        its output (low = weight, high = 1); with no household column in the table the
        whole sector is counted (weight 1, low 0) and the basis says so.
    """
    divisions = isic_mapping(table, "division")
    household, columns = _household_consumption(table)
    output = table.gross_output
    rows = []
    for code, division in divisions.items():
        if division not in CONSUMER_SERVICES:
            continue
        if division not in HOUSEHOLD_PART:
            weight = low = high = 1.0
            basis = f"ISIC {division}: {CONSUMER_SERVICES[division]}"
        elif household is not None and output[code] > 0:
            weight = float(np.clip(household[code] / output[code], 0.0, 1.0))
            low, high = weight, 1.0
            what = "total consumption" if columns == "TC" else "household consumption"
            basis = (
                f"ISIC {division}: {what} ({columns}) is {weight:.1%} of the sector's output; "
                "the whole sector is the upper end"
            )
        else:
            weight, low, high = 1.0, 0.0, 1.0
            basis = f"ISIC {division}: the table has no household-consumption column; whole sector"
        rows.append((code, division, weight, low, high, basis))
    frame = pd.DataFrame(rows, columns=["code", "division", "weight", "low", "high", "basis"])
    return frame.set_index("code")


def high_tech_weights(table: IOTable) -> pd.DataFrame | None:
    """The part of each sector in NBS high-technology manufacturing and services.

    Returns
    -------
    pandas.DataFrame or None
        Indexed by sector ``code``: ``group`` (``high_tech_manufacturing`` or
        ``high_tech_services``), ``weight``, ``low``, ``high`` and ``basis``, from
        ``pflab.policy.programme_weights``; ``None`` where those maps are not installed.
    """
    return _high_tech(table)[0]


def _high_tech(table: IOTable) -> tuple[pd.DataFrame | None, list[str]]:
    """:func:`high_tech_weights` and the notes of the weights it rests on."""
    module = _weights_module()
    if module is None:
        return None, []
    programme_weights = module.programme_weights

    parts = []
    notes: list[str] = []
    for programme, label in HIGH_TECH_PROGRAMMES.items():
        result = programme_weights(programme, table)
        notes += [f"{table.label}: {note}" for note in result.notes]
        weights = result.frame
        part = pd.DataFrame(
            {
                "group": "high_tech_" + label.split()[-1],
                "weight": weights["share"].astype(float),
                "low": weights["low"].astype(float),
                "high": weights["high"].astype(float),
                "basis": weights["basis"].astype(str),
            },
            index=weights.index.astype(str),
        )
        parts.append(part)
    frame = pd.concat(parts)
    frame.index.name = "code"
    return frame, list(dict.fromkeys(notes))


def _share(values: pd.Series, weights: pd.Series) -> float:
    total = float(values.sum())
    counted = float((values.reindex(weights.index).fillna(0.0) * weights).sum())
    return 100.0 * counted / total


def _group_rows(
    table: IOTable, measure: str, values: pd.Series, groups: dict[str, pd.DataFrame | None]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for group, weights in groups.items():
        if weights is None:
            continue
        rows.append(
            {
                "year": table.year,
                "table": table.label,
                "group": group,
                "measure": measure,
                "value": _share(values, weights["weight"]),
                "low": _share(values, weights["low"]),
                "high": _share(values, weights["high"]),
            }
        )
    high_tech = [r for r in rows if r["group"] == "high_tech"]
    if high_tech:
        h = high_tech[0]
        rows.append(
            {
                **h,
                "group": "outside_high_tech",
                "value": 100.0 - float(h["value"]),  # type: ignore[arg-type]
                "low": 100.0 - float(h["high"]),  # type: ignore[arg-type]
                "high": 100.0 - float(h["low"]),  # type: ignore[arg-type]
            }
        )
    order = list(GROUPS)
    return sorted(rows, key=lambda r: order.index(str(r["group"])))


def _weights(
    table: IOTable,
) -> tuple[dict[str, pd.DataFrame | None], pd.DataFrame, list[str]]:
    """Group weights by group, the long sector list behind them, the high-tech notes."""
    consumer = consumer_services_weights(table)
    sections = {c: section_of(d) for c, d in isic_mapping(table, "division").items()}
    manufacturing = pd.DataFrame(
        {"weight": 1.0, "low": 1.0, "high": 1.0, "basis": "ISIC section C"},
        index=pd.Index([c for c, s in sections.items() if s == "C"], name="code"),
    )
    groups: dict[str, pd.DataFrame | None] = {
        "consumer_services": consumer,
        "manufacturing": manufacturing,
    }
    listed = [
        consumer.assign(group="consumer_services"),
        manufacturing.assign(group="manufacturing"),
    ]
    tech, tech_notes = _high_tech(table)
    if tech is not None:
        for group in ("high_tech_manufacturing", "high_tech_services"):
            groups[group] = tech[tech["group"] == group]
        combined = tech.groupby(level=0)[["weight", "low", "high"]].sum().clip(upper=1.0)
        groups["high_tech"] = combined
        listed.append(tech)
    names = dict(zip(table.codes, table.names, strict=True))
    divisions = isic_mapping(table, "division")
    sectors = pd.concat(listed).reset_index()
    sectors.insert(0, "table", table.label)
    sectors.insert(0, "year", table.year)
    sectors.insert(3, "name", [names[c] for c in sectors["code"]])
    sectors["division"] = [divisions[c] for c in sectors["code"]]
    columns = ["year", "table", "group", "code", "name", "division", "weight", "low", "high"]
    return groups, sectors[[*columns, "basis"]], tech_notes


def _exports(table: IOTable) -> pd.DataFrame:
    sections = pd.Series(
        {c: section_of(d) for c, d in isic_mapping(table, "division").items()}, name="section"
    )
    domestic = table.exports
    reexports = pd.Series(0.0, index=domestic.index)
    imported = table.final_demand_imports
    if imported is not None:
        columns = [c for c in table.export_columns if c in imported.columns]
        reexports = imported[columns].sum(axis=1)
    imports = (
        table.imports if table.imports is not None else pd.Series(np.nan, index=domestic.index)
    )
    frame = pd.DataFrame(
        {
            "gross_output": table.gross_output,
            "exports": domestic + reexports,
            "domestic_exports": domestic,
            "imports": imports,
            "section": sections,
        }
    )
    by_section = frame.groupby("section", sort=True).sum(min_count=1)
    by_section.loc["total"] = frame.drop(columns="section").sum(min_count=1)
    output = by_section["gross_output"]
    by_section["export_share"] = 100.0 * by_section["exports"] / output
    by_section["domestic_export_share"] = 100.0 * by_section["domestic_exports"] / output
    by_section["net_export_share"] = (
        100.0 * (by_section["exports"] - by_section["imports"]) / output
    )
    by_section = by_section.reset_index()
    by_section.insert(1, "name", [SECTIONS.get(s, "all sectors") for s in by_section["section"]])
    by_section.insert(0, "table", table.label)
    by_section.insert(0, "year", table.year)
    by_section["unit"] = f"{table.unit} {table.currency}".strip()
    return by_section


def table_structure(table: IOTable) -> EconomyStructure:
    """Consumer services, high tech and exports of one input–output table.

    Parameters
    ----------
    table
        Any table whose scheme has an ISIC Rev.4 concordance (e.g. from
        :func:`pflab.network.load_io`).

    Returns
    -------
    EconomyStructure
        ``shares`` (value added and, where the table has it, employment), ``exports`` by
        ISIC section and ``sectors`` (the weight of every sector counted).
    """
    return _structure([table])


def economy_structure(
    years: YearSpec = None,
    *,
    economy: str = "CHN",
    source: str = "nbs",
    sectors: int | None = None,
) -> EconomyStructure:
    """Consumer services, high tech and exports over the embedded tables' years.

    Parameters
    ----------
    years
        Table years: ``"2002-2020"``, ``2020``, ``[2018, 2020]`` … (default: every year
        with a table, for China's NBS tables 2002–2020).
    economy, source, sectors
        As for :func:`pflab.network.load_io` (default China's NBS tables at their finest
        detail).

    Raises
    ------
    pflab.errors.ParameterError
        For a year without an embedded table of that economy, source and detail (the
        message lists the years there are).
    """
    catalog = available_io()
    mine = catalog[(catalog["source"] == source) & (catalog["economy"] == economy.upper())]
    if sectors is not None:
        mine = mine[mine["sectors"] == int(sectors)]
    if mine.empty:
        detail = "" if sectors is None else f" with {sectors} sectors"
        raise ParameterError("economy", f"no embedded {source.upper()} table of {economy}{detail}")
    chosen = parse_years(years, mine["year"])
    return _structure([load_io(economy, y, source=source, sectors=sectors) for y in chosen])


def _structure(tables: list[IOTable]) -> EconomyStructure:
    shares, exports, sectors = [], [], []
    no_jobs: list[IOTable] = []
    high_tech_notes: list[str] = []
    for table in tables:
        groups, listed, tech_notes = _weights(table)
        high_tech_notes += tech_notes
        shares += _group_rows(table, "value_added", table.value_added, groups)
        if table.employment is not None:
            shares += _group_rows(table, "employment", table.employment, groups)
        else:
            no_jobs.append(table)
        exports.append(_exports(table))
        sectors.append(listed)
    share_frame = pd.DataFrame(
        shares, columns=["year", "table", "group", "measure", "value", "low", "high"]
    )
    notes = _notes(tables, no_jobs) + tuple(dict.fromkeys(high_tech_notes))
    sources = tuple(dict.fromkeys(t.source for t in tables))
    if high_tech_available():
        sources += (_registry_source(),)
    labels = ", ".join(t.label for t in tables)
    return EconomyStructure(
        title=f"Consumer services, high tech and exports: {labels}",
        provenance=Provenance(
            method="economy_structure",
            sources=sources,
            parameters={
                "tables": [t.label for t in tables],
                "consumer_services": sorted(CONSUMER_SERVICES),
                "household_part": sorted(HOUSEHOLD_PART),
                "high_tech": list(HIGH_TECH_PROGRAMMES) if high_tech_available() else [],
            },
            description="Shares of value added and employment by weighted sector group; "
            "exports, domestic exports and net exports over gross output by ISIC section.",
        ),
        notes=notes,
        columns=_COLUMNS,
        shares=share_frame,
        exports=pd.concat(exports, ignore_index=True),
        sectors=pd.concat(sectors, ignore_index=True),
        high_tech=high_tech_available(),
        high_tech_notes=tuple(dict.fromkeys(high_tech_notes)),
    )


def _registry_source() -> Source:
    from pflab.policy.timeline import REGISTRY_SOURCE

    return REGISTRY_SOURCE


def _notes(tables: list[IOTable], no_jobs: list[IOTable]) -> tuple[str, ...]:
    notes = [
        "Consumer-oriented services: ISIC Rev.4 divisions "
        + ", ".join(sorted(CONSUMER_SERVICES))
        + "; a table sector counts where its primary ISIC division lies, so a coarse sector "
        "(e.g. a 42-sector table's culture, sports and entertainment, which holds publishing) "
        "counts wholly. Real estate counts only for the part of its output households "
        "consume (upper end of the range: the whole sector).",
    ]
    if high_tech_available():
        notes.append(
            "High tech: NBS high-technology manufacturing (2017) and services (2018) "
            "classifications through the registry's sector maps (calibrated against official "
            "aggregates, docs/policy.md); partial sectors carry a low-high range (columns "
            "low, high)."
        )
    else:
        notes.append(f"High tech: not measurable yet; {HIGH_TECH_MISSING}.")
    late = [t.label for t in no_jobs if t.scheme.startswith("nbs") and t.year > 2018]
    other = [t.label for t in no_jobs if t.label not in late]
    if late:
        notes.append(
            f"No employment in {', '.join(late)}: China's NBS employment series by industry "
            "ends in 2018."
        )
    if other:
        notes.append(
            f"No employment in {', '.join(other)}: pflab maps employment onto China's NBS "
            "tables of 1990-2018 only."
        )
    notes.append(
        "Exports: every export of the products as the table publishes them (the EX "
        "column; re-exports of imports included where the table has imported rows); "
        "domestic_exports leaves re-exports out. Shares of gross output, percent."
    )
    for table in tables:
        notes += [f"{table.label}: {n}" for n in table.notes if "Imports" in n or "Employment" in n]
    return tuple(dict.fromkeys(notes))


@dataclass(frozen=True, kw_only=True)
class EconomyStructure(Result):
    """Consumer-oriented services, high tech and exports in input–output tables.

    Attributes
    ----------
    shares
        Long: ``year``, ``table``, ``group`` (:data:`GROUPS`), ``measure``
        (``value_added`` or ``employment``), ``value``, ``low``, ``high`` (percent).
    exports
        By table and ISIC section (and ``total``): ``gross_output``, ``exports``,
        ``domestic_exports``, ``imports`` (the table's unit), ``export_share``,
        ``domestic_export_share``, ``net_export_share`` (percent).
    sectors
        Every sector counted in a group, with its ``weight``, ``low``, ``high`` and
        ``basis``.
    high_tech
        Whether the high-tech groups could be measured.
    high_tech_notes
        The caveats of the sector maps behind the high-tech groups (judgement shares,
        shares carried to other schemes through ISIC Rev.4).
    """

    shares: pd.DataFrame
    exports: pd.DataFrame
    sectors: pd.DataFrame
    high_tech: bool
    high_tech_notes: tuple[str, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        """``shares`` (main), ``by_year`` (wide), ``exports``, ``sectors``."""
        return {
            "shares": self.shares.copy(),
            "by_year": self.by_year(),
            "exports": self.exports.copy(),
            "sectors": self.sectors.copy(),
        }

    def by_year(self) -> pd.DataFrame:
        """One row per table: each group's share by measure, manufacturing's export shares."""
        wide = self.shares.pivot_table(
            index=["year", "table"], columns=["measure", "group"], values="value", sort=False
        )
        short = {"value_added": "va", "employment": "jobs"}
        wide.columns = [f"{pair[1]}_{short[pair[0]]}" for pair in wide.columns.to_list()]
        manufacturing = self.exports[self.exports["section"] == "C"].set_index(["year", "table"])
        wide["manufacturing_export_share"] = manufacturing["export_share"]
        wide["manufacturing_net_export_share"] = manufacturing["net_export_share"]
        return wide.reset_index()

    def views(self) -> list[View]:
        """Shares by year, then manufacturing's exports."""
        wide = self.by_year()
        label = {"consumer_services": "consumer svcs", "high_tech": "high tech"}
        columns = [Column("year", "Year", "d")]
        for measure, suffix in (("value added", "va"), ("jobs", "jobs")):
            for group in ("consumer_services", "high_tech", "manufacturing"):
                name = f"{group}_{suffix}"
                if name in wide.columns:
                    heading = f"{label.get(group, group)}, % {measure}"
                    columns.append(Column(name, heading, ".1f"))
        columns += [
            Column("manufacturing_export_share", "mfg exports, % output", ".1f"),
            Column("manufacturing_net_export_share", "mfg net exports, % output", ".1f"),
        ]
        return [View("by_year", columns, title=self.title)]

    def share(self, group: str, measure: str = "value_added", year: int | None = None) -> pd.Series:
        """The row of one group and measure (and year, when several tables are held).

        Raises
        ------
        pflab.errors.ParameterError
            If no such row exists (e.g. employment in 2020, or high tech without maps).
        """
        rows = self.shares[(self.shares["group"] == group) & (self.shares["measure"] == measure)]
        if year is not None:
            rows = rows[rows["year"] == int(year)]
        if len(rows) != 1:
            raise ParameterError(
                "group",
                f"{len(rows)} rows for {group} / {measure}"
                + (f" in {year}" if year is not None else "")
                + f"; groups measured: {', '.join(dict.fromkeys(self.shares['group']))}",
            )
        return rows.iloc[0]

    def exports_of(self, section: str = "C", year: int | None = None) -> pd.Series:
        """The exports row of one ISIC section (``"total"`` for the whole economy)."""
        rows = self.exports[self.exports["section"] == section]
        if year is not None:
            rows = rows[rows["year"] == int(year)]
        if len(rows) != 1:
            raise ParameterError("section", f"{len(rows)} rows for section {section!r}")
        return rows.iloc[0]
