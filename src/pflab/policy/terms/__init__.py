"""The narrative tracker: strategic terms counted through dated texts of the Party and
the State.

>>> from pflab.policy.terms import load_counts, compare_counts
>>> gwr = load_counts("gwr")                 # embedded Government Work Report counts
>>> gwr.first_appearance()                   # the year each term entered the reports
>>> both = compare_counts([load_counts("congress"), gwr])   # Party vs State
>>> kwic("新型举国体制", [read_builtin("congress")])        # needs the raw texts

For another corpus: ``count_terms(read_corpus("folder_or.jsonl"))``. Token counts load
jieba on first use.
"""

from pflab.policy.terms.build import (
    GWR_SOURCE,
    build_congress_terms,
    build_gwr_terms,
    load_congress_counts,
    load_counts,
    load_gwr_counts,
)
from pflab.policy.terms.compare import TermComparison, compare_counts
from pflab.policy.terms.cooccur import Cooccurrence, cooccurrence
from pflab.policy.terms.corpora import BUILTIN, BuiltinCorpus, read_builtin
from pflab.policy.terms.corpus import (
    CONGRESS_YEARS,
    Corpus,
    Document,
    clean_text,
    read_corpus,
)
from pflab.policy.terms.count import count_document, count_terms
from pflab.policy.terms.counts import TermCounts
from pflab.policy.terms.glossary import (
    EXTRA_TERMS,
    FirstUse,
    Glossary,
    Term,
    default_glossary,
)
from pflab.policy.terms.kwic import Concordance, kwic
from pflab.policy.terms.table import GlossaryTable, glossary_table
from pflab.policy.terms.track import corpora_for, read_texts, track_terms

__all__ = [
    "BUILTIN",
    "CONGRESS_YEARS",
    "EXTRA_TERMS",
    "GWR_SOURCE",
    "BuiltinCorpus",
    "Concordance",
    "Cooccurrence",
    "Corpus",
    "Document",
    "FirstUse",
    "Glossary",
    "GlossaryTable",
    "Term",
    "TermComparison",
    "TermCounts",
    "build_congress_terms",
    "build_gwr_terms",
    "clean_text",
    "compare_counts",
    "cooccurrence",
    "corpora_for",
    "count_document",
    "count_terms",
    "default_glossary",
    "glossary_table",
    "kwic",
    "load_congress_counts",
    "load_counts",
    "load_gwr_counts",
    "read_builtin",
    "read_corpus",
    "read_texts",
    "track_terms",
]
