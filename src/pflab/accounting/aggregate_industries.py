"""From industry TFP to the economy's: aggregation with reallocation, and Hulten's view.

Jorgenson's aggregate production possibility frontier (Jorgenson, Ho and Stiroh 2005,
ch. 8; Jorgenson and Schreyer 2013) splits aggregate TFP growth on a value-added basis
into the value-added-weighted TFP growth of industries and the reallocation of capital
and labour among industries with different marginal products:

.. math::

    TFP = \\sum_i \\bar w_i\\, TFP^{VA}_i
        + \\Big[\\sum_i \\bar w_i \\bar s^K_i g(K_i) - \\bar s^K g(K)\\Big]
        + \\Big[\\sum_i \\bar w_i \\bar s^L_i g(L_i) - \\bar s^L g(L)\\Big]

with :math:`\\bar w_i` the two-period average share of industry ``i`` in nominal value
added, :math:`\\bar s^K_i, \\bar s^L_i` its capital and labour shares of value added,
``g(K)``, ``g(L)`` the economy's capital and labour input growth (CIP's ``Total`` rows,
which CIP builds directly from the aggregate inputs) and :math:`\\bar s^K, \\bar s^L` the
aggregate shares. Aggregate value-added growth is :math:`\\sum_i \\bar w_i g(VA_i)`.
Built from CIP's own series this reproduces the ``Total`` row of ``TFP(VA basis)`` to
about 1e-16 (a test holds it to 1e-12).

Beside it, Hulten's (1978) view: the Domar-weighted sum of gross-output TFP growth,
:math:`\\sum_i \\bar d_i TFP^{GO}_i` with :math:`\\bar d_i` the two-period average ratio
of industry gross output to aggregate value added. It counts each industry's efficiency
gain and its pass-through to users, but not the reallocation of primary inputs; the gap
between the two is mostly those reallocation terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from pflab.accounting.eras import Era
from pflab.accounting.industry import (
    INDUSTRY_GROUPS,
    cip_eras,
    cip_provenance,
    code_ranges,
    coverage_note,
    era_means,
    group_of,
    industry_accounts,
    industry_labels,
    two_period,
)
from pflab.data.cip import CIP_CODES, CIPData, load_cip
from pflab.errors import ParameterError
from pflab.result import Column, Result, View

__all__ = [
    "AGGREGATE_TERMS",
    "IndustryAggregation",
    "aggregate_industries",
    "aggregate_terms",
    "industry_weights",
]

Basis = Literal["va", "go"]

#: Annual columns of :func:`aggregate_terms`, with their meaning.
AGGREGATE_TERMS: dict[str, str] = {
    "g_va": "aggregate value-added growth, Σ w̄ᵢ g(VAᵢ)",
    "within": "Σ w̄ᵢ TFPᵢ (value-added basis): industries' own TFP growth",
    "capital_reallocation": "Σ w̄ᵢ s̄ᴷᵢ g(Kᵢ) − s̄ᴷ g(K)",
    "labour_reallocation": "Σ w̄ᵢ s̄ᴸᵢ g(Lᵢ) − s̄ᴸ g(L)",
    "tfp": "aggregate TFP growth, value-added basis (within + reallocation)",
    "cip_tfp": "CIP's published Total row of TFP(VA basis)",
    "hulten": "Σ d̄ᵢ TFPᵢ (gross-output basis), d̄ᵢ = GOᵢ / aggregate VA (Hulten)",
    "gap": "tfp − hulten",
}


def industry_weights(cip: CIPData) -> pd.DataFrame:
    """Two-period average weights by industry and year: ``va_weight`` and ``domar``.

    ``va_weight`` is the share in aggregate nominal value added (CIP's "two-period
    average industry weight" of ``Nominal VA``); ``domar`` is gross output over aggregate
    value added. Index (``code``, ``year``), growth years only.
    """
    total_va = cip.total["va"]
    frames = {
        "va_weight": two_period(cip.wide("va") / total_va),
        "domar": two_period(cip.wide("go") / total_va),
    }
    out = pd.DataFrame({k: v.stack(future_stack=True) for k, v in frames.items()})
    out.index = out.index.set_names(["code", "year"])
    return out.dropna()


def aggregate_terms(cip: CIPData, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """The aggregation identity year by year (fractions), columns :data:`AGGREGATE_TERMS`.

    Parameters
    ----------
    cip
        CIP 4.0.
    annual
        :func:`pflab.accounting.industry.industry_accounts` of ``cip`` (computed if absent).
    """
    annual = industry_accounts(cip) if annual is None else annual
    joined = annual.join(industry_weights(cip), how="inner")
    w = joined["va_weight"]
    by_year = (
        joined.assign(
            wg=w * joined["g_va"],
            wt=w * joined["tfp_va"],
            wk=w * joined["s_k"] * joined["g_k"],
            wl=w * joined["s_l"] * joined["g_l"],
            dt=joined["domar"] * joined["tfp_go"],
        )
        .groupby(level="year")[["wg", "wt", "wk", "wl", "dt"]]
        .sum()
    )
    total = cip.total
    s_k = 0.5 * (total["kc"] / total["va"] + (total["kc"] / total["va"]).shift(1))
    s_l = 0.5 * (total["lc"] / total["va"] + (total["lc"] / total["va"]).shift(1))
    g_k = pd.Series(_dlog(total["k_input"]), index=total.index)
    g_l = pd.Series(_dlog(total["l_input"]), index=total.index)
    years = by_year.index
    out = pd.DataFrame(index=years)
    out["g_va"] = by_year["wg"]
    out["within"] = by_year["wt"]
    out["capital_reallocation"] = by_year["wk"] - (s_k * g_k).reindex(years)
    out["labour_reallocation"] = by_year["wl"] - (s_l * g_l).reindex(years)
    out["tfp"] = out["within"] + out["capital_reallocation"] + out["labour_reallocation"]
    out["cip_tfp"] = total["tfp_va"].reindex(years)
    out["hulten"] = by_year["dt"]
    out["gap"] = out["tfp"] - out["hulten"]
    out.index.name = "year"
    return out


def _dlog(series: pd.Series) -> pd.Series:
    import numpy as np

    return pd.Series(np.log(series), index=series.index).diff()


def _check_memo(memo: Mapping[str, Mapping[int, float]] | None) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for name, weights in (memo or {}).items():
        clean: dict[int, float] = {}
        for code, share in weights.items():
            try:
                key = int(code)
            except (TypeError, ValueError):
                key = -1
            if key not in CIP_CODES:
                raise ParameterError("memo", f"{name!r}: {code!r} is not a CIP code (1-37)")
            value = float(share)
            if not 0.0 <= value <= 1.0:
                raise ParameterError(
                    "memo", f"{name!r}: share of CIP {key} is {share!r}; expected 0 to 1"
                )
            clean[key] = value
        if not clean:
            raise ParameterError("memo", f"{name!r} has no industry weights")
        out[str(name)] = clean
    return out


_ROW_COLUMNS = {
    "item": "what the row measures",
    "kind": "group (industry-group contribution), sum, reallocation, aggregate, check "
    "(CIP's own Total), memo (programme set, partial industry shares), hulten, gap",
}


@dataclass(frozen=True, kw_only=True)
class IndustryAggregation(Result):
    """Aggregate TFP growth of China built up from 37 CIP industries, by era.

    Attributes
    ----------
    contributions
        One row per item (groups, reallocation terms, aggregate, memo rows, Hulten and
        gap), one column per era: percentage points per year.
    groups
        One row per group and era: ``va_share``, ``employment_share``, own ``tfp``
        (weighted mean of its industries) and ``contribution``.
    industries
        One row per industry: contribution and TFP growth per era.
    annual
        :func:`aggregate_terms` in percent, by year.
    basis
        ``"va"`` (value-added TFP, value-added weights) or ``"go"`` (gross-output TFP,
        Domar weights) for the group and industry rows.
    """

    contributions: pd.DataFrame
    groups: pd.DataFrame
    industries: pd.DataFrame
    annual: pd.DataFrame
    basis: Basis = "va"

    def tables(self) -> dict[str, pd.DataFrame]:
        """``contributions``, ``industries``, ``groups`` and ``annual``."""
        return {
            "contributions": self.contributions.copy(),
            "industries": self.industries.copy(),
            "groups": self.groups.copy(),
            "annual": self.annual.copy(),
        }

    @property
    def era_labels(self) -> list[str]:
        """The eras, in order."""
        return [c for c in self.contributions.columns if c not in ("item", "kind")]

    def views(self) -> list[View]:
        """Contributions by era, then industries by era."""
        eras = [Column(e, e, "+.2f") for e in self.era_labels]
        industry_cols = [Column("code", "CIP"), Column("acronym", "Ind."), Column("group", "Group")]
        for era in self.era_labels:
            industry_cols += [
                Column(f"tfp {era}", f"TFP {era}", "+.2f"),
                Column(f"contribution {era}", f"contrib. {era}", "+.3f"),
            ]
        return [
            View("contributions", [Column("item", "Percent per year"), *eras]),
            View(
                "industries",
                industry_cols,
                title="Industries: TFP growth and weighted contribution (percent per year)",
            ),
        ]

    def value(self, item: str, era: str) -> float:
        """One cell of :attr:`contributions` by item (or kind) and era label."""
        rows = self.contributions[
            (self.contributions["item"] == item) | (self.contributions["kind"] == item)
        ]
        if len(rows) != 1 or era not in rows.columns:
            raise ParameterError("item", f"no single row {item!r} with era {era!r}")
        return float(rows[era].iloc[0])


_GROUP_LABELS = {g.key: g.label for g in INDUSTRY_GROUPS}


def aggregate_industries(
    eras: str | Iterable[str | Era] | None = None,
    *,
    basis: Basis = "va",
    memo: Mapping[str, Mapping[int, float]] | None = None,
    data: CIPData | None = None,
) -> IndustryAggregation:
    """Which industries carried China's TFP growth, and what reallocation added.

    Parameters
    ----------
    eras
        Eras as for :func:`pflab.accounting.parse_eras` (default 1988-2007, 2008-2017).
    basis
        ``"va"``: industry TFP on a value-added basis weighted by value-added shares
        (Jorgenson; rows add up with the reallocation terms to aggregate TFP).
        ``"go"``: gross-output TFP with Domar weights (Hulten; rows add up to the
        Domar-weighted sum).
    memo
        Extra rows for programme sets: name → {CIP code: share of the industry in the
        set, 0-1}. The accounting layer does not read the policy registry; a caller
        resolves programmes to such partial shares (e.g. through ``pflab.policy``).
    data
        CIP 4.0 as read by :func:`pflab.data.cip.read_cip` (default: the embedded series).

    Returns
    -------
    IndustryAggregation

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown basis, an era without CIP data, or memo weights that are not
        CIP codes with shares between 0 and 1.
    """
    if basis not in ("va", "go"):
        raise ParameterError("basis", f"{basis!r}; expected 'va' or 'go'")
    memo_weights = _check_memo(memo)
    cip = data if data is not None else load_cip()
    annual = industry_accounts(cip)
    terms = aggregate_terms(cip, annual)
    weights = industry_weights(cip)
    joined = annual.join(weights, how="inner")
    if basis == "va":
        joined["weight"], joined["own"] = joined["va_weight"], joined["tfp_va"]
    else:
        joined["weight"], joined["own"] = joined["domar"], joined["tfp_go"]
    joined["contribution"] = joined["weight"] * joined["own"]
    codes = joined.index.get_level_values("code")
    joined["group"] = [group_of(int(c)).key for c in codes]
    employment = cip.wide("employment")
    emp_share = (employment / employment.sum()).stack(future_stack=True)
    emp_share.index = emp_share.index.set_names(["code", "year"])
    joined["employment_share"] = emp_share.reindex(joined.index)
    era_list = cip_eras(eras, terms.index)
    labels = industry_labels(cip)

    contributions: dict[str, list[tuple[str, str, float]]] = {}
    group_rows = []
    industry_frames = []
    for era, years in era_list:
        part = joined[joined.index.get_level_values("year").isin(years)]
        rows: list[tuple[str, str, float]] = []
        by_group = part.groupby(["group", "year"])[
            ["contribution", "weight", "va_weight", "employment_share"]
        ].sum()
        for group in INDUSTRY_GROUPS:
            g = by_group.loc[group.key]
            contribution = float(g["contribution"].mean()) * 100
            rows.append((group.label, "group", contribution))
            group_rows.append(
                {
                    "group": group.label,
                    "era": era.label,
                    "industries": len(group.codes),
                    "va_share": float(g["va_weight"].mean()) * 100,
                    "employment_share": float(g["employment_share"].mean()) * 100,
                    "tfp": float((g["contribution"] / g["weight"]).mean()) * 100,
                    "contribution": contribution,
                }
            )
        means = era_means(terms, years) * 100
        m = {k: float(means[k].iloc[0]) for k in terms.columns}
        if basis == "va":
            rows += [
                ("Σ industries (value-added weights)", "sum", m["within"]),
                ("Capital reallocation", "reallocation", m["capital_reallocation"]),
                ("Labour reallocation", "reallocation", m["labour_reallocation"]),
                ("Aggregate TFP (value-added basis)", "aggregate", m["tfp"]),
                ("CIP's own Total row", "check", m["cip_tfp"]),
            ]
        else:
            rows += [
                ("Σ industries (Domar weights)", "sum", m["hulten"]),
            ]
        for name, shares in memo_weights.items():
            share_of = part.index.get_level_values("code").map(shares).fillna(0.0)
            weighted = part["contribution"] * share_of.to_numpy(dtype="float64")
            value = float(weighted.groupby(level="year").sum().mean())
            rows.append((f"Memo: {name}", "memo", value * 100))
        if basis == "va":
            rows += [
                ("Hulten: Domar-weighted Σ gross-output TFP", "hulten", m["hulten"]),
                ("Gap: aggregate − Hulten", "gap", m["gap"]),
            ]
        else:
            rows += [
                ("Aggregate TFP (value-added basis)", "aggregate", m["tfp"]),
                ("CIP's own Total row", "check", m["cip_tfp"]),
                ("Gap: aggregate − Hulten", "gap", m["gap"]),
                ("of which capital reallocation", "reallocation", m["capital_reallocation"]),
                ("of which labour reallocation", "reallocation", m["labour_reallocation"]),
                (
                    "of which Σ w̄ᵢ TFPᵢ(VA) − Hulten",
                    "residual",
                    m["within"] - m["hulten"],
                ),
            ]
        contributions[era.label] = rows
        ind = part.groupby(level="code")[["own", "contribution"]].mean() * 100
        ind.columns = [f"tfp {era.label}", f"contribution {era.label}"]
        industry_frames.append(ind)

    first = next(iter(contributions.values()))
    table = pd.DataFrame({"item": [r[0] for r in first], "kind": [r[1] for r in first]})
    for label, rows in contributions.items():
        table[label] = [r[2] for r in rows]
    industries = labels.join(pd.concat(industry_frames, axis=1))
    industries.index.name = "code"
    annual_pct = terms * 100
    weight_name = "value-added" if basis == "va" else "Domar"
    tfp_name = "value-added" if basis == "va" else "gross-output"
    columns = {
        **_ROW_COLUMNS,
        **{e.label: f"percent per year over {e.label}" for e, _ in era_list},
        **{f"tfp {e.label}": f"industry TFP growth ({tfp_name} basis), %/yr" for e, _ in era_list},
        **{
            f"contribution {e.label}": f"{weight_name}-weighted TFP growth, pp per year"
            for e, _ in era_list
        },
        "code": "CIP industry code",
        "acronym": "CIP acronym",
        "industry": "CIP industry description",
        "group": "industry group",
        "era": "growth years averaged",
        "industries": "number of CIP industries in the group",
        "va_share": "share in nominal value added (two-period average), percent",
        "employment_share": "share in persons employed (CIP 3.1), percent",
        "tfp": f"group TFP growth ({tfp_name} basis, {weight_name}-weighted mean), %/yr",
        "contribution": f"{weight_name}-weighted TFP growth of the group, pp per year",
        **{k: f"{v}; percent" for k, v in AGGREGATE_TERMS.items()},
    }
    gap_check = float((terms["tfp"] - terms["cip_tfp"]).abs().max())
    notes = (
        "Percent per year (100 × average annual log growth); an era START-END averages "
        "the growth from START-1→START through END-1→END.",
        "Aggregate TFP (value-added basis) = Σ w̄ᵢ TFPᵢ + capital reallocation + labour "
        "reallocation (Jorgenson); w̄ᵢ are two-period average value-added shares. "
        f"pflab's aggregate equals CIP's own Total row to {gap_check:.1e} in every year.",
        "Hulten view: Σ d̄ᵢ TFPᵢ on a gross-output basis with Domar weights d̄ᵢ = gross "
        "output / aggregate value added; it leaves out the reallocation of capital and "
        "labour, which is most of the gap.",
        "Groups: " + "; ".join(f"{g.label} = CIP {code_ranges(g.codes)}" for g in INDUSTRY_GROUPS)
        + ". ICT producing follows the OECD ICT-sector definition (docs/industry.md).",
        *(
            ["Memo rows weight each industry's contribution by the programme's share of it; "
             "they overlap the groups and are not added to the total."]
            if memo_weights else []
        ),
        "CIP 4.0 measures output with Wu's adjusted series, not the official GDP: its "
        "aggregate TFP grows about 1.2 %/yr over 1988-2007, not the 'over 3 %' the essay "
        "cites for the years before 2008 (PWT 11.0 on official GDP gives about 3.5).",
        *coverage_note(era_list),
    )  # fmt: skip
    return IndustryAggregation(
        title=f"Where China's TFP growth came from: industry contributions and reallocation "
        f"(CIP 4.0, {'value-added' if basis == 'va' else 'gross-output'} basis)",
        provenance=cip_provenance(
            cip,
            {
                "eras": [e.label for e, _ in era_list],
                "basis": basis,
                "memo": {k: dict(sorted(v.items())) for k, v in memo_weights.items()},
            },
        ),
        notes=notes,
        columns=columns,
        contributions=table,
        groups=pd.DataFrame(group_rows),
        industries=industries.reset_index(),
        annual=annual_pct.reset_index(),
        basis=basis,
    )
