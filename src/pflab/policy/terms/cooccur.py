"""Co-occurrence: which glossary terms share a paragraph with a given term, by period.

For each period and corpus, :func:`cooccurrence` counts the paragraphs holding the focus
term (any form) and, among them, the paragraphs holding each other glossary term.
Companions are searched outside the focus term's own occurrences, so 新兴产业 is not a
companion of 战略性新兴产业 merely by being part of it.

Periods default to the five-year terms between Party Congresses (1998–2002, 2003–2007,
…, 2023–2027: a Congress year closes its term), so the annual work reports and the
Congress reports fall into the same bins; ``by="year"`` makes every year a period, and
explicit ``periods`` (e.g. ``[(2022, 2023), (2024, 2025)]``) any split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.terms.corpus import CONGRESS_YEARS, Corpus
from pflab.policy.terms.counts import blanks_to_missing
from pflab.policy.terms.glossary import Glossary, Term, default_glossary, forms_pattern
from pflab.policy.terms.kwic import resolve_term
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["Cooccurrence", "congress_terms", "cooccurrence", "parse_periods"]

COOCCUR_COLUMNS = [
    "period", "corpus", "companion", "companion_en", "paragraphs", "focus_paragraphs",
    "share",
]  # fmt: skip

_MEANINGS = {
    "period": "period (first-last year)",
    "corpus": "corpus key",
    "companion": "glossary term found in the same paragraph",
    "companion_en": "its main English rendering",
    "paragraphs": "paragraphs holding both the focus term and the companion",
    "focus_paragraphs": "paragraphs holding the focus term in the period and corpus",
    "share": "paragraphs / focus_paragraphs",
}


def congress_terms(last: int = 2027) -> list[tuple[int, int]]:
    """The five-year terms between Party Congresses (each ends in a Congress year),
    from the 1st Congress (1921) to ``last``."""
    years = sorted(CONGRESS_YEARS.values())
    while years[-1] < last:
        years.append(years[-1] + 5)
    spans = [(years[0], years[0])]
    spans += [(a + 1, b) for a, b in pairwise(years)]
    return spans


def parse_periods(text: str) -> list[tuple[int, int]]:
    """``"2022-2023,2024-2025"`` → ``[(2022, 2023), (2024, 2025)]``; a single year is a
    one-year period.

    Raises
    ------
    pflab.errors.ParameterError
        If a period is not ``YYYY`` or ``YYYY-YYYY`` with the first year not after the
        second, or periods overlap.
    """
    periods = []
    for part in text.split(","):
        piece = part.strip().replace("–", "-")
        bits = piece.split("-")
        try:
            years = [int(b) for b in bits]
        except ValueError:
            raise ParameterError(
                "periods", f"{piece!r}; expected YYYY or YYYY-YYYY, e.g. 2022-2023"
            ) from None
        if len(years) not in (1, 2) or years[0] > years[-1]:
            raise ParameterError("periods", f"{piece!r}; expected YYYY-YYYY with start ≤ end")
        periods.append((years[0], years[-1]))
    periods.sort()
    for (_, b), (c, _) in pairwise(periods):
        if c <= b:
            raise ParameterError("periods", f"periods overlap in {text!r}")
    return periods


def _label(period: tuple[int, int]) -> str:
    a, b = period
    return str(a) if a == b else f"{a}–{b}"


@dataclass(frozen=True, kw_only=True)
class Cooccurrence(Result):
    """Companions of a term in the same paragraph, by period and corpus.

    Attributes
    ----------
    term
        The focus term.
    frame
        One row per period, corpus and companion: :data:`COOCCUR_COLUMNS`.
    """

    term: Term
    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``cooccurrence``: one row per period, corpus and companion."""
        return {"cooccurrence": blanks_to_missing(self.frame)}

    def views(self) -> list[View]:
        """Period, corpus, companion, English, paragraphs and share."""
        return [
            View(
                "cooccurrence",
                (
                    Column("period", "Period"),
                    Column("corpus", "Corpus"),
                    Column("companion", "Companion"),
                    Column("companion_en", "English"),
                    Column("paragraphs", "Paragraphs", "d"),
                    Column("focus_paragraphs", "of", "d"),
                    Column("share", "Share", ".0%"),
                ),
            )
        ]

    def pooled(self, top: int = 8) -> pd.DataFrame:
        """Companions pooled over corpora, the ``top`` most frequent per period:
        ``period``, ``companion``, ``companion_en``, ``paragraphs``, ``share``."""
        if self.frame.empty:
            return pd.DataFrame(
                columns=["period", "companion", "companion_en", "paragraphs", "share"]
            )
        focus = self.frame.groupby(["period", "corpus"])["focus_paragraphs"].first()
        totals = focus.groupby(level="period").sum()
        out = (
            self.frame.groupby(["period", "companion"], sort=False)
            .agg(companion_en=("companion_en", "first"), paragraphs=("paragraphs", "sum"))
            .reset_index()
        )
        out["share"] = out["paragraphs"] / out["period"].map(totals)
        out = out.sort_values(["period", "paragraphs"], ascending=[True, False], kind="stable")
        return out.groupby("period", sort=False).head(top).reset_index(drop=True)


def cooccurrence(
    term: str | Term,
    corpora: Sequence[Corpus],
    glossary: Glossary | None = None,
    *,
    periods: Sequence[tuple[int, int]] | None = None,
    by: str = "congress",
) -> Cooccurrence:
    """Glossary terms sharing a paragraph with ``term``, by period and corpus.

    Parameters
    ----------
    term
        The focus term (a glossary term, alias or variant, or any string).
    corpora
        Read texts.
    glossary
        The companions looked for (default: the default glossary); the focus term is
        never its own companion.
    periods
        ``(first, last)`` year spans; years outside every span are left out.
    by
        Without ``periods``: ``congress`` (the five-year terms between Congresses) or
        ``year``.

    Raises
    ------
    pflab.errors.ParameterError
        If ``by`` is neither ``congress`` nor ``year`` or no corpus is given.
    """
    if not corpora:
        raise ParameterError("corpora", "no corpus to search")
    if periods is None and by not in ("congress", "year"):
        raise ParameterError("by", f"{by!r}; co-occurrence periods are by congress or year")
    gloss = glossary or default_glossary()
    focus = term if isinstance(term, Term) else resolve_term(term, gloss, "term")
    focus_pattern = forms_pattern(focus.forms)
    companions = [(t, forms_pattern(t.forms)) for t in gloss if t.zh != focus.zh]
    if periods is None:
        years = sorted({d.year for c in corpora for d in c.documents})
        spans = (
            [(y, y) for y in years]
            if by == "year"
            else congress_terms(max(years[-1], 2027) if years else 2027)
        )
    else:
        spans = list(periods)

    def period_of(year: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in spans if a <= year <= b), None)

    focus_count: Counter[tuple[tuple[int, int], str]] = Counter()
    pair_count: Counter[tuple[tuple[int, int], str, str]] = Counter()
    for corpus in corpora:
        for doc in corpus.documents:
            period = period_of(doc.year)
            if period is None:
                continue
            for para in doc.text.split("\n"):
                masked, n = focus_pattern.subn(lambda m: "□" * len(m.group()), para)
                if not n:
                    continue
                focus_count[(period, corpus.name)] += 1
                for other, pattern in companions:
                    if pattern.search(masked):
                        pair_count[(period, corpus.name, other.zh)] += 1
    english = {t.zh: t.en for t in gloss}
    order = {t.zh: i for i, t in enumerate(gloss)}
    rows = [
        {
            "period": _label(period),
            "corpus": corpus,
            "companion": zh,
            "companion_en": english.get(zh, ""),
            "paragraphs": n,
            "focus_paragraphs": focus_count[(period, corpus)],
            "share": n / focus_count[(period, corpus)],
            "_sort": (period, corpus, -n, order.get(zh, 0)),
        }
        for (period, corpus, zh), n in pair_count.items()
    ]
    rows.sort(key=lambda r: r["_sort"])  # type: ignore[arg-type, return-value]
    frame = pd.DataFrame(rows, columns=[*COOCCUR_COLUMNS, "_sort"]).drop(columns="_sort")
    for column in ("paragraphs", "focus_paragraphs"):
        frame[column] = frame[column].astype("int64")
    frame["share"] = frame["share"].astype(float)
    seen = ", ".join(
        f"{_label(p)} {c}: {n} paragraphs" for (p, c), n in sorted(focus_count.items())
    )
    notes = [
        f"paragraphs holding {focus.zh}: {seen or 'none (the term does not occur)'}",
        "companions are the glossary terms (with their aliases and variants) found in the "
        "same paragraph, outside the focus term's own occurrences; paragraphs are the "
        "source's blocks separated by blank lines.",
        "periods: "
        + (
            "the five-year terms between Party Congresses (a Congress year closes its term)"
            if periods is None and by == "congress"
            else "one per year"
            if periods is None
            else ", ".join(_label(p) for p in spans)
        ),
    ]
    provenance = Provenance(
        method="paragraph co-occurrence",
        sources=tuple(c.source for c in corpora),
        parameters={"term": focus.zh, "periods": "; ".join(_label(p) for p in spans)},
        description="Glossary terms in the same paragraph as a given term.",
    )
    return Cooccurrence(
        title=f"Terms in the same paragraph as {focus.zh}" + (f" ({focus.en})" if focus.en else ""),
        provenance=provenance,
        notes=tuple(notes),
        columns=_MEANINGS,
        term=focus,
        frame=frame,
    )
