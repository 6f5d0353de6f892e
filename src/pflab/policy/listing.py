"""The registry as a result: a filtered listing.

:func:`list_programmes` returns a :class:`RegistryListing`, one row per entry that passes
the filters; it prints, exports to CSV and JSON and renders in a notebook like every
other :class:`pflab.result.Result`. One entry in full is :func:`pflab.policy.detail.show_programme`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pflab.policy.registry import Registry, load_registry
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["RegistryListing", "list_programmes"]

_LIST_COLUMNS = {
    "id": "registry id",
    "family": "family (registry file)",
    "name_en": "name (English)",
    "name_zh": "name (Chinese, simplified)",
    "kind": "kind of entry",
    "start": "start, or announcement, as recorded (partial ISO date)",
    "end": "end as recorded; empty: still in force",
    "start_year": "year of the start",
    "end_year": "year of the end",
    "span": "start-end as shown on screen",
    "parent": "entry it is part of",
    "scope": "sectors, economy_wide or cross_cutting",
    "isic": "ISIC Rev.4 divisions of its target sectors, sub-entries and inherited ones",
    "targets": "number of targets",
    "facts": "number of facts",
    "confidence": "evidence for the entry as a whole",
}


@dataclass(frozen=True, kw_only=True)
class RegistryListing(Result):
    """Registry entries that pass a set of filters, one row each."""

    frame: pd.DataFrame
    filters: Mapping[str, Any]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"entries": self.frame.copy()}

    def views(self) -> list[View]:
        return [
            View(
                "entries",
                (
                    Column("id", "Id"),
                    Column("name_en", "Name"),
                    Column("name_zh", "Chinese"),
                    Column("kind", "Kind"),
                    Column("span", "Dates"),
                    Column("parent", "Part of"),
                    Column("isic", "ISIC Rev.4 divisions"),
                ),
            )
        ]


def list_programmes(
    *,
    active_in: int | None = None,
    sector: str | None = None,
    kind: str | None = None,
    family: str | None = None,
    top: bool = False,
    registry: Registry | None = None,
) -> RegistryListing:
    """Registry entries passing every given filter.

    Parameters
    ----------
    active_in
        In force in this year.
    sector
        Targets this ISIC Rev.4 code (``"C"``, ``"26"``, ``"2610"``, ``"C26"``).
    kind
        ``strategy``, ``plan``, ``programme``, ``list``, ``fund`` or ``institution``.
    family
        One family id (registry file).
    top
        Only entries without a parent.
    registry
        Default: the shipped registry.

    Raises
    ------
    pflab.errors.ParameterError
        If ``sector`` or ``kind`` is not valid (naming the parameter).
    pflab.errors.LookupFailedError
        If ``family`` is unknown.
    """
    reg = registry or load_registry()
    chosen = reg.select(active_in=active_in, sector=sector, kind=kind, family=family)
    if top:
        chosen = [p for p in chosen if p.parent is None]
    frame = reg.to_frame(chosen) if chosen else reg.to_frame().iloc[0:0]
    frame = frame.reset_index(drop=True)
    frame["isic"] = frame["isic"].where(frame["isic"] != "", None)  # missing, as CSV reads it
    span = [
        f"{a}–{b if isinstance(b, str) else ''}"
        for a, b in zip(frame["start"], frame["end"], strict=True)
    ]
    frame.insert(list(frame.columns).index("end_year") + 1, "span", span)
    filters = {
        k: v
        for k, v in (
            ("active_in", active_in),
            ("sector", sector),
            ("kind", kind),
            ("family", family),
            ("top", top or None),
        )
        if v is not None
    }
    described = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in filters.items() if k != "top")
    if top:
        described = ", ".join(filter(None, [described, "top level only"]))
    return RegistryListing(
        title=f"{len(frame)} registry entries" + (f" ({described})" if described else ""),
        provenance=Provenance(
            method="registry listing",
            sources=(REGISTRY_SOURCE,),
            parameters=dict(filters),
            description="Entries of the policy registry that pass the filters.",
        ),
        notes=(
            "An empty end date means still in force. ISIC divisions include sub-entries and "
            "inherited targets (pflab's mapping; see docs/policy.md).",
        ),
        columns=_LIST_COLUMNS,
        frame=frame,
        filters=filters,
    )
