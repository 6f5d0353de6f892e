"""Data and assumptions: every embedded dataset with its citation, vintage and raw files.

:class:`DataSources` is a catalogue, not a computation: one row per dataset pflab ships,
read from the JSON sidecars the build script wrote (``pflab.data.embedded``), plus, in a
report, one row per further source that a section's result cites.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pflab.provenance import Provenance, Source
from pflab.report.computation import Computation, RunContext
from pflab.report.params import ReportParams
from pflab.result import Column, Result, View

__all__ = ["SOURCES", "DataSources", "data_sources"]

_COLUMNS = {
    "dataset": "embedded dataset (file stem), or the result that cites the source",
    "name": "source name",
    "version": "vintage or edition",
    "citation": "citation the publisher asks for",
    "url": "where to download the official file",
    "licence": "licence as far as known",
    "raw_files": "raw files the embedded dataset was built from (name: SHA-256 prefix)",
    "built_by": "command that builds the embedded dataset",
    "note": "caveats",
}


@dataclass(frozen=True, kw_only=True)
class DataSources(Result):
    """Every source the numbers rest on, one row each.

    Attributes
    ----------
    frame
        Columns as in :data:`_COLUMNS`.
    """

    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``sources``: one row per dataset or cited source."""
        return {"sources": self.frame.copy()}

    def views(self) -> list[View]:
        """Dataset, source, vintage, licence and citation."""
        return [
            View(
                "sources",
                [
                    Column("dataset", "Dataset"),
                    Column("name", "Source"),
                    Column("version", "Vintage"),
                    Column("licence", "Licence"),
                    Column("citation", "Citation"),
                ],
            )
        ]


def _raw_files(meta: dict[str, object]) -> str:
    raw = meta.get("raw")
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    return "; ".join(
        f"{item.get('file', '?')}: {str(item.get('sha256', ''))[:12]}"
        for item in items
        if isinstance(item, dict)
    )


def data_sources(cited: Iterable[tuple[str, Source]] = ()) -> DataSources:
    """The catalogue of embedded datasets, then sources cited by results.

    Parameters
    ----------
    cited
        ``(result title, source)`` pairs from the results of a report; a source already
        listed for an embedded dataset is not repeated.
    """
    from pflab.data.embedded import embedded_files, read_sidecar

    rows = []
    for stem in embedded_files():
        meta = read_sidecar(stem)
        source = Source.from_dict(meta.get("source", {}))
        rows.append(
            {
                "dataset": stem,
                **source.to_dict(),
                "raw_files": _raw_files(meta),
                "built_by": str(meta.get("built_by", "")),
            }
        )
    listed = {(r["name"], r["version"]) for r in rows}
    for title, source in cited:
        if (source.name, source.version) in listed:
            continue
        listed.add((source.name, source.version))
        rows.append({"dataset": title, **source.to_dict(), "raw_files": "", "built_by": ""})
    frame = pd.DataFrame.from_records(rows, columns=list(_COLUMNS))
    provenance = Provenance(
        method="catalogue",
        sources=tuple(dict.fromkeys(Source.from_dict(r) for r in rows)),
        description="The JSON sidecars of pflab's embedded datasets (written by "
        "python -m pflab.build) and the sources cited by the results shown.",
    )
    return DataSources(
        title="Data sources, vintages and citations",
        provenance=provenance,
        notes=(
            "Raw files are never shipped: each embedded dataset is rebuilt from them by "
            "the command in built_by, and the SHA-256 of every raw file is recorded.",
        ),
        columns=_COLUMNS,
        frame=frame,
    )


def _sources(params: ReportParams, context: RunContext) -> Result:
    return data_sources(context.cited)


SOURCES = Computation(
    key="data/sources",
    heading="Every dataset, its vintage and citation",
    fields=(),
    run=_sources,
    description="The embedded datasets with their citations, licences and raw-file digests.",
)
