"""Industry growth accounts: TFP growth of CIP 4.0's 37 industries, computed by pflab.

For industry ``i`` and the growth interval ``t−1 → t`` (labelled ``t``), with nominal
gross output ``GO``, intermediate input ``II``, value added ``VA = GO − II``, capital
compensation ``KC`` and labour compensation ``LC = VA − KC`` (Jorgenson, Gollop and
Fraumeni 1987; Jorgenson, Ho and Stiroh 2005, ch. 2):

.. math::

    \\bar v^X_{i,t} = \\tfrac12\\Big(\\frac{X_{i,t}}{GO_{i,t}}
        + \\frac{X_{i,t-1}}{GO_{i,t-1}}\\Big),\\ X \\in \\{II, KC, LC\\}
    \\qquad
    \\bar s^X_{i,t} = \\tfrac12\\Big(\\frac{X_{i,t}}{VA_{i,t}}
        + \\frac{X_{i,t-1}}{VA_{i,t-1}}\\Big),\\ X \\in \\{KC, LC\\}

    g(VA_i) = \\frac{g(GO_i) - \\bar v^{II}_i g(II_i)}{1 - \\bar v^{II}_i}
    \\qquad\\text{(Törnqvist double deflation)}

    TFP^{GO}_i = g(GO_i) - \\bar v^{II}_i g(II_i) - \\bar v^K_i g(K_i) - \\bar v^L_i g(L_i)

    TFP^{VA}_i = g(VA_i) - \\bar s^K_i g(K_i) - \\bar s^L_i g(L_i)

where ``g(·)`` is a log difference, ``g(K) = g(K-stock) + g(K-quality)`` the growth of
capital input and ``g(L) = g(Hours) + g(L-quality)`` that of labour input. The inputs are
CIP's primitives (nominal values, real output and intermediate-input growth, input
indices); the result reproduces CIP's own ``g(VA)``, ``TFP(GO basis)`` and
``TFP(VA basis)`` sheets to about 1e-16 for every industry and year (a test holds it to
1e-6 as the issue asks).

The seven industry groups of :data:`INDUSTRY_GROUPS` partition the 37 industries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.eras import Era, parse_eras
from pflab.data.cip import CIP_CODES, CIPData, load_cip
from pflab.errors import DataError, ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = [
    "CIP_ERAS",
    "INDUSTRY_GROUPS",
    "IndustryGroup",
    "IndustryTFP",
    "cip_eras",
    "era_means",
    "group_of",
    "industry_accounts",
    "industry_tfp",
]


@dataclass(frozen=True)
class IndustryGroup:
    """A named set of CIP industries.

    Attributes
    ----------
    key
        Short name used on the command line (``"ict"``).
    label
        What it is, for tables.
    codes
        CIP codes of its industries.
    basis
        Why these industries.
    """

    key: str
    label: str
    codes: tuple[int, ...]
    basis: str


#: Seven groups partitioning the 37 CIP industries (a test checks the partition).
INDUSTRY_GROUPS: tuple[IndustryGroup, ...] = (
    IndustryGroup(
        "ict",
        "ICT producing",
        (21, 30),
        "OECD ICT-sector definition on ISIC Rev.4 (2610-2680 without instruments; 582, "
        "61, 62, 631) mapped to CIP: electronic and telecommunication equipment (21) and "
        "information and computer services (30).",
    ),
    IndustryGroup(
        "manufacturing",
        "Other manufacturing",
        (*range(6, 21), 22, 23, 24),
        "Manufacturing (CIP 6-24) without ICT equipment (21).",
    ),
    IndustryGroup(
        "mining-utilities",
        "Mining and utilities",
        (2, 3, 4, 5, 25),
        "Mining (CIP 2-5) and power, gas and water supply (25).",
    ),
    IndustryGroup(
        "construction-real-estate",
        "Construction and real estate",
        (26, 32),
        "Construction (26) and real estate services (32).",
    ),
    IndustryGroup(
        "market-services",
        "Market services",
        (27, 28, 29, 31, 33, 37),
        "Trade, hotels, transport, finance, business services and cultural and personal "
        "services (CIP 27-29, 31, 33, 37).",
    ),
    IndustryGroup(
        "non-market-services",
        "Non-market services",
        (34, 35, 36),
        "Public administration, education, health (CIP 34-36), whose output is measured "
        "largely by inputs.",
    ),
    IndustryGroup("agriculture", "Agriculture", (1,), "Agriculture, forestry and fishing (1)."),
)

#: The default eras for CIP data (growth years 1988-2017).
CIP_ERAS: tuple[Era, ...] = (Era(1988, 2007), Era(2008, 2017))


def group_of(code: int) -> IndustryGroup:
    """The group of a CIP industry."""
    for group in INDUSTRY_GROUPS:
        if code in group.codes:
            return group
    raise ParameterError("code", f"{code!r} is not a CIP industry code (1-37)")


def code_ranges(codes: tuple[int, ...]) -> str:
    """CIP codes as ranges: ``(6, 7, 8, 22)`` → ``"6-8, 22"``."""
    runs: list[str] = []
    start = prev = codes[0]
    for code in (*codes[1:], None):
        if code is not None and code == prev + 1:
            prev = code
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if code is not None:
            start = prev = code
    return ", ".join(runs)


def get_group(key: str) -> IndustryGroup:
    """A group by its key or label (case-insensitive).

    Raises
    ------
    pflab.errors.ParameterError
        Naming the known groups.
    """
    wanted = key.strip().lower().replace("_", "-").replace(" ", "-")
    for group in INDUSTRY_GROUPS:
        if wanted in (group.key, group.label.lower().replace(" ", "-")):
            return group
    raise ParameterError(
        "group", f"{key!r} is not an industry group; choose one of "
        + ", ".join(g.key for g in INDUSTRY_GROUPS)
    )  # fmt: skip


def two_period(frame: pd.DataFrame) -> pd.DataFrame:
    return 0.5 * (frame + frame.shift(1, axis=1))


def _dlog(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(np.log(frame)).diff(axis=1)


def industry_accounts(cip: CIPData) -> pd.DataFrame:
    """Törnqvist growth accounts of every CIP industry (the formulas of the module).

    Parameters
    ----------
    cip
        CIP 4.0 (:func:`pflab.data.cip.load_cip` or :func:`pflab.data.cip.read_cip`).

    Returns
    -------
    pandas.DataFrame
        Index (``code``, ``year``) for the growth years (1988-2017); log differences and
        shares as fractions: ``v_ii``, ``v_k``, ``v_l`` (two-period average shares in
        gross output), ``s_k``, ``s_l`` (in value added), ``g_go``, ``g_ii``, ``g_va``
        (pflab's double deflation), ``g_k``, ``g_k_stock``, ``g_k_quality``, ``g_l``,
        ``g_hours``, ``g_l_quality``, the contributions ``cg_ii``, ``cg_k_stock``,
        ``cg_k_quality``, ``cg_hours``, ``cg_l_quality`` (gross-output basis) and
        ``cv_k_stock``, ``cv_k_quality``, ``cv_hours``, ``cv_l_quality`` (value-added
        basis), ``tfp_go``, ``tfp_va``, and CIP's published ``cip_g_va``,
        ``cip_tfp_go``, ``cip_tfp_va``. Each basis adds up exactly:
        ``g_go = cg_* + tfp_go`` and ``g_va = cv_* + tfp_va``.
    """
    w = cip.wide
    go, ii, va, kc, lc = (w(v) for v in ("go", "ii", "va", "kc", "lc"))
    v_ii, v_k, v_l = (two_period(x / go) for x in (ii, kc, lc))
    s_k, s_l = (two_period(x / va) for x in (kc, lc))
    g_go, g_ii = w("g_go"), w("g_ii")
    g_va = (g_go - v_ii * g_ii) / (1.0 - v_ii)
    g_k_stock, g_k_quality = _dlog(w("k_stock")), _dlog(w("k_quality"))
    g_hours, g_l_quality = _dlog(w("hours")), _dlog(w("l_quality"))
    g_k, g_l = _dlog(w("k_input")), _dlog(w("l_input"))
    parts = {
        "v_ii": v_ii,
        "v_k": v_k,
        "v_l": v_l,
        "s_k": s_k,
        "s_l": s_l,
        "g_go": g_go,
        "g_ii": g_ii,
        "g_va": g_va,
        "g_k": g_k,
        "g_k_stock": g_k_stock,
        "g_k_quality": g_k_quality,
        "g_l": g_l,
        "g_hours": g_hours,
        "g_l_quality": g_l_quality,
        "cg_ii": v_ii * g_ii,
        "cg_k_stock": v_k * g_k_stock,
        "cg_k_quality": v_k * g_k_quality,
        "cg_hours": v_l * g_hours,
        "cg_l_quality": v_l * g_l_quality,
        "cv_k_stock": s_k * g_k_stock,
        "cv_k_quality": s_k * g_k_quality,
        "cv_hours": s_l * g_hours,
        "cv_l_quality": s_l * g_l_quality,
        "tfp_go": g_go - v_ii * g_ii - v_k * g_k - v_l * g_l,
        "tfp_va": g_va - s_k * g_k - s_l * g_l,
        "cip_g_va": w("g_va"),
        "cip_tfp_go": w("tfp_go"),
        "cip_tfp_va": w("tfp_va"),
    }
    frame = pd.DataFrame({k: v.stack(future_stack=True) for k, v in parts.items()})
    frame.index = frame.index.set_names(["code", "year"])
    frame = frame.dropna(subset=["g_go", "g_va", "tfp_go", "tfp_va"]).sort_index()
    if frame.empty:
        raise DataError("CIP data hold no growth year with every input present")
    return frame


def cip_eras(
    eras: str | Iterable[str | Era] | None, years: Iterable[int]
) -> list[tuple[Era, list[int]]]:
    """Parse eras (default :data:`CIP_ERAS`) and the growth years of each in ``years``.

    Raises
    ------
    pflab.errors.ParameterError
        If an era holds no year of the data (CIP's growth years are 1988-2017).
    """
    available = sorted({int(y) for y in years})
    chosen = list(CIP_ERAS) if eras is None else parse_eras(eras)
    out = []
    for era in chosen:
        inside = [y for y in available if era.contains(y)]
        if not inside:
            raise ParameterError(
                "eras",
                f"era {era.label} holds no year of CIP 4.0, whose growth years are "
                f"{available[0]}-{available[-1]}",
            )
        out.append((era, inside))
    return out


def era_means(frame: pd.DataFrame, years: list[int], level: str = "year") -> pd.DataFrame:
    """Mean over the given years of a frame indexed by year (or with a year level)."""
    index = frame.index.get_level_values(level) if frame.index.nlevels > 1 else frame.index
    part = frame[np.isin(index, years)]
    if frame.index.nlevels > 1:
        others = [n for n in frame.index.names if n != level]
        return part.groupby(level=others, sort=False).mean()
    return part.mean().to_frame().T


def coverage_note(eras: list[tuple[Era, list[int]]]) -> list[str]:
    """Notes for eras whose span reaches beyond the years CIP covers."""
    lines = []
    for era, years in eras:
        span = (era.end or years[-1]) - era.start + 1
        if len(years) < span:
            lines.append(
                f"{era.label}: CIP 4.0 covers only {years[0]}-{years[-1]} "
                f"({len(years)} of {span} years)."
            )
    return lines


_TFP_COLUMNS = {
    "code": "CIP industry code (1-37)",
    "acronym": "CIP acronym",
    "industry": "CIP industry description",
    "group": "industry group (pflab.accounting.INDUSTRY_GROUPS)",
    "era": "growth years averaged, START-END (growth START-1→START through END-1→END)",
    "years": "number of growth years averaged",
    "g_go": "growth of real gross output, percent per year",
    "g_va": "growth of real value added (pflab's double deflation), percent per year",
    "tfp_go": "TFP growth, gross-output basis (pflab), percent per year",
    "tfp_va": "TFP growth, value-added basis (pflab), percent per year",
    "cip_tfp_go": "CIP's published TFP growth, gross-output basis, percent per year",
    "cip_tfp_va": "CIP's published TFP growth, value-added basis, percent per year",
    "va_share": "two-period average share of the industry in value added, percent",
}


@dataclass(frozen=True, kw_only=True)
class IndustryTFP(Result):
    """TFP growth of the 37 CIP industries by era, on both bases.

    Attributes
    ----------
    eras_table
        One row per industry and era (percent per year).
    annual
        :func:`industry_accounts` (fractions, by industry and year).
    """

    eras_table: pd.DataFrame
    annual: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``eras`` (industry × era) and ``annual`` (industry × year, fractions)."""
        return {"eras": self.eras_table.copy(), "annual": self.annual.copy()}

    def views(self) -> list[View]:
        """Industries by era with both bases and CIP's published TFP beside pflab's."""
        cols = [
            Column("code", "CIP"),
            Column("acronym", "Ind."),
            Column("group", "Group"),
            Column("era", "Era"),
            Column("tfp_va", "TFP (VA)", "+.2f"),
            Column("cip_tfp_va", "CIP TFP (VA)", "+.2f"),
            Column("tfp_go", "TFP (GO)", "+.2f"),
            Column("cip_tfp_go", "CIP TFP (GO)", "+.2f"),
            Column("va_share", "VA share %", ".1f"),
        ]
        return [View("eras", cols)]

    def max_gap_to_cip(self) -> float:
        """Largest |pflab − CIP| over industries, years and both bases (fractions)."""
        a = self.annual
        gaps = np.abs(
            np.r_[
                (a["tfp_go"] - a["cip_tfp_go"]).to_numpy(),
                (a["tfp_va"] - a["cip_tfp_va"]).to_numpy(),
            ]
        )
        return float(np.nanmax(gaps))


def _va_weights(cip: CIPData) -> pd.DataFrame:
    va = cip.wide("va")
    return two_period(va / cip.total["va"])


def industry_labels(cip: CIPData) -> pd.DataFrame:
    """Index ``code``: ``acronym``, ``industry`` and ``group`` (label)."""
    frame = cip.industries[["acronym", "name"]].rename(columns={"name": "industry"})
    frame["group"] = [group_of(int(c)).label for c in frame.index]
    return frame


def industry_tfp(
    eras: str | Iterable[str | Era] | None = None, *, data: CIPData | None = None
) -> IndustryTFP:
    """TFP growth of the 37 CIP industries by era, gross-output and value-added bases.

    Parameters
    ----------
    eras
        Eras as for :func:`pflab.accounting.parse_eras` (default 1988-2007, 2008-2017).
    data
        CIP 4.0 as read by :func:`pflab.data.cip.read_cip` (default: the embedded series).

    Returns
    -------
    IndustryTFP
    """
    cip = data if data is not None else load_cip()
    annual = industry_accounts(cip)
    weights = pd.Series(_va_weights(cip).stack(future_stack=True), name="va_share")
    weights.index = weights.index.set_names(["code", "year"])
    annual_w = annual.join(weights)
    labels = industry_labels(cip)
    era_list = cip_eras(eras, annual.index.get_level_values("year"))
    rows = []
    columns = ["g_go", "g_va", "tfp_go", "tfp_va", "cip_tfp_go", "cip_tfp_va", "va_share"]
    for era, years in era_list:
        means = era_means(annual_w[columns], years, level="year") * 100.0
        means = labels.join(means)
        means.insert(3, "era", era.label)
        means.insert(4, "years", len(years))
        rows.append(means.reset_index())
    table = pd.concat(rows, ignore_index=True)
    notes = (
        "Percent per year (100 × average annual log growth); an era START-END averages "
        "the growth from START-1→START through END-1→END.",
        "pflab computes TFP from CIP's primitives (nominal output, inputs and "
        "compensation; real output and intermediate growth; capital and labour input "
        "indices) with two-period average shares; CIP's published TFP is shown beside it.",
        *coverage_note(era_list),
    )
    return IndustryTFP(
        title="TFP growth by industry, China (CIP 4.0)",
        provenance=cip_provenance(cip, {"eras": [e.label for e, _ in era_list]}),
        notes=notes,
        columns={**_TFP_COLUMNS},
        eras_table=table,
        annual=annual,
    )


def cip_provenance(
    cip: CIPData,
    parameters: Mapping[str, object],
    *,
    method: str = "cip-industry-tornqvist",
    description: str = "Industry TFP growth as the Törnqvist residual of gross output (or "
    "value added, by double deflation) after intermediate, capital and labour input, "
    "weighted by two-period average nominal shares (Jorgenson-Gollop-Fraumeni).",
) -> Provenance:
    """The provenance of a result computed from CIP 4.0."""
    return Provenance(
        method=method,
        sources=(cip.source,),
        parameters={**parameters, "codes": f"{CIP_CODES[0]}-{CIP_CODES[-1]}"},
        description=description,
    )
