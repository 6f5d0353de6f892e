"""Keyword in context: every occurrence of a term with the words around it.

A count is only as good as the uses it counts. :func:`kwic` lists each occurrence of a
term (any of its forms) with the text to its left and right inside its paragraph, the
document, its year (and Congress), and the section heading of the report it sits in,
so a reader can see how the term is used before trusting a count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pflab.errors import ParameterError
from pflab.policy.terms.corpus import Corpus
from pflab.policy.terms.counts import blanks_to_missing
from pflab.policy.terms.glossary import Glossary, Term, default_glossary, forms_pattern, normalise
from pflab.provenance import Provenance
from pflab.result import Column, Result, View

__all__ = ["Concordance", "kwic", "resolve_term"]

KWIC_COLUMNS = [
    "corpus", "document", "year", "congress", "where", "section", "left", "match", "right",
    "form", "kind", "generic", "paragraph", "offset",
]  # fmt: skip

_MEANINGS = {
    "corpus": "corpus key",
    "document": "document: file name, or file:line of a JSONL record",
    "year": "year of the document",
    "congress": "Party Congress number (Congress reports)",
    "where": "corpus label and year (or Congress)",
    "section": "section headings above the occurrence (long reports)",
    "left": "text before the occurrence, within its paragraph",
    "match": "the occurrence as written in the cleaned text",
    "right": "text after the occurrence, within its paragraph",
    "form": "the glossary form that matched",
    "kind": "term, alias or variant",
    "generic": "inside one of the term's generic phrases",
    "paragraph": "paragraph number in the document (from 0)",
    "offset": "character offset in the cleaned document",
}


def resolve_term(name: str, glossary: Glossary | None = None, parameter: str = "term") -> Term:
    """The glossary term for ``name`` (a term, alias or variant), else a new user term.

    Raises
    ------
    pflab.errors.ParameterError
        If ``name`` is empty.
    """
    text = normalise(name.strip())
    if not text:
        raise ParameterError(parameter, "empty term")
    gloss = glossary or default_glossary()
    try:
        return gloss.get(text)
    except ParameterError:
        return Term(text, origin="user")


@dataclass(frozen=True, kw_only=True)
class Concordance(Result):
    """Every occurrence of a term with its context.

    Attributes
    ----------
    term
        The term searched (with all its forms).
    frame
        One row per occurrence: :data:`KWIC_COLUMNS`.
    """

    term: Term
    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``kwic``: one row per occurrence."""
        return {"kwic": blanks_to_missing(self.frame)}

    def views(self) -> list[View]:
        """Where, section, left context, the match, right context."""
        return [
            View(
                "kwic",
                (
                    Column("where", "Document"),
                    Column("section", "Section"),
                    Column("left", "Before"),
                    Column("match", "Term"),
                    Column("right", "After"),
                ),
            )
        ]


def kwic(
    term: str | Term,
    corpora: Sequence[Corpus],
    glossary: Glossary | None = None,
    *,
    width: int = 20,
) -> Concordance:
    """Every occurrence of ``term`` (any form) in the corpora, with its context.

    Parameters
    ----------
    term
        A glossary term, alias or variant (all forms of its term are searched), or any
        other string.
    corpora
        Read texts (:func:`~pflab.policy.terms.read_corpus`,
        :func:`~pflab.policy.terms.read_builtin`).
    glossary
        Where ``term`` is looked up (default: the default glossary).
    width
        Characters of context on each side (clipped at the paragraph).

    Raises
    ------
    pflab.errors.ParameterError
        If ``width`` is not positive or no corpus is given.
    """
    if width < 1:
        raise ParameterError("width", f"{width}; expected a positive number of characters")
    if not corpora:
        raise ParameterError("corpora", "no corpus to search")
    found = term if isinstance(term, Term) else resolve_term(term, glossary, "term")
    pattern = forms_pattern(found.forms)
    generic = forms_pattern(found.generic) if found.generic else None
    rows = []
    for corpus in corpora:
        for doc in corpus.documents:
            generic_spans = (
                [(m.start(), m.end()) for m in generic.finditer(doc.text)] if generic else []
            )
            for m in pattern.finditer(doc.text):
                lo, hi = doc.paragraph_at(m.start())
                where = f"{corpus.speaker or corpus.name} {doc.label}"
                rows.append(
                    {
                        "corpus": corpus.name,
                        "document": doc.name,
                        "year": doc.year,
                        "congress": doc.congress,
                        "where": where,
                        "section": doc.section_at(m.start()),
                        "left": doc.text[max(lo, m.start() - width) : m.start()],
                        "match": m.group(),
                        "right": doc.text[m.end() : min(hi, m.end() + width)],
                        "form": m.group(),
                        "kind": found.kind_of(m.group()),
                        "generic": any(a <= m.start() and m.end() <= b for a, b in generic_spans),
                        "paragraph": doc.paragraphs.index(lo) if lo in doc.paragraphs else 0,
                        "offset": m.start(),
                    }
                )
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    frame["congress"] = frame["congress"].astype("Int64")
    for column in ("year", "paragraph", "offset"):
        frame[column] = frame[column].astype("int64")
    frame["generic"] = frame["generic"].astype(bool)
    labels = ", ".join(c.label or c.name for c in corpora)
    notes = [
        f"{len(frame)} occurrences of {found.zh} in {labels}"
        + ("" if len(frame) else " (none: the term does not occur)"),
        "forms searched: " + ", ".join(found.forms),
        "text is the cleaned text (NFKC, spaces next to Chinese characters removed, "
        "traditional characters converted); context stops at the paragraph.",
    ]
    if len(frame) and frame["generic"].any():
        notes.append(f"{int(frame['generic'].sum())} occurrences are in a generic phrase")
    shown = set(frame["document"])
    excluded = [
        f"{d.name} ({d.year}): {d.excluded}"
        for c in corpora
        for d in c.documents
        if d.excluded and d.name in shown
    ]
    if excluded:
        notes.append("shown but left out of comparisons: " + "; ".join(excluded))
    provenance = Provenance(
        method="keyword in context",
        sources=tuple(c.source for c in corpora),
        parameters={"term": found.zh, "width": width},
        description="Occurrences of a term with the text around them.",
    )
    return Concordance(
        title=f"Keyword in context: {found.zh}" + (f" ({found.en})" if found.en else ""),
        provenance=provenance,
        notes=tuple(notes),
        columns=_MEANINGS,
        term=found,
        frame=frame,
    )
