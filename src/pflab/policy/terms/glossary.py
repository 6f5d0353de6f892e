"""The glossary of strategic terms the tracker counts.

A :class:`Term` is a Chinese word or phrase with its English renderings and the forms
counted together with it:

- **aliases**: other names of the same thing, full official names and abbreviations
  (``国家高技术研究发展计划`` and ``“863”计划`` for ``863计划``);
- **variants**: the thing stated in words rather than by name (the 1987 work report's
  ``高技术研究发展纲要``; ``农业、工业、国防和科学技术的现代化`` for ``四个现代化``); a
  match through one is reported as "variant matched";
- **generic** phrases: where a form is used in its everyday sense rather than for the
  programme (``引领未来产业发展`` in 2014, a decade before the future-industries
  programme); occurrences inside one are counted and flagged.

The default glossary (:func:`default_glossary`) is the tracker's own data file
``glossary.yaml`` (renderings, aliases, variants, generic phrases, the first official use
known from sources) merged with the policy registry: each registry entry's ``terms``
list gives its glossary term (the first) and aliases (the rest), its programme and the
year it was announced or started. Registry terms the data file does not describe are
still counted, with the registry's English name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pflab.errors import DataFormatError, ParameterError
from pflab.policy.hanzi import traditional_characters
from pflab.policy.registry import Registry, load_registry

__all__ = [
    "EXTRA_TERMS",
    "FirstUse",
    "FormKind",
    "Glossary",
    "Term",
    "default_glossary",
    "forms_pattern",
    "normalise",
]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

#: How a form relates to its term.
FormKind = Literal["term", "alias", "variant"]


def normalise(text: str) -> str:
    """Unicode NFKC (full-width ``＋`` and ``８６３`` become ASCII) without zero-width marks."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


def forms_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A regular expression matching any of ``forms``, longest first (so the longest
    form wins where one contains another)."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return re.compile("|".join(re.escape(f) for f in ordered))


@dataclass(frozen=True)
class FirstUse:
    """The first official use of a term known from sources.

    Attributes
    ----------
    date
        Partial ISO date (``"2023-09"``).
    by
        Who used it (body or person).
    event
        Where and how, in pflab's words.
    sources
        Source keys (the glossary's own or the registry catalogue's).
    basis
        ``"sources"`` for a researched first use, ``"registry"`` when it is the
        programme's announcement or start date taken from the registry.
    """

    date: str
    by: str
    event: str
    sources: tuple[str, ...] = ()
    basis: str = "sources"

    @property
    def year(self) -> int:
        """The calendar year."""
        return int(self.date[:4])


@dataclass(frozen=True)
class Term:
    """A glossary term and the forms counted as it.

    Attributes
    ----------
    zh
        The Chinese term as counted and reported.
    en
        Main English rendering.
    aliases
        Other names counted as the term: full official names, abbreviations.
    variants
        The term stated in words rather than by name ("variant matched").
    origin
        ``"registry:<id>"`` for terms taken from a registry entry, else ``"extra"`` or
        ``"user"``.
    renderings
        Further English renderings where translators differ.
    generic
        Phrases holding a form used generically, not for the programme.
    programme
        The registry id the term belongs to (``""`` if none).
    since
        Year a programme, plan, list, fund or institution was announced or started
        (registry; ``None`` for slogans and strategies); an occurrence in an earlier year
        is flagged as possibly generic.
    first_use
        First official use known from sources.
    en_sources
        Source keys attesting the English renderings.
    """

    zh: str
    en: str = ""
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    origin: str = "extra"
    renderings: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    programme: str = ""
    since: int | None = None
    first_use: FirstUse | None = field(default=None, compare=False)
    en_sources: tuple[str, ...] = field(default=(), compare=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """The term, its aliases and variants, longest first (the order matching needs)."""
        return tuple(sorted({self.zh, *self.aliases, *self.variants}, key=lambda s: (-len(s), s)))

    def kind_of(self, form: str) -> FormKind:
        """Whether ``form`` is the term itself, an alias or a variant."""
        if form == self.zh:
            return "term"
        if form in self.variants:
            return "variant"
        return "alias"

    @property
    def english(self) -> tuple[str, ...]:
        """Every English rendering, the main one first."""
        return tuple(dict.fromkeys(r for r in (self.en, *self.renderings) if r))


def _extra_terms() -> tuple[Term, ...]:
    return tuple(t for t in _data_terms() if not t.programme)


@dataclass(frozen=True)
class Glossary:
    """An ordered set of terms; the Chinese forms must not repeat across terms.

    Attributes
    ----------
    terms
        The terms, in reporting order.
    sources
        Citation lines by source key (glossary data and registry catalogue).
    """

    terms: tuple[Term, ...]
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for term in self.terms:
            for form in term.forms:
                if not form.strip():
                    raise ParameterError("terms", f"empty form in term {term.zh!r}")
                if traditional_characters(form):
                    raise ParameterError(
                        "terms", f"{form!r} has traditional characters; use simplified ones"
                    )
                owner = seen.setdefault(form, term.zh)
                if owner != term.zh:
                    raise ParameterError("terms", f"{form!r} belongs to {owner!r} and {term.zh!r}")

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def words(self) -> list[str]:
        """Every Chinese form of every term (the jieba user dictionary)."""
        return [form for term in self.terms for form in term.forms]

    def get(self, zh: str) -> Term:
        """The term with this Chinese form (term, alias or variant)."""
        text = normalise(zh.strip())
        for term in self.terms:
            if text in term.forms:
                return term
        raise ParameterError("terms", f"{zh!r} is not in the glossary")

    def select(self, names: Sequence[str]) -> Glossary:
        """A glossary of the named terms, in the order given.

        A name that is a term, alias or variant of a glossary term selects that term with
        all its forms; other names become new terms (origin ``"user"``) with no English.
        """
        chosen: list[Term] = []
        for name in names:
            text = normalise(name.strip())
            if not text:
                raise ParameterError("terms", "empty term")
            try:
                chosen.append(self.get(text))
            except ParameterError:
                chosen.append(Term(text, origin="user"))
        return Glossary(tuple(dict.fromkeys(chosen)), self.sources)

    def typed_notes(self, names: Sequence[str]) -> list[str]:
        """Notes for names typed as an alias or variant of a glossary term."""
        notes = []
        for name in names:
            text = normalise(name.strip())
            try:
                term = self.get(text)
            except ParameterError:
                continue
            if text != term.zh:
                notes.append(
                    f"{text} is counted as a form ({term.kind_of(text)}) of {term.zh}, "
                    f"together with {', '.join(f for f in term.forms if f != text)}"
                )
        return notes

    def cite(self, keys: Iterable[str]) -> str:
        """Citation lines for source keys, joined with "; " (unknown keys kept as keys)."""
        return "; ".join(self.sources.get(k, k) for k in keys)

    def to_records(self) -> list[dict[str, Any]]:
        """Plain records (for a sidecar); :func:`from_records` reads them back."""
        out = []
        for t in self.terms:
            record: dict[str, Any] = {
                "zh": t.zh,
                "en": t.en,
                "renderings": list(t.renderings),
                "aliases": list(t.aliases),
                "variants": list(t.variants),
                "generic": list(t.generic),
                "origin": t.origin,
                "programme": t.programme,
                "since": t.since,
                "en_sources": list(t.en_sources),
            }
            if t.first_use is not None:
                record["first_use"] = {
                    "date": t.first_use.date,
                    "by": t.first_use.by,
                    "event": t.first_use.event,
                    "sources": list(t.first_use.sources),
                    "basis": t.first_use.basis,
                }
            out.append(record)
        return out

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], sources: Mapping[str, str] | None = None
    ) -> Glossary:
        """The glossary written by :meth:`to_records`."""
        terms = []
        for r in records:
            use = r.get("first_use")
            terms.append(
                Term(
                    zh=r["zh"],
                    en=r.get("en", ""),
                    aliases=tuple(r.get("aliases", ())),
                    variants=tuple(r.get("variants", ())),
                    origin=r.get("origin", "extra"),
                    renderings=tuple(r.get("renderings", ())),
                    generic=tuple(r.get("generic", ())),
                    programme=r.get("programme", ""),
                    since=r.get("since"),
                    en_sources=tuple(r.get("en_sources", ())),
                    first_use=None
                    if not use
                    else FirstUse(
                        use["date"],
                        use["by"],
                        use["event"],
                        tuple(use["sources"]),
                        use.get("basis", "sources"),
                    ),
                )
            )
        return cls(tuple(terms), dict(sources or {}))


# -- the data file ------------------------------------------------------------------------


def _glossary_file() -> dict[str, Any]:
    import yaml

    path = resources.files("pflab.policy.terms").joinpath("glossary.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise DataFormatError("expected a mapping with a 'terms' list", path=str(path))
    return data


def _as_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFormatError(f"{where}: {key!r} must be a list of strings", path="glossary.yaml")
    return tuple(normalise(v) for v in value)


@lru_cache(maxsize=1)
def _data_terms() -> tuple[Term, ...]:
    terms = []
    for i, entry in enumerate(_glossary_file()["terms"]):
        where = f"terms[{i}] ({entry.get('zh', '?')})"
        if not isinstance(entry, dict) or not isinstance(entry.get("zh"), str):
            raise DataFormatError(f"{where}: needs a 'zh' string", path="glossary.yaml")
        english = _as_tuple(entry.get("en"), where, "en")
        use = entry.get("first_use")
        first_use = None
        if use is not None:
            first_use = FirstUse(
                str(use["date"]),
                str(use["by"]),
                " ".join(str(use["event"]).split()),
                _as_tuple(use.get("sources"), where, "sources"),
            )
        terms.append(
            Term(
                zh=normalise(entry["zh"]),
                en=english[0] if english else "",
                aliases=_as_tuple(entry.get("aliases"), where, "aliases"),
                variants=_as_tuple(entry.get("variants"), where, "variants"),
                origin="extra",
                renderings=english[1:],
                generic=_as_tuple(entry.get("generic"), where, "generic"),
                programme=str(entry.get("programme") or ""),
                first_use=first_use,
                en_sources=_as_tuple(entry.get("en_sources"), where, "en_sources"),
            )
        )
    return tuple(terms)


@lru_cache(maxsize=1)
def _data_sources() -> dict[str, str]:
    out = {}
    for item in _glossary_file().get("sources", []):
        parts = [item["title"], item.get("publisher"), item.get("date"), item.get("url")]
        out[item["key"]] = ", ".join(str(p) for p in parts if p)
    return out


def _registry_sources(registry: Registry) -> dict[str, str]:
    out = {}
    for key, ref in registry.sources.items():
        parts = [ref.title, ref.publisher, ref.date, ref.url]
        out[key] = ", ".join(str(p) for p in parts if p)
    return out


def default_glossary(
    registry: Registry | None = None, extra: Iterable[Term] | None = None
) -> Glossary:
    """The registry's terms merged with the glossary data, then the words of the debate.

    Parameters
    ----------
    registry
        Default: the shipped registry.
    extra
        Terms to add after the registry's (default: the glossary data's terms that belong
        to no programme, :data:`EXTRA_TERMS`).
    """
    reg = registry or load_registry()
    data = {t.zh: t for t in _data_terms() if t.programme}
    terms = []
    for p in reg:
        if not p.terms:
            continue
        zh = normalise(p.terms[0])
        registry_aliases = tuple(normalise(v) for v in p.terms[1:])
        points = [d for d in (p.dates.announced, p.dates.start) if d is not None]
        earliest = min(points, key=lambda d: d.earliest)
        known = data.get(zh)
        registry_use = FirstUse(
            earliest.date,
            ", ".join(p.issuers[:2]) or "",
            f"{p.name_en}: {earliest.note or 'announced or started'} (registry date)",
            tuple(earliest.sources),
            basis="registry",
        )
        # an earlier use of a slogan is a finding, not a sign of a generic phrase: only
        # programmes, plans, lists, funds and institutions have a start to be before
        since = None if p.kind == "strategy" else earliest.year
        if known is None:
            term = Term(
                zh=zh,
                en=p.term_en or p.name_en,
                aliases=registry_aliases,
                origin=f"registry:{p.id}",
                programme=p.id,
                since=since,
                first_use=registry_use,
            )
        else:
            aliases = tuple(dict.fromkeys((*known.aliases, *registry_aliases)))
            term = Term(
                zh=zh,
                en=known.en or p.term_en or p.name_en,
                aliases=tuple(a for a in aliases if a not in known.variants),
                variants=known.variants,
                origin=f"registry:{p.id}",
                renderings=known.renderings,
                generic=known.generic,
                programme=p.id,
                since=since,
                first_use=known.first_use or registry_use,
                en_sources=known.en_sources,
            )
        terms.append(term)
    sources = {**_registry_sources(reg), **_data_sources()}
    chosen_extra = _extra_terms() if extra is None else tuple(extra)
    return Glossary((*terms, *chosen_extra), sources)


#: Words of the policy debate that are not registry entries (from ``glossary.yaml``).
EXTRA_TERMS: tuple[Term, ...] = _extra_terms()
