"""The registry laid out in time: one bar per entry, lanes by family, links between them.

:func:`build_timeline` turns the registry into a :class:`Timeline` result (bars,
successor links, dated milestones) that :func:`pflab.report.policy.timeline_figure`
draws. Entries still in force, and those whose planned end lies beyond the horizon, are
drawn up to the horizon and flagged; the true end stays in the hover text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View

__all__ = ["REGISTRY_SOURCE", "Timeline", "build_timeline", "timeline_frame"]

#: The registry as a cited source (its own sources are listed per entry).
REGISTRY_SOURCE = Source(
    name="pflab policy registry",
    version="2024",
    citation=(
        "pflab policy registry of China's technology and industrial policies, 1861-2024, "
        "compiled from official documents, Government Work Reports and secondary sources "
        "cited entry by entry (src/pflab/policy/registry/sources.yaml)"
    ),
    licence="MIT (compilation); cited documents keep their own terms",
    note="ISIC Rev.4 mappings are pflab's judgement, not the documents' own (docs/policy.md).",
)


_COLUMNS = {
    "id": "registry id",
    "family": "family id (one registry file, one timeline lane)",
    "family_title": "family (English)",
    "family_title_zh": "family (Chinese)",
    "lane": "lane order of the family",
    "name_en": "entry (English)",
    "name_zh": "entry (Chinese)",
    "kind": "kind of entry",
    "start": "first day drawn (start or announcement), YYYY-MM-DD",
    "end": "last day drawn (end, or the horizon for entries still in force), YYYY-MM-DD",
    "start_label": "start as recorded (partial ISO date)",
    "end_label": "end as recorded, or 'in force'",
    "open_end": "still in force or planned beyond the horizon (drawn hatched)",
    "confidence": "weakest evidence among the entry and its dates",
    "description": "what the entry is, in pflab's words",
    "source": "entry that precedes",
    "target": "entry that follows",
    "relation": "kind of link",
    "date": "day drawn for a milestone, YYYY-MM-DD",
    "label": "the milestone's date as recorded",
    "event": "what happened",
    "entries": "entries of the family drawn",
    "first": "first year drawn",
    "last": "last year drawn",
}


@dataclass(frozen=True, kw_only=True)
class Timeline(Result):
    """Bars, links and milestones of the registry, ready to draw.

    Attributes
    ----------
    frame
        One row per drawn entry (columns in :attr:`columns`; ``start`` and ``end`` are
        timestamps here, ``YYYY-MM-DD`` text in :meth:`tables`; ``end`` is clipped to the
        horizon).
    links
        ``source`` → ``target`` with ``relation`` ``"successor"``, between drawn entries.
    milestones
        ``id``, ``date`` (timestamp), ``label`` (the recorded date), ``event``.
    horizon
        Last year drawn.
    """

    frame: pd.DataFrame
    links: pd.DataFrame
    milestones: pd.DataFrame
    horizon: int

    @property
    def first_year(self) -> int:
        """Year of the earliest start."""
        return int(self.frame["start"].min().year)

    def families(self) -> pd.DataFrame:
        """One row per lane: family, entries drawn, first and last year."""
        rows = []
        for family, part in self.frame.groupby("lane", sort=True):
            del family
            rows.append(
                {
                    "family": part["family"].iloc[0],
                    "family_title": part["family_title"].iloc[0],
                    "entries": len(part),
                    "first": int(part["start"].min().year),
                    "last": int(part["end"].max().year),
                }
            )
        return pd.DataFrame(rows, columns=["family", "family_title", "entries", "first", "last"])

    def tables(self) -> dict[str, pd.DataFrame]:
        entries = self.frame.assign(
            start=self.frame["start"].dt.strftime("%Y-%m-%d"),
            end=self.frame["end"].dt.strftime("%Y-%m-%d"),
        )
        stones = self.milestones.assign(date=self.milestones["date"].dt.strftime("%Y-%m-%d"))
        return {
            "entries": entries,
            "links": self.links.copy(),
            "milestones": stones,
            "families": self.families(),
        }

    def views(self) -> list[View]:
        return [
            View(
                "entries",
                (
                    Column("family_title", "Family"),
                    Column("name_en", "Entry"),
                    Column("name_zh", "Chinese"),
                    Column("start_label", "From"),
                    Column("end_label", "To"),
                ),
            ),
            View(
                "families",
                (
                    Column("family_title", "Family"),
                    Column("entries", "Entries", "d"),
                    Column("first", "From", "d"),
                    Column("last", "To", "d"),
                ),
                title="Families (timeline lanes)",
            ),
        ]


def build_timeline(
    registry: Registry | None = None,
    *,
    horizon: int = 2024,
    children: bool = False,
    families: list[str] | None = None,
) -> Timeline:
    """Lay the registry out for a timeline.

    Parameters
    ----------
    registry
        Default: the shipped registry.
    horizon
        Last year drawn; open-ended entries run to its end.
    children
        Also draw entries that have a parent (the 16 megaprojects, the SEI and MIC2025
        sectors, the future-industry directions). Default: top-level entries only.
    families
        Only these family ids (default: all).

    Raises
    ------
    pflab.errors.ParameterError
        If ``horizon`` is before every start in the registry.
    """
    reg = registry or load_registry()
    chosen = [p for p in reg if children or p.parent is None]
    if families is not None:
        wanted = {reg.family(f).id for f in families}
        chosen = [p for p in chosen if p.family in wanted]
    chosen = [p for p in chosen if p.start_year <= horizon]
    if not chosen:
        raise ParameterError("horizon", f"{horizon}: no entry starts by then")
    lanes = {f.id: f for f in reg.families}
    end_of_horizon = pd.Timestamp(f"{horizon}-12-31")
    rows = []
    for p in chosen:
        start = pd.Timestamp(p.dates.first.earliest)
        end = None if p.dates.end is None else pd.Timestamp(p.dates.end.latest)
        open_end = end is None or end > end_of_horizon
        rows.append(
            {
                "id": p.id,
                "family": p.family,
                "family_title": lanes[p.family].title_en,
                "family_title_zh": lanes[p.family].title_zh,
                "lane": lanes[p.family].order,
                "name_en": p.name_en,
                "name_zh": p.name_zh,
                "kind": p.kind,
                "start": start,
                "end": end_of_horizon if open_end else end,
                "start_label": p.dates.first.date,
                "end_label": "in force" if p.dates.end is None else p.dates.end.date,
                "open_end": open_end,
                "confidence": _weakest(p),
                "description": p.description,
            }
        )
    frame = pd.DataFrame(rows).sort_values(["lane", "start"], kind="stable", ignore_index=True)
    drawn = set(frame["id"])
    links = sorted(
        {
            (a.id, b.id)
            for a in chosen
            for b in reg.successors_of(a.id)
            if b.id in drawn and a.id in drawn
        }
    )
    link_frame = pd.DataFrame(links, columns=["source", "target"]).assign(relation="successor")
    stones = [
        {"id": p.id, "date": pd.Timestamp(_first_day(m.date)), "label": m.date, "event": m.event}
        for p in chosen
        for m in p.milestones
        if m.year <= horizon
    ]
    milestones = pd.DataFrame(stones, columns=["id", "date", "label", "event"])
    provenance = Provenance(
        method="registry timeline",
        sources=(REGISTRY_SOURCE,),
        parameters={"horizon": horizon, "children": children, "families": families},
        description="Entries of the policy registry by family, start to end (or horizon).",
    )
    first = int(frame["start"].min().year)
    notes = (
        f"{len(frame)} entries in {frame['family'].nunique()} families, {len(link_frame)} "
        f"successor links, {len(milestones)} milestones, {first}-{horizon}.",
        f"Entries still in force, or planned beyond {horizon}, run to the end of {horizon} "
        "(open_end); 'To' gives the end as recorded.",
        "Dates are partial ISO dates as recorded; a year-only start is drawn from 1 January.",
    )
    return Timeline(
        title=f"China's technology and industrial policy programmes, {first}-{horizon}",
        provenance=provenance,
        notes=notes,
        columns=_COLUMNS,
        frame=frame,
        links=link_frame,
        milestones=milestones,
        horizon=horizon,
    )


def timeline_frame(registry: Registry | None = None, *, horizon: int = 2024) -> pd.DataFrame:
    """The bar table of :func:`build_timeline`, with ``start`` and ``end`` as timestamps."""
    return build_timeline(registry, horizon=horizon).frame.copy()


def _first_day(text: str) -> str:
    parts = text.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _weakest(p: Programme) -> str:
    order = ["confirmed", "single_source", "conflict", "unconfirmed"]
    levels = [p.confidence] + [
        d.confidence for d in (p.dates.announced, p.dates.start, p.dates.end) if d is not None
    ]
    return max(levels, key=order.index)
