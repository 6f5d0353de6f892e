"""Which sectors a scenario's money reaches, and what share of each.

A target is a sector of the calibration table with a share ``s_i`` in (0, 1]: the part of
the sector's output that belongs to the targeted activities. Programmes resolve through
:func:`pflab.policy.programme_weights`, the one definition of a programme's sectors that
``pflab policy exposure`` and ``pflab network --shock`` use too: partial shares from the
registry's sector maps, each with a low-high range and its basis (whole sectors, flagged
as upper bounds, only for a programme without a sector map). A scenario picks the central
share or an end of the range (``[targeting] bound``); the range itself is carried into
the result's notes.

* Several programmes are united as :func:`pflab.policy.programme_weights` unites the
  programmes an entry inherits its sectors from: the union of partial shares of one
  sector is at least the larger and at most their sum, so the central share and the low
  end take the larger, the high end the sum capped at 1.
* ``exclude`` drops every sector in which an excluded programme has a positive share at
  the high end of its range, so that a scenario is disjoint from those programmes
  sector by sector, whatever bound either uses.
* ``isic``, ``sectors`` and ``rule`` targets have no range (low = central = high).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from pflab.errors import DataValidationError, LookupFailedError, ParameterError
from pflab.policy import SectorWeights, load_registry, programme_weights
from pflab.simulate.scenario import Scenario
from pflab.simulate.sectors import SectorStructure

__all__ = ["BOUNDS", "TargetWeights", "programme_targets", "resolve_targets", "target_shares"]

#: Ends of a share's range a scenario may target with (``[targeting] bound``).
BOUNDS = ("share", "low", "high")


@dataclass(frozen=True)
class TargetWeights:
    """Targeted sectors of a structure with the share of each and its range.

    Attributes
    ----------
    index
        Sector indices (table order).
    share, low, high
        Shares of each targeted sector (``share`` is the one the scenario uses: the
        central share or the end of the range its ``bound`` names); all in [0, 1].
    bound
        ``share``, ``low`` or ``high``.
    basis
        One sentence per programme: how its weights were obtained (empty for targets
        given as ISIC codes, sector codes or a rule).
    """

    index: NDArray[np.int64]
    share: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]
    bound: str = "share"
    basis: tuple[str, ...] = ()

    def as_dict(self) -> dict[int, float]:
        """Sector index → the share used."""
        return {int(i): float(s) for i, s in zip(self.index, self.share, strict=True)}

    def va_share(self, sectors: SectorStructure) -> tuple[float, float, float]:
        """Value added of the targeted parts, share of the total: (used, low, high)."""
        v = sectors.va_share[self.index]
        return float(v @ self.share), float(v @ self.low), float(v @ self.high)


def programme_targets(programme: str, sectors: SectorStructure) -> SectorWeights:
    """A programme's weights on the structure's table (:func:`pflab.policy.programme_weights`).

    Raises
    ------
    pflab.errors.LookupFailedError
        If no registry entry has that id, alias or name; the message lists the closest ids.
    pflab.errors.ParameterError
        If the structure was built without its input–output table.
    pflab.errors.DataValidationError
        If the programme has no sector in the table (e.g. an economy-wide strategy).
    """
    if sectors.table is None:
        raise ParameterError(
            "sectors",
            f"targeting by programme needs the input–output table, and {sectors.label} was "
            "built without one; use SectorStructure.from_io_table",
        )
    registry = load_registry()
    try:
        entry = registry.get(programme)
    except LookupFailedError as exc:
        raise LookupFailedError(
            "policy-registry programme (targeting.programme)", programme, exc.suggestions
        ) from None
    weights = programme_weights(entry.id, sectors.table, registry=registry)
    if not (weights.frame["high"] > 0).any():
        raise DataValidationError(
            f"targeting.programme {entry.id!r} ({entry.name_en}) lists no target sectors; "
            "give isic = [...] or sectors = [...] instead",
            path="policy registry",
        )
    return weights


def _rule(scenario: Scenario, sectors: SectorStructure) -> list[int]:
    t = scenario.targeting
    if t.rule == "all":
        return list(range(sectors.n))
    if t.rule == "top-domar":
        return [int(i) for i in np.argsort(-sectors.domar, kind="stable")[: t.count]]
    xi = sectors.distortion_centrality(t.wedge)
    return [int(i) for i in np.argsort(-np.nan_to_num(xi, nan=-np.inf), kind="stable")[: t.count]]


def _programme_union(
    programmes: list[str], sectors: SectorStructure
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], list[str]]:
    """Shares, lows and highs over all sectors of the union of programmes, and bases."""
    pos = {c: i for i, c in enumerate(sectors.codes)}
    share, low, high = (np.zeros(sectors.n) for _ in range(3))
    basis = []
    for programme in programmes:
        weights = programme_targets(programme, sectors)
        frame = weights.frame[weights.frame.index.isin(list(pos))]
        idx = np.asarray([pos[c] for c in frame.index], dtype=np.int64)
        share[idx] = np.maximum(share[idx], frame["share"].to_numpy(dtype=np.float64))
        low[idx] = np.maximum(low[idx], frame["low"].to_numpy(dtype=np.float64))
        high[idx] = np.minimum(1.0, high[idx] + frame["high"].to_numpy(dtype=np.float64))
        how = (
            f"sector map {', '.join(weights.maps)} ({weights.status})"
            if weights.maps
            else "whole sectors (no sector map: upper bounds)"
        )
        basis.append(f"{weights.programme}: {how}")
    return share, low, high, basis


def _excluded(programmes: list[str], sectors: SectorStructure) -> set[int]:
    pos = {c: i for i, c in enumerate(sectors.codes)}
    out: set[int] = set()
    for programme in programmes:
        frame = programme_targets(programme, sectors).frame
        out |= {pos[c] for c in frame.index[frame["high"] > 0] if c in pos}
    return out


def target_weights(scenario: Scenario, sectors: SectorStructure) -> TargetWeights:
    """The scenario's targets on ``sectors`` with the share of each and its range.

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown programme, ISIC code or sector code.
    pflab.errors.DataValidationError
        If the targeting matches no sector of the table.
    """
    t = scenario.targeting
    empty = np.zeros(0)
    if t.empty:
        return TargetWeights(np.zeros(0, dtype=np.int64), empty, empty, empty, t.bound)
    basis: list[str] = []
    share = np.zeros(sectors.n)
    if isinstance(t.sectors, dict):
        share[sectors.index(list(t.sectors))] = list(t.sectors.values())
        low = high = share
    elif t.sectors:
        share[sectors.index(t.sectors)] = 1.0
        low = high = share
    elif t.isic:
        share[sectors.select_isic(t.isic)] = 1.0
        low = high = share
    elif t.programmes:
        share, low, high, basis = _programme_union(t.programmes, sectors)
    else:
        share[_rule(scenario, sectors)] = 1.0
        low = high = share
    used = {"share": share, "low": low, "high": high}[t.bound]
    keep = used > 1e-12
    excluded = _excluded(t.exclude, sectors)
    keep[list(excluded)] = False
    index = np.flatnonzero(keep).astype(np.int64)
    if not len(index):
        raise DataValidationError(
            f"targeting matches no sector of {sectors.label}"
            + (" once the excluded programmes' sectors are taken out" if t.exclude else ""),
            path=scenario.name,
        )
    if t.exclude:
        basis.append(
            f"excluded: every sector in which {', '.join(t.exclude)} have a positive share "
            f"({len(excluded)} sectors)"
        )
    return TargetWeights(
        index=index,
        share=used[index].copy(),
        low=np.minimum(low, used)[index],
        high=np.maximum(high, used)[index],
        bound=t.bound,
        basis=tuple(basis),
    )


def target_shares(scenario: Scenario, sectors: SectorStructure) -> dict[int, float]:
    """Sector index → targeted share in (0, 1], in table order (see :func:`target_weights`)."""
    return target_weights(scenario, sectors).as_dict()


def resolve_targets(scenario: Scenario, sectors: SectorStructure) -> list[int]:
    """Indices of the targeted sectors (sorted, unique)."""
    return [int(i) for i in target_weights(scenario, sectors).index]
