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
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.terms.corpus import Corpus
from pflab.policy.terms.glossary import Glossary, default_glossary, forms_pattern, normalise
from pflab.policy.terms.segment import USER_WORD_FREQ, segment
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View

__all__ = ["ARRANGEMENTS", "COLUMNS", "TermCounts", "count_document", "count_terms"]

COLUMNS = [
    "document", "year", "term", "term_en", "substring", "tokens", "generic", "forms",
    "explanation",
]  # fmt: skip
CONTEXT_COLUMNS = ["term", "which", "document", "year", "offset", "form", "generic", "context"]
#: How a :class:`TermCounts` can be arranged (its main table).
ARRANGEMENTS = ("first", "year", "document", "congress")
_CONTEXT = 12
_MATCH = {"term": "term", "alias": "alias matched", "variant": "variant matched"}

EXPLAIN = (
    "substring: occurrences of the term or any alias or variant in the cleaned text; tokens: "
    "jieba tokens equal to one of them (a term inside a longer glossary term or word, e.g. "
    "新兴产业 in 战略性新兴产业, is a substring but not a token)."
)

_COLUMN_MEANINGS = {
    "document": "document: file name, or file:line of a JSONL record",
    "year": "year of the document",
    "congress": "Party Congress number (Congress reports)",
    "term": "glossary term (Chinese)",
    "term_en": "main English rendering",
    "substring": "occurrences of the term, its aliases and variants (count)",
    "tokens": "jieba tokens equal to one of the forms (count; empty when not segmented)",
    "generic": "occurrences inside one of the term's generic phrases (count)",
    "forms": "forms that matched, with counts (form×n; ...)",
    "explanation": "why substring and token counts differ",
    "chars": "characters of the cleaned text",
    "per_10k": "occurrences per 10,000 characters",
    "documents": "documents in the year",
    "first_year": "first year with an occurrence of any form",
    "first_form": "the form that matched at the first occurrence",
    "match": "term, alias matched or variant matched",
    "flag": "why the first appearance may not be the programme",
    "first_specific_year": "first year with an occurrence that is not flagged",
    "first_year_tokens": "first year the term is a jieba token",
    "context": "words around the first occurrence",
    "years_with_term": "years with at least one occurrence",
    "total": "occurrences over the corpus",
    "gaps_before": "years before the first appearance with no document",
}


def _format_forms(counts: Counter[str]) -> str:
    return "; ".join(f"{form}×{n}" for form, n in counts.most_common())


def blanks_to_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text cells as missing values, so a table's CSV reads back equal to its JSON
    (an empty CSV field reads back as missing)."""
    return frame.replace("", None)


def _parse_forms(text: object) -> Counter[str]:
    out: Counter[str] = Counter()
    if not isinstance(text, str) or not text:
        return out
    for part in text.split("; "):
        form, _, n = part.rpartition("×")
        out[form] += int(n)
    return out


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
            "forms": _format_forms(Counter(m.group() for m in matches)),
            "explanation": "",
            "first": matches[0].start() if matches else None,
            "first_form": matches[0].group() if matches else None,
            "first_generic": bool(is_generic[0]) if matches else False,
            "specific": specific.start() if specific else None,
            "specific_form": specific.group() if specific else None,
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


def _ranges(years: Sequence[int]) -> str:
    parts: list[str] = []
    for y in years:
        if parts and parts[-1].split("-")[-1] == str(y - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{y}"
        else:
            parts.append(str(y))
    return ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class TermCounts(Result):
    """Term counts per document of one corpus, with the corpus record and provenance.

    The main table depends on :attr:`by` (see :meth:`arrange`): ``first`` (first
    appearance of each term, the default), ``year`` (counts and counts per 10,000
    characters by year), ``document`` (the tidy per-document counts) or ``congress``
    (by Party Congress). Every arrangement carries the other tables too.

    Attributes
    ----------
    frame
        One row per document and term: :data:`COLUMNS`.
    documents
        One row per document: name, year, Congress, title, characters, boilerplate cut,
        traditional characters converted, why it is left out of comparisons.
    gaps
        Years inside the corpus span without a document (reported, never filled).
    glossary
        The terms counted.
    contexts
        For each term found: the first occurrence (``which == "first"``) and, when that
        one is flagged, the first unflagged one (``"first_specific"``): document, year,
        offset in the cleaned text, the form and the words around it.
    skipped
        Records skipped while reading (no year).
    corpus
        Short name of the corpus (``gwr``, ``congress`` or a file name).
    label
        What the corpus is (``Government Work Reports``).
    speaker
        ``State``, ``Party`` or ``""``.
    by
        The arrangement (one of :data:`ARRANGEMENTS`).
    """

    frame: pd.DataFrame
    documents: pd.DataFrame
    gaps: tuple[int, ...]
    glossary: Glossary
    contexts: pd.DataFrame
    skipped: tuple[str, ...] = ()
    corpus: str = ""
    label: str = ""
    speaker: str = ""
    by: str = "first"
    typed: tuple[str, ...] = ()

    # -- derived tables ----------------------------------------------------------------

    @property
    def has_tokens(self) -> bool:
        """Whether token counts were computed."""
        return bool(self.frame["tokens"].notna().any())

    @property
    def has_congress(self) -> bool:
        """Whether the documents are Party Congress reports."""
        return bool(self.documents["congress"].notna().any())

    def _order(self) -> dict[str, int]:
        return {t.zh: i for i, t in enumerate(self.glossary)}

    def by_year(self) -> pd.DataFrame:
        """Counts summed by year and term: ``year``, ``term``, ``term_en``, ``substring``,
        ``tokens``, ``generic``, ``documents``, ``chars`` and ``per_10k`` (occurrences per
        10,000 characters of that year's documents); only years with a document appear."""
        return self._by_year.copy()

    @cached_property
    def _by_year(self) -> pd.DataFrame:
        chars = self.documents.groupby("year")["chars"].sum()
        grouped = self.frame.groupby(["year", "term"], sort=False)
        out = grouped.agg(
            term_en=("term_en", "first"),
            substring=("substring", "sum"),
            tokens=("tokens", lambda s: s.sum(min_count=1)),
            generic=("generic", "sum"),
            documents=("document", "nunique"),
        ).reset_index()
        out["tokens"] = out["tokens"].astype("Int64")
        out["chars"] = out["year"].map(chars).astype("int64")
        out["per_10k"] = out["substring"] / out["chars"].where(out["chars"] > 0) * 1e4
        order = self._order()
        out = out.sort_values(
            ["year", "term"], key=lambda c: c.map(order) if c.name == "term" else c
        ).reset_index(drop=True)
        return out

    def by_congress(self) -> pd.DataFrame:
        """Counts by Party Congress: ``congress``, ``year``, ``term``, ``term_en``,
        ``substring``, ``tokens``, ``chars``, ``per_10k``, ``excluded``.

        Raises
        ------
        pflab.errors.ParameterError
            If no document carries a Congress number.
        """
        if not self.has_congress:
            raise ParameterError(
                "by", f"{self.label or self.corpus} has no Congress numbers; use year"
            )
        docs = self.documents.dropna(subset=["congress"])
        merged = self.frame.merge(
            docs[["document", "congress", "chars", "excluded"]], on="document"
        )
        grouped = merged.groupby(["congress", "term"], sort=False)
        out = grouped.agg(
            year=("year", "first"),
            term_en=("term_en", "first"),
            substring=("substring", "sum"),
            tokens=("tokens", lambda s: s.sum(min_count=1)),
            chars=("chars", "sum"),
            excluded=("excluded", lambda s: "; ".join(x for x in dict.fromkeys(s) if x)),
        ).reset_index()
        out["congress"] = out["congress"].astype("int64")
        out["tokens"] = out["tokens"].astype("Int64")
        out["per_10k"] = out["substring"] / out["chars"].where(out["chars"] > 0) * 1e4
        order = self._order()
        out = out.sort_values(
            ["congress", "term"], key=lambda c: c.map(order) if c.name == "term" else c
        )
        columns = ["congress", "year", "term", "term_en", "substring", "tokens", "chars",
                   "per_10k", "excluded"]  # fmt: skip
        return out[columns].reset_index(drop=True)

    def form_totals(self, term: str) -> Counter[str]:
        """How often each form of ``term`` matched over the corpus."""
        total: Counter[str] = Counter()
        for text in self.frame.loc[self.frame["term"] == term, "forms"]:
            total.update(_parse_forms(text))
        return total

    def first_appearance(self) -> pd.DataFrame:
        """For each term: the first year it occurs, the form that matched and whether it
        is the term, an alias or a variant, a flag when that first use may not be the
        programme (a generic phrase, or before the programme's registry date), the first
        unflagged year, the first year as a jieba token, the words around the first
        occurrence, the totals and the corpus gaps before it."""
        return self._first.copy()

    @cached_property
    def _first(self) -> pd.DataFrame:
        yearly = self.by_year()
        rows = []
        for term in self.glossary:
            part = yearly[yearly["term"] == term.zh]
            hit = part[part["substring"] > 0]
            tok = part[part["tokens"].fillna(0) > 0]
            first = int(hit["year"].min()) if len(hit) else None
            ctx = self.contexts[self.contexts["term"] == term.zh]
            head = ctx[ctx["which"] == "first"]
            spec = ctx[ctx["which"] == "first_specific"]
            form = head["form"].iloc[0] if len(head) else None
            flag = ""
            if first is not None and len(head) and bool(head["generic"].iloc[0]):
                flag = "generic phrase (" + ", ".join(term.generic) + ")"
            elif first is not None and term.since is not None and first < term.since:
                flag = f"before the programme ({term.since}); may be generic"
            specific = int(spec["year"].iloc[0]) if len(spec) else None
            forms = self.form_totals(term.zh)
            rows.append(
                {
                    "term": term.zh,
                    "term_en": term.en,
                    "first_year": first,
                    "first_form": form,
                    "match": _MATCH[term.kind_of(form)] if form else None,
                    "flag": flag,
                    "first_specific_year": specific,
                    "first_year_tokens": int(tok["year"].min()) if len(tok) else None,
                    "document": head["document"].iloc[0] if len(head) else None,
                    "context": head["context"].iloc[0] if len(head) else None,
                    "years_with_term": len(hit),
                    "total": int(part["substring"].sum()),
                    "forms": _format_forms(forms),
                    "gaps_before": _ranges(
                        [g for g in self.gaps if first is not None and g < first]
                    ),
                }
            )
        out = pd.DataFrame(rows)
        for column in ("first_year", "first_specific_year", "first_year_tokens"):
            out[column] = out[column].astype("Int64")
        return out

    # -- the result protocol -----------------------------------------------------------

    def tables(self) -> dict[str, pd.DataFrame]:
        """The main table for :attr:`by` first, then ``first``, ``by_year``, ``counts``,
        ``documents`` (``by_congress`` for Congress reports) and, for the tidy
        arrangements, ``occurring`` (the rows with an occurrence, shown on screen)."""
        all_tables: dict[str, pd.DataFrame] = {
            "first": self.first_appearance(),
            "by_year": self.by_year(),
            "counts": self.frame.copy(),
        }
        if self.has_congress:
            all_tables["by_congress"] = self.by_congress()
        all_tables["documents"] = self.documents.copy()
        main = _MAIN[self.by]
        ordered = {main: all_tables.pop(main), **all_tables}
        if self.by != "first":
            shown = ordered[main]
            ordered["occurring"] = shown[shown["substring"] > 0].reset_index(drop=True)
        return {name: blanks_to_missing(table) for name, table in ordered.items()}

    def views(self) -> list[View]:
        """First appearance (term, English, year, form and match, flag, context) or the
        non-zero rows of the tidy arrangement."""
        if self.by == "first":
            return [
                View(
                    "first",
                    (
                        Column("term", "Term"),
                        Column("term_en", "English"),
                        Column("first_year", "First year", "d"),
                        Column("first_form", "Form"),
                        Column("match", "Match"),
                        Column("flag", "Flag"),
                        Column("first_specific_year", "Unflagged from", "d"),
                        Column("total", "Times", "d"),
                        Column("context", "First use (context)"),
                        Column("gaps_before", "Gaps before"),
                    ),
                )
            ]
        lead = {
            "year": [Column("year", "Year", "d")],
            "document": [Column("document", "Document"), Column("year", "Year", "d")],
            "congress": [Column("congress", "Congress", "d"), Column("year", "Year", "d")],
        }[self.by]
        columns = [
            *lead,
            Column("term", "Term"),
            Column("substring", "Substring", "d"),
            Column("tokens", "Tokens", "d"),
        ]
        if self.by == "document":
            columns += [Column("forms", "Forms"), Column("explanation", "Why they differ")]
        else:
            columns.append(Column("per_10k", "Per 10k chars", ".2f"))
        return [View("occurring", columns, title=f"{self.title} (rows with an occurrence)")]

    # -- selection ---------------------------------------------------------------------

    def select(self, terms: Sequence[str]) -> TermCounts:
        """The counts of the named terms only, in the order given.

        A name may be a term or one of its aliases or variants; a note says when it was
        counted under another term.

        Raises
        ------
        pflab.errors.ParameterError
            If a name is not in these counts (new terms need the texts: count them with
            :func:`count_terms` on the corpus).
        """
        if not terms:
            return self
        chosen: list[str] = []
        missing = []
        for name in terms:
            try:
                chosen.append(self.glossary.get(name).zh)
            except ParameterError:
                missing.append(normalise(name.strip()))
        if missing:
            raise ParameterError(
                "terms",
                f"{', '.join(missing)} not in the counts of {self.label or self.corpus}; "
                "count new terms on the texts (a folder or JSONL path, e.g. "
                "../shared/data/gov_work_reports/government_work_reports.jsonl)",
            )
        glossary = self.glossary.select(chosen)
        keep = set(chosen)
        counts = replace(
            self,
            frame=self.frame[self.frame["term"].isin(keep)].reset_index(drop=True),
            contexts=self.contexts[self.contexts["term"].isin(keep)].reset_index(drop=True),
            glossary=glossary,
            typed=tuple(self.glossary.typed_notes(terms)),
            provenance=replace(
                self.provenance, parameters={**self.provenance.parameters, "terms": len(glossary)}
            ),
        )
        return _finish(counts)

    def arrange(self, by: str) -> TermCounts:
        """The same counts with another main table (one of :data:`ARRANGEMENTS`)."""
        if by not in ARRANGEMENTS:
            raise ParameterError("by", f"{by!r}; expected one of {', '.join(ARRANGEMENTS)}")
        if by == "congress" and not self.has_congress:
            raise ParameterError(
                "by", f"{self.label or self.corpus} has no Congress numbers; use year"
            )
        return _finish(replace(self, by=by))


_MAIN = {"first": "first", "year": "by_year", "document": "counts", "congress": "by_congress"}
_TITLES = {
    "first": "First appearance of strategic terms",
    "year": "Strategic terms by year",
    "document": "Strategic terms by document",
    "congress": "Strategic terms by Party Congress",
}


def _notes(counts: TermCounts) -> list[str]:
    docs = counts.documents
    years = sorted(docs["year"].unique())
    notes = [
        f"{len(docs)} documents, {years[0]}-{years[-1]}; missing years: "
        f"{_ranges(list(counts.gaps)) or 'none'}",
        EXPLAIN,
    ]
    converted = docs[docs["converted_traditional"] > 0]
    if len(converted):
        listed = ", ".join(
            f"{r.document} ({r.year}, {r.converted_traditional})" for r in converted.itertuples()
        )
        notes.append(f"traditional characters converted to simplified in: {listed}")
    excluded = docs[docs["excluded"].fillna("") != ""]
    for r in excluded.itertuples():
        notes.append(f"{r.document} ({r.year}) is left out of comparisons: {r.excluded}")
    if counts.skipped:
        notes.append(
            f"skipped {len(counts.skipped)} records without a year, e.g. {counts.skipped[0]}"
        )
    first = counts.first_appearance()
    for term, row in zip(counts.glossary, first.to_dict(orient="records"), strict=True):
        if row["total"] and term.zh not in counts.form_totals(term.zh):
            notes.append(
                f"{term.zh} never occurs as written; matched {row['forms']} "
                f"(first in {row['first_year']}: {row['match']} {row['first_form']})"
            )
        if row["flag"]:
            later = row["first_specific_year"]
            notes.append(
                f"{term.zh}: the first appearance ({row['first_year']}, "
                f"“{row['context']}”) is flagged: {row['flag']}; "
                + (f"first unflagged use {later}" if later is not pd.NA else "no unflagged use")
            )
    return notes


def _finish(counts: TermCounts) -> TermCounts:
    label = counts.label or counts.corpus
    return replace(
        counts,
        title=f"{_TITLES[counts.by]}: {label}",
        notes=tuple(dict.fromkeys([*_notes(counts), *counts.typed])),
        columns={k: v for k, v in _COLUMN_MEANINGS.items()},
    )


def make_counts(
    *,
    frame: pd.DataFrame,
    documents: pd.DataFrame,
    gaps: Sequence[int],
    glossary: Glossary,
    contexts: pd.DataFrame,
    provenance: Provenance,
    skipped: Sequence[str] = (),
    corpus: str = "",
    label: str = "",
    speaker: str = "",
) -> TermCounts:
    """Assemble a :class:`TermCounts` (title, notes and column meanings filled in)."""
    counts = TermCounts(
        title="",
        provenance=provenance,
        frame=frame,
        documents=documents,
        gaps=tuple(gaps),
        glossary=glossary,
        contexts=contexts,
        skipped=tuple(skipped),
        corpus=corpus,
        label=label,
        speaker=speaker,
    )
    return _finish(counts)


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


__all__ += ["EXPLAIN", "blanks_to_missing", "make_counts"]
