"""The registry laid out in time: one bar per entry, lanes by family, links between them.

:func:`build_timeline` turns the registry into a :class:`Timeline` result (bars,
successor links, dated milestones) that :func:`pflab.report.policy.timeline_figure`
draws. Entries still in force, and those whose planned end lies beyond the horizon, are
drawn up to the horizon and flagged; the true end stays in the hover text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.provenance import Provenance, Source

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


@dataclass(frozen=True)
class Timeline:
    """Bars, links and milestones of the registry, ready to draw.

    Attributes
    ----------
    frame
        One row per drawn entry: ``id``, ``family``, ``family_title``, ``lane`` (family
        order), ``name_en``, ``name_zh``, ``kind``, ``start`` and ``end`` (timestamps;
        ``end`` clipped to the horizon), ``start_label`` and ``end_label`` (as recorded),
        ``open_end`` (still in force or planned beyond the horizon), ``confidence``.
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
    provenance: Provenance

    def to_frame(self) -> pd.DataFrame:
        """A copy of the bar table."""
        return self.frame.copy()

    @property
    def first_year(self) -> int:
        """Year of the earliest start."""
        return int(self.frame["start"].min().year)

    def summary(self) -> str:
        """A few lines a person can read: span, lanes, entries, links."""
        lanes = self.frame.drop_duplicates("family")
        lines = [
            f"Timeline {self.first_year}-{self.horizon}: {len(self.frame)} entries in "
            f"{len(lanes)} families, {len(self.links)} successor links, "
            f"{len(self.milestones)} milestones.",
        ]
        for row in lanes.itertuples():
            part = self.frame[self.frame["family"] == row.family]
            first, last = part["start"].min().year, part["end"].max().year
            lines.append(f"  {row.family_title}: {len(part)} entries, {first}-{last}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        shown = self.frame[
            ["family_title", "name_en", "name_zh", "kind", "start_label", "end_label"]
        ]
        return f"<p>{html.escape(self.summary().splitlines()[0])}</p>" + shown.to_html(
            index=False, escape=True, na_rep=""
        )


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
        raise ParameterError("--horizon", f"{horizon}: no entry starts by then")
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
    return Timeline(frame, link_frame, milestones, horizon, provenance)


def timeline_frame(registry: Registry | None = None, *, horizon: int = 2024) -> pd.DataFrame:
    """Shortcut for ``build_timeline(registry, horizon=horizon).to_frame()``."""
    return build_timeline(registry, horizon=horizon).to_frame()


def _first_day(text: str) -> str:
    parts = text.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _weakest(p: Programme) -> str:
    order = ["confirmed", "single_source", "conflict", "unconfirmed"]
    levels = [p.confidence] + [
        d.confidence for d in (p.dates.announced, p.dates.start, p.dates.end) if d is not None
    ]
    return max(levels, key=order.index)
