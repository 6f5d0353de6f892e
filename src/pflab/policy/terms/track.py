"""One entry point per question, as the CLI and the web app ask them.

- :func:`track_terms`: term counts of one corpus (a :class:`TermCounts`) or several side
  by side (a :class:`TermComparison`), from the embedded counts of the built-in corpora
  and from the texts of the user's own folders or JSONL files.
- :func:`read_texts`: the texts of the chosen corpora, for keyword in context and
  co-occurrence (the built-in texts come from the raw data folder).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pflab.errors import ParameterError
from pflab.policy.terms.build import load_counts
from pflab.policy.terms.compare import TermComparison, compare_counts
from pflab.policy.terms.corpora import BUILTIN, read_builtin
from pflab.policy.terms.corpus import Corpus, read_corpus
from pflab.policy.terms.count import count_terms
from pflab.policy.terms.counts import TermCounts
from pflab.policy.terms.glossary import default_glossary

__all__ = ["CORPUS_CHOICES", "corpora_for", "read_texts", "track_terms"]

#: Values of ``corpus``: one built-in corpus or both.
CORPUS_CHOICES = ("gwr", "congress", "all")

Progress = Callable[[int, int], None]


def corpora_for(paths: Sequence[str | Path] = (), corpus: str | None = None) -> list[str]:
    """The built-in corpus keys to use: ``corpus`` (``all``: Congress, then work
    reports); without it, the work reports when no path is given, else none.

    Raises
    ------
    pflab.errors.ParameterError
        If ``corpus`` is not one of :data:`CORPUS_CHOICES`.
    """
    if corpus is None:
        return [] if paths else ["gwr"]
    if corpus not in CORPUS_CHOICES:
        raise ParameterError("corpus", f"{corpus!r}; expected {', '.join(CORPUS_CHOICES)}")
    return list(BUILTIN) if corpus == "all" else [corpus]


def track_terms(
    paths: Sequence[str | Path] = (),
    corpus: str | None = None,
    *,
    terms: Sequence[str] = (),
    by: str = "first",
    tokens: bool = True,
    progress: Progress | None = None,
) -> TermCounts | TermComparison:
    """Term counts of the chosen corpora: one corpus alone, several side by side.

    Parameters
    ----------
    paths
        The user's corpora: folders of ``.txt`` files or JSONL files (counted now).
    corpus
        Built-in corpora (embedded counts): ``gwr``, ``congress`` or ``all``; default
        ``gwr`` when no path is given.
    terms
        Terms to report (terms, aliases or variants; default: the whole glossary).
    by
        ``first`` (first appearance), ``year``, ``document`` or, for the Congress
        reports alone, ``congress``.
    tokens
        Also count jieba tokens in the user's corpora (the embedded counts have them).
    progress
        Called as ``progress(done, total)`` while the user's corpora are counted.

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown corpus or arrangement, or a term missing from the embedded counts.
    pflab.errors.DataNotFoundError
        If a path does not exist.
    """
    keys = corpora_for(paths, corpus)
    user = [read_corpus(p) for p in paths]  # every path is checked before counting
    counted: list[TermCounts] = [load_counts(k) for k in keys]
    if terms:
        counted = [c.select(terms) for c in counted]
    glossary = counted[0].glossary if counted else default_glossary()
    if terms and not counted:
        glossary = glossary.select(terms)
    total = sum(len(c.documents) for c in user)
    done = 0
    for corpus_texts in user:

        def step(i: int, _n: int, offset: int = done) -> None:
            if progress is not None:
                progress(offset + i, total)

        counts = count_terms(corpus_texts, glossary, tokens=tokens, progress=step)
        if terms and not keys:
            counts = counts.select(terms)
        counted.append(counts)
        done += len(corpus_texts.documents)
    if len(counted) == 1:
        return counted[0].arrange(by)
    return compare_counts(counted, by=by)


def read_texts(
    paths: Sequence[str | Path] = (),
    corpus: str | None = None,
    *,
    raw: Path | None = None,
    progress: Progress | None = None,
) -> list[Corpus]:
    """The texts of the chosen corpora (see :func:`corpora_for`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If a path does not exist, or a built-in corpus's raw file is not found (the
        message names where pflab looked).
    """
    keys = corpora_for(paths, corpus)
    texts = [read_corpus(p) for p in paths]
    return [*(read_builtin(k, raw, progress) for k in keys), *texts]
