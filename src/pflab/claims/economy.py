"""The claims about China's economy: what lies outside high tech, exports, supply chains.

- :func:`structure_share` — a group's share of value added or employment in one
  input–output table (:func:`pflab.policy.structure.table_structure`);
- :func:`structure_ratio` — one group's share over another's (consumer-oriented
  services over high tech);
- :func:`export_share` — a section's exports (or net exports) over its gross output, on
  one or more tables;
- :func:`import_content` — the total import content of an ISIC division's output (all
  imports embodied along the domestic supply chain per unit of final demand, m'L;
  :func:`pflab.network.import_content`), weighted by final demand where the division
  spans several sectors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pflab.claims.base import Context, Measurement, Params, TableRef

if TYPE_CHECKING:
    import pandas as pd

    from pflab.data.iotables import IOTable

__all__ = [
    "ExportShareParams",
    "ImportContentParams",
    "StructureParams",
    "StructureRatioParams",
    "export_share",
    "import_content",
    "structure_ratio",
    "structure_share",
]

Group = Literal[
    "consumer_services",
    "high_tech",
    "high_tech_manufacturing",
    "high_tech_services",
    "outside_high_tech",
    "manufacturing",
]
Quantity = Literal["value_added", "employment"]

_HIGH_TECH = {"high_tech", "high_tech_manufacturing", "high_tech_services", "outside_high_tech"}
_LABEL = {"value_added": "value added", "employment": "employment"}


class StructureParams(Params):
    """A group's share of a quantity in one table (default: the latest NBS table with it)."""

    group: Group
    measure: Quantity = "value_added"
    table: TableRef | None = None


class StructureRatioParams(Params):
    """``numerator``'s share over ``denominator``'s in one table."""

    numerator: Group
    denominator: Group
    measure: Quantity = "value_added"
    table: TableRef | None = None


class ExportShareParams(Params):
    """Exports (or net exports) of one ISIC section over its gross output, by table."""

    section: str = "C"
    column: Literal["export_share", "domestic_export_share", "net_export_share"] = "export_share"
    tables: tuple[TableRef, ...]


class ImportContentParams(Params):
    """Total import content of one ISIC division's output, by table."""

    division: str = "26"
    tables: tuple[TableRef, ...]


def _default_table(measure: str) -> TableRef:
    # the latest NBS table; employment by industry ends in 2018
    return TableRef(year=2018 if measure == "employment" else 2020)


def _table_name(ref: TableRef, context: Context) -> str:
    table = context.table(ref)
    family = {"nbs": "NBS", "oecd": "OECD", "wiod": "WIOD"}.get(ref.source, ref.source.upper())
    return f"{family} IO table {table.year}, {table.n} sectors"


def _structure_command(ref: TableRef) -> str:
    command = f"pflab claims --structure --years {ref.year}"
    if ref.source != "nbs" or ref.economy != "CHN":
        command += f" --economy {ref.economy} --source {ref.source}"
    if ref.sectors is not None:
        command += f" --sectors {ref.sectors}"
    return command


def _missing_high_tech(source: str, ref: TableRef, unit: str) -> Measurement:
    from pflab.policy.structure import HIGH_TECH_MISSING

    return Measurement.missing(
        source,
        f"high tech: {HIGH_TECH_MISSING}",
        period=str(ref.year),
        unit=unit,
        command=_structure_command(ref),
    )


def structure_share(params: StructureParams, context: Context) -> list[Measurement]:
    """A group's share of value added or employment (percent), with its range."""
    from pflab.policy.structure import GROUPS, high_tech_available

    ref = params.table or _default_table(params.measure)
    source = _table_name(ref, context)
    if params.group in _HIGH_TECH and not high_tech_available():
        return [_missing_high_tech(source, ref, "%")]
    structure = context.structure(ref)
    row = structure.share(params.group, params.measure)
    ranged = float(row["high"]) - float(row["low"]) > 1e-9
    what = GROUPS[params.group]
    notes = [f"{what[0].upper()}{what[1:]}: share of total {_LABEL[params.measure]}."]
    if params.group in _HIGH_TECH:
        notes += structure.high_tech_notes
    if params.measure == "employment":
        notes.append(
            "Employment by industry (NBS series, ends in 2018) shared among the table's "
            "product sectors by compensation of employees."
        )
    return [
        Measurement(
            source=source,
            period=str(ref.year),
            value=float(row["value"]),
            unit="%",
            shown=f"{float(row['value']):.1f} %",
            low=float(row["low"]) if ranged else None,
            high=float(row["high"]) if ranged else None,
            range_basis="partial sectors at their low and high shares" if ranged else "",
            notes=tuple(notes),
            command=_structure_command(ref),
            sources=structure.provenance.sources,
        )
    ]


def structure_ratio(params: StructureRatioParams, context: Context) -> list[Measurement]:
    """``numerator``'s share over ``denominator``'s (times), with the range of both."""
    from pflab.policy.structure import high_tech_available

    ref = params.table or _default_table(params.measure)
    source = _table_name(ref, context)
    if {params.numerator, params.denominator} & _HIGH_TECH and not high_tech_available():
        return [_missing_high_tech(source, ref, "×")]
    structure = context.structure(ref)
    top = structure.share(params.numerator, params.measure)
    bottom = structure.share(params.denominator, params.measure)
    ratio = float(top["value"]) / float(bottom["value"])
    low = float(top["low"]) / float(bottom["high"])
    high = float(top["high"]) / float(bottom["low"])
    notes = (
        f"{params.numerator}: {float(top['value']):.1f} % of {_LABEL[params.measure]}; "
        f"{params.denominator}: {float(bottom['value']):.1f} %.",
        *structure.high_tech_notes,
    )
    return [
        Measurement(
            source=source,
            period=str(ref.year),
            value=ratio,
            unit="×",
            shown=f"{ratio:.1f} ×",
            low=low,
            high=high,
            range_basis="both shares at the ends of their ranges",
            notes=notes,
            command=_structure_command(ref),
            sources=structure.provenance.sources,
        )
    ]


def export_share(params: ExportShareParams, context: Context) -> list[Measurement]:
    """A section's exports (or net exports) as a share of its gross output, per table."""
    from pflab.policy.structure import SECTIONS

    out = []
    for ref in params.tables:
        structure = context.structure(ref)
        row = structure.exports_of(params.section)
        value = float(row[params.column])
        table = context.table(ref)
        notes = [
            f"{SECTIONS.get(params.section, params.section)}: "
            f"exports {float(row['export_share']):.1f} % of gross output, exports of domestic "
            f"output {float(row['domestic_export_share']):.1f} %, net of imports "
            f"{float(row['net_export_share']):.1f} %.",
            "Gross output, not value added: the share of the sector's sales that goes abroad.",
        ]
        notes += [n for n in table.notes if n.startswith("Imports")]
        out.append(
            Measurement(
                source=_table_name(ref, context),
                period=str(ref.year),
                value=value,
                unit="%",
                shown=f"{value:.1f} %",
                notes=tuple(notes),
                command=_structure_command(ref),
                sources=(table.source,),
            )
        )
    return out


def _content_frame(table: IOTable, context: Context) -> pd.DataFrame:
    from pflab.network import import_content as content

    frame: pd.DataFrame = context.cached(
        ("import_content", table.label), lambda: content(table).frame
    )
    return frame


def import_content(params: ImportContentParams, context: Context) -> list[Measurement]:
    """Total import content (m'L) of an ISIC division's output, percent, per table."""
    from pflab.data.iotables import isic_mapping

    out = []
    for ref in params.tables:
        table = context.table(ref)
        source = _table_name(ref, context)
        codes = [c for c, d in isic_mapping(table, "division").items() if d == params.division]
        command = (
            f"pflab network {ref.economy} --source {ref.source} --year {ref.year}"
            + (f" --sectors {ref.sectors}" if ref.sectors is not None else "")
            + " --sort imports"
        )
        if not codes or table.Z_imports is None:
            reason = (
                f"no sector of {table.label} has ISIC division {params.division} as its "
                "primary code"
                if not codes
                else f"{table.label} has no imported intermediate block"
            )
            out.append(Measurement.missing(source, reason, period=str(ref.year), unit="%"))
            continue
        frame = _content_frame(table, context)
        demand = table.final_demand.sum(axis=1).reindex(codes).clip(lower=0.0)
        output = table.gross_output.reindex(codes)
        total = frame.loc[codes, "total"]
        value = 100.0 * float((total * demand).sum() / demand.sum())
        direct = 100.0 * float((frame.loc[codes, "direct"] * output).sum() / output.sum())
        each = "; ".join(
            f"{name} ({code}) {100.0 * float(total[code]):.1f} %"
            for code, name in zip(codes, table.names_for(codes), strict=True)
        )
        notes = [
            "Imports embodied along the whole domestic supply chain per unit of final "
            "demand (m'L)"
            + (
                f", weighted by final demand over the sectors: {each}"
                if len(codes) > 1
                else f": {each}"
            )
            + ".",
            f"Imported inputs bought directly: {direct:.1f} % of the output.",
        ]
        notes += [n for n in table.notes if n.startswith("Imports")]
        out.append(
            Measurement(
                source=source,
                period=str(ref.year),
                value=value,
                unit="%",
                shown=f"{value:.1f} %",
                notes=tuple(notes),
                command=command,
                sources=(table.source,),
            )
        )
    return out
