"""Counting glossary terms in a corpus: substring and token counts, which form matched,
generic uses, first appearances.

Two counts are kept for every document and term:

``substring``
    Non-overlapping occurrences of the term or any of its aliases and variants in the
    cleaned text (longest form first). A term inside a longer word counts: 新兴产业 is
    found inside 战略性新兴产业.
``tokens``
    Tokens of the jieba segmentation (:mod:`pflab.policy.terms.segment`) equal to the term
    or one of its forms. A term inside a longer glossary term or dictionary word is not a
    token there, and a form with punctuation inside (“863”计划) never is.

When they differ, ``explanation`` says why for each occurrence that is not a token:
``inside 战略性新兴产业`` (inside a longer token) or ``split as “|863|”|计划`` (cut across
token boundaries). ``forms`` says which forms matched (``高技术研究发展纲要×1``) and
``generic`` how many occurrences lie inside one of the term's generic phrases.

The first appearance of a term is the earliest year with an occurrence of any form; the
form that matched is reported (``term``, ``alias matched`` or ``variant matched``), and
the first appearance is flagged when it is a generic phrase or comes before the
programme was announced or started (registry), with the words around it. The gaps in
the corpus before it are listed, because a missing report could hold an earlier use.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from pflab.policy.terms.corpus import Corpus
from pflab.policy.terms.counts import (
    ARRANGEMENTS,
    COLUMNS,
    CONTEXT_COLUMNS,
    EXPLAIN,
    TermCounts,
    blanks_to_missing,
    format_forms,
    make_counts,
)
from pflab.policy.terms.glossary import Glossary, default_glossary, forms_pattern
from pflab.policy.terms.segment import USER_WORD_FREQ, segment
from pflab.provenance import Provenance, Source

__all__ = [
    "ARRANGEMENTS",
    "COLUMNS",
    "EXPLAIN",
    "TermCounts",
    "blanks_to_missing",
    "count_document",
    "count_terms",
    "make_counts",
]

#: Characters on each side of a first occurrence kept as its context.
_CONTEXT = 12


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
        when ``tokens`` is false), ``generic``, ``forms``, ``explanation``, and the
        offsets and forms of the first occurrence (``first``, ``first_form``,
        ``first_generic``) and of the first occurrence outside a generic phrase
        (``specific``, ``specific_form``); offsets are ``None`` without an occurrence.
    """
    words = glossary.words if dictionary is None else dictionary
    spans: list[tuple[str, int, int]] = segment(text, words) if tokens else []
    by_start = {a: (w, a, b) for w, a, b in spans}
    starts = sorted(by_start)
    token_counts = Counter(w for w, _, _ in spans)
    records: list[dict[str, object]] = []
    for term in glossary:
        matches = list(forms_pattern(term.forms).finditer(text))
        generic_spans = (
            [(m.start(), m.end()) for m in forms_pattern(term.generic).finditer(text)]
            if term.generic
            else []
        )
        is_generic = [
            any(a <= m.start() and m.end() <= b for a, b in generic_spans) for m in matches
        ]
        specific = next((m for m, g in zip(matches, is_generic, strict=True) if not g), None)
        record: dict[str, object] = {
            "term": term.zh,
            "term_en": term.en,
            "substring": len(matches),
            "tokens": None,
            "generic": sum(is_generic),
            "forms": format_forms(Counter(m.group() for m in matches)),
            "explanation": "",
            "first": matches[0].start() if matches else None,
            "first_form": matches[0].group() if matches else None,
            "first_generic": bool(is_generic[0]) if matches else False,
            "specific": specific.start() if specific else None,
            "specific_form": specific.group() if specific else None,
        }
        if tokens:
            record["tokens"] = sum(token_counts[f] for f in term.forms)
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


def _context(text: str, offset: int, form: str) -> str:
    lo, hi = max(0, offset - _CONTEXT), offset + _CONTEXT + len(form)
    return text[lo:hi].replace("\n", " ")


def count_terms(
    corpus: Corpus,
    glossary: Glossary | None = None,
    *,
    tokens: bool = True,
    source: Source | None = None,
    progress: Callable[[int, int], None] | None = None,
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
    progress
        Called as ``progress(done, total)`` after each document.

    The jieba user dictionary always holds the default glossary's forms as well as the
    chosen terms, so a term's token count does not depend on which other terms were
    asked for. An occurrence in a year before the term's programme was announced or
    started (``Term.since``) does not count as its first unflagged use.
    """
    gloss = glossary or default_glossary()
    dictionary = sorted({*default_glossary().words, *gloss.words}) if tokens else []
    since = {t.zh: t.since for t in gloss}
    rows: list[dict[str, object]] = []
    contexts: dict[tuple[str, str], dict[str, object]] = {}
    total = len(corpus.documents)
    for i, doc in enumerate(corpus.documents, start=1):
        for record in count_document(doc.text, gloss, tokens=tokens, dictionary=dictionary):
            term = str(record["term"])
            first, form = record.pop("first"), record.pop("first_form")
            first_generic = bool(record.pop("first_generic"))
            spec, spec_form = record.pop("specific"), record.pop("specific_form")
            if isinstance(first, int) and (term, "first") not in contexts:
                contexts[(term, "first")] = _context_row(
                    term, "first", doc, first, str(form), first_generic
                )
            early = since[term] is not None and doc.year < int(since[term] or 0)
            if isinstance(spec, int) and not early and (term, "first_specific") not in contexts:
                contexts[(term, "first_specific")] = _context_row(
                    term, "first_specific", doc, spec, str(spec_form), False
                )
            rows.append({"document": doc.name, "year": doc.year, **record})
        if progress is not None:
            progress(i, total)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["tokens"] = frame["tokens"].astype("Int64")
    for column in ("substring", "generic", "year"):
        frame[column] = frame[column].astype("int64")
    cited = source or Source(name=f"corpus {corpus.origin}", version="", citation="user corpus")
    provenance = Provenance(
        method="term counts",
        sources=(cited,),
        parameters={
            "terms": len(gloss),
            "segmentation": f"jieba, dictionary only (HMM off), user words at freq {USER_WORD_FREQ}"
            if tokens
            else "none",
            "cleaning": "Wikisource boilerplate cut; NFKC; paragraphs at blank lines; spaces "
            "next to CJK removed; traditional characters converted",
        },
        description="Occurrences of strategic terms per document and year.",
    )
    return make_counts(
        frame=frame,
        documents=corpus.to_frame(),
        gaps=corpus.gaps(),
        glossary=gloss,
        contexts=_context_frame(contexts, gloss),
        provenance=provenance,
        skipped=corpus.skipped,
        corpus=corpus.name,
        label=corpus.label or corpus.name,
        speaker=corpus.speaker,
    )


def _context_row(
    term: str, which: str, doc: Any, offset: int, form: str, generic: bool
) -> dict[str, object]:
    return {
        "term": term,
        "which": which,
        "document": doc.name,
        "year": doc.year,
        "offset": offset,
        "form": form,
        "generic": generic,
        "context": _context(doc.text, offset, form),
    }


def _context_frame(
    contexts: dict[tuple[str, str], dict[str, object]], glossary: Glossary
) -> pd.DataFrame:
    order = {t.zh: i for i, t in enumerate(glossary)}
    rows = sorted(contexts.values(), key=lambda r: (order[str(r["term"])], str(r["which"])))
    return pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
