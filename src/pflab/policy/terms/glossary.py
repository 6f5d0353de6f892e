"""The glossary of strategic terms the tracker counts.

A :class:`Term` is a Chinese word or phrase with its English rendering and any variants
counted together with it (``创新驱动发展战略`` and the shorter ``创新驱动发展``). The
default glossary takes every ``terms`` list of the policy registry (so each programme
brings its own slogan) and adds :data:`EXTRA_TERMS`, words of the policy debate that
are not programmes (total factor productivity, key core technologies …).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pflab.errors import ParameterError
from pflab.policy.hanzi import traditional_characters
from pflab.policy.registry import Registry, load_registry

__all__ = ["EXTRA_TERMS", "Glossary", "Term", "default_glossary", "normalise"]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def normalise(text: str) -> str:
    """Unicode NFKC (full-width ``＋`` and digits become ASCII) without zero-width marks."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Term:
    """A glossary term.

    Attributes
    ----------
    zh
        The Chinese term as counted and reported.
    en
        English rendering.
    variants
        Further Chinese forms counted as the same term (the term itself excluded).
    origin
        ``"registry:<id>"`` for terms taken from a registry entry, else ``"extra"`` or
        ``"user"``.
    """

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    origin: str = "extra"

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its variants, longest first (the order matching needs)."""
        return tuple(sorted({self.zh, *self.variants}, key=lambda s: (-len(s), s)))


#: Words of the debate that are not registry entries, with their English renderings.
EXTRA_TERMS: tuple[Term, ...] = (
    Term("全要素生产率", "total factor productivity"),
    Term("科技自立自强", "self-reliance in science and technology", ("自立自强",)),
    Term("关键核心技术", "key core technologies"),
    Term("高质量发展", "high-quality development"),
    Term("现代化产业体系", "modern industrial system"),
    Term("新兴产业", "emerging industries"),
    Term("数字经济", "digital economy"),
    Term("人工智能", "artificial intelligence"),
    Term("创新型国家", "innovation-oriented country"),
    Term("科教兴国", "rejuvenating the nation through science and education"),
    Term("制造强国", "manufacturing power"),
)


@dataclass(frozen=True)
class Glossary:
    """An ordered set of terms; the Chinese forms must not repeat across terms."""

    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for term in self.terms:
            for form in term.forms:
                if not form.strip():
                    raise ParameterError("--terms", f"empty form in term {term.zh!r}")
                if traditional_characters(form):
                    raise ParameterError(
                        "--terms", f"{form!r} has traditional characters; use simplified ones"
                    )
                owner = seen.setdefault(form, term.zh)
                if owner != term.zh:
                    raise ParameterError(
                        "--terms", f"{form!r} belongs to {owner!r} and {term.zh!r}"
                    )

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def words(self) -> list[str]:
        """Every Chinese form of every term (the jieba user dictionary)."""
        return [form for term in self.terms for form in term.forms]

    def get(self, zh: str) -> Term:
        """The term with this Chinese form (or variant)."""
        for term in self.terms:
            if zh in term.forms:
                return term
        raise ParameterError("--terms", f"{zh!r} is not in the glossary")

    def select(self, names: Sequence[str]) -> Glossary:
        """A glossary of the named terms, in the order given.

        Names in the glossary keep their English rendering and variants; other names
        become new terms (origin ``"user"``) whose English is left blank.
        """
        chosen: list[Term] = []
        for name in names:
            text = normalise(name.strip())
            try:
                chosen.append(self.get(text))
            except ParameterError:
                chosen.append(Term(text, "", (), "user"))
        return Glossary(tuple(dict.fromkeys(chosen)))

    def to_records(self) -> list[dict[str, str]]:
        """Plain records (for a sidecar or a table)."""
        return [
            {"zh": t.zh, "en": t.en, "variants": " ".join(t.variants), "origin": t.origin}
            for t in self.terms
        ]


def default_glossary(
    registry: Registry | None = None, extra: Iterable[Term] = EXTRA_TERMS
) -> Glossary:
    """The registry's terms (each entry's ``terms`` list) followed by ``extra``.

    Parameters
    ----------
    registry
        Default: the shipped registry.
    extra
        Terms to add after the registry's.
    """
    reg = registry or load_registry()
    terms = [
        Term(
            normalise(p.terms[0]),
            p.term_en or p.name_en,
            tuple(normalise(v) for v in p.terms[1:]),
            f"registry:{p.id}",
        )
        for p in reg
        if p.terms
    ]
    return Glossary((*terms, *extra))
