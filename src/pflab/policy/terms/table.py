"""The bilingual glossary as a result: renderings, forms, programme, first official use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pflab.policy.registry import load_registry
from pflab.policy.terms.counts import blanks_to_missing
from pflab.policy.terms.glossary import Glossary, default_glossary
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View

__all__ = ["GlossaryTable", "glossary_table"]

_MEANINGS = {
    "term": "glossary term (Chinese, simplified)",
    "english": "main English rendering",
    "renderings": "further English renderings where translators differ",
    "renderings_source": "where the renderings are attested",
    "aliases": "other names counted as the term (full names, abbreviations)",
    "variants": "the term stated in words, counted as a variant match",
    "generic": "phrases where a form is used generically (flagged, not the programme)",
    "programme": "registry id of the programme the term belongs to",
    "programme_name": "the programme's English name",
    "first_use": "first official use known from sources: date",
    "first_use_by": "who used it",
    "first_use_event": "where and how",
    "first_use_basis": "sources (researched) or registry (the programme's registry date)",
    "first_use_keys": "source keys of the first use (glossary or registry catalogue)",
    "first_use_source": "citations of the first use",
}


@dataclass(frozen=True, kw_only=True)
class GlossaryTable(Result):
    """The glossary, one row per term.

    Attributes
    ----------
    frame
        One row per term: the columns of :data:`_MEANINGS`.
    """

    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``glossary``: one row per term."""
        return {"glossary": blanks_to_missing(self.frame)}

    def views(self) -> list[View]:
        """Term, English renderings, programme, first official use and its source."""
        return [
            View(
                "glossary",
                (
                    Column("term", "Term"),
                    Column("english", "English"),
                    Column("renderings", "Also rendered"),
                    Column("programme", "Programme"),
                    Column("first_use", "First official use"),
                    Column("first_use_by", "By"),
                    Column("first_use_keys", "Source"),
                ),
            )
        ]


def glossary_table(
    glossary: Glossary | None = None, terms: Sequence[str] | None = None
) -> GlossaryTable:
    """The bilingual glossary: English renderings, aliases and variants, the registry
    programme, and the first official use known from sources (with the source).

    Parameters
    ----------
    glossary
        Default: :func:`~pflab.policy.terms.default_glossary`.
    terms
        Only these terms (terms, aliases or variants), in this order.
    """
    gloss = glossary or default_glossary()
    if terms:
        gloss = gloss.select(terms)
    registry = load_registry()
    rows = []
    for t in gloss:
        use = t.first_use
        rows.append(
            {
                "term": t.zh,
                "english": t.en,
                "renderings": "; ".join(t.renderings),
                "renderings_source": gloss.cite(t.en_sources),
                "aliases": "; ".join(t.aliases),
                "variants": "; ".join(t.variants),
                "generic": "; ".join(t.generic),
                "programme": t.programme,
                "programme_name": registry.get(t.programme).name_en
                if t.programme and t.programme in registry
                else "",
                "first_use": use.date if use else "",
                "first_use_by": use.by if use else "",
                "first_use_event": use.event if use else "",
                "first_use_basis": use.basis if use else "not researched",
                "first_use_keys": " ".join(use.sources) if use else "",
                "first_use_source": gloss.cite(use.sources) if use else "",
            }
        )
    frame = pd.DataFrame(rows, columns=list(_MEANINGS))
    researched = sum(1 for t in gloss if t.first_use and t.first_use.basis == "sources")
    keys = list(dict.fromkeys(k for t in gloss if t.first_use for k in t.first_use.sources))
    cited = [f"{k}: {gloss.cite([k])}" for k in keys]
    notes = (
        f"{len(frame)} terms; first official use researched from sources for {researched}; "
        "'registry' rows give the programme's announcement or start date from the policy "
        "registry; blank: not researched (the corpora give only the earliest staged use).",
        "Renderings: the most common official English first; others where translators "
        "differ. Variants are counted as the term and reported as 'variant matched'.",
        *cited,
    )
    provenance = Provenance(
        method="glossary",
        sources=(
            Source(
                name="pflab term glossary",
                version="",
                citation="pflab/policy/terms/glossary.yaml and the policy registry",
            ),
        ),
        parameters={"terms": len(frame)},
        description="Strategic terms with renderings, forms, programme and first use.",
    )
    return GlossaryTable(
        title="Glossary of strategic terms (Chinese–English)",
        provenance=provenance,
        notes=notes,
        columns=_MEANINGS,
        frame=frame,
    )
