"""Counting glossary terms in a corpus: substring and token counts, first appearances.

Two counts are kept for every document and term:

``substring``
    Non-overlapping occurrences of the term or any of its variants in the cleaned text
    (longest form first). A term inside a longer word counts: 新兴产业 is found inside
    战略性新兴产业.
``tokens``
    Tokens of the jieba segmentation (:mod:`pflab.policy.terms.segment`) equal to the term
    or a variant. A term inside a longer glossary term or dictionary word is not a token
    there, and a form with punctuation inside (“863”计划) never is.

When they differ, ``explanation`` says why for each occurrence that is not a token:
``inside 战略性新兴产业`` (inside a longer token) or ``split as “|863|”|计划`` (cut across
token boundaries).

The first appearance of a term is the earliest year with a substring occurrence; gaps in
the corpus before that year are listed beside it, because a missing report could hold an
earlier use.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pflab.policy.terms.corpus import Corpus
from pflab.policy.terms.glossary import Glossary, Term, default_glossary
from pflab.policy.terms.segment import USER_WORD_FREQ, segment
from pflab.provenance import Provenance, Source

__all__ = ["COLUMNS", "TermCounts", "count_document", "count_terms"]

COLUMNS = ["document", "year", "term", "term_en", "substring", "tokens", "explanation"]
_CONTEXT = 10


def _pattern(term: Term) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(f) for f in term.forms))


def count_document(
    text: str,
    glossary: Glossary,
    *,
    tokens: bool = True,
    dictionary: Sequence[str] | None = None,
) -> list[dict[str, object]]:
    """Counts of every glossary term in one cleaned text.

    ``dictionary`` is the jieba user dictionary (default: the glossary's forms).

    Returns
    -------
    list of dict
        One record per term: ``term``, ``term_en``, ``substring``, ``tokens`` (``None``
        when ``tokens`` is false), ``explanation``, ``first`` (offset of the first
        occurrence or ``None``).
    """
    words = glossary.words if dictionary is None else dictionary
    spans: list[tuple[str, int, int]] = segment(text, words) if tokens else []
    by_start = {a: (w, a, b) for w, a, b in spans}
    starts = sorted(by_start)
    records: list[dict[str, object]] = []
    for term in glossary:
        matches = list(_pattern(term).finditer(text))
        record: dict[str, object] = {
            "term": term.zh,
            "term_en": term.en,
            "substring": len(matches),
            "tokens": None,
            "explanation": "",
            "first": matches[0].start() if matches else None,
        }
        if tokens:
            forms = set(term.forms)
            record["tokens"] = sum(1 for w, _, _ in spans if w in forms)
            reasons: Counter[str] = Counter()
            for m in matches:
                token = by_start.get(m.start())
                if token is not None and token[2] == m.end():
                    continue
                reasons[_why(m.start(), m.end(), spans, starts)] += 1
            record["explanation"] = "; ".join(f"{n}× {why}" for why, n in reasons.most_common())
        records.append(record)
    return records


def _why(start: int, end: int, spans: list[tuple[str, int, int]], starts: list[int]) -> str:
    i = bisect.bisect_right(starts, start) - 1
    covering = []
    for w, a, b in spans[max(i, 0) :]:
        if a >= end:
            break
        if b > start:
            covering.append((w, a, b))
    if len(covering) == 1:
        return f"inside {covering[0][0]}"
    return "split as " + "|".join(w for w, _, _ in covering)


@dataclass(frozen=True)
class TermCounts:
    """Term counts per document, with the corpus record and provenance.

    Attributes
    ----------
    frame
        One row per document and term: :data:`COLUMNS`.
    documents
        One row per document: name, year, title, characters, boilerplate cut,
        traditional characters converted.
    gaps
        Years inside the corpus span without a document (reported, never filled).
    contexts
        For each term found: the document and year of its first occurrence, the offset
        in the cleaned text and the words around it (for :meth:`first_appearance`).
    """

    frame: pd.DataFrame
    documents: pd.DataFrame
    gaps: tuple[int, ...]
    glossary: Glossary
    provenance: Provenance
    contexts: pd.DataFrame
    skipped: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """A copy of the tidy per-document table."""
        return self.frame.copy()

    @property
    def has_tokens(self) -> bool:
        """Whether token counts were computed."""
        return bool(self.frame["tokens"].notna().any())

    def by_year(self) -> pd.DataFrame:
        """Counts summed by year and term (``year``, ``term``, ``term_en``, ``substring``,
        ``tokens``, ``documents``); only years with a document appear."""
        grouped = self.frame.groupby(["year", "term"], sort=False)
        out = grouped.agg(
            term_en=("term_en", "first"),
            substring=("substring", "sum"),
            tokens=("tokens", lambda s: s.sum(min_count=1)),
            documents=("document", "nunique"),
        ).reset_index()
        out["tokens"] = out["tokens"].astype("Int64")
        order = {t.zh: i for i, t in enumerate(self.glossary)}
        return out.sort_values(
            ["year", "term"], key=lambda c: c.map(order) if c.name == "term" else c
        ).reset_index(drop=True)

    def first_appearance(self) -> pd.DataFrame:
        """For each term: the first year it occurs (as a substring and as a token), the
        document and the words around it, the total count and the corpus gaps before it."""
        yearly = self.by_year()
        rows = []
        for term in self.glossary:
            part = yearly[yearly["term"] == term.zh]
            hit = part[part["substring"] > 0]
            tok = part[part["tokens"].fillna(0) > 0]
            first = int(hit["year"].min()) if len(hit) else None
            ctx = self.contexts[self.contexts["term"] == term.zh]
            rows.append(
                {
                    "term": term.zh,
                    "term_en": term.en,
                    "first_year": first,
                    "first_year_tokens": int(tok["year"].min()) if len(tok) else None,
                    "document": ctx["document"].iloc[0] if len(ctx) else None,
                    "context": ctx["context"].iloc[0] if len(ctx) else None,
                    "years_with_term": len(hit),
                    "total": int(part["substring"].sum()),
                    "gaps_before": _ranges(
                        [g for g in self.gaps if first is not None and g < first]
                    ),
                }
            )
        out = pd.DataFrame(rows)
        for column in ("first_year", "first_year_tokens"):
            out[column] = out[column].astype("Int64")
        return out

    def summary(self) -> str:
        """Corpus span, gaps and each term's first appearance, as lines of text."""
        years = sorted(self.documents["year"].unique())
        lines = [
            f"{len(self.documents)} documents, {years[0]}-{years[-1]}; "
            f"missing years: {_ranges(self.gaps) or 'none'}",
        ]
        for row in self.first_appearance().to_dict(orient="records"):
            first = row["first_year"]
            when = "never" if first is pd.NA or first is None else f"first in {first}"
            lines.append(f"  {row['term']} ({row['term_en'] or '-'}): {when}, {row['total']} times")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        first = self.first_appearance()[["term", "term_en", "first_year", "total", "context"]]
        head = html.escape(self.summary().splitlines()[0])
        return f"<p>{head}</p>" + first.to_html(index=False, escape=True, na_rep="")


def _ranges(years: tuple[int, ...] | list[int]) -> str:
    parts: list[str] = []
    for y in years:
        if parts and parts[-1].split("-")[-1] == str(y - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{y}"
        else:
            parts.append(str(y))
    return ", ".join(parts)


def count_terms(
    corpus: Corpus,
    glossary: Glossary | None = None,
    *,
    tokens: bool = True,
    source: Source | None = None,
) -> TermCounts:
    """Count the glossary's terms in every document of a corpus.

    Parameters
    ----------
    corpus
        Dated, cleaned documents (:func:`pflab.policy.terms.read_corpus`).
    glossary
        Default: :func:`pflab.policy.terms.default_glossary`.
    tokens
        Also segment with jieba and count tokens (slower; loads jieba once).
    source
        The corpus as a cited source (default: a record naming the path).

    The jieba user dictionary always holds the default glossary's forms as well as the
    chosen terms, so a term's token count does not depend on which other terms were
    asked for.
    """
    gloss = glossary or default_glossary()
    dictionary = sorted({*default_glossary().words, *gloss.words}) if tokens else []
    rows: list[dict[str, object]] = []
    contexts: dict[str, dict[str, object]] = {}
    for doc in corpus.documents:
        for record in count_document(doc.text, gloss, tokens=tokens, dictionary=dictionary):
            offset = record.pop("first")
            if isinstance(offset, int) and record["term"] not in contexts:
                lo, hi = max(0, offset - _CONTEXT), offset + _CONTEXT + len(str(record["term"]))
                contexts[str(record["term"])] = {
                    "term": record["term"],
                    "document": doc.name,
                    "year": doc.year,
                    "offset": offset,
                    "context": doc.text[lo:hi],
                }
            rows.append({"document": doc.name, "year": doc.year, **record})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["tokens"] = frame["tokens"].astype("Int64")
    frame["substring"] = frame["substring"].astype("int64")
    frame["year"] = frame["year"].astype("int64")
    cited = source or Source(name=f"corpus {corpus.origin}", version="", citation="user corpus")
    provenance = Provenance(
        method="term counts",
        sources=(cited,),
        parameters={
            "terms": len(gloss),
            "segmentation": f"jieba, dictionary only (HMM off), user words at freq {USER_WORD_FREQ}"
            if tokens
            else "none",
            "cleaning": "Wikisource boilerplate cut; NFKC; spaces next to CJK removed; "
            "traditional characters converted",
        },
        description="Occurrences of strategic terms per document and year.",
    )
    context_frame = pd.DataFrame(
        list(contexts.values()), columns=["term", "document", "year", "offset", "context"]
    )
    return TermCounts(
        frame=frame,
        documents=corpus.to_frame(),
        gaps=tuple(corpus.gaps()),
        glossary=gloss,
        provenance=provenance,
        contexts=context_frame,
        skipped=corpus.skipped,
    )
