"""``pflab policy``: the registry of China's technology and industrial policies.

``list`` filters the registry, ``show`` prints one entry, ``timeline`` draws it from 1861
to 2024 and ``exposure`` measures the programmes' target sectors in an input-output table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import typer

from pflab.cli import app
from pflab.cli._common import OutputFormat, PflabTyper, console, emit_records, render_table
from pflab.data.isic import divisions
from pflab.policy import Registry, load_registry
from pflab.policy.isic_detail import detail_codes
from pflab.policy.schema import KINDS, Programme

__all__ = ["policy_app"]

policy_app = PflabTyper(
    name="policy",
    help="China's technology and industrial policy programmes, 1861-2024, as data.",
    no_args_is_help=True,
)
app.add_typer(policy_app, name="policy")

_FORMAT = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv or json.")
_PLOT = typer.Option(None, "--plot", help="Write a chart to this .html file (works offline).")


@policy_app.command("list")
def list_(
    active_in: int | None = typer.Option(None, "--active-in", help="In force in this year."),
    sector: str | None = typer.Option(
        None, "--sector", help="Targets this ISIC Rev.4 code: C, 26, 2610 or C26."
    ),
    kind: str | None = typer.Option(None, "--kind", help=f"One of {', '.join(KINDS)}."),
    family: str | None = typer.Option(None, "--family", help="One family (registry file)."),
    top: bool = typer.Option(False, "--top", help="Only entries without a parent."),
    fmt: OutputFormat = _FORMAT,
) -> None:
    """List registry entries, optionally filtered."""
    reg = load_registry()
    chosen = reg.select(active_in=active_in, sector=sector, kind=kind, family=family)
    if top:
        chosen = [p for p in chosen if p.parent is None]
    frame = reg.to_frame(chosen) if chosen else reg.to_frame().iloc[0:0]
    if fmt is not OutputFormat.table:
        emit_records(frame, fmt)
        return
    shown = frame.assign(
        span=[
            f"{a}–{b if isinstance(b, str) else ''}"
            for a, b in zip(frame["start"], frame["end"], strict=True)
        ]
    )
    filters = ", ".join(
        f"{k} {v}"
        for k, v in (
            ("active in", active_in),
            ("sector", sector),
            ("kind", kind),
            ("family", family),
        )
        if v is not None
    )
    render_table(
        shown,
        [
            ("id", "Id"),
            ("name_en", "Name"),
            ("name_zh", "Chinese"),
            ("kind", "Kind"),
            ("span", "Dates"),
            ("parent", "Part of"),
            ("isic", "ISIC Rev.4 divisions"),
        ],
        title=f"{len(frame)} registry entries" + (f" ({filters})" if filters else ""),
        notes=[
            "An empty end date means still in force. ISIC divisions include sub-entries and "
            "inherited targets (pflab's mapping; see docs/policy.md).",
        ],
    )


@policy_app.command("show")
def show(
    name: str = typer.Argument(..., help="Id, alias or name, e.g. MIC2025, 863, 新质生产力."),
    fmt: OutputFormat = _FORMAT,
) -> None:
    """Show one entry: names, dates, links, sectors, targets and sources."""
    reg = load_registry()
    entry = reg.get(name)
    if fmt is OutputFormat.json:
        record = entry.model_dump(mode="json", exclude_none=True)
        record["effective_isic"] = [s.isic for s in reg.sectors_of(entry.id)]
        record["cited_sources"] = [
            s.model_dump(exclude_none=True) for s in reg.sources_of(entry.id)
        ]
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    if fmt is OutputFormat.csv:
        emit_records(_fields(entry, reg), fmt)
        return
    render_table(_fields(entry, reg), [("field", "Field"), ("value", "Value")], title=entry.name_en)
    sectors = _sector_table(entry, reg)
    if len(sectors):
        render_table(
            sectors,
            [("isic", "ISIC"), ("title", "ISIC title"), ("label", "What"), ("via", "From")],
            title="Target sectors (pflab's ISIC Rev.4 mapping)",
        )
    targets = reg.targets_frame()
    targets = targets[targets["id"] == entry.id]
    if len(targets):
        targets = targets.assign(
            target=[_target_text(r) for r in targets.to_dict(orient="records")],
            result=[_outcome_text(r) for r in targets.to_dict(orient="records")],
        )
        render_table(
            targets,
            [
                ("year", "Year"),
                ("indicator", "Indicator"),
                ("target", "Target"),
                ("result", "Outcome"),
                ("confidence", "Evidence"),
                ("sources", "Sources"),
            ],
            title="Targets",
        )
    refs = pd.DataFrame([s.model_dump() for s in reg.sources_of(entry.id)])
    render_table(
        refs,
        [("key", "Key"), ("title", "Title"), ("kind", "Kind"), ("date", "Date"), ("url", "URL")],
        title="Sources",
    )


def _fields(entry: Programme, reg: Registry) -> pd.DataFrame:
    dates = entry.dates
    rows: list[tuple[str, str]] = [
        ("id", entry.id),
        ("name (English)", entry.name_en),
        ("name (Chinese)", entry.name_zh or "— (not confirmed)"),
        ("pinyin", entry.pinyin or ""),
        ("aliases", ", ".join(entry.aliases)),
        ("kind", ", ".join(entry.kinds)),
        ("family", reg.family(entry.family).title_en),
    ]
    for label, point in (
        ("announced", dates.announced),
        ("start", dates.start),
        ("end", dates.end),
    ):
        if point is not None:
            flag = "" if point.confidence == "confirmed" else f" [{point.confidence}]"
            note = f" ({point.note})" if point.note else ""
            rows.append((label, f"{point.date}{flag}{note}"))
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
    for doc in entry.documents:
        number = f" {doc.doc_number.value}" if doc.doc_number else ""
        if doc.doc_number and doc.doc_number.confidence != "confirmed":
            number += f" [{doc.doc_number.confidence}]"
        when = doc.issued or doc.published
        rows.append(("document", f"{doc.title_zh}{number}" + (f", {when.date}" if when else "")))
    for item in entry.items:
        rows.append(("item", f"{item.name_en}" + (f" ({item.name_zh})" if item.name_zh else "")))
    for stone in entry.milestones:
        rows.append(("milestone", f"{stone.date}: {stone.event}"))
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
    met = row.get("met")
    if not isinstance(text, str):
        return ""
    if met is None or met is pd.NA or (isinstance(met, float) and math.isnan(met)):
        return text
    return text + (" — met" if met else " — not met")


@policy_app.command("timeline")
def timeline(
    plot: Path | None = _PLOT,
    horizon: int = typer.Option(2024, "--horizon", help="Last year drawn."),
    children: bool = typer.Option(False, "--children", help="Also draw sub-entries."),
    fmt: OutputFormat = _FORMAT,
) -> None:
    """The registry in time, by family, with links between successors (1861-2024)."""
    from pflab.policy.timeline import build_timeline

    result = build_timeline(horizon=horizon, children=children)
    frame = result.to_frame()
    if fmt is not OutputFormat.table:
        emit_records(
            frame.drop(columns=["description"]).assign(
                start=frame["start"].dt.strftime("%Y-%m-%d"),
                end=frame["end"].dt.strftime("%Y-%m-%d"),
            ),
            fmt,
        )
    else:
        render_table(
            frame,
            [
                ("family_title", "Family"),
                ("name_en", "Entry"),
                ("name_zh", "Chinese"),
                ("start_label", "From"),
                ("end_label", "To"),
            ],
            title=result.summary().splitlines()[0],
            notes=result.summary().splitlines()[1:],
        )
    if plot is not None:
        from pflab.report.html import write_html
        from pflab.report.policy import timeline_figure

        typer.echo(f"wrote {write_html(timeline_figure(result), plot)}", err=True)


@policy_app.command("exposure")
def exposure(
    economy: str = typer.Argument("CHN", help="Economy of the input-output table."),
    year: int = typer.Option(2020, "--year", help="Table year."),
    source: str = typer.Option("nbs", "--source", help="Table source (see pflab.network)."),
    programmes: str | None = typer.Option(
        None, "--programmes", help="Comma-separated ids or aliases [default: all top-level]."
    ),
    children: bool = typer.Option(False, "--children", help="Also each programme's sub-entries."),
    fmt: OutputFormat = _FORMAT,
    plot: Path | None = _PLOT,
) -> None:
    """Share of gross output, value added, employment and the Domar weight of each
    programme's target sectors in an input-output table."""
    from pflab.cli._common import split_list
    from pflab.policy.exposure import economy_exposure

    chosen = split_list(programmes, "--programmes") or None
    result = economy_exposure(economy, year, source=source, programmes=chosen, children=children)
    frame = result.to_frame()
    if fmt is not OutputFormat.table:
        emit_records(frame, fmt)
    else:
        render_table(
            frame,
            [
                ("name_en", "Programme"),
                ("n_sectors", "Sectors"),
                ("gross_output_share", "Output %"),
                ("value_added_share", "VA %"),
                ("employment_share", "Jobs %"),
                ("domar_weight", "Domar"),
                ("isic", "ISIC divisions"),
            ],
            title=result.summary().splitlines()[0],
            notes=result.notes(),
        )
        console.print()
    if plot is not None:
        from pflab.report.html import write_html
        from pflab.report.policy import exposure_figure

        fig = exposure_figure(frame, title=result.summary().splitlines()[0], notes=result.notes())
        typer.echo(f"wrote {write_html(fig, plot)}", err=True)
