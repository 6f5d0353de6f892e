"""Sector productivity shocks: resolve them on a table and explain their aggregate effect.

:func:`shock_analysis` answers "how much does aggregate TFP (and GDP) rise if these
sectors become this much more productive?" with the reasoning visible: each shocked
sector's Domar weight (Hulten's first order), its upstream position and import content,
the second-order (Baqaee–Farhi) and exact responses in a nested-CES network, and the
long-run GDP effect once capital accumulates.

Shocks are given as

- :class:`WeightedShock` — a p % shock to a weighted set of table sectors (code → share
  s_i in [0, 1]) raises sector i's productivity by p·s_i % (d log A_i = log(1 + p·s_i/100)).
  This is how a programme's partial sector shares enter (the shares are resolved by
  :mod:`pflab.policy`, never here);
- ``"SECTORS:PCT"`` strings (``"electronic-components:10"``, ``"094,095:5"``, ``"isic:2610:10"``),
  where SECTORS are table codes, neutral sector groups
  (:func:`pflab.data.concordance.group_names`) or ``isic:`` codes, each sector with
  share 1;
- a mapping of such a token to a proportional change (``{"094": 0.10}``).

Several shocks to one sector compound: d log A_i is the sum of their log changes.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from pflab.data.concordance import (
    canonical_group,
    group_declared,
    group_isic,
    group_names,
    is_group,
    load_concordance,
    schemes,
    sectors_for_isic,
)
from pflab.errors import DataNotFoundError, LookupFailedError, ParameterError
from pflab.network.baqaee_farhi import (
    DEFAULT_ELASTICITIES,
    CESEconomy,
    Factors,
    exact_response,
    second_order,
)
from pflab.network.hulten import domar_weights
from pflab.network.imports import import_content
from pflab.network.position import upstreamness
from pflab.network.results import table_provenance
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.tables import IOTable

__all__ = [
    "ShockAnalysis",
    "ShockSpec",
    "WeightedShock",
    "parse_shock",
    "resolve_shocks",
    "shock_analysis",
]


@dataclass(frozen=True)
class WeightedShock:
    """A productivity shock of ``pct`` percent to a weighted set of table sectors.

    Sector i's productivity rises by ``pct · weights[i]`` percent, so a sector wholly in
    the set (share 1) gets the full shock and one a fifth in it (0.2) a fifth of it.

    Parameters
    ----------
    weights
        Table code → share s_i in [0, 1] of the sector that the shocked activity is.
    pct
        The shock in percent (above −100).
    label
        What the set is, e.g. a programme or group name (shown in the reasoning).
    note
        How the weights were obtained (repeated in the result's notes).
    sources
        Sources of the weights (cited in the result's provenance).

    Raises
    ------
    pflab.errors.ParameterError
        If a share is outside [0, 1] or not finite, or ``pct`` is −100 or less.
    """

    weights: Mapping[str, float]
    pct: float
    label: str = ""
    note: str = ""
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        pct = float(self.pct)
        if not math.isfinite(pct) or not pct > -100.0:
            raise ParameterError(
                "shocks", f"{self.label or 'weighted set'}: a change of {pct}% would end production"
            )
        clean: dict[str, float] = {}
        for code, share in dict(self.weights).items():
            value = float(share)
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                raise ParameterError(
                    "shocks",
                    f"{self.label or 'weighted set'}: share {share!r} of sector {code!s}; "
                    "expected a number in [0, 1]",
                )
            if value > 0.0:
                clean[str(code)] = value
        object.__setattr__(self, "pct", pct)
        object.__setattr__(self, "weights", clean)
        object.__setattr__(self, "sources", tuple(self.sources))

    def describe(self) -> str:
        """``"electronic-components +10%"``."""
        return f"{self.label or 'weighted set'} {self.pct:+g}%"


#: What :func:`shock_analysis` takes as shocks.
ShockSpec: TypeAlias = str | WeightedShock | Iterable[str | WeightedShock] | Mapping[str, float]


def parse_shock(spec: str) -> tuple[list[str], float]:
    """Split ``"electronic-components:10"`` into (["electronic-components"], 10.0) (percent).

    Raises
    ------
    pflab.errors.ParameterError
        If the text is not ``SECTORS:PCT`` with a number above −100.
    """
    text = spec.strip()
    head, sep, tail = text.rpartition(":")
    if not sep or not head.strip():
        raise ParameterError(
            "shocks", f"{spec!r}: expected SECTORS:PCT, e.g. electronic-components:10"
        )
    try:
        pct = float(tail)
    except ValueError:
        raise ParameterError("shocks", f"{spec!r}: {tail!r} is not a percentage") from None
    if not pct > -100.0:
        raise ParameterError("shocks", f"{spec!r}: a change of {pct}% would end production")
    tokens = [t.strip() for t in head.split(",")]
    if not all(tokens):
        raise ParameterError("shocks", f"{spec!r}: empty sector in the list")
    return tokens, pct


def _resolve_token(table: IOTable, token: str) -> tuple[list[str], str | None]:
    """Table codes for one token, and a note on how a group or ISIC code was mapped."""
    if token in set(table.codes):
        return [token], None
    lowered = token.lower()
    if lowered.startswith("isic:"):
        isic = token.split(":", 1)[1]
        found = sectors_for_isic(table.scheme, isic)
        if not found:
            raise LookupFailedError(f"ISIC code on {table.label}", isic)
        return found, _coverage(table, f"ISIC {isic}", (isic,), found, isic)
    if is_group(token):
        if table.scheme not in schemes():
            raise LookupFailedError(
                "sector scheme with an ISIC concordance", table.scheme, schemes()
            )
        name = canonical_group(token)
        codes = group_isic(name)
        found = sectors_for_isic(table.scheme, codes)
        if not found:
            raise LookupFailedError(f"sector of group {name!r} on {table.label}", token)
        return found, _coverage(table, f"group {name}", codes, found, group_declared(name))
    close = difflib.get_close_matches(token, [*table.codes, *group_names()], n=6, cutoff=0.5)
    raise LookupFailedError(
        f"sector code or group of {table.label} (groups: {', '.join(group_names())})",
        token,
        close,
    )


def _coverage(
    table: IOTable, label: str, wanted: Sequence[str], found: Sequence[str], declared: str
) -> str:
    """How a group or ISIC code landed on the table, flagging sectors broader than it."""
    concordance = load_concordance(table.scheme)
    name_of = dict(zip(table.codes, table.names, strict=True))
    parts = []
    broader = []
    for code in found:
        mapped = concordance.isic_of(code)
        parts.append(f"{code} {name_of[code]} (ISIC {' '.join(mapped)})")
        if any(not any(m.startswith(w) for w in wanted) for m in mapped):
            broader.append(code)
    listed = "; ".join(parts[:12]) + (f"; … and {len(parts) - 12} more" if len(parts) > 12 else "")
    note = f"{label} (ISIC {declared}) → {len(found)} sectors: {listed}."
    if broader:
        note += (
            f" Sectors {', '.join(broader)} cover more than {label}: the shock is applied to the "
            "whole sector, which overstates a gain confined to the group; a finer table "
            "(e.g. 153 sectors) narrows it."
        )
    return note


def _weighted(table: IOTable, shocks: ShockSpec) -> tuple[list[WeightedShock], list[str]]:
    """Every shock as a weighted set of table codes, with notes on the mapping."""
    items: list[WeightedShock] = []
    notes: list[str] = []

    def tokens(names: Sequence[str], pct: float, label: str) -> None:
        for token in names:
            codes, note = _resolve_token(table, token)
            if note:
                notes.append(note)
            items.append(WeightedShock(dict.fromkeys(codes, 1.0), pct, label=token or label))

    if isinstance(shocks, Mapping):
        for key, change in shocks.items():
            tokens([str(key)], 100.0 * float(change), str(key))
    else:
        specs = [shocks] if isinstance(shocks, str | WeightedShock) else list(shocks)
        for spec in specs:
            if isinstance(spec, WeightedShock):
                known = set(table.codes)
                unknown = [c for c in spec.weights if c not in known]
                if unknown:
                    raise LookupFailedError(
                        f"sector of {table.label} in {spec.describe()}",
                        unknown[0],
                        difflib.get_close_matches(unknown[0], list(table.codes), 5, 0.5),
                    )
                if spec.note:
                    notes.append(spec.note)
                items.append(spec)
            elif isinstance(spec, str):
                names, pct = parse_shock(spec)
                tokens(names, pct, spec)
            else:
                raise ParameterError(
                    "shocks",
                    f"{spec!r}: expected a 'SECTORS:PCT' string or a WeightedShock",
                )
    if not items:
        raise ParameterError("shocks", "no shock given")
    return items, notes


def resolve_shocks(table: IOTable, shocks: ShockSpec) -> tuple[dict[str, float], list[str]]:
    """Proportional productivity changes by table code, and notes on the mapping.

    A p % shock to a set with share s_i gives sector i the change p·s_i / 100; several
    shocks to one sector compound (their log changes add).

    Parameters
    ----------
    table
        The table the shocks land on.
    shocks
        :class:`WeightedShock` objects, ``"SECTORS:PCT"`` strings, or a mapping of
        code/group/``isic:`` token to a proportional change (0.10 = 10 %).
    """
    items, notes = _weighted(table, shocks)
    log_total: dict[str, float] = {}
    for item in items:
        for code, share in item.weights.items():
            log_total[code] = log_total.get(code, 0.0) + math.log1p(item.pct * share / 100.0)
    order = {c: i for i, c in enumerate(table.codes)}
    changes = {c: math.expm1(log_total[c]) for c in sorted(log_total, key=order.__getitem__)}
    return changes, notes


def _labour_share(table: IOTable) -> tuple[float | None, Source | None]:
    """The table's compensation share of value added, else PWT 11.0's for the nearest year."""
    share = table.labour_share
    if share is not None:
        return share, table.source
    from pflab.data import load_pwt

    try:
        pwt = load_pwt("11.0")
    except DataNotFoundError:
        return None, None
    rows = pwt.frame[(pwt.frame["countrycode"] == table.economy) & pwt.frame["labsh"].notna()]
    if rows.empty:
        return None, None
    row = rows.iloc[int((rows["year"] - table.year).abs().to_numpy().argmin())]
    return float(row["labsh"]), pwt.source


def _rank(value: float) -> str:
    return "—" if not math.isfinite(value) else str(int(value))


def _sector_line(code: str, row: Mapping[str, Any], n: int) -> str:
    """One shocked sector's reasoning in a sentence."""
    up = row["upstreamness"]
    upstream = "undefined" if not math.isfinite(up) else f"{up:.2f}"
    text = (
        f"{code} {row['name']}: +{row['shock_pct']:.3g}% productivity ({row['shocked_by']}); "
        f"Domar weight {row['domar_weight']:.4f} (gross output {row['domar_weight']:.1%} of GDP, "
        f"rank {_rank(row['domar_rank'])} of {n}) → {row['contribution_pct']:+.4f}% aggregate "
        f"TFP; upstreamness {upstream} (rank {_rank(row['upstream_rank'])})"
    )
    if "import_direct" in row:
        text += (
            f"; imports are {row['import_direct']:.1%} of its output directly and "
            f"{row['import_total']:.1%} along its supply chain"
        )
    return text + "."


def _pct(log_change: float) -> float:
    """A log change in percent (100 × log points), the convention of pflab's growth tables."""
    return float(100.0 * log_change)


@dataclass(frozen=True, kw_only=True)
class ShockAnalysis(Result):
    """The aggregate effect of sector productivity shocks, with the reasoning.

    Attributes
    ----------
    table
        The table's label, e.g. ``"CHN 2020 (nbs153)"``.
    sectors
        One row per shocked sector: ``name``, ``shock_pct``, ``shocked_by`` (which
        shocks, with their shares), ``domar_weight``, ``contribution_pct`` (first-order
        contribution to aggregate TFP, 100 × log points), ``domar_rank``,
        ``upstreamness``, ``upstream_rank``, ``import_direct`` and ``import_total``
        (imports per unit of output / of final demand; absent without an imported block)
        and ``reasoning`` (the row in one sentence).
    aggregate
        One row per measure (index): ``value_pct`` (100 × change in logs) and ``meaning``.
    n_sectors
        Sectors of the table (for ranks).
    """

    table: str
    sectors: pd.DataFrame
    aggregate: pd.DataFrame
    n_sectors: int = 0

    def tables(self) -> dict[str, pd.DataFrame]:
        """``aggregate`` (the answer) and ``sectors`` (the per-sector reasoning)."""
        return {"aggregate": self.aggregate.copy(), "sectors": self.sectors.copy()}

    def views(self) -> list[View]:
        """The shocked sectors, the reasoning of the largest ten, then the aggregate."""
        columns = [
            Column("sector", "Code"),
            Column("name", "Sector"),
            Column("shock_pct", "Shock %", ".4g"),
            Column("domar_weight", "Domar weight", ".4f"),
            Column("contribution_pct", "TFP contribution %", "+.4f"),
            Column("upstreamness", "Upstreamness", ".2f"),
        ]
        if "import_direct" in self.sectors.columns:
            columns += [
                Column("import_direct", "Imports direct", ".4f"),
                Column("import_total", "Imports total", ".4f"),
            ]
        return [
            View("sectors", tuple(columns), title=f"{self.title}: the shocked sectors"),
            View(
                "sectors",
                (Column("reasoning", "Why (largest contributions first)"),),
                title="The reasoning",
                max_rows=10,
            ),
            View(
                "aggregate",
                (
                    Column("measure", "Measure"),
                    Column("value_pct", "Percent", "+.4f"),
                    Column("meaning", "How"),
                ),
                title="Aggregate response (100 × log change)",
            ),
        ]

    def aggregate_frame(self) -> pd.DataFrame:
        """The aggregate responses (a copy of :attr:`aggregate`)."""
        return self.aggregate.copy()

    def value(self, measure: str) -> float:
        """One aggregate response in percent, e.g. ``value("tfp_first_order")``.

        Raises
        ------
        pflab.errors.LookupFailedError
            If the result has no such measure (``gdp_long_run`` needs a labour share).
        """
        if measure not in self.aggregate.index:
            raise LookupFailedError("measure", measure, list(self.aggregate.index))
        return float(self.aggregate["value_pct"].loc[measure])


def shock_analysis(
    table: IOTable,
    shocks: ShockSpec,
    *,
    theta: float = DEFAULT_ELASTICITIES["theta"],
    sigma: float = DEFAULT_ELASTICITIES["sigma"],
    epsilon: float = DEFAULT_ELASTICITIES["epsilon"],
    factors: Factors = "mobile",
    labour_share: float | None = None,
) -> ShockAnalysis:
    """Aggregate TFP and GDP response to sector productivity shocks, with the reasoning.

    To first order (Hulten 1978) d log TFP = Σ_i λ_i d log A_i with Domar weights
    λ_i = x_i / GDP and d log A_i = Σ_k log(1 + p_k s_ik / 100) over the shocks k (p_k
    percent, s_ik sector i's share in shock k's set). Second-order and exact responses
    come from the nested-CES network of :mod:`pflab.network.baqaee_farhi` (Baqaee &
    Farhi 2019).

    Parameters
    ----------
    table
        The input–output table.
    shocks
        :class:`WeightedShock` objects (sector shares), ``"SECTORS:PCT"`` strings, or
        ``{code_or_group: proportional change}``.
    theta, sigma, epsilon
        Elasticities of the nested-CES network (final demand; primary input vs
        intermediates; among intermediates).
    factors
        ``"mobile"`` (one factor reallocating freely) or ``"specific"`` (fixed by sector).
    labour_share
        For the long-run GDP effect Δ log GDP = Δ log TFP / labour share (capital grows
        with TFP at a constant capital–output ratio); default the table's compensation
        of employees over value added, else Penn World Table 11.0's ``labsh``.

    Returns
    -------
    ShockAnalysis

    Raises
    ------
    pflab.errors.ParameterError
        For a malformed shock, a share outside [0, 1], a change of −100 % or less, or a
        non-positive elasticity.
    pflab.errors.LookupFailedError
        For a sector, group or ISIC code the table does not have.
    """
    if labour_share is not None and not 0.0 < labour_share <= 1.0:
        raise ParameterError("labour_share", f"{labour_share}; expected a share in (0, 1]")
    items, notes = _weighted(table, shocks)
    changes, _ = resolve_shocks(table, items)
    by_sector: dict[str, list[str]] = {}
    for item in items:
        for code, weight in item.weights.items():
            part = item.describe() + ("" if weight == 1.0 else f" × share {weight:.4g}")
            by_sector.setdefault(code, []).append(part)
    position = {c: i for i, c in enumerate(table.codes)}
    d = np.zeros(table.n)
    for code, change in changes.items():
        d[position[code]] = math.log1p(change)
    weights = domar_weights(table)
    economy = CESEconomy.from_table(
        table, theta=theta, sigma=sigma, epsilon=epsilon, factors=factors
    )
    d_model = economy.shock_vector(table.codes, d)
    first_model, second_model, _ = second_order(economy, d_model)
    exact_model, _ = exact_response(economy, d_model)
    kappa = economy.kappa
    first = float(weights.to_numpy() @ d)
    upstream = upstreamness(table)
    ranks_domar = weights.rank(ascending=False, method="min")
    ranks_up = upstream.rank(ascending=False, method="min")
    hit = list(changes)
    sectors = pd.DataFrame(
        {
            "name": table.names_for(hit),
            "shock_pct": [100.0 * changes[c] for c in hit],
            "shocked_by": ["; ".join(by_sector[c]) for c in hit],
            "domar_weight": weights.loc[hit].to_numpy(),
            "contribution_pct": [100.0 * weights[c] * math.log1p(changes[c]) for c in hit],
            "domar_rank": ranks_domar.loc[hit].to_numpy(),
            "upstreamness": upstream.loc[hit].to_numpy(),
            "upstream_rank": ranks_up.loc[hit].to_numpy(),
        },
        index=pd.Index(hit, name="sector"),
    )
    extra: list[str] = []
    if table.zm is not None:
        content = import_content(table).frame
        sectors["import_direct"] = content.loc[hit, "direct"].to_numpy()
        sectors["import_total"] = content.loc[hit, "total"].to_numpy()
    else:
        extra.append(f"{table.label} has no imported block: import content is not shown.")
    sectors = sectors.iloc[
        np.argsort(-np.abs(sectors["contribution_pct"].to_numpy()), kind="stable")
    ]
    sectors["reasoning"] = [
        _sector_line(str(code), {str(k): v for k, v in row.items()}, table.n)
        for code, row in sectors.iterrows()
    ]
    share: float | None
    share_source: Source | None
    if labour_share is not None:
        share, share_source = float(labour_share), None
    else:
        share, share_source = _labour_share(table)
    second = kappa * second_model
    exact = kappa * exact_model
    rows: dict[str, tuple[float, str]] = {
        "tfp_first_order": (_pct(first), "Hulten: Σ Domar weight × d log A"),
        "tfp_second_order": (_pct(second), "Baqaee–Farhi second-order approximation"),
        "tfp_exact": (_pct(exact), "exact solution of the nested-CES network"),
        "gdp_short_run": (_pct(exact), "GDP with capital and labour fixed (= TFP)"),
    }
    if share:
        rows["gdp_long_run"] = (
            _pct(exact / share),
            "GDP once capital accumulates (Δ log TFP / labour share)",
        )
    else:
        extra.append(
            f"No labour share for {table.economy} (neither in the table nor in Penn World "
            "Table 11.0): the long-run GDP effect is not computed; pass labour_share=."
        )
    aggregate = pd.DataFrame(
        {"value_pct": [v for v, _ in rows.values()], "meaning": [m for _, m in rows.values()]},
        index=pd.Index(list(rows), name="measure"),
    )
    answer = [
        f"Aggregate TFP: {rows['tfp_first_order'][0]:+.4f}% to first order (Hulten: Σ Domar × "
        f"shock); {rows['tfp_second_order'][0]:+.4f}% to second order and "
        f"{rows['tfp_exact'][0]:+.4f}% exactly in a nested-CES network (Baqaee–Farhi; "
        f"θ={theta}, σ={sigma}, ε={epsilon}, factors {factors}).",
    ]
    if share:
        answer.append(
            f"GDP: {rows['gdp_short_run'][0]:+.4f}% with capital fixed; "
            f"{rows['gdp_long_run'][0]:+.4f}% in the long run once capital accumulates "
            f"(labour share {share:.3f})."
        )
    extra.append(
        f"Model check: first order in the CES network is {_pct(kappa * first_model):+.6f}% "
        f"(= Hulten {_pct(first):+.6f}%); E/GDP = {kappa:.4f} converts real final "
        "expenditure to GDP with imported and other primary inputs fixed."
    )
    if (economy.final < 0).any():
        negative = [c for c, b in zip(economy.codes, economy.final, strict=True) if b < 0]
        extra.append(f"Negative domestic final use (inventory drawdown) in {', '.join(negative)}.")
    sources: list[Source] = list(table.sources)
    for item in items:
        sources += [s for s in item.sources if s not in sources]
    if share_source is not None and share_source not in sources:
        sources.append(share_source)
        extra.append(f"Labour share {share:.3f} from {share_source.label} (nearest year).")
    parameters: dict[str, Any] = {
        "theta": theta,
        "sigma": sigma,
        "epsilon": epsilon,
        "factors": factors,
        "labour_share": share,
        "shocks": [item.describe() for item in items],
        "shocks_pct": {c: 100.0 * v for c, v in changes.items()},
    }
    base = table_provenance(
        table,
        "hulten+baqaee-farhi",
        "First order by Domar weights (Hulten 1978); second order and exact in a nested-CES "
        "network (Baqaee & Farhi 2019).",
        parameters,
    )
    return ShockAnalysis(
        title=f"Productivity shocks on {table.label}",
        provenance=Provenance(
            method=base.method,
            sources=tuple(sources),
            parameters=base.parameters,
            description=base.description,
        ),
        notes=tuple(dict.fromkeys((*answer, *notes, *extra, *table.notes))),
        columns={
            "shock_pct": "productivity change of the sector, percent (p·s compounded)",
            "shocked_by": "the shocks that hit the sector, with its share in each set",
            "domar_weight": "gross output / GDP",
            "contribution_pct": "first-order contribution to aggregate TFP, 100 × log points",
            "domar_rank": "rank of the Domar weight among all sectors (1 = largest)",
            "upstreamness": "average production stages to final use (Antràs et al. 2012)",
            "upstream_rank": "rank of upstreamness among all sectors (1 = most upstream)",
            "import_direct": "imported inputs per unit of the sector's output",
            "import_total": "imports embodied along the supply chain per unit of final demand",
            "reasoning": "the row in one sentence",
            "value_pct": "100 × change in logs",
        },
        table=table.label,
        sectors=sectors,
        aggregate=aggregate,
        n_sectors=table.n,
    )
