"""The embedded Government Work Report term counts: builder and loader.

pflab ships the counts, never the texts. ``python -m pflab.build --only gwr_terms``
reads ``gov_work_reports/government_work_reports.jsonl`` from the raw data folder,
counts the default glossary in every report (substring and token counts) and writes
``gwr_terms.parquet`` with a JSON sidecar holding the citation, the raw file's SHA-256,
the glossary, the per-report cleaning record, the missing years and the first-occurrence
contexts. :func:`load_gwr_counts` turns them back into a
:class:`~pflab.policy.terms.count.TermCounts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from pflab.data.embedded import file_digest, write_dataset
from pflab.errors import DataNotFoundError
from pflab.policy.terms.corpus import read_corpus
from pflab.policy.terms.count import COLUMNS, TermCounts, count_terms
from pflab.policy.terms.glossary import Glossary, Term, default_glossary
from pflab.provenance import Provenance, Source

__all__ = ["GWR_RAW", "GWR_SOURCE", "GWR_STEM", "build_gwr_terms", "load_gwr_counts"]

GWR_STEM = "gwr_terms"
GWR_RAW = "gov_work_reports/government_work_reports.jsonl"

GWR_SOURCE = Source(
    name="Government Work Reports (政府工作报告)",
    version="1954-2025, Wikisource texts (aldohemsn/chinese-political-corpora, file 2e56948)",
    citation=(
        "State Council of the People's Republic of China, Government Work Reports "
        "1954-2025, texts from Chinese Wikisource (Portal: 中华人民共和国国务院政府工作报告) as "
        "compiled in aldohemsn/chinese-political-corpora, government_work_reports.jsonl"
    ),
    url="https://zh.wikisource.org/wiki/Portal:中华人民共和国国务院政府工作报告",
    licence="tagged public domain on Wikisource; the compiling repository states no licence",
    note=(
        "No report for 1989-1991, 1996 or 2020 (gaps are reported, not filled); the 1954 "
        "text is in traditional characters and is converted before counting; 1964 is an "
        "abstract. pflab embeds derived counts only."
    ),
)


def build_gwr_terms(raw: Path, out: Path) -> list[Path]:
    """Builder for :data:`pflab.build.BUILDERS`: count the default glossary in the
    staged Government Work Reports and write ``gwr_terms`` (Parquet + sidecar)."""

    path = raw / GWR_RAW
    if not path.is_file():
        raise DataNotFoundError(f"{path}: raw Government Work Report file not found")
    import jieba

    counts = count_terms(read_corpus(path), default_glossary(), source=GWR_SOURCE)
    meta: dict[str, Any] = {
        "dataset": "Government Work Report term counts",
        "source": GWR_SOURCE.to_dict(),
        "raw": file_digest(path),
        "raw_path": f"../shared/data/{GWR_RAW}",
        "built_by": "python -m pflab.build --only gwr_terms",
        "rows": len(counts.frame),
        "columns": COLUMNS,
        "segmentation": {
            "tool": "jieba",
            "version": jieba.__version__,
            **counts.provenance.parameters,
        },
        "glossary": counts.glossary.to_records(),
        "documents": counts.documents.to_dict(orient="records"),
        "gaps": list(counts.gaps),
        "skipped": list(counts.skipped),
        "first_occurrences": counts.contexts.to_dict(orient="records"),
    }
    return [write_dataset(out, GWR_STEM, counts.frame, meta)]


def load_gwr_counts() -> TermCounts:
    """The embedded Government Work Report term counts (no texts, no jieba needed)."""
    from pflab.data.embedded import read_embedded, read_sidecar

    meta = read_sidecar(GWR_STEM)
    frame = read_embedded(GWR_STEM)
    frame["tokens"] = frame["tokens"].astype("Int64")
    frame["explanation"] = frame["explanation"].fillna("")
    glossary = Glossary(
        tuple(
            Term(r["zh"], r["en"], tuple(r["variants"].split()), r["origin"])
            for r in meta["glossary"]
        )
    )
    provenance = Provenance(
        method="term counts",
        sources=(Source.from_dict(meta["source"]),),
        parameters={k: v for k, v in meta["segmentation"].items()},
        description="Occurrences of strategic terms per Government Work Report (embedded).",
    )
    return TermCounts(
        frame=frame,
        documents=pd.DataFrame(meta["documents"]),
        gaps=tuple(meta["gaps"]),
        glossary=glossary,
        provenance=provenance,
        contexts=pd.DataFrame(meta["first_occurrences"]),
        skipped=tuple(meta["skipped"]),
    )
