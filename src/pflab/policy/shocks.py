"""A programme's productivity shock for the production-network layer.

``pflab network --shock PROGRAMME:PCT`` raises each sector's productivity by
:math:`p \\cdot s_i` percent, :math:`s_i` the programme's share of sector :math:`i` from
:func:`pflab.policy.programme_weights`, the same weights ``pflab policy exposure`` and
the simulator use. :func:`programme_shock` builds that
:class:`pflab.network.WeightedShock`; its note gives the first-order TFP effect
:math:`\\sum_i \\lambda_i \\log(1 + p\\, s_i / 100)` (Domar weights :math:`\\lambda_i`,
Hulten 1978) at the low, central and high shares, so the shock result carries the
range of the shares. :func:`programme_shocks` turns the programme names among
``"NAME:PCT"`` strings into such shocks and leaves table codes, sector groups and
``isic:`` codes to :func:`pflab.network.shock_analysis`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

from pflab.data.concordance import group_names, is_group
from pflab.data.iotables import IOTable
from pflab.errors import LookupFailedError
from pflab.network import WeightedShock, domar_weights, parse_shock
from pflab.policy.registry import Registry, load_registry
from pflab.policy.sectormaps import SectorMaps
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.policy.weights import programme_weights

__all__ = ["first_order_effect", "programme_shock", "programme_shocks"]


def first_order_effect(table: IOTable, shares: dict[str, float], pct: float) -> float:
    """Hulten's first-order TFP effect, in percent: 100 · Σ λ_i log(1 + p s_i / 100)."""
    domar = domar_weights(table)
    return 100 * sum(float(domar[c]) * math.log1p(pct * s / 100) for c, s in shares.items())


def programme_shock(
    programme: str,
    pct: float,
    table: IOTable,
    *,
    registry: Registry | None = None,
    maps: SectorMaps | None = None,
) -> WeightedShock:
    """A ``pct`` percent productivity gain to a programme's activities on ``table``.

    Raises
    ------
    pflab.errors.LookupFailedError
        If no registry entry has that name.
    pflab.errors.ParameterError
        If ``pct`` is −100 or less.
    """
    reg = registry or load_registry()
    weights = programme_weights(programme, table, registry=reg, maps=maps)
    entry = reg.get(programme)
    effects = {
        b: first_order_effect(table, weights.shares(b), pct) for b in ("low", "share", "high")
    }
    how = (
        f"sector map {', '.join(weights.maps)} ({weights.status})"
        if weights.maps
        else "whole sectors (no sector map: an upper bound)"
    )
    note = (
        f"{entry.label} {pct:+g}%: sector i's productivity rises by {pct:g} × s_i percent, s_i "
        f"the programme's share of the sector ({how}; pflab policy weights {entry.id}). With "
        f"the low and high shares the first-order TFP effect is {effects['low']:.3f}-"
        f"{effects['high']:.3f} % (central {effects['share']:.3f} %)."
    )
    return WeightedShock(
        weights=weights.shares(),
        pct=pct,
        label=entry.label,
        note=note,
        sources=(REGISTRY_SOURCE,),
    )


def programme_shocks(
    specs: Iterable[str],
    table: IOTable,
    *,
    registry: Registry | None = None,
    maps: SectorMaps | None = None,
) -> list[str | WeightedShock]:
    """``"NAME:PCT"`` strings with programme names turned into :func:`programme_shock`.

    A spec stays a string (for :func:`pflab.network.shock_analysis`) when its head is a
    list of codes, a table code, a named sector group or an ``isic:`` code; it becomes a
    programme shock when the head is a registry id, alias or name.

    Raises
    ------
    pflab.errors.ParameterError
        If a spec is not ``NAME:PCT`` (parameter ``shocks``).
    pflab.errors.LookupFailedError
        If a name is neither a table code, a sector group nor a programme; the message
        lists the closest of each.
    """
    reg = registry or load_registry()
    codes = set(table.codes)
    out: list[str | WeightedShock] = []
    for spec in specs:
        tokens, pct = parse_shock(spec)
        head = tokens[0]
        neutral = (
            len(tokens) > 1 or head in codes or head.lower().startswith("isic:") or is_group(head)
        )
        if neutral:
            out.append(spec)
        elif head in reg:
            out.append(programme_shock(head, pct, table, registry=reg, maps=maps))
        else:
            names = [*group_names(), *(n for p in reg for n in (p.id, *p.aliases))]
            close = difflib.get_close_matches(head, names, n=6, cutoff=0.5)
            raise LookupFailedError(
                f"sector code, group (groups: {', '.join(group_names())}) or programme "
                f"(a registry id or alias, e.g. SEI, MIC2025, future-industries) on "
                f"{table.label}",
                head,
                close,
            )
    return out
