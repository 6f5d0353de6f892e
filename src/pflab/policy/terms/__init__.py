"""The narrative tracker: strategic terms counted through dated texts.

>>> from pflab.policy.terms import load_gwr_counts
>>> counts = load_gwr_counts()            # embedded Government Work Report counts
>>> counts.first_appearance()             # the year each term entered the reports

For another corpus: ``count_terms(read_corpus("folder_or.jsonl"))``. Token counts load
jieba on first use.
"""

from pflab.policy.terms.build import GWR_SOURCE, build_gwr_terms, load_gwr_counts
from pflab.policy.terms.corpus import Corpus, Document, clean_text, read_corpus
from pflab.policy.terms.count import TermCounts, count_document, count_terms
from pflab.policy.terms.glossary import EXTRA_TERMS, Glossary, Term, default_glossary

__all__ = [
    "EXTRA_TERMS",
    "GWR_SOURCE",
    "Corpus",
    "Document",
    "Glossary",
    "Term",
    "TermCounts",
    "build_gwr_terms",
    "clean_text",
    "count_document",
    "count_terms",
    "default_glossary",
    "load_gwr_counts",
    "read_corpus",
]
