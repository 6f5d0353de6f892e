"""The result of counting: :class:`TermCounts`, one corpus's term counts with its tables.

A :class:`TermCounts` holds the tidy per-document counts (:data:`COLUMNS`), the corpus
record and the first-occurrence contexts; it derives the first-appearance table, the
counts by year (with rates per 10,000 characters) and by Party Congress, and renders them
through the result protocol (:mod:`pflab.result`). :func:`make_counts` assembles one with
its title and notes; :func:`pflab.policy.terms.count_terms` and
:func:`pflab.policy.terms.load_counts` build them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.terms.glossary import Glossary, normalise
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = [
    "ARRANGEMENTS",
    "COLUMNS",
    "CONTEXT_COLUMNS",
    "EXPLAIN",
    "TermCounts",
    "blanks_to_missing",
    "format_forms",
    "make_counts",
]

COLUMNS = [
    "document", "year", "term", "term_en", "substring", "tokens", "generic", "forms",
    "explanation",
]  # fmt: skip
CONTEXT_COLUMNS = ["term", "which", "document", "year", "offset", "form", "generic", "context"]
#: How a :class:`TermCounts` can be arranged (its main table).
ARRANGEMENTS = ("first", "year", "document", "congress")
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


def format_forms(counts: Counter[str]) -> str:
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
    typed
        Notes on names selected through an alias or variant (:meth:`select`).
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
        by_term = dict(tuple(yearly.groupby("term", sort=False)))
        forms_by_term: dict[str, Counter[str]] = {}
        for term_zh, text in zip(self.frame["term"], self.frame["forms"], strict=True):
            forms_by_term.setdefault(term_zh, Counter()).update(_parse_forms(text))
        rows = []
        for term in self.glossary:
            part = by_term.get(term.zh, yearly.iloc[:0])
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
            forms = forms_by_term.get(term.zh, Counter())
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
                    "forms": format_forms(forms),
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
        if row["total"] and term.zh not in _parse_forms(row["forms"]):
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
