"""The embedded term counts of the built-in corpora: builders and loaders.

pflab ships the counts, never the texts. ``python -m pflab.build --only gwr_terms`` (and
``--only congress_terms``) reads the raw JSONL file of the corpus from the raw data
folder, counts the default glossary in every document (substring and token counts, the
forms that matched, generic uses) and writes ``<stem>.parquet`` with a JSON sidecar
holding the citation, the raw file's SHA-256, the glossary, the per-document cleaning
record, the missing years and the first-occurrence contexts (a few words each).
:func:`load_counts` turns them back into a
:class:`~pflab.policy.terms.count.TermCounts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from pflab.data.embedded import file_digest, write_dataset
from pflab.errors import DataNotFoundError
from pflab.policy.terms.corpora import CONGRESS, GWR, BuiltinCorpus, builtin
from pflab.policy.terms.count import count_terms
from pflab.policy.terms.counts import COLUMNS, TermCounts, make_counts
from pflab.policy.terms.glossary import Glossary, default_glossary
from pflab.provenance import Provenance, Source

__all__ = [
    "GWR_RAW",
    "GWR_SOURCE",
    "GWR_STEM",
    "build_congress_terms",
    "build_gwr_terms",
    "load_congress_counts",
    "load_counts",
    "load_gwr_counts",
]

GWR_STEM = GWR.stem
GWR_RAW = GWR.raw
GWR_SOURCE = GWR.source


def _build(spec: BuiltinCorpus, raw: Path, out: Path) -> list[Path]:
    from pflab.policy.terms.corpora import read_builtin

    path = raw / spec.raw
    if not path.is_file():
        raise DataNotFoundError(f"{path}: raw {spec.label} file not found")
    import jieba

    glossary = default_glossary()
    counts = count_terms(read_builtin(spec.key, raw), glossary, source=spec.source)
    cited = {
        key
        for term in glossary
        for key in (*term.en_sources, *(term.first_use.sources if term.first_use else ()))
    }
    meta: dict[str, Any] = {
        "dataset": f"{spec.label}: term counts",
        "corpus": spec.key,
        "source": spec.source.to_dict(),
        "raw": file_digest(path),
        "raw_path": f"../shared/data/{spec.raw}",
        "built_by": f"python -m pflab.build --only {spec.stem}",
        "rows": len(counts.frame),
        "columns": COLUMNS,
        "segmentation": {
            "tool": "jieba",
            "version": jieba.__version__,
            **counts.provenance.parameters,
        },
        "glossary": counts.glossary.to_records(),
        "glossary_sources": {
            k: glossary.sources[k] for k in sorted(cited) if k in glossary.sources
        },
        "documents": counts.documents.to_dict(orient="records"),
        "gaps": list(counts.gaps),
        "skipped": list(counts.skipped),
        "first_occurrences": counts.contexts.to_dict(orient="records"),
    }
    return [write_dataset(out, spec.stem, counts.frame, meta)]


def build_gwr_terms(raw: Path, out: Path) -> list[Path]:
    """Builder for :data:`pflab.build.BUILDERS`: count the default glossary in the
    staged Government Work Reports and write ``gwr_terms`` (Parquet + sidecar)."""
    return _build(GWR, raw, out)


def build_congress_terms(raw: Path, out: Path) -> list[Path]:
    """Builder for :data:`pflab.build.BUILDERS`: count the default glossary in the
    staged Party Congress reports and write ``congress_terms`` (Parquet + sidecar)."""
    return _build(CONGRESS, raw, out)


def load_counts(corpus: str = "gwr") -> TermCounts:
    """The embedded term counts of a built-in corpus (no texts, no jieba needed).

    Parameters
    ----------
    corpus
        ``gwr`` (Government Work Reports) or ``congress`` (Party Congress reports).
    """
    from pflab.data.embedded import read_embedded, read_sidecar

    spec = builtin(corpus)
    meta = read_sidecar(spec.stem)
    frame = read_embedded(spec.stem)
    frame["tokens"] = frame["tokens"].astype("Int64")
    for column in ("explanation", "forms"):
        frame[column] = frame[column].fillna("")
    glossary = Glossary.from_records(meta["glossary"], meta.get("glossary_sources", {}))
    provenance = Provenance(
        method="term counts",
        sources=(Source.from_dict(meta["source"]),),
        parameters={k: v for k, v in meta["segmentation"].items()},
        description=f"Occurrences of strategic terms per document: {spec.label} (embedded).",
    )
    documents = pd.DataFrame(meta["documents"])
    documents["congress"] = documents["congress"].astype("Int64")
    documents["excluded"] = documents["excluded"].fillna("")
    contexts = pd.DataFrame(meta["first_occurrences"])
    return make_counts(
        frame=frame,
        documents=documents,
        gaps=meta["gaps"],
        glossary=glossary,
        contexts=contexts,
        provenance=provenance,
        skipped=meta["skipped"],
        corpus=spec.key,
        label=spec.label,
        speaker=spec.speaker,
    )


def load_gwr_counts() -> TermCounts:
    """The embedded Government Work Report term counts."""
    return load_counts("gwr")


def load_congress_counts() -> TermCounts:
    """The embedded Party Congress report term counts."""
    return load_counts("congress")
