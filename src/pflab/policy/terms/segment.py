"""Chinese word segmentation with jieba and a user dictionary built from the glossary.

jieba is loaded only when token counts are first asked for (its dictionary takes about a
second to load). Each glossary gets its own :class:`jieba.Tokenizer`, so the words one
glossary adds never change how another is segmented. Glossary forms are added with a
high frequency (:data:`USER_WORD_FREQ`) so that the dictionary path always keeps them
whole: a term is never split, and a shorter term inside a longer one (新兴产业 inside
战略性新兴产业) is not counted as a token there. Forms with punctuation inside (“863”计划)
cannot be one jieba token, because jieba splits text at punctuation first.

jieba reads its bundled dictionary and writes its prefix-dictionary cache to the system
temporary folder (``jieba.cache``), never into the package; it does not use the network.
Segmentation uses the dictionary only (``HMM=False``), which is deterministic.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["USER_WORD_FREQ", "segment", "tokenizer"]

#: Frequency given to every glossary form in the user dictionary. The most frequent
#: word in jieba's dictionary (的) has about 3.2e5.
USER_WORD_FREQ = 1_000_000


@lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]) -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for word in words:
        tok.add_word(word, freq=USER_WORD_FREQ)
    return tok


def tokenizer(words: Sequence[str]) -> Any:
    """A jieba tokenizer whose user dictionary holds ``words`` (cached per word set)."""
    return _tokenizer(tuple(sorted(set(words))))


def segment(text: str, words: Sequence[str]) -> list[tuple[str, int, int]]:
    """Segment ``text`` into ``(token, start, end)`` triples.

    Parameters
    ----------
    text
        Cleaned text.
    words
        The user dictionary (glossary forms).
    """
    return [(w, int(a), int(b)) for w, a, b in tokenizer(words).tokenize(text, HMM=False)]
