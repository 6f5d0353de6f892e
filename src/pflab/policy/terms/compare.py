"""Party versus State: when each term first appears in each corpus, and who led.

:func:`compare_counts` sets the term counts of two or more corpora side by side: the
first year each term appears in each (documents left out of comparisons, such as the
1st-Congress local reports and the 7th-Congress stub, do not count), the window in
which that first use must lie given the corpus's previous document, counts per 10,000
characters by year, and the lead or lag between the first two corpora (for the built-in
pair: the Party's Congress reports, then the State's work reports).

The order of first use is *determined* only when the windows do not overlap: the Party's
first Congress-report use in 2022 says the Party used the term at some point after the
2017 Congress and by 2022, so a State report of 2021 does not show the State was first.
A term absent from a corpus is "not in corpus" there, never a lag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.terms.counts import ARRANGEMENTS, EXPLAIN, TermCounts, blanks_to_missing
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["CAVEATS", "TermComparison", "compare_counts"]

#: Printed beside every Party-versus-State comparison.
CAVEATS = (
    "Caveat 1: the Congress reports come every five years while the work reports are "
    "annual, so a first use in the Congress reports is known only to within the five "
    "years since the previous Congress; the comparison leans towards the annual corpus. "
    "Order is called only when the two windows do not overlap.",
    "Caveat 2: the first official use known from sources can predate both corpora "
    "(新型举国体制 is in the 12th Five-Year S&T plan of 2011 and the Party's 2019 Fourth "
    "Plenum decision); see the glossary (pflab terms --glossary).",
)

_COLUMNS = {
    "term": "glossary term (Chinese)",
    "term_en": "main English rendering",
    "first_use_known": "first official use known from sources (date, by whom), see the glossary",
    "lead_years": "second corpus's first year minus the first corpus's (positive: the first "
    "corpus used it earlier)",
    "order": "which corpus used the term first, when the windows allow saying so",
    "corpus": "corpus key",
    "year": "document year",
    "substring": "occurrences of the term, aliases and variants",
    "chars": "characters of the cleaned documents of the year",
    "per_10k": "occurrences per 10,000 characters",
}


def _window(first: int | None, years: Sequence[int]) -> str:
    if first is None:
        return "not in corpus"
    before = [y for y in years if y < first]
    return f"{before[-1]} < y ≤ {first}" if before else f"y ≤ {first}"


def _name(counts: TermCounts) -> str:
    return counts.speaker or counts.label or counts.corpus


@dataclass(frozen=True, kw_only=True)
class TermComparison(Result):
    """Term counts of several corpora side by side (Party vs State for the built-ins).

    Attributes
    ----------
    counts
        The corpora's counts, in comparison order (lead/lag is between the first two).
    by
        ``first`` (first years side by side, the default), ``year`` (counts per 10,000
        characters by corpus and year) or ``document``.
    """

    counts: tuple[TermCounts, ...]
    by: str = "first"

    def _comparable(self, counts: TermCounts) -> pd.DataFrame:
        docs = counts.documents
        keep = docs.loc[docs["excluded"].fillna("") == "", "document"]
        return counts.frame[counts.frame["document"].isin(keep)]

    def first_years(self) -> pd.DataFrame:
        """One row per term: for each corpus its first year, the form that matched, the
        window the first use lies in and the flag; then the lead (years) and order
        between the first two corpora, and the first official use known from sources."""
        glossary = self.counts[0].glossary
        rows: list[dict[str, Any]] = []
        per_corpus = []
        for counts in self.counts:
            frame = self._comparable(counts)
            years = sorted(
                counts.documents.loc[counts.documents["excluded"].fillna("") == "", "year"]
            )
            first_rows = {r["term"]: r for r in counts.first_appearance().to_dict("records")}
            per_corpus.append((counts, frame, years, first_rows))
        for term in glossary:
            row: dict[str, Any] = {"term": term.zh, "term_en": term.en}
            firsts: list[int | None] = []
            windows: list[tuple[int | None, int | None]] = []
            for counts, frame, years, first_rows in per_corpus:
                hits = frame[(frame["term"] == term.zh) & (frame["substring"] > 0)]
                first = int(hits["year"].min()) if len(hits) else None
                key = counts.corpus
                row[f"first_{key}"] = first
                row[f"window_{key}"] = _window(first, years)
                info = first_rows.get(term.zh, {})
                known = info.get("first_year")
                same = first is not None and isinstance(known, int) and known == first
                row[f"form_{key}"] = info["first_form"] if same else None
                row[f"match_{key}"] = info["match"] if same else None
                row[f"flag_{key}"] = info["flag"] if same else ""
                firsts.append(first)
                before = [y for y in years if first is not None and y < first]
                windows.append((before[-1] if before else None, first))
            if len(self.counts) >= 2:
                row["lead_years"], row["order"] = _order(
                    firsts[0],
                    firsts[1],
                    windows[0],
                    windows[1],
                    (_name(self.counts[0]), _name(self.counts[1])),
                    (self.counts[0].label, self.counts[1].label),
                )
            use = term.first_use
            row["first_use_known"] = (
                ""
                if use is None
                else ", ".join(p for p in (use.date, use.by) if p)
                + (" (registry date)" if use.basis == "registry" else "")
            )
            row["first_use_source"] = "" if use is None else glossary.cite(use.sources)
            rows.append(row)
        out = pd.DataFrame(rows)
        for counts in self.counts:
            out[f"first_{counts.corpus}"] = out[f"first_{counts.corpus}"].astype("Int64")
        if "lead_years" in out:
            out["lead_years"] = out["lead_years"].astype("Int64")
        return out

    def by_year(self) -> pd.DataFrame:
        """Counts and counts per 10,000 characters by corpus, year and term."""
        parts = []
        for counts in self.counts:
            yearly = counts.by_year()
            yearly.insert(0, "corpus", counts.corpus)
            parts.append(yearly)
        return pd.concat(parts, ignore_index=True)

    def by_document(self) -> pd.DataFrame:
        """The per-document counts of every corpus, with a ``corpus`` column."""
        parts = []
        for counts in self.counts:
            frame = counts.frame.copy()
            frame.insert(0, "corpus", counts.corpus)
            parts.append(frame)
        return pd.concat(parts, ignore_index=True)

    def documents(self) -> pd.DataFrame:
        """Every corpus's document record, with a ``corpus`` column."""
        parts = []
        for counts in self.counts:
            docs = counts.documents.copy()
            docs.insert(0, "corpus", counts.corpus)
            parts.append(docs)
        return pd.concat(parts, ignore_index=True)

    def tables(self) -> dict[str, pd.DataFrame]:
        """``first`` (side by side), ``by_year``, ``counts``, ``documents``; the one named
        by :attr:`by` comes first."""
        tables = {
            "first": self.first_years(),
            "by_year": self.by_year(),
            "counts": self.by_document(),
            "documents": self.documents(),
        }
        main = {"first": "first", "year": "by_year", "document": "counts"}[self.by]
        ordered = {main: tables.pop(main), **tables}
        if self.by != "first":
            shown = ordered[main]
            ordered["occurring"] = shown[shown["substring"] > 0].reset_index(drop=True)
        return {name: blanks_to_missing(table) for name, table in ordered.items()}

    def views(self) -> list[View]:
        """First years side by side with the lead and the first use known, or the rows
        with an occurrence of the tidy tables."""
        if self.by == "first":
            columns = [Column("term", "Term")]
            for counts in self.counts:
                columns.append(Column(f"first_{counts.corpus}", counts.label or counts.corpus, "d"))
                columns.append(Column(f"window_{counts.corpus}", "first use within"))
            if len(self.counts) >= 2:
                columns.append(Column("order", "Who first"))
            columns.append(Column("first_use_known", "First official use known"))
            return [View("first", columns)]
        lead = [Column("corpus", "Corpus"), Column("year", "Year", "d")]
        if self.by == "document":
            lead.insert(1, Column("document", "Document"))
        columns = [*lead, Column("term", "Term"), Column("substring", "Times", "d")]
        if self.by == "year":
            columns.append(Column("per_10k", "Per 10k chars", ".2f"))
        return [View("occurring", columns, title=f"{self.title} (rows with an occurrence)")]

    def arrange(self, by: str) -> TermComparison:
        """The same comparison with another main table (``first``, ``year``,
        ``document``)."""
        if by not in ("first", "year", "document"):
            raise ParameterError(
                "by", f"{by!r}; a comparison of corpora is shown by first, year or document"
            )
        return _finish(replace(self, by=by))


def _order(
    a: int | None,
    b: int | None,
    wa: tuple[int | None, int | None],
    wb: tuple[int | None, int | None],
    names: tuple[str, str],
    labels: tuple[str, str],
) -> tuple[int | None, str]:
    """Difference of the first years (b - a) and who used the term first.

    Each corpus's first use lies in its window (previous document year, first year];
    the order is called only when the windows do not overlap, and the lead is then at
    least (later corpus's previous document year + 1) - earlier corpus's first year.
    """
    if a is None and b is None:
        return None, "in neither corpus"
    if a is None:
        return None, f"not in the {labels[0]}"
    if b is None:
        return None, f"not in the {labels[1]}"
    lead = b - a
    if a < b and wb[0] is not None and a <= wb[0]:
        least = wb[0] + 1 - a
        return lead, f"{names[0]} first, by at least {least} year{'s' * (least > 1)}"
    if b < a and wa[0] is not None and b <= wa[0]:
        least = wa[0] + 1 - b
        return lead, f"{names[1]} first, by at least {least} year{'s' * (least > 1)}"
    return lead, "undetermined (the windows overlap)"


_TITLE = {
    "first": "First appearance by corpus",
    "year": "Strategic terms per 10,000 characters by corpus and year",
    "document": "Strategic terms by corpus and document",
}


def _finish(result: TermComparison) -> TermComparison:
    names = " vs ".join(c.label or c.corpus for c in result.counts)
    notes: list[str] = []
    if len(result.counts) >= 2:
        notes.append(
            f"Who first: compares {_name(result.counts[0])} ({result.counts[0].label}) with "
            f"{_name(result.counts[1])} ({result.counts[1].label}); 'first use within' is the "
            "span since the corpus's previous document (y: year of first use)."
        )
        notes += list(CAVEATS)
    first = result.first_years()
    for counts in result.counts:
        key = counts.corpus
        for row in first.to_dict(orient="records"):
            if row[f"first_{key}"] is pd.NA or not isinstance(row[f"form_{key}"], str):
                continue
            if row[f"match_{key}"] != "term" or row[f"flag_{key}"]:
                flag = f"; flagged: {row[f'flag_{key}']}" if row[f"flag_{key}"] else ""
                notes.append(
                    f"{row['term']} in the {counts.label}, {row[f'first_{key}']}: "
                    f"{row[f'match_{key}']} ({row[f'form_{key}']}){flag}"
                )
    for counts in result.counts:
        notes += [f"{counts.label}: {n}" for n in counts.notes if n != EXPLAIN]
    notes.append(EXPLAIN)
    return replace(
        result,
        title=f"{_TITLE[result.by]}: {names}",
        notes=tuple(dict.fromkeys(notes)),
        columns=_COLUMNS,
    )


def compare_counts(counts: Sequence[TermCounts], *, by: str = "first") -> TermComparison:
    """Set the term counts of several corpora side by side.

    Parameters
    ----------
    counts
        Two or more :class:`~pflab.policy.terms.count.TermCounts` of the same glossary, in
        comparison order: lead and lag are measured from the first to the second (the
        built-in pair: ``[load_counts("congress"), load_counts("gwr")]``, Party first).
    by
        ``first``, ``year`` or ``document``.

    Raises
    ------
    pflab.errors.ParameterError
        If fewer than two corpora are given, two have the same name, or their glossaries
        differ.
    """
    if len(counts) < 2:
        raise ParameterError("counts", "a comparison needs at least two corpora")
    names = [c.corpus for c in counts]
    if len(set(names)) != len(names):
        raise ParameterError("counts", f"two corpora share a name: {names}")
    terms = [t.zh for t in counts[0].glossary]
    for other in counts[1:]:
        if [t.zh for t in other.glossary] != terms:
            raise ParameterError(
                "counts", f"{other.label or other.corpus} counts other terms than {names[0]}"
            )
    if by not in ARRANGEMENTS or by == "congress":
        raise ParameterError(
            "by", f"{by!r}; a comparison of corpora is shown by first, year or document"
        )
    provenance = Provenance(
        method="term counts compared across corpora",
        sources=tuple(s for c in counts for s in c.provenance.sources),
        parameters={"corpora": ", ".join(names), "by": by},
        description="First appearance and frequency of strategic terms in several corpora.",
    )
    result = TermComparison(title="", provenance=provenance, counts=tuple(counts), by=by)
    return _finish(result)
