"""Result objects of the value-added trade decompositions (the pflab result protocol).

Money columns keep the table's unit (US$ million for WIOD); ``*_share`` columns are
percent of the gross exports (or output, or value added) named in :attr:`columns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pflab.result import Column, Result, View

__all__ = [
    "BM_LABELS",
    "KWW_LABELS",
    "WWZ_LABELS",
    "ExportDecomposition",
    "GVCIncome",
    "GVCPath",
    "Localisation",
    "ValueAddedOrigin",
]

#: Reading of each WWZ term (WWZ 2013 eq. 37 term number in brackets).
WWZ_LABELS: dict[str, str] = {
    "DVA_FIN": "DVA in final goods exports [1]",
    "DVA_INT": "DVA in intermediates absorbed by the direct importer [2]",
    "DVA_INTrexI1": "DVA in intermediates re-exported as intermediates, absorbed by third "
    "countries [3]",
    "DVA_INTrexF": "DVA in intermediates re-exported to third countries as final goods [4]",
    "DVA_INTrexI2": "DVA in intermediates re-exported as intermediates for third "
    "countries' exports [5]",
    "RDV_INT": "DVA returning home in intermediate imports, absorbed at home [8]",
    "RDV_FIN": "DVA returning home in final imports from the direct importer [6]",
    "RDV_FIN2": "DVA returning home in final imports from third countries [7]",
    "OVA_FIN": "Third countries' VA in final goods exports [14]",
    "MVA_FIN": "Direct importer's VA in final goods exports [11]",
    "OVA_INT": "Third countries' VA in intermediate exports [15]",
    "MVA_INT": "Direct importer's VA in intermediate exports [12]",
    "DDC_FIN": "Double-counted DVA returning home to produce final exports [9]",
    "DDC_INT": "Double-counted DVA returning home to produce intermediate exports [10]",
    "ODC": "Double-counted third countries' VA [16]",
    "MDC": "Double-counted direct importer's VA [13]",
}

#: Reading of each KWW term (KWW 2014 eq. 36 term number in brackets).
KWW_LABELS: dict[str, str] = {
    "DVA_FIN": "DVA in final goods exports [1]",
    "DVA_INT": "DVA in intermediates absorbed by direct importers [2]",
    "DVA_INTrex": "DVA in intermediates re-exported to third countries [3]",
    "RDV_FIN": "DVA returning home in final imports [4]",
    "RDV_INT": "DVA returning home in intermediate imports [5]",
    "DDC": "Double-counted domestic VA [6]",
    "FVA_FIN": "Foreign VA in final goods exports [7]",
    "FVA_INT": "Foreign VA in intermediate exports [8]",
    "FDC": "Double-counted foreign VA [9]",
}

#: Reading of each Borin–Mancini term.
BM_LABELS: dict[str, str] = {
    "DAVAX1": "DVA in final goods directly absorbed by the importer",
    "DAVAX2": "DVA in intermediates directly absorbed by the importer",
    "VAX3": "DVA re-exported by the importer as final goods, absorbed abroad",
    "VAX4": "DVA re-exported by the importer as intermediates, absorbed abroad",
    "REF1": "DVA reflected back home in final goods",
    "REF2": "DVA reflected back home in intermediates",
    "DDC": "Domestic double counting",
    "FVA": "Foreign value added",
    "FDC": "Foreign double counting",
}

_MONEY = Column("value", "Value", ",.0f")


def _share(name: str = "share", heading: str = "% of exports") -> Column:
    return Column(name, heading, ".2f")


@dataclass(frozen=True, kw_only=True)
class ValueAddedOrigin(Result):
    """Where the value added in an economy's gross exports comes from (Leontief / HIY).

    Attributes
    ----------
    economy, year
        The exporter (table code) and the table's year.
    sectors
        The exporting sectors covered.
    partner
        The importer, or ``None`` for exports to the world.
    terms
        One row per measure: ``label``, ``value`` (table unit), ``share`` (percent of
        the gross exports in the first row).
    sources
        Foreign value added by source country: ``name``, ``fva``, ``share`` (percent of
        gross exports), ``share_of_fva``.
    by_sector
        The measures for each exporting sector.
    """

    economy: str
    year: int | None
    sectors: tuple[str, ...]
    partner: str | None
    terms: pd.DataFrame
    sources: pd.DataFrame
    by_sector: pd.DataFrame

    @property
    def fva_share(self) -> float:
        """Foreign value added in percent of gross exports."""
        return float(self.terms["share"].loc["fva"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """``terms``, ``sources`` and ``sectors``."""
        return {
            "terms": self.terms.copy(),
            "sources": self.sources.copy(),
            "sectors": self.by_sector.copy(),
        }

    def views(self) -> list[View]:
        """The measures, then the ten largest foreign sources."""
        return [
            View("terms", [Column("label", "Measure"), _MONEY, _share()]),
            View(
                "sources",
                [
                    Column("source", "Source"),
                    Column("name", "Name"),
                    Column("fva", "FVA", ",.0f"),
                    _share(),
                    Column("share_of_fva", "% of FVA", ".1f"),
                ],
                title="Foreign value added by source country",
                max_rows=10,
            ),
        ]


@dataclass(frozen=True, kw_only=True)
class ExportDecomposition(Result):
    """Gross exports split into value-added terms (WWZ, KWW or Borin–Mancini).

    Attributes
    ----------
    method
        ``"wwz"``, ``"kww"`` or ``"borin-mancini"``.
    economies
        The exporters covered.
    year
        The table's year.
    terms
        One row per term, summed over the selection: ``label``, ``group`` (domestic
        value added, foreign value added, double counting) and, per perspective,
        ``value`` and ``share`` (percent of gross exports); Borin–Mancini has
        ``source``/``source_share`` and ``sink``/``sink_share``.
    by_partner
        Terms by importing country (summed over exporters and sectors).
    detail
        Every exporter × sector × partner with ``gross_exports`` and each term.
    """

    method: str
    economies: tuple[str, ...]
    year: int | None
    terms: pd.DataFrame
    by_partner: pd.DataFrame
    detail: pd.DataFrame = field(repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """``terms``, ``by_partner`` and ``detail``."""
        return {
            "terms": self.terms.copy(),
            "by_partner": self.by_partner.copy(),
            "detail": self.detail.copy(),
        }

    def views(self) -> list[View]:
        """The terms with their shares, then the largest partners."""
        if "sink" in self.terms.columns:
            columns = [
                Column("label", "Term"),
                Column("source", "Source-based", ",.0f"),
                _share("source_share", "%"),
                Column("sink", "Sink-based", ",.0f"),
                _share("sink_share", "%"),
            ]
        else:
            columns = [Column("label", "Term"), _MONEY, _share()]
        partner_columns = [Column("partner", "Partner"), Column("gross_exports", "Exports", ",.0f")]
        partner_columns += [
            Column(c, c, ".1f") for c in self.by_partner.columns if c.endswith("_pct")
        ]
        return [
            View("terms", columns),
            View(
                "by_partner",
                partner_columns,
                title="Largest partners (percent of exports to each)",
                max_rows=8,
            ),
        ]


@dataclass(frozen=True, kw_only=True)
class GVCPath(Result):
    """A decomposition year by year.

    Attributes
    ----------
    economy, method
        The exporter and the method (``hiy``, ``kww``, ``wwz``, ``borin-mancini``).
    sectors, partner
        The selection.
    path
        One row per year: ``gross_exports`` and each term's share (percent of gross
        exports); for ``hiy``, the foreign value-added share and its largest sources.
    long
        Year × term (or source) × value and share.
    """

    economy: str
    method: str
    sectors: tuple[str, ...]
    partner: str | None
    path: pd.DataFrame
    long: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``path`` (a row per year), ``long`` and ``by_term`` (a row per term, a column
        per year: share of gross exports)."""
        return {"path": self.path.copy(), "long": self.long.copy(), "by_term": self.by_term()}

    def by_term(self) -> pd.DataFrame:
        """Shares with one row per term (or source) and one column per year."""
        frame = self.long.pivot(index="term", columns="year", values="share")
        order = list(dict.fromkeys(self.long["term"]))
        frame = frame.loc[order]
        frame.columns = [str(c) for c in frame.columns]
        return frame

    def views(self) -> list[View]:
        """One row per year for ``hiy``; one row per term otherwise (terms are many)."""
        if self.method == "hiy":
            columns = [Column("year", "Year", "d"), Column("gross_exports", "Exports", ",.0f")]
            columns += [Column(c, c.removesuffix("_share"), ".2f") for c in self.path.columns[2:]]
            return [View("path", columns)]
        years = [str(y) for y in self.path["year"]]
        return [
            View(
                "by_term",
                [Column("term", "Term"), *(Column(y, y, ".1f") for y in years)],
                title=self.title,
            )
        ]


@dataclass(frozen=True, kw_only=True)
class Localisation(Result):
    """Foreign value added in exports and export dependence, by economy and year.

    Attributes
    ----------
    sector
        The sector whose exports are also shown (e.g. ``c14``).
    economies
        One row per economy and year: gross exports and their foreign value-added share,
        the sector's exports and their FVA share, manufacturing value added and the
        share of it absorbed by final demand abroad.
    sources
        The foreign value added in each economy's exports (all, and of the sector) by
        source country, percent of the gross exports.
    """

    sector: tuple[str, ...]
    economies: pd.DataFrame
    sources: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``economies`` and ``sources``."""
        return {"economies": self.economies.copy(), "sources": self.sources.copy()}

    def views(self) -> list[View]:
        """Economy × year with the three shares."""
        return [
            View(
                "economies",
                [
                    Column("economy", "Economy"),
                    Column("year", "Year", "d"),
                    Column("fva_share", "FVA % exports", ".1f"),
                    Column("sector_fva_share", "FVA % sector exports", ".1f"),
                    Column("manufacturing_abroad_share", "Mfg VA absorbed abroad %", ".1f"),
                ],
            )
        ]


@dataclass(frozen=True, kw_only=True)
class GVCIncome(Result):
    """Value added by country (and industry) in the final output of a product chain.

    Attributes
    ----------
    chain
        The sectors whose final products define the chain.
    completed_in
        The country where the final stage happens, or ``None`` for every country.
    by_country
        ``income`` (table unit) and ``share`` (percent of the chain's final output).
    by_industry
        The same by country-industry (largest first).
    """

    chain: tuple[str, ...]
    completed_in: str | None
    year: int | None
    by_country: pd.DataFrame
    by_industry: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``countries`` and ``industries``."""
        return {"countries": self.by_country.copy(), "industries": self.by_industry.copy()}

    def views(self) -> list[View]:
        """The countries with the largest income, then the largest country-industries."""
        return [
            View(
                "countries",
                [
                    Column("region", "Country"),
                    Column("name", "Name"),
                    Column("income", "GVC income", ",.0f"),
                    Column("share", "% of final output", ".2f"),
                ],
                max_rows=12,
            ),
            View(
                "industries",
                [
                    Column("region", "Country"),
                    Column("sector", "Industry"),
                    Column("income", "GVC income", ",.0f"),
                    Column("share", "% of final output", ".2f"),
                ],
                title="Largest contributing country-industries",
                max_rows=10,
            ),
        ]
