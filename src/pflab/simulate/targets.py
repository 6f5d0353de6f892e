"""Which sectors a scenario's money reaches, and what share of each.

A target is a sector of the calibration table with a share ``s_i`` in (0, 1]: the part of
the sector that belongs to the programme. Programmes resolve through
:func:`programme_shares`, the one place the simulator turns a policy-registry entry into
sector shares. Until the registry's official-calibrated sector maps reach this branch, a
programme's share of a sector is 1 for every sector its ISIC Rev.4 codes touch (an upper
bound, said in the result's notes); a scenario can give partial shares itself with
``sectors = {code = share}``.
"""

from __future__ import annotations

import numpy as np

from pflab.errors import DataValidationError, LookupFailedError
from pflab.policy import load_registry
from pflab.simulate.scenario import Scenario
from pflab.simulate.sectors import SectorStructure

__all__ = ["programme_isic", "programme_shares", "resolve_targets", "target_shares"]

#: How programme shares are obtained on this branch (for the result's notes).
SHARE_BASIS = (
    "Programme targets are whole table sectors touched by the registry entry's ISIC Rev.4 "
    "codes (share 1): an upper bound until the registry's official-calibrated sector maps "
    "give partial shares."
)


def programme_isic(programme: str) -> tuple[str, tuple[str, ...]]:
    """The registry id and ISIC Rev.4 target codes of a policy-registry programme.

    The codes are those of :meth:`pflab.policy.Registry.sectors_of`: the entry's own, its
    sub-entries' and items', and those of the entries it takes sectors from.

    Raises
    ------
    pflab.errors.LookupFailedError
        If no registry entry has that id, alias or name; the message lists the closest ids.
    pflab.errors.DataValidationError
        If the entry lists no target sectors (e.g. an economy-wide strategy).
    """
    registry = load_registry()
    try:
        entry = registry.get(programme)
    except LookupFailedError as exc:
        raise LookupFailedError(
            "policy-registry programme (targeting.programme)", programme, exc.suggestions
        ) from None
    codes = tuple(s.isic for s in registry.sectors_of(entry.id))
    if not codes:
        raise DataValidationError(
            f"targeting.programme {entry.id!r} ({entry.name_en}) lists no target sectors; "
            "give isic = [...] or sectors = [...] instead",
            path="policy registry",
        )
    return entry.id, codes


def programme_shares(programme: str, sectors: SectorStructure) -> dict[int, float]:
    """Sector index → the programme's share of the sector (see the module docstring)."""
    return {i: 1.0 for i in sectors.select_isic(programme_isic(programme)[1])}


def _rule(scenario: Scenario, sectors: SectorStructure) -> list[int]:
    t = scenario.targeting
    if t.rule == "all":
        return list(range(sectors.n))
    if t.rule == "top-domar":
        return [int(i) for i in np.argsort(-sectors.domar, kind="stable")[: t.count]]
    xi = sectors.distortion_centrality(t.wedge)
    return [int(i) for i in np.argsort(-np.nan_to_num(xi, nan=-np.inf), kind="stable")[: t.count]]


def target_shares(scenario: Scenario, sectors: SectorStructure) -> dict[int, float]:
    """Sector index → targeted share in (0, 1], in table order.

    Programmes are united by the larger share of each sector; ``exclude`` takes the
    excluded programmes' (largest) share out of each sector, so a sector wholly in them
    gets nothing.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown programme, ISIC code or sector code.
    pflab.errors.DataValidationError
        If the targeting matches no sector of the table.
    """
    t = scenario.targeting
    if t.empty:
        return {}
    shares: dict[int, float] = {}
    if isinstance(t.sectors, dict):
        shares = dict(zip(sectors.index(list(t.sectors)), t.sectors.values(), strict=True))
    elif t.sectors:
        shares = dict.fromkeys(sectors.index(t.sectors), 1.0)
    elif t.isic:
        shares = dict.fromkeys(sectors.select_isic(t.isic), 1.0)
    elif t.programmes:
        for programme in t.programmes:
            for i, s in programme_shares(programme, sectors).items():
                shares[i] = max(shares.get(i, 0.0), s)
    else:
        shares = dict.fromkeys(_rule(scenario, sectors), 1.0)
    excluded: dict[int, float] = {}
    for programme in t.exclude:
        for i, s in programme_shares(programme, sectors).items():
            excluded[i] = max(excluded.get(i, 0.0), s)
    out = {i: s * (1.0 - excluded.get(i, 0.0)) for i, s in shares.items()}
    out = {i: s for i, s in sorted(out.items()) if s > 1e-12}
    if not out:
        raise DataValidationError(
            f"targeting matches no sector of {sectors.label}"
            + (" once the excluded programmes are taken out" if t.exclude else ""),
            path=scenario.name,
        )
    return out


def resolve_targets(scenario: Scenario, sectors: SectorStructure) -> list[int]:
    """Indices of the targeted sectors (sorted, unique)."""
    return list(target_shares(scenario, sectors))
