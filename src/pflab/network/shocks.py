"""Sector productivity shocks: resolve them on a table and explain their aggregate effect.

:func:`shock_analysis` answers "how much does aggregate TFP (and GDP) rise if these
sectors become this much more productive?" with the reasoning visible: each shocked
sector's Domar weight (Hulten's first order), its upstream position and import content,
the second-order (Baqaee–Farhi) and exact responses in a nested-CES network, and the
long-run GDP effect once capital accumulates.

Shocks are given as ``"SECTORS:PCT"`` strings (``"semiconductors:10"``, ``"094,095:5"``,
``"isic:2610:10"``) or a mapping of sector code to proportional change. SECTORS are table
codes, named groups (:func:`pflab.data.concordance.group_names`) or ``isic:`` codes.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
from pflab.data.iotables.table import IOTable
from pflab.errors import LookupFailedError, ParameterError
from pflab.network.baqaee_farhi import (
    DEFAULT_ELASTICITIES,
    CESEconomy,
    Factors,
    exact_response,
    second_order,
)
from pflab.network.hulten import domar_weights, log_shocks
from pflab.network.imports import import_content
from pflab.network.position import upstreamness
from pflab.network.results import table_provenance
from pflab.provenance import Provenance, Source

__all__ = ["ShockAnalysis", "parse_shock", "resolve_shocks", "shock_analysis"]


def parse_shock(spec: str) -> tuple[list[str], float]:
    """Split ``"semiconductors:10"`` into (["semiconductors"], 10.0) (percent).

    Raises
    ------
    pflab.errors.ParameterError
        If the text is not ``SECTORS:PCT`` with a number above −100.
    """
    text = spec.strip()
    head, sep, tail = text.rpartition(":")
    if not sep or not head.strip():
        raise ParameterError("--shock", f"{spec!r}: expected SECTORS:PCT, e.g. semiconductors:10")
    try:
        pct = float(tail)
    except ValueError:
        raise ParameterError("--shock", f"{spec!r}: {tail!r} is not a percentage") from None
    if not pct > -100.0:
        raise ParameterError("--shock", f"{spec!r}: a change of {pct}% would end production")
    tokens = [t.strip() for t in head.split(",")]
    if not all(tokens):
        raise ParameterError("--shock", f"{spec!r}: empty sector in the list")
    return tokens, pct


def _resolve_token(table: IOTable, token: str) -> tuple[list[str], str | None]:
    """Table codes for one token, and a note on how a group or ISIC code was mapped."""
    if token in table.codes:
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
    parts = []
    broader = []
    for code in found:
        mapped = concordance.isic_of(code)
        parts.append(f"{code} {table.names[table.codes.index(code)]} (ISIC {' '.join(mapped)})")
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


def resolve_shocks(
    table: IOTable, specs: Iterable[str] | Mapping[str, float]
) -> tuple[dict[str, float], list[str]]:
    """Proportional productivity changes by table code, and notes on the mapping.

    Parameters
    ----------
    table
        The table the shocks land on.
    specs
        ``"SECTORS:PCT"`` strings, or a mapping of code/group/``isic:`` token to a
        proportional change (0.10 = 10 %).
    """
    items: list[tuple[list[str], float]]
    if isinstance(specs, Mapping):
        items = [([str(k)], 100.0 * float(v)) for k, v in specs.items()]
    else:
        items = [parse_shock(s) for s in specs]
    if not items:
        raise ParameterError("--shock", "no shock given")
    log_total: dict[str, float] = {}
    notes: list[str] = []
    for tokens, pct in items:
        for token in tokens:
            codes, note = _resolve_token(table, token)
            if note:
                notes.append(note)
            for code in codes:
                log_total[code] = log_total.get(code, 0.0) + float(np.log1p(pct / 100.0))
    return {c: float(np.expm1(v)) for c, v in log_total.items()}, notes


def _labour_share(table: IOTable) -> tuple[float | None, Source | None]:
    share = table.labour_share
    if share is not None:
        return share, table.source
    try:
        from pflab.data import load_pwt

        pwt = load_pwt("11.0")
        rows = pwt.frame[(pwt.frame["countrycode"] == table.economy) & pwt.frame["labsh"].notna()]
        if rows.empty:
            return None, None
        row = rows.iloc[(rows["year"] - table.year).abs().argmin()]
        return float(row["labsh"]), pwt.source
    except Exception:
        return None, None


def _rank(value: float) -> str:
    return "—" if value != value else str(int(value))


def _share(value: float) -> str:
    return "—" if value != value else f"{value:.1%}"


def _sector_line(code: str, row: pd.Series, n: int) -> str:
    """One shocked sector's reasoning in a sentence."""
    upstream = "—" if row["upstreamness"] != row["upstreamness"] else f"{row['upstreamness']:.2f}"
    return (
        f"- {code} {row['name']}: +{row['shock_pct']:.3g}% productivity; Domar weight "
        f"{row['domar_weight']:.4f} (gross output {row['domar_weight']:.1%} of GDP, rank "
        f"{_rank(row['domar_rank'])} of {n}) → {row['contribution_pct']:+.4f}% aggregate TFP; "
        f"upstreamness {upstream} (rank {_rank(row['upstream_rank'])}); imports are "
        f"{_share(row['import_direct'])} of its output directly and "
        f"{_share(row['import_total'])} along its supply chain."
    )


def _pct(log_change: float) -> float:
    """A log change in percent (100 × log points), the convention of pflab's growth tables."""
    return float(100.0 * log_change)


@dataclass(frozen=True)
class ShockAnalysis:
    """The aggregate effect of sector productivity shocks, with the reasoning.

    Attributes
    ----------
    table
        The table's label, e.g. ``"CHN 2020 (nbs153)"``.
    sectors
        One row per shocked sector: ``name``, ``shock_pct``, ``domar_weight``,
        ``contribution_pct`` (first-order contribution to aggregate TFP, 100 × log points),
        ``domar_rank``, ``upstreamness``, ``upstream_rank``, ``import_direct`` and
        ``import_total`` (imports per unit of output / of final demand).
    aggregate
        One row per measure (index): ``value_pct`` (100 × change in logs) and ``meaning``.
    provenance
        Method, elasticities, factor assumption, sources.
    notes
        Mapping of groups onto the table, assumptions, caveats.
    """

    table: str
    sectors: pd.DataFrame
    aggregate: pd.DataFrame
    provenance: Provenance
    notes: tuple[str, ...] = field(default_factory=tuple)
    n_sectors: int = 0

    def to_frame(self) -> pd.DataFrame:
        """The per-sector reasoning (a copy of :attr:`sectors`)."""
        return self.sectors.copy()

    def aggregate_frame(self) -> pd.DataFrame:
        """The aggregate responses (a copy of :attr:`aggregate`)."""
        return self.aggregate.copy()

    def value(self, measure: str) -> float:
        """One aggregate response in percent, e.g. ``value("tfp_first_order")``."""
        return float(self.aggregate["value_pct"].loc[measure])

    def summary(self) -> str:
        """The answer in a few sentences, then the table and notes."""
        agg = self.aggregate["value_pct"]
        params = self.provenance.parameters
        lines = [f"Productivity shocks on {self.table}:"]
        ranked = self.sectors.reindex(
            self.sectors["contribution_pct"].abs().sort_values(ascending=False).index
        )
        for code, row in ranked.head(10).iterrows():
            lines.append(_sector_line(str(code), row, self.n_sectors))
        if len(ranked) > 10:
            rest = ranked.iloc[10:]["contribution_pct"].sum()
            lines.append(f"- … and {len(ranked) - 10} more sectors contributing {rest:+.4f}%.")
        lines.append(
            f"Aggregate TFP: {agg['tfp_first_order']:+.4f}% to first order (Hulten: Σ Domar × "
            f"shock); {agg['tfp_second_order']:+.4f}% to second order and {agg['tfp_exact']:+.4f}% "
            f"exactly in a nested-CES network (Baqaee–Farhi; θ={params['theta']}, "
            f"σ={params['sigma']}, ε={params['epsilon']}, factors {params['factors']})."
        )
        if "gdp_long_run" in agg.index and pd.notna(agg["gdp_long_run"]):
            lines.append(
                f"GDP: {agg['gdp_short_run']:+.4f}% with capital fixed; "
                f"{agg['gdp_long_run']:+.4f}% in the long run once capital accumulates "
                f"(labour share {params['labour_share']:.3f})."
            )
        lines += [f"Note: {n}" for n in self.notes]
        lines += [f"Source: {c}" for c in self.provenance.citation_lines()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.summary().splitlines())
        return f"<ul>{items}</ul>" + self.aggregate.to_html()


def shock_analysis(
    table: IOTable,
    shocks: Iterable[str] | Mapping[str, float],
    *,
    theta: float = DEFAULT_ELASTICITIES["theta"],
    sigma: float = DEFAULT_ELASTICITIES["sigma"],
    epsilon: float = DEFAULT_ELASTICITIES["epsilon"],
    factors: Factors = "mobile",
    labour_share: float | None = None,
) -> ShockAnalysis:
    """Aggregate TFP and GDP response to sector productivity shocks, with the reasoning.

    Parameters
    ----------
    table
        The input–output table.
    shocks
        ``"SECTORS:PCT"`` strings or ``{code_or_group: proportional change}``.
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
    """
    changes, notes = resolve_shocks(table, shocks)
    d = log_shocks(table, changes)
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
    try:
        content = import_content(table).frame
    except Exception:
        content = pd.DataFrame({"direct": np.nan, "total": np.nan}, index=list(table.codes))
    hit = [c for c in table.codes if c in changes]
    sectors = pd.DataFrame(
        {
            "name": table.names_for(hit),
            "shock_pct": [100.0 * changes[c] for c in hit],
            "domar_weight": weights.loc[hit].to_numpy(),
            "contribution_pct": [100.0 * weights[c] * np.log1p(changes[c]) for c in hit],
            "domar_rank": ranks_domar.loc[hit].to_numpy(),
            "upstreamness": upstream.loc[hit].to_numpy(),
            "upstream_rank": ranks_up.loc[hit].to_numpy(),
            "import_direct": content.loc[hit, "direct"].to_numpy(),
            "import_total": content.loc[hit, "total"].to_numpy(),
        },
        index=pd.Index(hit, name="sector"),
    )
    share, share_source = (labour_share, None) if labour_share is not None else _labour_share(table)
    second = kappa * second_model
    exact = kappa * exact_model
    rows: dict[str, tuple[float, str]] = {
        "tfp_first_order": (_pct(first), "Hulten: Σ Domar weight × d log A"),
        "tfp_second_order": (_pct(second), "Baqaee–Farhi second-order approximation"),
        "tfp_exact": (_pct(exact), "exact solution of the nested-CES network"),
        "gdp_short_run": (_pct(exact), "GDP with capital and labour fixed (= TFP)"),
        "gdp_long_run": (
            _pct(exact / share) if share else float("nan"),
            "GDP once capital accumulates (Δ log TFP / labour share)",
        ),
    }
    aggregate = pd.DataFrame(
        {"value_pct": [v for v, _ in rows.values()], "meaning": [m for _, m in rows.values()]},
        index=pd.Index(list(rows), name="measure"),
    )
    extra: list[str] = [
        f"Model check: first order in the CES network is {_pct(kappa * first_model):+.6f}% "
        f"(= Hulten {_pct(first):+.6f}%); E/GDP = {kappa:.4f} converts real final "
        "expenditure to GDP with imported and other primary inputs fixed.",
    ]
    if (economy.final < 0).any():
        negative = [c for c, b in zip(economy.codes, economy.final, strict=True) if b < 0]
        extra.append(f"Negative domestic final use (inventory drawdown) in {', '.join(negative)}.")
    sources: list[Source] = [table.source]
    if share_source is not None and share_source is not table.source:
        sources.append(share_source)
        extra.append(f"Labour share {share:.3f} from {share_source.label} (nearest year).")
    parameters: dict[str, Any] = {
        "theta": theta,
        "sigma": sigma,
        "epsilon": epsilon,
        "factors": factors,
        "labour_share": share,
        "shocks_pct": {c: 100.0 * v for c, v in changes.items()},
    }
    base = table_provenance(
        table,
        "hulten+baqaee-farhi",
        "First order by Domar weights (Hulten 1978); second order and exact in a nested-CES "
        "network (Baqaee & Farhi 2019).",
        parameters,
    )
    provenance = Provenance(
        method=base.method,
        sources=tuple(sources),
        parameters=base.parameters,
        description=base.description,
    )
    return ShockAnalysis(
        table=table.label,
        sectors=sectors,
        aggregate=aggregate,
        provenance=provenance,
        notes=(*notes, *extra, *table.notes),
        n_sectors=table.n,
    )
