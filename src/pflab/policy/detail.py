"""One registry entry in full, as a result.

:func:`show_programme` returns a :class:`ProgrammeDetail`: the entry's fields, target
sectors, sector-map shares, targets with their outcomes, facts, documents, milestones
and cited sources, each a table. Flags such as ``[conflict]`` are plain text in every
rendering.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pflab.data.isic import divisions
from pflab.policy.isic_detail import detail_codes
from pflab.policy.registry import Registry, load_registry
from pflab.policy.schema import Programme
from pflab.policy.sectormaps import SectorMaps, load_sector_maps
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.policy.weights import map_rows
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["ProgrammeDetail", "show_programme"]

_DETAIL_COLUMNS = {
    "field": "field of the entry",
    "value": "its value; [flags] give the evidence when weaker than confirmed",
    "isic": "ISIC Rev.4 code",
    "title": "ISIC Rev.4 title",
    "label": "what in the programme maps there",
    "via": "own sector, or from sub-entries and inherited entries",
    "part": "registry entry the share belongs to",
    "code": "NBS 153-product sector code",
    "name": "sector name",
    "share": "share of the sector's output in the programme (0-1)",
    "low": "low end of the share (0-1)",
    "high": "high end of the share (0-1)",
    "basis": "basis of the share",
    "year": "year",
    "indicator": "what is measured",
    "target": "the target as stated",
    "outcome": "what became of it, with its year",
    "met": "whether the target was met (empty: not known or not judged)",
    "evidence": "confidence of the target",
    "fact": "the number or statement",
    "note": "note",
    "sources": "source keys (sources.yaml)",
    "title_zh": "document title",
    "number": "document number",
    "date": "issued or published",
    "issuers": "issuing bodies",
    "event": "what happened",
    "key": "source key",
    "kind": "kind of source",
    "publisher": "publisher",
    "url": "address",
}


@dataclass(frozen=True, kw_only=True)
class ProgrammeDetail(Result):
    """One registry entry as tables (see :meth:`tables` for their names)."""

    entry: Programme
    fields: pd.DataFrame
    sectors: pd.DataFrame
    sector_map: pd.DataFrame
    targets: pd.DataFrame
    facts: pd.DataFrame
    documents: pd.DataFrame
    milestones: pd.DataFrame
    sources: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "fields": self.fields.copy(),
            "sectors": self.sectors.copy(),
            "sector_map": self.sector_map.copy(),
            "targets": self.targets.copy(),
            "facts": self.facts.copy(),
            "documents": self.documents.copy(),
            "milestones": self.milestones.copy(),
            "sources": self.sources.copy(),
        }

    def views(self) -> list[View]:
        views = [View("fields", (Column("field", "Field"), Column("value", "Value")))]
        if len(self.sectors):
            views.append(
                View(
                    "sectors",
                    (
                        Column("isic", "ISIC"),
                        Column("title", "ISIC title"),
                        Column("label", "What"),
                        Column("via", "From"),
                    ),
                    title="Target sectors (pflab's ISIC Rev.4 mapping)",
                )
            )
        if len(self.sector_map):
            views.append(
                View(
                    "sector_map",
                    (
                        Column("code", "NBS 153"),
                        Column("name", "Sector"),
                        Column("share", "Share", ".3f"),
                        Column("low", "Low", ".3f"),
                        Column("high", "High", ".3f"),
                        Column("basis", "Basis"),
                    ),
                    title="Share of each NBS 153 sector in the programme (sector map)",
                )
            )
        if len(self.targets):
            views.append(
                View(
                    "targets",
                    (
                        Column("year", "Year", "d"),
                        Column("indicator", "Indicator"),
                        Column("target", "Target"),
                        Column("outcome", "Outcome"),
                        Column("evidence", "Evidence"),
                        Column("sources", "Sources"),
                    ),
                    title="Targets",
                )
            )
        if len(self.documents):
            views.append(
                View(
                    "documents",
                    (
                        Column("title_zh", "Document"),
                        Column("number", "Number"),
                        Column("date", "Date"),
                        Column("issuers", "Issuers"),
                    ),
                    title="Documents",
                )
            )
        if len(self.facts):
            views.append(
                View(
                    "facts",
                    (
                        Column("year", "Year", "d"),
                        Column("indicator", "Fact"),
                        Column("fact", "Value"),
                        Column("evidence", "Evidence"),
                        Column("sources", "Sources"),
                    ),
                    title="Facts (not targets)",
                )
            )
        views.append(
            View(
                "sources",
                (
                    Column("key", "Key"),
                    Column("title", "Title"),
                    Column("kind", "Kind"),
                    Column("date", "Date"),
                    Column("url", "URL"),
                ),
                title="Sources",
            )
        )
        return views


def show_programme(
    name: str, *, registry: Registry | None = None, maps: SectorMaps | None = None
) -> ProgrammeDetail:
    """One registry entry in full, as tables.

    Parameters
    ----------
    name
        Id, alias, English or Chinese name (``"MIC2025"``, ``"863"``, ``"新质生产力"``).
    registry, maps
        Default: the shipped registry and its sector maps.

    Raises
    ------
    pflab.errors.LookupFailedError
        If no entry has that name (the message lists the closest).
    """
    reg = registry or load_registry()
    entry = reg.get(name)
    sector_map = map_rows(entry.id, reg, maps or load_sector_maps())
    return ProgrammeDetail(
        title=f"{entry.name_en}" + (f" ({entry.name_zh})" if entry.name_zh else ""),
        provenance=Provenance(
            method="registry entry",
            sources=(REGISTRY_SOURCE,),
            parameters={"id": entry.id},
            description="One entry of the policy registry with its cited sources.",
        ),
        notes=(
            "Flags in brackets ([conflict], [single_source], [unconfirmed]) give the evidence "
            "for a fact weaker than confirmed; 'not loaded' lines are claims seen but not "
            "taken as fact.",
            "ISIC codes and sector-map shares are pflab's mapping (docs/policy.md).",
        ),
        columns=_DETAIL_COLUMNS,
        entry=entry,
        fields=_fields(entry, reg),
        sectors=_sector_table(entry, reg),
        sector_map=sector_map,
        targets=_targets(entry, reg),
        facts=_facts(entry),
        documents=_documents(entry),
        milestones=pd.DataFrame(
            [
                {"date": m.date, "event": m.event, "sources": " ".join(m.sources)}
                for m in entry.milestones
            ],
            columns=["date", "event", "sources"],
        ),
        sources=pd.DataFrame(
            [
                {
                    "key": s.key,
                    "title": s.title,
                    "kind": s.kind,
                    "publisher": s.publisher or "",
                    "date": s.date or "",
                    "url": s.url or "",
                }
                for s in reg.sources_of(entry.id)
            ],
            columns=["key", "title", "kind", "publisher", "date", "url"],
        ),
    )


def _flag(confidence: str) -> str:
    return "" if confidence == "confirmed" else f" [{confidence}]"


def _fields(entry: Programme, reg: Registry) -> pd.DataFrame:
    dates = entry.dates
    rows: list[tuple[str, str]] = [
        ("id", entry.id),
        ("name (English)", entry.name_en),
        ("name (Chinese)", entry.name_zh or "— (not confirmed)"),
        ("pinyin", entry.pinyin or ""),
        ("aliases", "; ".join(entry.aliases)),
        ("kind", ", ".join(entry.kinds)),
        ("family", reg.family(entry.family).title_en),
    ]
    for label, point in (
        ("announced", dates.announced),
        ("start", dates.start),
        ("end", dates.end),
    ):
        if point is not None:
            note = f" ({point.note})" if point.note else ""
            rows.append((label, f"{point.date}{_flag(point.confidence)}{note}"))
    rows += [
        ("issuers", "; ".join(entry.issuers)),
        ("part of", entry.parent or ""),
        ("predecessors", ", ".join(p.id for p in reg.predecessors_of(entry.id))),
        ("successors", ", ".join(p.id for p in reg.successors_of(entry.id))),
        ("related", ", ".join(entry.related)),
        ("parts", ", ".join(p.id for p in reg.children(entry.id))),
        ("description", entry.description),
        ("fields", "; ".join(entry.fields)),
    ]
    for item in entry.items:
        rows.append(("item", f"{item.name_en}" + (f" ({item.name_zh})" if item.name_zh else "")))
    if entry.outcome:
        rows.append(("outcome", entry.outcome))
    rows.append(("evidence", entry.confidence))
    for claim in entry.unverified:
        rows.append(("not loaded (unverified)", claim))
    return pd.DataFrame([r for r in rows if r[1]], columns=["field", "value"])


def _sector_table(entry: Programme, reg: Registry) -> pd.DataFrame:
    own = {s.isic for s in entry.sectors} | {s.isic for i in entry.items for s in i.sectors}
    titles = divisions()["title"].to_dict() | detail_codes()
    return pd.DataFrame(
        [
            {
                "isic": s.isic,
                "title": titles.get(s.isic, ""),
                "label": s.label or "",
                "via": "own" if s.isic in own else "sub-entries / inherited",
            }
            for s in reg.sectors_of(entry.id)
        ],
        columns=["isic", "title", "label", "via"],
    )


def _target_text(row: Mapping[Hashable, Any]) -> str:
    value = row.get("value")
    if isinstance(value, float) and not pd.isna(value):
        comparator = "" if row["comparator"] == "=" else f"{row['comparator']} "
        text = f"{comparator}{value:g} {row['unit']}"
        if isinstance(row.get("text"), str):
            text += f" ({row['text']})"
        return text
    return str(row.get("text") or "")


def _outcome_text(row: Mapping[Hashable, Any]) -> str:
    text = row.get("outcome")
    if not isinstance(text, str):
        return ""
    year = row.get("outcome_year")
    met = row.get("met")
    verdict = {True: " — met", False: " — not met"}.get(met, "") if isinstance(met, bool) else ""
    prefix = f"{int(year)}: " if isinstance(year, int | float) and not pd.isna(year) else ""
    return f"{prefix}{text}{verdict}"


def _targets(entry: Programme, reg: Registry) -> pd.DataFrame:
    frame = reg.targets_frame([entry])
    records = frame.to_dict(orient="records")
    out = pd.DataFrame(
        {
            "year": frame["year"].astype("Int64"),
            "indicator": frame["indicator"],
            "target": [_target_text(r) for r in records],
            "outcome": [_outcome_text(r) for r in records],
            "met": frame["met"].astype("boolean"),
            "evidence": frame["confidence"],
            "note": frame["note"].fillna("") if len(frame) else frame["note"],
            "sources": frame["sources"],
        }
    )
    return out.reset_index(drop=True)


def _facts(entry: Programme) -> pd.DataFrame:
    rows = []
    for fact in entry.facts:
        value = "" if fact.value is None else f"{fact.value:g} {fact.unit}"
        text = "; ".join(p for p in (value, fact.text or "") if p)
        rows.append(
            {
                "year": fact.year,
                "indicator": fact.indicator,
                "fact": text,
                "evidence": fact.confidence,
                "note": fact.note or ("" if fact.year else "undated"),
                "sources": " ".join(fact.sources),
            }
        )
    frame = pd.DataFrame(rows, columns=["year", "indicator", "fact", "evidence", "note", "sources"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _documents(entry: Programme) -> pd.DataFrame:
    rows = []
    for doc in entry.documents:
        number = ""
        if doc.doc_number is not None:
            number = doc.doc_number.value + _flag(doc.doc_number.confidence)
        when = doc.issued or doc.published
        rows.append(
            {
                "title_zh": doc.title_zh,
                "title": doc.title_en or "",
                "number": number,
                "date": "" if when is None else when.date + _flag(when.confidence),
                "issuers": "; ".join(doc.issuers),
                "url": doc.url or "",
                "sources": " ".join(doc.sources),
            }
        )
    return pd.DataFrame(
        rows, columns=["title_zh", "title", "number", "date", "issuers", "url", "sources"]
    )
