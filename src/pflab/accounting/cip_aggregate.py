"""China's aggregate TFP growth as CIP 4.0 measures it: an alternative to PWT.

CIP's ``Total`` rows give the whole economy's growth accounts on a value-added basis:

.. math::

    g(VA) = C_v(K\\text{-stock}) + C_v(K\\text{-quality}) + C_v(\\text{hours})
        + C_v(L\\text{-quality}) + TFP

with :math:`C_v(X) = \\bar s^X g(X)` (two-period average factor shares of value added).
Output is Wu's adjusted real value added, not the official GDP series that PWT 11.0
uses, which is why CIP's TFP growth is far lower than PWT 11.0's before 2008 and
negative after it. :func:`cip_aggregate` averages the terms over eras as ``pflab tfp``
does and sets them beside PWT 11.0 over the same years, splitting the TFP gap into its
output, capital and labour parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from pflab.accounting.eras import Era
from pflab.accounting.industry import cip_eras, cip_provenance, coverage_note
from pflab.data.cip import CIPData, load_cip, resolve_china
from pflab.provenance import Source
from pflab.result import Column, Result, View

if TYPE_CHECKING:
    from pflab.accounting.methods import Method
    from pflab.accounting.series import TFPSeries

__all__ = [
    "CIPAggregate",
    "cip_aggregate",
    "cip_annual",
    "cip_provider",
    "essay_comparison",
    "pwt_comparison",
]

_TERMS = {
    "va": "growth of real value added, whole economy (CIP's Total row)",
    "capital": "contribution of capital input (stock and quality)",
    "capital_stock": "contribution of the real net capital stock",
    "capital_quality": "contribution of capital quality (composition across assets)",
    "hours": "contribution of hours worked",
    "labour_quality": "contribution of labour quality (education, age, gender)",
    "tfp": "TFP growth, value-added basis (CIP's Total row of TFP(VA basis))",
}

#: The essay's TFP eras, for the comparison note: (label, its claim).
ESSAY_CLAIMS = (
    ("before 2008", "over 3 %"),
    ("the following decade", "about 1 %"),
    ("recently", "close to zero"),
)


def cip_annual(data: CIPData | None = None) -> pd.DataFrame:
    """CIP's whole-economy growth accounts by year (fractions), columns as the era table."""
    cip = data if data is not None else load_cip()
    t = cip.total
    frame = pd.DataFrame(
        {
            "va": t["g_va"],
            "capital_stock": t["cv_k_stock"],
            "capital_quality": t["cv_k_quality"],
            "hours": t["cv_hours"],
            "labour_quality": t["cv_l_quality"],
            "tfp": t["tfp_va"],
        }
    ).dropna()
    frame.insert(1, "capital", frame["capital_stock"] + frame["capital_quality"])
    frame.index.name = "year"
    return frame


def essay_comparison(annual: pd.DataFrame) -> str:
    """One sentence setting CIP's TFP eras against the essay's."""
    tfp = annual["tfp"] * 100
    before = tfp[(tfp.index >= 1988) & (tfp.index <= 2007)].mean()
    after = tfp[(tfp.index >= 2008) & (tfp.index <= 2017)].mean()
    return (
        f"Against the essay: CIP 4.0 gives {before:.2f} %/yr over 1988-2007 where the essay "
        f"cites over 3 % before 2008, and {after:.2f} %/yr over 2008-2017 where it cites "
        "about 1 %; CIP ends in 2017, so it says nothing on 'close to zero recently'."
    )


def pwt_comparison(
    annual: pd.DataFrame, era_list: list[tuple[Era, list[int]]]
) -> tuple[pd.DataFrame, Source]:
    """CIP against PWT 11.0 (method ``pwt``) over the same growth years, by era.

    Returns one row per era (output growth, capital and labour contributions and TFP of
    each, and the TFP gap split into its output, capital and labour parts, percent per
    year; the parts add up to the gap exactly) and PWT's source record.
    """
    from pflab.accounting.growth import growth_accounting

    result = growth_accounting("CHN", vintage="11.0")
    pwt = result.annual
    rows = []
    for era, years in era_list:
        common = [y for y in years if y in pwt.index]
        c = annual.loc[common].mean() * 100
        p = pwt.loc[common].mean() * 100
        p_labour = p["employment"] + p["hours"] + p["human_capital"]
        c_labour = c["hours"] + c["labour_quality"]
        rows.append(
            {
                "era": era.label,
                "years": len(common),
                "cip_output": c["va"],
                "pwt_output": p["gdp"],
                "cip_capital": c["capital"],
                "pwt_capital": p["capital"],
                "cip_labour": c_labour,
                "pwt_labour": p_labour,
                "cip_tfp": c["tfp"],
                "pwt_tfp": p["tfp"],
                "gap_tfp": c["tfp"] - p["tfp"],
                "gap_from_output": c["va"] - p["gdp"],
                "gap_from_capital": -(c["capital"] - p["capital"]),
                "gap_from_labour": -(c_labour - p_labour),
            }
        )
    return pd.DataFrame(rows), result.provenance.sources[0]


@dataclass(frozen=True, kw_only=True)
class CIPAggregate(Result):
    """CIP 4.0's aggregate growth accounts by era.

    Attributes
    ----------
    eras_table
        One row per era: growth of value added, the input contributions and TFP,
        percent per year.
    annual
        :func:`cip_annual` in percent, by year.
    """

    eras_table: pd.DataFrame
    annual: pd.DataFrame
    vs_pwt: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``eras``, ``vs_pwt`` (the gap to PWT 11.0 and its parts) and ``annual``."""
        return {
            "eras": self.eras_table.copy(),
            "vs_pwt": self.vs_pwt.copy(),
            "annual": self.annual.copy(),
        }

    def views(self) -> list[View]:
        """The era table."""
        return [
            View(
                "eras",
                [
                    Column("era", "Era"),
                    Column("covered", "Data years"),
                    Column("va", "Value added", "+.2f"),
                    Column("capital", "Capital", "+.2f"),
                    Column("hours", "Hours", "+.2f"),
                    Column("labour_quality", "Labour quality", "+.2f"),
                    Column("tfp", "TFP", "+.2f"),
                ],
            ),
            View(
                "vs_pwt",
                [
                    Column("era", "Era"),
                    Column("cip_tfp", "CIP TFP", "+.2f"),
                    Column("pwt_tfp", "PWT 11.0 TFP", "+.2f"),
                    Column("gap_tfp", "Gap", "+.2f"),
                    Column("gap_from_output", "from output", "+.2f"),
                    Column("gap_from_capital", "from capital", "+.2f"),
                    Column("gap_from_labour", "from labour", "+.2f"),
                ],
                title="CIP 4.0 against PWT 11.0 (official GDP) over the same years, percent "
                "per year",
            ),
        ]

    def tfp(self, era: str) -> float:
        """TFP growth of one era (by label), percent per year."""
        row = self.eras_table[self.eras_table["era"] == era]
        return float(row["tfp"].iloc[0])


def cip_aggregate(
    economy: str = "CHN",
    eras: str | Iterable[str | Era] | None = None,
    *,
    data: CIPData | None = None,
) -> CIPAggregate:
    """China's aggregate TFP growth by era from CIP 4.0 (value-added basis).

    Parameters
    ----------
    economy
        Must be China (CIP covers China only).
    eras
        Eras as for :func:`pflab.accounting.parse_eras` (default 1988-2007, 2008-2017);
        an era without any CIP year (before 1988 or after 2017) is an error.
    data
        CIP 4.0 as read by :func:`pflab.data.cip.read_cip` (default: the embedded series).

    Returns
    -------
    CIPAggregate
    """
    code = resolve_china(economy)
    cip = data if data is not None else load_cip()
    annual = cip_annual(cip)
    era_list = cip_eras(eras, annual.index)
    rows = []
    for era, years in era_list:
        means = annual.loc[years].mean() * 100
        rows.append(
            {
                "economy": code,
                "era": era.label,
                "first_year": years[0],
                "last_year": years[-1],
                "years": len(years),
                "covered": f"{years[0]}–{years[-1]} ({len(years)})",
                **{k: float(means[k]) for k in annual.columns},
                "series": "CIP 4.0",
            }
        )
    columns = {
        "economy": "ISO code",
        "era": "growth years averaged, START-END",
        "first_year": "first growth year averaged",
        "last_year": "last growth year averaged",
        "years": "number of growth years averaged",
        "covered": "growth years with data (count)",
        "series": "data series",
        **{k: f"{v}, percent per year" for k, v in _TERMS.items()},
        "cip_output": "CIP: growth of real value added, %/yr",
        "pwt_output": "PWT 11.0: growth of real GDP (rgdpna), %/yr",
        "cip_capital": "CIP: contribution of capital input, %/yr",
        "pwt_capital": "PWT 11.0: contribution of capital services, %/yr",
        "cip_labour": "CIP: contribution of hours and labour quality, %/yr",
        "pwt_labour": "PWT 11.0: contribution of persons, hours and human capital, %/yr",
        "cip_tfp": "CIP: TFP growth, %/yr",
        "pwt_tfp": "PWT 11.0: TFP growth (method pwt), %/yr",
        "gap_tfp": "CIP TFP − PWT TFP, pp",
        "gap_from_output": "part of the gap from output growth (CIP − PWT), pp",
        "gap_from_capital": "part of the gap from capital (PWT − CIP contribution), pp",
        "gap_from_labour": "part of the gap from labour (PWT − CIP contribution), pp",
    }
    vs_pwt, pwt_source = pwt_comparison(annual, era_list)
    first = vs_pwt.iloc[0]
    gap_note = (
        f"Against PWT 11.0 over {first['era']}: CIP's TFP growth is {first['gap_tfp']:+.2f} "
        f"pp different: {first['gap_from_output']:+.2f} from output growth (Wu's adjusted "
        f"value added against official GDP), {first['gap_from_capital']:+.2f} from the "
        f"capital contribution and {first['gap_from_labour']:+.2f} from labour (table "
        "vs_pwt)."
    )
    notes = (
        "Percent per year (100 × average annual log growth); an era START-END averages "
        "the growth from START-1→START through END-1→END.",
        "Whole economy on a value-added basis: CIP's Total rows (value added = Σ industry "
        "shares × industry growth; capital and labour input with quality adjustment). "
        "Value added is Wu's adjusted series, not official GDP.",
        essay_comparison(annual),
        gap_note,
        *coverage_note(era_list),
        "Industry contributions and reallocation: pflab tfp CHN --by-industry.",
    )
    provenance = cip_provenance(
        cip,
        {"eras": [e.label for e, _ in era_list]},
        method="cip4-aggregate",
        description="CIP 4.0's whole-economy growth accounts (Total rows): value-added "
        "growth less the contributions of capital and labour input, with two-period "
        "average factor shares; PWT 11.0 beside it over the same years.",
    )
    return CIPAggregate(
        title="Sources of value-added growth, China (CIP 4.0 aggregate)",
        provenance=replace(provenance, sources=(*provenance.sources, pwt_source)),
        notes=notes,
        columns=columns,
        eras_table=pd.DataFrame(rows),
        annual=(annual * 100).reset_index(),
        vs_pwt=vs_pwt,
    )


def cip_provider(economy: str, methods: Sequence[Method]) -> list[TFPSeries]:
    """CIP 4.0's aggregate TFP growth as a series for the sensitivity band.

    Registered as ``"cip4"`` in :data:`pflab.accounting.series.TFP_SERIES`. A TFP-only
    series: ``methods`` do not apply (CIP publishes its own quality-adjusted accounts).

    Raises
    ------
    pflab.errors.LookupFailedError
        For an economy other than China.
    """
    from pflab.accounting.series import TFPSeries

    code = resolve_china(economy)
    cip = load_cip()
    return [
        TFPSeries(
            vintage="cip4",
            series="CIP 4.0",
            method="cip4",
            method_label="CIP Total row · value added (Wu) · quality-adjusted K and L",
            economy=code,
            country="China",
            tfp=cip_annual(cip)["tfp"],
            source=cip.source,
        )
    ]
